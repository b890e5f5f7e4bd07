"""Build the bundled seeds and check the site as a reader (and a researcher) would."""
from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Callable

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SEEDS
from sitegen.cli import main
from sitegen.engine import build as build_module, parallel
from sitegen.config import Config
from sitegen.engine.build import build
from sitegen.engine.output import write_site
from sitegen.engine.load import load_archive
from sitegen.archive import build_archive
from sitegen.archive.finish import finish_issues
from sitegen.errors import SitegenError
from sitegen.engine.progress import NoProgress
from sitegen.site.write import StagedSite
from sitegen.lexicon import load_lexicon
from support import card_date, read_catalog


def soup(site: Path, url: str, base: str = "/") -> BeautifulSoup:
    rel = url[len(base):]
    path = site / rel / "index.html" if not rel.endswith(".html") else site / rel
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def catalog(site_dir):
    return read_catalog(site_dir)


def by_headline(catalog, headline):
    return next(a for a in catalog["articles"] if a["headline"] == headline)


def test_catalog_has_every_seed_issue_with_its_facts(catalog):
    issues = {i["source_file"]: i for i in catalog["issues"]}
    assert sorted(issues) == sorted(f"seeds/{p.name}" for p in SEEDS.glob("*.txt"))
    paper = issues["seeds/002_17d5a1e15a32e4e6.txt"]
    assert (paper["publication"], paper["date"], paper["issue_no"], paper["total_no"], paper["pages"]) == \
        ("石景山报", "2020-04-16", 30, 1907, 8)
    assert paper["date_inferred"] is False and paper["district"] == "石景山区"
    brief = issues["seeds/003_4553a8ccfe95a69f.txt"]
    assert (brief["publication"], brief["date"], brief["issue_no"], brief["total_no"]) == \
        ("首都精神文明建设情况简报", "2020-11-05", 52, 2161)
    weekly = issues["seeds/004_d06402ef3af53803.txt"]
    assert (weekly["publication"], weekly["date"], weekly["total_no"], weekly["pages"], weekly["district"]) == \
        ("新东城报", "2020-05-22", 943, 4, "东城区")
    for name in ["seeds/000_c2abc22f1572126e.txt", "seeds/001_65daccc8cfd9a715.txt"]:
        assert issues[name]["date_inferred"] is True
        assert issues[name]["publication"] == "石景山报"


def test_catalog_articles_have_the_documented_fields(catalog):
    required = {"id", "url", "issue", "headline", "kicker", "deck", "byline", "section", "district",
                "topics", "keywords", "date", "continued_from", "continued_on"}
    issue_ids = {i["id"] for i in catalog["issues"]}
    assert len(catalog["articles"]) >= 20
    for a in catalog["articles"]:
        assert required <= set(a), a["id"]
        assert a["issue"] in issue_ids
        assert a["topics"], f"{a['id']} has no topic"
    listed = [aid for i in catalog["issues"] for aid in i["articles"]]
    assert sorted(listed) == sorted(a["id"] for a in catalog["articles"])


def test_every_page_in_the_catalog_exists(site_dir, catalog):
    for item in catalog["issues"] + catalog["articles"]:
        assert (site_dir / item["url"].lstrip("/") / "index.html").is_file(), item["url"]


def test_article_page_shows_headline_deck_byline_and_issue(site_dir, catalog):
    a = by_headline(catalog, "6000余人备战防汛")
    page = soup(site_dir, a["url"])
    assert page.h1.get_text(strip=True) == "6000余人备战防汛"
    assert page.select_one(".deck").get_text(strip=True) == "汛前拟开展216场次演练；已排查风险隐患万余处"
    assert "记者 李冬梅" in page.select_one(".byline").get_text()
    meta = page.select_one(".article .meta").get_text()
    assert "新东城报" in meta and "2020年5月22日" in meta
    paragraphs = [p.get_text() for p in page.select(".article .body p")]
    assert paragraphs[0].startswith("本报讯（记者 李冬梅）随着5月19日一场防汛应急演练的举行")
    assert any(p.startswith("截至目前，全区共排查11208处风险隐患") for p in paragraphs)
    assert [h.get_text() for h in page.select(".article .body h2, .article .body h3")][:1] == ["汛前将完成演练216场次"]
    assert {x.get_text() for x in page.select(".article-facts a")} >= {"东城区", "防汛"}
    assert page.select_one("a[rel=prev]") and page.select_one("a[rel=next]")


