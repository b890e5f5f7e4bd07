"""Search end to end: a real Pagefind index of seed text, served over HTTP, queried in real Chromium."""
from __future__ import annotations

import functools
import http.server
import json
import random
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from sitegen.search import BUNDLE_DIR, SearchDoc, build_search_index, highlight_data
from sitegen.search.bundle import (DOC_SUFFIX, DOCS_DIR, RUNTIME, SHARDS_NAME, T2S_NAME, WASM_NAME, index_shard,
                                   join_shards, t2s_pairs)
from sitegen.search.pagefind import EVERY_PAGE, FILTERS
from sitegen.search.records import doc_json, stub_of
from sitegen.search.shards import FIRST_PAGES, SHARD_CHARS, Shard
from sitegen.search.tokens import (CJK_PREFIX, IDEOGRAPH_RANGES, SENTINEL, WHITESPACE, normalize, query_terms,
                                   query_tokens, tokenize)
from sitegen.archive import build_archive
from sitegen.site.listings import search as search_page_of
from sitegen.site.pages import Plan
from sitegen.site.render import url_filter
from sitegen.site.urls import PATHS, SiteUrls
from sitegen.lexicon import load_lexicon
from support import read_catalog

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
PAPERS = {  # seed file -> (publication, date); the seeds' own mastheads
    "000": ("石景山报", "2020-04-24"), "001": ("石景山报", "2020-06-24"), "002": ("石景山报", "2020-04-16"),
    "003": ("首都精神文明建设情况简报", "2020-11-05"), "004": ("新东城报", "2020-05-22"),
}
# The same seed sentences in traditional characters and full-width digits, as an older or Hong Kong
# source would print them (seeds/004 lines 369 and 423).
EXTRA = [
    ("區領導檢查全國「兩會」服務保障", "近日，金暉還走訪檢查了永外、東華門、建國門、景山等街道，要求各單位堅決落實責任，做好垃圾分類等工作。", "新东城报", "2020-05-23"),
    ("截至目前全區共排查風險隱患", "截至目前，全區共排查１１２０８處風險隱患，已整改近1萬處。", "新东城报", "2020-05-29"),
    ("<b>标记</b> & “引号”", "石景山<img src=x onerror=alert(1)>防汛 <script>x</script> & 常卫", "测试报", "2019-01-01"),
]
SMALL_SHARDS = 4000
"""Characters per shard for the site at /: the seeds' articles then fill several shards."""
QUERIES = ["石景山", "常卫", "街坊", "东华门", "東華門", "垃圾分類", "11208", "接诉即办", "石景山 防汛", "卫",
           "背街小巷环境精细化整治", "火星基地"]


