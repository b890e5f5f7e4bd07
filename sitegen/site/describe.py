"""Every page's meta description: what it holds, in a sentence or two made from the archive's own facts.

Search engines show it under the page's title, so it says what a reader finds there (how many issues
or articles, of which papers, from when), never a slogan; about 120 characters at most, an article's 80
(its first paragraph's opening sentences, which og:description repeats: a search engine shows 80 to 100)."""
from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..archive.groups import Entry
from ..model import Issue

LONGEST = 120
ARTICLE_LONGEST = 80
SHORTEST_SENTENCES = 30
"""An article's opening sentences shorter than this say too little: its summary runs on to a clause's end."""
SHORTEST_CLAUSES = 20
SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*")
CLAUSE_END = re.compile(r"[，、；：,;:]")
DATELINE = re.compile(r"^[■●◆▲]?\s*(?:(?:本报讯|本刊讯)\s*(?:[（(][^（）()]{0,40}[）)])?|[（(](?:记者|通讯员|本报记者)[^（）()]{0,40}[）)])\s*")
"""本报讯（记者张丽华 通讯员张亚京）: who wrote it, which the page says in its byline, not what it is about."""
NAMES = 6
"""Names listed before 等."""


def some(names: Sequence[str], n: int = NAMES) -> str:
    """The first names, 、-joined, with 等 when there are more."""
    return "、".join(names[:n]) + ("等" if len(names) > n else "")


def span(first: str, last: str) -> str:
    """"2020年4月16日至2020年11月5日", or the one date, or nothing."""
    if not first:
        return ""
    return first if first == last else f"{first}至{last}"


def cut(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def home(title: str, papers: Sequence[str], issues: int, articles: int, first: str, last: str) -> str:
    when = span(first, last)
    return cut(f"{title}：北京各区报刊的文字存档，收{some(papers)}{len(papers)}种报刊{issues}期、{articles}篇文章"
               + (f"（{when}）" if when else "") + "，可按报刊、日期、区域、主题和人物浏览，可全文搜索。")


def search(title: str, articles: int) -> str:
    return cut(f"在{title}的{articles}篇文章中搜索词语、人名、地名或数字，繁体、全角字符均可，"
               "可按区域、主题、报刊和年份筛选。")


def overview(title: str, names: Sequence[str], unit: str) -> str:
    """All papers, districts or topics."""
    return cut(f"{title}：{some(names, 10)}，共{len(names)}个，各列其{'各期' if unit == '期' else '文章'}。")


def dates(years: Sequence[str], issues: int) -> str:
    return cut(f"按日期浏览{issues}期报刊：{some(years, 10)}，每年一页日历，每月一页列出当月各期。")


def year(year: int, issues: Sequence[Issue], months: int) -> str:
    return cut(f"{year}年的{len(issues)}期报刊（{months}个月）：{some(papers_of(issues))}，按月份列出，附全年日历。")


def month(year: int, month: int, issues: Sequence[Issue]) -> str:
    return cut(f"{year}年{month}月的{len(issues)}期报刊：{some(papers_of(issues))}，附当月日历。")


def paper(name: str, issues: int, articles: int, district: str, first: str, last: str) -> str:
    when = span(first, last)
    return cut(f"{name}（{district}）的文字存档：{issues}期、{articles}篇文章" + (f"，{when}" if when else "")
               + "，新的在前。")


def listing(kind: str, name: str, total: int | None, on_page: Sequence[Entry], number: int) -> str:
    """A district's or topic's articles: on its newest page, how many in all (total); on the others, which page."""
    newest = on_page[0].article.headline if on_page else ""
    whose = name if kind == "区域" else f"{kind}“{name}”"
    head = f"{whose}的{total}篇文章，新的在前" if total is not None else f"{whose}的文章（第{number}页），新的在前"
    return cut(head + (f"；{'最新' if total is not None else '本页最新'}一篇：{newest}" if newest else "") + "。")


def people(named: int, writers: int) -> str:
    return cut(f"存档中的{named + writers}位人物：文中提到的{named}位领导与人物，"
               f"以及{writers}位记者、通讯员和作者，各列其文章。")


def person(name: str, roles: Sequence[str], articles: int | None, number: int) -> str:
    """A person's articles: on the newest page how many in all; on the others, which page."""
    as_ = f"（{some(roles, 3)}）" if roles else ""
    if articles is None:
        return cut(f"{name}{as_}见于的文章（第{number}页），新的在前，每篇注明其身份。")
    return cut(f"{name}{as_}见于{articles}篇文章，新的在前，每篇注明其身份。")


def issue(label: str, headlines: Sequence[str]) -> str:
    return cut(f"{label}，共{len(headlines)}篇文章" + (f"：{some(headlines, 4)}" if headlines else "") + "。")


def source(label: str, path: str) -> str:
    return cut(f"{label}的原始文字（{path}），逐行照录，供与整理后的文章对照。")


def article(first_paragraph: str) -> str:
    """An article's summary: its first paragraph without the dateline, whole if short; else its opening
    sentences; else cut at the end of a clause, with …; at most ARTICLE_LONGEST characters."""
    text = re.sub(r"\s+", " ", first_paragraph).strip()
    text = DATELINE.sub("", text, count=1) or text
    if len(text) <= ARTICLE_LONGEST:
        return text
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, ARTICLE_LONGEST)]
    if ends and ends[-1] >= SHORTEST_SENTENCES:
        return text[:ends[-1]]
    clauses = [m.start() for m in CLAUSE_END.finditer(text, 0, ARTICLE_LONGEST)]
    end = clauses[-1] if clauses and clauses[-1] >= SHORTEST_CLAUSES else ARTICLE_LONGEST - 1
    return text[:end] + "…"


def editorial(title: str, body_html: str) -> str:
    """Our own page: its first paragraph's text."""
    found = re.search(r"<p>(.*?)</p>", body_html, re.DOTALL)
    text = re.sub(r"<[^>]+>", "", found.group(1)) if found else title
    return cut(html.unescape(text))


def papers_of(issues: Sequence[Issue]) -> list[str]:
    """The papers of some issues, each once, in order of first appearance."""
    return list(dict.fromkeys(i.publication for i in issues if i.publication))
