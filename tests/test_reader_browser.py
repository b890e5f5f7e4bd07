"""The built seeds site as readers meet it in real Chromium: on a phone and a desktop, light and dark,
with a keyboard or a screen reader (axe-core), and on paper.

With SITEGEN_SCREENSHOTS=1 in the environment, the tests also save screenshots of every page kind (phone,
desktop, dark) and the printed article to tests/screenshots/ (git-ignored), for a person to look at:

    SITEGEN_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_reader_browser.py
"""
from __future__ import annotations

import datetime
import functools
import http.server
import json
import os
import re
import threading
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, serve_dir
from sitegen.config import Config
from sitegen.engine.build import build
from support import read_catalog

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "tests" / "screenshots"
SCREENSHOTS = os.environ.get("SITEGEN_SCREENSHOTS") == "1"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SEARCH_WORD = "防汛"

pytestmark = pytest.mark.browser


def load_catalog(site_dir: Path) -> dict:
    return read_catalog(site_dir)


def page_kinds(site_dir: Path) -> dict[str, str]:
    """One site-relative URL for each kind of page, chosen from the catalog so that it shows the most."""
    cat = load_catalog(site_dir)
    articles = cat["articles"]
    with_kicker = next(a for a in articles if a["kicker"] and a["byline"])
    with_deck = next(a for a in articles if a["deck"])
    with_section = next(a for a in articles if a["section"])
    issue = max(cat["issues"], key=lambda i: (len(i["articles"]), i["id"]))
    paper = issue["url"].strip("/").split("/")[0]
    year, month = issue["date"][:4], issue["date"][5:7]
    district = next(a for a in articles if a["district"])["district"][0]
    return {
        "home": "", "papers": "papers/", "paper": paper + "/", "issue": issue["url"].lstrip("/"),
        "source": issue["url"].lstrip("/") + "source/", "article": with_kicker["url"].lstrip("/"),
        "article-deck": with_deck["url"].lstrip("/"), "article-section": with_section["url"].lstrip("/"),
        "dates": "dates/", "year": f"dates/{year}/", "month": f"dates/{year}/{month}/",
        "districts": "districts/", "district": link_to(site_dir, "districts/", district),
        "topics": "topics/", "topic": "topics/flood-control/",
        "search": "search/", "search-results": "search/?q=" + SEARCH_WORD,
        "people": "people/", "person": first_link(site_dir, "people/", "people/"),
        "about": "about/", "cite": "cite/", "404": "404.html",
    }


def link_to(site_dir: Path, index: str, label: str) -> str:
    """The site-relative URL an index page links with the given text."""
    html = (site_dir / index / "index.html").read_text(encoding="utf-8")
    href = re.search(r'<a href="/([^"]*)">' + re.escape(label) + "</a>", html)
    assert href, f"{index} has no link to {label}"
    return href.group(1)


def first_link(site_dir: Path, index: str, under: str) -> str:
    """The first link from an index page's main content to a page below `under`."""
    html = (site_dir / index / "index.html").read_text(encoding="utf-8")
    main = html[html.index("<main"):]
    href = re.search(r'<a href="/(' + re.escape(under) + r'[^"]+)">', main)
    assert href, f"{index} links no page under {under}"
    return href.group(1)


KINDS = ["home", "papers", "paper", "issue", "source", "article", "article-deck", "article-section", "dates",
         "year", "month", "districts", "district", "topics", "topic", "people", "person", "search",
         "search-results", "about", "cite", "404"]


@pytest.fixture(scope="module")
def kinds(site_dir) -> dict[str, str]:
    found = page_kinds(site_dir)
    assert sorted(found) == sorted(KINDS)
    return found


@pytest.fixture(scope="module")
def context(browser):
    """One context of the session's Chromium, shared by this module's tests (each opens its own page); two sync
    Playwright instances cannot run at once, so this module does not start its own."""
    made = browser.new_context(locale="zh-CN", color_scheme="light")
    yield made
    made.close()


def wait_until_ready(pg) -> None:
    """Wait for search results where the page searches, for the search box to be ready on the search page."""
    if "?q=" in pg.url:
        pg.locator(".search-results li").first.wait_for()
    elif "/search/" in pg.url:
        pg.locator("[data-sitegen-search][data-ready]").wait_for(state="attached")


