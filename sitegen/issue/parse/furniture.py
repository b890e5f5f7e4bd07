"""Page furniture: the masthead at the top of an issue, the colophon at its end, and the facts they print."""
from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass

from .lines import AUTHOR, CONTINUED_FROM, LEAD, MD_HEADING, SECTION, is_closed, signoff_lines, visible_len
from ...errors import Problem
from ...lexicon import Places

log = logging.getLogger(__name__)

DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
WORD_DATE = re.compile(r"([〇零一二三四五六七八九]{4})\s*年\s*(十[一二]?|[一二三四五六七八九])\s*月"
                       r"\s*(三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])\s*日")
"""A date written in words, as some mastheads print it: 二〇二三年六月九日."""
ISSUE_NO = re.compile(r"(?<!总)第\s*(\d+)\s*期")
TOTAL_NO = re.compile(r"总\s*第\s*(\d+)\s*期")
PAGES = re.compile(r"(?:本期(?:专刊|特刊)?|今日|共)\s*共?\s*(\d+|[一二三四五六七八九十]{1,3})\s*版")
_CN_DIGITS = "一二三四五六七八九"

# A line made only of these tokens is a dateline or issue line: 2020年4月16日 星期四 (农历) 丙申年九月廿一, 第30期(总第1907期)本期8版.
_DATELINE_TOKENS = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*年(?=\s*第\s*\d+\s*期)|星期[一二三四五六日天]|周[一二三四五六日]|农历\S+"
    r"|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年(?:闰?[正一二三四五六七八九十冬腊]{1,2}月"
    r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]?|廿[一二三四五六七八九十]?|二十[一二三四五六七八九]?|三十))?"
    r"|" + WORD_DATE.pattern + r"|总\s*第\s*\d+\s*期|第\s*\d+\s*期|(?:本期(?:专刊|特刊)?|今日|共)\s*共?\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*版|第\s*\d+\s*版"
    r"|[\s()（）|｜·•/／,，、-]"
)
_PAPER_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,14}(?:报|简报|日报|晚报|周报|周刊|快报|专刊|通讯|时讯|村讯|政务信息|信息|动态)"
                         r"|[\u4e00-\u9fff]{4,14}(?:简讯|快讯))$")
"""A paper's or bulletin's name: 昌平报, 通州时讯, 皇木厂村村讯, 丰台区政务信息, 德胜街道工作简讯 (a 简讯 or 快讯 with the name of who
issues it: a column is 社区简讯)."""
_INTERNAL_NOTE = re.compile(r"^[(（]?\s*内部资料")
"""A newsletter's note that it is for internal use, under its name: （内部资料　免费交流）, 内部资料　注意保存."""
_LICENCE = re.compile(r"准印证|刊号|CN\s*\d{2}-|国内统一连续出版物号|邮发代号|内部资料|免费交流|免费赠阅")
"""A licence or circulation note: 准印证号, 国内统一刊号, 内部资料　免费交流 (a newsletter's)."""
_WEB = re.compile(r"https?://|www\.|\.(?:com|cn|net|org)\b", re.I)
_ENGLISH_TITLE = re.compile(r"^[A-Z][A-Z .&'-]{3,}$")
_CHANNEL = re.compile(r"(?:公众号|微信|微博|客户端|抖音号|视频号|二维码)$")
_PUBLISHER = re.compile(r"(?:主办|出版|主管|承办|协办|编印|印发|编辑部|办|机关报)$")
_PUBLISHER_FIRST = re.compile(r"^(?:主办|出版|主管|承办|协办|编印)(?:单位)?\s*[:：]")
_PUBLISHER_WORD = re.compile(r"(?:^|\s)(?:主办|出版|主管|承办|协办|编印)$")
"""The publisher's word standing apart after the names: 中共…街道工作委员会　…街道办事处　主办."""
_CONTACT = re.compile(r"^[●•·]?\s*[^:：]{1,12}[:：]\s*[\d\s-]{3,}$")
_EDITOR = re.compile(r"^(?:本版|本期)?(?:责编|责任编辑|编辑|校对|核稿|审核|审校|美编|版式|制版|签发|终审|组版)\s*[:：]")
# Page furniture between and inside pages: a page's running head (第2版 with its date, name or editors), a
# 导读 block (导读, then ▶ lines ending in a page), weather, the paper's address, hotlines and subscription notes.
_PAGE_NO = re.compile(r"第\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*[版页]|^[A-H]\d{1,2}(?=\s)|(?:^|\s)\d{1,2}\s*版(?=\s|$)")
"""A page as a running head names it: 第2版, 第三版 (a bulletin's 第2页), a section's letter and page opening the line (B02, A3), or the
page and 版 standing apart (服务　7版　责任编辑：…)."""
_PAGE_LABELLED = re.compile(r"^(?:【[\u4e00-\u9fff·]{2,6}】\s*|[\u4e00-\u9fff·]{2,6}\s+)第\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*版$"
                            r"|^第\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*版(?:\s*【[\u4e00-\u9fff·]{2,6}】|\s+[\u4e00-\u9fff·]{2,6})$")
