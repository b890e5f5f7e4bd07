"""catalog.json: the archive as data, for researchers and readers' tools (format in the README)."""
from __future__ import annotations

import json
from typing import Any

from ..archive import Archive
from . import urls


def catalog(archive: Archive, base_url: str) -> dict[str, Any]:
    """Every issue and article with its metadata, newest issue first, and everyone the articles name."""
    out_issues, out_articles = [], []
    for issue in archive.issues:
        out_issues.append({
            "id": issue.id,
            "url": urls.url(base_url, urls.issue_path(issue)),
            "publication": issue.publication,
            "publication_inferred": issue.publication_inferred,
            "date": issue.date.isoformat() if issue.date else None,
            "date_inferred": issue.date_inferred,
            "issue_no": issue.issue_no,
            "total_no": issue.total_no,
            "pages": issue.pages,
            "district": issue.district,
            "source_file": issue.source.path,
            "source_sha256": issue.source.sha256,
            "masthead": [t for _, t in issue.masthead],
            "colophon": [t for _, t in issue.colophon],
            "articles": [a.id for a in issue.articles],
        })
        for a in issue.articles:
            out_articles.append({
                "id": a.id,
                "url": urls.url(base_url, urls.article_path(a)),
                "issue": issue.id,
                "headline": a.headline,
                "kicker": a.kicker,
                "deck": a.deck,
                "byline": a.byline,
                "section": a.section,
                "kind": a.kind,
                "district": list(a.districts),
                "topics": list(a.topics),
                "keywords": list(a.keywords),
                "people": [{"name": name, "role": role} for name, role in a.people],
                "date": issue.date.isoformat() if issue.date else None,
                "continued_from": _continuation(a.continued_from, archive.continued_from.get(a.id)),
                "continued_on": _continuation(a.continued_on, archive.continued_on.get(a.id)),
                "lines": [a.first_line, a.last_line],
                "text": a.text,
            })
    people = [{"name": p.name, "url": urls.url(base_url, urls.person_path(p.slug)), "roles": list(p.roles),
               "articles": [{"id": m.article_id, "role": m.role} for m in p.mentions]}
              for p in archive.people]
    return {"issues": out_issues, "articles": out_articles, "people": people}


def _continuation(page: str | None, other: str | None) -> dict[str, Any] | None:
    return {"page": page, "article": other} if page else None


def catalog_bytes(archive: Archive, base_url: str) -> bytes:
    """catalog() as JSON with one line per issue, article and person: still easy to page through and
    grep, and made by json's C encoder (an indented dump goes through its Python one, which holds all
    its pieces at once and is slower)."""
    def line(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")

    parts = [line(key) + b": [\n" + b",\n".join(map(line, items)) + b"\n]"
             for key, items in catalog(archive, base_url).items()]
    return b"{\n" + b",\n".join(parts) + b"\n}\n"
