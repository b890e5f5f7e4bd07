"""What search engines read: a true meta description on every page, and only absolute canonical links."""
from __future__ import annotations

import contextlib
import shutil

from bs4 import BeautifulSoup
from conftest import SEEDS

from sitegen.cli import NO_SITE_URL, main
from sitegen.site import describe
from support import read_catalog


def pages(site):
    for path in sorted(site.rglob("index.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def description(site, page: str) -> str:
    html = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return html.find("meta", attrs={"name": "description"})["content"]


def test_every_page_has_one_short_meta_description_of_its_own(site_dir):
    seen = {}
    for path, html in pages(site_dir):
        found = html.find_all("meta", attrs={"name": "description"})
        assert len(found) == 1, path
        text = found[0]["content"]
        assert 10 <= len(text) <= 120, (path, text)
        seen.setdefault(text, []).append(path.relative_to(site_dir).as_posix())
    assert {t: ps for t, ps in seen.items() if len(ps) > 1} == {}


def test_descriptions_say_what_the_page_holds(site_dir):
    catalog = read_catalog(site_dir)
    issues, articles = len(catalog["issues"]), len(catalog["articles"])
    home = description(site_dir, ".")
    assert f"3种报刊{issues}期、{articles}篇文章" in home and "2020年4月16日至2020年11月5日" in home
    assert f"在北京区报档案的{articles}篇文章中搜索" in description(site_dir, "search")
    shijingshan = [a for a in catalog["articles"] if "石景山区" in a["district"]]
    assert description(site_dir, "districts/shijingshan").startswith(f"石景山区的{len(shijingshan)}篇文章，新的在前")
    assert description(site_dir, "topics/flood-control").startswith("主题“防汛”的")
    changwei = next(p for p in catalog["people"] if p["name"] == "常卫")
    assert description(site_dir, "people/changwei").startswith(f"常卫（{'、'.join(changwei['roles'][:3])}）"
                                                              f"见于{len(changwei['articles'])}篇文章")
    shijingshan_issues = [i for i in catalog["issues"] if i["publication"] == "石景山报"]
    assert description(site_dir, "shijingshan-bao").startswith(f"石景山报（石景山区）的文字存档：{len(shijingshan_issues)}期")
    issue = next(i for i in catalog["issues"] if i["id"] == "shijingshan-bao/2020-04-16")
    assert f"共{len(issue['articles'])}篇文章：持续抓好疫情常态化防控" in description(site_dir, "shijingshan-bao/2020-04-16")
    assert description(site_dir, "dates/2020/04").startswith("2020年4月的")
    assert description(site_dir, "about").startswith("本站是北京各区报刊")


def test_without_a_site_url_no_page_has_a_canonical_link_and_robots_names_no_sitemap(site_dir):
    for path, html in pages(site_dir):
        assert html.find("link", rel="canonical") is None, path
        assert html.find("meta", property="og:url") is None, path
    assert "Sitemap" not in (site_dir / "robots.txt").read_text(encoding="utf-8")


def test_the_build_says_when_it_leaves_them_out_and_a_site_url_puts_them_in(tmp_path, capfd):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / "002_17d5a1e15a32e4e6.txt", tmp_path / "seeds")
    with contextlib.chdir(tmp_path):
        assert main(["build", "-q", "--out", "bare"]) == 0
        assert f"warning: {NO_SITE_URL}\n" in capfd.readouterr().err
        assert main(["build", "-q", "--out", "site", "--site-url", "https://example.github.io/archive"]) == 0
        assert "no site URL" not in capfd.readouterr().err
    article = BeautifulSoup((tmp_path / "site/shijingshan-bao/2020-04-16/3/index.html").read_text(encoding="utf-8"),
                            "html.parser")
    assert article.find("link", rel="canonical")["href"] == "https://example.github.io/archive/shijingshan-bao/2020-04-16/3/"
    assert article.find("meta", property="og:url")["content"] == article.find("link", rel="canonical")["href"]
    assert (tmp_path / "site/robots.txt").read_text(encoding="utf-8").endswith(
        "Sitemap: https://example.github.io/archive/sitemap.xml\n")


def test_an_article_is_described_by_its_opening_sentences_without_the_dateline():
    assert describe.article("本报讯（记者 王小明 通讯员 李青）4月16日，区里开了会。") == "4月16日，区里开了会。"
    assert describe.article("(记者 王小明)区里开了会。") == "区里开了会。"
    long_sentences = "4月16日，石景山区召开防汛工作会议，部署今年汛期各项准备工作。" * 3
    assert describe.article(long_sentences) == "4月16日，石景山区召开防汛工作会议，部署今年汛期各项准备工作。" * 2
    one_long_sentence = "4月16日，石景山区召开防汛工作会议，" + "部署汛期准备、物资储备、人员培训、隐患排查，" * 5 + "完成演练。"
    summary = describe.article(one_long_sentence)
    opening = summary.removesuffix("…")
    assert summary.endswith("…") and describe.ARTICLE_LONGEST - 10 < len(summary) <= describe.ARTICLE_LONGEST
    assert one_long_sentence.startswith(opening) and one_long_sentence[len(opening)] in "，、"
    for length in (describe.ARTICLE_LONGEST, describe.ARTICLE_LONGEST + 1):  # a sentence ending just inside, just past
        sentence = "会" * (length - 1) + "。"
        assert len(describe.article(sentence + "会议要求各街道落实责任。")) <= describe.ARTICLE_LONGEST
    no_marks = "石景山区召开防汛工作会议" * 10
    assert describe.article(no_marks) == no_marks[:describe.ARTICLE_LONGEST - 1] + "…"


def test_every_article_page_is_described_by_a_short_summary_of_its_first_paragraph(site_dir):
    for path in sorted(site_dir.glob("*/[12][0-9][0-9][0-9]-*/[0-9]*/index.html")):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        text = html.find("meta", attrs={"name": "description"})["content"]
        assert html.find("meta", property="og:description")["content"] == text, path
        assert 0 < len(text) <= describe.ARTICLE_LONGEST and not text.startswith("本报讯"), (path, text)
        first = html.select_one(".article .body p:not([class])")
        opening = " ".join(first.get_text().split()) if first else html.h1.get_text()
        if text.endswith("…"):  # cut at a clause's end, or where there is none
            assert text[:-1] in opening and (opening[opening.index(text[:-1]) + len(text) - 1] in "，、；：,;:"
                                            or len(text) == describe.ARTICLE_LONGEST), (path, text)
        else:  # the whole paragraph, or its opening sentences
            assert opening.endswith(text) or text[-1] in "。！？!?”’」』）)" and text in opening, (path, text)
