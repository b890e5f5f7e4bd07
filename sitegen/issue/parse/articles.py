"""Group body pieces into articles: headline groups (kicker, headline, deck), leads, sub-headings, photos."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from .. import patterns
from .lines import (
    AUTHOR, BOX_TITLE, CONTINUED_FROM, DATE_ONLY, DAY_ITEM, table_row, CONTINUED_ON, FIGURE_ITEM, LEAD, ONWARD_BARE, SECTION, Piece, section_name,
    is_deck_like, HEADING_FORM, author_byline, is_closed, is_exclaim_headline, is_from_line, is_headline_pair, onward_pages,
    display_width, visible_len,
)
from ...model import Block, ParsedArticle
from .cuts import BARE_SUBJECT, JOINED, join_cut_lines
from .fixes import HEAD_KINDS, STARTS
from .furniture import page_count

log = logging.getLogger(__name__)

BYLINE = re.compile(
    "^" + patterns.LEAD
    # 本报讯(记者 乔斐), or unbracketed when spaces set the names apart: 本报讯 记者张三 通讯员李四 1月20日,…
    + rf"(?:\s*[(（]([^()（）]+)[)）]|\s+((?:{patterns.STAFF}\s*{patterns.NAME}(?=\s)\s*)+))")
PHOTO_REPORT = re.compile(r"摄影报道$")
CREDIT_WORDS = re.compile("^" + patterns.CREDIT_BEFORE + "|" + patterns.alternatives(patterns.CREDIT_AFTER) + "$")
LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
SERIES = re.compile(r"^[\u4e00-\u9fff]{2,8}[·•][\u4e00-\u9fff]{1,6}$")
"""A series name over a headline: 我们的节日·重阳, 文明实践·进行时."""
PROFILE_DECK = re.compile(r"^(?:专访|访|记)(?!者|忆|录|住|得|载|账|挂)[\u4e00-\u9fff]")
"""The subject line of an interview or a profile, its dash left off: 访区经济和信息化局局长刘建国, 记京西太平鼓传承人高德顺."""
INSTALMENT_END = re.compile(r"(?:系列报道|系列|报道|调查|观察)之[一二三四五六七八九十]+$")
"""A series instalment line: 推动高质量发展系列报道之一."""
SCOPE_DECK = re.compile(r"^(?:涉及|覆盖|惠及|包括|其中|将为|将给|将向|将让|将使|将帮助"
                        r"|\d{1,2}\s*月(?:上旬|中旬|下旬|初|底|\s*\d{1,2}\s*日)?\s*(?:至|到|—|－|-)\s*\d{1,2}\s*月)")
"""A second line opening with what the news above covers or is for (涉及14个村、1.2万亩耕地, 将为…提供…服务), or the span
it runs over (6月中旬至7月上旬陆续举办, under …系列活动来了), has no
subject of its own and adds detail to the line above: a deck, not a headline under a kicker (a headline under a kicker
states its own news: 部署2024年重点工作任务)."""
EVENT_END = re.compile(r"(?:召开|举行|举办|开幕|闭幕|落幕|开班|开幕式)$")
EVENT_HELD = re.compile(r"(?:召开|举行|举办)\S*(?:会议|大会|论坛|典礼|仪式)$")
"""A line saying a meeting is held (东城召开区委工作会议) names the occasion, as …会议召开 does: the line under it is
the news decided there (部署2024年重点工作任务)."""
STATEMENT_VERB = re.compile(r"迁入|迁出|开市|开业|开园|开馆|开街|开工|开通|启动|展开|启用|投用|建成|完工|竣工|落成|完成|实现|新增|又添"
                            r"|迎来|推出|发布|出台|上线|亮相|落地|揭牌|挂牌|签约|获评|荣获|通过|突破|超过|达到|增长|提速|迈入"
                            r"|进入|入选|上岗|收官|焕新|上新|成立$|开放$")
"""Verbs that report what happened (迁入, 开市, 启动, 超过; 成立 and 开放 closing the line: 博物馆明起试开放): after a
subject they make a line a full statement."""
FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?余?(?:人次|个|处|名|人|户|家|辆|场|所|座|台|件|项|次|元|吨|条|部|套|间|张|株|棵"
                    r"|份|亩|公顷|公里|千米|平方米|米|岁|天|倍|%|％)")
"""A count (3200余个, 1.5万亩, 20%), not a year (2024年): figures a deck adds to the news above it."""
CONTACT_LINE = re.compile(r"^[^：:，,。]{2,24}[：:]\s*[\d\s\-－]{5,}$")
"""A name and a phone number: 德胜派出所：82098110, 联系电话：69443215."""
DONE = re.compile(r"[\u4e00-\u9fff]了(?!解)")
"""A verb marked done (村民用上了清洁能源): the line reports what happened."""
FIGURE_IN_WORDS = re.compile(r"[一二两三四五六七八九十百千万]+余?(?:人次|名|人|户|家|个|处|项|场)")
"""A count in words (首批千余名青年报名加入): figures as a deck adds them."""
KICKER_MAX = 30
"""A plain line above a Markdown ## headline is its kicker only when it is at most this long (visible width)."""
PHOTO_HEADLINE_MAX = 12
"""Characters: the headline of photo news is a few words (冬训, 板栗花开, 春日花海迎游客)."""
PHOTO_CAPTION_MAX = 120
"""Characters: a photo's caption is a sentence or two."""
_CREDITED = rf"((?:{patterns.STAFF}\s*)?{patterns.NAME}(?:\s*(?:{patterns.STAFF}\s*)?{patterns.NAME})*)"
INLINE_CREDIT = re.compile(rf"。\s*(?:[(（]\s*{_CREDITED}\s*[/／]?\s*{patterns.alternatives(patterns.CREDIT_AFTER)}\s*[)）]"
                           rf"|{_CREDITED}\s*[/／]?\s*{patterns.alternatives(patterns.CREDIT_AFTER)}"
                           rf"|{patterns.CREDIT_BEFORE}\s*{_CREDITED})$")
"""A photo credit closing a caption: …赏秋。（记者 马骏 摄）, （记者 马骏 通讯员 韩雪 摄）, （本报记者 孟雪/摄）, or with
no brackets, …参观。记者 闫岩/摄, …交通手势。图/王磊."""
INLINE_PHOTO_HEADLINE_MAX = 20
"""Characters: photo news whose caption ends in its credit may have a headline as long as a news headline."""
SOURCE_BYLINE = re.compile(rf"^[(（]\s*({patterns.STAFF}\s*{patterns.NAME}(?:\s+(?:{patterns.STAFF}\s*)?{patterns.NAME})*)\s*[)）]$")
"""A story's byline printed under it in brackets: （通讯员 金桥）, （记者 张三 通讯员 李四）."""
SOURCE_CLOSING = re.compile(rf"[。！？!?]\s*[(（]\s*({patterns.STAFF}\s*{patterns.NAME}(?:\s+(?:{patterns.STAFF}\s*)?{patterns.NAME})*)\s*[)）]$")
"""A brief's writer in brackets closing its text: …归还失主。（通讯员 刘洋）."""
EDITOR_NOTE = re.compile(r"^(?:编者按|编者的话|编后|按语)\s*[:：]")
NOTE_BEFORE = re.compile(r"^(?:编者按|编者的话|按语)\s*[:：]")
"""An editor's note that introduces what follows it (not 编后, which comments on the article above it): under an
article's paragraphs it opens a new piece, never the article's next paragraph."""
"""An editor's note (编者按：…) is a piece of its own: what follows it is the next piece, not its sub-heading."""
BRIEF_COLUMN = re.compile(r"(?:简讯|快讯|短讯|速递|速览|资讯|动态|一句话新闻)】$")
"""A column label whose paragraphs are briefs, each a piece of its own: 【简讯】, 【社区动态】."""
BULLET = "■□●○◎◆◇▲△★☆▶►"
"""Marks that open each brief of a run of briefs with no headlines (■ 9月20日，…)."""
PLACE_ITEM = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:区|县|市|镇|乡|街道)[：:]\S")
"""A headline opening with a place and a colon (东城区：“文明引导员”上岗服务), as a bulletin heads each item."""
NUMBERED_ITEM = re.compile(r"^[一二三四五六七八九十]{1,3}、\S")
"""A headline numbered 一、: where an article's own headline is one, the next 二、 is the next item, not its sub-heading."""
SUBHEAD_CN = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")


