"""What the pages that grow with the archive are made from, as a short key found without making the page:
each issue's article, issue and source pages, and the pages of the long lists (districts, topics, people).
A page whose key is the one it was last rendered from is kept as it is, its context never made: a rebuild
after one new issue makes only the few whose inputs it changed, not every page of the archive. (The others,
the overviews, dates and papers, are a few hundred at any size: they are made every time.)

A key holds everything its page function (site.reading) reads, each as small as it can be said:
- the build's own settings: the site's title, addresses and preview mode, and the tables that name
  papers, districts and topics (Plan.constant);
- for each issue the page shows something of, what the engine made it from (Plan.made_from: its file's
  bytes, sidecar, the code and tables, as the issue cache keys it) and the id the archive gave it;
- the archive's links from it: its related articles, the parts it continues from or on to, the paper's
  issues before and after, and the address of each person it names;
- for a page of a list: the articles on it, its number, how many pages the list has and, on its newest
  page, how many articles (site.pages.page_numbers).
tests/test_incremental.py checks, over added, edited and removed issues, that the same key always comes
with the same context.
"""
from __future__ import annotations

import hashlib
import marshal
from typing import Iterable, Sequence

from ..archive.groups import Entry
from ..archive.people import Person
from ..model import Issue
from . import urls
from .pages import Plan, page_items, page_numbers
from .reading import paper_neighbours

Inputs = tuple[str, str]
"""A page's path and the key of what it is made from."""


def _key(plan: Plan, links: tuple, issue_ids: Iterable[str]) -> str | None:
    """The key of a page that shows links (what it shows of the archive besides its issues' own content, by
    id) and the content of the issues issue_ids; None where the engine made one of them from nothing it
    can key (those pages are made every time).

    marshal (version 2, which writes every value by itself: see engine.cache.context_hash) and blake2b:
    a rebuild keys every page of the archive, and repr + sha256 of the same took it three times as long."""
    try:
        made_from = tuple(map(plan.made_from.__getitem__, issue_ids))
    except KeyError:
        return None
    return hashlib.blake2b(marshal.dumps((plan.constant, links, made_from), 2), digest_size=20).hexdigest()


def _issue_of(plan: Plan, article_id: str) -> str:
    return plan.archive.by_id[article_id].issue.id


def paper_neighbour_ids(plan: Plan, issue: Issue) -> tuple[str | None, str | None]:
    """The ids of the paper's issues before and after this one, which its pages link to."""
    older, newer = paper_neighbours(plan, issue)
    return older.id if older else None, newer.id if newer else None


def article_inputs(plan: Plan, e: Entry) -> Inputs | None:
    a, archive = e.article, plan.archive
    related = archive.related[a.id]
    before, after = archive.continued_from.get(a.id), archive.continued_on.get(a.id)
    neighbours = paper_neighbour_ids(plan, e.issue)
    key = _key(plan, ("article", e.issue.id, e.number, tuple(related), before, after,
                      tuple(archive.person_named[name].slug for name, _ in a.people), neighbours),
               [e.issue.id, *(_issue_of(plan, x) for x in related),
                *(_issue_of(plan, x) for x in (before, after) if x), *(i for i in neighbours if i)])
    return (urls.article_path(a), key) if key else None


def issue_inputs(plan: Plan, issue: Issue) -> Inputs | None:
    neighbours = paper_neighbour_ids(plan, issue)
    key = _key(plan, ("issue", issue.id, neighbours), [issue.id, *(i for i in neighbours if i)])
    return (urls.issue_path(issue), key) if key else None


def source_inputs(plan: Plan, issue: Issue) -> Inputs | None:
    key = _key(plan, ("source", issue.id), [issue.id])
    return (urls.source_path(issue), key) if key else None


def _list_page(plan: Plan, kind: str, path: str, name: str, items: Sequence, number: int | None,
               entry_of) -> Inputs | None:
    count = len(page_numbers(plan, len(items)))
    number = number or count
    on_page = page_items(plan, items, number)
    entries = [entry_of(x) for x in on_page]
    key = _key(plan, (kind, name, number, count, len(items) if number == count else None,
                      tuple((x.role if kind == "person" else None, e.article.id) for x, e in zip(on_page, entries))),
               [e.issue.id for e in entries])
    return (urls.numbered_page(path, number, count), key) if key else None


def district_inputs(plan: Plan, name: str, number: int | None = None) -> Inputs | None:
    return _list_page(plan, "district", plan.urls.district_path(name), name, plan.archive.by_district[name], number,
                      lambda e: e)


def topic_inputs(plan: Plan, name: str, number: int | None = None) -> Inputs | None:
    return _list_page(plan, "topic", plan.urls.topic_path(name), name, plan.archive.by_topic[name], number,
                      lambda e: e)


def person_inputs(plan: Plan, p: Person, number: int | None = None) -> Inputs | None:
    by_id = plan.archive.by_id
    return _list_page(plan, "person", urls.person_path(p.slug), repr((p.name, p.roles)), p.mentions, number,
                      lambda m: by_id[m.article_id])
