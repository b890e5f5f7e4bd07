"""The declared shape of every page's context: what each template may read, as plain data.

Each page gets {"site": Site, "page": <its kind's type>}. They are TypedDicts, so a context is a plain
dict of lists, strings and numbers: marshal hashes it (engine.cache.context_hash) and Jinja reads it
without attribute lookups. Every page type extends Frame, what base.html reads.
"""
from __future__ import annotations

from typing import Any, Optional, TypedDict


class Link(TypedDict):
    label: str
    url: str


class CountedLink(Link):
    """An entry of an index: a paper, year, district, topic or person with how much it holds."""

    count: int


class Neighbour(TypedDict):
    """A page next to this one in some order."""

    dir: str
    """Which way, as the reader reads it: 上一期, 下个月, 上一页."""
    label: str
    url: str


class Pager(TypedDict):
    """Links to the neighbours of a page: older first, as a reader pages through."""

    label: str
    """The navigation's accessible name: 石景山报其他各期."""
    prev: Optional[Neighbour]
    next: Optional[Neighbour]


class PageNumber(TypedDict, total=False):
    number: int
    url: str
    current: bool
    gap: bool
    """True for a run of pages left out (…); then no other key is set."""


class PageList(TypedDict):
    """Where one page of a long list stands among the others."""

    label: str
    number: int
    count: int
    first: int
    """The place of this page's oldest item in the whole list, from its oldest (1)."""
    last: int
    prev: Optional[Neighbour]
    next: Optional[Neighbour]
    numbers: list[PageNumber]
    """The page links shown (none when the list has one page)."""


class Card(TypedDict):
    """An article as index pages list it."""

    url: str
    headline: str
    kicker: Optional[str]
    deck: Optional[str]
    kind: str
    """As readers name it: 新闻, 评论, 图片新闻, 续文."""
    publication: str
    date: str
    date_iso: str
    districts: list[str]
    issue_url: str


class RoleCard(Card):
    """An article on a person's page, with the role it gives them."""

    role: Optional[str]


class IssueCard(TypedDict):
    url: str
    label: str
    publication: str
    date: str
    date_iso: str
    date_inferred: bool
    articles: int
    """How many articles the issue has."""


class Feed(TypedDict):
    title: str
    url: str


class Site(TypedDict):
    """What every page shows of the site: its name, navigation and addresses."""

    title: str
    dev: bool
    base_url: str
    feed_url: str
    static_url: str
    home_url: str
    search_url: str
    catalog_url: str
    nav: list[Link]


class Frame(TypedDict):
    """What base.html reads of every page."""

    title: str
    path: str
    url: str
    canonical: Optional[str]
    """The page's absolute address; None when the site URL is not known (a relative one is not a canonical link)."""
    description: str
    """What the page holds, in a sentence or two from the data (its meta description)."""
    feeds: list[Feed]
    breadcrumbs: list[Link]


class Context(TypedDict):
    site: Site
    page: Frame
    """One of the page types below."""


class Stats(TypedDict):
    issues: int
    articles: int
    papers: int
    first: str
    last: str


class PersonCard(CountedLink):
    roles: list[str]


class HomePage(Frame):
    stats: Stats
    newest: list[IssueCard]
    papers: list[CountedLink]
    districts: list[CountedLink]
    topics: list[CountedLink]
    years: list[CountedLink]
    people: list[PersonCard]
    people_url: str


class SearchPage(Frame):
    search_runtime: str
    search_shards: str
    search_first: list[str]
    """The files a first search fetches whatever its query (sitegen.search.first_files), for the page to
    ask for in its head; empty where the search index was not built yet."""
    search_data: dict[str, Any]
    """What static/search-core.js needs of Python's search scheme (sitegen.search.search_data)."""


class OverviewPage(Frame):
    """All papers, districts or topics."""

    groups: list[CountedLink]
    unit: str
    """What is counted: 期 or 篇."""