"""A running head of the page's name (in 【】 or set apart) and its 第N版, in either order: 【社区】第3版, 第2版　要闻."""
_PAGE_NAMED = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}(?:\s*[·•]\s*[\u4e00-\u9fff]{2,6})?\s+\d{1,2}"
                         r"|\d{1,2}\s+[\u4e00-\u9fff]{2,6}(?:\s*[·•]\s*[\u4e00-\u9fff]{2,6})?)$")
"""A running head of the page's name and its bare number, in either order: 要闻　2, 4　理论周刊, 4　怀柔·乡镇,
德胜 · 专版　2."""
_RUNNING_DATE = re.compile(DATE.pattern + r"|\d{4}\.\d{1,2}\.\d{1,2}(?!\d)")
"""A running head's date, also in figures with dots: 2019.11.29."""
_PAGE_STAFF = re.compile(r"责任编辑|责编|美术编辑|美编|版式|校对|(?:本版|本期)编辑|编辑\s*[:：/／]"
                         r"|(?:^|\s)编辑\s+[\u4e00-\u9fff]{2,4}(?:\s|$)")
_STAFF_ROLE = r"(?:本版|本期)?(?:责任编辑|美术编辑|责编|美编|编辑|校对|版式(?:设计)?|摄影|核稿|审核|审校|制版|组版|签发|终审)"
_STAFF_LINE = re.compile(rf"^(?:({_STAFF_ROLE})\s*[:：/／]?\s*(?:[\u4e00-\u9fff·]{{2,4}}|[\u4e00-\u9fff] [\u4e00-\u9fff]{{1,2}})"
                         rf"\s*(?:[|｜]\s*(?=\S))?)+$")
"""A line of the page's editors, each role followed by a name, apart by spaces, by | or with ：or /: 责任编辑  杨帆
美术编辑  许诺, 编辑/何静  校对/田野, 责编 冯涛  校对 白雪  美编 冯涛, 编辑 黄鹂 | 美编 张扬 | 校对 孙明; a two-character
name may be set with a space between (美编 刘 畅   责任编辑 王 慧)."""
_PAGE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:[·•][\u4e00-\u9fff]{2,6})?$")
"""A page's name as its running head prints it on a line of its own: 要闻, 专题·世园会, 社区·民生."""
_BARE_PAGE = re.compile(r"^(?:\d{1,2}|[·•]\s*\d{1,2}\s*[·•])$")
"""A page's bare number in a running head, also between dots: 2, ·2·."""
_NEWSLETTER_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,8}之(?:声|窗)$")
"""A 街道's or community's newsletter named as its voice or window: 清河之声, 和平里之窗."""
_SPACED_TITLE = re.compile(r"^[\u4e00-\u9fff](?:\s+[\u4e00-\u9fff]){1,5}$")
"""A paper's title set letter-spaced on the masthead's first line: 德  胜."""
_JUMP = re.compile(r"(?:下转|上接|转|接)\s*第?\s*[\dA-Za-z一二三四五六七八九十]{1,4}\s*版")
"""A jump to or from another page (（下转第 3 版）, 上接第1版): article text, however a column cut it."""
_RULE_LINE = re.compile(r"^[—―─━=＝_＿\-－~～·•*＊]{4,}$")
"""A printed rule across the column: nothing but dashes, lines or dots."""
_BOX_EDGE = re.compile(r"^[┌└├╔╚╠┏┗┣+][─━═\-]{2,}[┐┘┤╗╝╣┓┛┫+]$")
"""A box's top or bottom edge drawn in rule characters, corners and all: ┌────┐, └────┘."""
_PAGE_MARK = re.compile(r"^[—－\-]\s*\d{1,2}\s*[—－\-]$")
"""A page's number between dashes at its foot: —1—, - 2 -."""
_GUIDE = re.compile(r"^【?(?:今日|本期|本版)?(?:导\s*读|要\s*目|目\s*录)】?$")
_GUIDE_INLINE = re.compile(r"^(?:(?:今日|本期|本版)?导\s*读\s*[:：]|【(?:今日|本期|本版)?导\s*读】).*\d+\s*版\s*[)）]?$")
"""A 导读 set on one line: 今日导读：模式口大街改造完工（3版）　老山街道便民菜站开张（4版）, 【导读】…　　见第2版."""
_LEADER_PAGE = re.compile(r"[…．.·]{2,}\s*\d{1,2}$")
"""A contents line's leader dots and bare page number: 全民阅读季启动…………2."""
_GUIDE_ITEM = re.compile(r"^[▶►▷◆◇■●★☆]\s*\S.*?(?:第?\s*\d+\s*版|[(（]\s*第?\s*\d+\s*版\s*[)）])$")
_WEATHER = re.compile(r"^(?:今日|明日|今天|明天)?天气(?:预报)?\s*[:：]")
_FORECAST_ISSUED = re.compile(r"^[\u4e00-\u9fff]{0,8}气象台\s*(?:\d{1,2}\s*月\s*\d{1,2}\s*日\s*)?\d{0,2}时?\s*发布\s*[:：]\s*"
                              r"(?:今天|今日|明天|明日|今晚|今夜)")
