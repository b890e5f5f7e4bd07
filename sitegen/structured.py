"""Schema.org JSON-LD for article and issue pages."""
from __future__ import annotations

import re
from typing import Any

from .model import Article, Issue


ROLES = ("记者", "通讯员", "实习生", "见习记者", "特约记者", "摄影", "文/图", "文", "图")


def byline_names(byline: str | None) -> list[str]:
    """The people in a byline, without their roles: "记者吴赛赛 通讯员田甜" -> [吴赛赛, 田甜]."""
    names = []
    for part in re.split(r"[\s、,，/]+", byline or ""):
        for role in sorted(ROLES, key=len, reverse=True):
            if part.startswith(role):
                part = part[len(role):]
                break
        if part:
            names.append(part)
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
        data["numberOfPages"] = issue.pages
    return data


def article_jsonld(article: Article, issue: Issue, url: str, issue_url: str) -> dict[str, Any]:
    """A NewsArticle for an article page."""
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
    names = byline_names(article.byline)
    if names:
        data["author"] = [{"@type": "Person", "name": n} for n in names]
    if article.section:
        data["articleSection"] = article.section
    if article.keywords:
        data["keywords"] = list(article.keywords)
    if article.districts:
        data["contentLocation"] = [{"@type": "Place", "name": d} for d in article.districts]
    if issue.publication:
        data["publisher"] = {"@type": "Organization", "name": issue.publication}
    return data
