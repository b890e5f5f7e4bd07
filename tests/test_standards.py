"""Web standards: valid HTML (Nu HTML Checker), valid feeds and sitemap, no broken links under a base path."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, serve_dir
from sitegen.config import Config
from sitegen.engine.build import build
from support import read_catalog

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ATOM = "{http://www.w3.org/2005/Atom}"


def page_kinds(site: Path) -> dict[str, Path]:
    """One page of every kind the site has."""
    catalog = read_catalog(site)
    issue, article = catalog["issues"][0]["url"].strip("/"), catalog["articles"][0]["url"].strip("/")
    rels = {"home": "", "issue": issue, "source": issue + "/source", "article": article,
            "papers": "papers", "paper": issue.split("/")[0], "dates": "dates", "year": "dates/2020",
            "month": "dates/2020/04", "districts": "districts", "district": "districts/shijingshan",
            "topics": "topics", "topic": "topics/flood-control", "people": "people", "person": "people/changwei",
            "article with people": "shijingshan-bao/2020-04-16/3",
            "search": "search", "about": "about",
            "cite": "cite"}
    kinds = {k: site / r / "index.html" for k, r in rels.items()}
    kinds["404"] = site / "404.html"
    return kinds


def vnu_errors(files, site: Path) -> list[str]:
    """The Nu HTML Checker's errors in these files, as site-relative path:line: message."""
    if not shutil.which("java") or not VNU.exists():
        pytest.fail("the Nu HTML Checker needs java and node_modules/vnu-jar: run bin/test")
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '?').removeprefix('file:' + str(site.resolve()))}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m["type"] == "error"]


def test_every_page_kind_is_valid_html(site_dir):
    files = page_kinds(site_dir)
    assert all(f.is_file() for f in files.values()), [k for k, f in files.items() if not f.is_file()]
    assert vnu_errors(files.values(), site_dir) == []


def test_feeds_are_valid_atom_with_the_newest_articles(site_dir):
    catalog = read_catalog(site_dir)
    feed = ET.parse(site_dir / "feed.xml").getroot()
    assert feed.tag == ATOM + "feed"
    entries = feed.findall(ATOM + "entry")
    dated = [a for a in catalog["articles"] if a["date"]]
    assert len(entries) == min(50, len(dated))
    dates = [e.find(ATOM + "published").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert entries[0].find(ATOM + "title").text in {a["headline"] for a in dated if a["date"] == max(x["date"] for x in dated)}
    district = ET.parse(site_dir / "districts" / "dongcheng" / "feed.xml").getroot()
    titles = {e.find(ATOM + "title").text for e in district.findall(ATOM + "entry")}
    assert "6000余人备战防汛" in titles
    assert titles <= {a["headline"] for a in catalog["articles"] if "东城区" in a["district"]}


def test_pages_link_their_feeds(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and 'href="/feed.xml"' in home
    district = (site_dir / "districts" / "dongcheng" / "index.html").read_text(encoding="utf-8")
    assert 'href="/districts/dongcheng/feed.xml"' in district


def test_sitemap_lists_every_page(site_dir):
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {"/" + p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.rglob("index.html")}
    pages = {p.replace("/./", "/") for p in pages}
    assert pages == locs
    # built without a site URL: robots.txt names no sitemap, whose line would want an absolute address
    assert "Sitemap:" not in (site_dir / "robots.txt").read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def crawl(start: str) -> tuple[set[str], list[tuple[str, str, int]]]:
    """Follow every same-site link from the home page; return the pages seen and the broken links."""
    origin = re.match(r"https?://[^/]+", start).group(0)
    seen, broken, queue = set(), [], [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as resp:
                body = resp.read()
                kind = resp.headers.get_content_type()
        except urllib.error.HTTPError as e:
            broken.append(("?", url, e.code))
            continue
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            if link.startswith(("http:", "https:", "mailto:", "#", "//")):
                continue
            target = urllib.parse.urljoin(url, link).split("#")[0].split("?")[0]
            if not target.startswith(origin):
                continue
            if target not in seen:
                try:
                    urllib.request.urlopen(urllib.request.Request(target, method="HEAD")).close()
                except urllib.error.HTTPError as e:
                    broken.append((url, target, e.code))
                    seen.add(target)
                    continue
                queue.append(target)
    return seen, broken


def unreachable_and_broken(out: Path) -> tuple[set[str], list[tuple[str, str, int]]]:
    """Serve a site built for /sub/ and follow every link from its home page: the pages no link leads to,
    and the broken links."""
    server, url = serve_dir(out, "/sub/")
    try:
        seen, broken = crawl(url)
    finally:
        server.shutdown()
    pages = {(url + p.parent.relative_to(out).as_posix() + "/").replace("/./", "/") for p in out.rglob("index.html")}
    return pages - seen, broken


def test_every_page_is_reachable_from_home_and_no_link_is_broken_under_a_subpath(tmp_path):
    out = tmp_path / "site"
    build(Config(seeds_dir=SEEDS, out_dir=out, base_url="/sub/", cache_dir=tmp_path / "cache"))
    unreachable, broken = unreachable_and_broken(out)
    assert broken == []
    assert unreachable == set(), "pages not reachable by links from the home page"


def test_paged_lists_are_valid_reachable_and_unbroken(tmp_path, monkeypatch):
    from sitegen.site import pages

    monkeypatch.setattr(pages, "LIST_PAGE_SIZE", 2)
    out = tmp_path / "site"
    build(Config(seeds_dir=SEEDS, out_dir=out, base_url="/sub/", cache_dir=None))
    numbered = sorted(out.glob("*/*/page/*/index.html"))
    assert {p.relative_to(out).parts[0] for p in numbered} == {"districts", "topics", "people"}
    # Every page is reachable although a long list links only to the pages near the current one.
    windowed = [p for p in numbered if 'class="gap"' in p.read_text(encoding="utf-8")]
    assert windowed, "some list should have more pages than it links to at once"
    assert unreachable_and_broken(out) == (set(), [])
    assert vnu_errors(numbered[:5] + windowed[:1], out) == []
