"""The plain data that flows one way through sitegen.

Each issue file on its own: a Source (read), a ParsedIssue of ParsedArticles (parsed and completed),
then an EnrichedIssue (with each article's ArticleFacts, found with jieba). The whole archive: each
issue gets its id and each article its keywords, making the Issues of Articles that the site and the
catalog show. Each type holds only what its stage knows: no field waits to be filled in later."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TypeVar

from .errors import Problem


FIX_KINDS = ("headline", "kicker", "deck", "furniture", "start", "continues")
"""What a keeper's correction can say a line is: the headline, kicker or deck of its article's head, page
furniture, the start of an article, or the rest of the paragraph before it (a layout break)."""

T = TypeVar("T")


@dataclass(frozen=True)
class LineFix:
    """A keeper's correction from the sidecar: line `line`, which reads `text`, is `kind` (one of FIX_KINDS)."""

    line: int
    text: str
    """The start of the line as printed: checked against the file, so that a correction never lands on another line."""
    kind: str


@dataclass(frozen=True)
class Source:
    """One issue file as read from disk and decoded."""

    path: str
    """The path as given on the command line, e.g. `seeds/002_17d5a1e15a32e4e6.txt`."""
    text: str
    """The decoded text with line ends normalised to \\n."""
    sha256: str
    """Of the raw bytes: the cache key and the source's identity."""
    encoding: str = "utf-8"
    overrides: tuple[tuple[str, str], ...] = ()
    """Keeper's corrections from the sidecar file `NAME.toml` (key, value), e.g. ("date", "2020-04-24")."""
    fixes: tuple[LineFix, ...] = ()
    """Keeper's corrections of what a line is, from the sidecar's [[fix]] tables, in the order given."""

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Block:
    """One block of an article body as printed."""

    kind: str
    """"p" paragraph, "h2"/"h3" sub-heading, "credit" photo credit, "caption" photo caption,
    "source" a source line such as (石景山区文明办)."""
    text: str
    lines: tuple[int, ...]
    """1-based source line numbers this block was assembled from (more than one where a layout break was joined)."""


@dataclass(frozen=True)
class ParsedArticle:
    """One article of an issue, as the parser found it."""

    headline: str
    blocks: tuple[Block, ...]
    first_line: int
    last_line: int
    kicker: str | None = None
    """眉题: the line printed above the headline."""
    deck: str | None = None
    """副题: the line printed below the headline."""
    byline: str | None = None
    """Who wrote it, as printed in the lead or author line: "记者 乔斐", "通讯员石伟", "石荣平"."""
    section: str | None = None
    """Section label printed above it: "战疫一线", "文明创建"."""
    kind: str = "news"
    """"news", "commentary", "photo" (a caption with a credit) or "fragment" (a continuation with no headline)."""
    continued_from: str | None = None
    """Page label the text comes from, "1版" for (上接1版)."""
    continued_on: str | None = None
    """Page label the text goes on to, "2版" for (下转2版) or (详见2版)."""
    headline_line: int | None = None
    """Source line of the headline, None where the parser had to make one up (a fragment)."""
    head: tuple[tuple[int, str], ...] = ()
    """Lines printed above the body, as printed (line number, text): section label, kicker, headline, deck,
    author line (●石荣平). With the blocks' lines, they account for every printed line of the article."""
    call: str | None = None
    """Where the head has a kicker or deck: the rule that told them from the headline ("… (guess)" where the
    print gave no clear evidence); sitegen check shows it."""
    @property
    def text(self) -> str:
        """The body as plain text, one block a line."""
        return "\n".join(b.text for b in self.blocks)

    @property
    def full_text(self) -> str:
        """Everything the article says: kicker, headline, deck and body, one a line (what is classified,
        searched and dated)."""
        return "\n".join(x for x in (self.kicker, self.headline, self.deck, self.text) if x)


@dataclass(frozen=True)
class ParsedIssue:
    """One issue of a paper as read from its own file: its masthead facts and its articles."""

    source: Source
    articles: tuple[ParsedArticle, ...]
    publication: str | None = None
    date: datetime.date | None = None
    date_inferred: bool = False
    """True where the date was not printed in a masthead but inferred from the text."""
    publication_inferred: bool = False
    issue_no: int | None = None
    """第N期."""
    total_no: int | None = None
    """总第N期."""
    pages: int | None = None
    """本期N版."""
    district: str | None = None
    """The district the paper belongs to (石景山区), None for a city-wide paper."""
    masthead: tuple[tuple[int, str], ...] = ()
    """Masthead lines as printed (line number, text): publisher, 准印证号, web site, contacts, slogans."""
    colophon: tuple[tuple[int, str], ...] = ()
    """Colophon lines (责编, 核稿, 电话, 报/送/发 …) as printed."""
    furniture: tuple[tuple[int, str], ...] = ()
    """Page furniture between and inside pages, as printed: running heads (第2版 要闻 责任编辑：…), 导读 blocks,
    weather, addresses, hotlines, subscription notes."""
    unplaced: tuple[tuple[int, str], ...] = ()
    """Lines the parser could not place in an article, masthead or colophon; shown on the issue page."""
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class ArticleFacts:
    """What an article's own issue tells of it beyond the print, found with jieba (sitegen.issue.enrich)."""

    districts: tuple[str, ...]
    """The districts it is about: those it names, and its paper's own."""
    topics: tuple[str, ...]
    """Best first."""
    people: tuple[tuple[str, str | None], ...]
    """(name, role as printed) of everyone it names, in order of first mention; role None where it gives none."""
    keywords: tuple[str, ...]
    """Its words that say most about it (TF-IDF against Chinese at large: sitegen.issue.enrich.keywords_of), best first."""


@dataclass(frozen=True)
class EnrichedIssue:
    """One issue file's whole result: its issue and what its articles tell (facts[i] of articles[i])."""

    parsed: ParsedIssue
    facts: tuple[ArticleFacts, ...]


@dataclass(frozen=True, kw_only=True)
class Article(ParsedArticle):
    """One article as the site shows it: as printed, with its place in the archive and what it is about."""

    id: str
    """Its permalink key, "shijingshan-bao/2020-04-16/3": its issue's id and its place in the issue."""
    districts: tuple[str, ...]
    topics: tuple[str, ...]
    keywords: tuple[str, ...]
    """Its words that say most about it (ArticleFacts.keywords), best first."""
    people: tuple[tuple[str, str | None], ...]
    """(name, role as printed) of everyone it names, in order of first mention (sitegen.issue.enrich.people)."""

    @classmethod
    def of(cls, parsed: ParsedArticle, id: str, facts: ArticleFacts) -> Article:
        return _made(cls, parsed, id=id, districts=facts.districts, topics=facts.topics, keywords=facts.keywords,
                     people=facts.people)


@dataclass(frozen=True, kw_only=True)
class Issue(ParsedIssue):
    """One issue as the site shows it."""

    id: str
    """Its permalink key, from its paper and date: "shijingshan-bao/2020-04-16"."""
    articles: tuple[Article, ...]

    @classmethod
    def of(cls, parsed: ParsedIssue, id: str, articles: tuple[Article, ...]) -> Issue:
        return _made(cls, parsed, id=id, articles=articles)


def _made(cls: type[T], parsed: object, **more: object) -> T:
    """An object of cls (a frozen dataclass extending parsed's class) with parsed's fields and more.

    Every build finishes every article of the archive: a frozen dataclass's __init__ sets each field
    through object.__setattr__, which took three times as long as taking parsed's fields at once."""
    made = object.__new__(cls)
    made.__dict__.update(parsed.__dict__, **more)
    return made