"""A forecast quoted from the weather office, one sentence on a line of its own: 朝阳区气象台5月13日发布：今天白天…."""
_FORECAST = re.compile(r"[晴阴雨雪云雾霾]")
_DEGREES = re.compile(r"-?\d+\s*(?:℃|°C)")
_PAGE_REF = re.compile(r"(?:第?\s*\d+\s*版|[(（]\s*第?\s*\d+\s*版\s*[)）])$")
_NOTICE = re.compile(
    r"^(?:本报|[\u4e00-\u9fff]{1,8}报|《[\u4e00-\u9fff]{1,8}报》)?(?:社|编辑部|[\u4e00-\u9fff]{1,4}版)?(?:地址|社址|广告(?:部)?(?:热线|电话)?|新闻热线|热线电话|订阅(?:热线|电话)|发行(?:部|热线|电话)?|邮发代号"
    r"|邮编|印刷|定价|广告经营许可证|广告许可证|(?:本版|投稿)?邮箱|新闻投稿|发行热线|热线)\s*[:：]|^(?:《[^》]{2,14}》)?欢迎订阅"
    r"|(?:^|\s)编印(?:\s|$)"
)
_HOTLINE = re.compile(r"^[\u4e00-\u9fff]{2,12}热线\s*[:：]\s*[\d\-－]{5,}(?:\s*[(（][^()（）]{1,12}[)）])?$")
"""A hotline on a line of its own, its number and hours only: 桃花节游客服务热线：89991234（24小时）. A line naming
who answers, 德胜派出所：82098110, is text."""
_AD_LABEL = re.compile(r"^(?:广告|公益广告|分类广告|广而告之)$")
"""The label standing apart at the start of an advertising line."""
PAGE_FURNITURE_MAX = 80
"""Visible characters: a running head, hotline or subscription note is one short line."""
_TAIL = re.compile(r"^(?:电话|传真|邮箱|电子邮箱|地址|邮编|网址|报|送|发|抄送|主送|印发|联系人|印数|印量)\s*[:：]"
                   r"|^[(（]?共印\s*\d+\s*份[)）]?$")
"""A colophon's lines: contacts, a bulletin's 报/送/发 distribution and its print run, （共印80份）, 印数：2000份."""


@dataclass(frozen=True)
class Furniture:
    """An issue's lines sorted into masthead, body and colophon (line number, text as printed)."""

    masthead: tuple[tuple[int, str], ...]
    body: tuple[tuple[int, str], ...]
    colophon: tuple[tuple[int, str], ...]
    page: tuple[tuple[int, str], ...] = ()
    """Page furniture elsewhere: running heads, 导读 blocks, weather, addresses, hotlines, subscription notes."""


@dataclass(frozen=True)
class MastheadFacts:
    publication: str | None = None
    date: datetime.date | None = None
    issue_no: int | None = None
    total_no: int | None = None
    pages: int | None = None
    district: str | None = None
    problems: tuple[Problem, ...] = ()


def is_strong_masthead(text: str, places: Places, top: bool) -> bool:
    """Tell whether a line is surely masthead (near the top of the file, more kinds of line are)."""
    # Anywhere: a known paper's name, a dateline, an issue line, a licence number. Near the top also an
    # unknown paper's name, a web site, an English title or a social-media channel.
    bare = re.sub(r"\s", "", text)
    if places.publication(bare):
        return True
    if (DATE.search(text) or WORD_DATE.search(text) or re.search(r"第\s*\d+\s*期|(?:本期(?:专刊|特刊)?|今日)\s*共?\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*版", text)) \
            and not _DATELINE_TOKENS.sub("", text):
        return True
    if _LICENCE.search(text) and visible_len(text) <= 40:
        return True
    if not top:
        return False
    if _is_issuer_dateline(text) or _is_masthead_row(text, places):
        return True
    if (_PAPER_NAME.match(bare) and len(bare) <= 10) or _ENGLISH_TITLE.match(text):
        return True
    short = visible_len(text) <= 40 and not is_closed(text)
    return short and (bool(_WEB.search(text)) or (bool(_CHANNEL.search(text)) and visible_len(text) <= 16))


def _is_issuer_dateline(text: str, printed: bool = False) -> bool:
    # A bulletin's line naming who compiled it and when: 首都精神文明建设委员会办公室编        2020年9月18日; printed,
    # the day it was printed at its foot: 呼家楼街道党政办公室        2019年4月26日印发.
    parts = text.split()
    dated = [p for p in parts if DATE.search(p) and not _DATELINE_TOKENS.sub("", _PRINTED.sub("", p) if printed else p)
             and (not printed or _PRINTED.search(p))]
    issuer = [p for p in parts if p not in dated and visible_len(p) <= 24 and not is_closed(p)
              and (_PUBLISHER.search(p) or _ISSUER_END.search(p))]
    return len(parts) >= 2 and bool(dated) and len(dated) + len(issuer) == len(parts)


_PRINTED = re.compile(r"(?:印发|编印|印制|印)$")
"""The word after the date at a bulletin's foot saying it was printed then: 2019年4月26日印发."""
_ISSUER_END = re.compile(r"(?:编|编发|办公室|委员会|人民政府|办事处)$")
"""Who compiles a bulletin, beside its date: …办公室编, …宣传部编发, 首都精神文明建设委员会办公室, …街道办事处."""


