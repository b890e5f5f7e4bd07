"""Schema.org JSON-LD for article and issue pages."""
from __future__ import annotations

import re
from typing import Any

from ..model import Article, Issue


COLLECTIVE_AUTHOR = re.compile(r"(?:本报|本刊)?(?:特约)?评论员")
"""A byline that names no person (本报评论员): a citation gives it as the author, as GB/T 7714 does."""


def authors(article: Article) -> list[str]:
    """Who signed an article, in the order of its byline: the people sitegen.issue.enrich.people found in the byline
    (so "记者吴赛赛 通讯员田甜" gives 吴赛赛, 田甜), or a collective byline such as 本报评论员."""
    byline = article.byline or ""
    found = {name for name, _ in article.people if name in byline}
    # A name the text mentions may be part of a signed one (李新 in 李新华): only the longer one signed.
    names = sorted((n for n in found if not any(n != m and n in m for m in found)), key=lambda n: (byline.find(n), n))
    if not names and COLLECTIVE_AUTHOR.fullmatch(byline.strip("()（）●■ ")):
        return [byline.strip("()（）●■ ")]
    return names


def issue_jsonld(issue: Issue, url: str) -> dict[str, Any]:
    """A PublicationIssue for an issue page."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "PublicationIssue",
        "url": url,
        "isPartOf": {"@type": "Periodical", "name": issue.publication or "未知报刊"},
    }
    if issue.date:
        data["datePublished"] = issue.date.isoformat()
    if issue.issue_no:
        data["issueNumber"] = str(issue.issue_no)
    if issue.pages:
        # numberOfPages belongs to Book; an issue gives its page range.
        data["pageStart"], data["pageEnd"] = 1, issue.pages
    return data


def article_jsonld(article: Article, issue: Issue, url: str, issue_url: str) -> dict[str, Any]:
    """A NewsArticle for an article page: what a search engine reads of it and its issue. Not its keywords
    (on the page, and search engines do not read them) nor a publisher (the paper, isPartOf already names it)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "url": url,
        "inLanguage": "zh-CN",
        "isPartOf": issue_jsonld(issue, issue_url) | {"@context": None},
    }
    del data["isPartOf"]["@context"]
    if article.deck:
        data["alternativeHeadline"] = article.deck
    if issue.date:
        data["datePublished"] = issue.date.isoformat()
    names = authors(article)
    if names:
        data["author"] = [{"@type": "Person", "name": n} for n in names]
    if article.section:
        data["articleSection"] = article.section
    if article.districts:
        data["contentLocation"] = [{"@type": "Place", "name": d} for d in article.districts]
    return data


def gbt7714(article: Article, issue: Issue, url: str) -> str:
    """A citation of an online newspaper article in GB/T 7714-2015 style:
    作者. 题名[N/OL]. 报纸名, 出版日期. 网址."""
    names = authors(article)
    head = ", ".join(names[:3]) + (", 等" if len(names) > 3 else "")
    parts = [f"{head}. " if head else "", f"{article.headline}[N/OL]. ", issue.publication or "未知报刊"]
    if issue.date:
        parts.append(f", {issue.date.isoformat()}")
    if issue.issue_no:
        parts.append(f"(第{issue.issue_no}期)")
    parts.append(f". {url}.")
    return "".join(parts)


def citation_meta(article: Article, issue: Issue, url: str) -> list[tuple[str, str]]:
    """Meta tags as scholarly indexers read them (Highwire Press `citation_*`)."""
    tags = [("citation_title", article.headline), ("citation_journal_title", issue.publication or "未知报刊"),
            ("citation_language", "zh"), ("citation_public_url", url)]
    if issue.date:
        tags.append(("citation_publication_date", issue.date.strftime("%Y/%m/%d")))
    if issue.issue_no:
        tags.append(("citation_issue", str(issue.issue_no)))
    tags += [("citation_author", n) for n in authors(article)]
    return tags
