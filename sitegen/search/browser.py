"""What the browser's search code is told by the page it runs on: the constants it shares with Python.

static/search-core.js tokenises a query as tokens.py does and reads the bundle laid out by bundle.py.
It gets their constants from the page, as inline JSON (<script type="application/json"
id="sitegen-search">), rather than as copies: nothing is fetched before a search can start.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .bundle import DOC_SUFFIX, DOCS_DIR, RUNTIME, SHARDS_NAME, T2S_NAME, WASM_NAME
from .pagefind import EVERY_PAGE, FILTERS
from .tokens import CJK_PREFIX, IDEOGRAPH_RANGES, SENTINEL, WHITESPACE


def highlight_data(bundle_url: str) -> dict[str, Any]:
    """What marking a query's terms in a page needs: splitting the query, and the table that
    normalises traditional characters. bundle_url: where the site serves the bundle ("/pagefind/")."""
    return {"ranges": [list(r) for r in IDEOGRAPH_RANGES], "whitespace": WHITESPACE,
            "bundle": bundle_url, "t2s": T2S_NAME}


def first_files(shards: Sequence[dict[str, Any]]) -> list[str]:
    """The files, relative to the bundle, that a first search waits on longest: Pagefind's worker script
    (which then asks for the WebAssembly), and the entry and metadata of each shard searched first,
    which say where the query's index chunks are (shards: the list build_search_index returned). The
    search page names them in its head, so that they come at once with its scripts: Pagefind would
    ask for them one after another (the worker, the entry, then the metadata; the merged shards' only
    once the WebAssembly is in). The WebAssembly and the table of traditional characters are left
    out: in the head too, they weigh on the page's paints as Lighthouse simulates them (performance
    99, not 100)."""
    files: list[str] = [RUNTIME[1]] if shards else []
    for i, s in enumerate(shards):
        if i and not s.get("first"):
            break
        files += [f"{s['dir']}pagefind-entry.json?ts={s['tag']}", f"{s['dir']}{s['meta']}"]
    return files


def search_data(bundle_url: str) -> dict[str, Any]:
    """What searching needs besides: the token scheme and the names of the bundle's files."""
    return {**highlight_data(bundle_url), "prefix": CJK_PREFIX, "sentinel": SENTINEL, "every": EVERY_PAGE,
            "filters": list(FILTERS), "runtime": RUNTIME[0], "worker": RUNTIME[1], "wasm": WASM_NAME, "shards": SHARDS_NAME,
            "doc": f"{DOCS_DIR}/{{page}}{DOC_SUFFIX}"}
