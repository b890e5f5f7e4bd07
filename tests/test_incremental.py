"""Rebuilding after adding, editing or removing an issue: every page that should change does, nothing stale
is left, and the cache never changes the output.

Each scenario builds a copy of the bundled seeds (cold cache), changes seeds/, rebuilds (warm cache),
checks the pages a reader would look at, and compares the whole site byte for byte with a clean build
of the changed seeds made without any cache.
"""
from __future__ import annotations

import contextlib
import datetime
import gzip
import json
import logging
import os
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SEEDS, serve_dir
from sitegen.engine import cache as cache_module
from sitegen.site import urls
from sitegen.config import Config
from sitegen.engine.build import BuildResult, build
from sitegen.engine.cache import IssueCache, Kept, context_hash
from sitegen.engine.rows import issue_row, light_issue
from sitegen.files import code_version
from sitegen.lexicon import load_topics
from sitegen.model import EnrichedIssue
from sitegen.lexicon import load_lexicon
from support import read_catalog

GOOD = "002_17d5a1e15a32e4e6.txt"
OLD_HEADLINE = "快递管理精细化"
NEW_HEADLINE = "快递服务再升级"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def build_in(project: Path, out: str = "site", cache: bool = True, kept: Kept | None = None,
             **options) -> BuildResult:
    """Build project/seeds as a keeper does from the project folder (so files are named seeds/…)."""
    with contextlib.chdir(project):
        return build(Config(seeds_dir=Path("seeds"), out_dir=Path(out),
                                  cache_dir=Path(".sitegen-cache") if cache else None, **options), kept=kept)


def assert_same_as_a_clean_build(project: Path, **options) -> None:
    """The incrementally built site is byte for byte what a build from nothing, with no cache, gives."""
    shutil.rmtree(project / "clean", ignore_errors=True)
    build_in(project, "clean", cache=False, **options)
    site, clean = tree(project / "site"), tree(project / "clean")
    assert sorted(site) == sorted(clean)  # no stale file, none missing
    assert [rel for rel in site if site[rel] != clean[rel]] == []


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html" if not url.endswith((".xml", ".json")) else site / url.strip("/")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def links(site: Path, url: str) -> set[str]:
    return {a["href"] for a in soup(site, url).find_all("a", href=True)}


def catalog(site: Path) -> dict:
    return read_catalog(site)


def search_docs(site: Path) -> list[dict]:
    """The articles in the search bundle (the text the browser shows and checks results against)."""
    return [json.loads(gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes())
            for p in sorted((site / "pagefind").rglob("sitegen-docs/*.json*"))]


def topic_url(name: str) -> str:
    return "/topics/" + next(t.slug for t in load_topics() if t.name == name) + "/"


def every_text_file(site: Path) -> dict[str, str]:
    """Every page, feed and data file as text, the gzipped search documents unpacked."""
    out = {}
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt"):
            out[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
        elif path.name.endswith(".json.gz"):
            out[path.relative_to(site).as_posix()] = gzip.decompress(path.read_bytes()).decode("utf-8")
    return out


def api_search(page, site_url: str, query: str) -> set[str]:
    page.goto(f"{site_url}search/")
    return {r["url"] for r in page.evaluate("q => window.sitegen.search(q, {})", query)}


# --- add ------------------------------------------------------------------------------------------

def new_issue_text() -> str:
    """Issue 002 as if printed again on a later day than any seed, with a headline of its own."""
    text = (SEEDS / GOOD).read_text(encoding="utf-8")
    assert "2020年4月16日 星期四" in text and OLD_HEADLINE in text
    return text.replace("2020年4月16日 星期四", "2020年12月3日 星期四").replace(OLD_HEADLINE, "快递驿站全覆盖")


@pytest.mark.browser
def test_an_added_issue_shows_everywhere(project, page):
    build_in(project)
    before = catalog(project / "site")
    (project / "seeds" / "new issue 新一期.txt").write_text(new_issue_text(), encoding="utf-8")
    result = build_in(project)
    site = project / "site"

    data = catalog(site)
    [issue] = [i for i in data["issues"] if i["source_file"] == "seeds/new issue 新一期.txt"]
    assert (issue["id"], issue["date"], issue["url"]) == ("shijingshan-bao/2020-12-03", "2020-12-03",
                                                          "/shijingshan-bao/2020-12-03/")
    assert len(data["issues"]) == len(before["issues"]) + 1
    articles = [a for a in data["articles"] if a["issue"] == issue["id"]]
    assert [a["id"] for a in articles] == issue["articles"] and len(articles) >= 3
    assert result.summary_line().startswith(f"Built {len(data['issues'])} issues, {len(data['articles'])} articles")

    issue_page = soup(site, issue["url"])
    assert issue_page.h1.get_text().startswith("石景山报")
    assert {a["url"] for a in articles} <= links(site, issue["url"])
    for a in articles:
        assert soup(site, a["url"]).h1.get_text() == a["headline"]
        for district in a["district"]:
            assert a["url"] in links(site, "/" + urls.SiteUrls("/", load_lexicon()).district_path(district))
        for topic in a["topics"]:
            assert a["url"] in links(site, topic_url(topic))
    assert any("快递驿站全覆盖" in a["headline"] for a in articles)

    assert issue["url"] in links(site, "/shijingshan-bao/")
    assert issue["url"] in links(site, "/dates/2020/12/")
    assert "/dates/2020/12/" in links(site, "/dates/2020/")
    home = soup(site, "/")
    assert home.select_one("main a[href]")["href"] == issue["url"]  # the newest issue comes first

    for feed in ("feed.xml", "districts/shijingshan/feed.xml"):
        xml = (site / feed).read_text(encoding="utf-8")
        assert all(f"{a['url']}</id>" in xml or f'href="{a["url"]}"' in xml for a in articles), feed
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"{a['url']}</loc>" in sitemap for a in articles)

    assert {a["headline"] for a in articles} <= {d["title"] for d in search_docs(site)}
    server, url = serve_dir(site)
    try:
        found = api_search(page, url, "驿站全覆盖")
    finally:
        server.shutdown()
    assert found == {a["url"] for a in articles if "驿站全覆盖" in a["headline"] + a["text"]} and found

    assert_same_as_a_clean_build(project)