def _is_masthead_row(text: str, places: Places) -> bool:
    # A masthead set on one line, its parts apart: 昌平报　2023年3月10日　星期五　第10期　总第3012期　今日8版, or
    # 中共北京市昌平区委主办　昌平区融媒体中心出版　准印证号：…: every part is a masthead part on its own.
    # The day's weather may close the row, in parts of its own: …刊号：CN11-0000　今日天气：晴　北风3-4级　6℃～17℃.
    parts = row_parts(text)
    if len(parts) < 2:
        return False
    parts = parts[:next((j for j, p in enumerate(parts) if _WEATHER.match(p)), len(parts))]
    return any(is_strong_masthead(p, places, top=True) for p in parts) and all(
        not _DATELINE_TOKENS.sub("", p) or is_strong_masthead(p, places, top=True) or _is_weak_masthead(p)
        for p in parts)


def row_parts(text: str) -> list[str]:
    """The parts of a line set in parts: apart by full-width spaces or runs of spaces where the line has them
    (房山报　FANGSHAN BAO　2015年3月13日: an English name keeps its single spaces), else by any space."""
    if re.search("\u3000|\\s{2,}", text.strip()):
        return [p for p in re.split("[\u3000]+|\\s{2,}", text.strip()) if p.strip()]
    return text.split()


_SPECIAL_ISSUE = re.compile(r"^[\u4e00-\u9fff“”·]{2,14}(?:特刊|专刊|增刊|号外|特辑)$")
"""A special issue's name, as its masthead prints it on a line of its own: 新机场建设特刊, 庆祝建党百年专刊."""


def _is_weak_masthead(text: str) -> bool:
    # Publisher and contact lines: masthead near the top, but worded like ordinary text elsewhere. A line of
    # publishers ending in the word apart (…工作委员会　…办事处　主办) may be long: no sentence ends that way.
    short = visible_len(text) <= 24 and not is_closed(text)
    listed = visible_len(text) <= PAGE_FURNITURE_MAX and bool(_PUBLISHER_WORD.search(text)) \
        and not re.search("[，,。；;]", text)
    return listed or short and (bool(_PUBLISHER.search(text) or _PUBLISHER_FIRST.match(text)) or bool(_CONTACT.match(text)))


def is_running_head(text: str) -> bool:
    """Tell whether a line is a page's running head: the page (第2版) with its date, 星期, name or editors, or the
    date with the editors and no page."""
    if visible_len(text) > PAGE_FURNITURE_MAX or "。" in text or _JUMP.search(text):
        return False  # …队伍达到（下转第 3 版）: a jump names a page, but it ends a paragraph
    if _PAGE_NO.search(text) and (_PAGE_STAFF.search(text) or DATE.search(text) or re.search("星期[一二三四五六日天]", text)
                                  or len(text.split()) >= 2 and not re.search("[，,；;：:]", text)):
        return True  # 2016年3月4日 星期五 第2版 要闻 责任编辑：张伟; 第 3 版    文化    校对 / 王琪
    if _PAGE_NAMED.match(text.strip()) or _PAGE_LABELLED.match(text.strip()):
        return True  # 要闻　2, 4　怀柔·乡镇: the page's name and number, nothing else
    if is_staff_line(text):
        return True  # 责任编辑  杨帆    美术编辑  许诺: the page's editors, with or without a colon
    parts = row_parts(text)
    if len(parts) >= 2 and (_BARE_PAGE.match(parts[0]) or _BARE_PAGE.match(parts[-1])) and DATE.search(text) \
            and not _DATELINE_TOKENS.sub("", " ".join(parts[1:] if _BARE_PAGE.match(parts[0]) else parts[:-1])):
        return True  # 2021年3月26日  星期五    2: the date and the page's bare number at one end
    if len(parts) >= 3 and _BARE_PAGE.match(parts[0]) and _PAGE_NAME.match(parts[1]) \
            and (DATE.search(text) or _PAGE_STAFF.search(text)) and not re.search("[，,；;]", text):
        return True  # 4　　图片新闻　　房山报　　2017年6月9日　星期五: the page's number and name, then its date or editors
    if len(parts) >= 3 and (_BARE_PAGE.match(parts[0]) or _BARE_PAGE.match(parts[-1])):
        names = parts[1:] if _BARE_PAGE.match(parts[0]) else parts[:-1]
        if all(_PAGE_NAME.match(p) or _PAPER_NAME.match(p) for p in names) and any(_PAPER_NAME.match(p) for p in names):
            return True  # 怀柔报　人文怀柔　3: the paper's name, the page's name and its bare number
    if _is_head_row(text):
        return True  # 02 │ 要闻 │ 密云报　　责编：韩雪, 社 区 动 态　　什 刹 海 社 区 报　　2, 学院路社区报·综合　　2017年9月15日
    # a running head that leaves out the page: 2016年3月4日 星期五 要闻 责任编辑：张伟; 经济 | 5 | 2019.11.29 | 责编 陈杰
    return bool(_RUNNING_DATE.search(text) and _PAGE_STAFF.search(text) and not re.search("[，,；;]", text))


_HEAD_BAR = re.compile(r"\s*[│|｜]\s*")
_LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff])+$")
_PAPER_PAGE = re.compile(r"^[\u4e00-\u9fff]{2,14}报\s*[·•]\s*[\u4e00-\u9fff]{2,6}$")
"""The paper's name and the page's name joined by a dot, as one part of a running head: 学院路社区报·社区动态."""