def test_prev_and_next_walk_the_issue_in_print_order(site_dir, catalog):
    issue = next(i for i in catalog["issues"] if i["publication"] == "新东城报")
    urls = [a["url"] for a in catalog["articles"] if a["issue"] == issue["id"]]
    for before, after in zip(urls, urls[1:]):
        assert soup(site_dir, before).select_one("a[rel=next]")["href"] == after
        assert soup(site_dir, after).select_one("a[rel=prev]")["href"] == before


def test_issue_page_lists_contents_masthead_and_colophon(site_dir, catalog):
    brief = next(i for i in catalog["issues"] if i["publication"] == "首都精神文明建设情况简报")
    page = soup(site_dir, brief["url"])
    assert "首都精神文明建设情况简报" in page.h1.get_text()
    contents = [a.get_text(strip=True) for a in page.select(".article-list li > :is(h2, h3) a")]
    assert contents == ["永葆为民情怀 厚植文明沃土 石景山区深入开展文明城区创建工作"]
    colophon = page.select_one(".colophon").get_text()
    assert "责编：梅雪峰" in colophon and "邮箱：jswmzhxhc@163.com" in colophon
    assert "第52期" in page.get_text() and "总第2161期" in page.get_text()


def test_inferred_dates_are_shown_to_readers(site_dir, catalog):
    issue = next(i for i in catalog["issues"] if i["source_file"].startswith("seeds/000"))
    assert "日期据正文推断" in soup(site_dir, issue["url"]).get_text()


def test_source_view_has_every_line_of_the_input(site_dir, catalog):
    for issue in catalog["issues"]:
        page = soup(site_dir, issue["url"] + "source/")
        shown = [li.get_text() for li in page.select(".source-lines li")]
        original = (SEEDS / Path(issue["source_file"]).name).read_text(encoding="utf-8").split("\n")
        assert shown == original


def test_index_pages_name_what_they_list(site_dir, catalog):
    assert soup(site_dir, "/districts/dongcheng/").h1.get_text() == "东城区"
    assert soup(site_dir, "/districts/shijingshan/").h1.get_text() == "石景山区"
    assert soup(site_dir, "/topics/flood-control/").h1.get_text() == "防汛"
    assert soup(site_dir, "/dates/2020/").h1.get_text() == "2020年"
    assert soup(site_dir, "/dates/2020/04/").h1.get_text() == "2020年4月"
    assert soup(site_dir, "/shijingshan-bao/").h1.get_text() == "石景山报"
    flood = [a.get_text() for a in soup(site_dir, "/topics/flood-control/").select(".article-list li > :is(h2, h3) a")]
    assert "6000余人备战防汛" in flood


def test_district_page_lists_its_articles_newest_first(site_dir, catalog):
    page = soup(site_dir, "/districts/shijingshan/")
    dates = [card_date(li) for li in page.select(".article-list > li")]
    assert dates == sorted(dates, reverse=True)
    expected = sum(1 for a in catalog["articles"] if "石景山区" in a["district"])
    assert len(page.select(".article-list > li")) == expected


def test_home_page_has_ways_in_and_search(site_dir):
    page = soup(site_dir, "/")
    assert page.select_one("form[role=search] input[name=q]")
    text = page.get_text()
    for heading in ["最新各期", "按报刊", "按日期", "按区域", "按主题"]:
        assert heading in text
    assert len(page.select(".issue-list li")) >= 5


