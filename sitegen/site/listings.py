"""The pages that list the archive: home, overviews, dates, papers, districts, topics and people."""
from __future__ import annotations

import datetime
from typing import Any, Sequence

from ..archive.groups import Entry
from ..archive.people import Person, is_writer
from ..model import Issue
from ..search import BUNDLE_DIR, RUNTIME, SHARDS_NAME, first_files, search_data
from . import describe, urls
from .calendars import WEEKDAYS, month_weeks
from .contexts import (CalendarMonth, DatesPage, Feed, HomePage, ListingPage, MonthPage, OverviewPage,
                       PaperPage, PeoplePage, PersonPage, RoleCard, SearchPage, YearPage)
from .format import cn_date, issue_label, numbered_title
from .pages import (Page, Plan, card, counted_links, frame, issue_card, link, neighbour, page, page_items, page_list,
                    page_numbers, pager, person_card)

NEWEST_ON_HOME = 10
PEOPLE_ON_HOME = 12


def home(plan: Plan) -> Page:
    a = plan.archive
    dated = [i.date for i in a.issues if i.date]
    first, last = (cn_date(min(dated)), cn_date(max(dated))) if dated else ("", "")
    papers = [name or urls.UNKNOWN_PAPER for name in a.by_paper]
    return page(plan, "home.html", HomePage(
        **frame(plan, urls.HOME, "首页", [],
                describe.home(plan.title, papers, len(a.issues), len(a.entries), first, last)),
        stats={"issues": len(a.issues), "articles": len(a.entries), "papers": len(a.by_paper),
               "first": first, "last": last},
        newest=[issue_card(plan, i) for i in a.issues[:NEWEST_ON_HOME]],
        papers=counted_links(plan, a.by_paper, plan.urls.paper_path),
        districts=counted_links(plan, a.by_district, plan.urls.district_path),
        topics=counted_links(plan, a.by_topic, plan.urls.topic_path),
        years=counted_links(plan, a.by_year, urls.year_path),
        people=[person_card(plan, p) for p in a.people[:PEOPLE_ON_HOME]], people_url=plan.url(urls.PEOPLE)))


def search(plan: Plan, shards: Sequence[dict[str, Any]] = ()) -> Page:
    # search_runtime, search_shards, search_first: what a search starts with, for the page to fetch beside
    # its own script rather than after it (search_first needs the list of shards that building the
    # search index returns). search_data: the constants static/search-core.js shares with Python.
    bundle = plan.url(f"{BUNDLE_DIR}/")
    return page(plan, "search.html", SearchPage(
        **frame(plan, urls.SEARCH, "搜索", [link(plan, "搜索", urls.SEARCH)],
                describe.search(plan.title, len(plan.archive.entries))),
        search_runtime=bundle + RUNTIME[0], search_shards=bundle + SHARDS_NAME,
        search_first=[bundle + f for f in first_files(shards)], search_data=search_data(bundle)))


def overview(plan: Plan, path: str, title: str, crumb: str, groups: dict, path_of, unit: str) -> Page:
    """All papers, districts or topics, each with how much it holds."""
    names = [name or urls.UNKNOWN_PAPER for name in groups]
    return page(plan, "overview.html", OverviewPage(
        **frame(plan, path, title, [link(plan, crumb, path)], describe.overview(title, names, unit)),
        groups=counted_links(plan, groups, path_of), unit=unit))


def papers_overview(plan: Plan) -> Page:
    return overview(plan, urls.PAPERS, "全部报刊", "报刊", plan.archive.by_paper, plan.urls.paper_path, "期")


def districts_overview(plan: Plan) -> Page:
    return overview(plan, urls.DISTRICTS, "按区域浏览", "区域", plan.archive.by_district, plan.urls.district_path, "篇")


def topics_overview(plan: Plan) -> Page:
    return overview(plan, urls.TOPICS, "按主题浏览", "主题", plan.archive.by_topic, plan.urls.topic_path, "篇")