def _is_head_row(text: str) -> bool:
    # A running head set as a row of parts, each one a running head's part: the page's bare number, its name, the
    # paper's name (or both joined, 学院路社区报·综合), the date and 星期 (2024.09.20 in figures too), the page's editors,
    # each role with a name. Parts stand apart by wide spaces or bars (02 │ 要闻 │ 密云报); a part set letter-spaced
    # (社 区 动 态) is read without its spaces. The page's number, its date or an editor's role say it is a head, and a
    # name must stand beside them: a date and 星期 alone are a dateline, editors alone a staff line.
    parts = [_LETTER_SPACED.match(p) and p.replace(" ", "") or p
             for part in row_parts(text) for p in _HEAD_BAR.split(part) if p]
    if len(parts) < 2 or re.search("[，,；;。]", text):
        return False
    for j in range(len(parts) - 2, -1, -1):
        if re.fullmatch(_STAFF_ROLE, parts[j]):
            parts[j:j + 2] = [parts[j] + " " + parts[j + 1]]  # 责任编辑　王珂: a role and its name, one part
    kinds = set()
    staff = []
    for part in parts:
        if _BARE_PAGE.match(part) or re.fullmatch(r"第\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*版", part):
            kinds.add("page")
        elif _RUNNING_DATE.search(part) and not _DATELINE_TOKENS.sub("", _RUNNING_DATE.sub("", part)) \
                or not _DATELINE_TOKENS.sub("", part):
            kinds.add("date")
        elif _PAGE_NAME.match(part) or _PAPER_NAME.match(part) or _PAPER_PAGE.match(part):
            kinds.add("name")
        elif _STAFF_LINE.match(part):
            staff.append(part)
        else:
            return False
    if staff:
        if not is_staff_line("　".join(staff)) and not re.search(r"责编|责任编辑|编辑\s*[:：/／]|美编", "".join(staff)):
            return False
        kinds.add("staff")
    return "name" in kinds and len(kinds) >= 2


def is_staff_line(text: str) -> bool:
    """Tell whether a line is only the page's editors, each role with a name (责编 冯涛  校对 白雪, 编辑/何静  校对/田野):
    two roles or more, or one that only an editor holds (责任编辑 周宁, 编辑/赵蕾; not 编辑 X or 摄影 X alone, which may
    sign a piece)."""
    text = text.strip()
    if visible_len(text) > PAGE_FURNITURE_MAX or not _STAFF_LINE.match(text) or not re.search(r"[\s:：/／]", text):
        return False  # set solid, 终审判决 or 校对审核, a role and a name are a phrase
    roles = re.findall(_STAFF_ROLE, text)
    # 编辑/赵蕾 with its slash is set as an editors' line is (编辑/何静  校对/田野); a piece's signature is 编辑 赵蕾.
    return len(roles) >= 2 or len(roles) == 1 and (roles[0] not in ("编辑", "摄影")
                                                   or roles[0] == "编辑" and bool(re.search("[/／]", text)))


def is_page_furniture(text: str) -> bool:
    """Tell whether a line is page furniture: a running head, a 导读 line, weather, an address, hotline or
    subscription note; never article text."""
    if visible_len(text) > PAGE_FURNITURE_MAX:
        return False
    if _FORECAST_ISSUED.match(text.strip()) and _DEGREES.search(text) and _FORECAST.search(text):
        return True  # 朝阳区气象台5月13日发布：今天白天晴转多云，…最高气温27℃。: the day's forecast, set as a sentence
    if "。" in text:
        return False
    if is_running_head(text):
        return True
    if _DEGREES.search(text) and _FORECAST.search(text) and visible_len(text) <= 40 and not re.search("[，,；;]", text):
        return True  # 晴转多云 北风二三级 -1℃～11℃
    if _RULE_LINE.match(text.strip()) or _PAGE_MARK.match(text.strip()) or _BOX_EDGE.match(text.strip()):
        return True  # ———————— under a bulletin's head, —1— at a page's foot, ┌────┐ over a box
    if _HOTLINE.match(text.strip()):
        return True
    if _GUIDE.match(text) or _GUIDE_INLINE.match(text) or _GUIDE_ITEM.match(text) or _WEATHER.match(text):
        return True
    # A row of notes set apart (本版邮箱：…　本报地址：…　邮编：…; …征订工作开始　邮发代号：1—217) is furniture where one of
    # them is; a row of hotlines (便民服务热线：12345　燃气抢修：96777) is too.
    parts = row_parts(text)
    if len(parts) >= 2 and _AD_LABEL.match(parts[0]):
        return True  # 广告  顺义区某驾校秋季班火热招生  报名电话：…: an advertisement under its label
    if len(parts) >= 2 and all(_PUBLISHER_FIRST.match(p) or _PUBLISHED_BY.search(p) or _CONTACT.match(p) for p in parts):
        return True  # 中共北京市通州区委主办　　出版：北京城市副中心报社; 编印：清河街道宣传办　　电话：62921234
    if len(parts) >= 2 and all(_TAIL.match(p) or _CONTACT.match(p) for p in parts):
        return True  # 联系人：张宁　　联系电话：65099362　　共印120份: a bulletin's contact and print run, wherever it stands
    return any(_NOTICE.search(p) for p in parts) or len(parts) >= 2 and all(_CONTACT.match(p) for p in parts)


_PUBLISHED_BY = re.compile(r"^[\u4e00-\u9fff]{2,20}(?:主办|主管|承办|协办|出版|编印)$")
"""A publisher named with its word after it, as one part of a row of the paper's notes: 中共北京市通州区委主办."""