# --- edit -----------------------------------------------------------------------------------------

@pytest.mark.browser
def test_an_edited_headline_changes_everywhere_and_the_old_text_is_gone(project, page):
    build_in(project)
    [old] = [a for a in catalog(project / "site")["articles"] if OLD_HEADLINE in a["headline"]]
    seed = project / "seeds" / GOOD
    seed.write_text(seed.read_text(encoding="utf-8").replace(OLD_HEADLINE, NEW_HEADLINE), encoding="utf-8")
    build_in(project)
    site = project / "site"

    [new] = [a for a in catalog(site)["articles"] if NEW_HEADLINE in a["headline"]]
    assert (new["id"], new["url"]) == (old["id"], old["url"])  # the permalink stays
    assert new["headline"] == old["headline"].replace(OLD_HEADLINE, NEW_HEADLINE)
    assert soup(site, new["url"]).h1.get_text() == new["headline"]
    for listing in [new["url"].rsplit("/", 2)[0] + "/", "/districts/shijingshan/", *map(topic_url, new["topics"])]:
        page_links = soup(site, listing).find_all("a", href=new["url"])
        assert page_links and all(NEW_HEADLINE in a.get_text() for a in page_links if a.get_text().strip()), listing
    for feed in ("feed.xml", "districts/shijingshan/feed.xml"):
        assert NEW_HEADLINE in (site / feed).read_text(encoding="utf-8")
    assert [d for d in search_docs(site) if d["title"] == new["headline"]]

    stale = [rel for rel, text in every_text_file(site).items() if OLD_HEADLINE in text]
    assert stale == []
    server, url = serve_dir(site)
    try:
        assert api_search(page, url, OLD_HEADLINE) == set()
        assert api_search(page, url, NEW_HEADLINE) == {new["url"]}
    finally:
        server.shutdown()

    assert_same_as_a_clean_build(project)


# --- remove ---------------------------------------------------------------------------------------

def internal_links(site: Path):
    for html in site.rglob("*.html"):
        for a in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all(["a", "link"], href=True):
            href = a["href"].split("#")[0].split("?")[0]
            if href.startswith("/"):
                yield html.relative_to(site).as_posix(), href


def resolves(site: Path, href: str) -> bool:
    target = site / href.lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


def test_a_removed_issue_leaves_no_page_and_no_link(project):
    build_in(project)
    site = project / "site"
    [gone] = [i for i in catalog(site)["issues"] if i["source_file"] == f"seeds/{GOOD}"]
    gone_dir = site / gone["url"].strip("/")
    assert (gone_dir / "index.html").is_file()
    (project / "seeds" / GOOD).unlink()
    result = build_in(project)

    assert not gone_dir.exists()
    data = catalog(site)
    assert gone["id"] not in {i["id"] for i in data["issues"]}
    assert not [a for a in data["articles"] if a["issue"] == gone["id"]]
    assert result.written.removed >= len(gone["articles"]) + 2  # its articles, issue page and source page
    linking = sorted({page for page, href in internal_links(site) if href.startswith(gone["url"])})
    assert linking == []
    broken = [(page, href) for page, href in internal_links(site) if not resolves(site, href)]
    assert broken == []
    assert gone["url"] not in (site / "feed.xml").read_text(encoding="utf-8")
    assert not [d for d in search_docs(site) if d["url"].startswith(gone["url"])]

    assert_same_as_a_clean_build(project)


