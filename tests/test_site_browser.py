"""The built seeds site in real Chromium: a reader searches in Chinese and opens what they found."""
from __future__ import annotations

import re

import pytest

from excerpts import EXCERPTS_JS, check_excerpts, excerpt_cases, site_docs
from sitegen.search.tokens import normalize
from support import read_catalog

pytestmark = pytest.mark.browser


def articles_containing(site_dir, word: str) -> set[str]:
    catalog = read_catalog(site_dir)
    return {a["url"] for a in catalog["articles"]
            if normalize(word) in normalize("\n".join(filter(None, [a["kicker"], a["headline"], a["deck"], a["text"]])))}


def test_search_page_finds_an_article_by_a_chinese_word(page, site_url, site_dir):
    page.goto(site_url + "search/")
    page.fill("input[name=q]", "防汛")
    page.press("input[name=q]", "Enter")
    page.locator(".search-results li").first.wait_for()
    headlines = page.locator(".search-results .headline a").all_inner_texts()
    assert "6000余人备战防汛" in headlines
    status = page.locator(".search-status").inner_text()
    assert re.search(r"\d+", status) and str(len(articles_containing(site_dir, "防汛"))) in status
    assert page.locator(".search-results mark").first.inner_text() == "防汛"


def test_search_api_matches_the_catalog_on_the_built_seeds(page, site_url, site_dir):
    page.goto(site_url + "search/")
    page.wait_for_function("() => Boolean(window.sitegen && window.sitegen.search)")
    for word in ["石景山", "常卫", "街坊", "东华门", "東華門", "接诉即办", "11208", "垃圾分類"]:
        results = page.evaluate("q => window.sitegen.search(q)", word)
        assert {r["url"] for r in results} == articles_containing(site_dir, word), word
        assert all("<mark>" in r["excerpt"] for r in results), word


def test_opening_a_result_highlights_the_word_on_the_article_page(page, site_url):
    page.goto(site_url + "search/?q=" + "老街坊")
    page.locator(".search-results .headline a").first.click()
    page.wait_for_url(re.compile(r"highlight="))
    mark = page.locator("article mark").first
    mark.wait_for()
    assert mark.inner_text() == "老街坊"


def test_header_search_box_leads_to_results(page, site_url):
    page.goto(site_url)
    page.fill("#header-q", "核酸检测")
    page.press("#header-q", "Enter")
    page.locator(".search-results li").first.wait_for()
    assert "q=" in page.url
    assert any("核酸检测" in t for t in page.locator(".search-results .excerpt").all_inner_texts())


def test_excerpts_of_random_queries_hold_every_term_whole(page, site_url, site_dir):
    """Hundreds of queries cut at random from the search docs: every mark of every excerpt is whole
    terms (the same check runs in Firefox and WebKit: tests/test_engines.py)."""
    cases = excerpt_cases(site_docs(site_dir), 500, seed=23)
    page.goto(site_url + "search/")
    check_excerpts(cases, page.evaluate(EXCERPTS_JS, cases))


def ways_to_browse(page) -> list[str]:
    return page.locator(".search-unavailable:visible a").evaluate_all("as => as.map((a) => a.getAttribute('href'))")


def test_without_webassembly_the_search_page_offers_the_listings(page, site_url):
    """A browser without WebAssembly (or with it off, as in Safari's Lockdown Mode) is told so in
    Chinese and given the date, district and topic listings instead of a search box that fails."""
    page.add_init_script("delete window.WebAssembly")
    page.goto(site_url + "search/?q=防汛")
    page.locator(".search-unavailable:visible").wait_for()
    assert "不支持搜索" in page.locator(".search-unavailable:visible").inner_text()
    assert ways_to_browse(page) == ["/dates/", "/districts/", "/topics/"]
    assert page.locator("form.search-form").is_hidden()


def test_without_javascript_the_search_page_offers_the_listings(browser, site_url):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    assert "需要启用 JavaScript" in page.locator(".search-unavailable:visible").inner_text()
    assert ways_to_browse(page) == ["/dates/", "/districts/", "/topics/"]
    context.close()
