"""Group the archive's articles and issues for the index pages, in one stable order."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Callable, Hashable, Iterable, Sequence, TypeVar

from ..model import Article, Issue

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """An article with the issue it appeared in."""

    issue: Issue
    article: Article
    number: int
    """1-based place of the article in its issue."""


def newest_first(issue: Issue) -> tuple:
    """Sort key: newest dated issues first, undated ones last; ties by paper then id, for stability."""
    date = issue.date or datetime.date.min
    return (-date.toordinal(), issue.publication or "", issue.id)


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=newest_first)


def entries(issues: Sequence[Issue]) -> list[Entry]:
    """Every article of the archive, newest issue first, in printed order within an issue."""
    return [
        Entry(issue, article, n)
        for issue in sort_issues(issues)
        for n, article in enumerate(issue.articles, start=1)
    ]


def group(items: Iterable[T], keys: Callable[[T], Iterable[K]]) -> dict[K, list[T]]:
    """Group items under each of their keys, keeping the items' order; keys sorted."""
    groups: dict[K, list[T]] = {}
    for item in items:
        for key in keys(item):
            groups.setdefault(key, []).append(item)
    return {k: groups[k] for k in sorted(groups, key=_sort_key)}


def _sort_key(key: object) -> tuple:
    return (str(type(key)), key)