@dataclass
class _Draft:
    """An article while its pieces are gathered; mutable only inside assemble(), frozen by finish()."""

    head: list[tuple[int, str]] = field(default_factory=list)
    headline: str | None = None
    headline_line: int | None = None
    kicker: str | None = None
    deck: str | None = None
    byline: str | None = None
    section: str | None = None
    kind: str = "news"
    continued_from: str | None = None
    has_lead: bool = False
    blocks: list[Block] = field(default_factory=list)
    closed: bool = False
    """Ended by a source line or (下转N版): whatever follows belongs to another article."""
    label_line: int | None = None
    brief: bool = False
    """A bulleted brief (■ 9月20日，…) with no headline: news of its own, not a continued fragment."""
    box: bool = False
    """Headed by a notice's or service box's title (小贴士): bulleted lines under it are its items, not briefs."""
    call: str | None = None
    """The line of the 【】 section label this draft took into its head, if it did."""


AUTHOR_NOTE = re.compile(r"^[（(]\s*作者(?:系|单位|为|是)")
"""A note on who the writer is under a signed piece: （作者系菊儿社区居民）, （作者单位：…）."""


def _shapes(pieces: list[Piece], markdown: bool) -> list[str]:
    """Say for each piece whether it reads as "head", "numbered" head, "exclaim" headline, "para" or its role."""
    shapes: list[str] = []
    for i, p in enumerate(pieces):
        if p.fix in HEAD_KINDS:
            shapes.append("head")  # the keeper says so
        elif p.role != "text":
            shapes.append(p.role)
        elif DAY_ITEM.match(p.text):
            shapes.append("para")  # 7月8日（星期六）　探访…: an item of a schedule, never a headline
        elif table_row(pieces, i):
            shapes.append("para")  # 桃花海景区　40元/人 over 丫髻山景区　50元/人: rows of a table, never a headline stack
        elif CONTACT_LINE.match(p.text):
            shapes.append("para")  # 德胜派出所：82098110: a phone line, never a headline or kicker
        elif _figure_item_of_list(pieces, i):
            shapes.append("para")  # 5.项目：疫情防控物资　金额：15320元 between 4. and 6.: an item of a list, never a head
        elif p.shape.closed:
            shapes.append("exclaim" if is_exclaim_headline(p.text, over_lead=_before_lead(pieces, i)
                                                           or _over_labelled_part(pieces, i))
                          or is_headline_pair(p.text) and _before_lead(pieces, i) else "para")
        elif is_headline_pair(p.text) and _chain_to_lead(pieces, i):
            shapes.append("head")
        elif p.shape.numbered_head:
            shapes.append("numbered")
        elif markdown:
            # Markdown marks its headings; a plain unfinished line is a head only above a lead, or
            # (short) right above a ## headline, as its kicker.
            shapes.append("head" if _chain_to_lead(pieces, i) or _kicker_of_mdh(pieces, i) else "para")
        else:
            after = bool(shapes) and shapes[-1] in ("head", "mdh")
            loose = not p.shape.stops and not p.shape.unbalanced
            shapes.append("head" if not p.shape.looks_cut(after) or (loose and _chain_to_lead(pieces, i)) else "para")
    return shapes


RESTATED_SHARE = 0.25
"""A brief's headline restates the news of its paragraph: at least this share of its character pairs are in it."""


def restates(headline: str, text: str) -> bool:
    """Tell whether a paragraph tells the news its headline says, as a brief does (长阳镇开通两条社区公交 / 日前，长阳镇
    开通两条社区微循环公交线路…; 小院装上智能水表 / …安装智能远传水表…): a share of the headline's character pairs
    are in the paragraph. A sub-heading names a part of an article's news, one the paragraphs under it go on about."""
    words = "".join(headline.split())
    pairs = {words[j:j + 2] for j in range(len(words) - 1)}
    return bool(pairs) and sum(1 for pair in pairs if pair in text) >= RESTATED_SHARE * len(pairs)


def _kicker_of_mdh(pieces: list[Piece], i: int) -> bool:
    nxt = pieces[i + 1] if i + 1 < len(pieces) else None
    return nxt is not None and nxt.role == "mdh" and nxt.level <= 2 and not pieces[i].shape.looks_cut() \
        and visible_len(pieces[i].text) <= KICKER_MAX


def _before_lead(pieces: list[Piece], i: int) -> bool:
    return i + 1 < len(pieces) and pieces[i + 1].role in ("lead", "author", "from")


def _figure_item_of_list(pieces: list[Piece], i: int) -> bool:
    # An item numbered in figures with the item before or after it (4., 6.) opening a piece straight by it.
    m = FIGURE_ITEM.match(pieces[i].text)
    if m is None:
        return False
    n = int(m.group(1))
    return any((e := FIGURE_ITEM.match(pieces[j].text)) is not None and int(e.group(1)) in (n - 1, n + 1)
               for j in (i - 1, i + 1) if 0 <= j < len(pieces) and pieces[j].role == "text")


def _over_labelled_part(pieces: list[Piece], i: int) -> bool:
    # Set apart (after a blank line or at a page's top) straight over a 【】 label and its text: a question over
    # 【案情】 heads the case it asks about, as one over its lead does.
    p = pieces[i]
    return (p.after_blank or p.page_top) and i + 2 < len(pieces) and pieces[i + 1].role == "section" \
        and not pieces[i + 1].after_blank and pieces[i + 2].role == "text"


def _chain_to_lead(pieces: list[Piece], i: int) -> bool:
    k = i
    while k < len(pieces) and k - i < 4 and pieces[k].role == "text" and not pieces[k].shape.closed:
        k += 1
    return k < len(pieces) and pieces[k].role in ("lead", "author", "from")


NEWS_WHEN = re.compile(r"近日|日前|近期|连日来|昨日|昨天|今天|今日|本周|上周|今年|\d{1,2}\s*月")
"""When a news item says it happened, in its first clause."""
PLACE_END = re.compile(r"(?:街道|社区|镇|乡|村|区|县|城|河畔|湖畔|桥畔|[江河湖]岸|沿线|脚下|中轴)$")
"""A bare line naming a place: a district, a street, a village, or a place by what it lies along (卢沟桥畔, 永定河沿线,
南中轴)."""
OCCASION_END = re.compile(r"(?:节|纪念日|宣传日|宣传周|活动周|安全月|周年|将至|将临|临近|来临|到来|前夕|之际|进行时|正当时)$")
"""A bare line naming an occasion (三八节, 安全生产月) or a time (清明将至, 冬奥进行时) over a headline says when, as a
kicker does."""
OCCASION_START = re.compile(r"^(?:喜迎|迎接|庆祝|纪念|欢度|共庆|献礼)")
"""A bare line greeting an occasion (喜迎七一, 庆祝三八) says when, as a kicker does."""
FORM_LABEL = re.compile(r"^(?:图片新闻|新闻图片|图片报道|图说新闻|简讯|快讯|短讯)$")
"""A column label naming the form of the pieces under it (photo news, briefs): never a kicker, which says what the
news is about."""
FROM_AT_END = re.compile(r"[(（]\s*(?:上接|接上|接)\s*第?\s*([0-9一二三四五六七八九十A-Za-z]{1,4})\s*版\s*[)）]\s*$")
"""…按同样的标准上课。（上接1版）: the jump mark printed at the end of a part's first paragraph, as （下转2版） ends the part
before it."""
FORM_END = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:访谈|专访|对话|述评|时评|短评|问答|答疑|议事厅|会客厅|信箱|直通车)$")
"""A column label ending in the form of the piece under it, an interview, a commentary or a forum where questions are
put and answered: 开学季访谈, 两会专访, 居民议事厅, 社区信箱."""
COLUMN_MAX = 4
"""A column label (战疫一线, 文化惠民) over a three-line stack is at most this long; a longer bare line is its kicker."""


GUIDED_SIDE_MIN = 2
"""Characters: a 导读 line names two stack lines together when it takes at least this many of each."""