def seed_articles() -> list[SearchDoc]:
    """Cut the seeds into short articles: a line under 40 characters without 。 is a headline, and
    each paragraph after it becomes one article under that headline (more, smaller pages)."""
    docs = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        publication, date = PAPERS[path.name[:3]]
        paras = [p.strip().lstrip("#").strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
        headline = ""
        n = 0
        for p in filter(None, paras):
            if len(p) < 40 and "。" not in p and "\n" not in p:
                headline, part = p, 0
            elif headline:
                part, n = part + 1, n + 1
                title = headline if part == 1 else f"{headline}（{part}）"
                docs.append(make_doc(f"{path.name[:3]}/{date}/{n}/", title, f"{title}\n{p}", publication, date))
    for n, (title, body, publication, date) in enumerate(EXTRA):
        docs.append(make_doc(f"extra/{date}/{n + 1}/", title, f"{title}\n{body}", publication, date))
    return docs


def make_doc(url_path: str, title: str, text: str, publication: str, date: str) -> SearchDoc:
    norm = normalize(text)
    districts = tuple(d for d, k in (("东城区", "东城"), ("石景山区", "石景山")) if k in norm)
    topics = tuple(t for t, k in (("防汛", "防汛"), ("疫情防控", "疫情"), ("垃圾分类", "垃圾分类")) if k in norm)
    return SearchDoc(url_path, title, text, date, publication, districts, topics)


def expected(docs: list[SearchDoc], query: str, **filters: str) -> set[str]:
    """The answer by plain substring search on normalised text: every term must occur."""
    terms = normalize(query).split()
    return {
        d.url_path for d in docs
        if all(t in normalize(d.text) for t in terms)
        and all(v in {"district": d.districts, "topic": d.topics, "publication": (d.publication,), "year": (d.date[:4],)}[k]
                for k, v in filters.items())
    }


THROWAWAY_BASE = """<!DOCTYPE html>
<html lang="zh-CN" data-base-url="{{ site.base_url }}"><head><meta charset="utf-8">
<title>{% block title %}{% endblock %} · {{ site.title }}</title></head>
<body><main>{% block content %}{% endblock %}</main>{% block scripts %}{% endblock %}</body></html>
"""
ARTICLE = """<!DOCTYPE html><html lang="zh-CN" data-base-url="{base}"><head><meta charset="utf-8"></head>
<body><article><h1>{title}</h1>{body}</article>
<script type="application/json" id="sitegen-search">{data}</script>
<script type="module" src="{base}static/highlight.js"></script></body></html>"""


def build_site(out: Path, docs: list[SearchDoc], base_url: str, shard_chars: int = SHARD_CHARS,
               first_pages: int = FIRST_PAGES) -> None:
    """The parts of a site that search needs: search page, static files, bundle and article pages."""
    tmpl_dir = out.parent / f"templates-{out.name}"
    tmpl_dir.mkdir()
    (tmpl_dir / "base.html").write_text(THROWAWAY_BASE, encoding="utf-8")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(tmpl_dir), str(REPO / "templates")]),
        autoescape=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["url"] = url_filter  # as the site's own environment has them
    env.globals["paths"] = PATHS
    shards = build_search_index(docs, out, shard_chars=shard_chars, first_pages=first_pages)
    # the site's own context for the page, once the index is built (as the build renders it)
    search_page = search_page_of(Plan(build_archive([], load_lexicon()), SiteUrls(base_url, load_lexicon())), shards)
    html = env.get_template(search_page.template).render(search_page.context)
    (out / search_page.path).mkdir(parents=True)
    (out / search_page.path / "index.html").write_text(html, encoding="utf-8")
    (out / "static").mkdir()
    for name in ("search-core.js", "search-page.js", "highlight.js", "inflate.js"):
        shutil.copy(REPO / "static" / name, out / "static" / name)
    from html import escape
    data = jinja2.utils.htmlsafe_json_dumps(highlight_data(f"{base_url}{BUNDLE_DIR}/"))
    for d in docs:
        page = out / d.url_path / "index.html"
        page.parent.mkdir(parents=True)
        body = "".join(f"<p>{escape(p)}</p>" for p in d.text.split("\n")[1:])
        page.write_text(ARTICLE.format(base=base_url, title=escape(d.title), body=body, data=data), encoding="utf-8")


def build_twin_site(out: Path, x: SearchDoc, y: SearchDoc) -> None:
    """A site of two shards whose Pagefind runs gave a page the same id: x in both runs, but behind the
    older shard's page stands y (as if Pagefind had named y as it named x)."""
    import gzip
    build_site(out, [x, y], "/twin/")
    newer = Shard("2021-01_2021-12", (stub_of(x),))
    older = Shard("2020-01_2020-12", (stub_of(x),))
    work = out.parent / f"twin-work-{out.name}"
    assert index_shard(newer, [x], work / "a") and index_shard(older, [x], work / "b")
    [doc] = (work / "b" / DOCS_DIR).iterdir()
    assert (work / "a" / DOCS_DIR / doc.name).is_file()  # the same id in both shards
    doc.write_bytes(gzip.compress(doc_json(y)))
    shutil.rmtree(out / "pagefind")
    join_shards([(newer, work / "a"), (older, work / "b")], out / "pagefind")
    (out / "pagefind" / T2S_NAME).write_bytes(t2s_pairs())


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # Under /sub/, act like a host that serves .gz files with Content-Encoding: gzip, so the
        # browser unzips sitegen-docs before search-core.js sees them (it must cope with both).
        if self.path.startswith("/sub/") and self.path.endswith(".json.gz"):
            self.send_header("Content-Encoding", "gzip")
        super().end_headers()


