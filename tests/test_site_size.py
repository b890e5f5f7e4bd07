"""benchmarks/site_size.py: a site's bytes by kind of page, and an article page's bytes by part."""
from __future__ import annotations

from support import benchmark_module

site_size = benchmark_module("site_size")


def test_every_byte_of_the_site_is_counted_once_by_kind(site_dir):
    figures = site_size.measure(site_dir)
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    assert figures["bytes"] == sum(p.stat().st_size for p in files)
    assert sum(k["bytes"] for k in figures["kinds"].values()) == figures["bytes"]
    assert sum(k["files"] for k in figures["kinds"].values()) == len(files)
    assert figures["articles"] == len(list(site_dir.glob("*/[12][0-9][0-9][0-9]-*/[0-9]*/index.html")))


def test_kinds_follow_the_paths_the_site_makes():
    kind = site_size.kind_of
    assert kind("shijingshan-bao/2020-04-16/3/index.html") == "article pages"
    assert kind("shijingshan-bao/2020-04-16-2/3/index.html") == "article pages"  # a day's second issue
    assert kind("unknown/undated-0a1b2c3d/1/index.html") == "article pages"
    assert kind("shijingshan-bao/2020-04-16/source/index.html") == "source pages"
    assert kind("shijingshan-bao/2020-04-16/index.html") == "issue pages"
    assert kind("shijingshan-bao/page/2/index.html") == "paper listings"
    assert kind("districts/shijingshan/feed.xml") == "feeds"
    assert kind("topics/flood-control/index.html") == "topic listings"
    assert kind("catalog/shijingshan-bao/2020.jsonl.gz") == kind("catalog.json") == "catalog"
    assert kind("static/style.css") == kind("index.html") == "other"


def test_an_article_page_is_cut_into_parts_that_add_up_to_it(site_dir):
    page = site_dir / "shijingshan-bao/2020-04-16/3/index.html"
    text = page.read_text(encoding="utf-8")
    parts = site_size.article_parts(text)
    assert sum(parts.values()) == page.stat().st_size
    body = text[text.index('<div class="body">'):]
    assert parts["body"] == len(body[:body.index("</div>") + len("</div>")].encode("utf-8"))
    assert all(parts[p] > 0 for p in ("head", "header", "breadcrumbs", "title", "body", "facts", "cite", "footer"))
