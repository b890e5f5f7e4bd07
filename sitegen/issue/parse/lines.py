"""Body lines as printed: what each line is on its own, and joining paragraphs the page layout cut in two."""
from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .. import patterns

log = logging.getLogger(__name__)

SENTENCE_END = "。！？!?…；;：:"
"""A block ending in one of these (perhaps inside closing quotes or brackets) is a finished paragraph."""
FULL_STOPS = "。！？!?"
CLAUSE_MARKS = "，,；;"
CLOSERS = "”’」』）)》〉】\"'"
PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"), ("『", "』"))

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
SECTION = re.compile(r"^(?:【([^【】]{1,16})】|[▌▍▎┃]\s*([\u4e00-\u9fff·]{2,8}))$")
"""A section's label on a line of its own: in 【】 (【文明创建】), or after a bar mark (▌工作动态), the bar a layout
prints before a section's name; its name is section_name(match)."""


def section_name(m: re.Match[str]) -> str:
    """The section's name a SECTION match gives, without its marks."""
    return m.group(1) or m.group(2)

LEAD = re.compile("^" + patterns.LEAD)
# (上接1版) in brackets or 上接第1版 without, opening a paragraph or on a line of its own; a bare 接 only in
# brackets: （接第1版）.
CONTINUED_FROM = re.compile(r"^(?:[(（]\s*(?:上接|接上|接)|上接|接上|接(?=\s*第[^，,。]{1,4}版\s*$))\s*第?\s*([0-9一二三四五六七八九十A-Za-z]{1,4})\s*版(?:\s*[)）])?")
CONTINUED_ON = re.compile(r"[(（]\s*(?:下转|转|详见|见)\s*第?\s*([0-9一二三四五六七八九十A-Za-z]{1,4})\s*版\s*[)）]")
ONWARD_BARE = re.compile(r"(?:^|(?<=[^(（\s])|(?<=[^(（]\s))(?:下转|转(?=\s*第))\s*第?\s*([0-9一二三四五六七八九十A-Za-z]{1,4})\s*版\s*$")
"""下转第2版 with no brackets: it says so only where it ends a paragraph or stands alone (（下转第三版 cut before its
closing bracket is not one yet); so does 转第二版, with its 第."""
_NAME = patterns.NAME
_ROLE = patterns.STAFF
_SPACED_NAME = r"[\u4e00-\u9fff]\s[\u4e00-\u9fff]{1,2}(?=\s*$)"
"""A name set with a space after the surname, as the last words of a byline: 本报记者  张 宏伟."""
# Each further name starts after a separator or a role word and is not itself a role word, so a line
# has one way to split into names: tried on a long line, the pattern fails in linear time, not exponential.
_MORE_NAMES = rf"(?:(?:\s*[、,，]\s*|\s+)(?:{_ROLE}\s*)?(?!{_ROLE}){_NAME}|{_ROLE}\s*(?!{_ROLE}){_NAME})*"
AUTHOR = re.compile(
    # ●石荣平, ●本报评论员; or a byline on its own line, perhaps after a bullet: 本报记者 张三, ■本报记者 王丽, 记者 张三
    # 通讯员 李四, 文/李四; a letter's signature, 读者 李秀英.
    rf"^[●○◎■□◆]\s*((?:本报|特约)?评论员(?:\s*{_NAME})?|{_SPACED_NAME}|{_NAME})$"
    rf"|^(?:[●○◎■□◆]\s*)?((?:(?:本报|本刊)(?:记者|通讯员)\s*|(?:记者|通讯员|实习生|特约记者|读者)\s+)(?:{_SPACED_NAME}|{_NAME})"
    rf"{_MORE_NAMES}(?:\s*{_ROLE})?)$"  # a role at the end: the next name was cut to the next line
    rf"|^文\s*[/／]\s*((?:{_ROLE}\s*)?(?:{_SPACED_NAME}|{_NAME}{_MORE_NAMES})(?:\s+图\s*[/／]\s*{_NAME})?)$"
    # 文/李四, 文/记者 张三, 文/梁　辰, and with the photographer after the writer, 文/张琳 图/王健
    rf"|^((?:本报|特约)评论员(?:\s*{_NAME})?)$"  # 本报评论员 (何平) on its own line under a commentary's headline
    rf"|^——\s*({_NAME})$"  # —— 王秀兰: a dash and a bare name on a line of their own sign the piece above
)
CREDIT = re.compile(r"(?:(?<!拍)摄|摄影|摄影报道|供图)$|^" + patterns.CREDIT_BEFORE)  # not 拍摄: (张三拍摄) is a source
SOURCE = re.compile(r"^[(（][^()（）]{2,30}[)）]$")
NO_START = "，,、。．；;：:！!？?）)」』》〉”’"
"""Marks no paragraph starts with: a block opening with one continues the one before."""
COUNT_ENDS_CLAUSE = re.compile(
    r"^\d+(?:\.\d+)?\s*(?:万|亿)?(?:个|处|名|人|户|家|辆|场|所|座|台|件|项|次|批|支|组|元|吨|条|部|套|间|张|株|棵|份|亩|公顷|公里|千米"
    r"|平方米|米)(?:次|以上|左右|余)?[，,。；;、]")
"""A line opening with a count that ends its clause (800个，并开通…): the number finishes the line above."""
NO_END = "的和与及或对把被将从向于并而"
"""Words no headline ends with: a block ending in one stops mid-sentence."""
COUNT_OPENING = re.compile(
    r"^\d+(?:\.\d+)?\s*(?:万|亿)?余?(?:个|处|名|人|户|家|辆|场|所|座|栋|层|台|件|项|次|批|支|组|元|吨|条|部|套|间|张|株|棵|份|亩|公顷|公里|千米"
    r"|平方米|米|小时|分钟)")
"""A line opening with a count (67名职工…, 24小时巡查…, 8栋。): no paragraph or heading opens so, but a deck may
(18个项目总投资超200亿元)."""
NEEDS_COUNT = "内有共约近超逾达"
"""Words a clause ends in before its count (…保护区内 / 24小时…, …共有 / 67名…)."""
NUMBERED_HEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")
DECK_START = re.compile(r"^(?:——|—(?![^—]*—)|--)")
"""A deck's opening dash; a line opening with one dash and naming another stop after it (—柏峪村—灵水村，…) is a route
the column cut before its dash, not a deck."""
DAY_OPENING = re.compile(r"^\d{1,2}\s*月\s*\d{1,2}\s*日[，,]")
AS_OF_OPENING = re.compile(r"^(?:截至|截止到?)\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|底|末)[，,]")
"""A line opening with the day a count runs to and a comma (截至6月底，…): a story's first words, as a day is."""
YEAR_OPENING = re.compile(r"^\d{4}\s*年[，,]")
"""A line opening with a year and a comma (2024年，石景山区将继续推行) opens a sentence saying when, as a story's
paragraph does: no headline or sub-heading opens so."""


@dataclass(frozen=True)
class Unit:
    """One non-blank printed line of the body and the role its own text gives it."""

    line: int
    text: str
    """As printed, without surrounding whitespace."""
    role: str
    """"text", "lead" (本报讯…), "from" ((上接1版)…), "author" (●石荣平, 本报记者 张三), "credit" (田甜摄),
    "source" ((区文明办)), "signoff" (a notice's issuer and date under its text),
    "onward" (a lone (下转2版)), "section" (【文明创建】) or "mdh" (a Markdown heading)."""
    indent: bool = False
    """Printed with an indent (　　) in a file whose paragraphs are indented: it starts a paragraph."""
    fix: str | None = None
    """What the keeper's sidecar says this line is (sitegen.model.FIX_KINDS), if it says."""
    page_top: bool = False
    """The first body line after a page's running head: it starts a paragraph (and an article, or a jump's part)."""
    after_blank: bool = False
    """Printed after a blank line in a file that sets its paragraphs without blank lines between them."""
    full: bool = False
    """As wide as the file's column, in a file set in a column of fixed width: unfinished, it goes on below."""
    tight: bool = False
    """Printed straight under the line above, in a file that sets a blank line between its paragraphs."""

    @cached_property
    def shape(self) -> Shape:
        return Shape.of(self.text)


@dataclass(frozen=True)
class Piece:
    """One body block after layout repair: one printed line, or several the layout had cut apart."""

    role: str
    text: str
    """The text as printed, Markdown heading marks removed; joined lines follow each other with nothing between."""
    lines: tuple[int, ...]
    level: int = 0
    """Markdown heading level (2 for ##), 0 for other pieces."""
    fix: str | None = None
    """What the keeper's sidecar says its first line is, if it says."""
    page_top: bool = False
    """Its first line opens a page (the first body line after a running head)."""
    after_blank: bool = False
    """Its first line follows a blank line in a file whose blank lines stand between articles, not paragraphs."""

    @cached_property
    def shape(self) -> Shape:
        return Shape.of(self.text)


def visible_len(text: str) -> int:
    """Count the characters that are not whitespace."""
    return len("".join(text.split()))


_STOP = re.compile(f"[{re.escape(FULL_STOPS)}]")
_CLAUSE = re.compile(f"[{re.escape(CLAUSE_MARKS)}]")
_SEMICOLON = re.compile("[；;]")
_PAIRED = re.compile("[" + re.escape("".join(a + b for a, b in PAIRS)) + "]")
_NO_PAIRS = (0,) * len(PAIRS)
CLOSE_WINDOW = 400
"""is_closed reads only the end of a text: a sign-off in brackets is never this long."""
HEAD = 8
"""The rules read no more than this of a text's start (一、, (十二), ——)."""