# --- unchanged files, the cache -------------------------------------------------------------------

def test_a_rebuild_leaves_unchanged_files_untouched(project):
    build_in(project)
    site = project / "site"
    before = {rel: (data, (site / rel).stat().st_mtime_ns) for rel, data in tree(site).items()}
    again = build_in(project)
    assert (again.written.written, again.written.removed) == (0, 0)
    assert again.written.unchanged == len(before)
    assert {rel: (site / rel).stat().st_mtime_ns for rel in before} == {rel: m for rel, (_, m) in before.items()}

    (project / "seeds" / "new.txt").write_text(new_issue_text(), encoding="utf-8")
    added = build_in(project)
    after = tree(site)
    same = [rel for rel in after if rel in before and before[rel][0] == after[rel]]
    changed = [rel for rel in after if rel not in same]
    assert same and changed
    assert [rel for rel in same if (site / rel).stat().st_mtime_ns != before[rel][1]] == []
    assert (added.written.written, added.written.unchanged, added.written.removed) == \
        (len(changed), len(same), len(set(before) - set(after)))


def cache_entries(project: Path) -> list[Path]:
    return sorted(p for p in (project / ".sitegen-cache" / "issues").rglob("*.pickle"))


def test_the_cache_is_used_and_a_code_change_invalidates_it(project, monkeypatch):
    """Doctor every cached issue: the next build shows the doctored headline, proving the cache is read;
    once the code version changes, the cache is not used and the site is right again."""
    build_in(project)
    entries = cache_entries(project)
    assert len(entries) == len(list(SEEDS.glob("*.txt")))
    for entry in entries:
        issue = pickle.loads(entry.read_bytes())
        assert isinstance(issue, EnrichedIssue)
        parsed = issue.parsed
        doctored = replace(issue, parsed=replace(parsed, articles=tuple(
            replace(a, headline="来自缓存" + a.headline) for a in parsed.articles)))
        entry.write_bytes(pickle.dumps(doctored))
    # Made from the entries as they were: each issue's text as shown, and the catalog's parts.
    shutil.rmtree(project / ".sitegen-cache" / "shown")
    shutil.rmtree(project / "site" / "catalog")
    build_in(project)
    assert all(a["headline"].startswith("来自缓存") for a in catalog(project / "site")["articles"])

    folders = project / ".sitegen-cache" / "issues"
    before = [p.name for p in folders.iterdir()]
    monkeypatch.setattr(cache_module, "current_code_version", lambda: "0" * 64)
    build_in(project)
    assert not any(a["headline"].startswith("来自缓存") for a in catalog(project / "site")["articles"])
    after = [p.name for p in folders.iterdir()]
    assert len(before) == len(after) == 1 and after != before  # old entries dropped
    assert_same_as_a_clean_build(project)


def test_code_version_follows_every_source_and_data_file(tmp_path):
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "parse.py").write_text("A = 1\n")
    (package / "data" / "places.toml").write_text("[x]\n")
    first = code_version(package)
    assert code_version(package) == first
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "parse.cpython-311.pyc").write_bytes(b"compiled")
    assert code_version(package) == first  # compiled files are not the code
    (package / "parse.py").write_text("A = 2\n")
    second = code_version(package)
    (package / "data" / "places.toml").write_text("[y]\n")
    third = code_version(package)
    (package / "data" / "userdict.txt").write_text("石景山 100\n")
    assert len({first, second, third, code_version(package)}) == 4


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05\x95garbage", "truncate"])
def test_damaged_cache_entries_are_rebuilt_never_a_crash(project, damage):
    build_in(project)
    cache = project / ".sitegen-cache"
    kinds = {"issues", "segments", "shown", "rows", "related", "rendered", "templates", "catalog"}
    damaged = [p for kind in kinds for p in (cache / kind).rglob("*") if p.is_file()]
    assert {p.relative_to(cache).parts[0] for p in damaged} == kinds
    for p in damaged:
        p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2] if damage == "truncate" else damage)
    build_in(project)
    assert_same_as_a_clean_build(project)


def test_a_cache_entry_of_another_kind_is_ignored(project):
    build_in(project)
    for entry in cache_entries(project):
        entry.write_bytes(pickle.dumps({"headline": "不是一期"}))
    build_in(project)
    assert_same_as_a_clean_build(project)


def test_catalog_lines_kept_for_other_issues_are_not_used(project):
    """catalog.json is put together from each part's lines as the cache keeps them: an entry holding
    another part's lines is made again, never written into the catalog."""
    build_in(project)
    entries = sorted((project / ".sitegen-cache" / "catalog").glob("*.pickle"))
    assert len(entries) > 1
    contents = [p.read_bytes() for p in entries]
    for entry, other in zip(entries, contents[1:] + contents[:1]):
        entry.write_bytes(other)
    build_in(project)
    assert_same_as_a_clean_build(project)