def open_page(context, url: str, viewport=DESKTOP, scheme="light"):
    """A fresh page at url, ready."""
    pg = context.new_page()
    pg.emulate_media(color_scheme=scheme)
    pg.set_viewport_size(viewport)
    pg.goto(url)
    wait_until_ready(pg)
    return pg


def shoot(pg, name: str) -> None:
    """Save a full-page screenshot for a person to look at, when SITEGEN_SCREENSHOTS=1."""
    if SCREENSHOTS:
        SHOTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def axe_violations(pg) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    if not pg.evaluate("() => typeof axe !== 'undefined'"):
        pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                   else str(n["target"]) for n in v["nodes"][:5])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def axe_in_both_schemes(pg, name: str) -> dict[str, list[str]]:
    """axe-core's serious and critical violations on the page in the light and the dark colour scheme."""
    background = "() => getComputedStyle(document.body).backgroundColor"
    found = {}
    for scheme in ("light", "dark"):
        pg.emulate_media(color_scheme=scheme)
        found[scheme] = (pg.evaluate(background), axe_violations(pg))
        shoot(pg, f"{name}-{scheme}")
    assert found["light"][0] != found["dark"][0], "the dark scheme did not change the page"
    return {scheme: violations for scheme, (_, violations) in found.items()}


def sideways(pg) -> dict:
    """What makes the page wider than the screen: hidden overflow (which cuts text off), and elements of the main
    content that stick out (but for those that scroll on their own)."""
    return pg.evaluate("""() => {
        const root = document.documentElement, client = root.clientWidth;
        return {clipped: [getComputedStyle(root).overflowX, getComputedStyle(document.body).overflowX]
                         .filter(o => o !== 'visible'),
                scroll: root.scrollWidth > client ? [root.scrollWidth, client] : [],
                wide: [...document.querySelectorAll('main *')]
                    .filter(e => e.getBoundingClientRect().right > client + 1 && !e.closest('.scroll-x'))
                    .map(e => e.tagName + '.' + e.className).slice(0, 5)}; }""")


TOUCH_KINDS = {"home", "issue", "article", "dates", "year", "month", "search"}
"""Page kinds whose navigation (header, breadcrumbs, pagers, calendars, search form) is checked for touch size."""
SEARCH_BOX = {"home": "#header-q", "article": "#header-q", "search": "#search-q"}
"""Page kinds whose search box must show in the top half of a phone screen."""


def small_touch_targets(pg) -> list[dict]:
    sizes = pg.evaluate("""() => [...document.querySelectorAll(
            '.site-header nav a, .site-header button, .site-header input, .breadcrumbs a, .pager a, .prev-next a, .cal a, '
            + '.month-strip a, .big-search button, .big-search input')]
        .map(e => { const r = e.getBoundingClientRect();
                    return {what: e.textContent.trim() || e.outerHTML.slice(0, 40), w: r.width, h: r.height}; })""")
    assert sizes, "no navigation links found"
    return [s for s in sizes if s["w"] < 44 or s["h"] < 44]


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_kind_fits_a_phone_and_passes_axe_light_and_dark(context, site_url, kinds, kind):
    """One page of each kind, on a phone: nothing scrolls sideways or is cut off, touch targets are 44 px at least,
    the search box is near the top; at desktop width, axe-core finds no serious or critical violation in the light
    colour scheme or the dark one."""
    pg = open_page(context, site_url + kinds[kind], viewport=PHONE)
    try:
        shoot(pg, f"{kind}-375")
        assert sideways(pg) == {"clipped": [], "scroll": [], "wide": []}
        if kind in TOUCH_KINDS:
            assert small_touch_targets(pg) == []
        if kind in SEARCH_BOX:
            box = pg.locator(SEARCH_BOX[kind]).bounding_box()
            assert box["y"] + box["height"] <= PHONE["height"] / 2
        # Loaded again at desktop width, as a desktop reader has it: the search page folds its filters by the
        # width it loads at.
        pg.set_viewport_size(DESKTOP)
        pg.reload()
        wait_until_ready(pg)
        assert axe_in_both_schemes(pg, f"{kind}-1280") == {"light": [], "dark": []}
    finally:
        pg.close()


def crumbs(pg) -> list[str]:
    return pg.locator("nav.breadcrumbs li").all_inner_texts()