@pytest.fixture(scope="module")
def docs() -> list[SearchDoc]:
    return seed_articles()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, docs: list[SearchDoc]) -> Iterator[str]:
    """Serve one site at / and the same site built for the base path /sub/ at /sub/. The one at / is
    cut into small shards (a few articles each, by month and day), of which the browser searches the
    newest one first (first_pages=1); the one at /sub/ is one bundle."""
    root = tmp_path_factory.mktemp("www")
    build_site(root, docs, "/", shard_chars=SMALL_SHARDS, first_pages=1)
    build_site(root / "sub", docs, "/sub/")
    twins = [d for d in docs if "常卫" in d.text][:2]
    build_twin_site(root / "twin", *twins)
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture()
def page(browser: object, server: str) -> Iterator[object]:
    """A page of the session's Chromium (tests/conftest.py): two sync Playwright instances cannot
    run at once, so this module does not start its own."""
    pg = browser.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    pg.close()
    assert not errors, errors


def api_search(page: object, query: str, **options: object) -> list[dict]:
    return page.evaluate("([q, o]) => window.sitegen.search(q, o)", [query, options])


def url_path(url: str, base: str = "/") -> str:
    assert url.startswith(base), url
    return url[len(base):]


@pytest.mark.parametrize("query", QUERIES)
def test_query_finds_exactly_the_pages_containing_it(page, server, docs, query):
    page.goto(f"{server}/search/")
    results = api_search(page, query)
    assert {url_path(r["url"]) for r in results} == expected(docs, query)
    assert len(results) == len({r["url"] for r in results})
    for r in results:
        marked = re.findall(r"<mark>(.*?)</mark>", r["excerpt"])
        assert marked, r
        terms = query_terms(query)
        assert all(any(t in normalize(m) for t in terms) for m in marked), (marked, terms)


def sampled_queries(docs: list[SearchDoc], n: int, seed: int) -> list[str]:
    """Queries no one chose: n pieces of 1-6 Chinese characters cut at random out of the articles' own
    text (the same every run), some written in traditional characters, some two at a time."""
    rng = random.Random(seed)
    table = json.loads((REPO / "sitegen" / "data" / "t2s.json").read_text(encoding="utf-8"))
    to_traditional: dict[str, str] = {}
    for trad, simp in sorted(table.items()):
        to_traditional.setdefault(simp, trad)
    runs = [r for d in docs for r in re.findall(r"[\u3400-\u9fff]+", normalize(d.text))]

    def piece() -> str:
        run = rng.choice(runs)
        size = min(len(run), rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6)))
        start = rng.randrange(len(run) - size + 1)
        return run[start:start + size]

    queries = []
    for i in range(n):
        q = piece()
        if i % 5 == 3:
            q = "".join(to_traditional.get(c, c) for c in q)
        elif i % 5 == 4:
            q = f"{q} {piece()}"
        queries.append(q)
    return queries


def test_queries_cut_at_random_from_the_text_find_exactly_their_pages(page, server, docs):
    """Recall and precision on queries no one picked: the results (and the number the page shows,
    from find's hits before any text is loaded) are the pages whose text holds every term."""
    queries = sampled_queries(docs, 60, seed=20261203)
    assert any(normalize(q) != q for q in queries)  # some in traditional characters
    page.goto(f"{server}/search/")
    got = page.evaluate(  # find, then present its hits: the two halves of search(), as the page uses them
        """async (queries) => { const s = window.sitegen, out = [];
        for (const q of queries) {
          const { hits, terms } = await s.find(q);
          out.push({ hits: hits.length, urls: (await s.present(hits, terms)).filter(Boolean).map((r) => r.url) });
        }
        return out; }""",
        queries,
    )
    want = {q: expected(docs, q) for q in queries}
    wrong = [(q, len(g["urls"]), g["hits"], len(want[q])) for q, g in zip(queries, got)
             if {url_path(u) for u in g["urls"]} != want[q] or g["hits"] != len(want[q])]
    assert not wrong, f"(query, results, hits counted, pages holding it): {wrong}"


