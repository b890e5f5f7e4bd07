"""Build the site's Pagefind search bundle from articles, as token streams that Pagefind cannot mis-split.

Each article becomes one search document: an HTML file in a temporary shadow folder that mirrors the
article's URL, whose indexed body is the token stream of sitegen.textnorm. The standard Pagefind binary
indexes the shadow folder in one run. static/search.js tokenises queries the same way and checks
positions and text in the browser.

The text as printed (for excerpts and the final check) is not a Pagefind meta field: Pagefind 1.5
word-indexes every meta value, and Chinese text, which has no spaces, becomes one unique "word" per
paragraph (+45% index on the seeds). It goes instead to one small gzipped JSON file per article,
sitegen-docs/<page id>.json.gz in its shard's folder, named by the page id Pagefind gives each
result, so the browser reads it instead of Pagefind's fragment, which also carries the token stream (3.5 bytes/char).
Pagefind's fragments are therefore left out of the site.

Shards. Pagefind holds a whole index in memory while it builds it, ~0.55 KB per character of text
(measured: 0.38 GB for 1,000 articles of 700 characters, 1.1 GB for 3,000; linear: it grows with the
distinct words of each page, so one-character tokens would save a third but make a common character's
index chunk huge), and one run cannot be split or resumed. So the articles are cut into shards by
period (8, 4, 2 or 1 years, then half-years, quarters, months, days, while a period holds more than
SHARD_CHARS characters), each indexed by its own Pagefind run, two at a time while their characters
fit RUN_BUDGET_CHARS, and each cached under the hash of its articles: adding an issue re-indexes
only the shard of its period. The newest shard is the primary bundle at pagefind/ (with Pagefind's
runtime); the others sit in pagefind/shards/<period>/ and static/search.js merges them in the
browser with Pagefind's mergeIndex, which shares the primary's WebAssembly and adds up filter
counts. pagefind/sitegen-shards.json lists the shards, newest first (see browser_order). Each
shard costs a query its metadata, its filters and one index chunk per token: hence few, big shards,
and small chunks (INDEX_CHUNK_SIZE). At 10,000 articles (7.1 M characters, benchmarks/search_scale.py):
6 shards, peak 1.0 GB for the index build (was 8 GB), bundle 31 MB (was 111 MB).
"""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import html
import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from importlib import metadata, resources
from pathlib import Path, PurePosixPath

from ..errors import SitegenError
from ..lexicon import normalize
from .tokens import SENTINEL, code, query_terms, query_tokens, tokenize

__all__ = ["SearchDoc", "Shard", "build_search_index", "log_like_parent", "plan_shards", "tokenize", "query_tokens", "query_terms", "normalize", "code"]

log = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
T2S_NAME = "sitegen-t2s.json"
"""sitegen/data/t2s.json for static/search.js and highlight.js, as one JSON string of pairs "東东華华…"
(17 KB gzipped against 20 KB for the object)."""
DOCS_DIR = "sitegen-docs"
"""Per-article gzipped JSON (url, title, date, publication, district, text) in each shard's folder.
Gzipped here, like Pagefind's own files, so hosts that do not compress JSON cost no more."""
TITLE_WEIGHT = 3
"""Pagefind weight of headline tokens against body tokens (1)."""
UNKNOWN_DATE = "0000-00-00"
"""Sort key for undated articles: Pagefind leaves pages without a sort key out of sorted results."""
TIMEOUT_S = 1800
SHARD_CHARS = 2_000_000
"""Most characters of text in one shard before its period is cut. Pagefind takes ~0.55 KB of memory
per character indexed, so a shard this big peaks near 1.1 GB. Smaller shards cost the browser more,
as a query loads each shard's metadata (~25 KB) and one index chunk per shard and token (~6 KB, see
INDEX_CHUNK_SIZE): at 10,000 articles, 34 shards (0.7 M characters at most) made a first query
download 1.1-2.5 MB, 6 shards (this) 0.46-0.73 MB with Pagefind's default chunks (benchmarks/search_scale.py)."""
NEWEST_APART_CHARS = 300_000
"""The newest shard, when bigger than this, leaves its newest quarter to a shard of its own (see
_newest_quarter_apart): so that adding this week's issue re-indexes little."""
INDEX_CHUNK_SIZE = 5000
"""Pagefind's index chunk size (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE; its default makes ~21 KB chunks of
our tokens). A query loads one chunk per shard and token, and every chunk is listed in the shard's
metadata, which a query loads whole. On a 1.5 M-character shard, chunk and metadata: default 21.4 KB
and 22.0 KB; 7,000: 8.2 and 25.8; 5,000: 6.1 and 27.8; 4,000: 5.1 and 29.3; 3,000: 4.1 and 31.8. So
5,000 costs a shard 34 KB for a one-token query (was 43) and 40 KB for two tokens (was 65). The
variable is "unstable" in Pagefind 1.5 (pinned): a version without it makes bigger chunks, nothing worse."""
PARALLEL_RUNS = 2
"""Pagefind runs at once. One run keeps one core busy (its user time is its wall time)."""
RUN_BUDGET_CHARS = SHARD_CHARS
"""Characters that Pagefind runs may index at the same time (~1.1 GB): two small shards run side by
side, a big one runs alone."""
SHARDS_NAME = "sitegen-shards.json"
"""The bundle-relative folders of the shards, primary ("") first, for static/search.js."""
SHARDS_DIR = "shards"
CACHE_SUBDIR = "search"
CACHE_KEEP = 64
"""Cached shards kept beyond those of the last build, the most recently used first."""
RUNTIME = ("pagefind.js", "pagefind-worker.js")
"""Pagefind's own files the search page loads, with its WebAssembly (wasm.<language>.pagefind)."""
INDEX_PARTS = ("pagefind-entry.json", "index", "filter")
"""What a shard needs in the browser besides its pf_meta: no fragments (sitegen-docs replaces them)."""
MONTH_STEPS = (96, 48, 24, 12, 6, 3, 1)
"""Periods in months, each half the one before (but 12 -> 6 -> 3 -> 1), aligned on year 0: 2016-2023,
2016-2019, 2016-2017, 2016, … A too big period is cut into the next ones (then into days)."""
EVERY_PAGE = "z" + SENTINEL + SENTINEL
"""A token every page holds, after its text: searching it with filters lists the pages that pass
them while loading one index chunk per shard; Pagefind's own filter-only search loads every chunk.
No Chinese text gives it ("zzzz" only ever ends a bigram); a page that prints it had it anyway."""
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


@dataclass(frozen=True)
class Shard:
    """The articles of one period, indexed by one Pagefind run."""

    name: str
    """The period: "2016-01_2019-12" (months), "2020-04-16" (one day) or "undated"; sorts by time."""
    docs: tuple[SearchDoc, ...]
    """In URL order."""


def _doc_date(doc: SearchDoc) -> date | None:
    try:
        return date.fromisoformat(doc.date) if doc.date else None
    except ValueError:
        return None


