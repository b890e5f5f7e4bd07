"""Build the site's Pagefind search bundle from articles, as token streams that Pagefind cannot mis-split.

Each article becomes one search document: an HTML file in a temporary shadow folder that mirrors the
article's URL, whose indexed body is the token stream of sitegen.textnorm. The standard Pagefind binary
indexes the shadow folder in one run. static/search.js tokenises queries the same way and checks
positions and text in the browser.

The text as printed (for excerpts and the final check) is not a Pagefind meta field: Pagefind 1.5
word-indexes every meta value, and Chinese text, which has no spaces, becomes one unique "word" per
paragraph (+45% index on the seeds). It goes instead to one small gzipped JSON file per article,
pagefind/sitegen-docs/<page id>.json.gz, named by the page id Pagefind gives each result, so the
browser reads it instead of Pagefind's fragment, which also carries the token stream (3.5 bytes/char).
"""
from __future__ import annotations

import gzip
import hashlib
import html
import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from .model import SitegenError
from .textnorm import code, normalize, query_terms, query_tokens, tokenize

__all__ = ["SearchDoc", "build_search_index", "tokenize", "query_tokens", "query_terms", "normalize", "code"]

log = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
T2S_NAME = "sitegen-t2s.json"
"""sitegen/data/t2s.json for static/search.js and highlight.js, as one JSON string of pairs "東东華华…"
(17 KB gzipped against 20 KB for the object)."""
DOCS_DIR = "sitegen-docs"
"""Per-article gzipped JSON (url, title, date, publication, district, text) in the bundle folder.
Gzipped here, like Pagefind's own files, so hosts that do not compress JSON cost no more."""
TITLE_WEIGHT = 3
"""Pagefind weight of headline tokens against body tokens (1)."""
UNKNOWN_DATE = "0000-00-00"
"""Sort key for undated articles: Pagefind leaves pages without a sort key out of sorted results."""
TIMEOUT_S = 1800
PF_MAGIC = b"pagefind_dcd"
"""What Pagefind's files start with, once un-gzipped."""


@dataclass(frozen=True)
class SearchDoc:
    """One article as the search index sees it."""

    url_path: str
    """Site-relative, no leading slash, ends with "/": "shijingshan-bao/2020-04-16/3/"."""
    title: str
    """The headline as printed."""
    text: str
    """Clean text: headline, deck, body blocks joined by "\\n"."""
    date: str
    """ISO "2020-04-16", "" if unknown."""
    publication: str
    districts: tuple[str, ...]
    topics: tuple[str, ...]


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


def _check_url_path(url_path: str) -> PurePosixPath:
    parts = url_path[:-1].split("/")
    if not url_path.endswith("/") or "\\" in url_path or any(p in ("", ".", "..") for p in parts):
        raise SitegenError(f"search: bad url_path {url_path!r}; want a site-relative path like 'paper/2020-04-16/3/'")
    return PurePosixPath(url_path)


def _tokens_html(doc: SearchDoc, tokens: list[str]) -> str:
    """The indexed body: headline tokens (weighted) then the rest, as space-separated ASCII tokens."""
    titled = doc.title and (doc.text == doc.title or doc.text.startswith(doc.title + "\n"))
    head = len(tokenize(doc.title)) if titled else 0
    # <p>, not <h1>: Pagefind would copy a heading's text into an "auto_title" meta field.
    return (f'<p data-pagefind-weight="{TITLE_WEIGHT}">{" ".join(tokens[:head])}</p>\n' if head else "") + (
        f"<p>{' '.join(tokens[head:])}</p>")


def shadow_page(doc: SearchDoc, tokens: list[str] | None = None) -> str:
    """Render the search document for one article (all text escaped)."""
    e = html.escape
    year = doc.date[:4] if doc.date[:4].isdigit() else ""
    filters = [("publication", doc.publication), *(("district", d) for d in doc.districts),
               *(("topic", t) for t in doc.topics), ("year", year)]
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
    """Write one search document per article under root, at the article's URL path; return the
    articles written, leaving out those without a searchable character (Pagefind would drop them)."""
    seen: set[str] = set()
    written = []
    for doc in docs:
        rel = _check_url_path(doc.url_path)
        if doc.url_path in seen:
            raise SitegenError(f"search: two articles share the URL {doc.url_path!r}")
        seen.add(doc.url_path)
        tokens = tokenize(doc.text)
        if not tokens:
            log.debug("search: %s has nothing to search for; not indexed", doc.url_path)
            continue
        path = root.joinpath(*rel.parts) / "index.html"
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


def doc_json(doc: SearchDoc) -> bytes:
    """What the browser reads for one result: display fields and the text as printed."""
    data = {"url": doc.url_path, "title": doc.title, "date": doc.date, "publication": doc.publication,
            "district": "、".join(doc.districts), "text": doc.text}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_docs(docs: Sequence[SearchDoc], bundle: Path) -> None:
    """Write sitegen-docs/<page id>.json.gz for every doc; refuse a bundle that lacks or adds pages."""
    ids = page_ids(bundle)
    wanted = {"/" + d.url_path for d in docs}
    missing, extra = sorted(wanted - ids.keys()), sorted(ids.keys() - wanted)
    if missing or extra:
        raise SitegenError(f"search: Pagefind indexed {len(ids)} pages for {len(docs)} articles; "
                           f"missing {missing[:5]}, unexpected {extra[:5]}")
    out = bundle / DOCS_DIR
    out.mkdir()
    for doc in docs:
        (out / f"{ids['/' + doc.url_path]}.json.gz").write_bytes(gzip.compress(doc_json(doc), 9, mtime=0))


