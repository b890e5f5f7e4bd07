"""The standard Pagefind binary, and the shadow pages it indexes in place of the articles.

Each article becomes an HTML page in a temporary shadow folder that mirrors the article's URL, whose
indexed body is the ASCII token stream of tokens.py: the standard binary does not segment Chinese,
and the browser's query segmenter leaves these tokens alone. The text as printed is no Pagefind meta
field: Pagefind word-indexes every meta value, and unspaced Chinese would make one "word" per paragraph.
"""
from __future__ import annotations

import gzip
import html
import json
import logging
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..errors import SitegenError
from .pf_format import PF_MAGIC
from .records import SearchDoc, check_url_path
from .tokens import SENTINEL, tokenize

log = logging.getLogger(__name__)

TITLE_WEIGHT = 3
"""Pagefind weight of headline tokens against body tokens (1)."""
UNKNOWN_DATE = "0000-00-00"
"""Sort key for undated articles: Pagefind leaves pages without a sort key out of sorted results."""
FILTERS = ("publication", "district", "topic", "year")
"""The Pagefind filters of a page, in the order its shadow page lists them."""
EVERY_PAGE = "z" + SENTINEL + SENTINEL
"""A token every page holds, after its text: searching it with filters lists the pages that pass
them while loading one index chunk per shard; Pagefind's own filter-only search loads every chunk.
No Chinese text gives it ("zzzz" only ever ends a bigram); a page that prints it had it anyway."""
INDEX_CHUNK_SIZE = 5000
"""Pagefind's index chunk size (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE; its default makes chunks about four
times bigger). A query loads one chunk per shard and token, and every chunk is listed in the shard's
metadata, which a query loads whole: this size makes the two costs about even. The variable is
"unstable" in Pagefind 1.5 (pinned): a version without it makes bigger chunks, nothing worse."""
TIMEOUT_S = 1800


def pagefind_binary() -> Path:
    """Find the standard Pagefind binary shipped by the pagefind_bin package (never the extended one)."""
    try:
        import pagefind_bin
    except ImportError as e:
        raise SitegenError("search: the pagefind_bin package is missing; install sitegen with pip to get pagefind[bin]") from e
    path = Path(pagefind_bin.__file__).parent / ("pagefind.exe" if os.name == "nt" else "pagefind")
    if not path.is_file():
        raise SitegenError(f"search: no standard Pagefind binary at {path}; reinstall pagefind[bin]")
    return path


def _tokens_html(doc: SearchDoc, tokens: list[str]) -> str:
    """The indexed body: headline tokens (weighted) then the rest, as space-separated ASCII tokens."""
    titled = doc.title and (doc.text == doc.title or doc.text.startswith(doc.title + "\n"))
    head = len(tokenize(doc.title)) if titled else 0
    # <p>, not <h1>: Pagefind would copy a heading's text into an "auto_title" meta field.
    return (f'<p data-pagefind-weight="{TITLE_WEIGHT}">{" ".join(tokens[:head])}</p>\n' if head else "") + (
        f"<p>{' '.join(tokens[head:])}</p>\n<p>{EVERY_PAGE}</p>")


def shadow_page(doc: SearchDoc, tokens: list[str] | None = None) -> str:
    """Render the search document for one article (all text escaped)."""
    e = html.escape
    year = doc.date[:4] if doc.date[:4].isdigit() else ""
    values = {"publication": (doc.publication,), "district": doc.districts, "topic": doc.topics, "year": (year,)}
    filters = [(k, v) for k in FILTERS for v in values[k]]
    meta = [("title", doc.title), ("date", doc.date), ("publication", doc.publication),
            ("district", "、".join(doc.districts))]
    # No <title>: Pagefind would index it as meta. Meta and filters sit outside the indexed body.
    return "\n".join([
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"></head>\n<body>',
        f'<main data-pagefind-body data-pagefind-sort="date:{e(doc.date or UNKNOWN_DATE)}">',
        _tokens_html(doc, tokenize(doc.text) if tokens is None else tokens),
        "</main>\n<div hidden>",
        *(f'<p data-pagefind-meta="{k}">{e(v)}</p>' for k, v in meta if v),
        *(f'<p data-pagefind-filter="{k}">{e(v)}</p>' for k, v in filters if v),
        "</div>\n</body>\n</html>\n",
    ])


def write_shadow(docs: Sequence[SearchDoc], root: Path) -> list[SearchDoc]:
    """Write one shadow page per article under root, at the article's URL path; return the articles
    written, leaving out those without a searchable character (Pagefind would drop them)."""
    written = []
    for doc in docs:
        tokens = tokenize(doc.text)
        if not tokens:
            log.debug("search: %s has nothing to search for; not indexed", doc.url_path)
            continue
        path = root.joinpath(*check_url_path(doc.url_path).parts) / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(shadow_page(doc, tokens), encoding="utf-8")
        written.append(doc)
    return written


def run_pagefind(site: Path, out: Path) -> str:
    """Run the standard Pagefind binary over site, writing the bundle to out; return its log."""
    cmd = [str(pagefind_binary()), "--site", str(site), "--output-path", str(out)]
    # Pagefind reads PAGEFIND_* variables and a pagefind.yml/toml in its working folder:
    # run it with neither, so only this command line decides the output.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(INDEX_CHUNK_SIZE)
    log.debug("running %s", " ".join(cmd))
    try:
        proc = subprocess.run(cmd, cwd=site.parent, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SitegenError(f"search: could not run Pagefind ({cmd[0]}): {e}") from e
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise SitegenError(f"search: Pagefind failed (exit {proc.returncode}):\n" + "\n".join(output.splitlines()[-20:]))
    return output


def page_ids(bundle: Path) -> dict[str, str]:
    """Map each page's URL ("/paper/2020-04-16/3/") to the id Pagefind's search results give it.

    The id is the name of the page's fragment file; the fragment (gzip, "pagefind_dcd" + JSON) holds the URL.
    """
    ids: dict[str, str] = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        try:
            url = json.loads(gzip.decompress(path.read_bytes()).removeprefix(PF_MAGIC))["url"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise SitegenError(f"search: cannot read Pagefind fragment {path.name} (pagefind version changed?): {e}") from e
        ids[url] = path.stem
    return ids
