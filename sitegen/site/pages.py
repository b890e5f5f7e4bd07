"""Pages as (path, template, context), and the pieces of plain data that several page kinds share.

Page contexts are built by pure functions from the Archive (site.listings, site.reading), each of the
declared shape of its kind (site.contexts); templates never compute URLs or sort anything.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Mapping, Sequence

from ..archive import Archive
from ..archive.groups import Entry
from ..archive.people import Person
from ..config import DEFAULT_TITLE
from ..model import Issue
from . import urls
from .contexts import (Card, Context, CountedLink, Feed, Frame, IssueCard, Link, Neighbour, PageList, PageNumber,
                       Pager, PersonCard, Site)
from .format import KIND_LABELS, cn_date, iso_date, issue_label, paper_name

LIST_PAGE_SIZE = 100
"""Articles per page of a district, topic or person: a district of ten years lists thousands. The pages
are numbered from the oldest, each holding this many but the newest, which holds the rest (see
page_numbers)."""
PAGE_LINKS_AROUND = 2
"""Page links shown either side of the current page in a long list, besides the first and the last."""


@dataclass(frozen=True)
class Page:
    path: str
    """Site-relative page path, e.g. "shijingshan-bao/2020-04-16/"."""
    template: str
    context: Context


def as_whole(issue: Issue) -> Issue:
    """Plan.whole where every issue is whole."""
    return issue


@dataclass(frozen=True)
class Plan:
    """What every page of one site is made from: the archive and how this build addresses it."""

    archive: Archive
    urls: urls.SiteUrls
    title: str = DEFAULT_TITLE
    dev: bool = False
    """A preview build for `sitegen serve`: pages load static/dev.js, which shows a failed rebuild."""
    list_page_size: int = field(default_factory=lambda: LIST_PAGE_SIZE)
    made_from: Mapping[str, str] = field(default_factory=dict)
    """Issue id → what the engine made that issue from (its cache key), where it knows: the pages of such an
    issue can be kept without being made again while what they read is unchanged (site.inputs)."""
    whole: Callable[[Issue], Issue] = field(default=as_whole, repr=False, compare=False)
    """An issue of the archive with its text: the engine may load the issues whose pages it keeps without it
    (engine.rows); the article and source pages, the feeds and the catalog parts ask for it here."""
    _cards: dict[str, Card] = field(default_factory=dict, repr=False, compare=False)
    """Cards made so far: an article is listed on a dozen pages or so (see card)."""

    def url(self, path: str) -> str:
        return self.urls.url(path)

    @cached_property
    def place_in_paper(self) -> dict[str, int]:
        """Each issue's place (by id) in its paper's list of issues (archive.by_paper, newest first)."""
        return {i.id: n for issues in self.archive.by_paper.values() for n, i in enumerate(issues)}

    @cached_property
    def constant(self) -> str:
        """What every page of this build reads besides the archive, hashed: its settings and the names the
        tables give papers, districts and topics (for site.inputs)."""
        lexicon = self.urls.lexicon
        return hashlib.sha256(repr((self.site, self.urls.site_url, self.list_page_size, lexicon.places,
                                    lexicon.topics, lexicon.tables)).encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def site(self) -> Site:
        """The same for every page."""
        u = self.url
        return {
            "title": self.title, "dev": self.dev, "base_url": self.urls.base_url,
            "feed_url": u(urls.FEED), "static_url": u(urls.STATIC), "home_url": u(urls.HOME),
            "search_url": u(urls.SEARCH), "catalog_url": u(urls.CATALOG),
            "nav": [link(self, label, path) for label, path in (
                ("报刊", urls.PAPERS), ("日期", urls.DATES), ("区域", urls.DISTRICTS), ("主题", urls.TOPICS),
                ("人物", urls.PEOPLE), ("搜索", urls.SEARCH), ("关于", urls.ABOUT))],
        }


def frame(plan: Plan, path: str, title: str, crumbs: Sequence[Link], description: str,
          feed: Feed | None = None) -> Frame:
    """What every page has: its title, description and addresses, its feeds and its breadcrumbs from the home page."""
    return {"title": title, "path": path, "url": plan.url(path),
            "canonical": plan.urls.absolute(path) if plan.urls.site_url else None, "description": description,
            "feeds": [{"title": plan.title, "url": plan.url(urls.FEED)}] + ([feed] if feed else []),
            "breadcrumbs": [link(plan, "首页", urls.HOME), *crumbs]}


def page(plan: Plan, template: str, frame: Frame) -> Page:
    return Page(frame["path"], template, {"site": plan.site, "page": frame})


def link(plan: Plan, label: str, path: str) -> Link:
    return {"label": label, "url": plan.url(path)}


def counted_links(plan: Plan, groups: dict, path_of) -> list[CountedLink]:
    """An index's entries (papers, years, districts, topics) with how much each holds."""
    return [{"label": str(k) + ("年" if isinstance(k, int) else ""), "url": plan.url(path_of(k)), "count": len(v)}
            for k, v in groups.items()]