def shown_entries(project: Path) -> list[Path]:
    return sorted(p for p in (project / ".sitegen-cache" / "shown").rglob("*.pickle"))


def test_each_issue_text_as_shown_is_kept_and_a_code_change_invalidates_it(project, monkeypatch):
    """Doctor each issue's text as shown and its articles' search measures where they are kept, and the
    issues as read: the next build shows the doctored headlines on the pages and takes nothing of the
    issues as read; it plans the search index from the doctored measures (new shard keys: every shard
    indexed again, its documents made from the issues as read), proving it reads them; a new code
    version does not."""
    build_in(project)
    entries = shown_entries(project)
    assert len(entries) == len(list(SEEDS.glob("*.txt")))
    shards = {p.name for p in (project / ".sitegen-cache" / "search").iterdir()}
    for entry in entries:
        issue, measures = pickle.loads(entry.read_bytes())
        entry.write_bytes(pickle.dumps((
            replace(issue, parsed=replace(issue.parsed, articles=tuple(
                replace(a, headline="来自缓存" + a.headline) for a in issue.parsed.articles))),
            tuple((chars, bytes(16)) for chars, _ in measures))))
    for entry in cache_entries(project):
        as_read = pickle.loads(entry.read_bytes())
        entry.write_bytes(pickle.dumps(replace(as_read, parsed=replace(as_read.parsed, articles=tuple(
            replace(a, byline="读自原样") for a in as_read.parsed.articles)))))
    shutil.rmtree(project / "site" / "catalog")  # the parts were made from the texts as they were
    shutil.rmtree(project / ".sitegen-cache" / "rows")  # made again from the texts as shown
    build_in(project)
    site = project / "site"
    assert all(a["headline"].startswith("来自缓存") for a in catalog(site)["articles"])
    assert not any(a["byline"] == "读自原样" for a in catalog(site)["articles"])
    assert not any(d["title"].startswith("来自缓存") for d in search_docs(site))
    again = {p.name for p in (project / ".sitegen-cache" / "search").iterdir()}
    assert len(again - shards) == len(shards)

    monkeypatch.setattr(cache_module, "current_code_version", lambda: "0" * 64)
    build_in(project)
    assert not any(a["headline"].startswith("来自缓存") for a in catalog(site)["articles"])
    assert not any(d["title"].startswith("来自缓存") for d in search_docs(site))
    assert len(list((project / ".sitegen-cache" / "shown").iterdir())) == 1  # the other version's dropped
    assert_same_as_a_clean_build(project)


def test_rows_of_another_shape_are_made_again(project):
    build_in(project)
    rows_file = next((project / ".sitegen-cache" / "rows").iterdir())
    rows_file.write_bytes(pickle.dumps({key: ("不是一行",) for key in pickle.loads(rows_file.read_bytes())}))
    build_in(project)
    assert_same_as_a_clean_build(project)


def test_an_issue_text_as_shown_of_another_kind_is_ignored(project):
    build_in(project)
    for entry in shown_entries(project):
        entry.write_bytes(pickle.dumps(("不是一期", [])))
    build_in(project)
    assert_same_as_a_clean_build(project)


def doctor_rows(project: Path, mark: str) -> bytes:
    """Put mark before every headline of the archive's rows on disk (engine.rows); returns the rows as they were."""
    rows_file = next((project / ".sitegen-cache" / "rows").iterdir())
    on_disk = rows_file.read_bytes()
    doctored = {}
    for key, row in pickle.loads(on_disk).items():
        issue, measures = light_issue(row)
        doctored[key] = issue_row((replace(issue, parsed=replace(issue.parsed, articles=tuple(
            replace(a, headline=mark + a.headline) for a in issue.parsed.articles))), measures))
    rows_file.write_bytes(pickle.dumps(doctored))
    return on_disk


def test_a_rebuild_reads_the_archive_from_its_rows_and_a_code_change_invalidates_them(project, monkeypatch):
    """The issues a rebuild takes from the cache come from the archive's rows (doctored here: the archive
    shows them), without their text; the pages that show an issue's text take it whole; a new code version
    makes the rows again."""
    build_in(project)
    doctor_rows(project, "来自行")
    result = build_in(project)
    assert all(a.headline.startswith("来自行") for i in result.issues for a in i.articles)
    assert all(i.source.text is None and all(a.blocks is None for a in i.articles) for i in result.issues)

    monkeypatch.setattr(cache_module, "current_code_version", lambda: "0" * 64)
    result = build_in(project)
    assert not any(a.headline.startswith("来自行") for i in result.issues for a in i.articles)
    assert len(list((project / ".sitegen-cache" / "rows").iterdir())) == 1  # the other version's dropped
    assert_same_as_a_clean_build(project)