def test_json_ld_on_article_and_issue_pages(site_dir, catalog):
    a = by_headline(catalog, "6000余人备战防汛")
    data = json.loads(soup(site_dir, a["url"]).select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "6000余人备战防汛"
    assert data["datePublished"] == "2020-05-22"
    assert data["isPartOf"]["@type"] == "PublicationIssue"
    assert data["isPartOf"]["isPartOf"]["name"] == "新东城报"
    issue = json.loads(soup(site_dir, catalog["issues"][0]["url"]).select_one('script[type="application/ld+json"]').string)
    assert issue["@type"] == "PublicationIssue"


def internal_links(site: Path, base: str = "/"):
    for html in site.rglob("*.html"):
        if "pagefind" in html.parts:
            continue
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in page.select("[href], [src]"):
            link = tag.get("href") or tag.get("src")
            if link.startswith(base) and not link.startswith("//"):
                yield html, link


def resolves(site: Path, link: str, base: str = "/") -> bool:
    rel = link.split("#")[0].split("?")[0][len(base):]
    target = site / rel
    return target.is_file() or (target / "index.html").is_file()


def test_no_broken_internal_links(site_dir):
    links = list(internal_links(site_dir))
    assert len(links) > 100
    broken = [(str(h.relative_to(site_dir)), link) for h, link in links if not resolves(site_dir, link)]
    assert broken == []


@pytest.fixture
def tmp_seeds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "002_17d5a1e15a32e4e6.txt", seeds)
    return seeds


def test_text_that_looks_like_markup_is_shown_literally(tmp_path, tmp_seeds):
    (tmp_seeds / "evil.txt").write_text(
        "石景山报\n\n2020年4月17日 星期五\n\n<script>alert(1)</script>标题\n\n"
        "本报讯(记者 张三)正文<img src=x onerror=alert(2)>里有</p>标记。\n", encoding="utf-8")
    out = tmp_path / "site"
    build(Config(seeds_dir=tmp_seeds, out_dir=out, cache_dir=tmp_path / "cache"))
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "<script>alert(1)" not in pages and "<img src=x" not in pages
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, tmp_seeds):
    """Two clean builds, one with an empty cache and one with none (tests/test_incremental.py compares rebuilds)."""
    build(Config(seeds_dir=tmp_seeds, out_dir=tmp_path / "a", cache_dir=tmp_path / "cache"))
    build(Config(seeds_dir=tmp_seeds, out_dir=tmp_path / "b", cache_dir=None))
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []


def test_failed_build_leaves_the_previous_site_as_it_was(tmp_path, tmp_seeds):
    options = Config(seeds_dir=tmp_seeds, out_dir=tmp_path / "site", cache_dir=tmp_path / "cache")
    build(options)
    before = tree(options.out_dir)
    (tmp_seeds / "empty.txt").write_bytes(b"")
    with pytest.raises(SitegenError, match=r"empty.txt: the file is empty"):
        build(options)
    assert tree(options.out_dir) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "seeds", "site"]  # no half-written site beside


def test_keep_going_builds_the_rest(tmp_path, tmp_seeds):
    (tmp_seeds / "empty.txt").write_bytes(b"")
    result = build(Config(seeds_dir=tmp_seeds, out_dir=tmp_path / "site", keep_going=True,
                                   cache_dir=tmp_path / "cache"))
    assert result.loaded.skipped == [str(tmp_seeds / "empty.txt")]
    assert len(result.issues) == 1


def test_base_url_prefixes_every_link(tmp_path, tmp_seeds):
    out = tmp_path / "site"
    build(Config(seeds_dir=tmp_seeds, out_dir=out, base_url="/repo-name/", cache_dir=tmp_path / "cache"))
    links = list(internal_links(out, base="/"))
    assert links and all(link.startswith("/repo-name/") for _, link in links)
    assert all(resolves(out, link, base="/repo-name/") for _, link in links)
    assert '"url": "/repo-name/' in (out / "catalog.json").read_text(encoding="utf-8")


def run_cli(capfd, *args: str, cwd: Path) -> tuple[int, str, str]:
    """`sitegen ARGS` run from the folder cwd, in this process: (exit status, stdout, stderr). The real
    `python -m sitegen` is run by test_bad_input.py and the test below."""
    capfd.readouterr()
    with contextlib.chdir(cwd):
        code = main(list(args))
    return code, *capfd.readouterr()


