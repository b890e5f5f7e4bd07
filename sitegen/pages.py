"""Plan the site: every page as (path, template, context), with contexts of plain data.

Templates get plain dicts and lists built here; they never compute URLs or sort anything.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Sequence

from . import urls
from .classify import load_topics
from .index import Entry, group, by_district, by_month, by_publication, by_topic, by_year, entries, sort_issues
from .links import continuation_links
from .model import Article, Issue
from .structured import article_jsonld, citation_meta, gbt7714, issue_jsonld

FEED = "feed.xml"
KIND_LABELS = {"news": "新闻", "commentary": "评论", "photo": "图片新闻", "fragment": "续文"}
NEWEST_ON_HOME = 10


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
        self.topic_slugs = {t.name: t.slug for t in load_topics()}

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
        """An article as listed on index pages."""
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
        pages = [self.home(), self.search(), self.papers_overview(), self.dates_overview(),
                 self.districts_overview(), self.topics_overview()]
        for issue in self.issues:
            pages.append(self.issue_page(issue))
            pages.append(self.source_page(issue))
        for e in self.entries:
            pages.append(self.article_page(e))
        for name, issues in by_publication(self.issues).items():
            pages.append(self.paper_page(name, issues))
        for year, issues in by_year(self.issues).items():
            pages.append(self.year_page(year, issues))
        for (year, month), issues in by_month(self.issues).items():
            pages.append(self.month_page(year, month, issues))
        for name, es in by_district(self.entries).items():
            pages.append(self.listing(urls.district_path(name), name, "区域", urls.DISTRICTS, es,
                                      feed={"title": f"{self.title}：{name}", "url": self.u(district_feed(name))}))
        for name, es in by_topic(self.entries).items():
            pages.append(self.listing(urls.topic_path(self.topic_slugs.get(name, urls.slugify(name))), name, "主题", urls.TOPICS, es))
        return pages

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
            years=self.group_links(by_year(self.issues), urls.year_path))

    def group_links(self, groups: dict, path_of) -> list[dict[str, Any]]:
        return [{"label": str(k) + ("年" if isinstance(k, int) else ""), "url": self.u(path_of(k)), "count": len(v)}
                for k, v in groups.items()]

    def search(self) -> Page:
        return self.page(urls.SEARCH, "search.html", "搜索", [self.link("搜索", urls.SEARCH)])

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
        return self.page(urls.DATES, "overview.html", "按日期浏览", [self.link("日期", urls.DATES)],
                         groups=self.group_links(by_year(self.issues), urls.year_path), unit="期")

    def paper_page(self, name: str, issues: list[Issue]) -> Page:
        label = name or urls.UNKNOWN_PAPER
        return self.page(urls.paper_path(name), "issues.html", label,
                         [self.link("报刊", urls.PAPERS), self.link(label, urls.paper_path(name))],
                         issues=[self.issue_card(i) for i in issues])

    def year_page(self, year: int, issues: list[Issue]) -> Page:
        months = by_month(issues)
        return self.page(urls.year_path(year), "year.html", f"{year}年",
                         [self.link("日期", urls.DATES), self.link(f"{year}年", urls.year_path(year))],
                         months=[{"label": f"{m}月", "url": self.u(urls.month_path(y, m)),
                                  "issues": [self.issue_card(i) for i in its]} for (y, m), its in months.items()])

    def month_page(self, year: int, month: int, issues: list[Issue]) -> Page:
        path = urls.month_path(year, month)
        return self.page(path, "issues.html", f"{year}年{month}月",
                         [self.link("日期", urls.DATES), self.link(f"{year}年", urls.year_path(year)),
                          self.link(f"{month}月", path)],
                         issues=[self.issue_card(i) for i in sort_issues(issues)[::-1]])

    def listing(self, path: str, name: str, kind: str, parent: str, es: list[Entry],
                feed: dict[str, str] | None = None) -> Page:
        return self.page(path, "listing.html", name, [self.link(kind, parent), self.link(name, path)],
                         feed=feed, kind=kind, articles=[self.card(e) for e in es])

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
                         jsonld=issue_jsonld(issue, self.absolute(path)))

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
                "issue_label": issue_label(issue),
                "date_inferred": issue.date_inferred,
                "source_url": self.u(urls.source_path(issue)) + f"#L{a.first_line}",
                "continued_from": self.continuation(a, a.continued_from, self.links.get((a.id, "from"))),
                "continued_on": self.continuation(a, a.continued_on, self.links.get((a.id, "on"))),
            },
            prev=self.article_link(prev_a), next=self.article_link(next_a),
            citation=gbt7714(a, issue, self.absolute(path)),
            meta=citation_meta(a, issue, self.absolute(path)),
            description=next((b.text for b in a.blocks if b.kind == "p"), a.headline)[:120],
            jsonld=article_jsonld(a, issue, self.absolute(path), self.absolute(urls.issue_path(issue))),
        )

    def article_link(self, a: Article | None) -> dict[str, str] | None:
        return {"url": self.u(urls.article_path(a)), "headline": a.headline} if a else None

    def continuation(self, a: Article, page_label: str | None, other_id: str | None) -> dict[str, Any] | None:
        if not page_label:
            return None
        other = self.by_id[other_id].article if other_id else None
        return {"page": page_label, "url": self.u(urls.article_path(other)) if other else None,
                "headline": other.headline if other else None}
