"""The archive between builds as rows: each issue as shown, without its text, in one file.

A rebuild after one new issue at 8,000 issues needs every issue for the archive (its order, groups,
people, related lists) but the text of only the hundred or so whose pages it makes. Unpickling each
issue's shown entry (engine.cache.ShownCache) made some 300,000 objects of blocks and lines it did not
use, and took seconds; the rows of every issue, plain tuples in one pickle whose strings are shared,
load in about a tenth of a second. An issue loaded from its row is light: its source's text and its
articles' blocks and heads are None, so that anything reading them fails loudly, never shows nothing.
The pages that show an issue's text ask for it whole (engine.load.WholeIssues, Plan.whole).
"""
from __future__ import annotations

import pickle
import sys
from dataclasses import fields
from typing import Any

from ..errors import Problem
from ..files import remove_other_files, write_atomically
from ..model import ArticleFacts, EnrichedIssue, ParsedArticle, ParsedIssue, Source
from .cache import IssueCache, Shown, load_pickle

ROWS = "rows"

_ISSUE_FIELDS = tuple(f.name for f in fields(ParsedIssue) if f.name not in ("source", "articles", "problems"))
_ARTICLE_FIELDS = tuple(f.name for f in fields(ParsedArticle) if f.name not in ("blocks", "head"))
_FACT_FIELDS = tuple(f.name for f in fields(ArticleFacts))

Row = tuple
"""(measures, (path, sha256, encoding), issue values, problems, ((article values, fact values), …)):
Shown without the text, every value a plain one (see issue_row)."""


def issue_row(shown: Shown) -> Row:
    """The row of a shown entry: everything but the source's text and the articles' blocks and heads."""
    issue, measures = shown
    parsed = issue.parsed
    return _shared((
        measures, (parsed.source.path, parsed.source.sha256, parsed.source.encoding),
        tuple(getattr(parsed, name) for name in _ISSUE_FIELDS),
        tuple((p.path, p.line, p.message, p.severity) for p in parsed.problems),
        tuple((tuple(getattr(a, name) for name in _ARTICLE_FIELDS), tuple(getattr(f, name) for name in _FACT_FIELDS))
              for a, f in zip(parsed.articles, issue.facts))))


def light_issue(row: Row) -> Shown:
    """The shown entry a row was made from, light: its source's text and its articles' blocks and heads None.

    Made as model._made makes objects (their fields at once, not through a frozen dataclass's __init__):
    a rebuild makes one for every article of the archive."""
    measures, (path, sha256, encoding), values, problems, articles = row
    parsed_articles, facts = [], []
    for article_values, fact_values in articles:
        article = object.__new__(ParsedArticle)
        article.__dict__.update(zip(_ARTICLE_FIELDS, article_values), blocks=None, head=None)
        parsed_articles.append(article)
        fact = object.__new__(ArticleFacts)
        fact.__dict__.update(zip(_FACT_FIELDS, fact_values))
        facts.append(fact)
    issue = object.__new__(ParsedIssue)
    issue.__dict__.update(zip(_ISSUE_FIELDS, values), source=Source(path, None, sha256, encoding),  # type: ignore[arg-type]
                          articles=tuple(parsed_articles), problems=tuple(Problem(*p) for p in problems))
    return EnrichedIssue(issue, tuple(facts)), measures


def is_light(issue: ParsedIssue) -> bool:
    """Whether the issue was loaded from its row (light_issue)."""
    return issue.source.text is None


def _shared(value: Any) -> Any:
    """value with its short strings interned: the names, places, topics and keywords that thousands of rows
    repeat are then one object each, which pickle writes once and reads back once."""
    if isinstance(value, str):
        return sys.intern(value) if len(value) <= 32 else value
    if isinstance(value, tuple):
        return tuple(_shared(v) for v in value)
    return value


class RowCache:
    """Every issue's row by its cache key (engine.cache.IssueCache.key), one file a code version: read
    whole once a build (kept in memory by `sitegen serve`), written again when rows came or went."""

    def __init__(self, issues: IssueCache):
        self._path = issues.cache_dir / ROWS / f"{issues.version[:24]}.pickle"
        self._kept = issues.kept
        self._rows: dict[str, Row] | None = None
        self._used: set[str] = set()
        self._changed = False

    def _all(self) -> dict[str, Row]:
        if self._rows is None:
            rows = self._kept.get(ROWS) if self._kept is not None else None
            if rows is None:
                rows = load_pickle(self._path, "the archive's rows")
            self._rows = rows if isinstance(rows, dict) else {}
        return self._rows

    def get(self, key: str) -> Shown | None:
        """The light issue of key's row (light_issue), None where there is no sound row."""
        row = self._all().get(key)
        try:
            light = light_issue(row) if row is not None else None
        except (TypeError, ValueError):  # a row of another shape: a miss, made again from the shown entry
            light = None
        if light is not None:
            self._used.add(key)
        return light

    def put(self, key: str, shown: Shown) -> None:
        """Keep the row of a shown entry (issue_row)."""
        self._all()[key] = issue_row(shown)
        self._used.add(key)
        self._changed = True

    def save(self) -> None:
        """Keep the rows this build used (the others' files are gone or changed), if they are not the ones
        on disk already; a cache that cannot be written only costs time."""
        everything = self._all()
        rows = {key: everything[key] for key in sorted(self._used)}
        if self._changed or len(rows) != len(everything):
            write_atomically(self._path, pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
        if self._kept is not None:
            self._kept.put(ROWS, rows)
        self._rows = rows

    def remove_other_versions(self) -> None:
        """Drop the rows of other code versions."""
        remove_other_files(self._path)