def test_query_set_is_meaningful(docs):
    """The corpus holds the cases the queries are about, so equality above proves something."""
    assert all(expected(docs, q) for q in QUERIES[:-1]) and not expected(docs, QUERIES[-1])
    only_changwei = {d.url_path for d in docs if "常委" in d.text and "常卫" not in d.text}
    assert only_changwei, "need pages with 常委 but not 常卫"
    assert expected(docs, "街坊") == expected(docs, "老街坊")
    assert expected(docs, "東華門") == expected(docs, "东华门") and len(expected(docs, "东华门")) == 2
    assert expected(docs, "石景山 防汛") < expected(docs, "防汛")
    assert len(query_tokens("卫")) == 1 and len(query_tokens("卫")[0]) == 5


def test_excerpt_is_escaped(page, server, docs):
    page.goto(f"{server}/search/")
    [hit] = [r for r in api_search(page, "常卫") if r["url"].startswith("/extra/")]
    assert "<img" not in hit["excerpt"] and "<script" not in hit["excerpt"]
    assert "&#60;img src=x onerror=alert(1)&#62;" in hit["excerpt"]
    assert re.sub(r"</?mark>", "", hit["excerpt"]).count("<") == 0
    assert hit["title"] == "<b>标记</b> & “引号”"


def test_an_excerpt_holds_every_matched_term_whole(page, server):
    """Where the excerpt's window ends (or starts) inside a match, it widens to hold the whole term."""
    page.goto(f"{server}/search/")
    text = "防汛" + "甲" * 107 + "防汛" + "乙" * 60  # the window of 110 ends inside the second 防汛
    # After ready(): excerpt() normalizes with the traditional -> simplified table that ready() loads.
    got = page.evaluate("async ([t]) => { const m = await import('./../static/search-core.js'); await m.ready(); "
                        "return m.excerpt(t, '', ['防汛']); }", [text])
    assert re.findall(r"<mark>(.*?)</mark>", got) == ["防汛", "防汛"], got
    assert got.endswith("防汛</mark>…")