@dataclass(frozen=True)
class Shape:
    """What the cut-or-finished rules read from a text: its start, its end and a few counts.

    Joining two texts joins their shapes in time independent of their length, so a paragraph the layout
    cut into many lines is judged in time proportional to its length, not to its length squared.
    """

    head: str
    tail: str
    visible: int
    stops: bool
    """A full stop (。！？!?) somewhere in the text."""
    clauses: bool
    """A clause mark (，,；;) somewhere in the text."""
    semicolon: bool
    open_pairs: tuple[int, ...]
    """Per PAIRS, how many more were opened than closed."""

    @classmethod
    def of(cls, text: str) -> Shape:
        return cls(
            head=text[:HEAD], tail=text[-CLOSE_WINDOW:], visible=visible_len(text),
            stops=bool(_STOP.search(text)), clauses=bool(_CLAUSE.search(text)), semicolon=bool(_SEMICOLON.search(text)),
            open_pairs=tuple(text.count(a) - text.count(b) for a, b in PAIRS) if _PAIRED.search(text) else _NO_PAIRS,
        )

    def joined(self, sep: str, other: Shape) -> Shape:
        """The shape of this text, then sep, then other's text."""
        return Shape(
            head=self.head if len(self.head) >= HEAD else (self.head + sep + other.head)[:HEAD],
            tail=(self.tail + sep + other.tail)[-CLOSE_WINDOW:],
            visible=self.visible + other.visible, stops=self.stops or other.stops,
            clauses=self.clauses or other.clauses, semicolon=self.semicolon or other.semicolon,
            open_pairs=tuple(a + b for a, b in zip(self.open_pairs, other.open_pairs)),
        )

    @property
    def unbalanced(self) -> bool:
        return any(n > 0 for n in self.open_pairs)

    @property
    def closed(self) -> bool:
        return is_closed(self.tail)

    @property
    def numbered_head(self) -> bool:
        # An item that ends in a comma (（二）规范架空线，) or leaves a bracket open (（三）完善排水设施（含边) is a sentence
    # the layout cut, not a heading.
        # A full stop inside (（二）按时接种流感疫苗。今) makes it a sentence too: a heading has none.
        return bool(NUMBERED_HEAD.match(self.head)) and self.visible <= 50 and not self.closed and not self.unbalanced \
            and not self.stops \
            and self.tail[-1:] not in "，,、" and not ITEM_MARK_END.search(self.tail) \
            and not (self.clauses and self.tail[-1:] in NO_END)  # （二）…完成走访，并将: a clause the layout cut

    @property
    def deck_like(self) -> bool:
        return bool(DECK_START.match(self.head)) or (self.semicolon and self.visible <= 60)

    @property
    def strongly_cut(self) -> bool:
        return self.stops or (self.visible > 25 and self.clauses)

    def looks_cut(self, after_heading: bool = False) -> bool:
        """Tell whether an unfinished block is the first part of a paragraph rather than a heading."""
        # Headlines have no full stop inside, leave no quote open and do not end in 的/和/与…; paragraphs
        # have commas every dozen characters. A short line with a comma is a heading (属地负责,迅速安排部署);
        # a line below a headline with a semicolon is a deck.
        if self.numbered_head:
            return False
        if DAY_OPENING.match(self.head) or YEAR_OPENING.match(self.head):
            return True  # 10月16日，市民在…: a story's first words; no headline or deck opens with the day and a comma
        if ITEM_WORD.match(self.head) and not self.closed:
            return True  # 二是排查管线…: an item in words opens a sentence, never a heading; unfinished, it goes on below
        if self.stops or self.unbalanced or self.tail[-1:] in NO_END or self.tail[-1:] in "，,、" \
                or ITEM_MARK_END.search(self.tail):
            return True  # no headline ends in 的 or 和, nor in a comma or an item's number: it goes on below
        if self.clauses:
            if after_heading and self.deck_like:
                return False
            # Two commas make a sentence (会议强调，要坚持…，推动…): a headline has one at most.
            return self.visible > 25 or sum(self.tail.count(c) for c in "，,") >= 2
        return self.visible > 60


WORD_CUT_OFF = re.compile(r"^[\u4e00-\u9fff][，,、。；;]")
"""A line opening with one character and a mark (物，保持…, 板。从…): under a numbered item's first line, the end of a
word that line was cut in; no item opens so."""
NUMBER_CUT = re.compile(r"\d\s*[:：.．\-–~～]\s*\d?$")
NUMBER_GOES_ON = re.compile(r"^[\d:：.．\-–~～]")
"""A line ending inside a time, a decimal or a range (6:0, 9:00-1) goes on in a line opening with its digits."""
TITLE_NOTE = re.compile(r"[(（](?:摘要|节选|摘编|全文|草案|征求意见稿|试行)[)）]$")
"""A title's closing note on what is printed of the document it names: (摘要), （节选）, （征求意见稿）."""
PHONE_CUT = re.compile(r"(?:电话|热线|手机|传真)\s*[:：]?\s*[\d\-－]{1,11}$")
"""A line ending inside a phone number after its label (防汛值班电话：69961) goes on in a line opening with its
digits (100。)."""
BOX_TITLE = re.compile(r"^(?:[\u4e00-\u9fff“”·]{1,16}(?:公告|通告|通知|启事|须知|提示|提醒|贴士|安排|电话|服务信息)|敬请关注|请注意)$")
"""The title of a notice or a service box (区公安分局出入境业务调整公告, 温馨提示, 特别提醒, 敬请关注, 小贴士, 假期医疗服务安排, 便民服务电话):
a piece of its own, set under the news without a lead; a story's sub-heading names a step or a finding, not a notice."""
NOTICE_ABOUT = re.compile(r"^关于\S+(?:通告|公告|通知|告知书|倡议书|决定|意见|办法|规定|公示)$")
"""A notice's title after its issuer: 关于开展平房院落汛期安全检查的通告. Over it, the issuer's bare name
(景山街道办事处) is the title's first words, cut by the column: a notice is titled 景山街道办事处关于…的通告."""
DAY_ITEM = re.compile(r"^(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*[(（](?:星期|周)[一二三四五六日天][)）]\s*\S")
"""A line opening with a day and its weekday, then what happens on it (7月8日（星期六）　探访南锣鼓巷, with its year where
the schedule runs into the next one, 2022年1月8日（周六）全天　…): an item of a schedule or a diary, set one a line; no
headline opens so."""
PARALLEL_HEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])"
                           r"([\u4e00-\u9fff“”]{2,6})[，,]([\u4e00-\u9fff“”]{2,6})$")
"""A numbered heading of two phrases apart by a comma, and nothing after: （一）统一规划，分批推进."""


def is_parallel_head(text: str) -> bool:
    """Tell whether a line is a numbered heading of two phrases of one length (（一）统一规划，分批推进): a sentence's
    clauses seldom match so, and one cut by the column goes on after its comma's second phrase."""
    m = PARALLEL_HEAD.match(text)
    return m is not None and len(m.group(1)) == len(m.group(2))


NUMBER_ONLY = re.compile(r"^[\d\s\-－—()（）]{5,}[。；;]?$")
"""A line of only a phone number, or one ending the sentence: 81568100, 010-6954 2211, 010-69511234。"""
CREDIT_CLOSING_CAPTION = re.compile(rf"[。！？!?]\s*{patterns.CREDIT_BEFORE}\s*(?:{_ROLE}\s*)?{_NAME}(?:\s+(?:{_ROLE}\s*)?{_NAME})*$")
"""A credit with its word before the names after a caption's last sentence: …捡拾垃圾。图/张晨."""
CLOSING_CREDIT = re.compile(rf"[。！？!?]\s*(?:{_ROLE}\s*)?{_NAME}(?:\s+(?:{_ROLE}\s*)?{_NAME})*\s*[/／]?\s*(?:摄影|摄)$")
"""A photo credit with no brackets after a caption's last sentence: …参观。记者 闫岩/摄."""
ITEM_MARK_END = re.compile(r"[(（](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]$|(?:^|[。；;！？!?])\s*\d{1,2}\s*[.．、]$")
"""A numbered item's mark at the end of a line: （二）, (3), or 3. alone or after a sentence's end."""


QUOTE_SIGNED = re.compile(r"[。！？!?…][”’」』]?\s*——\s*[\u4e00-\u9fff·]{1,12}(?:[ 　][\u4e00-\u9fff·]{1,4}){0,2}$")
"""A sentence, a dash and who said it (。”——居民 王秀芬, 。——张大爷): the attribution ends the quote's paragraph."""


def is_closed(text: str) -> bool:
    """Tell whether a block ends a sentence, so nothing printed after it continues it."""
    t = text.rstrip()[-CLOSE_WINDOW:]
    if CONTINUED_ON.search(t[-12:]) and t.endswith((")", "）")) or ONWARD_BARE.search(t[-12:]):
        return True  # (下转2版), 下转第2版: the rest is on another page
    if ITEM_MARK_END.search(t):
        return False  # …负责人；（二）: the item the number opens is printed on the next line
    if CLOSING_CREDIT.search(t):
        return True  # …参观。记者 闫岩/摄: a caption closed by its credit
    if QUOTE_SIGNED.search(t):
        return True  # …不用再开火了。”——居民 王秀芬: a quote closed by who said it
    # A closing bracket group after a full stop, 。(石景山区文明办), is closed; one after a word is not.
    t = re.sub(r"[(（][^()（）]*[)）]$", "", t).rstrip() or t
    # A closing quote only closes when a stop precedes it: …完善“接诉即办” is still mid-sentence.
    t = t.rstrip(CLOSERS)
    return bool(t) and t[-1] in SENTENCE_END


def unbalanced(text: str) -> bool:
    """Tell whether a quote or bracket opened in the text is left open."""
    return any(text.count(a) > text.count(b) for a, b in PAIRS)


