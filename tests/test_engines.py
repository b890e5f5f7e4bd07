"""The seeds site read and searched in Firefox ESR, WebKitGTK (Safari's engine) and WPE WebKit 2.38
(Safari 16.0, the older iPhones): the cross-engine lane, `-m engines` (tests/engines.py drives them).

In each engine: the home page, an issue, an article and a district listing; the search page opened
with ?q= (simplified, traditional, two terms, a filter) showing what the catalog holds; a result opened
with its terms highlighted; the search API on random queries; excerpts on hundreds; and no JavaScript
error on any page. With SITEGEN_SCREENSHOTS=1 the pages are saved to tests/screenshots/engine-*.png.
"""
from __future__ import annotations

import os
import random
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from engines import ENGINES, Engine, serve_with_error_catcher, start
from excerpts import EXCERPTS_JS, check_excerpts, cut_marks, excerpt_cases, site_docs
from sitegen.search.tokens import normalize, query_terms
from sitegen.site.catalog import read_catalog

pytestmark = [pytest.mark.browser, pytest.mark.engines]

SHOTS = Path(__file__).resolve().parent / "screenshots"
SCREENSHOTS = os.environ.get("SITEGEN_SCREENSHOTS") == "1"


@pytest.fixture(scope="module")
def served(site_dir: Path) -> Iterator[str]:
    server, url = serve_with_error_catcher(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """One engine for all of this module's tests in it (started once: 1-4 s)."""
    e = start(request.param)
    yield e
    e.close()


@pytest.fixture(scope="module")
def catalog(site_dir: Path) -> dict:
    return read_catalog(site_dir)


def shot(engine: Engine, name: str) -> None:
    if SCREENSHOTS:
        SHOTS.mkdir(exist_ok=True)
        engine.screenshot(SHOTS / f"engine-{engine.name}-{name}.png")


def no_errors(engine: Engine, where: str) -> None:
    assert engine.errors() == [], f"{engine.name}: JavaScript errors on {where}"


def holding(catalog: dict, query: str, district: str | None = None) -> set[str]:
    """The articles whose text holds every term of query (in the district, if given)."""
    terms = query_terms(query)
    return {a["url"] for a in catalog["articles"]
            if all(t in normalize("\n".join(filter(None, [a["kicker"], a["headline"], a["deck"], a["text"]])))
                   for t in terms)
            and (district is None or district in a["district"])}


def page_facts(engine: Engine) -> dict:
    """What a reader sees first: the h1, and where the page's links go."""
    return engine.evaluate("""() => ({
        title: document.title, h1: document.querySelector("h1")?.textContent.trim(),
        links: [...document.querySelectorAll("main a[href]")].map((a) => new URL(a.href).pathname) })""")


def test_reading_pages(engine, served, catalog):
    """Home, an issue, an article and a district listing each show what a reader looks for, with no error."""
    issue = catalog["issues"][0]
    article = next(a for a in catalog["articles"] if a["issue"] == issue["id"])
    shijingshan = {a["url"] for a in catalog["articles"] if "石景山区" in a["district"]}
    pages = [
        ("home", "", lambda f: f["title"].endswith("北京区报档案") and issue["url"] in f["links"]),
        ("issue", issue["url"].lstrip("/"),
         lambda f: issue["publication"] in f["h1"]
         and {a["url"] for a in catalog["articles"] if a["issue"] == issue["id"]} <= set(f["links"])),
        ("article", article["url"].lstrip("/"), lambda f: f["h1"] == article["headline"]),
        ("district", "districts/shijingshan/", lambda f: f["h1"].startswith("石景山区") and shijingshan <= set(f["links"])),
    ]
    for name, path, looks_right in pages:
        engine.goto(served + path)
        engine.wait_for("() => document.readyState === 'complete'")
        facts = page_facts(engine)
        assert looks_right(facts), (engine.name, name, facts)
        shot(engine, name)
        no_errors(engine, name)


SEARCHES = [  # (what it is, query, filters)
    ("simplified", "防汛", {}),
    ("traditional", "東華門", {}),
    ("two-terms", "石景山 防汛", {}),
    ("filter", "疫情", {"district": "东城区"}),
]


@pytest.mark.parametrize("kind, query, filters", SEARCHES, ids=[s[0] for s in SEARCHES])
def test_search_page(engine, served, catalog, kind, query, filters):
    """The search page opened with ?q= shows the articles the catalog says hold the query, each term marked."""
    want = holding(catalog, query, filters.get("district"))
    assert 0 < len(want) <= 20, "a query whose results fit on one page"
    engine.goto(served + "search/?" + urlencode({"q": query, **filters}))
    status = engine.wait_for("() => /共找到|没有找到|出错|不可用/.test(document.querySelector('.search-status').textContent)"
                             " && document.querySelector('.search-status').textContent")
    assert status == f"共找到 {len(want)} 篇", (engine.name, status)
    shown = engine.evaluate("""() => [...document.querySelectorAll(".search-results > li")].map((li) => ({
        url: new URL(li.querySelector("a").href).pathname, excerpt: li.querySelector(".excerpt").innerHTML }))""")
    assert {r["url"] for r in shown} == want
    terms = query_terms(query)
    assert all("<mark>" in r["excerpt"] and not cut_marks(r["excerpt"], terms) for r in shown), shown
    if filters:
        assert engine.evaluate("() => document.querySelector('select[name=district]').value") == filters["district"]
    engine.evaluate("() => document.querySelector('.search-status').scrollIntoView()")  # the results on screen
    shot(engine, f"search-{kind}")
    no_errors(engine, f"the search page for {query}")


def test_a_result_opens_with_its_terms_highlighted(engine, served):
    engine.goto(served + "search/?q=" + "%E6%9D%B1%E8%8F%AF%E9%96%80")  # 東華門
    href = engine.wait_for("() => document.querySelector('.search-results .headline a')?.href")
    assert "highlight=%E6%9D%B1%E8%8F%AF%E9%96%80" in href
    no_errors(engine, "the search page")
    engine.evaluate("() => { document.querySelector('.search-results .headline a').click(); }")
    marked = engine.wait_for("() => location.search.includes('highlight=')"
                             " && document.querySelector('article mark.search-highlight')?.textContent")
    assert normalize(marked) == "东华门"
    shot(engine, "highlight")
    no_errors(engine, "the article opened from a result")


def sampled_queries(catalog: dict, n: int, seed: int) -> list[str]:
    """Queries no one chose: 1-6 Chinese characters cut at random out of the articles, some two at a time."""
    rng = random.Random(seed)
    runs = [r for a in catalog["articles"] for r in re.findall(r"[\u3400-\u9fff]{2,}", a["text"])]

    def piece() -> str:
        run = rng.choice(runs)
        size = min(len(run), rng.choice((1, 2, 3, 4, 6)))
        at = rng.randrange(len(run) - size + 1)
        return run[at:at + size]

    return [f"{piece()} {piece()}" if i % 4 == 3 else piece() for i in range(n)]


def test_search_api_on_random_queries(engine, served, catalog):
    """window.sitegen.search finds exactly the articles holding every term, with whole marks."""
    queries = sampled_queries(catalog, 30, seed=23)
    engine.goto(served + "search/")
    engine.wait_for("() => !!window.sitegen")  # the page's modules have run
    got = engine.evaluate("""async (queries) => {
        const out = [];
        for (const q of queries) out.push(await window.sitegen.search(q));
        return out; }""", queries)
    wrong = [(q, sorted(r["url"] for r in res)) for q, res in zip(queries, got)
             if {r["url"] for r in res} != holding(catalog, q)]
    assert not wrong, wrong
    cut = [(q, r["excerpt"]) for q, res in zip(queries, got) for r in res if cut_marks(r["excerpt"], query_terms(q))]
    assert not cut, cut
    no_errors(engine, "the search page")


def test_excerpts_hold_every_term_whole(engine, served, site_dir):
    """Hundreds of random queries over the search docs: every mark of every excerpt is whole terms."""
    cases = excerpt_cases(site_docs(site_dir), 500, seed=23)
    engine.goto(served + "search/")
    check_excerpts(cases, engine.evaluate(EXCERPTS_JS, cases))
    no_errors(engine, "the search page")