def _split(docs: list[SearchDoc], first: int, months: int, max_chars: int) -> list[Shard]:
    """Cut the docs of the period of `months` months from absolute month `first` (year * 12 + month - 1)
    into shards of at most max_chars characters, halving it (8 years, 4, 2, 1, then 6 months, 3, 1,
    then days) while it is too big. A period's shard depends only on its own articles, so adding an
    article changes one shard (or splits that one)."""
    last = first + months - 1
    name = f"{first // 12:04d}-{first % 12 + 1:02d}_{last // 12:04d}-{last % 12 + 1:02d}"
    if sum(len(d.text) for d in docs) <= max_chars or len(docs) == 1:
        return [Shard(name, tuple(docs))]
    if months == 1:  # a day is the smallest period: one day's articles stay together
        days: dict[str, list[SearchDoc]] = {}
        for d in docs:
            days.setdefault(d.date, []).append(d)
        return [Shard(day, tuple(ds)) for day, ds in sorted(days.items())]
    step = next(s for s in MONTH_STEPS if s < months)
    parts: dict[int, list[SearchDoc]] = {}
    for d in docs:
        parts.setdefault((_month(d) - first) // step, []).append(d)
    return [shard for k, ds in sorted(parts.items()) for shard in _split(ds, first + k * step, step, max_chars)]


def _month(doc: SearchDoc) -> int:
    day = _doc_date(doc)
    assert day is not None
    return day.year * 12 + day.month - 1


def plan_shards(docs: Sequence[SearchDoc], max_chars: int = SHARD_CHARS,
                apart_chars: int = NEWEST_APART_CHARS) -> list[Shard]:
    """Cut the articles into shards by period, oldest first, undated articles last."""
    top = MONTH_STEPS[0]
    blocks: dict[int, list[SearchDoc]] = {}
    undated: list[SearchDoc] = []
    for doc in sorted(docs, key=lambda d: d.url_path):
        if _doc_date(doc) is None:
            undated.append(doc)
        else:
            blocks.setdefault(_month(doc) // top, []).append(doc)
    shards = [shard for n, ds in sorted(blocks.items()) for shard in _split(ds, n * top, top, max_chars)]
    if shards:
        shards[-1:] = _newest_quarter_apart(shards[-1], apart_chars)
    return shards + ([Shard("undated", tuple(undated))] if undated else [])


def _newest_quarter_apart(shard: Shard, apart_chars: int) -> list[Shard]:
    """Give the newest calendar quarter of the newest shard a shard of its own, when that shard is big.

    New issues are nearly always the newest: each one then re-indexes only its quarter's articles, not
    the whole period's (the rest of the period is indexed again once a quarter, when it grows)."""
    if sum(len(d.text) for d in shard.docs) <= apart_chars or "_" not in shard.name:
        return [shard]
    first = _month_of_name(shard.name.split("_")[0])
    last = _month_of_name(shard.name.split("_")[1])
    quarter = max(map(_month, shard.docs)) // 3 * 3
    older = tuple(d for d in shard.docs if _month(d) < quarter)
    newest = tuple(d for d in shard.docs if _month(d) >= quarter)
    if not older or quarter <= first:
        return [shard]
    return [Shard(f"{_name_of_month(first)}_{_name_of_month(quarter - 1)}", older),
            Shard(f"{_name_of_month(quarter)}_{_name_of_month(min(last, quarter + 2))}", newest)]


def _month_of_name(name: str) -> int:
    year, month = name.split("-")
    return int(year) * 12 + int(month) - 1


def _name_of_month(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def browser_order(shards: Sequence[Shard]) -> list[Shard]:
    """Newest first, undated last: the order Pagefind lists merged shards in, which static/search.js
    relies on to sort by date. The first is the primary bundle."""
    dated = [s for s in shards if s.name != "undated"]
    return dated[::-1] + [s for s in shards if s.name == "undated"]


def index_version() -> str:
    """What a shard's bundle depends on besides its articles: this code, its tables, Pagefind's version."""
    h = hashlib.sha256()
    for name in ("search/__init__.py", "search/tokens.py", "lexicon.py", "data/t2s.json"):
        h.update(resources.files("sitegen").joinpath(name).read_bytes())
    try:
        h.update(metadata.version("pagefind_bin").encode())
    except metadata.PackageNotFoundError:
        pass
    return h.hexdigest()


def shard_key(shard: Shard, version: str) -> str:
    """The cache key of a shard's bundle: a hash of its articles (every field indexed) and version."""
    data = [[d.url_path, d.title, d.text, d.date, d.publication, list(d.districts), list(d.topics)] for d in shard.docs]
    payload = json.dumps([version, shard.name, data], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


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
        f"<p>{' '.join(tokens[head:])}</p>\n<p>{EVERY_PAGE}</p>")


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


def _check_docs(docs: Sequence[SearchDoc]) -> None:
    seen: set[str] = set()
    for doc in docs:
        _check_url_path(doc.url_path)
        if doc.url_path in seen:
            raise SitegenError(f"search: two articles share the URL {doc.url_path!r}")
        seen.add(doc.url_path)


def index_shard(shard: Shard, out: Path, budget: MemoryBudget | None = None) -> bool:
    """Index one shard into the folder out (created): Pagefind's bundle without fragments and UI,
    plus sitegen-docs. Return False, writing nothing, when no article has anything to search.

    budget: held while Pagefind runs (its memory), not while its input is written or its output read,
    so that one shard is made ready while another one's Pagefind runs."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # Beside out, so that the bundle is moved there, not copied.
    with tempfile.TemporaryDirectory(prefix=".sitegen-shard-", dir=out.parent) as tmp:
        shadow, bundle = Path(tmp) / "site", Path(tmp) / "bundle"
        shadow.mkdir()
        docs = write_shadow(shard.docs, shadow)
        if not docs:
            return False
        with budget.hold(_chars(shard)) if budget else contextlib.nullcontext():
            output = run_pagefind(shadow, bundle)
        log.debug("pagefind %s: %s", shard.name, output)
        try:
            make_filters_deterministic(bundle)
        except (ValueError, LookupError, TypeError) as e:
            log.warning("search: left Pagefind's filter files as written (not reproducible): %s", e)
        write_docs(docs, bundle)
        out.mkdir(parents=True)
        keep = [*RUNTIME, *INDEX_PARTS, DOCS_DIR]
        for path in sorted(bundle.iterdir()):
            if path.name in keep or path.suffix in (".pf_meta", ".pagefind"):
                shutil.move(str(path), str(out / path.name))
    return True


def _link_tree(src: Path, dst: Path, names: Callable[[Path], bool] = lambda p: True) -> None:
    """Hard-link (or copy) the files of src into dst: bundles are never changed in place."""
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_dir() or not names(src / rel.parts[0]):
            continue
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)


FILES_NAME = "sitegen-files.json"
"""In a cached shard: the sha256 of each of its files, checked before the shard is used again."""


def _file_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != FILES_NAME}


def _sound(folder: Path) -> bool:
    """Whether a cached shard holds exactly the files it was stored with, byte for byte."""
    try:
        return json.loads((folder / FILES_NAME).read_text(encoding="utf-8")) == _file_hashes(folder)
    except (OSError, ValueError):
        return False


class ShardCache:
    """Finished shard bundles in cache_dir/search/<key>/, or none (cache_dir None: a temporary folder)."""

    def __init__(self, cache_dir: Path | None, work: Path, budget: MemoryBudget | None = None):
        self.root = Path(cache_dir) / CACHE_SUBDIR if cache_dir is not None else None
        self.work = work
        self.budget = budget
        self.version = index_version()
        self.hits = 0

    def bundle(self, shard: Shard) -> Path | None:
        """The shard's bundle folder, indexed now or found in the cache; None if it has nothing to search."""
        key = shard_key(shard, self.version)
        if self.root is None:
            out = self.work / key
            return out if index_shard(shard, out, self.budget) else None
        out = self.root / key
        if out.is_dir():
            if _sound(out):
                self.hits += 1
                os.utime(out)
                return None if (out / ".empty").is_file() else out
            # Its files are hard-linked into the site: one edited there is edited here too.
            log.warning("search: the cached index of %s was changed or damaged; indexing it again", shard.name)
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=self.root))
        try:
            if not index_shard(shard, tmp / "b", self.budget):
                (tmp / "b").mkdir()
                (tmp / "b" / ".empty").write_bytes(b"")
            (tmp / "b" / FILES_NAME).write_text(json.dumps(_file_hashes(tmp / "b"), sort_keys=True), encoding="utf-8")
            shutil.rmtree(out, ignore_errors=True)
            os.replace(tmp / "b", out)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return None if (out / ".empty").is_file() else out

    def prune(self, used: set[str]) -> None:
        """Drop cached shards beyond the CACHE_KEEP most recently used ones not used by this build."""
        if self.root is None or not self.root.is_dir():
            return
        others = [p for p in self.root.iterdir() if p.name not in used and not p.name.startswith(".")]
        others.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
        for path in others[CACHE_KEEP:]:
            shutil.rmtree(path, ignore_errors=True)


def assemble(bundles: Sequence[tuple[Shard, Path]], out: Path) -> None:
    """Put the shard bundles together (in browser_order): the first at out (with Pagefind's runtime), the
    others in out/shards/<name>/, each with its own sitegen-docs, and the list of shards.

    Pagefind names a page by a hash of 7 hex digits, made longer only on a clash within one run: pages
    of two shards may share a name (at 10,000 articles, about one archive in five). static/search.js
    therefore knows a page by its shard and its name, and reads its doc from its shard's folder.
    """
    out.mkdir(parents=True)
    dirs = []
    for n, (shard, bundle) in enumerate(bundles):
        rel = "" if n == 0 else f"{SHARDS_DIR}/{shard.name}/"
        runtime = n == 0
        _link_tree(bundle, out / rel, lambda p, runtime=runtime: p.name == DOCS_DIR or (
            p.name in INDEX_PARTS or p.suffix == ".pf_meta" or (runtime and (p.name in RUNTIME or p.suffix == ".pagefind"))))
        dirs.append(rel)
    (out / SHARDS_NAME).write_text(json.dumps(dirs), encoding="utf-8")


def _chars(shard: Shard) -> int:
    return sum(len(d.text) for d in shard.docs)


class MemoryBudget:
    """Let Pagefind runs go on together only while their shards' characters add up to at most
    limit (a run alone may exceed it): memory grows with the characters indexed."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0
        self.cond = threading.Condition()

    @contextlib.contextmanager
    def hold(self, chars: int) -> Iterator[None]:
        with self.cond:
            self.cond.wait_for(lambda: self.used == 0 or self.used + chars <= self.limit)
            self.used += chars
        try:
            yield
        finally:
            with self.cond:
                self.used -= chars
                self.cond.notify_all()


def log_like_parent(level: int) -> None:
    """Set up logging in a process of its own that builds the index (build.py starts one) as its parent's.

    Here, not in build.py, so that such a process imports this module and what it needs only, not the
    whole build (Jinja, jieba, pypinyin): it starts and ends 0.3 s sooner."""
    logging.basicConfig(level=level, format="%(message)s")


def build_search_index(docs: Sequence[SearchDoc], site_dir: Path, cache_dir: Path | None = None,
                       shard_chars: int = SHARD_CHARS) -> None:
    """Write the search bundle for docs into site_dir/'pagefind', reusing the shards cached in
    cache_dir (None: no cache); raise sitegen.model.SitegenError with a clear message if Pagefind fails."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    target = site_dir / BUNDLE_DIR
    _check_docs(docs)
    shards = plan_shards(docs, shard_chars)
    site_dir.mkdir(parents=True, exist_ok=True)
    # In site_dir: cached files are hard-linked into the site, and the bundle is renamed into place.
    with tempfile.TemporaryDirectory(prefix=".sitegen-search-", dir=site_dir) as tmp:
        cache = ShardCache(cache_dir, Path(tmp) / "shards", MemoryBudget(RUN_BUDGET_CHARS))
        pool = ThreadPoolExecutor(PARALLEL_RUNS, thread_name_prefix="sitegen-search")
        try:
            # Biggest first, so that the small ones fill in beside them.
            order = sorted(shards, key=lambda s: (-_chars(s), s.name))
            found = dict(zip((s.name for s in order), pool.map(cache.bundle, order)))
        finally:  # on a failure, start no more runs (the one under way finishes)
            pool.shutdown(wait=True, cancel_futures=True)
        bundles = [(shard, found[shard.name]) for shard in browser_order(shards) if found[shard.name] is not None]
        bundle = Path(tmp) / "bundle"
        assemble(bundles, bundle)
        if not bundles:
            # Pagefind refuses a site with no pages; the search page then says search is unavailable.
            log.warning("search: no articles to index; the search page will not work")
        (bundle / T2S_NAME).write_bytes(t2s_pairs())
        # Replace the old bundle whole: Pagefind's file names are content hashes, so stale files
        # would otherwise pile up build after build.
        old = site_dir / f".{BUNDLE_DIR}.old"
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        shutil.move(str(bundle), str(target))
        if old.exists():
            shutil.rmtree(old)
    cache.prune({shard_key(s, cache.version) for s in shards})
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    log.info("search: indexed %d articles in %d shards (%d from the cache) into %s (%.0f KB) in %.1f s",
             len(docs), len(bundles), cache.hits, target, size / 1024, time.perf_counter() - started)