def test_breadcrumbs_lead_from_the_archive_to_the_page(page, site_url, site_dir, kinds):
    cat = load_catalog(site_dir)
    article = next(a for a in cat["articles"] if a["url"] == "/" + kinds["article"])
    issue = next(i for i in cat["issues"] if i["id"] == article["issue"])
    date = datetime.date.fromisoformat(issue["date"])
    day = f"{date.year}年{date.month}月{date.day}日"
    expected = {
        "article": ["首页", issue["publication"], day, article["headline"]],
        "issue": None, "source": None, "paper": None,
        "papers": ["首页", "报刊"], "dates": ["首页", "日期"], "year": ["首页", "日期", kinds["year"][6:10] + "年"],
        "month": ["首页", "日期", kinds["year"][6:10] + "年", str(int(kinds["month"][11:13])) + "月"],
        "districts": ["首页", "区域"], "topics": ["首页", "主题"], "search": ["首页", "搜索"],
    }
    for kind, want in expected.items():
        page.goto(site_url + kinds[kind])
        got = crumbs(page)
        if want:
            assert got == want, kind
        assert got[0] == "首页", kind
        assert page.locator("nav.breadcrumbs [aria-current=page]").inner_text() == got[-1], kind
    page.goto(site_url + kinds["article"])
    # Each crumb but the last is a link up the hierarchy: paper, then issue.
    hrefs = page.locator("nav.breadcrumbs a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs == ["/", "/" + issue["url"].strip("/").split("/")[0] + "/", issue["url"]]
    page.goto(site_url + kinds["issue"])
    assert crumbs(page)[1:] == [issue_of(cat, kinds["issue"])["publication"],
                                cn_day(issue_of(cat, kinds["issue"])["date"])]


def issue_of(cat: dict, rel: str) -> dict:
    return next(i for i in cat["issues"] if i["url"] == "/" + rel)


def cn_day(iso: str) -> str:
    d = datetime.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def test_skip_link_moves_focus_to_the_main_content(page, site_url, kinds):
    page.goto(site_url + kinds["article"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_visible_on_links_and_fields(page, site_url):
    page.goto(site_url)
    for _ in range(3):
        page.keyboard.press("Tab")
        outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                                           return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
        assert outline[0] != "none" and outline[1] >= 2, outline


def test_search_page_works_with_the_keyboard_alone(page, site_url, site_dir):
    page.goto(site_url + "search/")
    page.locator("[data-sitegen-search][data-ready]").wait_for(state="attached")
    for presses in range(1, 16):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-q":
            break
    else:
        pytest.fail("Tab never reached the search box")
    assert presses <= 12
    page.keyboard.type(SEARCH_WORD)
    page.keyboard.press("Enter")
    first = page.locator(".search-results li").first.locator("a").first
    first.wait_for()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.search-results li') !== null"):
            break
    else:
        pytest.fail("Tab never reached the first result")
    assert page.evaluate("document.activeElement.closest('.search-results li') === "
                         "document.querySelector('.search-results li')")
    headline = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"highlight="))
    assert page.locator("h1").inner_text() == headline
    article_urls = {a["url"] for a in load_catalog(site_dir)["articles"]}
    assert page.url.split("?")[0].removeprefix(site_url.rstrip("/")) in article_urls


def test_year_calendar_links_each_day_with_an_issue_to_that_issue(page, site_url, site_dir):
    cat = load_catalog(site_dir)
    years = sorted({i["date"][:4] for i in cat["issues"] if i["date"]})
    for year in years:
        page.goto(site_url + f"dates/{year}/")
        assert page.locator(".cal-month").count() == 12
        assert page.locator(".cal-month").first.locator("thead th").all_inner_texts() == list("一二三四五六日")
        linked = page.locator(".cal a").evaluate_all(
            "els => els.map(e => [e.closest('.cal-month').querySelector('.cal-title').textContent.trim(),"
            " e.textContent.trim(), e.getAttribute('href')])")
        want = {}
        for issue in cat["issues"]:
            if issue["date"] and issue["date"].startswith(year):
                d = datetime.date.fromisoformat(issue["date"])
                want.setdefault((d.month, d.day), []).append(issue["url"])
        got = {(int(re.match(r"\d+", m).group()), int(day)): href for m, day, href in linked}
        assert set(got) == set(want)
        for (month, day), href in got.items():
            expected = want[(month, day)][0] if len(want[(month, day)]) == 1 else f"/dates/{year}/{month:02d}/"
            assert href == expected, (month, day)
        # A day's weekday is its column: 2020-04-16 was a Thursday, the fourth column.
        for (month, day), href in got.items():
            column = page.locator(f".cal a[href='{href}']").first.evaluate("e => e.parentElement.cellIndex")
            assert column == datetime.date(int(year), month, day).weekday()
        plain_days = page.locator(".cal td span").count()
        days_in_year = 366 if int(year) % 4 == 0 else 365
        assert plain_days + len(got) == days_in_year


def test_issue_pages_lead_to_the_previous_and_next_issue_of_the_same_paper(page, site_url, site_dir):
    cat = load_catalog(site_dir)
    papers: dict[str, list[dict]] = {}
    for issue in cat["issues"]:
        papers.setdefault(issue["publication"], []).append(issue)
    checked = 0
    for issues in papers.values():
        issues.sort(key=lambda i: i["date"])
        for n, issue in enumerate(issues):
            # The issue page, and its last article's page, which offers the same two issues.
            for url in (issue["url"], *[f"/{a}/" for a in issue["articles"][-1:]]):
                page.goto(site_url + url.lstrip("/"))
                prev = page.locator(".pager a[rel=prev]")
                nxt = page.locator(".pager a[rel=next]")
                assert (prev.get_attribute("href") if prev.count() else None) == (issues[n - 1]["url"] if n else None)
                assert (nxt.get_attribute("href") if nxt.count() else None) == (
                    issues[n + 1]["url"] if n + 1 < len(issues) else None)
                if n:
                    assert cn_day(issues[n - 1]["date"]) in prev.inner_text()
            checked += 1
    assert checked == len(cat["issues"])


def test_paper_page_lists_its_issues_newest_first_under_a_useful_header(page, site_url, site_dir, kinds):
    cat = load_catalog(site_dir)
    page.goto(site_url + kinds["paper"])
    name = page.locator("h1").inner_text()
    issues = [i for i in cat["issues"] if i["publication"] == name]
    listed = page.locator(".issue-list a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert listed == [i["url"] for i in sorted(issues, key=lambda i: i["date"], reverse=True)]
    facts = page.locator("dl.facts").inner_text()
    articles = sum(len(i["articles"]) for i in issues)
    assert f"{len(issues)} 期" in facts and f"{articles} 篇" in facts
    dates = sorted(i["date"] for i in issues)
    assert cn_day(dates[0]) in facts and cn_day(dates[-1]) in facts


def test_an_article_prints_as_a_clean_page_with_its_citation(context, site_url, kinds):
    pg = open_page(context, site_url + kinds["article"])
    try:
        pg.emulate_media(media="print")
        hidden = pg.evaluate("""() => ['.site-header', '.breadcrumbs', '.site-footer', '.prev-next', '.skip-link']
            .filter(s => document.querySelector(s))
            .map(s => [s, getComputedStyle(document.querySelector(s)).display])""")
        assert all(display == "none" for _, display in hidden), hidden
        assert pg.locator(".cite").is_visible() and pg.locator("#citation").is_visible()
        assert pg.locator("h1").is_visible() and pg.locator(".article .body p").first.is_visible()
        ink = pg.evaluate("() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
        assert ink[0] == "rgb(0, 0, 0)"
        if SCREENSHOTS:
            SHOTS.mkdir(exist_ok=True)
            pg.pdf(path=str(SHOTS / "article-print.pdf"))
        shoot(pg, "article-print")
    finally:
        pg.close()


def test_article_body_is_set_for_chinese_reading(page, site_url, kinds):
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + kinds["article"])
    style = page.evaluate("""() => { const p = document.querySelector('.article .body p');
        const s = getComputedStyle(p); const size = parseFloat(s.fontSize);
        return {indent: parseFloat(s.textIndent) / size, leading: parseFloat(s.lineHeight) / size,
                measure: p.getBoundingClientRect().width / size, fonts: s.fontFamily}; }""")
    assert style["indent"] == pytest.approx(2)
    assert 1.7 <= style["leading"] <= 1.9
    assert 30 <= style["measure"] <= 40
    assert "Noto Sans CJK SC" in style["fonts"] or "PingFang SC" in style["fonts"]
    # No web fonts: every font the page uses comes from the system.
    assert page.evaluate("() => [...document.fonts].length") == 0


@pytest.fixture(scope="module")
def paged_site_url(tmp_path_factory):
    """The seeds built with three articles to a list page, so that districts, topics and people are paged."""
    from sitegen.site import pages

    out = tmp_path_factory.mktemp("paged") / "site"
    size = pages.LIST_PAGE_SIZE
    pages.LIST_PAGE_SIZE = 3
    try:
        build(Config(seeds_dir=SEEDS, out_dir=out, cache_dir=None))
    finally:
        pages.LIST_PAGE_SIZE = size
    server, url = serve_dir(out)
    yield url, sorted(p.parent.relative_to(out).as_posix() + "/" for p in out.glob("districts/*/page/*/index.html"))
    server.shutdown()


def test_a_paged_list_reads_and_pages_on_a_phone(context, paged_site_url):
    url, numbered = paged_site_url
    assert numbered
    pg = open_page(context, url + numbered[0], viewport=PHONE)
    try:
        assert axe_in_both_schemes(pg, "paged-list-375") == {"light": [], "dark": []}
        assert pg.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        sizes = pg.evaluate("""() => [...document.querySelectorAll('.page-list a')]
            .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.width, r.height]; })""")
        assert sizes and [s for s in sizes if s[1] < 44 or s[2] < 44] == []
        assert pg.locator(".page-list a[aria-current=page]").inner_text() == "1"  # the oldest
        pg.locator(".page-list a[rel=prev]").click()  # to the newer page
        pg.wait_for_load_state()
        assert pg.locator(".page-list a[aria-current=page]").inner_text() == "2"
    finally:
        pg.close()


def test_the_search_page_fetches_what_a_search_starts_with_once_and_early(context, site_dir):
    """The search page names in its head what a first search starts with whatever its query: Pagefind's
    runtime and worker, the list of shards, the entry and metadata of each shard searched first; they
    are files of the site. On a host that lets files be reused (GitHub Pages) the server sends each
    once: Pagefind, asking for them again, gets the browser's copy. Nothing else is sent twice either
    (the WebAssembly, the table of traditional characters, the index chunks the page asks for early)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesLikeHandler, directory=str(site_dir)))
    server.sent = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site_url = f"http://127.0.0.1:{server.server_address[1]}/"
    pg = context.new_page()
    try:
        pg.goto(site_url + "search/?q=防汛")
        pg.locator(".search-results li").first.wait_for()
        pg.wait_for_load_state("networkidle")
        pg.wait_for_function("() => /共找到/.test(document.querySelector('.search-status').textContent)")
        pg.wait_for_timeout(300)
        preloaded = pg.evaluate("() => [...document.querySelectorAll('link[rel=modulepreload], link[rel=preload]')]"
                                ".map(l => l.getAttribute('href'))")
        shards = json.loads((site_dir / "pagefind" / "sitegen-shards.json").read_text(encoding="utf-8"))
        first = shards[: next((i for i, s in enumerate(shards) if i and not s["first"]), len(shards))]
        want = ["/pagefind/pagefind.js", "/pagefind/sitegen-shards.json", "/pagefind/pagefind-worker.js"]
        want += [f"/pagefind/{s['dir']}pagefind-entry.json?ts={s['tag']}" for s in first]
        want += [f"/pagefind/{s['dir']}{s['meta']}" for s in first]
        assert set(want) <= set(preloaded), preloaded
        for href in preloaded:  # files of the site
            assert (site_dir / href.split("?")[0].lstrip("/")).is_file(), href
        sent = server.sent  # type: ignore[attr-defined]
        want += ["/pagefind/wasm.unknown.pagefind", "/pagefind/sitegen-t2s.json"]
        assert all(sent.count(href) == 1 for href in want), sent
        assert [p for p in sent if sent.count(p) > 1] == [], sent
        assert any(p.endswith(".pf_index") for p in sent)
    finally:
        pg.close()
        server.shutdown()
        server.server_close()


def test_on_a_phone_results_come_before_the_folded_filters(context, site_url):
    pg = context.new_page()
    asked: list[str] = []
    pg.on("request", lambda r: asked.append(r.url))
    pg.set_viewport_size(PHONE)
    pg.goto(site_url + "search/?q=防汛")
    pg.locator(".search-results li").first.wait_for()
    try:
        shoot(pg, "search-results-375")
        assert not pg.locator(".search-filters").is_visible()
        first = pg.locator(".search-results li").first.bounding_box()
        assert first["y"] < PHONE["height"], "the first result should show without scrolling"
        pg.wait_for_load_state("networkidle")
        # Folded filters show no counts: the search did not download what counting takes.
        assert [u for u in asked if "/filter/" in u] == []
        summary = pg.locator(".search-options summary")
        assert summary.bounding_box()["height"] >= 44
        summary.click()
        pg.wait_for_function("() => /（\\d+）/.test(document.querySelector('select[name=district]').textContent)")
        assert any("/filter/" in u for u in asked)
        pg.select_option("select[name=district]", "石景山区")
        pg.wait_for_function("() => location.search.includes('district=')")
        assert "已选 1 项" in summary.inner_text()
        # Folded again, another search; unfolded, the counts are those of the new search.
        summary.click()
        pg.fill("input[name=q]", "常卫")
        pg.press("input[name=q]", "Enter")
        pg.wait_for_function("() => new URLSearchParams(location.search).get('q') === '常卫'"
                             " && /共找到|没有找到/.test(document.querySelector('.search-status').textContent)")
        summary.click()
        want = pg.evaluate("async () => (await window.sitegen.find('常卫', {filters: {district: '石景山区'}})).counts.district")
        assert want and want != {"石景山区": 0}
        pg.wait_for_function("""(want) => [...document.querySelectorAll('select[name=district] option')]
            .every(o => !o.value || o.textContent === `${o.value}（${want[o.value] ?? 0}）`)""", arg=want)
    finally:
        pg.close()
    for url, viewport in ((site_url + "search/?q=防汛", DESKTOP), (site_url + "search/?q=防汛&district=石景山区", PHONE)):
        pg = open_page(context, url, viewport=viewport)
        try:
            assert pg.locator(".search-filters").is_visible(), url  # wide screens, and filters already chosen
        finally:
            pg.close()


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Files as GitHub Pages serves them: reusable for ten minutes. What it sends whole goes to the
    server's list `sent`, when it has one."""

    def log_message(self, *args) -> None:
        pass

    def send_response(self, code: int, message: str | None = None) -> None:
        if code == 200 and hasattr(self.server, "sent"):
            self.server.sent.append(self.path)
        super().send_response(code, message)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def test_focusing_the_header_search_box_loads_what_a_search_starts_with(context, site_dir):
    """Focused on another page, the header's search box starts loading what a search needs: Pagefind's
    runtime and WebAssembly, the list of shards, the first shards' metadata. The search page then
    takes them from the browser's cache: none of them comes from the server again."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesLikeHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site_url = f"http://127.0.0.1:{server.server_address[1]}/"
    pg = context.new_page()
    cdp = context.new_cdp_session(pg)
    cdp.send("Network.enable")
    fetched: list[str] = []  # what came from the server with its body

    def received(e: dict) -> None:
        r = e["response"]
        if r["status"] == 200 and not (r.get("fromDiskCache") or r.get("fromPrefetchCache")):
            fetched.append(r["url"])

    cdp.on("Network.responseReceived", received)
    try:
        pg.goto(site_url)
        pg.wait_for_load_state("networkidle")
        assert not [u for u in fetched if "/pagefind/" in u]  # nothing of search before the box is used
        fetched.clear()
        pg.focus("#header-q")
        for _ in range(100):
            if any(u.endswith(".pf_meta") for u in fetched):
                break
            pg.wait_for_timeout(100)
        pg.wait_for_timeout(300)
        warmed = set(fetched)
        for end in ("/pagefind/pagefind.js", "/pagefind/sitegen-shards.json", ".pagefind", ".pf_meta", "/search-core.js"):
            assert any(u.endswith(end) for u in warmed), (end, warmed)
        fetched.clear()
        pg.fill("#header-q", "防汛")
        pg.press("#header-q", "Enter")
        pg.locator(".search-results li").first.wait_for()
        pg.wait_for_load_state("networkidle")
        assert fetched and not warmed & set(fetched), warmed & set(fetched)
    finally:
        pg.close()
        server.shutdown()
        server.server_close()
