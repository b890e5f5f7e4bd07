"""Search excerpts over hundreds of random queries, the same check in every engine.

The cases are the built site's own search docs (<shard>/sitegen-docs/*.json.gz, what the browser
reads for a result) with queries cut at random out of their text, one or two terms, some in
traditional characters; static/search-core.js's excerpt() makes each excerpt in the browser, and
`cut_marks` checks that every <mark> holds whole terms.
"""
from __future__ import annotations

import gzip
import html
import json
import random
import re
from pathlib import Path

from sitegen.search import BUNDLE_DIR
from sitegen.search.bundle import DOC_SUFFIX, DOCS_DIR
from sitegen.search.tokens import normalize, query_terms

ROOT = Path(__file__).resolve().parent.parent

EXCERPTS_JS = """async (cases) => {
  const core = await import(document.documentElement.dataset.baseUrl + "static/search-core.js");
  await core.ready();
  return cases.map(([text, title, terms]) => core.excerpt(text, title, terms));
}"""
"""Run on the site's search page: the excerpt of each [text, title, terms] case, as a result shows it."""


def site_docs(site: Path) -> list[dict]:
    """Every search doc of the built site at site/, in a stable order."""
    paths = sorted((site / BUNDLE_DIR).glob(f"**/{DOCS_DIR}/*{DOC_SUFFIX}"))
    assert paths, f"no search docs under {site / BUNDLE_DIR}"
    return [json.loads(gzip.decompress(p.read_bytes())) for p in paths]


def excerpt_cases(docs: list[dict], n: int, seed: int) -> list[list]:
    """n cases [text, title, terms]: a doc and a query cut at random out of its text (1-6 Chinese
    characters; every third in traditional characters, every other one of two terms, the second cut
    within 200 characters after the first, where an excerpt's window ends), the terms normalised as
    search-core.js's present() hands them over."""
    rng = random.Random(seed)
    table = json.loads((ROOT / "sitegen" / "data" / "t2s.json").read_text(encoding="utf-8"))
    to_traditional: dict[str, str] = {}
    for trad, simp in sorted(table.items()):
        to_traditional.setdefault(simp, trad)

    def piece(text: str, lo: int = 0, hi: int | None = None) -> str:
        hi = len(text) if hi is None else min(hi, len(text))
        at = rng.randrange(lo, max(lo + 1, hi))
        run = re.match(r"[\u3400-\u9fff]*", text[at:]).group()
        return run[:rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6))] or piece(text)

    cases = []
    for i in range(n):
        doc = rng.choice(docs)
        text = doc["text"]
        first = piece(text)
        query = first
        if i % 2:
            at = normalize(text).find(normalize(first))
            query += " " + piece(text, at, at + 200)
        if i % 3 == 0:
            query = "".join(to_traditional.get(c, c) for c in query)
        cases.append([text, doc["title"], query_terms(query)])
    return cases


def cut_marks(excerpt: str, terms: list[str]) -> list[str]:
    """The marks of excerpt that are not whole terms: each must begin with a term and end with one
    (neighbouring or overlapping matches share a mark)."""
    bad = []
    for mark in re.findall(r"<mark>(.*?)</mark>", excerpt):
        text = normalize(html.unescape(mark))
        if not any(text.startswith(t) for t in terms) or not any(text.endswith(t) for t in terms):
            bad.append(mark)
    return bad


def check_excerpts(cases: list[list], excerpts: list[str]) -> None:
    """Every excerpt has a mark, and every mark is whole."""
    assert len(excerpts) == len(cases)
    unmarked = [(c[2], e) for c, e in zip(cases, excerpts) if "<mark>" not in e]
    cut = [(c[2], e) for c, e in zip(cases, excerpts) if cut_marks(e, c[2])]
    assert not unmarked, f"{len(unmarked)} excerpts without a mark, as (terms, excerpt): {unmarked[:3]}"
    assert not cut, f"{len(cut)} of {len(cases)} excerpts cut a term, as (terms, excerpt): {cut[:3]}"