def test_search_without_decompression_stream(page, server, docs):
    """Where the engine has no DecompressionStream (Safari before 16.4), static/inflate.js unpacks the
    articles' texts: the same results and excerpts. An engine that has one never fetches inflate.js."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    queries = ["石景山 防汛", "東華門", "11208"]
    page.goto(f"{server}/search/")
    native = [api_search(page, q) for q in queries]
    assert all(native) and not [u for u in fetched if u.endswith("/inflate.js")]
    page.add_init_script("delete window.DecompressionStream")
    page.goto(f"{server}/search/")
    assert page.evaluate("typeof DecompressionStream") == "undefined"
    assert [api_search(page, q) for q in queries] == native
    assert [u for u in fetched if u.endswith("/inflate.js")] == [f"{server}/static/inflate.js"]


def test_sort_by_date_and_filters(page, server, docs):
    page.goto(f"{server}/search/")
    by_date = api_search(page, "防汛", sort="date")
    dates = [r["date"] for r in by_date]
    assert dates == sorted(dates, reverse=True) and {url_path(r["url"]) for r in by_date} == expected(docs, "防汛")
    for facet, value in (("district", "东城区"), ("topic", "防汛"), ("publication", "石景山报"), ("year", "2019")):
        got = api_search(page, "石景山", filters={facet: value})
        assert {url_path(r["url"]) for r in got} == expected(docs, "石景山", **{facet: value}), (facet, value)


def page_data(html: str) -> dict:
    """The JSON a page hands to static/search-core.js."""
    found = re.search(r'<script type="application/json" id="sitegen-search">(.*?)</script>', html, re.S)
    assert found, "no search data on the page"
    return json.loads(found.group(1))


def test_the_built_pages_hand_the_browser_pythons_constants(site_dir):
    """search-core.js copies no constant of Python's: the search page carries them. Article pages carry
    none (highlight.js borrows them from the search page, which tests/test_site_browser.py and
    test_engines.py see marking a query on an article)."""
    data = page_data((site_dir / "search" / "index.html").read_text(encoding="utf-8"))
    assert data == {
        "ranges": [list(r) for r in IDEOGRAPH_RANGES], "whitespace": WHITESPACE, "prefix": CJK_PREFIX,
        "sentinel": SENTINEL, "every": EVERY_PAGE, "filters": list(FILTERS), "bundle": f"/{BUNDLE_DIR}/",
        "runtime": RUNTIME[0], "worker": RUNTIME[1], "wasm": WASM_NAME, "shards": SHARDS_NAME, "t2s": T2S_NAME,
        "doc": f"{DOCS_DIR}/{{page}}{DOC_SUFFIX}",
    }
    assert all((site_dir / BUNDLE_DIR / data[k]).is_file() for k in ("runtime", "worker", "wasm", "shards", "t2s"))
    assert list((site_dir / BUNDLE_DIR).glob(data["doc"].replace("{page}", "*")))
    catalog = read_catalog(site_dir)
    article = site_dir / catalog["articles"][0]["url"].lstrip("/") / "index.html"
    assert 'id="sitegen-search"' not in article.read_text(encoding="utf-8")


def test_python_and_javascript_tokenizers_agree(page, server, docs):
    samples = [d.text for d in docs[:12]] + [
        "東華門ＡＢＣ１２３　Test-Case", "垃圾分類 M11线 2003-L0007 ｈｔｔｐ：／／ｗｗｗ", "ひらがなカタカナー 한국어",
        "𠀀𪚥 astral 𫝈 and 㑮 cross-plane", "İstanbul ǅ ß ﬁ", "café ①② ㊀ 〇々", "emoji 😀 mixed石景山😀区",
        "\u00a0nbsp\u2003em\u3000ideo\ttab\nline", "“老街坊”，《条例》——（下转2版）", "", "。，、",
    ]
    queries = QUERIES + ["“老街坊”", "2020年", "第30期", "covid-19", "  東城\u3000防汛  ", "M11线"]
    page.goto(f"{server}/search/")
    got = page.evaluate(
        """async ([samples, queries]) => { await window.sitegen.ready(); const s = window.sitegen;
        return { norm: samples.map(s.normalize), tokens: samples.map(s.tokenize),
                 terms: queries.map(s.queryTerms), qtokens: queries.map(q => s.queryTerms(q).map(s.queryTokens)) }; }""",
        [samples, queries],
    )
    assert got["norm"] == [normalize(s) for s in samples]
    assert got["tokens"] == [tokenize(s) for s in samples]
    assert got["terms"] == [query_terms(q) for q in queries]
    assert got["qtokens"] == [[query_tokens(t) for t in query_terms(q)] for q in queries]


def test_search_page_ui(page, server, docs):
    page.goto(f"{server}/search/")
    page.wait_for_selector("[data-sitegen-search][data-ready]")
    page.fill("input[name=q]", "防汛")
    page.keyboard.press("Enter")
    want = len(expected(docs, "防汛"))
    page.wait_for_function("n => document.querySelector('.search-status').textContent === `共找到 ${n} 篇`", arg=want)
    assert page.locator(".search-results > li").count() == want
    assert page.locator(".search-results .excerpt mark").first.inner_text() == "防汛"
    assert "q=%E9%98%B2%E6%B1%9B" in page.url
    options = page.locator("select[name=district] option").all_inner_texts()
    assert options[0] == "全部区域" and any(re.fullmatch(r"东城区（\d+）", o) for o in options)
    page.check("input[name=sort][value=date]")
    page.wait_for_function("() => location.search.includes('sort=date')")
    page.fill("input[name=q]", "火星基地")
    page.wait_for_function("() => document.querySelector('.search-status').textContent.startsWith('没有找到')")
    assert page.locator(".search-results > li").count() == 0


def test_search_page_pages_and_filters(page, server, docs):
    page.goto(f"{server}/search/?q=%E5%8D%AB")  # 卫: more results than one page shows
    want = len(expected(docs, "卫"))
    assert want > 20
    page.wait_for_function("n => document.querySelector('.search-status').textContent === `共找到 ${n} 篇`", arg=want)
    assert page.locator(".search-results > li").count() == 20
    page.click(".search-more")
    page.wait_for_function("n => document.querySelectorAll('.search-results > li').length === n", arg=want)
    assert page.locator(".search-more").is_hidden()
    page.select_option("select[name=district]", "石景山区")
    narrowed = len(expected(docs, "卫", district="石景山区"))
    assert 0 < narrowed < want
    page.wait_for_function("n => document.querySelector('.search-status').textContent === `共找到 ${n} 篇`", arg=narrowed)
    assert "district=%E7%9F%B3%E6%99%AF%E5%B1%B1%E5%8C%BA" in page.url
    label = page.locator("select[name=district] option:checked").inner_text()
    assert label == f"石景山区（{narrowed}）"


def test_link_with_query_and_highlight(page, server, docs):
    page.goto(f"{server}/search/?q=%E6%9D%B1%E8%8F%AF%E9%96%80")  # ?q=東華門
    want = len(expected(docs, "东华门"))
    page.wait_for_function("n => document.querySelector('.search-status').textContent === `共找到 ${n} 篇`", arg=want)
    assert page.input_value("input[name=q]") == "東華門"
    link = page.locator(".search-results .headline a").first
    assert "?highlight=%E6%9D%B1%E8%8F%AF%E9%96%80" in link.get_attribute("href")
    link.click()
    page.wait_for_selector("article mark.search-highlight")
    assert normalize(page.locator("article mark.search-highlight").first.inner_text()) == "东华门"


def test_under_a_base_path(page, server, docs):
    page.goto(f"{server}/sub/search/?q=11208")
    page.wait_for_function("() => document.querySelector('.search-status').textContent.startsWith('共找到')")
    results = api_search(page, "石景山 防汛")
    assert {url_path(r["url"], "/sub/") for r in results} == expected(docs, "石景山 防汛")
    hrefs = page.locator(".search-results .headline a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("/sub/") for h in hrefs)


def shards_of(server: str, base: str) -> list[str]:
    import json
    import urllib.request
    with urllib.request.urlopen(f"{server}{base}pagefind/sitegen-shards.json") as r:
        return [s["dir"] for s in json.load(r)]


FIND = "async ([q, o]) => { const f = await window.sitegen.find(q, o); return {n: f.hits.length, counts: f.counts}; }"


def test_merged_shards_answer_as_one_bundle(page, server, docs):
    """The site at / is cut into shards that the browser merges; /sub/ is one bundle. Both give the
    same pages, the same filter counts and the same facet values."""
    assert len(shards_of(server, "/")) >= 6 and shards_of(server, "/sub/") == [""]
    answers = {}
    for base in ("/", "/sub/"):
        page.goto(f"{server}{base}search/")
        got = {}
        for query, filters in [("石景山", {}), ("防汛", {}), ("卫", {"district": "石景山区"}), ("", {"year": "2020"}),
                               ("石景山 防汛", {"topic": "防汛"})]:
            found = page.evaluate(FIND, [query, {"filters": filters}])
            results = api_search(page, query, filters=filters)
            urls = {url_path(r["url"], base) for r in results}
            assert urls == expected(docs, query, **filters) and found["n"] == len(urls), (base, query, filters)
            got[query] = (urls, found["counts"])
        got["facets"] = page.evaluate("window.sitegen.facetValues()")
        answers[base] = got
    assert answers["/"] == answers["/sub/"]
    # The answers come from several shards: articles of many days, each day's shard its own.
    assert len({u.split("/")[1] for u in answers["/"]["石景山"][0]}) >= 4
    # Counts are per value, summed over the shards: here every 防汛 article has the topic 防汛.
    assert answers["/"]["防汛"][1]["topic"]["防汛"] == len(expected(docs, "防汛"))
    assert "sitegen-shard" not in answers["/"]["facets"]


def test_pages_of_two_shards_with_the_same_id_are_both_found(page, server, docs):
    """Pagefind names pages by a short hash, per run: two shards may use one name for two articles."""
    page.goto(f"{server}/twin/search/")
    twins = [d.url_path for d in docs if "常卫" in d.text][:2]
    got = api_search(page, "常卫")
    assert sorted(url_path(r["url"], "/twin/") for r in got) == sorted(twins)
    assert len(shards_of(server, "/twin/")) == 2


def test_filters_alone_list_newest_first(page, server, docs):
    for base in ("/", "/sub/"):
        page.goto(f"{server}{base}search/")
        for sort in ("relevance", "date"):
            got = api_search(page, "", filters={"publication": "新东城报"}, sort=sort)
            dates = [r["date"] for r in got]
            assert dates == sorted(dates, reverse=True) and len(got) == len(expected(docs, "", publication="新东城报"))


PHONE = {"width": 375, "height": 667}


def test_the_newest_shards_results_show_before_the_others_answer(browser, server, docs):
    """On a phone (filters folded, no counts to show), the newest shard's results show while the older
    shards are still loading, and the page says it is still searching; once they answer, the count is
    the whole archive's and the list the whole answer's first page."""
    query = "石景山"
    want = expected(docs, query)
    pg = browser.new_page(viewport=PHONE)
    held: list[object] = []
    released = [False]
    # Hold every request for an older shard (they all live under pagefind/shards/) until released.
    pg.route(re.compile(r"/pagefind/shards/"), lambda route: route.continue_() if released[0] else held.append(route))
    try:
        pg.goto(f"{server}/search/?q={query}")
        status = pg.locator(".search-status")
        pg.wait_for_function("() => document.querySelector('.search-status').textContent.includes('正在检索更早的文章')")
        early = pg.locator(".search-results li").count()
        assert 0 < early < len(want)
        assert held, "the older shards were not even asked for"
        assert pg.locator(".search-more").is_hidden()
        newest = {url_path(h, "/").split("?")[0] for h in pg.locator(".search-results .headline a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))")}
        assert newest <= want
        released[0] = True
        for route in held:
            route.continue_()
        pg.wait_for_function("() => document.querySelector('.search-status').textContent.startsWith('共找到')")
        assert status.inner_text() == f"共找到 {len(want)} 篇"
        shown = [url_path(h, "/").split("?")[0] for h in pg.locator(".search-results .headline a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))")]
        assert len(shown) == min(20, len(want)) and set(shown) <= want
        # The same answer as the API's, which waits for every shard.
        assert shown == [url_path(r["url"]) for r in api_search(pg, query)][:len(shown)]
    finally:
        pg.close()


PARTIAL = """async ([q, o]) => {
  const early = [];
  const whole = await window.sitegen.find(q, {...o, counts: false, partial: async (a) => {
    early.push({ids: a.hits.map((h) => h.id),
                older: performance.getEntriesByType("resource").filter((e) => e.name.includes("/pagefind/shards/")).length});
  }});
  return {early, whole: whole.hits.map((h) => h.id)};
}"""


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_find_answers_first_from_the_newest_shard(page, server, docs, sort):
    """find's partial answer is the newest shard's, given before any older shard is fetched; the whole
    answer is every shard's. Sorted by date, the early answer is where the whole one starts. (On a
    phone-sized page, whose folded filters load no counts of all shards.)"""
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/search/")
    got = page.evaluate(PARTIAL, ["石景山", {"sort": sort}])
    [early] = got["early"]
    assert early["older"] == 0 and early["ids"] and all(i.startswith("0/") for i in early["ids"])
    assert set(early["ids"]) < set(got["whole"]) and len(got["whole"]) == len(expected(docs, "石景山"))
    if sort == "date":
        assert got["whole"][:len(early["ids"])] == early["ids"]
    # Once every shard is merged, there is nothing to show early.
    assert page.evaluate(PARTIAL, ["石景山", {"sort": sort}])["early"] == []


@pytest.mark.parametrize("query", QUERIES)
def test_the_page_asks_early_for_the_index_chunks_that_pagefind_then_reads(browser, server, query):
    """As soon as the metadata of the shards searched first is in, the search page asks for the query's
    index chunks in them (prefetch in search-core.js), beside Pagefind's WebAssembly rather than after
    it; Pagefind's worker then asks for the same chunks. With requests routed (the browser's cache out
    of the way) each of those shards' chunks is asked for twice: none once, which would be a guess
    Pagefind did not need, or a chunk the page missed."""
    pg = browser.new_page(viewport=PHONE)
    asked: dict[str, int] = {}

    def count(route) -> None:
        path = route.request.url.split("//", 1)[1].split("/", 1)[1]
        asked[path] = asked.get(path, 0) + 1
        route.continue_()

    pg.route(re.compile(r"\.pf_index$"), count)
    try:
        pg.goto(f"{server}/search/?q={query}")
        pg.wait_for_function("() => /共找到|没有找到/.test(document.querySelector('.search-status').textContent)")
        pg.wait_for_load_state("networkidle")
        first = {p: n for p, n in asked.items() if p.startswith("pagefind/index/")}  # the newest shard's
        assert first or query == "火星基地", asked
        assert all(n == 2 for n in first.values()), first
    finally:
        pg.close()