GUIDE_BULLETS = "▶►▷◆◇■●★☆"
"""Marks that open the items of a 导读 or 要目 block."""
GUIDE_ITEM_MAX = 30
"""Visible characters: a line of a 导读 block is a short headline and its page."""


_GUIDE_NUMBER = re.compile(r"^(?:([一二三四五六七八九十]{1,3})、|(\d{1,2})\s*[.、．])")


def guide_block(numbered: list[tuple[int, str]], taken: set[int]) -> set[int]:
    """The lines of each 导读 block: after a 导读 (or 要目) line, the short lines that end in their page (区人代会闭幕
    2版), bulleted or not, or, with no page, numbered in order (一、…, 二、…), up to the first line that is neither."""
    # A bulletin's 本期要目 lists its items by number, and the first item follows at once with the same number
    # (一、…): a number that starts over is the body's.
    # Items set with a bullet and no page (◆街道召开平安建设工作会) are its items while the same bullet opens each.
    found: set[int] = set()
    for i, (_, text) in enumerate(numbered):
        if not _GUIDE.match(text):
            continue
        k, last = i + 1, 0
        bullet = numbered[k][1][:1] if k < len(numbered) and numbered[k][1][:1] in GUIDE_BULLETS else None
        while k < len(numbered):
            item = numbered[k][1]
            short = visible_len(item) <= GUIDE_ITEM_MAX and "。" not in item
            m = _GUIDE_NUMBER.match(item)
            number = (page_count(m.group(1)) if m.group(1) else int(m.group(2))) if m else None
            if CONTINUED_FROM.match(item):
                break  # 上接第1版 under the block opens the page's text: a jump, not an item
            if k in taken or short and (_PAGE_REF.search(item) or _LEADER_PAGE.search(item)
                                        or bullet and item[:1] == bullet):
                pass
            elif short and number is not None and number == last + 1:
                last = number
            else:
                break
            found.add(k)
            k += 1
    return found - taken


def _is_anchor(text: str) -> bool:
    """Tell whether a line surely belongs to the body: a lead, author line, paragraph or marked heading."""
    if LEAD.match(text) or CONTINUED_FROM.match(text) or AUTHOR.match(text):
        return True
    if MD_HEADING.match(text) or SECTION.match(text):
        return True
    # In a narrow column a paragraph's lines are short, but one with a sentence ending inside it, more words after
    # (年。房山是平西抗日根据地), is text: no masthead line runs on past a full stop.
    return (is_closed(text) and visible_len(text) >= 15) or visible_len(text) > 60 or bool(_SENTENCE_INSIDE.search(text))


_SENTENCE_INSIDE = re.compile(r"[\u4e00-\u9fff\d][。！？][”’」』]?[\u4e00-\u9fff]{2}")
"""A full stop between words inside a line: the end of one sentence and the start of the next."""


_DISTRIBUTION = re.compile(r"^(?:报|送|发|抄送|主送)\s*[:：]\S")
_PRINT_RUN = re.compile(r"^[(（]?\s*共印\s*\d+\s*份\s*[)）]?$")


def distribution_block(numbered: list[tuple[int, str]]) -> set[int]:
    """The indices of a bulletin's distribution list wherever it stands (报：… / 送：… / 发：…, then （共印80份）): two or
    more such lines in a row, and the print run under them. Where files are joined, it closes its bulletin mid-file."""
    found: set[int] = set()
    i = 0
    while i < len(numbered):
        j = i
        while j < len(numbered) and numbered[j][0] == numbered[i][0] + (j - i) and _DISTRIBUTION.match(numbered[j][1]):
            j += 1
        if j - i >= 2:
            found.update(range(i, j))
            if j < len(numbered) and _PRINT_RUN.match(numbered[j][1]):
                found.add(j)
        i = max(j, i + 1)
    return found