def is_deck_like(text: str) -> bool:
    """Tell whether a line reads like a 副题: a dash lead-in or clauses split by a semicolon."""
    return Shape.of(text).deck_like


def looks_cut(text: str, after_heading: bool = False) -> bool:
    """Tell whether an unfinished block is the first part of a paragraph rather than a heading."""
    return Shape.of(text).looks_cut(after_heading)


def is_exclaim_headline(text: str, over_lead: bool = False) -> bool:
    """Tell whether a line is a short headline ending in ! or ?, such as “520”我们登记结婚啦!; `over_lead`: it stands
    straight over a lead or a writer's line."""
    # A comma is allowed in a short one: 垃圾分类，你做对了吗？, or in any over its lead or writer (2023年，这些民生实事将如何
    # 落地？ / 本报记者 冯婧: no sentence of text stands there); so is a question before the exclamation that answers it,
    # 暖气还没热？打这个电话！ (not a sentence's 。 inside).
    t = text.rstrip("”’\"' ")
    short = visible_len(text) <= EXCLAIM_COMMA_MAX or over_lead
    inner = t[:-1]
    if short and t[-1:] in "!！" and inner.count("？") + inner.count("?") == 1 and inner[-1:] not in "？?":
        inner = inner.replace("？", "").replace("?", "")
    return (
        bool(t) and t[-1] in "!！?？" and visible_len(text) <= 30 and not SPEAKER.match(text)
        and not any(c in inner for c in FULL_STOPS + (CLAUSE_MARKS if not short else ""))
    )


def author_byline(m: re.Match[str]) -> str:
    """The byline an author line gives (its AUTHOR match): the names with their role words, without marks (文/张琳
    图/王健 → 张琳 王健, as 图/王磊 under a caption is 王磊)."""
    name = next(g for g in m.groups() if g).strip()
    return re.sub(r"\s+图\s*[/／]\s*", " ", name)


SPEAKER = re.compile(r"^(?:问|答|记者|主持人|[QA])\s*[:：]")
TURN = re.compile(r"^(?:问|答|记者|主持人|[QA]|[\u4e00-\u9fff]{2,4})\s*[:：]\S")
"""A turn of an interview, its speaker and a colon (记者：…, 张秀兰：…, 负责人：…): it opens a paragraph of its own."""
"""A question or answer of an interview or a 政策问答 (问：…？): text, never a headline however short."""
EXCLAIM_COMMA_MAX = 16
"""A headline ending in ! or ? may hold a comma when it is no longer than this: a sentence of speech is longer."""


HEADLINE_PART_MAX = 30
HEADLINE_PAIR_MAX = 50


def is_headline_pair(text: str) -> bool:
    """Tell whether a line is a headline printed in parts separated by spaces, one of which may end in ! or ?:
    “520”我们登记结婚啦! 持续抓好疫情常态化防控. Each part is short and has no stop or clause mark inside."""
    parts = text.split()  # a quotation may hold a space too: 我区举办“抗击疫情 复工复产”专场活动
    return (
        len(parts) >= 2 and visible_len(text) <= HEADLINE_PAIR_MAX and not unbalanced(text)
        and all(visible_len(part) <= HEADLINE_PART_MAX
                and not any(c in part.rstrip("”’\"' ")[:-1] for c in FULL_STOPS + CLAUSE_MARKS)
                and part.rstrip("”’\"' ")[-1:] not in "。；;：:，,、" for part in parts)
    )


def line_role(text: str) -> str:
    """Say what one body line is from its own text."""
    if MD_HEADING.match(text):
        return "mdh"
    if SECTION.match(text):
        return "section"
    if LEAD.match(text):
        return "lead"
    if CONTINUED_FROM.match(text):
        return "from"
    if CONTINUED_ON.fullmatch(text) or ONWARD_BARE.match(text):
        return "onward"
    inner = text[1:-1].strip() if SOURCE.match(text) else text
    if visible_len(inner) <= 30 and CREDIT.search(inner) and not any(c in inner for c in FULL_STOPS + "，,"):
        return "credit"  # 田甜摄, (田甜 摄), 记者 王慧雯 摄影报道
    if AUTHOR.match(text):
        return "author"
    if SOURCE.match(text):
        return "source"
    return "text"


INDENTED_MIN = 3
"""Lines: a file with at least this many indented lines (　　本报讯…) indents its paragraphs."""


def indented_lines(lines: list[str]) -> frozenset[int]:
    """The numbers of the lines printed with a paragraph indent, in a file that indents its paragraphs (else none)."""
    # A file indents its paragraphs when some lines are indented and an unfinished indented line is followed
    # straight away by one that is not: the layout cut a paragraph there. A file indented throughout says nothing.
    found = frozenset(n for n, t in enumerate(lines, 1) if t.startswith(("　", "  ")) and t.strip())
    cut = any(n in found and n + 1 <= len(lines) and n + 1 not in found and lines[n].strip() and not is_closed(lines[n - 1])
              for n in found)
    if len(found) < INDENTED_MIN or not cut:
        return frozenset()
    # A lead space narrower than the paragraphs' indent under an unfinished line is the text's own: the column cut
    # a slogan at its gap (…开设“铭记历史 / 　缅怀先烈”专栏, where paragraphs open with 　　).
    # One full-width space only: a file joining layouts may indent some paragraphs with two ASCII spaces.
    usual = Counter(_lead_width(lines[n - 1]) for n in found).most_common(1)[0][0]
    return frozenset(n for n in found if not (_lead_width(lines[n - 1]) < usual and _one_wide_space(lines[n - 1])
                                              and n > 1 and lines[n - 2].strip() and not is_closed(lines[n - 2])))


def _one_wide_space(line: str) -> bool:
    """Tell whether a line opens with one full-width space and then its text."""
    return line.startswith("　") and not line[1:2].isspace()


def _lead_width(line: str) -> int:
    """The width of a line's leading spaces, in half-width columns (a full-width space is two)."""
    lead = line[:len(line) - len(line.lstrip(" 　"))]
    return sum(2 if c == "　" else 1 for c in lead)


def units_of(numbered: list[tuple[int, str]], indented: frozenset[int] = frozenset(),
             fixes: dict[int, str] | None = None, tops: frozenset[int] = frozenset(),
             blanks: frozenset[int] = frozenset(), signoffs: frozenset[int] = frozenset(),
             full: frozenset[int] = frozenset(), tight: frozenset[int] = frozenset()) -> list[Unit]:
    """Give each body line its role (and whether its paragraph indent, its place at the top of a page or after a
    blank line, or the keeper says it starts a paragraph)."""
    fixes = fixes or {}
    return [Unit(n, t, "signoff" if n in signoffs else line_role(t), n in indented, fixes.get(n), n in tops, n in blanks,
                 n in full, n in tight) for n, t in numbered]


SPACED_MIN = 3
"""Finished lines followed by a blank line and more text, near a line: its paragraphs stand apart when it has this
many, and three times as many as finished lines followed straight away by text."""
TEXT_MIN = 15
"""Characters: a line with a full stop, or a clause mark and this long, is a paragraph's text, not a headline."""


def _reads_as_text(text: str) -> bool:
    # An item of a list (1. …, ■ …) is set one a line in either layout: it says nothing of how paragraphs are set.
    shape = Shape.of(text)
    return (shape.stops or shape.clauses and shape.visible >= TEXT_MIN) and not LIST_START.match(text)


SPACED_WINDOW = 12
"""Printed lines each side of a line that say how the paragraphs around it are set (a file may join two layouts)."""


def tight_lines(lines: list[str]) -> frozenset[int]:
    """The numbers of the lines printed straight under another where the paragraphs around them are set apart by
    blank lines (a blank line after nearly every finished line). There a line under a finished one was cut from it
    by the layout."""
    filled = [n for n, t in enumerate(lines) if t.strip()]
    # For each printed line of text after a finished one: straight under it, or apart (a blank line or more between).
    # Only text counts: a headline after a blank line says the blank stands between pieces, not between paragraphs.
    gaps = [(k + 1, b - a == 1) for k, (a, b) in enumerate(itertools.pairwise(filled))
            if is_closed(lines[a].strip()) and _reads_as_text(lines[b].strip())]
    found = set()
    full: frozenset[int] | None = None
    spaced_file = [s for _, s in gaps].count(False) >= max(SPACED_MIN, 3 * [s for _, s in gaps].count(True))
    for k, straight in gaps:
        if not straight:
            continue
        near = [s for j, s in gaps if abs(j - k) <= SPACED_WINDOW]
        apart = near.count(False)
        if apart >= SPACED_MIN and apart >= 3 * near.count(True) \
                or len(near) <= SPACED_MIN and apart >= SPACED_MIN - 1 and spaced_file:
            # Where too few finished lines stand near to judge (a file's last page of short pieces) and those few
            # are set apart, the file's own habit decides.
            found.add(filled[k] + 1)
        elif len(near) <= SPACED_MIN and apart == len(near) - 1 >= 1 and spaced_file \
                and filled[k - 1] + 1 in (full := full_lines(lines) if full is None else full):
            # So it does where only one or two others stand near, all apart, and the finished line ends at the
            # column's edge (…全程佩戴口罩。 / 行动不便的老人…): nothing but the habit tells its paragraph from the next.
            found.add(filled[k] + 1)
    return frozenset(found)


def display_width(text: str) -> int:
    """Half-width cells a text fills: two for a Chinese character or full-width mark, one for an ASCII one."""
    return sum(1 if c.isascii() else 2 for c in text)


