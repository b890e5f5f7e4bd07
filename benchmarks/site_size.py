"""How many KB a built site takes an article, by kind of page, and what an article page's bytes are made of.

    .venv/bin/python benchmarks/site_size.py site/
    .venv/bin/python benchmarks/site_size.py /dev/shm/sz/site --json     # the same figures as JSON

How it counts. A file's size is its length in bytes (as GitHub Pages counts a site against its 1 GB;
not the disk blocks it takes, nor gzipped). "KB an article" is bytes / 1024 / the number of article
pages, for the whole site and for each kind of file, so that the kinds add up to the total. A file's
kind comes from its path, as sitegen.site.urls makes them: an article is PAPER/DATE/N/, its issue's
source PAPER/DATE/source/, the issue PAPER/DATE/ (DATE is 2020-04-16, with a suffix for a second
edition of a day, or undated-HASH); a paper's listing is PAPER/ and its numbered pages, and papers/;
dates/, districts/, topics/ and people/ hold the date, district, topic and person listings (a
district's feed.xml counts as a feed); catalog.json and catalog/ are the catalog; pagefind/ the search
index; feed.xml and sitemap.xml files are feeds; everything else (static/, the home page, search/,
about/, cite/, 404.html, robots.txt) is "other".

An article page is cut into parts by its elements (Python's html.parser, the spans of the elements
below from start tag to end tag; a part inside another counts for the inner one): head (<head>),
header (the site header, header.site-header), breadcrumbs (nav.breadcrumbs), title (the article's
own <header>: headline, paper and date, byline), body (div.body, the text), facts (footer.article-facts
less the sections in it: districts, topics, keywords, the link to the source), people
(section.people), related (section.related), cite (section.cite), prev/next (nav.prev-next and
nav.pager), footer (footer.site-footer), scripts (<script> in <body>); "other" is the rest (doctype,
<html>, <body>, <main>, line breaks). Each part is reported as its average bytes per article page.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ISSUE = r"[^/]+/(?:\d{4}-\d{2}-\d{2}|undated-[0-9a-f]+)(?:-[^/]+)?/"
ARTICLE_PAGE = re.compile(ISSUE + r"\d+/index\.html")
SOURCE_PAGE = re.compile(ISSUE + r"source/index\.html")
ISSUE_PAGE = re.compile(ISSUE + r"index\.html")
FOLDER_KINDS = {"pagefind": "pagefind", "catalog": "catalog", "dates": "date listings",
                "districts": "district listings", "topics": "topic listings", "people": "person listings",
                "papers": "paper listings"}
OTHER_FOLDERS = {"static", "search", "about", "cite", "__sitegen__"}
KINDS = ["article pages", "source pages", "issue pages", "paper listings", "date listings", "district listings",
         "topic listings", "person listings", "catalog", "pagefind", "feeds", "other"]


def kind_of(path: str) -> str:
    """The kind of a site file by its site-relative path ("shijingshan-bao/2020-04-16/3/index.html")."""
    name = path.rsplit("/", 1)[-1]
    if name in ("feed.xml", "sitemap.xml"):
        return "feeds"
    if path == "catalog.json":
        return "catalog"
    top = path.split("/", 1)[0]
    if "/" not in path or top in OTHER_FOLDERS:
        return "other"
    if top in FOLDER_KINDS:
        return FOLDER_KINDS[top]
    for pattern, kind in ((ARTICLE_PAGE, "article pages"), (SOURCE_PAGE, "source pages"), (ISSUE_PAGE, "issue pages")):
        if pattern.fullmatch(path):
            return kind
    return "paper listings"  # PAPER/index.html, PAPER/page/N/index.html


PARTS = ["head", "header", "breadcrumbs", "title", "body", "facts", "people", "related", "cite", "prev/next",
         "footer", "scripts", "other"]
CONTAINERS = {"head", "header", "nav", "div", "footer", "section", "script", "article"}
"""The elements a part can be: each always has its end tag, so only they need to be followed."""


def part_of(tag: str, classes: set[str], parents: list[str]) -> str | None:
    if tag == "head":
        return "head"
    if tag == "header":
        return "header" if "site-header" in classes else "title" if parents[-1:] == ["article"] else None
    if tag == "nav":
        return ("breadcrumbs" if "breadcrumbs" in classes
                else "prev/next" if classes & {"prev-next", "pager"} else None)
    if tag == "div" and "body" in classes:
        return "body"
    if tag == "footer":
        return "facts" if "article-facts" in classes else "footer" if "site-footer" in classes else None
    if tag == "section":
        return next((c for c in ("people", "related", "cite") if c in classes), None)
    if tag == "script" and "head" not in parents:
        return "scripts"
    return None


class Spans(HTMLParser):
    """The character spans (start, end, part) of an article page's parts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.text = text
        self.open: list[tuple[str, int, str | None]] = []
        self.spans: list[tuple[int, int, str]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CONTAINERS:
            classes = set(next((v or "" for k, v in attrs if k == "class"), "").split())
            self.open.append((tag, self.position(), part_of(tag, classes, [t for t, _, _ in self.open])))

    def handle_endtag(self, tag: str) -> None:
        if tag not in CONTAINERS or not self.open:
            return
        while self.open:
            open_tag, start, part = self.open.pop()
            if open_tag == tag:
                break
        if part:
            end = self.text.index(">", self.position()) + 1
            self.spans.append((start, end, part))


def article_parts(text: str) -> Counter[str]:
    """The bytes of each part of one article page (they add up to the page's length in UTF-8)."""
    parser = Spans(text)
    parser.feed(text)
    parser.close()
    label = bytearray([PARTS.index("other")]) * len(text)
    for start, end, part in sorted(parser.spans, key=lambda s: s[0] - s[1]):  # outer first, inner painted over
        label[start:end] = bytes([PARTS.index(part)]) * (end - start)
    out: Counter[str] = Counter()
    for run in re.finditer(rb"(.)\1*", bytes(label), re.DOTALL):
        out[PARTS[run.group()[0]]] += len(text[run.start():run.end()].encode("utf-8"))
    return out


def measure(site: Path) -> dict:
    by_kind: Counter[str] = Counter()
    files: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    for folder, _, names in os.walk(site):
        for name in names:
            file = Path(folder, name)
            path = file.relative_to(site).as_posix()
            kind = kind_of(path)
            by_kind[kind] += file.stat().st_size
            files[kind] += 1
            if kind == "article pages":
                parts += article_parts(file.read_text(encoding="utf-8"))
    articles = files["article pages"]
    if not articles:
        raise SystemExit(f"{site}: no article pages (PAPER/DATE/N/index.html); is it a site sitegen built?")
    total = sum(by_kind.values())
    return {
        "site": str(site), "articles": articles, "bytes": total, "kb_an_article": total / 1024 / articles,
        "kinds": {k: {"files": files[k], "bytes": by_kind[k], "kb_an_article": by_kind[k] / 1024 / articles}
                  for k in KINDS},
        "article_page_bytes": {p: parts[p] / articles for p in PARTS},
    }


def report(figures: dict) -> str:
    articles = figures["articles"]
    lines = [f"{figures['site']}: {figures['bytes'] / 1024 / 1024:.1f} MB, {articles} articles, "
             f"{figures['kb_an_article']:.2f} KB an article", "",
             "| kind | files | MB | KB an article |", "|---|---:|---:|---:|"]
    for kind, k in figures["kinds"].items():
        lines.append(f"| {kind} | {k['files']} | {k['bytes'] / 1024 / 1024:.2f} | {k['kb_an_article']:.2f} |")
    page = figures["article_page_bytes"]
    lines += ["", f"An article page: {sum(page.values()) / 1024:.2f} KB on average", "",
              "| part | bytes |", "|---|---:|"]
    lines += [f"| {part} | {size:.0f} |" for part, size in page.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path, help="a built site (the output folder of sitegen build)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        parser.error(f"{args.site} is not a folder")
    figures = measure(args.site)
    print(json.dumps(figures, indent=1, ensure_ascii=False) if args.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