def test_a_long_lived_process_rebuilds_from_what_it_kept_and_keeps_only_what_is_used(project):
    """As `sitegen serve` does: the second build takes the archive from memory, not from the disk (whose
    rows are doctored here, and do not show); only what a build used stays kept."""
    kept = Kept()
    build_in(project, kept=kept)
    files = len(list(SEEDS.glob("*.txt")))
    assert len(kept) == 2 * files + 2  # each issue, its text as shown, the archive's rows and related lists
    on_disk = doctor_rows(project, "来自磁盘")
    result = build_in(project, kept=kept)
    assert not any(a.headline.startswith("来自磁盘") for i in result.issues for a in i.articles)
    next((project / ".sitegen-cache" / "rows").iterdir()).write_bytes(on_disk)

    (project / "seeds" / GOOD).unlink()
    (project / "seeds" / "new.txt").write_text(new_issue_text(), encoding="utf-8")
    build_in(project, kept=kept)
    # The rows and related lists, and the entries of the issues this build read or showed whole: none of the
    # removed issue's.
    assert "rows" in kept and "related" in kept
    issues_kept = [v[0] if isinstance(v, tuple) else v for v in kept._entries.values()]
    paths_kept = {i.parsed.source.path for i in issues_kept if isinstance(i, EnrichedIssue)}
    assert "seeds/new.txt" in paths_kept and f"seeds/{GOOD}" not in paths_kept
    assert {i["source_file"] for i in catalog(project / "site")["issues"]} >= {"seeds/new.txt"}
    assert f"seeds/{GOOD}" not in {i["source_file"] for i in catalog(project / "site")["issues"]}
    assert_same_as_a_clean_build(project)


def test_cache_key_changes_with_the_file_its_sidecar_and_its_name(tmp_path):
    cache = IssueCache(tmp_path / "cache", version="v1")
    issue_file = tmp_path / "a.txt"
    issue_file.write_text("石景山报\n", encoding="utf-8")
    key = cache.key(issue_file, "seeds/a.txt", 1 << 20)
    assert key == cache.key(issue_file, "seeds/a.txt", 1 << 20)
    assert key != cache.key(issue_file, "seeds/b.txt", 1 << 20)
    assert key != IssueCache(tmp_path / "cache", version="v2").key(issue_file, "seeds/a.txt", 1 << 20)
    issue_file.with_suffix(".toml").write_text('date = "2020-04-16"\n', encoding="utf-8")
    with_sidecar = cache.key(issue_file, "seeds/a.txt", 1 << 20)
    issue_file.with_suffix(".toml").write_text('date = "2020-04-17"\n', encoding="utf-8")
    assert len({key, with_sidecar, cache.key(issue_file, "seeds/a.txt", 1 << 20)}) == 3
    assert cache.key(issue_file, "seeds/a.txt", 4) is None  # too large: left to the reader and its message
    os.mkfifo(tmp_path / "pipe.txt")
    assert cache.key(tmp_path / "pipe.txt", "seeds/pipe.txt", 1 << 20) is None


def test_a_template_change_renders_every_page_again(project):
    templates = project / "templates"
    shutil.copytree(ROOT / "templates", templates)
    build_in(project, templates_dir=templates)
    base = templates / "base.html"
    assert base.read_text(encoding="utf-8").count("</head>") == 1
    base.write_text(base.read_text(encoding="utf-8").replace("</head>", "<!-- 模板已改 --></head>"), encoding="utf-8")
    result = build_in(project, templates_dir=templates)
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 50 and result.written.written >= len(pages) - 1  # 404.html may not use base.html
    assert [p for p in pages if "模板已改" not in p.read_text(encoding="utf-8") and p.name != "404.html"] == []
    assert_same_as_a_clean_build(project, templates_dir=templates)


def test_a_page_changed_by_hand_in_the_site_is_rendered_again(project):
    build_in(project)
    home = project / "site" / "index.html"
    home.write_bytes(home.read_bytes().replace(b"</body>", b"<p>hand-made</p></body>"))
    build_in(project)
    assert b"hand-made" not in home.read_bytes()
    assert_same_as_a_clean_build(project)


def test_a_search_file_changed_by_hand_in_the_site_is_indexed_again(project):
    build_in(project)
    bundle = project / "site" / "pagefind"
    # In place, as an editor saving over the file would: the site shares these files with the cache.
    for path in (sorted((bundle / "sitegen-docs").iterdir())[0], sorted(bundle.glob("*.pf_meta"))[0]):
        with open(path, "r+b") as f:
            f.write(b"changed by hand")
    build_in(project)
    assert_same_as_a_clean_build(project)


def test_a_rebuild_from_cached_issues_renders_no_page_again(project, caplog):
    """The second build has every issue from the cache, not as the first parsed it: each page's context is
    the same all the same, so each page is kept, not rendered again (what `sitegen -v build` reports)."""
    caplog.set_level(logging.INFO, logger="sitegen")
    first = build_in(project)
    assert f"rendered {first.pages} pages; 0 had the same content as before and were kept" in caplog.messages
    before = tree(project / "site")
    caplog.clear()
    again = build_in(project)
    assert f"rendered 0 pages; {again.pages} had the same content as before and were kept" in caplog.messages
    assert tree(project / "site") == before