MEASURE_MIN = 6
"""Lines: a file is set in a column of fixed width when at least this many unfinished lines share one width, and
they are more than a third of its unfinished lines followed by more text (the rest are headlines and kickers)."""


MEASURE_NARROWEST = 20
"""Half-width cells: no column is narrower than ten characters; lines of one shorter width are headlines."""


def full_lines(lines: list[str]) -> frozenset[int]:
    """The numbers of the lines as wide as the file's column (within half a character: an ASCII one), in a file set
    in a column of fixed width (else none)."""
    # In a narrow column nearly every line of a paragraph is cut mid-sentence at the same width, and a short line
    # with no punctuation is no sign of a headline: the column's width is. Headlines are seldom exactly as wide.
    # A column is measured in cells where the text was set by a page's width, or in characters where it was wrapped
    # by count (a figure's narrow digits then leave its line shorter in cells, not in characters).
    # Where both measures find the same column, the text was wrapped by count with few figures in it: a line with
    # figures is as wide as the column in characters only, and is full too.
    by_cells, by_chars = _full_lines_by(lines, display_width, 1), _full_lines_by(lines, lambda t: 2 * len(t), 0)
    if by_cells and by_chars and _measure(lines, by_cells, display_width) == _measure(lines, by_chars, lambda t: 2 * len(t)):
        return by_cells | by_chars
    return by_cells or by_chars


LOCAL_WINDOW = 10
"""Printed lines each side of a line among which its column is measured, in a file of columns of several widths."""
LOCAL_MIN = 4
"""Unfinished lines of one width within the window, the line among them: a column of that width."""


def local_full_lines(lines: list[str]) -> frozenset[int]:
    """The numbers of the lines as wide as the column around them, in a file set in columns of several widths (a
    page's interview 24 characters wide, a box beside it 16): an unfinished line followed by text, as wide as the
    width most such lines among the LOCAL_WINDOW lines each side have, where at least LOCAL_MIN of them have it, two
    of them one straight under the other (a paragraph cut twice running; sub-headings of one length stand apart).
    Widths are taken in cells (within an ASCII character) and in characters, as for one column (full_lines)."""
    return frozenset(n for width, slack in LOCAL_WIDTHS for n, (w, measure) in _local_columns(lines, width, slack).items()
                     if abs(w - measure) <= slack)


LOCAL_WIDTHS: tuple[tuple[Callable[[str], int], int], ...] = ((display_width, 1), (lambda t: 2 * len(t), 0))
"""How a local column is measured: in cells, within an ASCII character, and in characters, exactly."""


def _local_columns(lines: list[str], width: Callable[[str], int], slack: int) -> dict[int, tuple[int, int]]:
    """Each unfinished line followed by text that stands in a local column, with its width and the column's, as
    `width` measures them (see local_full_lines)."""
    cut = [(n, width(t.strip())) for n, t in enumerate(lines, 1)
           if t.strip() and n < len(lines) and lines[n].strip() and not is_closed(t.strip())]
    at = [n for n, _ in cut]
    found = {}
    for n, w in cut:
        window = cut[bisect.bisect_left(at, n - LOCAL_WINDOW):bisect.bisect_right(at, n + LOCAL_WINDOW)]
        widths = Counter(v for _, v in window)
        measure, _ = max(widths.items(), key=lambda kv: (kv[1] + widths.get(kv[0] - slack, 0), kv[0]))
        near = {m for m, v in window if abs(v - measure) <= slack}
        if measure >= MEASURE_NARROWEST and len(near) >= LOCAL_MIN and any(m + 1 in near for m in near):
            found[n] = (w, measure)
    return found


def local_stripped_indent_lines(lines: list[str], full: frozenset[int]) -> frozenset[int]:
    """stripped_indent_lines where each column is measured where it stands (local_full_lines), in a file that prints
    no indents: unfinished lines an indent narrower (in cells where they are not as many characters long as it, or in
    characters) than the full line under them, or, with a clause mark, than the column around them."""
    if any(t.startswith(("　", "  ")) and t.strip() for t in lines):
        return frozenset()

    def short(line: str, below: str) -> bool:
        # An indent narrower in characters, or in cells where it is not as many characters long as the line below.
        return len(line) == len(below) - INDENT_CELLS // 2 or len(line) != len(below) \
            and abs(display_width(line) - (display_width(below) - INDENT_CELLS)) <= 1
    # Over a full line, its width is the column's; elsewhere the column around it is measured.
    found = {n for n, t in enumerate(lines, 1) if t.strip() and n + 1 in full and n not in full
             and not is_closed(t.strip()) and short(t.strip(), lines[n].strip())}
    for width, slack in LOCAL_WIDTHS:
        for n, (w, measure) in _local_columns(lines, width, slack).items():
            text = lines[n - 1].strip()
            if n in full or not Shape.of(text).clauses or abs(w - (measure - INDENT_CELLS)) > slack:
                continue
            if width is display_width and abs(2 * len(text) - measure) <= 1:
                continue  # as many characters as the column: narrower in cells only by its figures' digits
            found.add(n)
    return frozenset(found) if len(found) >= STRIPPED_MIN else frozenset()


def column_cells(lines: list[str]) -> int:
    """The width of the file's text column in half-width cells, 0 where it is not set in a column of fixed width."""
    # Measured in cells where the text was set by a page's width, else in characters where it was wrapped by count.
    if full := _full_lines_by(lines, display_width, 1):
        return _measure(lines, full, display_width)
    by_count = lambda t: 2 * len(t)  # noqa: E731
    return _measure(lines, full, by_count) if (full := _full_lines_by(lines, by_count, 0)) else 0


def _measure(lines: list[str], full: frozenset[int], width: Callable[[str], int]) -> int:
    """The width most of the full lines have."""
    return Counter(width(lines[n - 1].strip()) for n in full).most_common(1)[0][0]