def test_cli_build_and_check(tmp_path, tmp_seeds, capfd):
    code, out, err = run_cli(capfd, "build", "--seeds", "seeds", "--out", "out", cwd=tmp_path)
    assert code == 0, err
    assert re.search(r"Built 1 issues, \d+ articles", out)
    assert (tmp_path / "out" / "index.html").is_file()
    code, out, _ = run_cli(capfd, "check", "--seeds", "seeds", cwd=tmp_path)
    assert code == 0
    assert "seeds/002_17d5a1e15a32e4e6.txt: 石景山报, 2020年4月16日" in out
    assert "快递管理精细化 居民“件件有着落”" in out


def test_cli_reports_bad_input_without_a_traceback(tmp_path, tmp_seeds, capfd):
    (tmp_seeds / "empty.txt").write_bytes(b"")
    code, _, err = run_cli(capfd, "build", "--seeds", "seeds", "--out", "out", cwd=tmp_path)
    assert code == 1
    assert "seeds/empty.txt: the file is empty" in err
    assert "Traceback" not in err
    code, out, _ = run_cli(capfd, "check", "--seeds", "seeds", cwd=tmp_path)
    assert code == 1 and "seeds/empty.txt" in out


def test_cli_output_read_by_a_reader_that_left_is_no_traceback(tmp_path, tmp_seeds):
    """sitegen build | head -0: the summary line finds the pipe closed; the site is built all the same."""
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "wb") as closed_pipe:
        done = subprocess.run([sys.executable, "-m", "sitegen.cli", "build", "--seeds", "seeds", "--out", "out"],
                              cwd=tmp_path, stdout=closed_pipe, stderr=subprocess.PIPE, text=True)
    assert "Traceback" not in done.stderr and done.returncode == 1
    assert (tmp_path / "out" / "index.html").is_file()