def test_equal_contexts_hash_alike_however_they_were_built():
    """A page's context built from freshly parsed issues, from cached ones, or in another build, holds its values
    shared or apart, its strings interned or not: equal contexts must hash alike."""
    text = '{"page": {"title": "快递管理精细化", "tags": ["防汛", "接诉即办"]}, ' \
           '"again": {"title": "快递管理精细化", "tags": ["防汛", "接诉即办"]}}'
    parsed = json.loads(text)
    page = {"title": "".join(["快递管理", "精细化"]), "tags": ["防汛", "接诉即办"]}
    shared = {"page": page, "again": page}  # one value in two places
    from_cache = pickle.loads(pickle.dumps(shared))
    assert len({context_hash(c) for c in (parsed, json.loads(text), shared, from_cache)}) == 1
    assert context_hash(parsed) != context_hash({**parsed, "again": {**page, "tags": ["接诉即办", "防汛"]}})
    assert context_hash({"day": datetime.date(2020, 4, 16)}) == context_hash({"day": datetime.date(2020, 4, 16)})
    assert context_hash({"day": datetime.date(2020, 4, 16)}) != context_hash({"day": datetime.date(2020, 4, 17)})
    circular: dict = {}
    circular["self"] = circular
    assert context_hash(circular) is None  # cannot be hashed: the page is rendered every time


def test_a_rebuild_reads_no_issue_file_whose_stamp_is_unchanged(project, monkeypatch):
    """Keying an issue file takes its bytes' digest from the last build while the file (and its sidecar)
    has the inode, size and times it had then: a rebuild of an unchanged archive reads none of them."""
    monkeypatch.setattr(cache_module.FileDigests, "SETTLED_NS", 0)  # the seeds were copied just now
    build_in(project)
    read: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or read_bytes(self))
    build_in(project)
    assert read and [p for p in read if "seeds" in p.parts] == []


def test_an_issue_file_rewritten_to_the_same_size_and_times_is_read_again(project, monkeypatch):
    """A file whose bytes changed but whose size and modification time are put back as they were (cp -p,
    rsync -t) is keyed from its bytes again: its change time, which nothing can set back, moved."""
    monkeypatch.setattr(cache_module.FileDigests, "SETTLED_NS", 0)
    build_in(project)
    good = project / "seeds" / GOOD
    text, info = good.read_bytes(), good.stat()
    edited = text.replace(OLD_HEADLINE.encode(), NEW_HEADLINE.encode())
    assert len(edited) == len(text) and edited != text
    good.write_bytes(edited)
    os.utime(good, ns=(info.st_atime_ns, info.st_mtime_ns))
    build_in(project)
    headlines = " ".join(a["headline"] for a in catalog(project / "site")["articles"])
    assert NEW_HEADLINE in headlines and OLD_HEADLINE not in headlines
    assert_same_as_a_clean_build(project)


# --- what a page is made from ---------------------------------------------------------------------

def plan_of(project: Path, title: str = "北京区报档案"):
    """The site.pages.Plan a build of project/seeds with its cache renders from."""
    from sitegen.archive import build_archive
    from sitegen.archive.finish import finish_issues
    from sitegen.config import MAX_BYTES
    from sitegen.engine.load import WholeIssues, issue_step, load_archive
    from sitegen.lexicon import BUILT_IN
    from sitegen.site.pages import Plan

    cache = IssueCache(project / ".sitegen-cache")
    loaded = load_archive(project / "seeds", cache=cache, classified=True, shown=True)
    lexicon = load_lexicon()
    archive = build_archive(finish_issues(loaded.placed, [issue.parsed for _, issue in loaded.placed]), lexicon)
    made_from = {issue_id: key for (issue_id, _), key in zip(loaded.placed, loaded.keys)}
    whole = WholeIssues(made_from, cache, issue_step(project / "seeds", MAX_BYTES, cache, True, BUILT_IN))
    return Plan(archive, urls.SiteUrls("/", lexicon), title, made_from=made_from, whole=whole)


def inputs_and_contexts(project: Path, title: str = "北京区报档案") -> dict[str, tuple[str, str]]:
    """Each page that has an inputs key (site.inputs), by path: (that key, its context's hash), as a build
    of project/seeds with its cache plans them."""
    from sitegen.site.plan import plan_lazily

    out = {}
    for planned in plan_lazily(plan_of(project, title)):
        known = planned.inputs() if planned.inputs else None
        if known:
            page = planned.make()
            assert page.path == known[0]
            out[page.path] = known[1], context_hash(page.context)
    return out


