"""Permalinks never change when issues are added: every URL of a built archive still shows the same
article after a keeper drops more issues into seeds/, whatever the new files are called."""
from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from sitegen.config import Config
from sitegen.engine.build import build
from support import read_catalog

ROOT = Path(__file__).resolve().parent.parent
SHIJINGSHAN = "002_17d5a1e15a32e4e6.txt"  # 石景山报 2020年4月16日 第30期(总第1907期)


def build_catalog(seeds: Path, out: Path) -> dict:
    with contextlib.chdir(seeds.parent):
        build(Config(seeds_dir=Path(seeds.name), out_dir=out, cache_dir=None))
    return read_catalog(out)


def shown_headline(site: Path, url: str) -> str:
    page = site / url.strip("/") / "index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1.get_text(" ", strip=True)


def test_adding_issues_never_changes_an_existing_permalink(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    before = build_catalog(seeds, tmp_path / "site1")
    text = (seeds / SHIJINGSHAN).read_text(encoding="utf-8")
    # A later issue, a second edition of the same day with a higher number in a file whose name
    # sorts first, and a masthead-less file.
    (seeds / "aaa_next_week.txt").write_text(
        text.replace("2020年4月16日", "2020年4月23日").replace("第30期(总第1907期)", "第31期(总第1908期)"),
        encoding="utf-8")
    (seeds / "000_aaa_extra_edition.txt").write_text(
        text.replace("第30期(总第1907期)", "第31期(总第1950期)"), encoding="utf-8")
    (seeds / "zzz_bulletin.txt").write_text("\n\n文明实践站开放\n\n本报讯 5月3日,新的文明实践站开放。\n",
                                            encoding="utf-8")
    after = build_catalog(seeds, tmp_path / "site2")

    assert len(after["issues"]) == len(before["issues"]) + 3
    now = {a["id"]: a for a in after["articles"]}
    for a in before["articles"]:
        assert a["id"] in now, f"{a['id']} ({a['headline']}) lost its permalink"
        assert (now[a["id"]]["url"], now[a["id"]]["headline"]) == (a["url"], a["headline"])
        assert shown_headline(tmp_path / "site2", a["url"]) == shown_headline(tmp_path / "site1", a["url"])
    old_issue_urls = {i["url"] for i in before["issues"]}
    assert old_issue_urls <= {i["url"] for i in after["issues"]}
    extra = next(i for i in after["issues"] if i["source_file"].endswith("000_aaa_extra_edition.txt"))
    assert extra["id"].endswith("2020-04-16-1950")