def split_furniture(numbered: list[tuple[int, str]], places: Places) -> Furniture:
    """Sort non-blank lines into masthead, body and colophon."""
    # The colophon is the run of editor, contact and distribution lines at the end; editor lines
    # (责编：…) are page furniture wherever a page ends, so they are taken anywhere.
    tail = len(numbered)
    while tail > 0 and (_EDITOR.match(numbered[tail - 1][1]) or _TAIL.match(numbered[tail - 1][1])
                        or tail == len(numbered) and _is_issuer_dateline(numbered[tail - 1][1], printed=True)):
        tail -= 1
    colophon_at = {i for i in range(tail, len(numbered))}
    colophon_at |= {i for i, (_, t) in enumerate(numbered[:tail]) if _EDITOR.match(t)}
    colophon_at |= distribution_block(numbered[:tail])
    # A print run, （共印150份）, closes its bulletin wherever files joined put it: never article text.
    colophon_at |= {i for i, (_, t) in enumerate(numbered[:tail]) if _PRINT_RUN.match(t)}
    # The masthead is the top of the file up to its last masthead line before the first line that
    # surely is body; slogans and publisher lines between masthead lines come with it, wherever
    # the dateline is (before or after the paper's name).
    # A page mark at a page's foot (—1—) closes the first page, masthead and all: nothing under it is masthead. The
    # date that signs a notice under its issuer (科学城建设工作办公室 / 2015年9月18日) is the notice's, not a dateline
    # that would stretch the masthead down over the articles above it.
    first_anchor = next((i for i, (_, t) in enumerate(numbered) if _is_anchor(t) or _PAGE_MARK.match(t)), len(numbered))
    signoffs = signoff_lines(numbered)
    top = [i for i in range(first_anchor) if i not in colophon_at]
    marked = [i for i in top if is_strong_masthead(numbered[i][1], places, top=True) and numbered[i][0] not in signoffs]
    masthead_at: set[int] = set()
    if marked:
        end = max(marked)
        # Publisher and contact lines right after the last surely-masthead line belong with it, and so does the name
        # of a special issue printed under it (新机场建设特刊).
        while end + 1 < first_anchor and (_is_weak_masthead(numbered[end + 1][1])
                                          or _SPECIAL_ISSUE.match(numbered[end + 1][1].strip())):
            end += 1
        masthead_at = set(range(0, end + 1)) - colophon_at
    # Datelines, issue lines and the like are never article text, wherever a page header repeats them; but the
    # date that signs a notice under its issuer is the notice's.
    masthead_at |= {
        i for i, (n, t) in enumerate(numbered)
        if i not in colophon_at and is_strong_masthead(t, places, top=False) and not _is_anchor(t) and n not in signoffs
        and not _NOTICE.search(t)  # 欢迎订阅2016年《海淀报》　邮发代号：…: a subscription note, page furniture
    }
    page_at = {
        i for i, (_, t) in enumerate(numbered) if i not in masthead_at | colophon_at and is_page_furniture(t)
    }
    page_at |= guide_block(numbered, masthead_at | colophon_at | page_at)
    page_at |= page_names(numbered, masthead_at | colophon_at | page_at)
    pick = lambda at: tuple(numbered[i] for i in sorted(at))  # noqa: E731
    body = set(range(len(numbered))) - masthead_at - colophon_at - page_at
    return Furniture(pick(masthead_at), pick(body), pick(colophon_at), pick(page_at))


def page_names(numbered: list[tuple[int, str]], taken: set[int]) -> set[int]:
    """The page's name printed on a line of its own beside its running head or editors' line (专题·世园会 over 责任编辑
    杨帆 …; 要闻 between 2021年3月26日 星期五 2 and 本版编辑：…): a short bare name straight above such a line, with
    furniture, a blank line or the file's edge above it, or straight below one with furniture below it. A short
    headline may stand under a running head with a blank line under it, where blank lines part its text from it."""
    heads = {i for i in taken if is_running_head(numbered[i][1]) or _EDITOR.match(numbered[i][1])}
    nameless = {i for i in heads if is_nameless_head(numbered[i][1])}
    found: set[int] = set()
    for i, (n, text) in enumerate(numbered):
        if i in taken or not _PAGE_NAME.match(text):
            continue
        above = i - 1 if i > 0 and numbered[i - 1][0] == n - 1 else None
        below = i + 1 if i + 1 < len(numbered) and numbered[i + 1][0] == n + 1 else None
        if above in heads and below in taken or below in heads and (above is None or above in taken) \
                or above in nameless:
            found.add(i)
    return found


def is_nameless_head(text: str) -> bool:
    """Tell whether a running head prints only the date and the page (2021年3月26日  星期五    2): its page's name, if
    it has one, is the short bare line straight under it, whatever follows that line."""
    # A head that names its page (…  2  要闻, 责任编辑 …) leaves a short line under it to be a headline; one of the date
    # and the page number alone is the top half of a two-line head, whose name is under it (要闻, then the page's
    # first headline after a blank line).
    parts = row_parts(text)
    return len(parts) >= 2 and DATE.search(text) is not None and (_BARE_PAGE.match(parts[-1]) or _BARE_PAGE.match(parts[0])
                                                                 or _PAGE_NO.search(text) is not None) \
        and not _DATELINE_TOKENS.sub("", _PAGE_NO.sub("", " ".join(p for p in parts if not _BARE_PAGE.match(p))))


_GUIDE_PAGE = re.compile(r"\s*[…．.·]*\s*(?:→|->)?\s*(?:第?\s*\d+\s*版|[(（]\s*第?\s*\d+\s*版\s*[)）])$|[…．.·]{2,}\s*\d{1,2}$")


_GUIDE_PAGE_FIRST = re.compile(r"^(?:[A-H]\d{1,2}|第?\s*\d{1,2}\s*版)\s+([^\d\s].*)$")
"""A 导读 line that opens with its page: A3 副中心交通再升级."""


def guided_headlines(furniture: Furniture) -> frozenset[str]:
    """The headlines the issue's 导读 lines name, spaces removed: ▶社区健身驿站上新　4版 names 社区健身驿站上新, and so
    does ▶ 社区健身驿站上新 …………4版 (leader dots before the page) and A3 社区健身驿站上新 (the page first)."""
    titles = {"".join(_GUIDE_PAGE.sub("", text).lstrip(GUIDE_BULLETS).split())
              for _, text in furniture.page if _GUIDE_PAGE.search(text)}
    guide_line = None  # the line of the last 导读 block's item (or head), while the block runs on
    for n, text in furniture.page:
        if _GUIDE.match(text.strip()):
            guide_line = n
        elif guide_line == n - 1 and (m := _GUIDE_PAGE_FIRST.match(text.strip())):
            titles.add("".join(m.group(1).split()))  # A3 副中心交通再升级 under 本期导读
            guide_line = n
        else:
            guide_line = None
    return frozenset(titles - {""})


