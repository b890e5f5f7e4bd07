"""Every issue together: one frozen Archive of what the pages, the catalog and the feeds show, built once.

Each fact about the whole archive (its order, continuation links, the people named, related articles, the
groups of every index page) is computed here and only read after, so that every consumer sees the same.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Hashable, Iterable, Mapping, Sequence, TypeVar

from ..lexicon import Lexicon
from ..model import Issue
from .continuations import continuation_links
from .groups import Entry, entries, group, sort_issues
from .people import Person, index_people
from .related import Related, RelItem, find_related

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

Groups = Mapping[K, tuple[T, ...]]
"""An index: each key (sorted) with its items, in the archive's order (newest first)."""


@dataclass(frozen=True)
class Archive:
    """The archive as the site shows it. Issues and articles are the engine's, after ids and keywords."""

    issues: tuple[Issue, ...]
    """Newest first (groups.newest_first): the site's order."""
    entries: tuple[Entry, ...]
    """Every article with its issue, newest issue first, in printed order within an issue."""
    by_id: Mapping[str, Entry]
    """Each article's entry by the article's id."""
    continued_on: Mapping[str, str]
    """An article's id → the id of the part it goes on to (下转), where that part is in the archive."""
    continued_from: Mapping[str, str]
    """A fragment's id → the id of the part it comes from (上接), where that part is in the archive."""
    people: tuple[Person, ...]
    """Everyone the articles name, most-mentioned first; each person's mentions newest first."""
    person_named: Mapping[str, Person]
    """The Person of each name an article gives (Article.people)."""
    related: Mapping[str, tuple[str, ...]]
    """An article's id → the ids of the articles most like it, best first."""
    relatedness: Related
    """The related lists with what they were found from: a later build of a changed archive starts from it."""
    by_issue: Groups[str, Entry]
    by_paper: Groups[str, Issue]
    """Keyed by the paper's name, "" for issues whose paper is unknown."""
    by_year: Groups[int, Issue]
    by_month: Groups[tuple[int, int], Issue]
    by_day: Groups[datetime.date, Issue]
    by_district: Groups[str, Entry]
    by_topic: Groups[str, Entry]


def build_archive(issues: Sequence[Issue], lexicon: Lexicon, related_before: Related | None = None) -> Archive:
    """The Archive of finished issues (archive.finish: ids, facts, text as shown).

    related_before: the relatedness of an earlier build (Archive.relatedness), whose lists the change
    cannot alter are taken as they are (related.find_related)."""
    ordered = tuple(sort_issues(issues))
    listed = tuple(entries(ordered))
    links = continuation_links(ordered)
    people = index_people([e.article for e in listed])
    relatedness = find_related(_rel_items(listed), lexicon.topics[-1].name, before=related_before)
    return Archive(
        issues=ordered,
        entries=listed,
        by_id=MappingProxyType({e.article.id: e for e in listed}),
        continued_on=MappingProxyType({id_: other for (id_, way), other in links.items() if way == "on"}),
        continued_from=MappingProxyType({id_: other for (id_, way), other in links.items() if way == "from"}),
        people=people,
        person_named=MappingProxyType({p.name: p for p in people}),
        related=MappingProxyType(relatedness.lists),
        relatedness=relatedness,
        by_issue=_groups(listed, lambda e: [e.issue.id]),
        by_paper=_groups(ordered, lambda i: [i.publication or ""]),
        by_year=_groups(ordered, lambda i: [i.date.year] if i.date else []),
        by_month=_groups(ordered, lambda i: [(i.date.year, i.date.month)] if i.date else []),
        by_day=_groups(ordered, lambda i: [i.date] if i.date else []),
        by_district=_groups(listed, lambda e: e.article.districts),
        by_topic=_groups(listed, lambda e: e.article.topics),
    )


def _rel_items(listed: Sequence[Entry]) -> list[RelItem]:
    """What relatedness looks at in every article; made on every build, for every article (an issue's
    articles come together: its date is written out once)."""
    items = []
    issue, date = None, ""
    for e in listed:
        if e.issue is not issue:
            issue, date = e.issue, e.issue.date.isoformat() if e.issue.date else ""
        a = e.article
        items.append(RelItem(a.id, date, a.topics, a.keywords, tuple([name for name, _ in a.people])))
    return items


def _groups(items: Iterable[T], keys: Callable[[T], Iterable[K]]) -> Groups[K, T]:
    return MappingProxyType({k: tuple(v) for k, v in group(items, keys).items()})
