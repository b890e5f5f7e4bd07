"""The one place that knows URLs and output paths.

Every page lives in a folder with an index.html, so its URL ends in "/". Paths here are
site-relative ("shijingshan-bao/2020-04-16/3/"); `url()` puts the base URL in front. Permalinks
depend only on an issue's own facts (paper, date, number) and an article's place in its issue, so
adding other issues never changes them.
"""
from __future__ import annotations

from dataclasses import replace
from functools import cache

from pypinyin import lazy_pinyin

from .model import Article, Issue, Problem
from .places import load_places

HOME = ""
SEARCH = "search/"
DISTRICTS = "districts/"
TOPICS = "topics/"
DATES = "dates/"
PAPERS = "papers/"
PEOPLE = "people/"
CATALOG = "catalog.json"
UNKNOWN_PAPER = "未知报刊"


@cache
def slugify(name: str) -> str:
    """Turn a Chinese name into a stable ASCII URL segment: 石景山报 -> shijingshanbao."""
    parts = lazy_pinyin(name, errors=lambda s: [c for c in s.lower() if c.isascii() and c.isalnum()])
    slug = "".join(p for p in parts if p.isascii() and p.isalnum())
    return slug or "x"


def publication_slug(name: str | None) -> str:
    """The URL segment of a paper: its slug in places.toml, else its pinyin."""
    if not name:
        return "unknown"
    known = load_places().publication(name)
    return known.slug if known else slugify(name)


def district_slug(name: str) -> str:
    known = load_places().district(name)
    return known.slug if known else slugify(name)


def issue_path(issue: Issue) -> str:
    return issue.id + "/"


def source_path(issue: Issue) -> str:
    return issue_path(issue) + "source/"


def article_path(article: Article) -> str:
    return article.id + "/"


def paper_path(name: str | None) -> str:
    return publication_slug(name) + "/"


def district_path(name: str) -> str:
    return DISTRICTS + district_slug(name) + "/"


def topic_path(slug: str) -> str:
    return TOPICS + slug + "/"


def numbered_page(path: str, number: int) -> str:
    """Page `number` of a long list at path: the first is the list's own address, then path/page/2/ …"""
    return path if number == 1 else f"{path}page/{number}/"


def person_path(slug: str) -> str:
    """A person's page: their slug comes from sitegen.people (pinyin, numbered where names read the same)."""
    return PEOPLE + slug + "/"


def year_path(year: int) -> str:
    return f"{DATES}{year:04d}/"


def month_path(year: int, month: int) -> str:
    return f"{DATES}{year:04d}/{month:02d}/"


def output_file(path: str) -> str:
    """The file a page path is written to, relative to the output folder."""
    return path if "." in path.rsplit("/", 1)[-1] else path + "index.html"


def url(base_url: str, path: str) -> str:
    """The URL of a site-relative path under the base URL ("/" or "/repo/")."""
    return base_url + path


def normalize_base_url(base_url: str) -> str:
    """Make a base URL start and end with "/": "repo" -> "/repo/"."""
    stripped = base_url.strip("/")
    return "/" + stripped + "/" if stripped else "/"


def assign_ids(issues: list[Issue]) -> tuple[list[Issue], list[Problem]]:
    """Give issues and articles their permanent ids ("paper/2020-04-16", "paper/2020-04-16/3").

    Of two issues of one paper on one day, the one with the smaller number (总第N期, else 第N期) keeps
    the plain id and the other gets its number appended, whatever their files are called, so that
    adding a second edition never renames the first; file order breaks the remaining ties. The same paper, date and number twice is one issue
    printed twice: the second is dropped with a warning naming both files.
    """
    taken: dict[str, Issue] = {}
    out: list[Issue] = []
    problems: list[Problem] = []
    def order(issue: Issue) -> tuple[int, int, str]:
        number = issue.total_no or issue.issue_no
        return (0, number, issue.source.path) if number else (1, 0, issue.source.path)

    for issue in sorted(issues, key=order):
        day = issue.date.isoformat() if issue.date else "undated-" + issue.source.sha256[:8]
        base = f"{publication_slug(issue.publication)}/{day}"
        key = base
        if key in taken:
            first = taken[key]
            if (first.issue_no, first.total_no) == (issue.issue_no, issue.total_no):
                problems.append(Problem(
                    issue.source.path, None,
                    f"the same issue as {first.source.path} (same paper, date and number); "
                    "only that one is built — remove one of the two files",
                ))
                continue
            number = issue.total_no or issue.issue_no
            key = f"{base}-{number}" if number and f"{base}-{number}" not in taken else f"{base}-{issue.source.sha256[:8]}"
        taken[key] = issue
        articles = tuple(replace(a, id=f"{key}/{n}") for n, a in enumerate(issue.articles, start=1))
        out.append(replace(issue, id=key, articles=articles))
    return out, problems
