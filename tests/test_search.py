"""Building the search bundle (sitegen/search.py) with the real Pagefind binary."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from sitegen import search
from sitegen.model import SitegenError
from sitegen.search import SearchDoc, build_search_index, shadow_page
from sitegen.textnorm import tokenize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_docs() -> list[SearchDoc]:
    """One article per paragraph of the seeds that mentions one of the places or people searched for."""
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
        for n, p in enumerate(paras):
            if any(k in p for k in ("石景山", "常卫", "常委", "老街坊", "东华门", "接诉即办", "11208", "防汛")):
                title = p[:18]
                districts = tuple(d for d in ("东城区", "石景山区") if d[:-1] in p)
                topics = ("防汛",) if "防汛" in p else ()
                docs.append(SearchDoc(f"{path.name[:3]}/2020-0{n % 9 + 1}-1{n % 10}/{n}/", title, f"{title}\n{p}",
                                      f"2020-0{n % 9 + 1}-1{n % 10}", "石景山报", districts, topics))
    return docs


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def read_doc(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


@pytest.fixture(scope="module")
def docs() -> list[SearchDoc]:
    found = seed_docs()
    assert len(found) > 20
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory, docs) -> Path:
    site = tmp_path_factory.mktemp("site")
    build_search_index(docs, site)
    return site


def test_shadow_page_escapes_and_carries_the_facts():
    doc = SearchDoc("a/2020-04-16/3/", "<b>石景山</b> & “常卫”", "<b>石景山</b> & “常卫”\n正文<script>x</script>",
                    "2020-04-16", "石景山报", ("石景山区", "东城区"), ("防汛", "党建"))
    html = shadow_page(doc)
    assert "<b>" not in html and "<script>" not in html and "&lt;b&gt;石景山&lt;/b&gt; &amp; “常卫”" in html
    assert '<html lang="zh-CN">' in html and "<title>" not in html and "<h1" not in html
    assert '<main data-pagefind-body data-pagefind-sort="date:2020-04-16">' in html
    assert f'<p data-pagefind-weight="3">{" ".join(tokenize(doc.title))}</p>' in html
    for facet, value in [("district", "石景山区"), ("district", "东城区"), ("topic", "防汛"), ("topic", "党建"),
                         ("publication", "石景山报"), ("year", "2020")]:
        assert f'<p data-pagefind-filter="{facet}">{value}</p>' in html
    assert '<p data-pagefind-meta="district">石景山区、东城区</p>' in html
    assert 'data-pagefind-meta="text"' not in html  # Pagefind would word-index it
    body = html.split("<main", 1)[1].split("</main>")[0]
    assert all(t.isascii() for t in body.split(">", 1)[1].split())


def test_undated_article_still_sorts():
    html = shadow_page(SearchDoc("a/", "无题", "无题\n正文", "", "", (), ()))
    assert 'data-pagefind-sort="date:0000-00-00"' in html and "year" not in html


@pytest.mark.parametrize("url_path", ["/a/b/", "a/b", "a//b/", "a/../b/", "../x/", "a\\b/", "./a/"])
def test_bad_url_paths_are_refused(tmp_path, url_path):
    with pytest.raises(SitegenError, match="bad url_path"):
        build_search_index([SearchDoc(url_path, "题", "题\n文", "", "", (), ())], tmp_path)


def test_duplicate_urls_are_refused(tmp_path):
    doc = SearchDoc("a/b/", "题", "题\n文", "", "", (), ())
    with pytest.raises(SitegenError, match="two articles share the URL 'a/b/'"):
        build_search_index([doc, doc], tmp_path)


def test_the_standard_binary_is_used():
    path = search.pagefind_binary()
    assert path.name == "pagefind" and path.is_file() and "extended" not in str(path)


def test_bundle_contents(built, docs):
    bundle = built / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh-cn"] and entry["languages"]["zh-cn"]["page_count"] == len(docs)
    ids = search.page_ids(bundle)
    assert set(ids) == {"/" + d.url_path for d in docs}
    by_url = {d.url_path: d for d in docs}
    files = sorted((bundle / "sitegen-docs").iterdir())
    assert len(files) == len(docs)
    for path in files:
        data = read_doc(path)
        d = by_url[data["url"]]
        assert path.name == f"{ids['/' + d.url_path]}.json.gz"
        assert data == {"url": d.url_path, "title": d.title, "date": d.date, "publication": d.publication,
                        "district": "、".join(d.districts), "text": d.text}
    pairs = json.loads((bundle / "sitegen-t2s.json").read_text(encoding="utf-8"))
    assert "東东" in pairs and len(pairs) % 2 == 0


def test_build_is_deterministic(tmp_path, built, docs):
    """Same input, same bytes: also with the articles in another order. Pagefind itself writes its
    filter lists in hash-map order; the build sorts them."""
    again = tmp_path / "again"
    build_search_index(list(reversed(docs)), again)
    assert snapshot(again / "pagefind") == snapshot(built / "pagefind")


def test_rebuild_replaces_the_old_bundle(tmp_path, docs):
    build_search_index(docs[:5], tmp_path)
    stale = tmp_path / "pagefind" / "fragment" / "stale.pf_fragment"
    stale.write_bytes(b"old")
    build_search_index(docs[5:8], tmp_path)
    assert not stale.exists() and not (tmp_path / ".pagefind.old").exists()
    assert len(list((tmp_path / "pagefind" / "sitegen-docs").iterdir())) == 3


def test_articles_without_searchable_text_are_left_out(tmp_path):
    build_search_index([SearchDoc("a/", "——", "——\n。。。", "", "", (), ()),
                        SearchDoc("b/", "石", "石", "", "", (), ())], tmp_path)
    [doc] = (tmp_path / "pagefind" / "sitegen-docs").iterdir()
    assert read_doc(doc)["url"] == "b/"


def test_no_articles(tmp_path):
    build_search_index([], tmp_path)
    assert (tmp_path / "pagefind" / "sitegen-t2s.json").is_file()
    assert not any((tmp_path / "pagefind" / "sitegen-docs").iterdir())


def fake_binary(tmp_path: Path, script: str) -> Path:
    path = tmp_path / "pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_a_failing_binary_is_reported(tmp_path, monkeypatch, docs):
    binary = fake_binary(tmp_path, 'echo "Error: something broke" >&2; exit 3')
    monkeypatch.setattr(search, "pagefind_binary", lambda: binary)
    with pytest.raises(SitegenError, match=r"Pagefind failed \(exit 3\):\nError: something broke"):
        build_search_index(docs[:2], tmp_path / "site")
    assert not (tmp_path / "site" / "pagefind").exists()


def test_a_missing_binary_is_reported(tmp_path, monkeypatch, docs):
    monkeypatch.setattr(search, "pagefind_binary", lambda: tmp_path / "nowhere" / "pagefind")
    with pytest.raises(SitegenError, match="could not run Pagefind"):
        build_search_index(docs[:2], tmp_path / "site")


def test_pagefind_settings_from_outside_are_ignored(tmp_path, monkeypatch, docs, built):
    """PAGEFIND_* variables would change the output; the build does not pass them on."""
    monkeypatch.setenv("PAGEFIND_FORCE_LANGUAGE", "en")
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "main")
    build_search_index(docs, tmp_path)
    assert snapshot(tmp_path / "pagefind") == snapshot(built / "pagefind")


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake binary")
def test_a_bundle_with_missing_pages_is_refused(tmp_path, monkeypatch, docs):
    real = search.pagefind_binary()
    # Index only the first article's folder: Pagefind succeeds, but pages are missing.
    first = docs[0].url_path.split("/")[0]
    binary = fake_binary(tmp_path, f'exec "{real}" "$@" --glob "{first}/**/*.html"')
    monkeypatch.setattr(search, "pagefind_binary", lambda: binary)
    others = [d for d in docs if not d.url_path.startswith(first + "/")]
    assert others
    with pytest.raises(SitegenError, match=r"Pagefind indexed \d+ pages for \d+ articles; missing \['/"):
        build_search_index(docs, tmp_path / "site")
