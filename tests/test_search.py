"""Building the search bundle (sitegen/search) with the real Pagefind binary."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import time
from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.errors import SitegenError
from sitegen.search import (DocStub, DocsWanted, SearchDoc, articles_to_index, build_search_index, index_articles,
                            stub_of)
from sitegen.search import bundle as search_bundle, pagefind
from sitegen.search.bundle import DOCS_DIR, index_shard, index_version, join_shards, shard_key
from sitegen.search.pagefind import EVERY_PAGE, shadow_page
from sitegen.search.shards import Shard, browser_order, plan_shards
from sitegen.search.tokens import tokenize

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
    assert body.endswith(f"<p>{EVERY_PAGE}</p>\n")  # every page, after its text


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
    path = pagefind.pagefind_binary()
    assert path.name == "pagefind" and path.is_file() and "extended" not in str(path)


def test_bundle_contents(built, docs):
    bundle = built / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh-cn"] and entry["languages"]["zh-cn"]["page_count"] == len(docs)
    assert not (bundle / "fragment").exists()  # sitegen-docs stands in for Pagefind's fragments
    [shard] = json.loads((bundle / "sitegen-shards.json").read_text(encoding="utf-8"))
    tag = hashlib.sha256((bundle / "pagefind-entry.json").read_bytes()).hexdigest()[:16]
    meta = f"pagefind.{entry['languages']['zh-cn']['hash']}.pf_meta"
    assert shard == {"dir": "", "tag": tag, "meta": meta, "pages": len(docs), "first": True}
    assert (bundle / meta).is_file()
    by_url = {d.url_path: d for d in docs}
    files = sorted((bundle / "sitegen-docs").iterdir())
    assert len(files) == len(docs)
    for path in files:
        data = read_doc(path)
        d = by_url[data["url"]]
        assert path.name.startswith("zh-cn_") and path.name.endswith(".json.gz")  # the ids of Pagefind's results
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
    stale = tmp_path / "pagefind" / "index" / "stale.pf_index"
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
    assert not any((tmp_path / "pagefind").rglob("sitegen-docs/*"))


def fake_binary(tmp_path: Path, script: str) -> Path:
    path = tmp_path / "pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_a_failing_binary_is_reported(tmp_path, monkeypatch, docs):
    binary = fake_binary(tmp_path, 'echo "Error: something broke" >&2; exit 3')
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: binary)
    with pytest.raises(SitegenError, match=r"Pagefind failed \(exit 3\):\nError: something broke"):
        build_search_index(docs[:2], tmp_path / "site")
    assert not (tmp_path / "site" / "pagefind").exists()


def test_a_missing_binary_is_reported(tmp_path, monkeypatch, docs):
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: tmp_path / "nowhere" / "pagefind")
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
    real = pagefind.pagefind_binary()
    # Index only the first article's folder: Pagefind succeeds, but pages are missing.
    first = docs[0].url_path.split("/")[0]
    binary = fake_binary(tmp_path, f'exec "{real}" "$@" --glob "{first}/**/*.html"')
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: binary)
    others = [d for d in docs if not d.url_path.startswith(first + "/")]
    assert others
    with pytest.raises(SitegenError, match=r"Pagefind indexed \d+ pages for \d+ articles; missing \['/"):
        build_search_index(docs, tmp_path / "site")


def stubs(docs: list[SearchDoc]) -> list[DocStub]:
    return [stub_of(d) for d in docs]


def dated(url: str, day: str, chars: int = 10) -> SearchDoc:
    return SearchDoc(url, "题", "题\n" + "石景山防汛" * (chars // 5), day, "石景山报", (), ())


def test_shards_are_periods_cut_by_size():
    docs = [dated(f"a/{m}/", f"2020-{m:02d}-01", 100) for m in range(1, 13)] + [
        dated("b/1/", "2019-03-01"), dated("b/2/", "2019-11-30"), dated("c/1/", ""), dated("c/2/", "2020-02-30")]
    assert [(s.name, len(s.articles)) for s in plan_shards(stubs(docs), max_chars=10_000)] == [
        ("2016-01_2023-12", 14), ("undated", 2)]  # 2020-02-30 is no date; periods of 8 years start in 2016
    # 2020 holds 12 x 102 characters: 2016-2023 is cut into 4-year, 2-year, 1-year halves, then 6 months.
    assert [s.name for s in plan_shards(stubs(docs), max_chars=700)] == [
        "2016-01_2019-12", "2020-01_2020-06", "2020-07_2020-12", "undated"]
    assert [s.name for s in plan_shards(stubs(docs), max_chars=400)] == [
        "2016-01_2019-12", "2020-01_2020-03", "2020-04_2020-06", "2020-07_2020-09", "2020-10_2020-12", "undated"]
    # A day is never cut: all its articles stay in one shard, however big.
    big_day = [dated(f"d/{n}/", "2021-05-05", 500) for n in range(3)] + [dated("d/x/", "2021-05-06", 500)]
    assert [(s.name, len(s.articles)) for s in plan_shards(stubs(big_day), max_chars=600)] == [
        ("2021-05-05", 3), ("2021-05-06", 1)]
    shards = plan_shards(stubs(docs), max_chars=700)
    assert [s.name for s in browser_order(shards)] == [
        "2020-07_2020-12", "2020-01_2020-06", "2016-01_2019-12", "undated"]


def test_adding_an_article_changes_only_its_shard():
    docs = [dated(f"a/{n}/", f"20{15 + n % 10}-0{1 + n % 9}-1{n % 10}", 200) for n in range(60)]
    version = index_version()
    keys = lambda ds: {s.name: shard_key(s, version) for s in plan_shards(stubs(ds), max_chars=2000)}
    before, after = keys(docs), keys([*docs, dated("new/1/", "2018-04-01", 200)])
    assert len(before) > 5 and before.keys() == after.keys()
    [changed] = [n for n in before if before[n] != after[n]]
    assert changed.split("_")[0] <= "2018-04" <= changed.split("_")[1], changed
    assert keys(list(reversed(docs))) == before


def test_a_shard_is_indexed_again_when_any_field_of_an_article_changes():
    """The cache key tells apart every change the index would show, even a value moved from one field to
    the next (a district that becomes a topic, a headline's end that becomes the text's start)."""
    doc = SearchDoc("a/2020-04-16/1/", "老街坊", "老街坊\n接诉即办", "2020-04-16", "石景山报", ("石景山区",), ("防汛",))
    variants = [
        doc,
        replace(doc, url_path="a/2020-04-16/2/"),
        replace(doc, title="老街"),
        replace(doc, title="老街", text="坊老街坊\n接诉即办"),
        replace(doc, text="老街坊\n接诉即办。"),
        replace(doc, date="2020-04-17"),
        replace(doc, publication="东城报"),
        replace(doc, districts=("石景山区", "防汛"), topics=()),
        replace(doc, districts=(), topics=("石景山区", "防汛")),
        replace(doc, topics=("防汛", "接诉即办")),
    ]
    keys = {shard_key(Shard("2020-04_2020-06", (stub_of(v),)), "v1") for v in variants}
    assert len(keys) == len(variants)
    assert shard_key(Shard("2020-04_2020-06", (stub_of(doc),)), "v2") not in keys
    assert shard_key(Shard("2020-04_2020-06", (stub_of(doc),)), "v1") in keys  # the same articles, the same key


def test_the_newest_quarter_of_a_big_newest_shard_is_a_shard_of_its_own():
    docs = [dated(f"a/{m}/{d}/", f"2015-{m:02d}-{d:02d}", 100) for m in range(1, 12) for d in (1, 15)]
    assert [(s.name, len(s.articles)) for s in plan_shards(stubs(docs), 10_000, apart_chars=1_000)] == [
        ("2008-01_2015-09", 18), ("2015-10_2015-12", 4)]
    assert [s.name for s in plan_shards(stubs(docs), 10_000, apart_chars=10_000)] == ["2008-01_2015-12"]
    # This week's issue re-indexes its quarter only.
    version = index_version()
    keys = lambda ds: {s.name: shard_key(s, version) for s in plan_shards(stubs(ds), 10_000, 1_000)}
    before, after = keys(docs), keys([*docs, dated("new/1/", "2015-11-20", 100)])
    assert before.keys() == after.keys()
    assert [n for n in before if before[n] != after[n]] == ["2015-10_2015-12"]
    # All in one quarter: nothing to set apart.
    assert [s.name for s in plan_shards(stubs(docs[-4:]), 10_000, apart_chars=100)] == ["2008-01_2015-12"]


def test_a_big_newest_quarter_is_cut_by_days_and_a_new_day_leaves_the_full_pieces_alone():
    """However many issues a quarter holds, this week's re-indexes one piece of it: the pieces fill up from
    the quarter's first day, each closed with its name once the next day does not fit."""
    docs = [dated(f"a/{m}/{d}/", f"2015-{m:02d}-{d:02d}", 100) for m in range(1, 10) for d in (1, 15)]
    docs += [dated(f"q/{d}/{n}/", f"2015-10-{d:02d}", 100) for d in range(1, 29) for n in range(2)]
    plan = lambda ds: plan_shards(stubs(ds), 100_000, apart_chars=1_000, piece_chars=1_500)
    shards = plan(docs)
    assert [s.name for s in shards] == ["2008-01_2015-09", "2015-10-01_2015-10-07", "2015-10-08_2015-10-14",
                                        "2015-10-15_2015-10-21", "2015-10-22_2015-10-28"]
    assert all(sum(d.chars for d in s.articles) <= 1_500 for s in shards[1:])
    assert sorted(d.url_path for s in shards for d in s.articles) == sorted(d.url_path for d in docs)
    assert all(list(s.articles) == sorted(s.articles, key=lambda d: d.url_path) for s in shards)
    version = index_version()
    keys = lambda ds: {s.name: shard_key(s, version) for s in plan(ds)}
    before = keys(docs)
    # A new day: a piece of its own once the last is full, the others as they were.
    after = keys([*docs, dated("new/1/", "2015-11-02", 100)])
    assert after.items() - before.items() == {("2015-11-02", after["2015-11-02"])}
    # Two days into a new piece, this week's issue re-indexes that piece only.
    docs += [dated("new/1/", "2015-11-02", 100), dated("new/2/", "2015-11-05", 100)]
    before, after = keys(docs), keys([*docs, dated("new/3/", "2015-11-09", 100)])
    assert before.keys() - after.keys() == {"2015-11-02_2015-11-05"}
    assert after.keys() - before.keys() == {"2015-11-02_2015-11-09"}
    assert after.items() & before.items() == {(n, k) for n, k in before.items() if n != "2015-11-02_2015-11-05"}
    # A quarter that fits in one piece keeps its quarter's name.
    assert [s.name for s in plan_shards(stubs(docs), 100_000, apart_chars=1_000, piece_chars=100_000)] == [
        "2008-01_2015-09", "2015-10_2015-12"]


