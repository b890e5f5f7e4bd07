"""The one place that knows URLs and output paths.

Every page lives in a folder with an index.html, so its URL ends in "/". Paths here are
site-relative ("shijingshan-bao/2020-04-16/3/"); `url()` puts the base URL in front. Permalinks
depend only on an issue's own facts (paper, date, number) and an article's place in its issue, so
adding other issues never changes them.
"""
from __future__ import annotations

from ..archive.ids import publication_slug, slugify
from ..lexicon import load_places
from ..model import Article, Issue

HOME = ""
SEARCH = "search/"
DISTRICTS = "districts/"
TOPICS = "topics/"
DATES = "dates/"
PAPERS = "papers/"
PEOPLE = "people/"
CATALOG = "catalog.json"
UNKNOWN_PAPER = "未知报刊"


def district_slug(name: str) -> str:
    known = load_places().district(name)
    return known.slug if known else slugify(name)


def issue_path(issue: Issue) -> str:
    return issue.id + "/"


def source_path(issue: Issue) -> str:
    return issue_path(issue) + "source/"


def article_path(article: Article) -> str:
    return article_path_of(article.id)


def article_path_of(article_id: str) -> str:
    return article_id + "/"


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
