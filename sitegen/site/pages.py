"""Plan the site: every page as (path, template, context), with contexts of plain data.

Templates get plain dicts and lists built here; they never compute URLs or sort anything.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Sequence

from . import urls
from .calendars import WEEKDAYS, issues_by_day, month_weeks
from ..lexicon import load_topics
from ..archive.groups import Entry, group, by_district, by_month, by_publication, by_topic, by_year, entries, sort_issues
from ..archive.continuations import continuation_links
from ..model import Article, Issue
from ..archive.people import Person, index_people, is_writer
from ..archive.related import RelItem, related_articles
from ..search import BUNDLE_DIR, RUNTIME, SHARDS_NAME, highlight_data, search_data
from .citations import article_jsonld, citation_meta, gbt7714, issue_jsonld

FEED = "feed.xml"
KIND_LABELS = {"news": "新闻", "commentary": "评论", "photo": "图片新闻", "fragment": "续文"}
NEWEST_ON_HOME = 10
PEOPLE_ON_HOME = 12


@dataclass(frozen=True)
class Page:
    path: str
    """Site-relative page path, e.g. "shijingshan-bao/2020-04-16/"."""
    template: str
    context: dict[str, Any]


def body_blocks(a: Article) -> list[dict[str, Any]]:
    """The body as the template shows it: sub-headings shifted so the highest is h2 (the headline is h1)."""
    levels = [int(b.kind[1]) for b in a.blocks if b.kind in ("h2", "h3")]
    shift = min(levels) - 2 if levels else 0
    return [{"kind": f"h{int(b.kind[1]) - shift}" if b.kind in ("h2", "h3") else b.kind,
             "text": b.text, "line": b.lines[0] if b.lines else None} for b in a.blocks]


LIST_PAGE_SIZE = 100
"""Articles per page of a district, topic or person: a district of ten years lists thousands."""


def page_numbers(items: int) -> range:
    """The pages a list of this many items takes (one, even when empty)."""
    return range(1, max(1, -(-items // LIST_PAGE_SIZE)) + 1)


PAGE_LINKS_AROUND = 2
"""Page links shown either side of the current page in a long list, besides the first and the last."""


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


def numbered_title(name: str, number: int) -> str:
    return name if number == 1 else f"{name}（第 {number} 页）"


def district_feed(name: str) -> str:
    return urls.district_path(name) + FEED


def cn_date(date: datetime.date | None) -> str:
    return f"{date.year}年{date.month}月{date.day}日" if date else "日期不详"


def issue_label(issue: Issue) -> str:
    """How readers name an issue: 石景山报 2020年4月16日 第30期."""
    parts = [issue.publication or urls.UNKNOWN_PAPER, cn_date(issue.date)]
    if issue.issue_no:
        parts.append(f"第{issue.issue_no}期")
    if issue.total_no:
        parts.append(f"总第{issue.total_no}期")
    return " ".join(parts)


class Planner:
    """Builds the contexts of every page of one archive."""

    def __init__(self, issues: Sequence[Issue], base_url: str, site_url: str = "", title: str = "北京区报档案",
                 dev: bool = False):
        self.title = title
        self.dev = dev
        self.issues = sort_issues(issues)
        self.base = base_url
        self.site_url = site_url.rstrip("/")
        self.entries = entries(self.issues)
        self.links = continuation_links(self.issues)
        self.by_id = {e.article.id: e for e in self.entries}
        self.by_issue = group(self.entries, lambda e: [e.issue.id])
        self.by_paper = by_publication(self.issues)
        self.topic_slugs = {t.name: t.slug for t in load_topics()}
        # Entries are newest first, so each person's mentions are too.
        self.people = index_people([e.article for e in self.entries])
        self.person_slugs = {p.name: p.slug for p in self.people}
        self._cards: dict[str, dict[str, Any]] = {}
        self.related = related_articles([
            RelItem(e.article.id, e.issue.date.isoformat() if e.issue.date else "", e.article.topics,
                    e.article.keywords, tuple(name for name, _ in e.article.people))
            for e in self.entries])

    def u(self, path: str) -> str:
        return urls.url(self.base, path)

    def site(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "dev": self.dev,
            "base_url": self.base,
            "feed_url": self.u(FEED),
            "static_url": self.u("static/"),
            "home_url": self.u(urls.HOME),
            "search_url": self.u(urls.SEARCH),
            "catalog_url": self.u(urls.CATALOG),
            "nav": [
                {"label": "报刊", "url": self.u(urls.PAPERS)},
                {"label": "日期", "url": self.u(urls.DATES)},
                {"label": "区域", "url": self.u(urls.DISTRICTS)},
                {"label": "主题", "url": self.u(urls.TOPICS)},
                {"label": "人物", "url": self.u(urls.PEOPLE)},
                {"label": "搜索", "url": self.u(urls.SEARCH)},
                {"label": "关于", "url": self.u("about/")},
            ],
        }

    # Small pieces of plain data, shared by several page kinds.
    def link(self, label: str, path: str) -> dict[str, str]:
        return {"label": label, "url": self.u(path)}

    def district_links(self, names: Sequence[str]) -> list[dict[str, str]]:
        return [self.link(n, urls.district_path(n)) for n in names]

    def topic_links(self, names: Sequence[str]) -> list[dict[str, str]]:
        return [self.link(n, urls.topic_path(self.topic_slugs[n])) for n in names if n in self.topic_slugs]

    def card(self, e: Entry) -> dict[str, Any]:
        """An article as listed on index pages (made once: an article is listed on a dozen pages or so;
        callers copy it before adding to it)."""
        card = self._cards.get(e.article.id)
        if card is None:
            card = self._cards[e.article.id] = self._card(e)
        return card

    def _card(self, e: Entry) -> dict[str, Any]:
        a = e.article
        return {
            "url": self.u(urls.article_path(a)),
            "headline": a.headline,
            "kicker": a.kicker,
            "deck": a.deck,
            "kind": KIND_LABELS.get(a.kind, a.kind),
            "publication": e.issue.publication or urls.UNKNOWN_PAPER,
            "date": cn_date(e.issue.date),
            "date_iso": e.issue.date.isoformat() if e.issue.date else "",
            "districts": list(a.districts),
            "issue_url": self.u(urls.issue_path(e.issue)),
        }

    def issue_card(self, issue: Issue) -> dict[str, Any]:
        return {
            "url": self.u(urls.issue_path(issue)),
            "label": issue_label(issue),
            "publication": issue.publication or urls.UNKNOWN_PAPER,
            "date": cn_date(issue.date),
            "date_iso": issue.date.isoformat() if issue.date else "",
            "date_inferred": issue.date_inferred,
            "articles": len(issue.articles),
        }

    def absolute(self, path: str) -> str:
        """The address of a page for canonical links and citations (root-relative when no site_url is set)."""
        return self.site_url + self.u(path)

    def page(self, path: str, template: str, title: str, crumbs: list[dict[str, str]],
             feed: dict[str, str] | None = None, **extra: Any) -> Page:
        context = {"site": self.site(), "page": {
            "title": title, "path": path, "url": self.u(path), "canonical": self.absolute(path),
            "feeds": [{"title": self.title, "url": self.u(FEED)}] + ([feed] if feed else []),
            "breadcrumbs": [self.link("首页", urls.HOME), *crumbs], **extra}}
        return Page(path, template, context)

    def plan(self) -> list[Page]:
        """Every page of the site, in a stable order."""
        return [make() for make in self.plan_lazily()]

    def plan_lazily(self) -> list[Callable[[], Page]]:
        """Every page of the site, in a stable order, each to be made when it is rendered: the contexts
        of all pages at once would hold the archive several times over."""
        ps: list[Callable[[], Page]] = [self.home, self.search, self.papers_overview, self.dates_overview,
                                        self.districts_overview, self.topics_overview, self.people_overview]
        for issue in self.issues:
            ps += [partial(self.issue_page, issue), partial(self.source_page, issue)]
        ps += [partial(self.article_page, e) for e in self.entries]
        ps += [partial(self.paper_page, name, issues) for name, issues in by_publication(self.issues).items()]
        ps += [partial(self.year_page, year, issues) for year, issues in by_year(self.issues).items()]
        ps += [partial(self.month_page, year, month, issues)
               for (year, month), issues in by_month(self.issues).items()]
        ps += [partial(self.listing, urls.district_path(name), name, "区域", urls.DISTRICTS, es, number,
                       feed={"title": f"{self.title}：{name}", "url": self.u(district_feed(name))})
               for name, es in by_district(self.entries).items() for number in page_numbers(len(es))]
        ps += [partial(self.listing, urls.topic_path(self.topic_slugs.get(name, urls.slugify(name))), name, "主题",
                       urls.TOPICS, es, number)
               for name, es in by_topic(self.entries).items() for number in page_numbers(len(es))]
        ps += [partial(self.person_page, p, number) for p in self.people for number in page_numbers(len(p.mentions))]
        return ps

    def home(self) -> Page:
        dated = [i.date for i in self.issues if i.date]
        return self.page(urls.HOME, "home.html", "首页", [], stats={
            "issues": len(self.issues),
            "articles": len(self.entries),
            "papers": len(by_publication(self.issues)),
            "first": cn_date(min(dated)) if dated else "",
            "last": cn_date(max(dated)) if dated else "",
        }, newest=[self.issue_card(i) for i in self.issues[:NEWEST_ON_HOME]],
            papers=self.group_links(by_publication(self.issues), urls.paper_path),
            districts=self.group_links(by_district(self.entries), urls.district_path),
            topics=self.group_links(by_topic(self.entries), lambda n: urls.topic_path(self.topic_slugs.get(n, n))),
            years=self.group_links(by_year(self.issues), urls.year_path),
            people=[self.person_card(p) for p in self.people[:PEOPLE_ON_HOME]], people_url=self.u(urls.PEOPLE))

    def group_links(self, groups: dict, path_of) -> list[dict[str, Any]]:
        return [{"label": str(k) + ("年" if isinstance(k, int) else ""), "url": self.u(path_of(k)), "count": len(v)}
                for k, v in groups.items()]

    def search(self) -> Page:
        bundle = self.u(f"{BUNDLE_DIR}/")
        # search_runtime, search_shards: what a search starts with, for the page to fetch beside its own
        # script rather than after it. search_data: the constants static/search-core.js shares with Python.
        return self.page(urls.SEARCH, "search.html", "搜索", [self.link("搜索", urls.SEARCH)],
                         search_runtime=bundle + RUNTIME[0], search_shards=bundle + SHARDS_NAME,
                         search_data=search_data(bundle))

    def papers_overview(self) -> Page:
        return self.page(urls.PAPERS, "overview.html", "全部报刊", [self.link("报刊", urls.PAPERS)],
                         groups=self.group_links(by_publication(self.issues), urls.paper_path), unit="期")

    def districts_overview(self) -> Page:
        return self.page(urls.DISTRICTS, "overview.html", "按区域浏览", [self.link("区域", urls.DISTRICTS)],
                         groups=self.group_links(by_district(self.entries), urls.district_path), unit="篇")

    def topics_overview(self) -> Page:
        groups = self.group_links(by_topic(self.entries), lambda n: urls.topic_path(self.topic_slugs.get(n, n)))
        return self.page(urls.TOPICS, "overview.html", "按主题浏览", [self.link("主题", urls.TOPICS)],
                         groups=groups, unit="篇")

    def dates_overview(self) -> Page:
        """Every year as a row of twelve months, the months with issues linked."""
        years = []
        for year, issues in by_year(self.issues).items():
            months = by_month(issues)
            years.append({"label": f"{year}年", "url": self.u(urls.year_path(year)), "count": len(issues),
                          "months": [{"label": f"{m}月", "count": len(months.get((year, m), [])),
                                      "url": self.u(urls.month_path(year, m)) if (year, m) in months else None}
                                     for m in range(1, 13)]})
        return self.page(urls.DATES, "dates.html", "按日期浏览", [self.link("日期", urls.DATES)], years=years)

    # Date pages: calendars and paging between years and months, all from the Planner's data.
    def day_link(self, date: datetime.date, issues: Sequence[Issue]) -> dict[str, str]:
        """A calendar day leads to its issue, or to its month's list when several papers came out that day."""
        if len(issues) == 1:
            return {"url": self.u(urls.issue_path(issues[0])), "label": issue_label(issues[0])}
        papers = "、".join(i.publication or urls.UNKNOWN_PAPER for i in issues)
        return {"url": self.u(urls.month_path(date.year, date.month)),
                "label": f"{cn_date(date)}：{papers}，共{len(issues)}期"}

    def calendar_month(self, year: int, month: int, issues: Sequence[Issue]) -> dict[str, Any]:
        days = issues_by_day(issues)
        in_month = [i for i in issues if i.date and (i.date.year, i.date.month) == (year, month)]
        return {"label": f"{month}月", "id": f"m{month:02d}", "count": len(in_month),
                "url": self.u(urls.month_path(year, month)) if in_month else None,
                "weeks": month_weeks(year, month, days, self.day_link)}

    @staticmethod
    def pager(label: str, older: dict[str, str] | None, newer: dict[str, str] | None) -> dict[str, Any]:
        """Links to the neighbours of a page in time: older first, as a reader pages through."""
        return {"label": label, "prev": older, "next": newer}

    def neighbour(self, direction: str, label: str, path: str) -> dict[str, str]:
        return {"dir": direction, "label": label, "url": self.u(path)}

    def paper_page(self, name: str, issues: list[Issue]) -> Page:
        label = name or urls.UNKNOWN_PAPER
        dated = [i.date for i in issues if i.date]
        districts = sorted({i.district for i in issues if i.district})
        facts = {"issues": len(issues), "articles": sum(len(i.articles) for i in issues),
                 "district": "、".join(districts) if districts else "全市",
                 "first": cn_date(min(dated)) if dated else "", "last": cn_date(max(dated)) if dated else ""}
        return self.page(urls.paper_path(name), "issues.html", label,
                         [self.link("报刊", urls.PAPERS), self.link(label, urls.paper_path(name))],
                         facts=facts, calendar=None, weekdays=WEEKDAYS, pager=None,
                         issues=[self.issue_card(i) for i in issues])

    def year_page(self, year: int, issues: list[Issue]) -> Page:
        months = by_month(issues)
        years = list(by_year(self.issues))
        at = years.index(year)
        older = self.neighbour("上一年", f"{years[at - 1]}年", urls.year_path(years[at - 1])) if at > 0 else None
        newer = self.neighbour("下一年", f"{years[at + 1]}年", urls.year_path(years[at + 1])) if at + 1 < len(years) else None
        return self.page(urls.year_path(year), "year.html", f"{year}年",
                         [self.link("日期", urls.DATES), self.link(f"{year}年", urls.year_path(year))],
                         count=len(issues), weekdays=WEEKDAYS, pager=self.pager("其他年份", older, newer),
                         calendar=[self.calendar_month(year, m, issues) for m in range(1, 13)],
                         months=[{"label": f"{m}月", "url": self.u(urls.month_path(y, m)),
                                  "issues": [self.issue_card(i) for i in its]} for (y, m), its in months.items()])

    def month_page(self, year: int, month: int, issues: list[Issue]) -> Page:
        path = urls.month_path(year, month)
        months = list(by_month(self.issues))
        at = months.index((year, month))
        older = newer = None
        if at > 0:
            y, m = months[at - 1]
            older = self.neighbour("上个月", f"{y}年{m}月", urls.month_path(y, m))
        if at + 1 < len(months):
            y, m = months[at + 1]
            newer = self.neighbour("下个月", f"{y}年{m}月", urls.month_path(y, m))
        return self.page(path, "issues.html", f"{year}年{month}月",
                         [self.link("日期", urls.DATES), self.link(f"{year}年", urls.year_path(year)),
                          self.link(f"{month}月", path)],
                         facts=None, calendar={**self.calendar_month(year, month, issues), "label": "日历", "url": None},
                         weekdays=WEEKDAYS,
                         pager=self.pager("其他月份", older, newer),
                         issues=[self.issue_card(i) for i in sort_issues(issues)[::-1]])

    def listing(self, path: str, name: str, kind: str, parent: str, es: list[Entry], number: int = 1,
                feed: dict[str, str] | None = None) -> Page:
        """Page `number` of the articles of a district or topic, newest first."""
        shown = es[(number - 1) * LIST_PAGE_SIZE:number * LIST_PAGE_SIZE]
        return self.page(urls.numbered_page(path, number), "listing.html", numbered_title(name, number),
                         [self.link(kind, parent), self.link(name, path)], feed=feed, kind=kind, name=name,
                         total=len(es), articles=[self.card(e) for e in shown],
                         pages=self.page_list(path, number, len(es)))

    def page_list(self, path: str, number: int, items: int) -> dict[str, Any]:
        """Where page `number` of a long list stands among the others: the links a reader pages with."""
        count = len(page_numbers(items))
        first = (number - 1) * LIST_PAGE_SIZE + 1
        return {
            "label": "分页", "number": number, "count": count,
            "first": first, "last": min(items, number * LIST_PAGE_SIZE),
            "prev": self.neighbour("上一页", f"第 {number - 1} 页", urls.numbered_page(path, number - 1))
            if number > 1 else None,
            "next": self.neighbour("下一页", f"第 {number + 1} 页", urls.numbered_page(path, number + 1))
            if number < count else None,
            "numbers": [{"number": n, "url": self.u(urls.numbered_page(path, n)), "current": n == number, "gap": False}
                        if n else {"gap": True} for n in page_window(number, count)] if count > 1 else [],
        }

    def issue_page(self, issue: Issue) -> Page:
        path = urls.issue_path(issue)
        paper = issue.publication or urls.UNKNOWN_PAPER
        return self.page(path, "issue.html", issue_label(issue),
                         [self.link(paper, urls.paper_path(issue.publication)), self.link(cn_date(issue.date), path)],
                         issue={**self.issue_card(issue),
                                "issue_no": issue.issue_no, "total_no": issue.total_no, "pages": issue.pages,
                                "district": issue.district, "publication_inferred": issue.publication_inferred,
                                "masthead": [t for _, t in issue.masthead],
                                "colophon": [t for _, t in issue.colophon],
                                "unplaced": [{"line": n, "text": t, "url": self.u(urls.source_path(issue)) + f"#L{n}"}
                                             for n, t in issue.unplaced],
                                "source_url": self.u(urls.source_path(issue)),
                                "source_file": issue.source.path},
                         articles=[self.card(e) for e in self.by_issue.get(issue.id, [])],
                         pager=self.issue_pager(issue),
                         jsonld=issue_jsonld(issue, self.absolute(path)))

    def issue_pager(self, issue: Issue) -> dict[str, Any]:
        """The same paper's issue before and after this one (its list is newest first)."""
        same_paper = self.by_paper[issue.publication or ""]
        at = next(n for n, i in enumerate(same_paper) if i.id == issue.id)
        older = same_paper[at + 1] if at + 1 < len(same_paper) else None
        newer = same_paper[at - 1] if at > 0 else None

        def short(i: Issue) -> str:  # the paper is the same: its date and number tell the issues apart
            return cn_date(i.date) + (f" 第{i.issue_no}期" if i.issue_no else "")
        return self.pager(
            f"{issue.publication or urls.UNKNOWN_PAPER}其他各期",
            self.neighbour("上一期", short(older), urls.issue_path(older)) if older else None,
            self.neighbour("下一期", short(newer), urls.issue_path(newer)) if newer else None)

    def source_page(self, issue: Issue) -> Page:
        path = urls.source_path(issue)
        return self.page(path, "source.html", "原文：" + issue_label(issue),
                         [self.link(issue.publication or urls.UNKNOWN_PAPER, urls.paper_path(issue.publication)),
                          self.link(cn_date(issue.date), urls.issue_path(issue)), self.link("原文", path)],
                         issue_url=self.u(urls.issue_path(issue)), source_file=issue.source.path,
                         lines=[{"n": n, "text": t} for n, t in enumerate(issue.source.lines, start=1)])

    def article_page(self, e: Entry) -> Page:
        a, issue = e.article, e.issue
        path = urls.article_path(a)
        siblings = issue.articles
        prev_a = siblings[e.number - 2] if e.number > 1 else None
        next_a = siblings[e.number] if e.number < len(siblings) else None
        paper = issue.publication or urls.UNKNOWN_PAPER
        return self.page(
            path, "article.html", a.headline,
            [self.link(paper, urls.paper_path(issue.publication)),
             self.link(cn_date(issue.date), urls.issue_path(issue)), self.link(a.headline, path)],
            article={
                **self.card(e),
                "byline": a.byline, "section": a.section, "kind_code": a.kind,
                "blocks": body_blocks(a),
                "district_links": self.district_links(a.districts),
                "topic_links": self.topic_links(a.topics),
                "keywords": list(a.keywords),
                "people": [{**self.person_link(name), "role": role} for name, role in a.people],
                "related": [self.card(self.by_id[other]) for other in self.related[a.id]],
                "issue_label": issue_label(issue),
                "date_inferred": issue.date_inferred,
                "source_url": self.u(urls.source_path(issue)) + f"#L{a.first_line}",
                "continued_from": self.continuation(a, a.continued_from, self.links.get((a.id, "from"))),
                "continued_on": self.continuation(a, a.continued_on, self.links.get((a.id, "on"))),
            },
            prev=self.article_link(prev_a), next=self.article_link(next_a), issue_pager=self.issue_pager(issue),
            citation=gbt7714(a, issue, self.absolute(path)),
            meta=citation_meta(a, issue, self.absolute(path)),
            description=next((b.text for b in a.blocks if b.kind == "p"), a.headline)[:120],
            jsonld=article_jsonld(a, issue, self.absolute(path), self.absolute(urls.issue_path(issue))),
            search_data=highlight_data(self.u(f"{BUNDLE_DIR}/")),
        )

    # People: who the articles name, each with a page listing the articles and the role printed in each.
    def person_link(self, name: str) -> dict[str, str]:
        return self.link(name, urls.person_path(self.person_slugs[name]))

    def person_card(self, p: Person) -> dict[str, Any]:
        return {**self.person_link(p.name), "roles": list(p.roles), "count": len(p.mentions)}

    def people_overview(self) -> Page:
        """Everyone named, most articles first: officials with their titles, and the papers' own writers."""
        in_text = [self.person_card(p) for p in self.people if not is_writer(p)]
        by_paper = [self.person_card(p) for p in self.people if is_writer(p)]
        return self.page(urls.PEOPLE, "people.html", "人物", [self.link("人物", urls.PEOPLE)],
                         groups=[{"title": "文中人物", "id": "named", "people": in_text},
                                 {"title": "记者、通讯员与作者", "id": "writers", "people": by_paper}],
                         total=len(self.people))

    def person_page(self, p: Person, number: int = 1) -> Page:
        path = urls.person_path(p.slug)
        shown = p.mentions[(number - 1) * LIST_PAGE_SIZE:number * LIST_PAGE_SIZE]
        articles = [{**self.card(self.by_id[m.article_id]), "role": m.role} for m in shown]
        return self.page(urls.numbered_page(path, number), "person.html", numbered_title(p.name, number),
                         [self.link("人物", urls.PEOPLE), self.link(p.name, path)],
                         person={"name": p.name, "roles": list(p.roles)}, total=len(p.mentions), articles=articles,
                         pages=self.page_list(path, number, len(p.mentions)))

    def article_link(self, a: Article | None) -> dict[str, str] | None:
        return {"url": self.u(urls.article_path(a)), "headline": a.headline} if a else None

    def continuation(self, a: Article, page_label: str | None, other_id: str | None) -> dict[str, Any] | None:
        if not page_label:
            return None
        other = self.by_id[other_id].article if other_id else None
        return {"page": page_label, "url": self.u(urls.article_path(other)) if other else None,
                "headline": other.headline if other else None}