def dates(plan: Plan) -> Page:
    """Every year as a row of twelve months, the months with issues linked."""
    months = plan.archive.by_month
    years = [{"label": f"{year}年", "url": plan.url(urls.year_path(year)), "count": len(issues),
              "months": [{"label": f"{m}月", "count": len(months.get((year, m), ())),
                          "url": plan.url(urls.month_path(year, m)) if (year, m) in months else None}
                         for m in range(1, 13)]}
             for year, issues in plan.archive.by_year.items()]
    described = describe.dates([y["label"] for y in years], sum(y["count"] for y in years))
    return page(plan, "dates.html", DatesPage(
        **frame(plan, urls.DATES, "按日期浏览", [link(plan, "日期", urls.DATES)], described), years=years))


def day_link(plan: Plan, date: datetime.date, issues: Sequence[Issue]) -> dict[str, str]:
    """A calendar day leads to its issue, or to its month's list when several papers came out that day."""
    if len(issues) == 1:
        return {"url": plan.url(urls.issue_path(issues[0])), "label": issue_label(issues[0])}
    papers = "、".join(i.publication or urls.UNKNOWN_PAPER for i in issues)
    return {"url": plan.url(urls.month_path(date.year, date.month)),
            "label": f"{cn_date(date)}：{papers}，共{len(issues)}期"}


def calendar_month(plan: Plan, year: int, month: int) -> CalendarMonth:
    count = len(plan.archive.by_month.get((year, month), ()))
    return {"label": f"{month}月", "id": f"m{month:02d}", "count": count,
            "url": plan.url(urls.month_path(year, month)) if count else None,
            "weeks": month_weeks(year, month, plan.archive.by_day, lambda d, its: day_link(plan, d, its))}


def year_page(plan: Plan, year: int) -> Page:
    years = list(plan.archive.by_year)
    at = years.index(year)
    older = neighbour(plan, "上一年", f"{years[at - 1]}年", urls.year_path(years[at - 1])) if at > 0 else None
    newer = neighbour(plan, "下一年", f"{years[at + 1]}年", urls.year_path(years[at + 1])) \
        if at + 1 < len(years) else None
    return page(plan, "year.html", YearPage(
        **frame(plan, urls.year_path(year), f"{year}年",
                [link(plan, "日期", urls.DATES), link(plan, f"{year}年", urls.year_path(year))],
                describe.year(year, plan.archive.by_year[year],
                              sum(1 for y, _ in plan.archive.by_month if y == year))),
        count=len(plan.archive.by_year[year]), weekdays=WEEKDAYS, pager=pager("其他年份", older, newer),
        calendar=[calendar_month(plan, year, m) for m in range(1, 13)],
        months=[{"label": f"{m}月", "url": plan.url(urls.month_path(y, m)),
                 "issues": [issue_card(plan, i) for i in its]}
                for (y, m), its in plan.archive.by_month.items() if y == year]))


def month_page(plan: Plan, year: int, month: int) -> Page:
    path = urls.month_path(year, month)
    months = list(plan.archive.by_month)
    at = months.index((year, month))
    older = newer = None
    if at > 0:
        y, m = months[at - 1]
        older = neighbour(plan, "上个月", f"{y}年{m}月", urls.month_path(y, m))
    if at + 1 < len(months):
        y, m = months[at + 1]
        newer = neighbour(plan, "下个月", f"{y}年{m}月", urls.month_path(y, m))
    return page(plan, "month.html", MonthPage(
        **frame(plan, path, f"{year}年{month}月", [link(plan, "日期", urls.DATES),
                                                   link(plan, f"{year}年", urls.year_path(year)),
                                                   link(plan, f"{month}月", path)],
                describe.month(year, month, plan.archive.by_month[(year, month)])),
        calendar={**calendar_month(plan, year, month), "label": "日历", "url": None}, weekdays=WEEKDAYS,
        pager=pager("其他月份", older, newer),
        issues=[issue_card(plan, i) for i in reversed(plan.archive.by_month[(year, month)])]))


