"""The pages that are read: an issue, its source text, an article, and our own editorial pages."""
from __future__ import annotations

from ..archive.groups import Entry
from ..model import Article, Issue
from . import describe, urls
from .citations import article_jsonld, citation_meta, gbt7714, issue_jsonld
from .contexts import ArticlePage, Continuation, EditorialPage, IssuePage, Neighbour, Pager, SourcePage
from .format import body_blocks, cn_date, issue_label, paper_name, short_issue_label
from .pages import Page, Plan, card, frame, issue_card, link, neighbour, page, pager, person_link


def issue_page(plan: Plan, issue: Issue) -> Page:
    path = urls.issue_path(issue)
    source = plan.url(urls.source_path(issue))
    return page(plan, "issue.html", IssuePage(
        **frame(plan, path, issue_label(issue), [link(plan, paper_name(issue), plan.urls.paper_path(issue.publication)),
                                                 link(plan, cn_date(issue.date), path)],
                describe.issue(issue_label(issue), [a.headline for a in issue.articles])),
        issue={**issue_card(plan, issue),
               "issue_no": issue.issue_no, "total_no": issue.total_no, "pages": issue.pages,
               "district": issue.district, "publication_inferred": issue.publication_inferred,
               "masthead": [t for _, t in issue.masthead], "colophon": [t for _, t in issue.colophon],
               "furniture": [{"line": n, "text": t, "url": source + f"#L{n}"} for n, t in issue.furniture],
               "unplaced": [{"line": n, "text": t, "url": source + f"#L{n}"} for n, t in issue.unplaced],
               "source_url": source, "source_file": issue.source.path},
        articles=[card(plan, e) for e in plan.archive.by_issue.get(issue.id, ())],
        pager=issue_pager(plan, issue),
        jsonld=issue_jsonld(issue, plan.urls.absolute(path))))


def paper_neighbours(plan: Plan, issue: Issue) -> tuple[Issue | None, Issue | None]:
    """The same paper's issue before and after this one (its list is newest first)."""
    same_paper = plan.archive.by_paper[issue.publication or ""]
    at = plan.place_in_paper[issue.id]
    return (same_paper[at + 1] if at + 1 < len(same_paper) else None, same_paper[at - 1] if at > 0 else None)


def issue_pager(plan: Plan, issue: Issue) -> Pager:
    older, newer = paper_neighbours(plan, issue)
    return pager(f"{paper_name(issue)}其他各期",
                 neighbour(plan, "上一期", short_issue_label(older), urls.issue_path(older)) if older else None,
                 neighbour(plan, "下一期", short_issue_label(newer), urls.issue_path(newer)) if newer else None)


def source_page(plan: Plan, issue: Issue) -> Page:
    issue = plan.whole(issue)
    path = urls.source_path(issue)
    return page(plan, "source.html", SourcePage(
        **frame(plan, path, "原文：" + issue_label(issue),
                [link(plan, paper_name(issue), plan.urls.paper_path(issue.publication)),
                 link(plan, cn_date(issue.date), urls.issue_path(issue)), link(plan, "原文", path)],
                describe.source(issue_label(issue), issue.source.path)),
        issue_url=plan.url(urls.issue_path(issue)), source_file=issue.source.path,
        lines=[{"n": n, "text": t} for n, t in enumerate(issue.source.lines, start=1)]))


def article_page(plan: Plan, e: Entry) -> Page:
    issue, archive = plan.whole(e.issue), plan.archive
    a = issue.articles[e.number - 1]
    path = urls.article_path(a)
    here = plan.urls.absolute(path)
    siblings = issue.articles
    return page(plan, "article.html", ArticlePage(
        **frame(plan, path, a.headline, [link(plan, paper_name(issue), plan.urls.paper_path(issue.publication)),
                                         link(plan, cn_date(issue.date), urls.issue_path(issue)),
                                         link(plan, a.headline, path)],
                describe.article(next((b.text for b in a.blocks if b.kind == "p"), a.headline))),
        article={
            **card(plan, e),
            "byline": a.byline, "section": a.section, "kind_code": a.kind,
            "blocks": body_blocks(a),
            "district_links": [link(plan, n, plan.urls.district_path(n)) for n in a.districts],
            "topic_links": [link(plan, n, plan.urls.topic_path(n)) for n in a.topics],
            "keywords": list(a.keywords),
            "people": [{**person_link(plan, archive.person_named[name]), "role": role} for name, role in a.people],
            "related": [card(plan, archive.by_id[other]) for other in archive.related[a.id]],
            "issue_label": issue_label(issue),
            "date_inferred": issue.date_inferred,
            "source_url": plan.url(urls.source_path(issue)) + f"#L{a.first_line}",
            "continued_from": continuation(plan, a.continued_from, archive.continued_from.get(a.id)),
            "continued_on": continuation(plan, a.continued_on, archive.continued_on.get(a.id)),
        },
        siblings=pager("本期其他文章",
                       sibling(plan, "上一篇", siblings[e.number - 2]) if e.number > 1 else None,
                       sibling(plan, "下一篇", siblings[e.number]) if e.number < len(siblings) else None),
        issue_pager=issue_pager(plan, issue),
        citation=gbt7714(a, issue, here),
        meta=citation_meta(a, issue, here),
        jsonld=article_jsonld(a, issue, here, plan.urls.absolute(urls.issue_path(issue)))))


def sibling(plan: Plan, direction: str, a: Article) -> Neighbour:
    return neighbour(plan, direction, a.headline, urls.article_path(a))


def continuation(plan: Plan, page_label: str | None, other_id: str | None) -> Continuation | None:
    if not page_label:
        return None
    other = plan.archive.by_id[other_id].article if other_id else None
    return {"page": page_label, "url": plan.url(urls.article_path(other)) if other else None,
            "headline": other.headline if other else None}


def editorial_page(plan: Plan, slug: str, title: str, body_html: str) -> Page:
    """One of our own Markdown pages (关于本站, 如何引用), its body already HTML."""
    path = urls.editorial_path(slug)
    return page(plan, "page.html", EditorialPage(
        **frame(plan, path, title, [link(plan, title, path)], describe.editorial(title, body_html)),
        body_html=body_html))


def not_found(plan: Plan) -> Page:
    return page(plan, "404.html", frame(plan, urls.NOT_FOUND, "页面未找到", [],
                                        f"{plan.title}：没有这个页面。可从首页、报刊、日期、区域或主题找起，或搜索全部文章。"))
