"""The archive as data, for researchers and readers' tools (format in the README).

The articles are in parts, one paper's year each, as gzipped JSON Lines: one article a line, with all its
metadata and its text. catalog.json is where a researcher starts: every part (paper, year, articles, URL,
size), every issue with its articles' ids, and everyone the articles name with theirs, so that one finds
the part of any issue, article or person and takes that part, a few, or all of them. It holds no
article's metadata or text: those are most of the archive's bytes, and a file that every rebuild writes
whole would cost each rebuild more as the archive grows (about 1 KB an article). An issue's line is made
from that issue alone (issue_lines): a rebuild puts catalog.json together from the lines kept for
unchanged parts (engine.cache.CatalogLines), without visiting their articles.

Gzipped, because the texts are the biggest thing on the host (GitHub Pages stops at 1 GB): a part is a
third or less of its size as text, and pandas, jq (through zcat) and every language's standard library
read it as it is. (JSON Lines alone: a CSV copy of every text would add an eighth to the site's size, and
one line of pandas makes it from a part.)
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..archive import Archive
from ..model import Article, Issue
from . import urls
from .pages import as_whole


@dataclass(frozen=True)
class Part:
    """One part of the catalog: a paper's year of articles with their metadata and texts."""

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
    catalog.json (CatalogLines)."""

    def listed(self, base_url: str, size: int) -> dict[str, Any]:
        """The part as catalog.json lists it."""
        return {"publication": self.publication, "year": self.year, "articles": self.articles,
                "url": urls.url(base_url, self.path), "bytes": size}


IssueLines = dict[str, bytes]
"""Issue id → its line in catalog.json, as written there."""


def catalog_parts(archive: Archive, base_url: str, made_from: Mapping[str, str] | None = None) -> list[Part]:
    """The catalog's parts, each paper's year (made when asked: issue_lines, packed_part)."""
    continuations = _continuations_by_issue(archive) if made_from is not None else {}
    out = []
    for (slug, year), issues in _parts(archive).items():
        inputs = None
        if made_from is not None and all(i.id in made_from for i in issues):
            inputs = hashlib.sha256(repr((base_url, [(i.id, made_from[i.id], continuations.get(i.id, []))
                                                     for i in issues]))
                                    .encode("utf-8", "surrogatepass")).hexdigest()
        publication = next((i.publication for i in issues if i.articles), issues[0].publication)
        out.append(Part(urls.catalog_part_path(slug, year), publication, year,
                        sum(len(i.articles) for i in issues), tuple(issues), inputs))
    return out


def _continuations_by_issue(archive: Archive) -> dict[str, list[tuple[str, str, str]]]:
    """Each issue's links to articles of other issues (the only thing of a part's records that the issue,
    as the engine made it, does not say), sorted: read from the archive's few links, not its articles."""
    links: dict[str, list[tuple[str, str, str]]] = {}
    for way, found in (("from", archive.continued_from), ("on", archive.continued_on)):
        for article_id, other in found.items():
            links.setdefault(archive.by_id[article_id].issue.id, []).append((article_id, way, other))
    return {issue_id: sorted(found) for issue_id, found in links.items()}


def issue_lines(part: Part, base_url: str) -> IssueLines:
    """The lines of catalog.json that part's issues make."""
    return {issue.id: _json(_issue(issue, base_url)) for issue in part.issues}


def packed_part(archive: Archive, part: Part, base_url: str, whole: Callable[[Issue], Issue] = as_whole) -> bytes:
    """The part's file: its articles with their metadata and texts, as gzipped JSON Lines.

    whole: an issue with its text (site.pages.Plan.whole)."""
    return _packed(part_records(archive, part, base_url, whole))


def _packed(records: list[dict[str, Any]]) -> bytes:
    # mtime=0: the same part gives the same bytes in every build.
    return gzip.compress(b"".join(_json(r) + b"\n" for r in records), compresslevel=9, mtime=0)


def part_records(archive: Archive, part: Part, base_url: str,
                 whole: Callable[[Issue], Issue] = as_whole) -> list[dict[str, Any]]:
    """The part's articles as its lines hold them, oldest issue first, in print order within an issue."""
    return [_article(archive, issue, a, base_url) for issue in map(whole, part.issues) for a in issue.articles]