def _full_lines_by(lines: list[str], width: Callable[[str], int], slack: int) -> frozenset[int]:
    """full_lines with widths in half-width cells as `width` measures them, lines within `slack` of the column."""
    cut = [(n, width(t.strip())) for n, t in enumerate(lines, 1)
           if t.strip() and n < len(lines) and lines[n].strip() and not is_closed(t.strip())]
    if not cut:
        return frozenset()
    widths = Counter(w for _, w in cut)
    measure, _ = max(widths.items(), key=lambda kv: (kv[1] + widths.get(kv[0] - 1, 0), kv[0]))
    near = sum(c for w, c in widths.items() if measure - slack <= w <= measure + slack)
    if widths.get(measure + INDENT_CELLS, 0) >= max(MEASURE_MIN, widths[measure] // 2):
        # Paragraphs that lost their indents leave their first lines an indent narrower than the column, and a short
        # paragraph is mostly first line: where lines an indent wider are nearly as many, those are the column, and the
        # first lines count among its lines.
        measure += INDENT_CELLS
        near += sum(c for w, c in widths.items() if measure - slack <= w <= measure + slack)
    if near < MEASURE_MIN or 3 * near <= len(cut) or measure < MEASURE_NARROWEST:
        return frozenset()
    return frozenset(n for n, t in enumerate(lines, 1) if t.strip() and (
        abs(width(t.strip()) - measure) <= slack or _hung_over(t.strip(), measure, width, slack)))


def _hung_over(text: str, measure: int, width: Callable[[str], int], slack: int) -> bool:
    """Tell whether a line ran one character past the column's edge because the column would not cut after the mark or
    space there (…同类诉求反复出现；个 / 别诉求…, …值得借鉴：先 / 问需…): as wide as the column but for its last character."""
    return len(text) >= 2 and (text[-2] in NO_START or text[-2].isspace()) and not is_closed(text) \
        and abs(width(text[:-1]) - measure) <= slack


INDENT_CELLS = 4
"""Half-width cells of a paragraph indent: two full-width spaces."""
STRIPPED_MIN = 3
"""Lines: a file set in a column whose paragraphs lost their indents shows at least this many first lines that short."""


def stripped_indent_lines(lines: list[str], full: frozenset[int]) -> frozenset[int]:
    """The first lines of paragraphs whose indent the text lost, in a file set in a column of fixed width with no
    indents printed: unfinished lines an indent narrower than the column, with a line as wide as the column below
    (else none). They start a paragraph as an indent does. A line as many characters long as the column is narrower
    only by its figures' narrow digits (本报讯（通讯员 高健）9月21日晚，回龙): a full line where the text was wrapped by count."""
    # Text taken from a page often drops leading spaces; the column keeps their trace, since every other line of a
    # paragraph fills it.
    if not full or any(t.startswith(("　", "  ")) and t.strip() for t in lines):
        return frozenset()
    measure = Counter(display_width(lines[n - 1].strip()) for n in full).most_common(1)[0][0]
    # Over the paragraph's last line instead of a full one, a line with a clause mark (学校还与…建立合作，寒假期间组织 /
    # 学生分批上冰训练。): a two-line paragraph's first line.
    short = frozenset(n for n, t in enumerate(lines, 1)
                      if t.strip() and n not in full and not is_closed(t.strip())
                      and (n + 1 in full or n < len(lines) and is_closed(lines[n].strip()) and Shape.of(t.strip()).clauses)
                      and abs(display_width(t.strip()) - (measure - INDENT_CELLS)) <= 1
                      and abs(2 * len(t.strip()) - measure) > 1)  # as many characters as the column: narrow digits
    return short if len(short) >= STRIPPED_MIN else frozenset()


def after_blanks(lines: list[str]) -> frozenset[int]:
    """The numbers of the lines printed after a blank line where the file, near them, sets its paragraphs without blank
    lines between them (else none): there a blank line stands between articles, or between an article's head and text."""
    # Count finished lines followed straight away by more text, and those followed by a blank line and text: a part
    # of a file that mostly does the first keeps blank lines for the breaks between pieces. Each line is judged by the
    # part of the file around it, since a file may join two layouts (a bulletin's pages before a paper's).
    def done(t: str) -> bool:
        return bool(t.strip()) and is_closed(t.strip())
    adjacent = [n for n in range(2, len(lines) + 1) if done(lines[n - 2]) and lines[n - 1].strip()]
    apart = [n for n in range(3, len(lines) + 1)
             if done(lines[n - 3]) and not lines[n - 2].strip() and lines[n - 1].strip()]
    if not adjacent:
        return frozenset()
    events = sorted([(m, True) for m in adjacent] + [(m, False) for m in apart])
    at = [m for m, _ in events]
    found = set()
    for n in range(2, len(lines) + 1):
        if not lines[n - 1].strip() or lines[n - 2].strip():
            continue
        # The line's own gap does not vote on itself: the finished lines nearest it, above and below, do. Walk out
        # from where n falls among them (a file of thousands of lines stays linear).
        below, above = bisect.bisect_right(at, n), bisect.bisect_left(at, n) - 1
        near: list[bool] = []
        while len(near) < BLANKS_NEAREST and (above >= 0 or below < len(events)):
            if below >= len(events) or above >= 0 and n - at[above] <= at[below] - n:
                near.append(events[above][1])
                above -= 1
            else:
                near.append(events[below][1])
                below += 1
        if 2 * sum(near) > len(near):
            found.add(n)
    return frozenset(found)


def after_wide_gaps(lines: list[str]) -> frozenset[int]:
    """The numbers of the lines printed after two blank lines or more, in a file that sets one blank line between
    paragraphs (a finished line, one blank line, more text) and wider gaps too: there the wider gap stands between
    pieces, as one blank line does where paragraphs are set without any."""
    def gap_before(n: int) -> int:
        k = n - 1
        while k >= 1 and not lines[k - 1].strip():
            k -= 1
        return n - 1 - k if k >= 1 else 0
    starts = [n for n in range(2, len(lines) + 1) if lines[n - 1].strip() and gap_before(n)]
    single = [n for n in starts if gap_before(n) == 1 and is_closed(lines[n - 3].strip())]
    wide = frozenset(n for n in starts if gap_before(n) >= 2)
    return wide if wide and len(single) >= len(wide) else frozenset()


BLANKS_NEAREST = 6
"""Finished lines nearest a line after a blank one (each followed by text, straight away or after a blank line) that
say whether blank lines there stand between pieces."""


ISSUER = re.compile(r"^[\u4e00-\u9fff（）()]{2,24}(?:中心|支队|大队|委员会|办公室|办事处|管理处|服务处|公司|集团|局|委|所|站|院|馆"
                    r"|会|部|组|社区|街道|物业|学校|医院|政府)$")
"""Who issues a notice, as it signs one: 什刹海街道文化服务中心, 大兴区交通支队, 大华山镇人民政府, …指挥部交通组."""
LETTER_WRITER = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff][ 　][\u4e00-\u9fff]{1,2})$")
"""A person signing a letter with the name alone, as over its date: 周淑华, 王　芳."""
LETTER_SIGNERS = re.compile(r"^[\u4e00-\u9fff\d（）()]{2,20}全体(?:居民|村民|业主|职工|员工|师生|党员|家长|志愿者)$")
"""Who sign a letter together, as they sign it over its date: 毛纺北小区12号楼全体居民."""
DATE_ONLY = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def signoff_lines(numbered: list[tuple[int, str]]) -> frozenset[int]:
    """The lines that sign a notice or a letter under its text: its issuer or signers (or a writer's name alone), then a
    date alone on a line, after a finished paragraph (公告 … 请过往车辆绕行。/ 大兴区交通支队 / 2017年11月20日; …表示衷心的
    感谢！/ 周淑华 / 2017年9月8日). They are the notice's, not a masthead's."""
    found: set[int] = set()
    for k in range(1, len(numbered) - 1):
        before, issuer, date = numbered[k - 1][1], numbered[k][1], numbered[k + 1][1]
        if (ISSUER.match(issuer) or LETTER_SIGNERS.match(issuer) or LETTER_WRITER.match(issuer)) \
                and DATE_ONLY.match(date) and is_closed(before):
            found |= {numbered[k][0], numbered[k + 1][0]}
    return frozenset(found)


def headline_chain_ends_in_lead(units: list[Unit], i: int) -> bool:
    """Tell whether units[i:] starts a headline group (up to 4 short lines) followed by a lead or author line."""
    # A headline group does not run on across a page, and no headline closes a bracket it did not open (下转2版）).
    if units[i].text.count("）") + units[i].text.count(")") > units[i].text.count("（") + units[i].text.count("("):
        return False
    k = i
    while k < len(units) and k - i < 4 and units[k].role == "text" and not (k > i and units[k].page_top) \
            and not onward_pages(units[k].text) and (
        not units[k].shape.looks_cut(after_heading=k > i) or is_exclaim_headline(units[k].text)
    ):
        k += 1
    return i < k < len(units) and units[k].role in ("lead", "author", "from")


WIDOW_MAX = 2
"""Characters: a line this short that ends a sentence is the end of the sentence above, not a paragraph."""
HEADING_FORM = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|【[^】]{1,10}】"
                          r"|[\u4e00-\u9fff]{1,10}(?:区|县|市|镇|乡|街道)[：:])")
"""How a bulletin or a 专题 heads its items: 一、…, （一）…, 【西城区】…, 海淀区：…."""
ITEM_WORD = re.compile(r"^([一二三四五六七八九])是")
"""An item of a list in words: 一是…，二是…."""
ITEM_LOOKAHEAD = 8
"""Lines: the next item of a list set one item a line is printed within this many lines."""


FIGURE_ITEM = re.compile(r"^(\d{1,2})\s*[.．、](?!\d)")
"""An item numbered in figures opening its line: 1.项目：…, 2、…; not a decimal cut by the column (3.5%)."""


def starts_listed_item(units: list[Unit], i: int) -> bool:
    """Tell whether units[i] opens an item (一是…, or 5. in figures) of a list whose next item (二是…, 6.) also opens a
    line below (for figures, or the item before it a line above): the layout sets the list one item a line, so the
    item starts a paragraph even after a line ending in a comma; or opens the item after one that ends the line above
    (…一是…； / 二是…)."""
    if d := FIGURE_ITEM.match(units[i].text):
        # 4.项目：防汛物资采购　金额：9860元 / 5.项目：…: items numbered in figures, 5. opening a line near it
        n = int(d.group(1))
        near = units[max(0, i - ITEM_LOOKAHEAD):i] + units[i + 1:i + 1 + ITEM_LOOKAHEAD]
        return any((e := FIGURE_ITEM.match(u.text)) and int(e.group(1)) in (n - 1, n + 1) for u in near)
    m = ITEM_WORD.match(units[i].text)
    if m is None:
        return False
    nxt = "一二三四五六七八九十"["一二三四五六七八九".index(m.group(1)) + 1] + "是"
    prev = "一二三四五六七八九"[max("一二三四五六七八九".index(m.group(1)) - 1, 0)] + "是"
    if i > 0 and m.group(1) != "一" and prev in units[i - 1].text and units[i - 1].text.rstrip(CLOSERS)[-1:] in "；;。":
        return True  # …。一是…； / 二是…: the item above ends its line, and this one opens the next: it starts a paragraph
    return any(u.text.startswith(nxt) for u in units[i + 1:i + 1 + ITEM_LOOKAHEAD]) or (
        m.group(1) != "一" and any(u.text.startswith(prev) for u in units[max(0, i - ITEM_LOOKAHEAD):i]))