def counting_binary(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in for the binary that logs each run, then runs the real one."""
    runs = tmp_path / "runs.log"
    return fake_binary(tmp_path, f'echo run >> "{runs}"\nexec "{pagefind.pagefind_binary()}" "$@"'), runs


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake binary")
def test_unchanged_shards_come_from_the_cache(tmp_path, monkeypatch, docs):
    binary, runs = counting_binary(tmp_path)
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: binary)
    cache = tmp_path / "cache"
    n_shards = len(plan_shards(stubs(docs), max_chars=2000))
    assert n_shards >= 4
    build_search_index(docs, tmp_path / "one", cache, shard_chars=2000)
    assert runs.read_text().count("run") == n_shards
    build_search_index(docs, tmp_path / "two", cache, shard_chars=2000)
    assert runs.read_text().count("run") == n_shards  # nothing indexed again
    assert snapshot(tmp_path / "two" / "pagefind") == snapshot(tmp_path / "one" / "pagefind")
    build_search_index(docs, tmp_path / "fresh", None, shard_chars=2000)  # no cache: the same bytes
    assert snapshot(tmp_path / "fresh" / "pagefind") == snapshot(tmp_path / "one" / "pagefind")
    changed = [*docs[:-1], SearchDoc(docs[-1].url_path, docs[-1].title, docs[-1].text + "新增", *[
        getattr(docs[-1], f) for f in ("date", "publication", "districts", "topics")])]
    before = runs.read_text().count("run")
    build_search_index(changed, tmp_path / "three", cache, shard_chars=2000)
    assert runs.read_text().count("run") == before + 1  # only the shard of the changed article
    found = {read_doc(p)["url"]: read_doc(p)["text"] for p in (tmp_path / "three" / "pagefind").rglob("sitegen-docs/*")}
    assert found[docs[-1].url_path].endswith("新增")


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake binary")
def test_a_cache_restored_with_other_file_times_is_used_but_a_changed_file_is_not(tmp_path, monkeypatch, docs):
    """A cache restored from an archive (GitHub Actions' cache, tar) has its files' times rounded: the
    shards are used all the same. A file changed in place, however its size and time, is indexed again."""
    binary, runs = counting_binary(tmp_path)
    monkeypatch.setattr(pagefind, "pagefind_binary", lambda: binary)
    cache = tmp_path / "cache"
    build_search_index(docs, tmp_path / "one", cache, shard_chars=2000)
    first = snapshot(tmp_path / "one" / "pagefind")
    indexed = runs.read_text().count("run")
    files = [p for p in (cache / "search").rglob("*") if p.is_file() and p.name != search_bundle.FILES_NAME]
    for path in files:
        whole_second = path.stat().st_mtime_ns // 10**9 * 10**9 - 10**9
        os.utime(path, ns=(whole_second, whole_second))
    build_search_index(docs, tmp_path / "two", cache, shard_chars=2000)
    assert runs.read_text().count("run") == indexed  # nothing indexed again
    assert snapshot(tmp_path / "two" / "pagefind") == first
    # Changed in place (an editor saving over the site's copy, a hard link to this one), size kept.
    doc = next(p for p in files if p.parent.name == DOCS_DIR)
    data = bytearray(doc.read_bytes())
    data[-1] ^= 0xFF
    with open(doc, "r+b") as f:
        f.write(bytes(data))
    build_search_index(docs, tmp_path / "three", cache, shard_chars=2000)
    assert runs.read_text().count("run") == indexed + 1
    assert snapshot(tmp_path / "three" / "pagefind") == first


def test_shards_are_laid_out_for_the_browser(tmp_path, docs):
    build_search_index(docs, tmp_path, shard_chars=2000, first_pages=5)
    bundle = tmp_path / "pagefind"
    listed = json.loads((bundle / "sitegen-shards.json").read_text(encoding="utf-8"))
    dirs = [s["dir"] for s in listed]
    names = [s.name for s in browser_order(plan_shards(stubs(docs), 2000))]
    assert dirs == ["", *(f"shards/{n}/" for n in names[1:])]
    pages = 0
    for d in dirs:
        entry = json.loads((bundle / d / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages += entry["languages"]["zh-cn"]["page_count"]
        assert listed[dirs.index(d)]["pages"] == entry["languages"]["zh-cn"]["page_count"]
        assert (bundle / d / f"pagefind.{entry['languages']['zh-cn']['hash']}.pf_meta").is_file()
        assert any((bundle / d / "index").iterdir()) and not (bundle / d / "fragment").exists()
        assert (bundle / d / "pagefind.js").is_file() == (d == "")  # one runtime, the primary's
    assert pages == len(docs) == sum(len(list((bundle / d / "sitegen-docs").iterdir())) for d in dirs)
    # The browser searches first the newest shards that hold 5 pages (the last of them may pass 5).
    first = [s for s in listed if s["first"]]
    assert listed[:len(first)] == first and len(first) < len(listed)
    assert sum(s["pages"] for s in first[:-1]) < 5 <= sum(s["pages"] for s in first)


def test_the_cache_is_pruned(tmp_path, monkeypatch, docs):
    monkeypatch.setattr(search_bundle, "CACHE_KEEP", 1)
    cache = tmp_path / "cache"
    for n in range(3):
        build_search_index(docs[n * 3 : n * 3 + 3], tmp_path / "site", cache)
    assert len(list((cache / "search").iterdir())) == 2  # the last build's shard and one more


def test_what_a_stopped_build_left_half_made_in_the_cache_goes_once_a_day_old(tmp_path, docs):
    """A search process killed while indexing leaves .KEY-xxxx in the cache: never read, and removed
    when old enough not to be another build's, under way."""
    cache = tmp_path / "cache"
    build_search_index(docs[:3], tmp_path / "site", cache)
    old, young = cache / "search" / ".old-half", cache / "search" / ".young-half"
    for folder in (old, young):
        (folder / "b").mkdir(parents=True)
    a_day_ago = time.time() - search_bundle.HALF_MADE_KEEP_S - 60
    os.utime(old, (a_day_ago, a_day_ago))
    build_search_index(docs[:3], tmp_path / "site", cache)
    assert not old.exists() and young.is_dir()


def test_shards_that_give_a_page_the_same_id_keep_their_own_docs(tmp_path):
    """Separate Pagefind runs may give pages of two shards the same id: each shard keeps its docs."""
    doc = SearchDoc("p/2020-04-01/1/", "标题", "标题\n正文。", "2020-04-01", "石景山报", (), ())
    older, newer = Shard("2019-01_2019-12", (stub_of(doc),)), Shard("2020-01_2020-12", (stub_of(doc),))
    assert index_shard(older, [doc], tmp_path / "a") and index_shard(newer, [doc], tmp_path / "b")
    ids = lambda b: sorted(p.name for p in (b / DOCS_DIR).iterdir())
    assert ids(tmp_path / "a") == ids(tmp_path / "b")
    join_shards([(newer, tmp_path / "b"), (older, tmp_path / "a")], tmp_path / "out")
    assert ids(tmp_path / "out") == ids(tmp_path / "out" / "shards" / older.name) == ids(tmp_path / "a")


def test_a_rebuild_needs_the_documents_of_the_shards_it_indexes_only(tmp_path):
    """The shards are planned from every article's stub; the text is needed for the periods not in the
    cache (a new article's), and asked for (DocsWanted) where a shard to index lacks it."""
    docs = [dated(f"a/{n}/", f"20{15 + n % 6}-0{1 + n % 9}-1{n % 10}", 200) for n in range(30)]
    cache = tmp_path / "cache"
    every = {d.url_path for d in docs}
    assert articles_to_index(stubs(docs), cache, shard_chars=2000) == every  # nothing cached yet
    with pytest.raises(DocsWanted) as wanted:
        index_articles(stubs(docs), {}, tmp_path / "none", cache, shard_chars=2000)
    assert set(wanted.value.url_paths) <= every and wanted.value.url_paths
    build_search_index(docs, tmp_path / "one", cache, shard_chars=2000)
    assert articles_to_index(stubs(docs), cache, shard_chars=2000) == set()
    new = dated("new/1/", "2018-04-01", 200)
    needed = articles_to_index(stubs([*docs, new]), cache, shard_chars=2000)
    [shard] = [s for s in plan_shards(stubs([*docs, new]), max_chars=2000) if new.url_path in
               {a.url_path for a in s.articles}]
    assert needed == {a.url_path for a in shard.articles} and len(needed) < len(docs) / 2
    by_url = {d.url_path: d for d in [*docs, new]}
    index_articles(stubs([*docs, new]), {u: by_url[u] for u in needed}, tmp_path / "two", cache, shard_chars=2000)
    build_search_index([*docs, new], tmp_path / "clean", None, shard_chars=2000)
    assert snapshot(tmp_path / "two" / "pagefind") == snapshot(tmp_path / "clean" / "pagefind")


def test_documents_handed_over_in_files_index_as_given(tmp_path, docs):
    """The build writes the documents to files for the search process (search.hand_over), in parts: the
    index is the one the documents themselves give."""
    from sitegen.search import hand_over, index_handed_over
    files = [hand_over(docs[:10], tmp_path), hand_over(docs[10:], tmp_path)]
    index_handed_over(stubs(docs), files, tmp_path / "handed")
    build_search_index(docs, tmp_path / "given")
    assert snapshot(tmp_path / "handed" / "pagefind") == snapshot(tmp_path / "given" / "pagefind")


def test_beside_a_published_site_only_the_search_files_it_lacks_are_staged(tmp_path, docs):
    """A rebuild writes its search bundle into a staging folder beside the published site: the shards it
    indexed again and the joined files that changed are staged, the site's own copies of the rest are kept
    (named, not linked again); the site made of both is the clean build's bundle. Without a published site,
    the whole bundle is staged."""
    cache, site, staging = tmp_path / "cache", tmp_path / "site", tmp_path / "staging"
    by_url = {d.url_path: d for d in docs}
    first = index_articles(stubs(docs[:-1]), by_url, site, cache, shard_chars=2000)
    assert first.unchanged == () and set(first.staged) == {f"pagefind/{rel}" for rel in snapshot(site / "pagefind")}
    again = index_articles(stubs(docs), by_url, staging, cache, shard_chars=2000, previous_site=site)
    assert set(again.staged) == {f"pagefind/{rel}" for rel in snapshot(staging / "pagefind")}
    assert len(again.staged) < len(again.unchanged) and not set(again.staged) & set(again.unchanged)
    published = {rel: hashlib.sha256((site / rel).read_bytes()).hexdigest() for rel in again.unchanged}
    published.update((rel, hashlib.sha256((staging / rel).read_bytes()).hexdigest()) for rel in again.staged)
    build_search_index(docs, tmp_path / "clean", None, shard_chars=2000)
    assert published == {f"pagefind/{rel}": sha for rel, sha in snapshot(tmp_path / "clean" / "pagefind").items()}