def guided_across(above: str, below: str, guided: frozenset[str]) -> bool:
    """Tell whether the 导读 names two lines of a stack as one: the whole of both, or words running across the cut
    (导读 460余名“西城大妈”上岗 over the lines 新街口街道460余名“西城大妈” / 上岗协助街巷治理). A 导读 line shortens a
    headline, it does not join a kicker to it: words of both lines in one 导读 line are one headline."""
    a, b = "".join(above.split()), "".join(below.split())
    joined = a + b
    if joined in guided:
        return True
    for title in guided:
        at = joined.find(title)
        while at >= 0:
            if at <= len(a) - GUIDED_SIDE_MIN and at + len(title) >= len(a) + GUIDED_SIDE_MIN:
                return True
            at = joined.find(title, at + 1)
    return False


GUIDED_PART_MIN = 6
"""Characters: a stack line shares at least this many with a 导读 line that shortens or lengthens it."""


def guide_names_part(text: str, guided: frozenset[str]) -> bool:
    """Tell whether a 导读 line names a stack line with words added or left out: the one holds the other whole, its end
    mark aside (京西古道步道串起十二个村落 and 古道步道串起十二个村落！)."""
    bare = "".join(text.split()).rstrip("！!？?。")
    return len(bare) >= GUIDED_PART_MIN and any(bare in title or len(title) >= GUIDED_PART_MIN and title in bare
                                               for title in guided)


def is_column_label(text: str, below: list[str]) -> bool:
    """Tell whether the first line of a headline stack is a column label (the section of this article) rather than
    its kicker."""
    # The rule: a bare label of 2-6 characters, shorter than the line below it, and not a place or an occasion
    # (展览路街道, 三八节 over a headline say where or when, as a kicker does), and a column name's length (战疫一线,
    # 简讯; a longer one, 秋收进行时 or 老旧小区改造, says what the news is about, as a kicker does). Over two more
    # lines it is a label only when the two below make a headline and deck (——…); otherwise the three lines are
    # kicker, headline, deck.
    if FORM_LABEL.match(text) and len(below) == 1:
        return True  # 图片新闻 / 麦收时节: a label naming the piece's form labels its column, whatever the length below
    if FORM_END.match(text) and (len(below) == 1 or len(below) == 2 and (is_deck_like(below[1])
                                                                         or bool(PROFILE_DECK.match(below[1])))):
        return True  # 开学季访谈 over a headline and its ——访… deck: the form names the column, however long the label
    if not LABEL.match(text) or PLACE_END.search(text) or OCCASION_END.search(text) or OCCASION_START.match(text) \
            or visible_len(text) >= visible_len(below[0]):
        return False
    if visible_len(text) > COLUMN_MAX:
        return False
    return len(below) == 1 or len(below) == 2 and (is_deck_like(below[1]) or bool(PROFILE_DECK.match(below[1])))


def resolve_headline(lines: list[str]) -> tuple[str | None, int, str | None]:
    """Split a headline group into (kicker, index of the main headline, deck)."""
    kicker, main, deck, _ = call_headline(lines)
    return kicker, main, deck


def call_headline(lines: list[str], column: int = 0) -> tuple[str | None, int, str | None, str]:
    """Split a headline group into (kicker, index of the main headline, deck, the rule that decided); the rule
    ends in "(guess)" where the print gives no clear evidence, for sitegen check to show. `column` is the width of the
    file's text column in half-width cells (0: not set in one)."""
    # Rule, from how district papers set a 引题/主题/副题 stack:
    # - three lines: kicker, main, deck; more: first kicker, last deck, the rest is the main headline;
    # - two lines [A, B]: B is the deck if it opens with a dash or has a semicolon (汛前拟开展…演练;已排查…),
    #   names whom the piece visits (访… / 记…, the dash left off), names a series instalment (…系列报道之一),
    #   has clause commas where A, not a bare label, has none (…运动会开幕 / 设置16个项目，1.2万余名职工参赛),
    #   or opens with what A covers or is for (涉及14个村…, 将为…提供…: no subject of its own, detail of A's news);
    #   else A is the kicker if it names an event (…会议召开, …举行) or is a bare place (展览路街道); else the
    #   one with clause commas is the explanatory line (deck below, kicker above); else a series name over it
    #   (我们的节日·重阳) is the kicker; a question under a statement is the headline under its topic (垃圾分类推行半年
    #   / 小区里的变化你看到了吗？: a deck gives facts, a question none), and so is a question over a statement
    #   (楼门口的垃圾桶去哪了？ / 我区推行“撤桶并站”调查: the statement is its deck); an exclamation under a
    #   statement (…亲子游 / …科技魅力！), or a much longer second line in two phrases (“桶前值守”你参与了吗?
    #   志愿者带头分类投放), is a deck; a longer single phrase under a slogan is the headline (守护好“一盆净水” /
    #   密云水库蓄水量创近二十年新高), and otherwise A is the
    #   kicker (精细精准抓落实 确保… is the punchy main line under its event kicker). The last four are guesses;
    # - but before those guesses: where A is a full statement (a subject, then a verb reporting what happened:
    #   市级机关首批部门迁入行政办公区, 王府井步行街夜市开市) and B reports more (a verb of its own or figures:
    #   副中心建设迈入新阶段, 首晚客流超过3万人次), A is the headline and B its deck: a kicker gives the occasion,
    #   the campaign or the topic (庆祝…周年, 践行…理念, 城市绿心森林公园), never the news itself. Writers who
    #   had not read this parser labelled every such stack so. An event line (…召开, 召开…会议) stays the occasion,
    #   its kicker, even over figures: they are most often what it decided (…推进会召开 / 汛前将完成演练216场次).
    #   A short statement (six characters or fewer) whose verb the longer line below says again in full gives that
    #   line's topic: kicker and headline (赛后场馆开放 / 滑雪大跳台今年对公众开放三项体验).
    # Lines the column cut out of one headline are joined before any of this (cuts.join_cut_lines).
    if len(lines) == 1:
        return None, 0, None, "one line"
    if len(lines) >= 3:
        return lines[0], 1, lines[-1], f"{len(lines)} lines: kicker, headline, deck"
    a, b = lines
    commas = lambda s: any(c in s for c in "，,")  # noqa: E731
    if is_deck_like(b):
        return None, 0, b, "the second line opens with a dash or has a semicolon: a deck"
    if PROFILE_DECK.match(b) and not PROFILE_DECK.match(a):
        return None, 0, b, "the second line names whom the piece visits (访… / 记…): a deck"
    if INSTALMENT_END.search(b) and not INSTALMENT_END.search(a):
        return None, 0, b, "the second line names a series instalment (…系列报道之一): a deck"
    if commas(b) and not commas(a) and not LABEL.match(a):
        return None, 0, b, "the second line has clause commas: a deck"
    if SCOPE_DECK.match(b) and not SCOPE_DECK.match(a):
        return None, 0, b, "the second line says what the first covers or is for (涉及…, 将为…): a deck"
    if EVENT_END.search(a) or EVENT_HELD.search(a):
        return a, 1, None, "the first line names an event (…召开, …举行): a kicker"
    if LABEL.match(a) and (PLACE_END.search(a) or OCCASION_END.search(a) or OCCASION_START.match(a)):
        return a, 1, None, "the first line is a bare place, occasion or time (清明将至): a kicker"
    if commas(b) and not commas(a):
        return None, 0, b, "the second line has clause commas: a deck"
    if commas(a) and not commas(b):
        return a, 1, None, "the first line has clause commas: a kicker"
    if SERIES.match(a):
        return a, 1, None, "the first line names a series (我们的节日·重阳): a kicker"
    if _end_mark(b) in "？?" and _end_mark(a) not in "！!？?":
        return a, 1, None, "the second line is a question under a statement: the headline (guess)"
    if _end_mark(a) in "？?" and _end_mark(b) not in "！!？?":
        return None, 0, b, "the first line is a question over a statement: the headline (guess)"
    if _end_mark(b) in "！!" and _end_mark(a) not in "！!？?":
        return None, 0, b, "the second line is an exclamation under a statement: a deck (guess)"
    if visible_len(a) <= RESTATED_MAX and (v := STATEMENT_VERB.search(a)) and v.end() == len(a) \
            and a[v.start():] in b and visible_len(b) > visible_len(a):
        return a, 1, None, "a short statement whose verb the longer line below says again in full: kicker and headline"
    if column and display_width(b) > column + 2 and display_width(a) <= column:
        return a, 1, None, "the second line is wider than the text's column, the first not: the headline across columns"
    if visible_len(a) >= LONG_STATEMENT_MIN and not FIGURE.search(a) and STATEMENT_VERB.search(b) and FIGURE.search(b) \
            and not OCCASION_START.match(a) and len(a.split()) == len(b.split()) == 1:
        return None, 0, b, "a long line over a statement adding figures: headline and deck"
    if is_statement(a) and (STATEMENT_VERB.search(b) or FIGURE.search(b) or DONE.search(b)
                            or FIGURE_IN_WORDS.search(b)):
        return None, 0, b, "two statements, the second adding figures or a consequence: headline and deck"
    if visible_len(b) > 1.5 * visible_len(a) and len(b.split()) >= 2:
        return None, 0, b, "the second line is much longer and in two phrases: a deck (guess)"
    if LABEL.match(a) and visible_len(a) < visible_len(b):
        return a, 1, None, "a bare line longer than a column label over a longer one: a kicker (guess)"
    return a, 1, None, "no mark either way: the first line taken as the kicker (guess)"