def test_issue_files_done_in_a_pool_come_out_as_in_one_process(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import generate
    from sitegen.engine.load import load_archive
    from sitegen.engine.parallel import POOL_THRESHOLD

    generate.generate(POOL_THRESHOLD + 4, tmp_path)
    one = load_archive(tmp_path, keep_going=True, classified=True, workers=1)
    pooled = load_archive(tmp_path, keep_going=True, classified=True, workers=2)
    facts = [f for _, issue in one.placed for f in issue.facts]
    assert len(one.placed) == POOL_THRESHOLD + 4 and all(f.topics and f.keywords for f in facts)
    assert any(f.people for f in facts)
    assert pooled == one


def test_a_worker_that_dies_is_a_clear_error_not_a_traceback(tmp_path, monkeypatch):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import os

    import generate
    from sitegen.issue.step import IssueStep

    generate.generate(parallel.POOL_THRESHOLD + 2, tmp_path / "seeds")
    monkeypatch.setattr(IssueStep, "__call__", lambda self, path: os._exit(9))  # as if killed
    with pytest.raises(SitegenError, match="worker process reading issue files died"):
        load_archive(tmp_path / "seeds", workers=2)


def _killed(*args) -> None:
    """A search process killed half-way (by the kernel, out of memory)."""
    import os

    os._exit(9)


def test_a_search_process_that_dies_fails_the_build_and_leaves_the_site(tmp_path, monkeypatch):
    out = tmp_path / "site"
    build(Config(seeds_dir=SEEDS, out_dir=out, cache_dir=None))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(build_module, "index_handed_over", _killed)
    with pytest.raises(SitegenError, match="process building the search index died"):
        build(Config(seeds_dir=SEEDS, out_dir=out, cache_dir=None))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staged folder left behind


def test_catalog_file_holds_one_record_a_line(site_dir):
    """Researchers page through and grep catalog.json: each part, issue and person on a line of its own."""
    text = (site_dir / "catalog.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["parts", "issues", "people"]
    records = [json.loads(ln.rstrip(",")) for ln in text.splitlines() if ln.startswith("{\"")]
    assert records == data["parts"] + data["issues"] + data["people"]


def test_catalog_json_is_an_index_without_any_articles_metadata_or_text(site_dir, catalog):
    """catalog.json names each issue's and each person's articles by id and holds nothing else of them:
    their headlines, texts and other metadata are in the parts only, so that it stays small."""
    text = (site_dir / "catalog.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert all(isinstance(article_id, str) for record in data["issues"] + data["people"]
               for article_id in record["articles"])
    assert [aid for issue in data["issues"] for aid in issue["articles"]] == [a["id"] for a in catalog["articles"]]
    for a in catalog["articles"]:
        for value in (a["headline"], a["text"], a["url"]):
            assert value is None or f'"{value}"' not in text, (a["id"], value)
    articles_bytes = sum(len(json.dumps(a, ensure_ascii=False).encode()) for a in catalog["articles"])
    assert len(text.encode()) < articles_bytes / 4


def test_the_articles_come_in_parts_a_paper_and_year_each_as_json_lines(site_dir):
    """Each part holds one paper's year of articles with their metadata and texts, oldest first, and the
    parts together hold every article catalog.json's issues name, once."""
    data = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    issues = {i["id"]: i for i in data["issues"]}
    seen = []
    for part in data["parts"]:
        packed = (site_dir / part["url"].lstrip("/")).read_bytes()
        assert len(packed) == part["bytes"] and part["url"].endswith(".jsonl.gz")
        records = [json.loads(line) for line in gzip.decompress(packed).decode("utf-8").splitlines()]
        assert len(records) == part["articles"] > 0
        assert {(r["publication"], (r["date"] or "")[:4]) for r in records} == {(part["publication"], str(part["year"]))}
        assert [r["date"] for r in records] == sorted(r["date"] for r in records)
        for r in records:
            assert r["text"].strip() and r["headline"]
            assert r["id"] in issues[r["issue"]]["articles"] and issues[r["issue"]]["part"] == part["url"]
        seen += [r["id"] for r in records]
    assert sorted(seen) == sorted(aid for i in data["issues"] for aid in i["articles"]) and len(seen) == len(set(seen))


def test_a_researcher_takes_one_part_and_finds_an_article_of_an_issue_with_its_text(site_dir):
    """As the README says: find the issue in catalog.json, take its part (and nothing else), and read the
    issue's articles there with their metadata and texts."""
    data = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    issue = next(i for i in data["issues"] if i["id"] == "shijingshan-bao/2020-04-16")
    [part] = [p for p in data["parts"] if p["url"] == issue["part"]]
    assert (part["publication"], part["year"]) == ("石景山报", 2020)
    lines = gzip.decompress((site_dir / issue["part"].lstrip("/")).read_bytes()).decode("utf-8").splitlines()
    articles = [a for a in map(json.loads, lines) if a["issue"] == issue["id"]]
    assert [a["id"] for a in articles] == issue["articles"]
    first = articles[0]
    assert first["date"] == "2020-04-16" and first["publication"] == "石景山报"
    page = soup(site_dir, first["url"])
    assert page.h1.get_text(strip=True) == first["headline"]
    assert first["text"].splitlines()[-1].strip()[:20] in page.find("article").get_text()
    assert {"kicker", "deck", "byline", "section", "kind", "district", "topics", "keywords", "people",
            "continued_from", "continued_on", "lines"} <= set(first)


class CountingProgress(NoProgress):
    def __init__(self) -> None:
        super().__init__()
        self.totals: dict[str, int | None] = {}
        self.counts: dict[str, int] = {}

    def phase(self, name: str, total: int | None = None, unit: str = "") -> None:
        self.name, self.totals[name], self.counts[name] = name, total, 0

    def advance(self, n: int = 1) -> None:
        self.counts[self.name] += n


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- rendering shared with a second process -------------------------------------------------------------
# A build renders in two processes once the search index is built and enough pages are left: far more than
# the seeds have, so these tests lower that threshold (the module constant PARALLEL_RENDER_MIN, there being
# no option for it). Whether a second process took part is seen the way the system sees it: a process
# forked from this one notes its id in a folder (os.register_at_fork), while a test listens.

_LISTENING: list[Path] = []
"""The folder a process forked from this one notes its id in, while a test listens; empty otherwise."""
_DIE_AT_FORK: list[int] = []
"""An exit status a process forked from this one ends with at once (as if the system killed it), while set."""


def _at_fork() -> None:
    if _LISTENING:
        (_LISTENING[0] / str(os.getpid())).touch()
    if _DIE_AT_FORK:
        os._exit(_DIE_AT_FORK[0])


os.register_at_fork(after_in_child=_at_fork)


@pytest.fixture
def forked(tmp_path) -> Callable[[], int]:
    """How many processes were forked from this one since the test began."""
    folder = tmp_path / "forked"
    folder.mkdir()
    _LISTENING.append(folder)
    yield lambda: len(list(folder.iterdir()))
    _LISTENING.clear()
    _DIE_AT_FORK.clear()


@pytest.fixture(scope="module")
def seed_archive():
    """The bundled seeds' archive, as a build has it when it starts rendering."""
    return build_archive(finish_issues(load_archive(SEEDS, classified=True).placed), load_lexicon())


def render_seeds(archive, tmp_path: Path, name: str, other_core_free: Callable[[], bool],
                 templates: Path = ROOT / "templates"):
    """The seeds' pages rendered and published into tmp_path/name: (the render manifest, the progress)."""
    options = Config(seeds_dir=SEEDS, out_dir=tmp_path / name, cache_dir=tmp_path / f"cache-{name}",
                           templates_dir=templates)
    staged, progress = StagedSite(options.out_dir), CountingProgress()
    try:
        manifest = write_site(archive, load_lexicon(), options, staged, progress, other_core_free).manifest
    except BaseException:
        staged.discard()
        raise
    staged.publish()
    return manifest, progress


@pytest.fixture
def share_from_few_pages(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_RENDER_MIN", 1)


@pytest.mark.parametrize("free_from_look", [1, 3], ids=["shared from the start", "shared from the third look on"])
def test_pages_rendered_by_two_processes_are_those_one_process_renders(seed_archive, tmp_path, monkeypatch, forked,
                                                                       share_from_few_pages, free_from_look):
    monkeypatch.setattr(parallel, "RENDER_STRETCH", 10)  # how often the build looks: a few times over the seeds
    one, _ = render_seeds(seed_archive, tmp_path, "one", other_core_free=lambda: False)
    assert forked() == 0
    looks = itertools.count(1)
    two, progress = render_seeds(seed_archive, tmp_path, "two", other_core_free=lambda: next(looks) >= free_from_look)
    assert next(looks) > free_from_look  # the build looked until the other core was free
    assert forked() == 1
    files = tree_bytes(tmp_path / "one")
    assert len(files) > 50
    assert tree_bytes(tmp_path / "two") == files
    # Every page's record came back from the process that rendered it, and every page was counted.
    assert {rel: entry[:2] for rel, entry in two.current.items()} == {rel: entry[:2] for rel, entry in one.current.items()}
    assert progress.counts["render"] == progress.totals["render"] == len(one.current)


def test_a_template_error_while_two_processes_render_is_a_clear_error_and_keeps_the_site(
        seed_archive, tmp_path, forked, share_from_few_pages):
    render_seeds(seed_archive, tmp_path, "site", other_core_free=lambda: False)
    before = tree_bytes(tmp_path / "site")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    # The search page is the second page planned: with the rendering shared from the start, the other
    # process renders it.
    search = templates / "search.html"
    search.write_text(search.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}{{ no_such_thing }}", 1),
                      encoding="utf-8")
    with pytest.raises(SitegenError, match=r"search\.html(:\d+)?: 'no_such_thing' is undefined \(rendering /search/\)"):
        render_seeds(seed_archive, tmp_path, "site", other_core_free=lambda: True, templates=templates)
    assert forked() == 1
    assert tree_bytes(tmp_path / "site") == before


def test_a_rendering_process_that_dies_is_a_clear_error_and_keeps_the_site(seed_archive, tmp_path, forked,
                                                                          share_from_few_pages):
    render_seeds(seed_archive, tmp_path, "site", other_core_free=lambda: False)
    before = tree_bytes(tmp_path / "site")
    # Changed since, so that a home page published by mistake would show.
    (tmp_path / "site" / "index.html").write_bytes(b"changed since")
    before["index.html"] = b"changed since"
    _DIE_AT_FORK.append(137)  # killed by the system, as when the machine runs out of memory
    with pytest.raises(SitegenError, match=r"^the process rendering half of the pages died \(exit 137\); the machine "
                                           r"may be out of memory: close other programs and build again$"):
        render_seeds(seed_archive, tmp_path, "site", other_core_free=lambda: True)
    assert forked() == 1
    assert tree_bytes(tmp_path / "site") == before


def test_the_catalog_keeps_every_furniture_line_apart_from_the_articles(tmp_path):
    """Running heads, 导读 blocks and the like are in the catalog as the issue's furniture, with their lines,
    and in no article's text (the labelled layouts: tests/fixtures/layouts)."""
    layouts = ROOT / "tests" / "fixtures" / "layouts"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for truth in sorted(layouts.glob("*.truth.toml")):
        shutil.copy(truth.with_name(truth.name.replace(".truth.toml", ".txt")), seeds)
    build(Config(seeds_dir=seeds, out_dir=tmp_path / "site", cache_dir=None))
    data = read_catalog(tmp_path / "site")
    texts = "\n".join(a["text"] for a in data["articles"])
    by_file = {Path(i["source_file"]).name: i for i in data["issues"]}
    furniture_seen = 0
    for truth in sorted(layouts.glob("*.truth.toml")):
        issue = by_file[truth.name.replace(".truth.toml", ".txt")]
        kept = {t.strip() for t in issue["masthead"] + issue["colophon"]}
        kept |= {f["text"].strip() for f in issue["furniture"]}
        expected = {line.strip() for line in tomllib.loads(truth.read_text(encoding="utf-8")).get("furniture", [])}
        assert expected <= kept, (truth.name, expected - kept)
        furniture_seen += len(issue["furniture"])
        for f in issue["furniture"]:
            assert f["text"].strip() not in texts, (truth.name, f)
            assert isinstance(f["line"], int) and f["line"] > 0
    assert furniture_seen > 20


def test_the_search_page_names_the_files_of_this_builds_index_that_a_first_search_needs(site_dir):
    """The search page is rendered once the index is built, and names in its head (to be fetched at once)
    the entry and metadata of each shard searched first, as this build wrote them: the entry under the
    tag of its own bytes, so that a browser never takes an older build's for it. Every file it names
    is in the site."""
    import hashlib
    soup = BeautifulSoup((site_dir / "search" / "index.html").read_text(encoding="utf-8"), "html.parser")
    named = [link["href"] for link in soup.head.find_all("link", rel=["preload", "modulepreload"])]
    for href in named:
        assert (site_dir / href.split("?")[0].lstrip("/")).is_file(), href
    bundle = site_dir / "pagefind"
    shards = json.loads((bundle / "sitegen-shards.json").read_text(encoding="utf-8"))
    first = shards[: next((i for i, s in enumerate(shards) if i and not s["first"]), len(shards))]
    for s in first:
        entry = bundle / s["dir"] / "pagefind-entry.json"
        assert f"/pagefind/{s['dir']}pagefind-entry.json?ts={hashlib.sha256(entry.read_bytes()).hexdigest()[:16]}" in named
        assert f"/pagefind/{s['dir']}{s['meta']}" in named
    for name in ("pagefind.js", "pagefind-worker.js", "sitegen-shards.json"):
        assert f"/pagefind/{name}" in named
    for s in shards[len(first):]:  # the older shards load after the first results: not named
        assert f"/pagefind/{s['dir']}{s['meta']}" not in named