def paper_page(plan: Plan, name: str) -> Page:
    issues = plan.archive.by_paper[name]
    label = name or urls.UNKNOWN_PAPER
    dated = [i.date for i in issues if i.date]
    districts = sorted({i.district for i in issues if i.district})
    facts = {"issues": len(issues), "articles": sum(len(i.articles) for i in issues),
             "district": "、".join(districts) if districts else "全市",
             "first": cn_date(min(dated)) if dated else "", "last": cn_date(max(dated)) if dated else ""}
    return page(plan, "paper.html", PaperPage(
        **frame(plan, plan.urls.paper_path(name), label,
                [link(plan, "报刊", urls.PAPERS), link(plan, label, plan.urls.paper_path(name))],
                describe.paper(label, **facts)),
        facts=facts,
        issues=[issue_card(plan, i) for i in issues]))


def listing(plan: Plan, path: str, name: str, kind: str, parent: str, es: Sequence[Entry], number: int | None = None,
            feed: Feed | None = None) -> Page:
    """Page `number` (from the oldest; default the newest) of the articles of a district or topic, newest first."""
    count = len(page_numbers(plan, len(es)))
    number = number or count
    on_page = page_items(plan, es, number)
    newest = number == count
    return page(plan, "listing.html", ListingPage(
        **frame(plan, urls.numbered_page(path, number, count), numbered_title(name, number, count),
                [link(plan, kind, parent), link(plan, name, path)],
                describe.listing(kind, name, len(es) if newest else None, on_page, number), feed=feed),
        kind=kind, name=name, total=len(es) if newest else None, articles=[card(plan, e) for e in on_page],
        pages=page_list(plan, path, number, len(es))))


def district_page(plan: Plan, name: str, number: int | None = None) -> Page:
    return listing(plan, plan.urls.district_path(name), name, "区域", urls.DISTRICTS, plan.archive.by_district[name],
                   number, feed={"title": f"{plan.title}：{name}", "url": plan.url(plan.urls.district_feed_path(name))})


def topic_page(plan: Plan, name: str, number: int | None = None) -> Page:
    return listing(plan, plan.urls.topic_path(name), name, "主题", urls.TOPICS, plan.archive.by_topic[name], number)


def people_overview(plan: Plan) -> Page:
    """Everyone named, most articles first: officials with their titles, and the papers' own writers."""
    people = plan.archive.people
    writers = sum(1 for p in people if is_writer(p))
    return page(plan, "people.html", PeoplePage(
        **frame(plan, urls.PEOPLE, "人物", [link(plan, "人物", urls.PEOPLE)],
                describe.people(len(people) - writers, writers)),
        groups=[{"title": "文中人物", "id": "named",
                 "people": [person_card(plan, p) for p in people if not is_writer(p)]},
                {"title": "记者、通讯员与作者", "id": "writers",
                 "people": [person_card(plan, p) for p in people if is_writer(p)]}],
        total=len(people)))


def person_page(plan: Plan, p: Person, number: int | None = None) -> Page:
    """Page `number` (from the oldest; default the newest) of a person's articles, newest first."""
    path = urls.person_path(p.slug)
    by_id = plan.archive.by_id
    count = len(page_numbers(plan, len(p.mentions)))
    number = number or count
    newest = number == count
    articles: list[RoleCard] = [{**card(plan, by_id[m.article_id]), "role": m.role}
                                for m in page_items(plan, p.mentions, number)]
    return page(plan, "person.html", PersonPage(
        **frame(plan, urls.numbered_page(path, number, count), numbered_title(p.name, number, count),
                [link(plan, "人物", urls.PEOPLE), link(plan, p.name, path)],
                describe.person(p.name, p.roles, len(p.mentions) if newest else None, number)),
        person={"name": p.name, "roles": list(p.roles)}, total=len(p.mentions) if newest else None,
        articles=articles, pages=page_list(plan, path, number, len(p.mentions))))