def _separator(a_tail: str, b: str) -> str:
    # Chinese has no spaces between words; only two Latin words meeting at the cut get one back.
    if a_tail[-1:].isascii() and a_tail[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha():
        return " "
    return ""


TOP_ITEM = re.compile(r"^[一二三四五六七八九十]{1,3}、")
SUB_ITEM = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
"""A part's number (一、) and the number of an item inside a part (（一）): the second opens a line under the first."""


def _should_join(role: str, shape: Shape, units: list[Unit], i: int, markdown: bool, after_heading: bool,
                 indented: bool = False, joined: int = 1) -> bool:
    if units[i].fix == "continues":
        return True  # the keeper says so
    if units[i].role == "source" and not units[i].fix and not units[i].page_top \
            and units[i].line == units[i - 1].line + 1 and (_item_cut_before_next(shape, units, i, joined)
                                                          or _day_item_before_next(units, i, joined)):
        # 3．宛平城地区综合文化站 / （宛平城城内街西段路北）, straight under it: an unfinished item's bracket, not a source
        # line (one after a blank line, （通州区文明办）, closes the piece); so is a schedule day's place, 10月1日（周二）
        # 观看国庆阅兵直播 / （街道文化中心）, with the next day's item under it
        return True
    if units[i].role == "credit" and units[i].full and units[i - 1].full and not shape.closed \
            and not units[i].fix and not units[i].page_top and units[i].line == units[i - 1].line + 1:
        return True  # ◎…镇文化服务中心 / 举办“美丽乡村”农民摄影, both as wide as the column: a cut, not a credit
    if units[i].fix or units[i].page_top or units[i].role != "text":
        return False  # a page's first line starts a paragraph: no paragraph runs on across a running head
    if TITLE_NOTE.search(shape.tail):
        return False  # …工作情况的调研报告(摘要): a title's note on what is printed ends the title, however wide

    if units[i].indent and units[i].text[:1] not in NO_START:
        return False  # an indent starts a paragraph
    if _number_announced(shape, units[i]):
        return True  # 咨询电话： / 81568100: the number the label announces
    if WORD_CUT_OFF.match(units[i].text) and NUMBERED_HEAD.match(shape.head):
        return True  # （一）不要在楼道内堆放杂 / 物，保持…: one character and a mark end the word the item's line cut
    if BRACKET_ASIDE_END.match(units[i].text) and not shape.closed:
        return True  # （一）公示时间：3月15日至3月29日 / （共15天）。: an aside and the stop ending the line above
    if (NUMBER_CUT.search(shape.tail) or PHONE_CUT.search(shape.tail)) and NUMBER_GOES_ON.match(units[i].text):
        return True  # 开放时间6:0 / 0-18:00，…, 防汛值班电话：69961 / 100。: a time, figure or number the column cut in two
    if (m := CREDIT_NAME_CUT.search(shape.tail)) and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", units[i].text) \
            and 2 <= len(m.group(1)) + len(units[i].text) <= 3:
        return True  # …景象。图/王启 / 明: the column cut the photographer's name
    if CREDIT_CLOSING_CAPTION.search(shape.tail):
        return False  # …捡拾垃圾。图/张晨: a credit after the caption's last sentence ends it
    if ONWARD_BARE.search(shape.tail[-4:] + units[i].text) and not ONWARD_BARE.search(units[i].text):
        return True  # …的实际行动。下 / 转第2版: a jump mark the layout cut after its first character
    if starts_listed_item(units, i):
        return False  # 一是… set one item a line: each item is a paragraph, whatever ends the line above
    if joined == 1 and TURN.match(units[i - 1].text) and not HEADING_FORM.match(units[i - 1].text) \
            and (shape.clauses or SPEAKER.match(units[i - 1].text)) \
            and not TURN.match(units[i].text) and not LIST_START.match(units[i].text):
        return True  # 答：预计5月上旬开始，具体… / 布的…: a turn of an interview is text, never a heading; it goes on below
    if _schedule_item(units, i):
        return False  # 12月18日（周六）下午　… under another day's item: a schedule sets a day a line
    if i >= joined and DAY_ITEM.match(units[i - joined].text) and units[i].line > units[i - 1].line + 1 \
            and not units[i].fix:
        return False  # 7月6日（星期六）　国子 / 监街　“槐荫书香”读书会 / blank / 所有活动…: a day's item ends at a blank line
    if table_row(units, i) or joined == 1 and table_row(units, i - 1):
        return False  # 丫髻山景区　50元/人 under 桃花海景区　40元/人: a table sets a row a line, and the text under its last
        # row (60岁以上老人…免票) is a paragraph of its own
    if joined == 1 and TOP_ITEM.match(units[i - 1].text) and SUB_ITEM.match(units[i].text):
        return False  # 一、突出主题主线，精心组织新闻宣传 over （一）…: a part's heading over its first item, however wide
    if joined == 1 and is_parallel_head(units[i - 1].text) and units[i].text[:1] not in NO_START:
        return False  # （一）统一规划，分批推进: two phrases of one length, a heading even as wide as the column
    if visible_len(units[i].text) <= WIDOW_MAX and is_closed(units[i].text) and units[i].text[:1] not in "“‘「《(（":
        return True  # 等。 or 升。: the last word of the sentence above, alone on a line
    cut_by_column = i > 0 and units[i - 1].full and not DECK_START.match(units[i].text) \
        and not (joined == 1 and units[i - 1].after_blank and i > 1 and units[i - 2].shape.closed
                 and not (units[i - 2].after_blank and is_exclaim_headline(units[i - 2].text))
                 and not shape.clauses and not shape.looks_cut() and not _bulleted_sentence(units, i - 1)) \
        and not (joined == 1 and (NOTICE_ABOUT.match(units[i - 1].text) or _under_column_label(units, i - 1))) \
        and not (joined == 1 and units[i - 1].after_blank and i > 1 and units[i - 2].role == "signoff")
    # (A notice's title, 关于…的通告, a bare line straight under a column label that stands after a blank line, 居民来信 /
    # 一封来自魏家胡同的感谢信, and a line after a blank line under a notice's signing date, 护水，是我们这代人的责任, are
    # headlines even as wide as the column.)
    # (A bare line after a blank line under a finished paragraph, where blank lines stand between pieces, heads the
    # next piece even when it is as wide as the column: 莲花池社区开展垃圾分类“桶前值守” over 3月以来，…; not under an
    # exclamation standing between blank lines, 好邻居！, which is the headline over it.)
    if cut_by_column and (joined > 1 or indented or role in ("lead", "from")):
        return True  # an unfinished line as wide as the column, inside a paragraph, was cut by it: it goes on
    if joined == 1 and _bulleted_sentence(units, i - 1) and not BULLETED.match(units[i].text):
        return True  # ●9月17日，新龙城社区开展“邻里节”活 / 动，…: a brief whose bulleted siblings are sentences goes on
    if joined == 1 and shape.clauses and units[i].shape.closed and not LIST_START.match(units[i].text) \
            and _item_of_sentences(units, i - 1):
        return True  # （三）使用燃气时注意通风，离家前检查燃 / 气阀门是否关闭。, under sentence items: the item's clause ends
    if headline_chain_ends_in_lead(units, i):
        return False  # short lines above a lead are its headline stack (a kicker may be as wide as the column)
    if cut_by_column and not (DECK_START.match(units[i - 1].text) or HEADING_FORM.match(units[i - 1].text)
                              and not shape.clauses and not _run_in_label(units, i - 1)
                              and not _item_of_sentences(units, i - 1)) \
            and not _heads_dated_story(shape, units[i]) \
            and not (joined == 1 and units[i - 1].page_top and units[i].after_blank and not shape.clauses):
        # A first line as wide as the column goes on, unless it has a heading's form (——…, 一、…, 海淀区：…), or it is
        # a bare line opening a page with a blank line under it where blank lines part pieces and heads from their
        # text (为独居老人装上“一键呼” / blank / 近日，…: the page's first headline).
        return True
    if joined == 1 and i > 0 and RUN_IN_DAY.match(units[i - 1].text):
        return True  # 【提示】12月30日广渠路东 / 延通车当天，…: words that open with a day are a sentence, not a heading
    if joined == 1 and BOX_TITLE.match(shape.tail):
        return False  # 元旦期间政务服务安排: a notice's title is a line of its own
    if indented and not _heads_dated_story(shape, units[i]) \
            and not (joined == 1 and i > 1 and units[i - 1].after_blank and units[i - 2].role == "source"
                     and not shape.clauses and not shape.looks_cut()):
        # Where paragraphs are indented, an unfinished indented paragraph goes on in the unindented line below; but a
        # bare line after a blank line under a source line that closed the piece above heads the next piece, even one
        # an indent narrower than the column where indents are lost (生命谷新增两家市级企业技术中心 under （…供稿）).
        return True
    if COUNT_OPENING.match(units[i].text) and not shape.numbered_head and not shape.deck_like \
            and (shape.clauses or shape.tail[-1:] in NO_END + NEEDS_COUNT):
        # A clause cut before its count (此次评选历时三个月，共有 / 67名职工报名参评。, 水库一级保护区内 / 24小时巡查…):
        # a heading has no clause mark before a count line, nor ends in a word wanting one; a deck of figures under a
        # headline (…集中开工 / 18个项目…) has neither.
        return True
    if markdown or role in ("lead", "from") or units[i].text[:1] in NO_START or COUNT_ENDS_CLAUSE.match(units[i].text):
        # Markdown marks every heading with #, so an unfinished plain line there is always cut;
        # a lead or continued paragraph is a paragraph whatever its length.
        return True
    if _item_cut_before_next(shape, units, i, joined):
        return True  # 1.全区粮食播种面积达28.6万 / 亩，…, with 2.… below: an item's line the column cut goes on
    if joined == 1 and i > 0 and DIGIT_ITEM.match(units[i - 1].text) and not shape.closed and any(
            DIGIT_ITEM.match(units[j].text) and units[j].role == "text" and _reads_as_sentence(units, j, i - 1, DIGIT_ITEM)
            for j in range(max(0, i - 1 - ITEM_LOOKAHEAD), i - 1)):
        return True  # 2. 景区停车场车位紧张，建议乘坐 / H23…, under 1. …拥堵。: an item of a list of sentences goes on
    return shape.looks_cut(after_heading)


def join_breaks(units: list[Unit], markdown: bool) -> list[Piece]:
    """Turn body lines into pieces, joining each paragraph the print layout cut in two (or more)."""
    pieces: list[Piece] = []
    i = 0
    while i < len(units):
        u = units[i]
        i += 1
        if u.role == "mdh":
            m = MD_HEADING.match(u.text)
            assert m
            pieces.append(Piece("mdh", m.group(2).strip(), (u.line,), len(m.group(1))))
            continue
        if u.role == "onward" and pieces and pieces[-1].role in ("text", "lead", "from"):
            # A lone (下转2版) belongs to the paragraph above it; keep it in that text as printed.
            prev = pieces.pop()
            texts, lines = [prev.text, u.text], [*prev.lines, u.line]
            while i < len(units) and units[i].role == "onward":
                texts.append(units[i].text)
                lines.append(units[i].line)
                i += 1
            pieces.append(Piece(prev.role, "".join(texts), tuple(lines)))
            continue
        # The paragraph grows as parts and a Shape, so that joining many lines stays linear.
        role, parts, lines, shape = u.role, [u.text], [u.line], u.shape
        indented = u.indent
        held: list[Piece] = []
        after_heading = _after_heading(pieces)
        # A continuation mark on a line of its own (上接第1版) is not joined to the paragraph below it.
        # A line the keeper calls a headline, kicker or deck stands alone too.
        alone = role == "from" and is_from_line(u.text) or u.fix in ("headline", "kicker", "deck")
        while i < len(units) and (units[i].fix == "continues" or role in ("text", "lead", "from") and not alone
                                  and (not shape.closed or _runs_on_after_stop(units, i, indented, parts[0])
                                       or _number_announced(shape, units[i]))):
            if units[i].role == "credit" and not markdown and not shape.closed and is_closed(shape.tail + units[i].text) \
                    and (_credit_begun(shape.tail, units[i].text) or i + 1 == len(units)
                         or not _should_join(role, shape, units, i + 1, markdown, after_heading, indented)):
                pass  # …赏秋。（记者 马骏 / 摄）: the credit closing a caption, cut by the layout, closes it here
            elif (
                units[i].role == "credit" and i + 1 < len(units) and not markdown
                and shape.strongly_cut and _should_join(role, shape, units, i + 1, markdown, after_heading, indented)
            ):
                # A photo credit printed inside a cut paragraph: join around it, keep the credit after.
                held.append(Piece("credit", units[i].text, (units[i].line,)))
                i += 1
            elif not _should_join(role, shape, units, i, markdown, after_heading, indented, len(lines)):
                break
            nxt = units[i]
            sep = _separator(shape.tail, nxt.text)
            parts += [sep, nxt.text]
            shape = shape.joined(sep, nxt.shape)
            lines.append(nxt.line)
            log.debug("joined line %d to the paragraph of line %d", nxt.line, lines[0])
            i += 1
        pieces.append(Piece(role, "".join(parts), tuple(lines), fix=u.fix, page_top=u.page_top, after_blank=u.after_blank))
        pieces.extend(held)
    return pieces


LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
"""A column label on a line of its own: 居民来信, 简讯."""


def _under_column_label(units: list[Unit], j: int) -> bool:
    """Tell whether units[j] is a bare line (no mark inside, no list item) printed straight under a short bare label
    that opens a piece (after a blank line where blank lines stand between pieces, or at a page's top) and is no
    notice's title: the headline under its column label (居民来信 / 一封来自魏家胡同的感谢信), not text the column cut."""
    if j < 1 or units[j].shape.clauses or units[j].shape.stops or units[j - 1].line != units[j].line - 1 \
            or LIST_START.match(units[j].text):
        return False
    label = units[j - 1]
    # A notice's or box's own title (征稿启事, 游园提示) heads its text straight away: the line under it is that text.
    return label.role == "text" and not label.full and (label.after_blank or label.page_top) \
        and bool(LABEL_LINE.match(label.text)) and not BOX_TITLE.match(label.text)


TABLE_ROW = re.compile(r"^[\u4e00-\u9fff“”·]{2,16}(?:\u3000+|\s{2,})\d+(?:\.\d+)?\s*[\u4e00-\u9fff%％]{0,3}(?:[/／][\u4e00-\u9fff]{1,2})?$")
"""A row of a table set as text: a name, a wide space and its figure (桃花海景区　40元/人, 一等奖　3名)."""


def table_row(blocks: Sequence[Unit] | Sequence[Piece], i: int) -> bool:
    """Tell whether blocks[i] is a row of a table set a row a line, another row straight above or below it: each row is
    a paragraph of its own, never a headline, and nothing under it goes on with it."""
    return bool(TABLE_ROW.match(blocks[i].text)) and any(
        TABLE_ROW.match(blocks[j].text) for j in (i - 1, i + 1) if 0 <= j < len(blocks))


def _schedule_item(units: list[Unit], i: int) -> bool:
    """Tell whether units[i] opens a day's item of a schedule set a day a line (12月18日（周六）下午　…), another item
    opening so within a few lines: it starts a paragraph, whatever ends the line above."""
    if not DAY_ITEM.match(units[i].text):
        return False
    return any(DAY_ITEM.match(u.text) for u in [*units[max(0, i - ITEM_LOOKAHEAD):i], *units[i + 1:i + 1 + ITEM_LOOKAHEAD]])


def _number_announced(shape: Shape, u: Unit) -> bool:
    """Tell whether a line of only a number is the one the line above announces with its colon (咨询电话： / 81568100)."""
    return shape.tail[-1:] in "：:" and u.role == "text" and not u.page_top and not u.fix \
        and bool(NUMBER_ONLY.match(u.text))


RUN_IN = re.compile(r"^【[^】]{1,10}】\S")
"""A label run into its paragraph's first words: 【法官说法】区法院法官提示，…."""
RUN_IN_DAY = re.compile(r"^【[^】]{1,10}】\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
"""A label run into words opening with a day (【提示】12月30日…): text, never a heading."""
RUN_IN_LOOKBACK = 12
"""Lines: how far above (or below, for the first) a paragraph opening with a run-in label another is looked for."""


def _run_in_label(units: list[Unit], i: int) -> bool:
    """Tell whether units[i] opens with a label run into its words (【法官说法】区法院…) as a paragraph a few lines
    above does, its first line a sentence's start (【案情回顾】2021年8月，…): labelled paragraphs of one piece, not a
    heading (a bulletin's 【西城区】“文明餐桌”行动走进百家餐馆 has no clause mark)."""
    if RUN_IN_DAY.match(units[i].text):
        return True  # 【提示】12月30日广渠路东…: the label's text opens with its day, as a story's first words do
    if not RUN_IN.match(units[i].text):
        return False
    start = max(0, i - RUN_IN_LOOKBACK)
    if any(RUN_IN.match(units[j].text) and units[j].role == "text" and _reads_as_sentence(units, j, i, RUN_IN)
           for j in range(start, i)):
        return True
    # The first of them: a sibling below, in the same piece (no blank line between that parts pieces), reads as a
    # sentence (【读者来信】我家住陶然亭街道黑窑厂 over …, then 【记者追踪】记者将情况反映给…，…).
    end = next((k for k in range(i + 1, min(len(units), i + RUN_IN_LOOKBACK)) if units[k].after_blank
                or units[k].page_top), min(len(units), i + RUN_IN_LOOKBACK))
    return any(RUN_IN.match(units[j].text) and units[j].role == "text" and _reads_as_sentence(units, j, end, RUN_IN)
               for j in range(i + 1, end))


DIGIT_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
"""An item numbered in figures: 1. 10月1日至3日为出京高峰…"""


BRACKET_ASIDE_END = re.compile(r"^[(（][^()（）]{1,20}[)）][。；;，,]$")
"""A bracketed aside followed only by a stop or comma, （共15天）。: it ends the sentence of the line above."""
CREDIT_NAME_CUT = re.compile(r"[。！？!?]\s*(?:图|摄影|摄|文)\s*[/／]\s*([\u4e00-\u9fff]{0,2})$")
"""A caption's credit at a line's end, its name perhaps cut by the column: 。图/王启 (明 on the next line)."""


def _day_item_before_next(units: list[Unit], i: int, joined: int) -> bool:
    """Tell whether units[i] is a line of a schedule's day item (10月1日（周二）　…), the next day's item opening the
    line straight under it."""
    return i >= joined and bool(DAY_ITEM.match(units[i - joined].text)) and i + 1 < len(units) \
        and units[i + 1].line == units[i].line + 1 and bool(DAY_ITEM.match(units[i + 1].text))


def _item_cut_before_next(shape: Shape, units: list[Unit], i: int, joined: int) -> bool:
    """Tell whether units[i] goes on an unfinished item numbered in figures above it (1.…达28.6万 / 亩，…), the next
    number opening a line a few lines below, or the item before it ending in ； or 。 just above: a list's items start
    their lines, so a line between them that opens with no number is the item's own, its figure or word cut by the
    column (…接待游客8 / 0万 / 人次。), and the last item ends as the others do."""
    m = re.match(r"^(\d{1,2})\s*[.．、]\s*\S", units[i - joined].text) if i >= joined else None
    if m is None or shape.closed or DIGIT_ITEM.match(units[i].text) or units[i].indent:
        return False
    following, before = f"{int(m.group(1)) + 1}", f"{int(m.group(1)) - 1}"
    if any(re.match(rf"^{following}\s*[.．、]\s*\S", u.text) for u in units[i + 1:i + 1 + ITEM_LOOKAHEAD]):
        return True
    # The last item of a list whose items above end in ； or 。 ends so too: 3．宛平城地区综合文化站 / （…路北） / 。
    above = units[max(0, i - joined - ITEM_LOOKAHEAD):i - joined]
    return any(re.match(rf"^{before}\s*[.．、]\s*\S", u.text) for u in above) \
        and above[-1:] != [] and above[-1].text.rstrip(CLOSERS)[-1:] in "；;。"
ITEM_LINES = 5
"""Lines of an earlier item read to tell whether it is a sentence."""
NUMBERED_MARK = re.compile(r"^(?:([一二三四五六七八九十]{1,3})、|[(（]([一二三四五六七八九十]{1,3})[)）])")


def _item_of_sentences(units: list[Unit], i: int) -> bool:
    """Tell whether units[i] opens a numbered item （三） of a list whose other item of the same form, a few lines
    above or below, is a sentence (（二）生熟食品分开存放，…): items of one list share their form, so this one is a
    sentence too, not a heading, even where its first line is as wide as the column."""
    m = NUMBERED_MARK.match(units[i].text)
    if m is None:
        return False
    bracketed = m.group(2) is not None
    # In a narrow column a long item takes many lines: the items around it are looked for as far as two spans.
    for j in [*range(max(0, i - 2 * ITEM_LOOKAHEAD), i), *range(i + 1, min(len(units), i + 1 + 2 * ITEM_LOOKAHEAD))]:
        u = units[j]
        other = NUMBERED_MARK.match(u.text)
        if not other or (other.group(2) is not None) != bracketed or u.role != "text":
            continue
        if _reads_as_sentence(units, j, i if j < i else len(units), NUMBERED_MARK):
            return True
    return False


BULLETED = re.compile("^[" + "■□●○◆◇▲△★☆▶►" + "]")
"""A line opening with a bullet (■ 斋堂镇…): an item of a run of briefs, or a bulleted headline."""


def _bulleted_sentence(units: list[Unit], i: int) -> bool:
    """Tell whether units[i] opens with a bullet another line a few lines above or below opens with, and that one's
    item is a sentence (■ 清水镇6月1日起开通至 / 区城的直通公交，每天往返6班。): bulleted briefs share their form, so this
    one is a brief's text too, not a bulleted headline, even after a blank line."""
    mark = units[i].text[:1]
    if not BULLETED.match(mark):
        return False
    return any(units[j].text[:1] == mark and units[j].role == "text"
               and _reads_as_sentence(units, j, i if j < i else len(units), BULLETED)
               for j in [*range(max(0, i - ITEM_LOOKAHEAD), i), *range(i + 1, min(len(units), i + 1 + ITEM_LOOKAHEAD))])


def _reads_as_sentence(units: list[Unit], j: int, end: int, opening: re.Pattern[str]) -> bool:
    """Tell whether the item or labelled paragraph opening at units[j] is a sentence: a clause or full stop in its
    first line or the lines it runs on in, as wide as the column, up to the next one opening so. A narrow column may leave its first line without a mark (（一）不要在
    楼道内堆放杂 / 物，保持消防通道畅通；)."""
    rest = [units[j]]
    k = j + 1
    while k < end and len(rest) < ITEM_LINES and units[k - 1].full and units[k].role == "text" \
            and not opening.match(units[k].text) and not units[k].after_blank:
        rest.append(units[k])  # the line above was as wide as the column: this one is its rest
        k += 1
    return any(v.shape.clauses or v.shape.stops for v in rest)


def _heads_dated_story(shape: Shape, below: Unit) -> bool:
    """Tell whether a bare line (no mark inside) heads the story below it, which opens with its day, year or 截至 day
    and a comma (“红色德胜”主题党课开讲 / 6月24日，…; 城市副中心的“2018” / 2018年，…; 太师屯镇完成山区造林任务 / 截至6月底，…):
    a sentence cut before a date leaves a word that needs it (于, 在, 至, 今年)."""
    return bool(DAY_OPENING.match(below.text) or YEAR_OPENING.match(below.text) or AS_OF_OPENING.match(below.text)) \
        and not shape.stops and not shape.clauses \
        and shape.tail[-1:] not in NO_END + "在至到于年是为"


def _credit_begun(tail: str, line: str) -> bool:
    """Tell whether a credit closing a caption began on the line above and the layout cut it (…赏景。　通讯员 张 /
    瑞 摄): the line is its rest, never a credit printed on its own inside the paragraph."""
    m = CLOSING_CREDIT.search(tail + line)
    return m is not None and m.start() < len(tail) - 1 and bool(tail[m.start() + 1:].strip())


TURN_AHEAD = 12
"""Lines: an answer goes on at the column's edge only where the next turn of the interview is this near."""


def _runs_on_after_stop(units: list[Unit], i: int, indented: bool, opened: str = "") -> bool:
    """Tell whether the line at i goes on with a paragraph whose last line ends a sentence: it opens with a mark no
    paragraph starts with (”一位经营者说。, ）), or, in a file set in a column with indented paragraphs, the line
    above ends a sentence at the column's edge and the line, not indented, is as wide as the column and cut
    mid-clause (近年来，清水镇依托生态资源发展民): a new paragraph would be indented, and a headline as wide as the
    column has no clause comma or heads a stack above a lead; so do unindented lines running on to a full stop, even
    a short sentence with no clause mark (安全始终是第一位的。): no headline ends in 。."""
    u = units[i]
    if u.fix or u.page_top or u.role != "text" or u.indent:
        return False
    if u.text[:1] in NO_START:
        return True
    if not indented and SPEAKER.match(opened) and i > 0 and units[i - 1].full and u.shape.clauses \
            and not TURN.match(u.text) and not LIST_START.match(u.text) and not HEADING_FORM.match(u.text) \
            and any(TURN.match(v.text) for v in units[i + 1:i + TURN_AHEAD]):
        # 答：…的开放在即。 ending at the column's edge with no indent or blank line to part paragraphs, the next turn
        # (记者：…) a few lines on: nothing parts the answer there, and a turn is one paragraph.
        return True
    if u.tight and i > 0 and units[i - 1].text.rstrip(CLOSERS)[-1:] in FULL_STOPS and not LIST_START.match(u.text) \
            and not HEADING_FORM.match(u.text) and not TURN.match(u.text) and not headline_chain_ends_in_lead(units, i) \
            and not (i + 1 < len(units) and units[i + 1].role == "credit") \
            and not ((units[i - 1].after_blank or units[i - 1].page_top) and is_exclaim_headline(units[i - 1].text)
                     and _short_of_column(units, i - 1)):
        # 她1967年入党… straight under …讲党史。 where paragraphs stand apart: the layout cut the paragraph (not a turn
        # of an interview, 张秀兰：…, nor a photo's caption over its credit, 图为… / 记者 张岩 摄, nor the text under an
        # exclamation that opens a piece and stops well short of the column, 山里通公交了！: a line the layout cut
        # reaches the column's edge, so that one is a headline).
        return True
    # A sentence with no clause mark is read so only when it ends in 。: a headline has neither (安全始终是第一位的。).
    sentence = u.shape.clauses or u.text.rstrip(CLOSERS)[-1:] == "。"
    if not indented or not sentence or DECK_START.match(u.text) or HEADING_FORM.match(u.text) \
            or TURN.match(u.text) or headline_chain_ends_in_lead(units, i):
        return False
    if u.shape.closed and not (i > 0 and units[i - 1].line + 1 == u.line):
        return False  # a finished sentence after a blank line (编者按：…。) starts a piece of its own
    if i > 0 and _short_of_column(units, i - 1):
        # …部署今年重点任务。 short of the edge of a column measured around it ends its paragraph: the next one lost
        # its indent (a file of ragged lines says nothing by a line's width).
        return False
    # An indented line ending its sentence as many characters wide as the column (its indent counted, figures narrow
    # in a column wrapped by count: 　　5月26日，区人大常委会召开第三十一次会议。) is as full as an unindented one.
    above_full = i > 0 and (units[i - 1].full or units[i - 1].indent and _at_column_edge(units, i - 1))
    return above_full and u.full or _unindented_sentence(units, i)


COLUMN_WINDOW = 10
"""Lines each side of a line among which a line as wide as the column shows the text is set in one."""


def _short_of_column(units: list[Unit], j: int) -> bool:
    """Tell whether units[j] ends more than a character short of the column the full lines around it measure (its
    indent counted), in a part of the file set in a column; an indented line as many characters as the column, its
    indent counted, is not (a column wrapped by count, its figures narrow)."""
    near = [v for v in units[max(0, j - COLUMN_WINDOW):j + COLUMN_WINDOW] if v.full]
    return bool(near) and _set_width(units[j]) < max(map(_set_width, near)) - 2 \
        and not (units[j].indent and _at_column_edge(units, j))


def _at_column_edge(units: list[Unit], j: int) -> bool:
    """Tell whether units[j], its indent counted, has as many characters as the widest full lines around it."""
    near = [v for v in units[max(0, j - COLUMN_WINDOW):j + COLUMN_WINDOW] if v.full]
    return bool(near) and _set_chars(units[j]) >= max(map(_set_chars, near))


def _set_chars(u: Unit) -> int:
    return len(u.text) + (2 if u.indent else 0)  # an indent of two full-width spaces


def _set_width(u: Unit) -> int:
    return display_width(u.text) + (4 if u.indent else 0)  # an indent of two full-width spaces
LIST_START = re.compile(r"^(?:[\d０-９]{1,2}\s*[.、．]|[(（][\d一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]|——|[" + "■□●○◆◇▲△★☆▶►【" + "])")
"""How an item of a list opens (1. / （一） / 一是 / ■): a line so opened starts its own paragraph."""
RUN_ON_MAX = 6
"""Lines: how far an unindented sentence is followed to its full stop."""


def _unindented_sentence(units: list[Unit], i: int) -> bool:
    """Tell whether unindented lines from i, in a file that indents its paragraphs, run on to a full stop (。) with
    no indent, lead or other mark between: the rest of the paragraph above, cut after a sentence's end (a new
    paragraph would be indented, and a headline stack ends in no 。)."""
    for u in units[i:i + RUN_ON_MAX]:
        if u.role != "text" or u.indent or u.page_top or u.fix:
            return False
        if u.shape.closed:
            return u.text.rstrip(CLOSERS)[-1:] == "。"
    return False


def _after_heading(pieces: list[Piece]) -> bool:
    if not pieces:
        return False
    p = pieces[-1]
    return p.role == "mdh" or (p.role == "text" and not p.shape.closed and not p.shape.looks_cut())


def onward_pages(text: str) -> list[str]:
    """The pages a text says it goes on to, in order: (下转2版), (详见3版), and 下转第2版 at its end."""
    pages = [m.group(1) for m in CONTINUED_ON.finditer(text)]
    if m := ONWARD_BARE.search(text):
        pages.append(m.group(1))
    return pages


def is_from_line(text: str) -> bool:
    """Tell whether a line is only a continuation mark, (上接1版) or 上接第1版, with the text below it."""
    m = CONTINUED_FROM.match(text)
    return m is not None and not text[m.end():].strip()