def catalog_json(archive: Archive, base_url: str, lines: IssueLines, parts: list[dict[str, Any]]) -> bytes:
    """catalog.json: its parts as listed (Part.listed), every issue's line (issue_lines) newest first, and
    everyone the articles name."""
    return _catalog_json({"parts": [_json(p) for p in parts],
                          "issues": [lines[issue.id] for issue in archive.issues],
                          "people": [_json(p) for p in _people(archive, base_url)]})


def catalog(archive: Archive, base_url: str) -> dict[str, Any]:
    """The catalog as one who takes catalog.json and every part has it (read_catalog, without the parts'
    list): every issue and person, and every article with its metadata and text, newest issue first."""
    return {"issues": [_issue(issue, base_url) for issue in archive.issues],
            "people": _people(archive, base_url),
            "articles": [_article(archive, e.issue, e.article, base_url) for e in archive.entries]}


def _issue(issue: Issue, base_url: str) -> dict[str, Any]:
    return {
        "id": issue.id,
        "url": urls.url(base_url, urls.issue_path(issue)),
        "part": urls.url(base_url, urls.catalog_part_path(_paper_slug(issue), _year(issue))),
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
    # An article's role for each person is in its record (people), so only the ids are listed here.
    return [{"name": p.name, "url": urls.url(base_url, urls.person_path(p.slug)), "roles": list(p.roles),
             "articles": [m.article_id for m in p.mentions]}
            for p in archive.people]


def _article(archive: Archive, issue: Issue, a: Article, base_url: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "url": urls.url(base_url, urls.article_path(a)),
        "issue": issue.id,
        "publication": issue.publication,
        "date": issue.date.isoformat() if issue.date else None,
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
        "continued_from": _continuation(a.continued_from, archive.continued_from.get(a.id)),
        "continued_on": _continuation(a.continued_on, archive.continued_on.get(a.id)),
        "lines": [a.first_line, a.last_line],
        "text": a.text,
    }


def _parts(archive: Archive) -> dict[tuple[str, int | None], list[Issue]]:
    """Each paper's issues by year, oldest first, the parts in the order of papers and years."""
    parts: dict[tuple[str, int | None], list[Issue]] = {}
    for issue in reversed(archive.issues):
        parts.setdefault((_paper_slug(issue), _year(issue)), []).append(issue)
    return dict(sorted(parts.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)))


def _paper_slug(issue: Issue) -> str:
    return issue.id.split("/")[0]


def _year(issue: Issue) -> int | None:
    return issue.date.year if issue.date else None


def _continuation(page: str | None, other: str | None) -> dict[str, Any] | None:
    return {"page": page, "article": other} if page else None


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _catalog_json(sections: dict[str, list[bytes]]) -> bytes:
    """The sections as JSON with one line per part, issue and person (each line made by _json): still easy
    to page through and grep, and made by json's C encoder (an indented dump goes through its Python one,
    which holds all its pieces at once and is slower)."""
    parts = [_json(key) + b": [\n" + b",\n".join(lines) + b"\n]" for key, lines in sections.items()]
    return b"{\n" + b",\n".join(parts) + b"\n}\n"


def read_catalog(site: Path) -> dict[str, Any]:
    """A built site's catalog as one who takes catalog.json and every part has it: its parts, issues and
    people, and each article with its metadata and text, newest issue first (the issues' order)."""
    data = json.loads((site / urls.CATALOG).read_text(encoding="utf-8"))
    if "parts" not in data:  # a catalog that holds the texts itself (a site made by an older sitegen)
        return data
    records = {}
    for part in data["parts"]:
        path = "/".join(part["url"].split("/")[-3:])  # catalog/PAPER/YEAR.jsonl.gz, whatever the base URL
        for line in gzip.decompress((site / path).read_bytes()).decode("utf-8").splitlines():
            record = json.loads(line)
            records[record["id"]] = record
    return {**data, "articles": [records[article_id] for issue in data["issues"] for article_id in issue["articles"]]}
