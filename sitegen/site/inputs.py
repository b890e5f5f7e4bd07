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
from typing import Sequence

from ..archive.groups import Entry
from ..archive.people import Person
from ..model import Issue
from . import urls
from .pages import Plan, page_items, page_numbers
from .reading import paper_neighbours

Inputs = tuple[str, str]
"""A page's path and the key of what it is made from."""


def _key(plan: Plan, parts: Sequence[object]) -> str:
    return hashlib.sha256(repr((plan.constant, *parts)).encode("utf-8", "surrogatepass")).hexdigest()


def _issue(plan: Plan, issue: Issue | None) -> tuple[str, str] | None:
    return (issue.id, plan.made_from[issue.id]) if issue is not None else None


def _paper_neighbours(plan: Plan, issue: Issue) -> tuple[object, object]:
    """The paper's issues before and after this one, which its pages link to."""
    older, newer = paper_neighbours(plan, issue)
    return _issue(plan, older), _issue(plan, newer)


def _article(plan: Plan, article_id: str | None) -> tuple[str, str] | None:
    return _issue(plan, plan.archive.by_id[article_id].issue) + (article_id,) if article_id else None


def article_inputs(plan: Plan, e: Entry) -> Inputs | None:
    a, archive = e.article, plan.archive
    if e.issue.id not in plan.made_from:
        return None
    return urls.article_path(a), _key(plan, (
        "article", _issue(plan, e.issue), e.number,
        tuple(_article(plan, other) for other in archive.related[a.id]),
        _article(plan, archive.continued_from.get(a.id)), _article(plan, archive.continued_on.get(a.id)),
        tuple(archive.person_named[name].slug for name, _ in a.people),
        _paper_neighbours(plan, e.issue)))


def issue_inputs(plan: Plan, issue: Issue) -> Inputs | None:
    if issue.id not in plan.made_from:
        return None
    return urls.issue_path(issue), _key(plan, ("issue", _issue(plan, issue), _paper_neighbours(plan, issue)))


def source_inputs(plan: Plan, issue: Issue) -> Inputs | None:
    if issue.id not in plan.made_from:
        return None
    return urls.source_path(issue), _key(plan, ("source", _issue(plan, issue)))


def _list_page(plan: Plan, kind: str, path: str, name: str, items: Sequence, number: int | None,
               entry_of) -> Inputs | None:
    count = len(page_numbers(plan, len(items)))
    number = number or count
    on_page = page_items(plan, items, number)
    entries = [entry_of(x) for x in on_page]
    if any(e.issue.id not in plan.made_from for e in entries):
        return None
    return urls.numbered_page(path, number, count), _key(plan, (
        kind, name, number, count, len(items) if number == count else None,
        tuple((x.role if kind == "person" else None, _article(plan, e.article.id)) for x, e in zip(on_page, entries))))


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