class MonthCell(TypedDict):
    label: str
    count: int
    url: Optional[str]
    """None for a month without issues."""


class YearRow(CountedLink):
    months: list[MonthCell]


class DatesPage(Frame):
    years: list[YearRow]


class Weekday(TypedDict):
    short: str
    long: str


class Day(TypedDict):
    day: int
    url: Optional[str]
    label: Optional[str]
    """Where the day leads and what it holds; None on a day without issues."""


class CalendarMonth(TypedDict):
    label: str
    id: str
    count: int
    url: Optional[str]
    weeks: list[list[Optional[Day]]]
    """Rows of seven days, Monday first; None pads the first and last week."""


class MonthIssues(Link):
    issues: list[IssueCard]


class YearPage(Frame):
    count: int
    weekdays: list[Weekday]
    pager: Pager
    calendar: list[CalendarMonth]
    months: list[MonthIssues]


class PaperFacts(TypedDict):
    issues: int
    articles: int
    district: str
    first: str
    last: str


class PaperPage(Frame):
    facts: PaperFacts
    issues: list[IssueCard]


class MonthPage(Frame):
    calendar: CalendarMonth
    weekdays: list[Weekday]
    pager: Pager
    issues: list[IssueCard]
    """Oldest first, as a month is read."""


class ListingPage(Frame):
    """One page of the articles of a district or topic."""

    kind: str
    """区域 or 主题."""
    name: str
    total: Optional[int]
    """How many the whole list holds: on its newest page only, so that the older pages stay as they are."""
    articles: list[Card]
    pages: PageList


class PersonName(TypedDict):
    name: str
    roles: list[str]


class PersonPage(Frame):
    person: PersonName
    total: Optional[int]
    """As ListingPage.total."""
    articles: list[RoleCard]
    pages: PageList


class PeopleGroup(TypedDict):
    title: str
    id: str
    people: list[PersonCard]


class PeoplePage(Frame):
    groups: list[PeopleGroup]
    total: int


class UnplacedLine(TypedDict):
    line: int
    text: str
    url: str


class IssueDetails(IssueCard):
    issue_no: Optional[int]
    total_no: Optional[int]
    pages: Optional[int]
    district: Optional[str]
    publication_inferred: bool
    masthead: list[str]
    colophon: list[str]
    furniture: list[UnplacedLine]
    """Page furniture (running heads, 导读, weather, notices), each linked to its line in the source view."""
    unplaced: list[UnplacedLine]
    source_url: str
    source_file: str


class IssuePage(Frame):
    issue: IssueDetails
    articles: list[Card]
    pager: Pager
    jsonld: dict[str, Any]


class SourceLine(TypedDict):
    n: int
    text: str


class SourcePage(Frame):
    issue_url: str
    source_file: str
    lines: list[SourceLine]


class Block(TypedDict):
    kind: str
    """p, h2, h3, credit, caption or source."""
    text: str
    line: Optional[int]


class PersonLink(Link):
    role: Optional[str]


class Continuation(TypedDict):
    page: str
    """As printed: 2版."""
    url: Optional[str]
    headline: Optional[str]
    """None (and no url) when the other part is not in the archive."""


class ArticleDetails(Card):
    byline: Optional[str]
    section: Optional[str]
    kind_code: str
    blocks: list[Block]
    district_links: list[Link]
    topic_links: list[Link]
    keywords: list[str]
    people: list[PersonLink]
    related: list[Card]
    issue_label: str
    date_inferred: bool
    source_url: str
    continued_from: Optional[Continuation]
    continued_on: Optional[Continuation]


class ArticlePage(Frame):
    article: ArticleDetails
    siblings: Pager
    """The articles before and after this one in its issue."""
    issue_pager: Pager
    citation: str
    meta: list[tuple[str, str]]
    jsonld: dict[str, Any]


class EditorialPage(Frame):
    body_html: str