def test_a_page_site_touched_leaves_alone_has_the_key_it_was_rendered_from(project):
    """A rebuild keeps the article, issue and source pages site.touched finds nothing changed for without
    keying them: each must have the key (site.inputs) it had. Checked over an added issue, an edited
    headline, a reporter named whose name reads as another's (who then gets another address, which
    every article naming them links to), a removed issue and another site title."""
    from sitegen.site import touched
    from sitegen.site.plan import plan_lazily

    def keys_and_untouched(plan, before):
        links = touched.links_of(plan)
        untouched = touched.untouched(plan, links, before)
        keys, left_alone = {}, set()
        for planned in plan_lazily(plan, untouched=untouched):
            known = planned.inputs() if planned.inputs else None
            if known:
                keys[known[0]] = known[1]
            if planned.untouched:
                assert known and planned.untouched == known[0]
                left_alone.add(planned.untouched)
        return links, keys, left_alone

    seeds = project / "seeds"
    good = seeds / GOOD
    before, keys, left_alone = keys_and_untouched(plan_of(project), None)
    assert left_alone == set()  # nothing to compare with: every page is keyed
    changes = {
        "added": lambda: (seeds / "zz_new.txt").write_text(new_issue_text(), encoding="utf-8"),
        "edited": lambda: good.write_text(good.read_text(encoding="utf-8").replace(OLD_HEADLINE, NEW_HEADLINE),
                                          encoding="utf-8"),
        # 史伟 reads shiwei as 石伟 does, and comes first in code-point order: 石伟 becomes shiwei-2.
        "homophone": lambda: good.write_text(good.read_text(encoding="utf-8").replace("通讯员田甜", "通讯员史伟"),
                                             encoding="utf-8"),
        "removed": lambda: next(p for p in sorted(seeds.glob("*.txt")) if p.name != GOOD).unlink(),
    }
    for name, change in changes.items():
        change()
        plan = plan_of(project)
        if name == "homophone":
            assert plan.archive.person_named["石伟"].slug == "shiwei-2"
        links, keys_now, left_alone = keys_and_untouched(plan, before)
        assert left_alone, name
        assert sorted(p for p in left_alone if keys_now[p] != keys.get(p)) == [], name
        assert any(keys_now[p] != keys.get(p) for p in keys_now), name  # and the change did touch pages
        before, keys = links, keys_now
    retitled = plan_of(project, title="另一个档案")
    assert touched.untouched(retitled, touched.links_of(retitled), before) == touched.NONE


def test_site_touched_follows_each_link_a_page_key_holds(project):
    """Each kind of link the pages' keys hold, changed alone, touches exactly the pages that show it: a
    person's address their articles, a related list its article, the paper's issue before or after the
    issue page and its articles, an issue's key the pages that show something of it."""
    from dataclasses import replace

    from sitegen.site import touched

    plan = plan_of(project)
    a = plan.archive
    now = touched.links_of(plan)

    def touched_by(**before) -> tuple[set[str], set[str], set[str]]:
        u = touched.untouched(plan, now, replace(now, **before))
        return (set(a.by_id) - u.articles, {i.id for i in a.issues} - u.issues,
                {i.id for i in a.issues} - u.sources)

    assert touched_by() == (set(), set(), set())
    person = a.person_named["石伟"]
    assert touched_by(slugs={**now.slugs, person.name: "shiwei-2"}) == (
        {m.article_id for m in person.mentions}, set(), set())
    article = a.entries[3].article.id
    assert touched_by(related={**now.related, article: ()}) == ({article}, set(), set())
    issue = a.issues[1]
    assert touched_by(neighbours={**now.neighbours, issue.id: (None, None)}) == (
        {e.article.id for e in a.by_issue[issue.id]}, {issue.id}, set())
    articles, issues, sources = touched_by(made_from={**now.made_from, issue.id: "another key"})
    assert sources == {issue.id}
    assert issues == {issue.id, *(i for i in now.neighbours[issue.id] if i)}
    its_articles = {e.article.id for e in a.by_issue[issue.id]}
    assert articles >= its_articles | {x for x, listed in now.related.items() if its_articles & set(listed)}