def card(plan: Plan, e: Entry) -> Card:
    """An article as listed on index pages (made once and shared: callers copy it before adding to it)."""
    made = plan._cards.get(e.article.id)
    if made is None:
        a = e.article
        made = plan._cards[a.id] = {
            "url": plan.url(urls.article_path(a)), "headline": a.headline, "kicker": a.kicker, "deck": a.deck,
            "kind": KIND_LABELS.get(a.kind, a.kind), "publication": paper_name(e.issue),
            "date": cn_date(e.issue.date), "date_iso": iso_date(e.issue.date), "districts": list(a.districts),
            "issue_url": plan.url(urls.issue_path(e.issue)),
        }
    return made


def issue_card(plan: Plan, issue: Issue) -> IssueCard:
    return {"url": plan.url(urls.issue_path(issue)), "label": issue_label(issue), "publication": paper_name(issue),
            "date": cn_date(issue.date), "date_iso": iso_date(issue.date), "date_inferred": issue.date_inferred,
            "articles": len(issue.articles)}


def person_link(plan: Plan, p: Person) -> Link:
    return link(plan, p.name, urls.person_path(p.slug))


def person_card(plan: Plan, p: Person) -> PersonCard:
    return {**person_link(plan, p), "roles": list(p.roles), "count": len(p.mentions)}


def neighbour(plan: Plan, direction: str, label: str, path: str) -> Neighbour:
    return {"dir": direction, "label": label, "url": plan.url(path)}


def pager(label: str, older: Neighbour | None, newer: Neighbour | None) -> Pager:
    """Links to the neighbours of a page in time: older first, as a reader pages through."""
    return {"label": label, "prev": older, "next": newer}


def page_numbers(plan: Plan, items: int) -> range:
    """The pages a list of this many items takes (one, even when empty), numbered from its oldest items:
    each page but the last holds list_page_size of them, the last (the newest, at the list's own address)
    the rest, one to two pages' worth. So a new article changes the newest page only, never moves the
    others' articles, and page 3 of a district stays page 3 (a back issue moves the pages after its date)."""
    return range(1, max(1, items // plan.list_page_size) + 1)


def page_span(plan: Plan, items: int, number: int) -> tuple[int, int]:
    """Where page `number` of a list of this many items starts and ends, counted from its oldest item
    (from 0, the end left out)."""
    last = len(page_numbers(plan, items))
    return (number - 1) * plan.list_page_size, items if number == last else number * plan.list_page_size


def page_items(plan: Plan, items: Sequence, number: int) -> Sequence:
    """The items on page `number` of a list given newest first, newest first."""
    start, end = page_span(plan, len(items), number)
    return items[len(items) - end:len(items) - start]


def page_window(number: int, count: int, around: int = PAGE_LINKS_AROUND) -> list[int | None]:
    """The page numbers a list's page links to, None where a run of them is left out (…).

    A list of 300 pages links to 1 … 148 149 150 151 152 … 300 from its page 150, not to all 300; a gap
    never hides just one page (that page is shown instead)."""
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - out[-1] == 2:
            out.append(n - 1)
        elif out and n - out[-1] > 2:
            out.append(None)
        out.append(n)
    return out


def page_list(plan: Plan, path: str, number: int, items: int) -> PageList:
    """Where page `number` of a long list stands among the others: the links a reader pages with, the
    newest page first (as the list reads)."""
    count = len(page_numbers(plan, items))
    start, end = page_span(plan, items, number)

    def number_link(n: int | None) -> PageNumber:
        if n is None:
            return {"gap": True}
        return {"number": n, "url": plan.url(urls.numbered_page(path, n, count)), "current": n == number,
                "gap": False}
    return {
        "label": "分页", "number": number, "count": count, "first": start + 1, "last": end,
        "prev": neighbour(plan, "较新", f"第 {number + 1} 页", urls.numbered_page(path, number + 1, count))
        if number < count else None,
        "next": neighbour(plan, "较早", f"第 {number - 1} 页", urls.numbered_page(path, number - 1, count))
        if number > 1 else None,
        "numbers": [number_link(n) for n in reversed(page_window(number, count))] if count > 1 else [],
    }
