"""Every page of the site, in a stable order, each made only when it is rendered."""
from __future__ import annotations

from functools import partial
from typing import Callable, NamedTuple, Sequence

from . import inputs, listings, reading, urls
from .pages import Page, Plan, page_numbers
from .touched import NONE, Untouched


class Planned(NamedTuple):
    """One page of the site, to be made when it is rendered (a tuple: a site has tens of thousands)."""

    make: Callable[[], Page]
    inputs: Callable[[], inputs.Inputs | None] | None = None
    """Its path and the key of what it is made from (site.inputs), found without making it; None (or a
    function giving None) where the page is made every time."""
    untouched: str | None = None
    """Its path, where site.touched knows its inputs are those the previous site's page was made from: it
    is then kept without being keyed."""
    carried: bool = False
    """Whether the previous site's file is already kept (engine.output.carry_untouched): the page is then
    only listed, never made (make is never called)."""


def plan_lazily(plan: Plan, editorial: Sequence[tuple[str, str, str]] = (),
                search_page: bool = True, untouched: Untouched = NONE, carried: Untouched = NONE) -> list[Planned]:
    """Every page of the site, in a stable order, each to be made when it is rendered: the contexts of all
    pages at once would hold the archive several times over.

    editorial: our own pages as (slug, title, html) (render.editorial_pages). search_page: False leaves
    the search page out, for a caller that renders it once the search index is built. untouched: the
    article, issue and source pages nothing changed since the previous site (site.touched); carried: those
    of them already kept (listed only, in their place)."""
    a = plan.archive

    def numbers(items: Sequence) -> range:
        return page_numbers(plan, len(items))
    ps: list[Callable[[], Page] | Planned] = [partial(make, plan) for make in (
        listings.home, *([listings.search] if search_page else []), listings.papers_overview, listings.dates,
        listings.districts_overview,
        listings.topics_overview, listings.people_overview)]
    for issue in a.issues:
        ps.append(Planned(_carried, None, urls.issue_path(issue), True) if issue.id in carried.issues else
                  Planned(partial(reading.issue_page, plan, issue), partial(inputs.issue_inputs, plan, issue),
                          urls.issue_path(issue) if issue.id in untouched.issues else None))
        ps.append(Planned(_carried, None, urls.source_path(issue), True) if issue.id in carried.sources else
                  Planned(partial(reading.source_page, plan, issue), partial(inputs.source_inputs, plan, issue),
                          urls.source_path(issue) if issue.id in untouched.sources else None))
    ps += [Planned(_carried, None, urls.article_path(e.article), True) if e.article.id in carried.articles else
           Planned(partial(reading.article_page, plan, e), partial(inputs.article_inputs, plan, e),
                   urls.article_path(e.article) if e.article.id in untouched.articles else None)
           for e in a.entries]
    ps += [partial(listings.paper_page, plan, name) for name in a.by_paper]
    ps += [partial(listings.year_page, plan, year) for year in a.by_year]
    ps += [partial(listings.month_page, plan, year, month) for year, month in a.by_month]
    ps += [Planned(partial(listings.district_page, plan, name, n), partial(inputs.district_inputs, plan, name, n))
           for name, es in a.by_district.items() for n in numbers(es)]
    ps += [Planned(partial(listings.topic_page, plan, name, n), partial(inputs.topic_inputs, plan, name, n))
           for name, es in a.by_topic.items() for n in numbers(es)]
    ps += [Planned(partial(listings.person_page, plan, p, n), partial(inputs.person_inputs, plan, p, n))
           for p in a.people for n in numbers(p.mentions)]
    ps += [partial(reading.editorial_page, plan, slug, title, html) for slug, title, html in editorial]
    ps.append(partial(reading.not_found, plan))
    return [p if isinstance(p, Planned) else Planned(p) for p in ps]


def _carried() -> Page:
    raise AssertionError("a carried page is kept as it is, never made")


def all_pages(plan: Plan, editorial: Sequence[tuple[str, str, str]] = ()) -> list[Page]:
    """Every page of the site, in a stable order."""
    return [planned.make() for planned in plan_lazily(plan, editorial)]
