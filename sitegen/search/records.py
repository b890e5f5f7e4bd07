"""What the search index knows of an article: one SearchDoc each, made from the archive's issues."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NamedTuple

from ..errors import SitegenError
from ..model import EnrichedIssue
from ..punctuation import fullwidth_marks


@dataclass(frozen=True)
class SearchDoc:
    """One article as the search index sees it."""

    url_path: str
    """Site-relative, no leading slash, ends with "/": "shijingshan-bao/2020-04-16/3/"."""
    title: str
    """The headline as the site shows it (sitegen.punctuation)."""
    text: str
    """Clean text: kicker, headline, deck, body blocks joined by "\\n", as the site shows them: the full-width
    marks change no token, as search folds them to ASCII."""
    date: str
    """ISO "2020-04-16", "" if unknown."""
    publication: str
    districts: tuple[str, ...]
    topics: tuple[str, ...]


class DocStub(NamedTuple):
    """What the shards are planned and keyed from, one an article: a rebuild plans every article's
    shard but indexes few, and only the articles of the shards it indexes need their text."""

    url_path: str
    date: str
    chars: int
    """The characters of its text (SearchDoc.text): what Pagefind's memory grows with."""
    digest: bytes
    """A hash of every field the index holds but url_path (doc_digest)."""


def doc_digest(doc: SearchDoc) -> bytes:
    """A hash of every field of doc but its url_path, which its issue's id decides: it can be kept with the
    issue before the id is known."""
    values = (doc.title, doc.text, doc.date, doc.publication, str(len(doc.districts)), *doc.districts,
              str(len(doc.topics)), *doc.topics)
    return hashlib.sha256("".join(f"{len(v)}:{v}" for v in values).encode("utf-8", "surrogatepass")).digest()[:16]


def stub_of(doc: SearchDoc) -> DocStub:
    return DocStub(doc.url_path, doc.date, len(doc.text), doc_digest(doc))


def search_docs(placed: Iterable[tuple[str, EnrichedIssue]], url_path: Callable[[str, int], str],
                unknown_paper: str) -> list[SearchDoc]:
    """One search document per article, from the (id, issue) pairs as read: the index needs no keywords,
    so it is built while they are chosen. url_path gives the site-relative path of an issue's n-th article, and
    unknown_paper names an issue's paper when it has none: the site decides both, and this layer sits
    below it."""
    return [
        SearchDoc(
            url_path=url_path(issue_id, n),
            title=fullwidth_marks(a.headline),
            text=fullwidth_marks(a.full_text),
            date=issue.parsed.date.isoformat() if issue.parsed.date else "",
            publication=issue.parsed.publication or unknown_paper,
            districts=facts.districts,
            topics=facts.topics,
        )
        for issue_id, issue in placed
        for n, (a, facts) in enumerate(zip(issue.parsed.articles, issue.facts), start=1)
    ]


def _refuse_bad_url_path(url_path: str) -> None:
    parts = url_path[:-1].split("/")
    if not url_path.endswith("/") or "\\" in url_path or any(p in ("", ".", "..") for p in parts):
        raise SitegenError(f"search: bad url_path {url_path!r}; want a site-relative path like 'paper/2020-04-16/3/'")


def check_url_path(url_path: str) -> PurePosixPath:
    """The path of a doc's page, refused unless site-relative and ending in "/"."""
    _refuse_bad_url_path(url_path)
    return PurePosixPath(url_path)


def check_docs(docs: Sequence[SearchDoc | DocStub]) -> None:
    """Refuse bad URL paths, and two docs at one URL."""
    seen: set[str] = set()
    for doc in docs:
        _refuse_bad_url_path(doc.url_path)  # every article, every build: no PurePosixPath made
        if doc.url_path in seen:
            raise SitegenError(f"search: two articles share the URL {doc.url_path!r}")
        seen.add(doc.url_path)


def doc_json(doc: SearchDoc) -> bytes:
    """What the browser reads for one result: display fields and the text as printed."""
    data = {"url": doc.url_path, "title": doc.title, "date": doc.date, "publication": doc.publication,
            "district": "、".join(doc.districts), "text": doc.text}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