def _cbor_read(b: bytes, i: int = 0) -> tuple[object, int]:
    """Decode the CBOR subset Pagefind's filter and meta files use: unsigned ints, text, arrays."""
    major, info = b[i] >> 5, b[i] & 31
    i += 1
    if info >= 24:
        if info > 27:
            raise ValueError(f"unexpected CBOR byte {b[i - 1]:#x}")
        size = 1 << (info - 24)
        info, i = int.from_bytes(b[i : i + size], "big"), i + size
    if major == 0:
        return info, i
    if major == 3:
        return b[i : i + info].decode("utf-8"), i + info
    if major != 4:
        raise ValueError(f"unexpected CBOR major type {major}")
    items = []
    for _ in range(info):
        item, i = _cbor_read(b, i)
        items.append(item)
    return items, i


def _cbor_write(v: object) -> bytes:
    if isinstance(v, str):
        major, n, body = 3, len(v.encode()), v.encode()
    elif isinstance(v, list):
        major, n, body = 4, len(v), b"".join(_cbor_write(x) for x in v)
    else:
        major, n, body = 0, int(v), b""
    if n < 24:
        return bytes([major << 5 | n]) + body
    size = next(s for s in (1, 2, 4, 8) if n < 1 << (8 * s))
    return bytes([major << 5 | (23 + size.bit_length())]) + n.to_bytes(size, "big") + body


def _read_pf(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    value, end = _cbor_read(raw, len(PF_MAGIC))
    if not raw.startswith(PF_MAGIC) or end != len(raw) or _cbor_write(value) != raw[len(PF_MAGIC) :]:
        raise ValueError(f"{path.name} is not in the format this code knows")
    return value


def _pf_file(value: object, like: str) -> tuple[str, bytes]:
    """Encode a Pagefind file; name it by its content, in the shape of like ("zh-cn_" + hex digits)."""
    data = PF_MAGIC + _cbor_write(value)
    lang, _, digits = like.rpartition("_")
    return f"{lang}_{hashlib.sha256(data).hexdigest()[: len(digits)]}", gzip.compress(data, mtime=0)


def make_filters_deterministic(bundle: Path) -> None:
    """Rewrite Pagefind's filter files and pf_meta with filters and their values in sorted order.

    Pagefind 1.5.2 lists filters and their values in hash-map order, which changes from run to run
    (its source says as much), and the file names follow. Sorting makes the bundle byte-identical
    for the same input. Everything is read and checked (it must encode back to the same bytes)
    before anything is written.
    """
    writes: dict[Path, bytes] = {}
    renames: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = _read_pf(path)
        new, data = _pf_file([name, sorted([v, sorted(pages)] for v, pages in values)], path.stem)
        renames[path.stem] = new
        writes[path] = b""
        writes[path.with_name(f"{new}.pf_filter")] = data
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang in entry["languages"].values():
        meta_path = bundle / f"pagefind.{lang['hash']}.pf_meta"
        meta = _read_pf(meta_path)  # [version, pages, index chunks, filters, sorts, meta fields]
        meta[3] = sorted([name, renames[old]] for name, old in meta[3])
        lang["hash"], data = _pf_file(meta, lang["hash"])
        writes[meta_path] = b""
        writes[bundle / f"pagefind.{lang['hash']}.pf_meta"] = data
    writes[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    for path, data in writes.items():  # deletions (b"") come before the file that replaces them
        if data:
            path.write_bytes(data)
        else:
            path.unlink()


def t2s_pairs() -> bytes:
    """The traditional -> simplified table as the browser reads it."""
    table = json.loads(resources.files("sitegen").joinpath("data/t2s.json").read_text(encoding="utf-8"))
    return json.dumps("".join(k + v for k, v in table.items()), ensure_ascii=False).encode("utf-8")


def build_search_index(docs: Sequence[SearchDoc], site_dir: Path) -> None:
    """Write the Pagefind bundle for docs into site_dir/'pagefind'; raise sitegen.model.SitegenError with a clear message if the binary fails."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    target = site_dir / BUNDLE_DIR
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as tmp:
        shadow, bundle = Path(tmp) / "site", Path(tmp) / "bundle"
        shadow.mkdir()
        docs = write_shadow(docs, shadow)
        if docs:
            output = run_pagefind(shadow, bundle)
            log.debug("pagefind: %s", output)
            try:
                make_filters_deterministic(bundle)
            except (ValueError, LookupError, TypeError) as e:
                log.warning("search: left Pagefind's filter files as written (not reproducible): %s", e)
        else:
            # Pagefind refuses a site with no pages; the search page then says search is unavailable.
            log.warning("search: no articles to index; the search page will not work")
            (bundle / "fragment").mkdir(parents=True)
        write_docs(docs, bundle)
        (bundle / T2S_NAME).write_bytes(t2s_pairs())
        # Replace the old bundle whole: Pagefind's file names are content hashes, so stale files
        # would otherwise pile up build after build.
        site_dir.mkdir(parents=True, exist_ok=True)
        old = site_dir / f".{BUNDLE_DIR}.old"
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        shutil.move(str(bundle), str(target))
        if old.exists():
            shutil.rmtree(old)
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    log.info("search: indexed %d articles into %s (%.0f KB) in %.1f s",
             len(docs), target, size / 1024, time.perf_counter() - started)
