"""The one place that knows URLs and output paths.

Every page lives in a folder with an index.html, so its URL ends in "/". Paths here are
site-relative ("shijingshan-bao/2020-04-16/3/"); `url()` puts the base URL in front. Permalinks
depend only on an issue's own facts (paper, date, number) and an article's place in its issue, so
adding other issues never changes them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..archive.ids import article_id, publication_slug, slugify
from ..lexicon import Lexicon
from ..model import Article, Issue

HOME = ""
SEARCH = "search/"
DISTRICTS = "districts/"
TOPICS = "topics/"
DATES = "dates/"
PAPERS = "papers/"
PEOPLE = "people/"
ABOUT = "about/"
CITE = "cite/"
CATALOG = "catalog.json"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"
NOJEKYLL = ".nojekyll"
"""Tells GitHub Pages to serve the site as it is (no Jekyll)."""
PREVIEW_STATUS = "__sitegen__/status.txt"
"""In a preview site (`sitegen serve`), how its last rebuild went: static/dev.js shows a failure over the page."""
STATIC = "static/"
UNKNOWN_PAPER = "未知报刊"

PATHS = {"home": HOME, "search": SEARCH, "districts": DISTRICTS, "topics": TOPICS, "dates": DATES,
         "papers": PAPERS, "people": PEOPLE, "about": ABOUT, "cite": CITE, "catalog": CATALOG, "feed": FEED,
         "static": STATIC}
"""The site's fixed pages and files by name, for templates: `{{ paths.cite|url }}`."""


def issue_path(issue: Issue) -> str:
    return issue.id + "/"


def source_path(issue: Issue) -> str:
    return issue_path(issue) + "source/"


def article_path(article: Article) -> str:
    return article_path_of(article.id)


def article_path_of(article_id: str) -> str:
    return article_id + "/"


def article_path_at(issue_id: str, number: int) -> str:
    """The path of an issue's number-th article (from 1), before the Article itself is made."""
    return article_path_of(article_id(issue_id, number))


def editorial_path(slug: str) -> str:
    """One of our own Markdown pages (templates/pages/about.md → about/)."""
    return slug + "/"


def numbered_page(path: str, number: int, count: int) -> str:
    """Page `number` of the `count` pages of a long list at path: the last (the newest: site.pages.page_numbers)
    is the list's own address, the others path/page/1/ (the oldest) …"""
    return path if number == count else f"{path}page/{number}/"


def person_path(slug: str) -> str:
    """A person's page: their slug comes from sitegen.archive.people (pinyin, numbered where names read the same)."""
    return PEOPLE + slug + "/"


def year_path(year: int) -> str:
    return f"{DATES}{year:04d}/"


def month_path(year: int, month: int) -> str:
    return f"{DATES}{year:04d}/{month:02d}/"


CATALOG_PARTS = "catalog/"


def catalog_part_path(paper_slug: str, year: int | None) -> str:
    """One paper's articles of one year as data, with their texts: catalog/shijingshan-bao/2020.jsonl.gz."""
    return f"{CATALOG_PARTS}{paper_slug}/{year if year else 'undated'}.jsonl.gz"


def output_file(path: str) -> str:
    """The file a page path is written to, relative to the output folder."""
    return path if "." in path.rsplit("/", 1)[-1] else path + "index.html"


def url(base_url: str, path: str) -> str:
    """The URL of a site-relative path under the base URL ("/" or "/repo/")."""
    return base_url + path


@dataclass(frozen=True)
class SiteUrls:
    """URLs of site-relative paths for one build: under its base URL, and absolute under its site URL;
    and the paths of papers, districts and topics, by the slugs the lexicon gives them."""

    base_url: str
    """"/" or "/repo/" (normalize_base_url)."""
    lexicon: Lexicon
    site_url: str = ""
    """Scheme and host ("https://x.github.io", site_root), "" when not configured."""
    _topic_slugs: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_topic_slugs", {t.name: t.slug for t in self.lexicon.topics})

    def url(self, path: str) -> str:
        return self.base_url + path

    def absolute(self, path: str) -> str:
        """For canonical links, citations and feeds (root-relative when no site URL is set)."""
        return self.site_url + self.base_url + path

    def paper_path(self, name: str | None) -> str:
        """A paper's page: its slug in places.toml, else its name's pinyin."""
        return publication_slug(name, self.lexicon.places) + "/"

    def district_path(self, name: str) -> str:
        known = self.lexicon.places.district(name)
        return DISTRICTS + (known.slug if known else slugify(name)) + "/"

    def district_feed_path(self, name: str) -> str:
        return self.district_path(name) + FEED

    def topic_path(self, name: str) -> str:
        """A topic's page: its slug in topics.toml, else its name's pinyin (a topic the taxonomy no longer has)."""
        return TOPICS + (self._topic_slugs.get(name) or slugify(name)) + "/"


def site_root(site_url: str, base_url: str) -> str:
    """The scheme and host of the site: the base path is added to every URL separately.

    A keeper may give site_url with or without the base path (https://x.github.io/repo); both work.
    """
    site_url = site_url.rstrip("/")
    if base_url != "/" and site_url.endswith(base_url.rstrip("/")):
        site_url = site_url[: -len(base_url.rstrip("/"))]
    return site_url


def normalize_base_url(base_url: str) -> str:
    """Make a base URL start and end with "/": "repo" -> "/repo/"."""
    stripped = base_url.strip("/")
    return "/" + stripped + "/" if stripped else "/"
