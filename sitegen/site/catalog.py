"""The archive as data, for researchers and readers' tools (format in the README).

catalog.json holds every issue, article and person with their metadata, but no article's text: at tens
of thousands of articles the texts are most of the archive's bytes, and few want them all at once. The
texts are in parts, one paper's year each, as gzipped JSON Lines, listed in catalog.json with their sizes;
a researcher takes one part, or all of them. Gzipped, because the texts are the biggest thing on the host
(GitHub Pages stops at 1 GB): a part is a third or less of its size as text, and pandas, jq (through zcat)
and every language's standard library read it as it is. (JSON Lines alone: a CSV copy of every text would
add an eighth to the site's size, and one line of pandas makes it from a part.)
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..archive import Archive
from ..model import Article, Issue
from . import urls


@dataclass(frozen=True)
class Part:
    """One part of the catalog: a paper's year of articles with their texts."""

    path: str
    publication: str | None
    year: int | None
    articles: int
    issues: tuple[Issue, ...]
    """Its issues, oldest first (a part grows at its end)."""
    inputs: str | None
    """A key of what the part is made from (its issues as the engine made them, the continuations between
    its articles and others, the base URL), None where that is not known: a part whose key is the one it
    was written from is kept as it is, not made and compressed again, and so are its issues' lines in
    catalog.json (Lines)."""

    def listed(self, base_url: str, size: int) -> dict[str, Any]:
        """The part as catalog.json lists it."""
        return {"publication": self.publication, "year": self.year, "articles": self.articles,
                "url": urls.url(base_url, self.path), "bytes": size}


Lines = dict[str, tuple[bytes, list[bytes]]]
"""Issue id → its line in catalog.json and its articles' lines, as written there."""


def catalog_parts(archive: Archive, base_url: str, made_from: Mapping[str, str] | None = None) -> list[Part]:
    """The catalog's parts, each paper's year (made when asked: part_lines, packed_part)."""
    out = []
    for (slug, year), issues in _parts(archive).items():
        inputs = None
        if made_from is not None and all(i.id in made_from for i in issues):
            continuations = [(_continuation(a.continued_from, archive.continued_from.get(a.id)),
                              _continuation(a.continued_on, archive.continued_on.get(a.id)))
                             for i in issues for a in i.articles]
            inputs = hashlib.sha256(repr((base_url, [(i.id, made_from[i.id]) for i in issues], continuations))
                                    .encode("utf-8", "surrogatepass")).hexdigest()
        publication = next((i.publication for i in issues if i.articles), issues[0].publication)
        out.append(Part(urls.catalog_part_path(slug, year), publication, year,
                        sum(len(i.articles) for i in issues), tuple(issues), inputs))
    return out


def part_lines(archive: Archive, part: Part, base_url: str) -> Lines:
    """The lines of catalog.json that part's issues make."""
    return {issue.id: (_json(_issue(issue, base_url)),
                       [_json(_article(archive, issue, a, base_url)) for a in issue.articles])
            for issue in part.issues}


def packed_part(archive: Archive, part: Part, base_url: str) -> bytes:
    """The part's file: its articles with their texts, as gzipped JSON Lines."""
    return _packed([{"publication": issue.publication, **_article(archive, issue, a, base_url), "text": a.text}
                    for issue in part.issues for a in issue.articles])


def _packed(records: list[dict[str, Any]]) -> bytes:
    # mtime=0: the same part gives the same bytes in every build.
    return gzip.compress(b"".join(_json(r) + b"\n" for r in records), compresslevel=9, mtime=0)


def catalog_json(archive: Archive, base_url: str, lines: Lines, parts: list[dict[str, Any]]) -> bytes:
    """catalog.json: catalog() with its parts as listed (Part.listed), from every issue's lines (part_lines)."""
    issues = [lines[issue.id] for issue in archive.issues]
    return _catalog_json({"issues": [line for line, _ in issues],
                          "articles": [line for _, articles in issues for line in articles],
                          "people": [_json(p) for p in _people(archive, base_url)],
                          "parts": [_json(p) for p in parts]})


def catalog(archive: Archive, base_url: str) -> dict[str, Any]:
    """Every issue and article with its metadata (no text), newest issue first, and everyone the articles name."""
    return {"issues": [_issue(issue, base_url) for issue in archive.issues],
            "articles": [_article(archive, issue, a, base_url) for issue in archive.issues for a in issue.articles],
            "people": _people(archive, base_url)}


def _issue(issue: Issue, base_url: str) -> dict[str, Any]:
    return {
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
        "furniture": [{"line": n, "text": t} for n, t in issue.furniture],
        "articles": [a.id for a in issue.articles],
    }


def _people(archive: Archive, base_url: str) -> list[dict[str, Any]]:
    return [{"name": p.name, "url": urls.url(base_url, urls.person_path(p.slug)), "roles": list(p.roles),
             "articles": [{"id": m.article_id, "role": m.role} for m in p.mentions]}
            for p in archive.people]


def _article(archive: Archive, issue: Issue, a: Article, base_url: str) -> dict[str, Any]:
    return {
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
    }


def _parts(archive: Archive) -> dict[tuple[str, int | None], list[Issue]]:
    """Each paper's issues by year, oldest first, the parts in the order of papers and years."""
    parts: dict[tuple[str, int | None], list[Issue]] = {}
    for issue in reversed(archive.issues):
        parts.setdefault((issue.id.split("/")[0], issue.date.year if issue.date else None), []).append(issue)
    return dict(sorted(parts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)))


def _continuation(page: str | None, other: str | None) -> dict[str, Any] | None:
    return {"page": page, "article": other} if page else None


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _catalog_json(sections: dict[str, list[bytes]]) -> bytes:
    """catalog() as JSON with one line per issue, article, person and part (each line made by _json): still
    easy to page through and grep, and made by json's C encoder (an indented dump goes through its Python
    one, which holds all its pieces at once and is slower)."""
    parts = [_json(key) + b": [\n" + b",\n".join(lines) + b"\n]" for key, lines in sections.items()]
    return b"{\n" + b",\n".join(parts) + b"\n}\n"


def read_catalog(site: Path) -> dict[str, Any]:
    """A built site's catalog.json as one who takes every part has it: each article with its text."""
    data = json.loads((site / urls.CATALOG).read_text(encoding="utf-8"))
    if "parts" not in data:  # a catalog that holds the texts itself (a site made by an older sitegen)
        return data
    texts = {}
    for part in data["parts"]:
        path = "/".join(part["url"].split("/")[-3:])  # catalog/PAPER/YEAR.jsonl.gz, whatever the base URL
        data_bytes = (site / path).read_bytes()
        if path.endswith(".gz"):
            data_bytes = gzip.decompress(data_bytes)
        for line in data_bytes.decode("utf-8").splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    return {**data, "articles": [{**a, "text": texts[a["id"]]} for a in data["articles"]]}