def page_tops(furniture: Furniture) -> frozenset[int]:
    """The body lines that open a page: the first after each running head or 导读 / 要目 block (printed under a
    page's head, never inside an article). No article runs on across a page without a jump (下转2版), so what
    opens a page starts an article or continues one from another page."""
    body = [n for n, _ in furniture.body]
    return frozenset(next((b for b in body if b > n), 0) for n, text in furniture.page
                     if is_running_head(text) or _GUIDE.match(text)) - {0}


def read_facts(masthead: tuple[tuple[int, str], ...], path: str, places: Places) -> MastheadFacts:
    """Read the paper's name, date, issue and total numbers and page count from masthead lines."""
    publication: str | None = None
    date: datetime.date | None = None
    issue_no = total_no = pages = None
    for n, text in masthead:
        bare = re.sub(r"\s", "", text)
        if publication is None and (places.publication(bare) or _PAPER_NAME.match(bare)):
            publication = bare
        elif publication is None and len(text.split()) >= 2 and _PAPER_NAME.match(first := text.split()[0]):
            publication = first  # the name opening a masthead set on one line
        elif publication is None and n == masthead[0][0] and _SPACED_TITLE.match(text.strip()):
            publication = bare  # 德  胜: the title at the masthead's top, set letter-spaced
        elif publication is None and n == masthead[0][0] and _NEWSLETTER_TITLE.match(bare):
            publication = bare  # 清河之声: a newsletter's name at the masthead's top
        elif publication is None and n == masthead[0][0] and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", bare) \
                and len(masthead) > 1 and masthead[1][0] == n + 1 and _ENGLISH_TITLE.match(masthead[1][1].strip()):
            publication = bare  # 北苑家园 over BEIYUAN JIAYUAN: the name at the masthead's top, its romanised form under it
        elif publication is None and n == masthead[0][0] and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", bare) \
                and len(masthead) > 1 and masthead[1][0] == n + 1 and _INTERNAL_NOTE.match(masthead[1][1].strip()):
            publication = bare  # 密云水源保护 over （内部资料　免费交流）: a newsletter's name over its internal-use note
        if date is None and (m := DATE.search(text)):
            date = _date(m, path, n, [])  # date_problems() reports bad dates on every line
        elif date is None and (m := WORD_DATE.search(text)):
            date = word_date(m)
        if issue_no is None and (m := ISSUE_NO.search(text)):
            issue_no = int(m.group(1))
        if total_no is None and (m := TOTAL_NO.search(text)):
            total_no = int(m.group(1))
        if pages is None and (m := PAGES.search(text)):
            pages = page_count(m.group(1))
    known = places.publication(publication) if publication else None
    return MastheadFacts(
        publication, date, issue_no, total_no, pages,
        district=known.district if known else None,
    )


def word_date(m: re.Match[str]) -> datetime.date | None:
    """The day a date in words names (二〇二三年六月九日), None where it is no day."""
    year = int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in m.group(1)))
    try:
        return datetime.date(year, page_count(m.group(2)) or 0, page_count(m.group(3)) or 0)
    except ValueError:
        return None


def page_count(printed: str) -> int | None:
    """The number a page count prints, in figures (8) or in words (八, 十二, 二十四)."""
    if printed.isdigit():
        return int(printed)
    tens, _, units = printed.rpartition("十")
    if "十" not in printed:
        return _CN_DIGITS.index(printed) + 1 if len(printed) == 1 else None
    value = (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(units) + 1 if units else 0)
    return value if len(tens) <= 1 and len(units) <= 1 else None


def _date(m: re.Match[str], path: str, line: int, problems: list[Problem]) -> datetime.date | None:
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        printed = re.sub(r"\s", "", m.group(0))
        problems.append(Problem(path, line, f"date {printed} is not a date; it was not used — correct it in the file"))
        return None


def date_problems(numbered: list[tuple[int, str]], path: str) -> list[Problem]:
    """Warn about every printed full date that is not a date (2020年13月45日), naming its line."""
    problems: list[Problem] = []
    for n, text in numbered:
        for m in DATE.finditer(text):
            _date(m, path, n, problems)
    return problems


def refiled(furniture: Furniture, fixes: dict[int, str]) -> Furniture:
    """Move the lines the keeper's corrections name: one called furniture out of the body, one called a headline,
    kicker, deck, start or continuation out of the masthead, colophon or furniture into the body."""
    if not fixes:
        return furniture
    to_page = {n for n, kind in fixes.items() if kind == "furniture"}
    to_body = set(fixes) - to_page
    out = lambda lines: tuple(x for x in lines if x[0] not in to_body)  # noqa: E731
    moved = [x for x in furniture.masthead + furniture.colophon + furniture.page if x[0] in to_body]
    return Furniture(
        masthead=out(furniture.masthead),
        body=tuple(sorted([x for x in furniture.body if x[0] not in to_page] + moved)),
        colophon=out(furniture.colophon),
        page=tuple(sorted(out(furniture.page) + tuple(x for x in furniture.body if x[0] in to_page))),
    )
