"""The built seeds site in real Chromium: a reader searches in Chinese and opens what they found."""
from __future__ import annotations

import re

import pytest

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