RESTATED_MAX = 6
"""Characters: a short statement (赛后场馆开放) over a longer line saying its news again in full, its verb and all (滑雪大跳台
今年对公众开放三项体验), gives the topic: the line below is the headline."""


LONG_STATEMENT_MIN = 12
"""Characters: a line this long over a line reporting figures says the news itself (“家门口”的航站楼带火临空经济 over
首批12家企业签约入驻临空经济区), as a headline over its deck does: context a kicker gives is a shorter phrase. Each line is
one phrase: a line of two phrases set apart (平台将推广使用　汛前将完成演练216场次) is read by the other rules."""


def is_statement(text: str) -> bool:
    """Tell whether a headline line is a full statement: a subject (two characters or more), then a verb reporting
    what happened, set as one phrase (a slogan sets its phrases apart: 坚持接诉即办　回应群众关切)."""
    m = STATEMENT_VERB.search(text)
    return m is not None and m.start() >= 2 and len(text.split()) == 1 and _end_mark(text) not in "！!？?"


def _end_mark(text: str) -> str:
    """The last character of a line before its closing quotes: ！ in …在行动！”."""
    return text.rstrip("”’\"' ")[-1:]


TWO_LINE_KICKER = "a third line longer than the two above it, over a dash deck: a kicker in two lines (guess)"
FIXED = "as the sidecar's [[fix]] says"
GUIDED = "the 导读 names this line: the headline"
COLUMN_GUESS = "a short bare line over one headline: the column it runs in, not a kicker (guess)"
"""The call on 秋收进行时 over a headline: a column label and a kicker look alike in plain text."""


def fixed_stack(heads: list[Piece]) -> tuple[str | None, int, str | None] | None:
    """(kicker, index of the headline, deck) of a stack where the keeper named a line, else None."""
    fixes = [h.fix for h in heads]
    if "headline" in fixes:
        main = fixes.index("headline")
    elif "kicker" in fixes:
        main = min(fixes.index("kicker") + 1, len(heads) - 1)
    elif "deck" in fixes:
        main = max(fixes.index("deck") - 1, 0)
    else:
        return None
    join = lambda ps: " ".join(p.text for p in ps) or None  # noqa: E731
    return join(heads[:main]), main, join(heads[main + 1:])


def made_up_headline(text: str) -> str:
    """Make a headline from a text's first words, ending in … to show it was not printed."""
    # Readers see a continued fragment under its first words, 着力打好碧水保卫战…; the trailing … and
    # headline_line=None (with kind "fragment") let pages style it as not printed and say 上接1版.
    t = CONTINUED_FROM.sub("", text)
    t = BYLINE.sub("", t) if BYLINE.match(t) else LEAD.sub("", t)
    t = t.strip().lstrip(BULLET).strip()  # a bulleted brief's headline starts after its bullet
    m = re.search(r"[。！？!?；;]", t)
    cut = min(m.start() if m else len(t), 16)
    return (t[:cut].rstrip("，,、：: ") or "（无标题）") + "…"


def jump_page(printed: str) -> str:
    """The page a jump names, in figures: 下转第三版 and 下转第3版 both go on to "3版"."""
    number = page_count(printed) if set(printed) <= set("一二三四五六七八九十") else None
    return f"{number if number is not None else printed}版"


def photo_byline(credit: str) -> str | None:
    """Read the photographer from a credit: 记者 王慧雯 通讯员 梁爽 摄影报道 -> 记者 王慧雯 通讯员 梁爽."""
    return CREDIT_WORDS.sub("", credit).strip() or None