@pytest.mark.parametrize("page_size", [100, 2])
def test_a_page_made_from_the_same_inputs_has_the_same_context(project, page_size, monkeypatch):
    """A page is kept without being made when the key of what it is made from is the one it was rendered
    from (site.inputs): so the key must change whenever the page would. Checked for every article, issue,
    source and list page (lists of 100 and of 2 a page) over an added issue, an edited headline (which other
    articles show among their related articles and continuations, lists on their cards), a removed issue
    and another site title."""
    from sitegen.site import pages
    monkeypatch.setattr(pages, "LIST_PAGE_SIZE", page_size)
    seeds = project / "seeds"
    before = inputs_and_contexts(project)
    assert len(before) > 20  # 21 articles, 5 issue and 5 source pages, the lists' pages
    changes = {
        "added": lambda: (seeds / "zz_new.txt").write_text(new_issue_text(), encoding="utf-8"),
        "edited": lambda: (seeds / GOOD).write_text(
            (seeds / GOOD).read_text(encoding="utf-8").replace(OLD_HEADLINE, NEW_HEADLINE), encoding="utf-8"),
        "removed": lambda: next(p for p in sorted(seeds.glob("*.txt")) if p.name != GOOD).unlink(),
    }
    for name, change in changes.items():
        change()
        after = inputs_and_contexts(project)
        same_key = [p for p in before.keys() & after.keys() if before[p][0] == after[p][0]]
        assert [p for p in same_key if before[p][1] != after[p][1]] == [], name
        assert any(before[p][1] != after[p][1] for p in before.keys() & after.keys()), name  # pages did change
        assert same_key, name  # and others were known unchanged without being made
        before = after
    retitled = inputs_and_contexts(project, title="另一个档案")
    assert not any(retitled[p][0] == before[p][0] for p in retitled)


def test_a_rebuild_after_one_new_issue_makes_only_the_pages_it_touches(tmp_path):
    """On a synthetic archive of a hundred issues (benchmarks/generate.py), the article pages of the other
    issues are kept as they are, most of them without their contexts even being made: the rebuild makes the
    new issue's pages and those that show something of it (related articles, the paper's next issue)."""
    import sys

    import sitegen.site.reading as reading
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    generate.generate(101, tmp_path / "all")
    newest = sorted((tmp_path / "all").glob("*.txt"))[-1]
    shutil.copytree(tmp_path / "all", tmp_path / "seeds", ignore=lambda _, names: [newest.name])
    build_in(tmp_path)
    made: list[str] = []
    article_page = reading.article_page

    def counting(plan, e):
        made.append(e.article.id)
        return article_page(plan, e)

    shutil.copy(newest, tmp_path / "seeds")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reading, "article_page", counting)
        result = build_in(tmp_path)
    articles = sum(len(i.articles) for i in result.issues)
    [new] = [i for i in result.issues if i.source.path.endswith(newest.name)]
    assert {a.id for a in new.articles} <= set(made)
    assert len(made) < articles // 4, f"{len(made)} of {articles} article pages made again"
    assert_same_as_a_clean_build(tmp_path)


def test_a_rebuild_makes_again_only_the_catalog_part_of_the_new_issue(project, monkeypatch):
    """The catalog's other parts (a paper's year each, gzipped) are kept as the previous site has them, not
    made and compressed again, and catalog.json is put together from their issues' lines as kept: only the
    new issue's part and its issues are visited."""
    from sitegen.site import catalog as catalog_module
    build_in(project)
    made: list[int] = []
    issues_seen: list[str] = []
    packed, issue_record = catalog_module._packed, catalog_module._issue
    monkeypatch.setattr(catalog_module, "_packed", lambda records: made.append(len(records)) or packed(records))
    monkeypatch.setattr(catalog_module, "_issue", lambda issue, base: issues_seen.append(issue.id) or issue_record(issue, base))
    (project / "seeds" / "zz_new.txt").write_text(new_issue_text(), encoding="utf-8")
    build_in(project)
    data = catalog(project / "site")
    [new] = [i for i in data["issues"] if i["source_file"] == "seeds/zz_new.txt"]
    [part] = [p for p in data["parts"] if p["url"] == new["part"]]
    assert len(data["parts"]) > 1 and made == [part["articles"]]  # the new issue's paper and year only
    assert sorted(issues_seen) == sorted(i["id"] for i in data["issues"] if i["part"] == new["part"])
    assert_same_as_a_clean_build(project)


def test_an_untouched_page_changed_by_hand_comes_back_when_an_issue_is_added(tmp_path):
    """The pages a new issue cannot alter are kept in one pass, by their files' stamps: one edited by hand
    meanwhile (or removed) is not taken as it is, but made again, as a clean build makes it."""
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    generate.generate(41, tmp_path / "all")
    newest = sorted((tmp_path / "all").glob("*.txt"))[-1]
    shutil.copytree(tmp_path / "all", tmp_path / "seeds", ignore=lambda _, names: [newest.name])
    build_in(tmp_path)
    site = tmp_path / "site"
    oldest = sorted(p for p in site.rglob("index.html") if p.parent.name.isdigit() and p.parent.parent.name[:2] == "20")
    edited, removed = oldest[0], oldest[1]
    edited.write_bytes(edited.read_bytes().replace(b"</body>", b"<p>hand-made</p></body>"))
    removed.unlink()
    shutil.copy(newest, tmp_path / "seeds")
    build_in(tmp_path)
    assert b"hand-made" not in edited.read_bytes()
    assert removed.is_file()
    assert_same_as_a_clean_build(tmp_path)
