"""Permanent ids of issues and articles, from which their URLs are made (sitegen.site.urls).

An issue's id is its paper's slug and its date ("shijingshan-bao/2020-04-16"), an article's the issue's id
and its place in the issue ("shijingshan-bao/2020-04-16/3"): adding other issues never changes them.
"""
from __future__ import annotations

from functools import cache
from typing import Sequence, TypeVar

from pypinyin import lazy_pinyin

from ..errors import Problem
from ..lexicon import Places
from ..model import EnrichedIssue, ParsedIssue

UNKNOWN_PAPER_SLUG = "unknown"
Placed = TypeVar("Placed", ParsedIssue, EnrichedIssue)


@cache
def slugify(name: str) -> str:
    """Turn a Chinese name into a stable ASCII URL segment: 石景山报 -> shijingshanbao."""
    parts = lazy_pinyin(name, errors=lambda s: [c for c in s.lower() if c.isascii() and c.isalnum()])
    slug = "".join(p for p in parts if p.isascii() and p.isalnum())
    return slug or "x"


def publication_slug(name: str | None, places: Places) -> str:
    """The URL segment of a paper: its slug in places.toml, else its pinyin."""
    if not name:
        return UNKNOWN_PAPER_SLUG
    known = places.publication(name)
    return known.slug if known else slugify(name)


def article_id(issue_id: str, number: int) -> str:
    """The id of the number-th article (from 1) of an issue."""
    return f"{issue_id}/{number}"


def assign_ids(issues: Sequence[Placed], places: Places) -> tuple[list[tuple[str, Placed]], list[Problem]]:
    """Give each issue its permanent id ("paper/2020-04-16", the paper's slug from places); return (id, issue)
    pairs, and the problems.

    Of two issues of one paper on one day, the one with the smaller number (总第N期, else 第N期) keeps
    the plain id and the other gets its number appended, whatever their files are called, so that
    adding a second edition never renames the first; file order breaks the remaining ties. The same
    paper, date and number twice is one issue printed twice: the second is dropped with a warning
    naming both files.
    """
    taken: dict[str, ParsedIssue] = {}
    out: list[tuple[str, Placed]] = []
    problems: list[Problem] = []

    def order(placed: Placed) -> tuple[int, int, str]:
        issue = _parsed(placed)
        number = issue.total_no or issue.issue_no
        return (0, number, issue.source.path) if number else (1, 0, issue.source.path)

    for placed in sorted(issues, key=order):
        issue = _parsed(placed)
        day = issue.date.isoformat() if issue.date else "undated-" + issue.source.sha256[:8]
        base = f"{publication_slug(issue.publication, places)}/{day}"
        key = base
        if key in taken:
            first = taken[key]
            if (first.issue_no, first.total_no) == (issue.issue_no, issue.total_no):
                problems.append(Problem(
                    issue.source.path, None,
                    f"the same issue as {first.source.path} (same paper, date and number); "
                    "only that one is built — remove one of the two files",
                ))
                continue
            number = issue.total_no or issue.issue_no
            key = f"{base}-{number}" if number and f"{base}-{number}" not in taken else f"{base}-{issue.source.sha256[:8]}"
        taken[key] = issue
        out.append((key, placed))
    return out, problems


def _parsed(placed: Placed) -> ParsedIssue:
    return placed.parsed if isinstance(placed, EnrichedIssue) else placed