class _Assembler:
    """Walk the pieces once, keeping the article being built; one instance per parse."""

    def __init__(self, pieces: list[Piece], printed: dict[int, str], markdown: bool,
                 guided: frozenset[str] = frozenset(), indents: dict[int, int] | None = None, column: int = 0) -> None:
        self.pieces = pieces
        self.indents = indents or {}
        self.column = column
        """How many characters of white space each line is printed after."""
        self.guided = guided
        """The headlines the issue's 导读 blocks name (spaces removed)."""
        self.printed = printed
        self.shapes = _shapes(pieces, markdown)
        self.markdown = markdown
        self.cur: _Draft | None = None
        self.done: list[ParsedArticle] = []
        self.unplaced: list[tuple[int, str]] = []
        self.section: str | None = None
        """The last 【】 section label: the section of every article after it."""
        self.section_line: int | None = None
        """The label's line while no article has taken it yet."""
        self.brief_label: int | None = None
        """The index of the piece labelling the run of bulleted briefs below it (简讯), while the run lasts."""
        self.brief_column = False
        """Under a 【简讯】 label, while only paragraphs follow it: each is a brief of its own."""
        self.jumped = False
        """At a page's top: whether the last article before it jumps to another page (下转2版)."""

    def run(self) -> tuple[tuple[ParsedArticle, ...], tuple[tuple[int, str], ...]]:
        """Place every piece; return the articles and the lines no article took."""
        i = 0
        while i < len(self.pieces):
            i = self.step(i)
        self.finish()
        if self.section_line is not None:
            self.unplaced.append((self.section_line, self.printed[self.section_line]))
        return tuple(self.done), tuple(sorted(self.unplaced))

    def step(self, i: int) -> int:
        """Place the piece at i (and any it belongs with); return the index of the next unplaced piece."""
        p, shape = self.pieces[i], self.shapes[i]
        if p.page_top:
            # What the page's first line may go on: an article above that jumps (下转2版), if any.
            self.jumped = bool(self.done and self.done[-1].continued_on) if self.cur is None \
                else any(onward_pages(b.text) for b in self.cur.blocks)
        if p.fix in STARTS or p.page_top:
            self.finish()  # the keeper says an article starts here, or a new page does
        if shape != "para" or p.role != "text" or p.page_top or p.fix:
            self.brief_column = False
        if p.role == "section" and i + 1 < len(self.pieces) and self.shapes[i + 1] == "para" and BRIEF_COLUMN.search(p.text):
            # 【简讯】 over paragraphs with no headlines of their own: a column of briefs, each paragraph a piece of its
            # own (not a sub-heading of the article above, as 【楼道亮了】 between its paragraphs is).
            self.brief_column = True
        if p.role == "mdh":
            if p.level <= 2 or self.cur is None:
                self.start(heads=[p])
            else:
                self.block("h3", p)
            return i + 1
        if p.role == "section" and (self.in_body() or self.under_headline(p)) and i + 1 < len(self.pieces) \
                and self.shapes[i + 1] == "para" and not self.brief_column:
            # 【楼道亮了】 between an article's paragraphs, with a paragraph under it: a sub-heading of that article; so is
            # 【案情】 straight under a headline (and its writer) with no text yet, the first part of a case's account.
            self.block("h2", p)
            return i + 1
        if p.role == "section" and (m := SECTION.match(p.text)) and BOX_TITLE.match(section_name(m)) \
                and i + 1 < len(self.pieces) and self.shapes[i + 1] == "para":
            # 【温馨提示】 over text of its own, with no headline under it: the box's title, not a label over the next
            # article (a label over a headline, 【温馨提示】 / 春季谨防花粉过敏, stays one).
            self.start(heads=[p]).box = True
            return i + 1
        if p.role == "section":
            self.finish()
            if self.section_line is not None:  # two labels in a row: the first labels nothing
                self.unplaced.append((self.section_line, self.printed[self.section_line]))
            m = SECTION.match(p.text)
            self.section, self.section_line = (section_name(m) if m else p.text), p.lines[0]
            return i + 1
        if shape == "head" and self.markdown and _kicker_of_mdh(self.pieces, i):
            d = self.start(heads=[self.pieces[i + 1]])
            d.kicker = p.text
            d.head[-1:-1] = [(n, self.printed[n]) for n in p.lines]  # printed above the headline
            return i + 2
        if shape in ("head", "exclaim"):
            return self.heads(i)
        if shape == "numbered":
            if self.cur is None or self.cur.closed or self.is_sibling([p]):
                return self.heads(i)
            self.block("h3" if SUBHEAD_CN.match(p.text) else "h2", p)
            return i + 1
        return self.body(i)

    def heads(self, i: int) -> int:
        """Place a group of headline-like lines: a new article's headline stack, a sub-heading or a caption."""
        k = i + 1
        while k < len(self.pieces) and k - i < 4 and not self.new_stack(i, k):
            # A headline may end in ! or ? (“520”我们登记结婚啦!), above or below another headline line
            # or as a deck (——…!): it belongs to the stack when a lead follows.
            # (绿水青山间奏响奋进强音！ / ——代表们…，… over the lead: a deck between, a dash or clause commas telling it, is
            # part of the stack.)
            before_lead = k + 1 < len(self.pieces) and self.shapes[k + 1] in ("lead", "author", "from") or \
                k + 2 < len(self.pieces) and self.shapes[k + 1] == "head" and self.shapes[k + 2] in ("lead", "author", "from") \
                and (self.pieces[k + 1].text.startswith("——") or self.pieces[k + 1].shape.clauses)
            # 垃圾桶站为啥要“撤桶并站”？ / ——街道就…作出回应: a question or exclamation over a dash deck heads a stack
            dash_deck = k == i + 1 and self.pieces[k].text.startswith("——")
            if self.shapes[k] == "head" and (self.shapes[i] != "exclaim" or before_lead or dash_deck):
                k += 1
                continue
            if self.shapes[k] == "exclaim" and (before_lead or k == i + 1 and self.shapes[i] == "head"
                                                and k + 1 < len(self.pieces) and self.shapes[k + 1] in ("para", "numbered")
                                                and is_column_label(self.pieces[i].text, [self.pieces[k].text])):
                k += 1  # 政策问答 / 老旧小区加装电梯，怎么申请？ over its text: a column label over its question headline
                if before_lead and self.shapes[k] == "head":
                    k += 1  # the dash deck under it, over the lead
            break
        group = self.pieces[i:k]
        nxt = self.shapes[k] if k < len(self.pieces) else None
        if any(g.fix in HEAD_KINDS for g in group) and not self.is_photo(i, k):
            if any(g.fix in STARTS for g in group) or self.cur is None or self.cur.blocks:
                self.start(heads=group)  # the keeper named a line of this stack: it heads an article
            else:
                self.cur.deck = " ".join(g.text for g in group)  # a deck under the headline above
                self.cur.head.extend((n, self.printed[n]) for g in group for n in g.lines)
                self.cur.call = FIXED
            return k
        if self.is_photo(i, k):
            d = self.start(heads=group, kind="photo")
            self.block("caption", self.pieces[k])
            self.block("credit", self.pieces[k + 1])
            d.byline = photo_byline(self.pieces[k + 1].text)
            self.finish()
            return k + 2
        if (credit := self.inline_credit(i, k)) is not None:
            d = self.start(heads=group, kind="photo")
            self.block("caption", self.pieces[k])
            d.byline = credit
            self.finish()
            return k + 1
        if (credit := self.inline_credit(i, k + 1, two_lines=True)) is not None:
            # 春耕时节农机忙 / 4月12日，…在田间作业。 / 目前，全区春播已完成六成。　记者 马骏 摄: a caption of two sentences, the
            # first a line of its own, is one caption; its credit closes the second.
            d = self.start(heads=group, kind="photo")
            first, second = self.pieces[k], self.pieces[k + 1]
            d.blocks.append(Block("caption", first.text + second.text, first.lines + second.lines))
            d.byline = credit
            self.finish()
            return k + 2
        if self.shapes[i] == "exclaim" and nxt not in ("lead", "author", "from") and len(group) == 1 and \
                not self.over_first_part(i, k) and not self.flush_over_indented(i, k) and \
                not (i > 0 and self.shapes[i - 1] == "section" and nxt in ("para", "numbered")) and \
                not (nxt in ("para", "numbered") and (self.between_pieces(i) or self.is_brief()
                                                         and not HEADING_FORM.match(group[0].text))):
            # An exclamation is a headline above a lead, right under a 【】 label, or where no article is open to take
            # it as text (远离冰面！ after photo news, over its one paragraph), or after a brief, a headline and one
            # paragraph (垃圾桶挪个地方 / … / 充电桩装好啦！: a column of briefs; not a numbered one, 一、…！, which heads an
            # item of a list); otherwise it is text.
            return self.body(i)
        if self.over_first_part(i, k) or self.flush_over_indented(i, k):
            self.start(heads=group)
            return k
        if BOX_TITLE.match(group[0].text) and (len(group) > 1 or self.cur is not None and self.cur.blocks) \
                and (nxt in ("para", "numbered") if len(group) == 1 else nxt not in ("lead", "author", "from")):
            # A notice or service box under the news (温馨提示 / 假期外出请…; 小贴士 / ■…； / ■…。; 便民服务电话 /
            # 德胜派出所：82098110): its title heads it, bulleted items and all, where a sub-heading or a line of
            # text would otherwise be read.
            self.start(heads=group[:1])
            return i + 1
        if len(group) == 1 and k - i == 1 and self.is_bullet_brief(k) and LABEL.match("".join(group[0].text.split())):
            # A short label over a run of bulleted briefs (简讯 / ■ … / ■ …) names their column: each brief is an
            # article of its own, with no headline.
            self.finish()
            self.brief_label = i
            return k
        if nxt in ("lead", "author", "from"):
            if self.cur is not None and not self.cur.blocks and self.cur.deck is None and self.markdown:
                # A plain line between a Markdown headline and its lead is that headline's deck.
                self.cur.deck = " ".join(g.text for g in group)
                self.cur.head.extend((n, self.printed[n]) for g in group for n in g.lines)
                return k
            self.start(heads=group)
            return k
        if nxt in ("para", "numbered") and self.cur is not None and self.cur.continued_from and not self.cur.blocks \
                and self.cur.headline is None:
            # （上接1版） on a line of its own over a short line and the text: that line is the jump headline, set
            # under the mark as other papers set it above (密云水库 / 上接第1版).
            jumped, self.cur = self.cur, None
            d = self.start(heads=group)
            d.continued_from = jumped.continued_from
            d.head[:0] = [h for h in jumped.head if h not in d.head]
            return k
        if nxt in ("para", "numbered", "exclaim") and (len(group) >= 2 or self.cur is None or self.cur.closed
                                                        or self.is_brief() or self.is_sibling(group)
                                                        or group[0].after_blank or self.signed_below(k)
                                                        or self.heads_brief(i, k)):
            # A blank line before it, in a file that sets paragraphs without blank lines between them, ends the
            # article above: the line heads the next piece, not a sub-heading of the last.
            self.start(heads=group)
            return k
        if self.cur is None:
            self.unplaced.extend((n, self.printed[n]) for g in group for n in g.lines)
            return k
        # One short unfinished line between paragraphs is a sub-heading; above a credit it is a caption.
        for j, g in enumerate(group):
            last = j == len(group) - 1
            kind = "caption" if last and nxt == "credit" else "h2" if nxt in ("para", "numbered", "exclaim") else "p"
            self.block(kind, g)
        return k

    def indent_split(self, lines: list[tuple[int, ...]]) -> int | None:
        """Where a stack's kicker lines, set with one indent, give way to its headline, set with another (None where
        the indent does not change once, after two lines or more)."""
        indents = [self.indents.get(g[0], 0) for g in lines]
        changes = [j for j in range(1, len(indents)) if indents[j] != indents[j - 1]]
        return changes[0] if len(changes) == 1 and changes[0] >= 2 else None

    def new_stack(self, i: int, k: int) -> bool:
        """Tell whether the keeper's corrections start a new headline stack at piece k (of a group from i)."""
        fix = self.pieces[k].fix
        if fix in ("kicker", "start"):
            return True
        in_group = [p.fix for p in self.pieces[i:k]]
        return fix == "headline" and ("headline" in in_group or "deck" in in_group) or "deck" in in_group

    def is_sibling(self, group: list[Piece]) -> bool:
        """Tell whether a headline line has the form of the current article's own headline, 海淀区：… after 东城区：…,
        or 二、… after an article headed 一、…: the next item of a bulletin's round-up, not a sub-heading."""
        d = self.cur
        if len(group) != 1 or d is None or d.headline is None:
            return False
        text = group[0].text
        return any(bool(form.match(text) and form.match(d.headline)) for form in (PLACE_ITEM, NUMBERED_ITEM))

    def signed_below(self, k: int) -> bool:
        """Tell whether the paragraphs from piece k are signed under their last (□ 东言, ●石荣平, 文/李明) while the
        article being built already has its writer (本报讯（记者 周颖）): a piece of its own under a headline, not
        a sub-heading, since no article is signed twice."""
        d = self.cur
        if d is None:
            return False
        j = k
        while j < len(self.pieces) and self.shapes[j] == "para":
            j += 1
        if j == k + 1 and j < len(self.pieces) and self.pieces[j].role == "source" and self.ends_piece(j) \
                and len(d.blocks) >= 2 and d.blocks[-1].kind == "p" and is_closed(d.blocks[-1].text) \
                and not any(b.kind in ("h2", "h3", "source") for b in d.blocks):
            # 开展“委员进社区”活动 / one paragraph / （委员工作室）, under an article of finished paragraphs and no
            # sub-headings: a short piece its office signs, not the last section of the article above.
            return True
        if d.byline is None and not d.has_lead:
            return False
        items = k
        while items < len(self.pieces) and self.shapes[items] in ("para", "numbered"):
            items += 1
        if items > k and items < len(self.pieces) and self.pieces[items].role == "source" and self.ends_piece(items):
            return True  # 社区卫生服务中心调整夏季门诊时间 / its items / （昌平区卫生健康委）: an office signs a piece of its own
        if j > k and SOURCE_CLOSING.search(self.pieces[j - 1].text) and self.ends_piece(j - 1):
            return True  # 好人好事 / ●5月19日，…归还失主。（通讯员 刘洋）: a brief signed at its end
        return j > k and j < len(self.pieces) and self.pieces[j].role == "author" and self.ends_piece(j) \
            and (m := AUTHOR.match(self.pieces[j].text)) is not None and not m.group(2)

    def between_pieces(self, i: int) -> bool:
        """Tell whether the piece at i stands where no article is open to go on in it: after an article that ended
        (photo news, a source line, (下转2版)) or after a blank line that stands between pieces, not on a new page
        (where the part a jump continues may open, unless the article open above has no jump: none runs on across a
        page without one)."""
        p = self.pieces[i]
        return (self.cur is None or self.cur.closed) and not p.page_top or p.after_blank \
            or p.page_top and not self.jumped

    def heads_brief(self, i: int, k: int) -> bool:
        """Tell whether the one line at i, between an article's paragraphs, heads a brief of its own rather than a
        sub-heading: a statement longer than a column label and not bulleted (●加强组织领导 is marked as a sub-heading),
        over one finished paragraph that says when in its first clause as news does (日前，…; 东四街道近日为…) and
        restates the line's news, at the article's end (a headline stack over its lead or byline, photo news, a new page
        or the end follows), in an article with no sub-heading before it. Sub-headings come two or more to an article,
        each over the paragraphs that go on about it; a lone statement over one dated paragraph that says it again is the
        next piece (小院装上智能水表 / 东四街道近日为…安装智能远传水表…)."""
        d, line, text = self.cur, self.pieces[i].text, self.pieces[k].text
        if k - i != 1 or d is None or not d.blocks or any(b.kind in ("h2", "h3") for b in d.blocks) \
                or LABEL.match(line) or line[:1] in BULLET or self.shapes[k] != "para" or not self.pieces[k].shape.closed:
            return False
        return bool(NEWS_WHEN.search(re.split("[，,。]", text, maxsplit=1)[0])) and restates(line, text) \
            and self.starts_article(k + 1)

    def starts_article(self, j: int) -> bool:
        """Tell whether the piece at j opens an article: the end, a new page, a lead or byline, a headline stack
        (up to three lines) over one, or photo news (a headline over a caption closed by its credit)."""
        ps, shapes = self.pieces, self.shapes
        if j >= len(ps) or ps[j].page_top or shapes[j] in ("lead", "author", "from", "mdh", "section"):
            return True
        m = j
        while m < len(ps) and m - j < 3 and shapes[m] in ("head", "exclaim"):
            m += 1
        return m > j and m < len(ps) and (shapes[m] in ("lead", "author", "from") or self.is_photo(j, m)
                                          or self.inline_credit(j, m) is not None)

    def over_first_part(self, i: int, k: int) -> bool:
        """Tell whether the pieces i..k stand apart (after a blank line or at a page's top) straight over a 【】 label
        and its text: a question over 【案情】 heads the case it asks about."""
        return k == i + 1 and _over_labelled_part(self.pieces, i) and self.shapes[k + 1] == "para"

    def flush_over_indented(self, i: int, k: int) -> bool:
        """Tell whether the one exclamation at i stands after a blank line, flush, over a paragraph that opens with an
        indent: in a file that indents its paragraphs a flush line after a blank one is no paragraph of the text above
        but the head of the next piece (老戏楼“开嗓”？ / a blank line / 　　记者从…获悉，…)."""
        first = self.pieces[i].lines[0]
        return k == i + 1 and k < len(self.pieces) and self.shapes[i] == "exclaim" and self.shapes[k] == "para" \
            and first > 1 \
            and first - 1 not in self.printed and self.indents.get(first, 0) == 0 \
            and self.indents.get(self.pieces[k].lines[0], 0) > 0

    def under_headline(self, p: Piece) -> bool:
        """Tell whether the piece stands straight under the headline stack of the article being built, no text and no
        blank line between."""
        return self.cur is not None and self.cur.headline is not None and not self.cur.blocks and not self.cur.closed \
            and not p.after_blank

    def in_body(self) -> bool:
        """Tell whether an article is being built, has paragraphs and is not closed by a source line or (下转N版)."""
        return self.cur is not None and bool(self.cur.blocks) and not self.cur.closed

    def ends_piece(self, i: int) -> bool:
        """Tell whether the piece at i is the last of its article: a new start, a section or the end follows."""
        after = self.shapes[i + 1] if i + 1 < len(self.pieces) else None
        if after == "source" and AUTHOR_NOTE.match(self.pieces[i + 1].text) and not self.pieces[i + 1].after_blank:
            return self.ends_piece(i + 1)  # 文/周立华 over （作者系菊儿社区居民）: the note on its writer closes the piece
        return after in (None, "mdh", "section", "head", "exclaim", "lead", "author", "from") or \
            self.pieces[i + 1].page_top or self.pieces[i + 1].after_blank

    def is_brief(self) -> bool:
        """Tell whether the article being built is a brief: a headline and one paragraph, no lead, no byline."""
        d = self.cur
        return d is not None and d.headline is not None and not d.has_lead and d.byline is None \
            and [b.kind for b in d.blocks] == ["p"]

    def is_photo(self, i: int, k: int) -> bool:
        """Tell whether a headline (perhaps under a kicker), one paragraph and a credit, then a new start, a new page
        or the end, make a photo story."""
        ps, shapes = self.pieces, self.shapes
        if k - i > 2 or k + 1 >= len(ps) or ps[k].role != "text" or shapes[k + 1] != "credit":
            return False
        after = shapes[k + 2] if k + 2 < len(ps) else None
        if after not in (None, "mdh", "section", "head", "exclaim", "lead", "author", "from") and \
                not ps[k + 2].page_top:  # a new page ends the piece, whatever opens it
            return False
        if shapes[i] == "exclaim" or PHOTO_REPORT.search(ps[k + 1].text) or self.cur is None or self.cur.closed:
            return True
        # Inside an article a caption over a credit is a photo of it; a short headline over them, with the
        # credit the last line before the next article, is photo news of its own.
        return visible_len(ps[i].text) <= PHOTO_HEADLINE_MAX and visible_len(ps[k].text) <= PHOTO_CAPTION_MAX

    def inline_credit(self, i: int, k: int, two_lines: bool = False) -> str | None:
        """The photographer of photo news whose credit closes its caption: a short headline, then one paragraph
        ending （记者 马骏 摄）, then a new start, a run of bulleted briefs or the end (运河秋色 / 10月9日，市民在…赏秋。
        （记者 马骏 摄））; with two_lines, the caption is the paragraph at k - 1, one printed line, and the one at k, no longer
        than a caption together."""
        ps, shapes = self.pieces, self.shapes
        if two_lines and not (k < len(ps) and shapes[k - 1] == "para" and len(ps[k - 1].lines) == 1
                              and ps[k - 1].shape.closed
                              and visible_len(ps[k - 1].text + ps[k].text) <= PHOTO_CAPTION_MAX):
            return None
        if k - i > 2 + two_lines or k >= len(ps) or shapes[k] != "para" \
                or visible_len(ps[i].text) > INLINE_PHOTO_HEADLINE_MAX:
            return None
        after = shapes[k + 1] if k + 1 < len(ps) else None
        m = INLINE_CREDIT.search(ps[k].text)
        if m is None or after not in (None, "mdh", "section", "head", "exclaim", "lead", "author", "from") \
                and not self.is_bullet_brief(k + 1):  # a run of bulleted briefs (●…) starts pieces of its own
            return None
        return next(g for g in m.groups() if g).strip()

    def body(self, i: int) -> int:
        """Place a lead, author line, continued paragraph, paragraph, credit or source line."""
        p = self.pieces[i]
        if p.role == "lead":
            d = self.headed()
            d.has_lead = True
            m = BYLINE.match(p.text)
            d.byline = d.byline or (next(g for g in m.groups() if g).strip() if m else None)
            self.block("p", p)
        elif p.role == "signoff":
            if self.cur is None:
                self.unplaced.extend((n, self.printed[n]) for n in p.lines)
                return i + 1
            # A notice's issuer and date under its text sign it: the issuer is its byline.
            if self.cur.byline is None and not DATE_ONLY.match(p.text):
                self.cur.byline = p.text
            self.cur.head.extend((n, self.printed[n]) for n in p.lines)
            self.cur.closed = True
        elif p.role == "author":
            m = AUTHOR.match(p.text)
            if m and m.group(1) and self.in_body() and (self.cur.byline or self.cur.has_lead) \
                    and i + 1 < len(self.pieces) and self.shapes[i + 1] == "para" and not self.ends_piece(i):
                # ■相关链接 between the paragraphs of an article that has its writer: a bulleted sub-heading, not
                # a second signature.
                self.block("h2", p)
                return i + 1
            if m and self.in_body() and self.cur.byline is None and self.ends_piece(i):
                # □ 西言 under a commentary's last paragraph signs it, and 读者 李秀英 a letter: the signature, not
                # a new article's byline.
                self.cur.byline = author_byline(m)
                if m.group(1):
                    self.cur.kind = "commentary"
                self.cur.head.extend((n, self.printed[n]) for n in p.lines)
                self.cur.closed = True
                return i + 1
            d = self.headed()
            d.byline = author_byline(m) if m else p.text
            if m and m.group(1):  # a bulleted name (●石荣平) signs a commentary; 本报记者 张三 a report
                d.kind = "commentary"
            d.head.extend((n, self.printed[n]) for n in p.lines)
        elif p.role == "from":
            d = self.headed()
            m = CONTINUED_FROM.match(p.text)
            d.continued_from = jump_page(m.group(1)) if m else None
            if is_from_line(p.text):  # 上接第1版 on its own line, under the jump headline: part of the head
                d.head.extend((n, self.printed[n]) for n in p.lines)
            else:
                self.block("p", p)
        elif self.brief_column:
            d = self.start()
            d.brief = True
            self.block("p", p)
            self.cur.closed = True
        elif self.is_bullet_brief(i) and not (self.cur is not None and self.cur.box and not self.cur.closed):
            d = self.start()
            d.brief = True
            j = i - 1
            while j >= 0 and self.is_bullet_brief(j):
                j -= 1
            if j >= 0 and j == self.brief_label:
                label = self.pieces[j]
                d.section = label.text
                if j == i - 1:
                    d.head.extend((n, self.printed[n]) for n in label.lines)
            self.block("p", p)
            self.cur.closed = True
        else:
            kind = {"credit": "credit", "source": "source"}.get(p.role, "p")
            if kind == "p" and (credit := self.headless_caption(i)) is not None:
                # 　　9月7日，区消防支队…演练。记者 刘洋 摄 as the last paragraph under a news story with its lead: a
                # photo's caption set in the column with no headline, a piece of its own (the story's text is not
                # credited to a photographer).
                d = self.start(kind="photo")
                self.block("caption", p)
                d.byline = credit
                self.finish()
                return i + 1
            if self.cur is None or (self.cur.closed or self.in_body() and NOTE_BEFORE.match(p.text)) and kind == "p":
                if kind != "p":  # a credit or source line with no article above it
                    self.unplaced.extend((n, self.printed[n]) for n in p.lines)
                    return i + 1
                self.start()  # text with no headline of its own: a fragment
            self.block(kind, p)
        return i + 1

    def headless_caption(self, i: int) -> str | None:
        """The photographer of a caption with no headline closing a news story (a paragraph of a caption's length
        ending in its credit, after the story's lead, last before a new start), else None."""
        p = self.pieces[i]
        if self.cur is None or self.cur.closed or not self.cur.has_lead or not self.cur.blocks \
                or visible_len(p.text) > PHOTO_CAPTION_MAX or p.text.startswith("图为") or not self.ends_piece(i):
            return None
        m = INLINE_CREDIT.search(p.text)
        return next(g for g in m.groups() if g).strip() if m else None

    def is_bullet_brief(self, i: int) -> bool:
        """Tell whether the piece at i is one of a run of paragraphs each opening with the same bullet (■ 9月20日，…):
        briefs with no headlines, each a piece of its own."""
        if not 0 <= i < len(self.pieces) or self.shapes[i] != "para":
            return False
        mark = self.pieces[i].text[:1]
        return mark in BULLET and any(0 <= j < len(self.pieces) and self.shapes[j] == "para"
                                      and self.pieces[j].text[:1] == mark for j in (i - 1, i + 1))

    def headed(self) -> _Draft:
        """Return the article whose head was just read (no body yet), or start one with no headline."""
        if self.cur is None or self.cur.blocks or self.cur.closed:
            return self.start()
        return self.cur

    def start(self, heads: list[Piece] | None = None, kind: str = "news") -> _Draft:
        """Finish the article being built and start the next, with its headline stack if printed."""
        self.finish()
        d = _Draft(kind=kind)
        heads = list(heads or [])
        if self.section:
            d.section = self.section  # a 【】 label carries on to every article until the next label
            if self.section_line is not None:
                d.head.append((self.section_line, self.printed[self.section_line]))
                d.label_line, self.section_line = self.section_line, None
        fixed = any(h.fix in HEAD_KINDS for h in heads)
        column = False
        label = heads[0] if len(heads) >= 2 and len(heads[0].lines) == 1 and not fixed else None
        if label and is_column_label(label.text, [h.text for h in heads[1:]]):
            # A bare column label (战疫一线) over a headline names the section of this article only.
            d.section = heads[0].text
            d.head.extend((n, self.printed[n]) for n in heads[0].lines)
            heads = heads[1:]
            column = len(heads) == 1
        if heads:
            lines = [h.lines for h in heads]
            joined = None
            if not fixed:
                # 以新发展理念引领 / 回天地区高质量发展, 首晚客流超过 / 3万人次: a line that is not a phrase on its own is
                # part of the line it needs, one headline the column cut (cuts.join_cut_lines says when).
                stack, joined = join_cut_lines([h.text for h in heads])
                texts = ["".join(heads[j].text for j in g) for g in stack]
                lines = [tuple(n for j in g for n in heads[j].lines) for g in stack]
            else:
                texts = [h.text for h in heads]
            named = [j for j, t in enumerate(texts) if "".join(t.split()) in self.guided]
            if not named and not fixed and (pair := next((j for j in range(len(texts) - 1)
                                                          if guided_across(texts[j], texts[j + 1], self.guided)), None)) is not None:
                # 副中心图书馆试开放首周 / 接待读者逾万人次, which the 导读 names as one line, or 新街口街道460余名“西城大妈” /
                # 上岗协助街巷治理, whose 导读 line (460余名“西城大妈”上岗) runs across the cut: one headline the column cut.
                texts[pair:pair + 2] = [texts[pair] + texts[pair + 1]]
                lines[pair:pair + 2] = [lines[pair] + lines[pair + 1]]
                named = [pair]
            if not named and not fixed:
                # ◎京西古道步道串起十二个村落 names 古道步道串起十二个村落！ with the place added: a 导读 line takes a
                # headline's words, shortened or lengthened, and no other line of its stack.
                named = [j for j, t in enumerate(texts) if guide_names_part(t, self.guided)]
            if fixed := fixed_stack(heads):
                d.kicker, main, d.deck = fixed
                d.call = FIXED
            elif len(texts) >= 2 and len(named) == 1:
                # The 导读 names one line of the stack (▶社区健身驿站上新　4版): the print itself says it is the headline.
                main = named[0]
                d.kicker, d.deck = " ".join(texts[:main]) or None, " ".join(texts[main + 1:]) or None
                d.call = GUIDED
                fixed = True
            else:
                d.kicker, main, d.deck, d.call = call_headline(texts, self.column)
                if column:
                    d.call = COLUMN_GUESS
                elif joined == BARE_SUBJECT or joined and len(texts) == 1:
                    d.call = joined  # the join is the call that matters; a guess is shown as one
            # Four lines or more: the ones between kicker and deck are one headline the column cut, joined as printed.
            d.headline = "".join(texts[1:-1]) if len(texts) >= 4 and not fixed else texts[main]
            if len(texts) >= 4 and not fixed and (split := self.indent_split(lines[:-1])):
                # 　　打通回天“微循环” / 　　居民出行少绕路 / 回天地区三条断头路本月底贯通 / ——…: the kicker's lines are set
                # with the same indent, the headline's with another; the indent says where the kicker ends.
                d.kicker = "".join(texts[:split])
                d.headline = "".join(texts[split:-1])
                main = split
            elif len(texts) == 4 and not fixed and is_deck_like(texts[-1]) \
                    and visible_len(texts[2]) > max(visible_len(texts[0]), visible_len(texts[1])):
                # With no indent to tell, a third line longer than both above it, over a dash deck, is the headline in
                # the largest type, and the two short lines above it a kicker set in two (打通回天“微循环” /
                # 居民出行少绕路 / 回天地区三条断头路本月底贯通 / ——…); a guess, for sitegen check to show.
                d.kicker = "".join(texts[:2])
                d.headline = texts[2]
                main = 2
                d.call = TWO_LINE_KICKER
            # ■区法院设立巡回法庭 over its lead: the bullet marks the item in a column of briefs, it is not a word.
            d.headline = d.headline.lstrip(BULLET).strip() or d.headline
            d.headline_line = lines[main][0]
            d.head.extend((n, self.printed[n]) for h in heads for n in h.lines)
            d.box = bool(BOX_TITLE.match(d.headline)) and d.kicker is None and d.deck is None
        self.cur = d
        return d

    def block(self, kind: str, p: Piece) -> None:
        """Add a block to the article being built; a source line or (下转N版) at its end closes the article."""
        assert self.cur is not None
        self.cur.blocks.append(Block(kind, p.text, p.lines))
        if kind == "source":
            # (石景山区文明办) signs off an item; in a service box a bracketed line, (周一至周五 9:00-17:00), is one of
            # its items' hours.
            self.cur.closed = not self.cur.box
            m = SOURCE_BYLINE.match(p.text)
            if m and self.cur.byline is None:
                self.cur.byline = m.group(1).strip()  # (通讯员 金桥) under a story signs it
        elif kind == "p" and EDITOR_NOTE.match(p.text):
            self.cur.closed = True
        elif kind == "p" and len(self.cur.blocks) == 1 and self.cur.continued_from is None \
                and (m := FROM_AT_END.search(p.text)):
            self.cur.continued_from = jump_page(m.group(1))
        elif (m := CONTINUED_ON.search(p.text)) and p.text.rstrip().endswith((")", "）")) and "下转" in m.group(0) \
                or ONWARD_BARE.search(p.text):
            self.cur.closed = True  # the rest of this article is on another page

    def finish(self) -> None:
        """Freeze the article being built; one with no body gives its head lines to unplaced."""
        d, self.cur = self.cur, None
        if d is None:
            return
        if not d.blocks:
            if d.label_line is not None and self.section_line is None:
                # The label was not used up: it goes to the next article that takes the section.
                self.section_line = d.label_line
            self.unplaced.extend(h for h in d.head if h[0] != self.section_line)
            return
        kind = d.kind
        headline = d.headline
        if headline is None:
            headline = made_up_headline(d.blocks[0].text)
            if kind == "news" and not d.has_lead and not d.brief:
                kind = "fragment"
        onward = [page for b in d.blocks for page in onward_pages(b.text)]
        lines = [n for n, _ in d.head] + [n for b in d.blocks for n in b.lines]
        if d.byline is None and not d.has_lead and d.blocks[-1].kind == "p" \
                and (m := SOURCE_CLOSING.search(d.blocks[-1].text)):
            d.byline = m.group(1).strip()  # …归还失主。（通讯员 刘洋）: the writer signs the piece at its end
        if d.byline is None and not d.has_lead and d.headline is not None and kind == "news" \
                and [b.kind for b in d.blocks] == ["p", "credit"]:
            # A headline, one paragraph and a credit closing the piece are photo news, however long the headline
            # (中秋游园会上的“科技范儿” / 9月13日，… / 图/张晓峰): the photographer is its byline.
            kind, d.byline = "photo", photo_byline(d.blocks[1].text)
            d.blocks[0] = Block("caption", d.blocks[0].text, d.blocks[0].lines)
        self.done.append(ParsedArticle(
            headline=headline, blocks=tuple(d.blocks), first_line=min(lines), last_line=max(lines),
            kicker=d.kicker, deck=d.deck, byline=d.byline, section=d.section, kind=kind,
            continued_from=d.continued_from, continued_on=jump_page(onward[-1]) if onward else None,
            headline_line=d.headline_line, head=tuple(sorted(d.head)),
            call=d.call if d.kicker or d.deck or d.call in (FIXED, GUIDED, COLUMN_GUESS, JOINED, BARE_SUBJECT) else None,
        ))


def assemble(
    pieces: list[Piece], printed: dict[int, str], markdown: bool, guided: frozenset[str] = frozenset(),
    indents: dict[int, int] | None = None, column: int = 0,
) -> tuple[tuple[ParsedArticle, ...], tuple[tuple[int, str], ...]]:
    """Group body pieces into articles, knowing the headlines the 导读 names and the width of the text's column (in
    half-width cells, 0 for none); return them with the lines no article could take."""
    return _Assembler(pieces, printed, markdown, guided, indents, column).run()
