"""Complete an issue the masthead left short: infer paper, district and date from the text, then apply overrides."""
from __future__ import annotations

import dataclasses
import datetime
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..model import ParsedIssue
from .parse.furniture import page_count, row_parts
from .parse.lines import BOX_TITLE, NOTICE_ABOUT
from ..errors import Problem
from ..lexicon import Places

log = logging.getLogger(__name__)

MONTH_DAY = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
YEAR = re.compile(r"(\d{4})\s*年")
RANGE_OR_TARGET = "~～-—–至到"
"""A year after one of these ends a span or names a target (2020~2021年, 到2035年): not the year of writing."""
NOT_NOW = re.compile(r"\s*(?:(?:[春夏秋冬]季|上半年|下半年)?前|底前|北京冬奥|冬奥|冬残奥|奥运|亚运|世园|世博)")
"""A year followed by one of these is a deadline or a future event (2022年冬奥会, 2021年秋季前)."""
NEXT_YEAR_SAID = re.compile(r"[^。，,；;！？!?]{0,20}?明年")
"""2020年入学信息采集将于明年5月开始: a year its clause says is next year is the one after the year of writing."""
PREPARED_FOR = re.compile(r"(?:征集|申报|编制|谋划|筹备)\s*$")
"""A year after one of these is the one a plan being prepared is for (征集2021年…项目建议, 编制2021年预算): ahead of
the year of writing."""
OUR_DISTRICT = ("我区", "本区")
OUR_PAPER = ("本报讯", "本报记者", "本报通讯员", "本报")


def complete_issue(issue: ParsedIssue, places: Places) -> ParsedIssue:
    """Infer what the masthead did not print, then let the keeper's overrides win; warn about what is still a guess."""
    inferred, date_line = _infer(issue, places)
    issue = _apply_overrides(inferred, places)
    return dataclasses.replace(issue, problems=issue.problems + _guesses(issue, date_line))


def _guesses(issue: ParsedIssue, date_line: int | None = None) -> tuple[Problem, ...]:
    """Warn where the paper or the date was neither printed in a masthead nor given by the keeper."""
    given = {k for k, _ in issue.source.overrides}
    guessed, keys = [], []
    if "publication" not in given and (issue.publication is None or issue.publication_inferred):
        guessed.append(f"paper {issue.publication} inferred from the text" if issue.publication
                       else "paper unknown (listed under 未知报刊)")
        keys.append('publication = "…"')
    if "date" not in given and issue.date_inferred and issue.date:
        where = f" (line {date_line})" if date_line else ""
        guessed.append(f"date {issue.date.isoformat()} inferred from the text{where}")
        keys.append("date = YYYY-MM-DD")
    if not guessed:
        return ()
    sidecar = str(Path(issue.source.path).with_suffix(".toml"))
    what = "no masthead" if no_masthead(issue) else "not in the masthead"
    return (Problem(issue.source.path, None, f"{what}: {'; '.join(guessed)}; check, and where wrong or unknown "
                                             f"set {' and '.join(keys)} in {sidecar}"),)


def no_masthead(issue: ParsedIssue) -> bool:
    """Tell whether a file prints no masthead at its top: none at all, or only a dateline repeated at the head of a
    later page (2016年5月20日  星期五 over 第2版  要闻), below its first article: a district paper's pages."""
    if not issue.articles:
        return not issue.masthead
    first = min(a.first_line for a in issue.articles)
    return all(n > first for n, _ in issue.masthead)


def body_text(issue: ParsedIssue) -> str:
    """Join what the issue's articles and unplaced lines say (not masthead or colophon)."""
    said = [a.full_text for a in issue.articles]
    return "\n".join([t for t in said if t] + [t for _, t in issue.unplaced])


def text_year(text: str) -> int | None:
    """Find the year a text is written in: the latest year it names that is not a span's end, target, plan or
    event."""
    years = []
    for m in YEAR.finditer(text):
        before = text[max(0, m.start() - 1):m.start()]
        if (before and before in RANGE_OR_TARGET) or NOT_NOW.match(text, m.end()):
            continue
        if FUTURE_BEFORE.search(text[max(0, m.start() - 4):m.start()]):
            continue  # 预计2019年投入使用, 计划于2025年建成: a plan's year, not the year of writing
        if PREPARED_FOR.search(text[max(0, m.start() - 4):m.start()]):
            continue  # 征集2021年区级民生实事项目建议: the year a plan in the making is for, the next one
        if PLANNED_YEAR_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # 预计2021年底前主体结构封顶，2022年陆续投入使用: the plan's next step, later still
        if 1900 <= int(m.group(1)) <= 2100:
            years.append(int(m.group(1)) - (1 if NEXT_YEAR_SAID.match(text, m.end()) else 0))
    return max(years) if years else None


FUTURE_BEFORE = re.compile(r"(?:将于|将在|将自|将从|将|计划(?:于|自|从)?|预计(?:于|自|从)?|拟(?:于|自)?|定于|确保|力争|争取"
                           r"|(?<!截)至|到|前往)\s*$")
PLANNED_YEAR_BEFORE = re.compile(r"(?:预计|计划|力争|拟)(?:于|在|到)?\s*\d{4}\s*年[^。！？!?；;]*$")
"""A year later in the sentence of a planned one (预计2021年底前…，2022年陆续投入使用) goes on with the plan."""
PLANNED_CLAUSE = re.compile(r"将[^，,。；;！？!?]{0,16}(?:于|在|自|从)\s*$")
"""街道将联合燃气公司于2021年11月29日…: 将 earlier in the clause makes the day its 于 names a plan, as 将于 does."""
REQUIRED = re.compile(r"要求\s*[，,：:]?[^，,。；;！？!?]{0,6}$")
"""会议要求，一是7月20日至8月15日主汛期内…: the days a meeting's or a notice's demands name are when it is to be done."""
UNTIL = re.compile(r"(?:截至|截止到?)\s*$")
SPAN_JOIN = re.compile(r"\s*(?:至|到|—|－|-|~|～)\s*")
"""8月31日至9月5日: the second date ends the span the first opens, and is a plan only where that one is."""
PLANNED = re.compile(r"[^，,。；;！？]*?(?:将|要|预计|计划|力争)")
"""截至6月30日将完成 is a deadline; 截至6月7日，已完成 counts up to a past day."""
GLOSSED_PLAN = re.compile(r"[^。！？!?；;]*?[)）][^。！？!?；;]*?将")
"""五一假期期间（5月1日至4日），…将正常开放: days in brackets gloss the period a sentence is about; where it says what
will happen then, they are a schedule."""
CLAUSE_END = re.compile(r"\s*(?:[。；;]|$)")
"""申请截至7月10日。: a 截至 date that ends its sentence is a deadline; 截至5月20日，共… counts up to a past day."""
DEADLINE_OF = re.compile(r"[\u4e00-\u9fff](?:截至|截止到?)\s*$")
"""报名截至5月20日，…: 截至 after what it ends (报名, 申请) says until when, a deadline; opening its clause it says as of."""
FUTURE_AFTER = re.compile(r"\s*(?:前|之前|以前|底前|起将|将|截止)")
"""A date after 将于, 计划, 预计, 截至… or before 前 is a plan, schedule or deadline: not an event the issue reports."""
ANNOUNCED_AFTER = re.compile(r"(?:\s*(?:至|到|—|－|-|~|～)\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?\s*[，,][^，,。；;！？!?]{0,24}?将")
"""■5月20日至21日，第二届…成果展将在…举办: a day (or span) opening a sentence whose next clause says what will happen
then is a plan, however far its 将 stands from the day."""
SENTENCE_OPENERS = "。！？!?；;" + "■□●○◆◇▲△★☆▶►"


def _opens_sentence(line: str, at: int) -> bool:
    """Tell whether a sentence (or a bulleted item) opens at `at` in a paragraph."""
    before = line[:at].rstrip(" 　”’")
    return not before or before[-1] in SENTENCE_OPENERS


DAYS_BEFORE_ISSUE = re.compile(r"(昨天|昨日|前天|前日)\s*[(（]\s*$")
"""昨天（6月3日）上午…: a day glossed as yesterday (or the day before) is told from the day after it (or two)."""
DAY_BEFORE_ISSUE = re.compile(r"(昨天|昨日|前天|前日)\s*[(（]\s*(\d{1,2})\s*日\s*[)）]")
"""昨天（18日）下午…: a day glossed as yesterday by its number alone, in the month the text's dates around it are in."""
THIS_MONTH_DAY = re.compile(r"本月\s*(\d{1,2})\s*日(?!\s*(?:前|之前|起|将|至|到))")
"""本月12日: a day of the month the issue comes out in (not a deadline, 本月20日前, nor a span's start)."""
TOMORROW = re.compile(r"(?:明天|明日)\s*[(（]\s*$")
"""从明天（10月14日）起…: a day glossed as tomorrow is a plan, and the day before it is the day the writer wrote."""
WEEKDAY = re.compile(r"\s*[(（]\s*(?:星期|周)([一二三四五六日天])\s*[)）]")
WEEKDAYS = "一二三四五六日"
ANNIVERSARIES = (
    (re.compile(r"新中国成立\s*(\d{1,3})\s*周年|中华人民共和国成立\s*(\d{1,3})\s*周年"), 1949),
    (re.compile(r"(?:抗日战争|抗战).{0,16}?胜利\s*(\d{1,3})\s*周年"), 1945),
    (re.compile(r"(?:建党|中国共产党成立)\s*(\d{1,3})\s*周年"), 1921),
    (re.compile(r"改革开放\s*(\d{1,3})\s*周年"), 1978),
    (re.compile(r"长征胜利\s*(\d{1,3})\s*周年"), 1936),
    (re.compile(r"(?:中国人民解放军|人民军队)?建军\s*(\d{1,3})\s*周年"), 1927),
    (re.compile(r"五四运动\s*(\d{1,3})\s*周年"), 1919),
    (re.compile(r"辛亥革命\s*(\d{1,3})\s*周年"), 1911),
    (re.compile(r"香港回归(?:祖国)?\s*(\d{1,3})\s*周年"), 1997),
    (re.compile(r"澳门回归(?:祖国)?\s*(\d{1,3})\s*周年"), 1999),
    (re.compile(r"抗美援朝(?:出国作战)?\s*(\d{1,3})\s*周年"), 1950),
)
"""Numbered anniversaries and the year they count from: 新中国成立70周年 is 2019."""
NUMBERED_DAYS = (
    ("全国防灾减灾日", 2009), ("全国消防日", 1992), ("国家宪法日", 2014), ("烈士纪念日", 2014), ("国家扶贫日", 2014),
    ("国家公祭日", 2014), ("全民国家安全教育日", 2016), ("中国航天日", 2016), ("全国科技工作者日", 2017),
    ("中国农民丰收节", 2018), ("教师节", 1985), ("中国记者节", 2000),
)
"""Yearly days first kept in the year given: the 第十个全国防灾减灾日 is in 2018."""
_NUMBERED_DAY = re.compile(r"第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*个\s*(" + "|".join(d for d, _ in NUMBERED_DAYS) + ")")


@dataclass(frozen=True)
class Dated:
    """A date the text mentions, where, and whether it is a plan or deadline rather than an event."""

    day: datetime.date
    line: int
    future: bool


def anniversary_year(text: str) -> int | None:
    """The year a numbered anniversary the text celebrates falls in (the latest, if several): 新中国成立70周年,
    第十个全国防灾减灾日."""
    years = [base + int(next(g for g in m.groups() if g)) for pattern, base in ANNIVERSARIES for m in pattern.finditer(text)]
    first = dict(NUMBERED_DAYS)
    years += [first[m.group(2)] + n - 1 for m in _NUMBERED_DAY.finditer(text) if (n := page_count(m.group(1)))]
    return max(years) if years else None


def _weekday_year(month: int, day: int, weekday: str, year: int) -> int:
    """The year nearest to `year` (within one) in which month/day falls on the printed weekday, else `year`."""
    for y in (year, year - 1, year + 1):
        try:
            if datetime.date(y, month, day).weekday() == WEEKDAYS.index(weekday.replace("天", "日")):
                return y
        except ValueError:
            continue
    return year


def mentioned_dates(issue: ParsedIssue, year: int | None) -> tuple[list[Dated], list[Problem]]:
    """Every M月D日 the body mentions, in its own year where printed, else in `year` (checked against a printed
    weekday, 10月10日（星期四）); each marked as a plan or deadline where the words around it say so."""
    problems: list[Problem] = []
    found: list[Dated] = []
    this_month: list[tuple[int, int]] = []
    for line, starts, scheduled in _read_texts(issue):
        span_start: re.Match[str] | None = None
        for m in MONTH_DAY.finditer(line):
            n = next(k for at, k in reversed(starts) if at <= m.start())
            y = int(m.group(1)) if m.group(1) else year
            month, day = int(m.group(2)), int(m.group(3))
            if y is not None and not m.group(1) and (w := WEEKDAY.match(line, m.end())):
                y = _weekday_year(month, day, w.group(1), y)
            try:
                when = datetime.date(y or 2000, month, day)  # 2000: a leap year
            except ValueError:
                if not m.group(1):  # a bad full date was reported by the parser already
                    problems.append(Problem(issue.source.path, n, f"date {m.group(0)} is not a date; it was not "
                                                                  "used — correct it in the file"))
                continue
            if y is not None:
                if said := DAYS_BEFORE_ISSUE.search(line, 0, m.start()):
                    # 昨天（6月3日）: the writer wrote the day after the event, the issue's own day at the latest
                    when += datetime.timedelta(days=1 if said.group(1) in ("昨天", "昨日") else 2)
                tomorrow = bool(TOMORROW.search(line, 0, m.start()))
                if tomorrow:
                    found.append(Dated(when - datetime.timedelta(days=1), n, False))
                before = line[max(0, m.start() - 4):m.start()]
                if said:
                    future = False  # 昨天（9月19日），…将…: a day gone by, whatever the sentence plans
                elif scheduled or tomorrow:
                    future = True
                elif span_start is not None and SPAN_JOIN.fullmatch(line, span_start.end(), m.start()) and found:
                    future = found[-1].future  # the end of a span: a plan only where its start is
                else:
                    future = bool(FUTURE_BEFORE.search(before) or FUTURE_AFTER.match(line, m.end())
                                  or PLANNED_CLAUSE.search(line, max(0, m.start() - 24), m.start())
                                  or REQUIRED.search(line, max(0, m.start() - 12), m.start())
                                  or _opens_sentence(line, m.start()) and ANNOUNCED_AFTER.match(line, m.end())
                                  or before.endswith(("（", "(")) and GLOSSED_PLAN.match(line, m.end())
                                  or UNTIL.search(before) and (PLANNED.match(line, m.end()) or CLAUSE_END.match(line, m.end())
                                                               or DEADLINE_OF.search(line, 0, m.start())))
                found.append(Dated(when, n, future))
                span_start = m
        for m in DAY_BEFORE_ISSUE.finditer(line):
            # 昨天（18日）: the month and year are those of the date the text names last before it.
            n = next(k for at, k in reversed(starts) if at <= m.start())
            earlier = [d.day for d in found if d.line <= n]
            if not earlier:
                continue
            try:
                when = earlier[-1].replace(day=int(m.group(2)))
            except ValueError:
                continue
            found.append(Dated(when + datetime.timedelta(days=1 if m.group(1) in ("昨天", "昨日") else 2), n, False))
        for m in THIS_MONTH_DAY.finditer(line):
            this_month.append((next(k for at, k in reversed(starts) if at <= m.start()), int(m.group(1))))
    for n, day in this_month:
        # 本月12日: the month is the issue's, that of the date the text names nearest to it; told as done, an event.
        if not found:
            break
        nearest = min(found, key=lambda d: abs(d.line - n)).day
        try:
            found.append(Dated(nearest.replace(day=day), n, False))
        except ValueError:
            continue
    return found, problems


SCHEDULE_INTRO = re.compile(r"(?:安排|日程|计划|预告|将|后续|接下来|时间表)[^。！？!?]*[：:]$")
"""A paragraph ending in a colon that announces what is to come (后续课程安排如下：): the paragraphs under it that open
with a date are its schedule, plans all (7月8日（星期六）　探访…), never the latest event the text reports."""
DATE_OPENING = re.compile(r"^\s*(?:(?:\d{1,2}\s*[.．、]|[(（][一二三四五六七八九十\d]{1,3}[)）])\s*(?=\d))?"
                          r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日")
"""A schedule item's day opening its paragraph, after the item's number or not: 7月10日（周六）…, 1.7月10日（周六）…."""


def _read_texts(issue: ParsedIssue) -> list[tuple[str, list[tuple[int, int]], bool]]:
    """The body as read: each head line, each paragraph with the lines the layout cut it into joined again (a
    date cut in two, 3月 / 22日, is read whole), each unplaced line; with where each printed line starts in it, and
    whether it is an item of a schedule announced above it."""
    texts: list[tuple[str, list[tuple[int, int]], bool]] = []
    printed = issue.source.lines
    for article in issue.articles:
        texts.extend((text, [(0, n)], False) for n, text in article.head)
        # 温馨提示, 关于…临时交通管理的公告: the days a notice names are when it applies
        notice = bool(BOX_TITLE.match(article.headline or "") or NOTICE_ABOUT.match(article.headline or ""))
        scheduled = False
        for block in article.blocks:
            starts, at = [], 0
            for n in block.lines:
                starts.append((at, n))
                at += len(printed[n - 1].strip())
            scheduled = scheduled and bool(DATE_OPENING.match(block.text))
            texts.append((block.text, starts, scheduled or notice))
            scheduled = scheduled or bool(SCHEDULE_INTRO.search(block.text))
    texts.extend((text, [(0, n)], False) for n, text in issue.unplaced)
    return sorted(texts, key=lambda t: t[1][0][1])


def latest_date(issue: ParsedIssue, year: int | None) -> tuple[Dated | None, list[Problem]]:
    """The date of the latest event the text reports: the latest date it mentions that is not a plan or deadline,
    and before every plan or deadline it names (a future date says the issue came out before it)."""
    found, problems = mentioned_dates(issue, year)
    plans = [d.day for d in found if d.future]
    events = [d for d in found if not d.future and (not plans or d.day < min(plans))]
    events = events or [d for d in found if not d.future]
    if not events:
        return None, problems
    return max(events, key=lambda d: (d.day, -d.line)), problems


def district_of_text(text: str, places: Places) -> str | None:
    """Name the district a text mentions most (full names and aliases), None when there is no clear one."""
    names = {d.name: d.name for d in places.districts}
    names.update({alias: d.name for d in places.districts for alias in d.aliases})
    # Longest names first, so 石景山区 is counted once and not again as 石景山.
    pattern = re.compile("|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)))
    counts = Counter(names[m.group(0)] for m in pattern.finditer(text)).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


PUBLISHER = re.compile(r"主办|编印|承办|出版|区委|区政府|人民政府|工作委员会|办事处|(?<=[\u4e00-\u9fff])编发?(?=\s|$)"
                       r"|^[\u4e00-\u9fff]{2,5}版$")
"""A masthead line that says who publishes the paper, 中共朝阳区委宣传部主办, 中共北京市西城区德胜街道工作委员会
(a 街道's bulletin), 昌平区回天地区工作办公室　编印 (an office's bulletin, compiled and printed by it), a compiler's line
with its date, 北京市延庆区大庄科乡人民政府办公室编　2016年6月20日 (a 乡's bulletin), or which district's edition it
is, 大兴版 (a city paper's district pages)."""


def district_of_masthead(issue: ParsedIssue, places: Places) -> str | None:
    """The one district a paper that places.toml does not know names in its own name (朝阳报, 新海淀报) or
    in its publisher line (中共朝阳区委宣传部主办): a district paper's text names other districts too."""
    for text in [issue.publication or "", *(line for _, line in issue.masthead if PUBLISHER.search(line))]:
        if district := district_named(text, places):
            return district
    return None


RUNNING_HEAD_PAPER = re.compile(r"^\s*([\u4e00-\u9fff]{2,8}?(?:报|时讯|周刊|简报))(?=[\s\d·第星（(]|$)")
"""A paper's name opening a running head: 朝阳报 2024年3月5日 星期二 第2版 责任编辑：李华."""
PAPER_AND_PAGE = re.compile(r"^([\u4e00-\u9fff]{2,8}?(?:报|时讯|周刊|简报))\s*[·•]\s*[\u4e00-\u9fff]{2,6}$")
"""A running head's part joining the paper's name and the page's: 海淀报·社区."""
LETTER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
"""One space between two characters: the spacing of a letter-spaced title (京 西 时 报), not a gap between words."""
PAGE_MARK = re.compile(r"第\s*[\d一二三四五六七八九十]{1,3}\s*版|星期[一二三四五六日天]|\b[A-Z]\d{1,2}\b")
FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


BARE_PAGE = re.compile(r"^\d{1,2}$")


def running_heads(issue: ParsedIssue) -> list[tuple[int, str]]:
    """The furniture lines that head a page: they name its page (第2版, B02) or its weekday, or end a row of parts at
    either end with the page's bare number (怀柔报　人文怀柔　3)."""
    return [(n, line) for n, line in issue.furniture
            if PAGE_MARK.search(line) or len(parts := row_parts(line)) >= 2 and (BARE_PAGE.match(parts[0])
                                                                               or BARE_PAGE.match(parts[-1]))]


def paper_of_running_heads(issue: ParsedIssue, places: Places) -> str | None:
    """The paper a file with no masthead names at the head of its pages (a paper places.toml knows, anywhere
    in the line, or a name ending 报/时讯/周刊/简报 that opens it), if they name one only."""
    names = set()
    for _, printed in running_heads(issue):
        line = LETTER_SPACE.sub("", printed)  # 京 西 时 报  要 闻: a title set letter-spaced is still one name
        known = [p.name for p in places.publications if p.name in line]
        if known:
            names.update(known)
        elif m := RUNNING_HEAD_PAPER.match(line):
            names.add(m.group(1))
        elif len(parts := row_parts(line)) >= 3:
            # 4　　图片新闻　　房山报　　2017年6月9日: the paper's name as one of the running head's parts
            # or joined to the page's name, 3　　海淀报·社区　　美编 吴桐
            names.update(m.group(1) for part in parts
                         if (m := RUNNING_HEAD_PAPER.fullmatch(part) or PAPER_AND_PAGE.match(part)))
    return names.pop() if len(names) == 1 else None


SUBSCRIBED_PAPER = re.compile(r"《([\u4e00-\u9fff]{2,12})》[^《》]*?(?:欢迎订阅|订阅|征订)|(?:欢迎订阅|订阅|征订)[^《》]*?《([\u4e00-\u9fff]{2,12})》")
"""A subscription note naming its paper: 《怀柔报》欢迎订阅…, 欢迎订阅2016年《海淀报》."""


HOTLINE_PAPER = re.compile(r"^\s*《?([\u4e00-\u9fff]{2,8}?报)》?(?:社)?(?:新闻|广告|订阅|发行)?(?:热线|电话)\s*[:：]")
"""A paper's name opening its own hotline, in its title marks or not: 丰台报新闻热线：63812345, 《东城报》新闻热线：…."""
OFFICE_PAPER = re.compile(r"^\s*([\u4e00-\u9fff]{2,8}?(?:报|时讯|周刊))(?:社|编辑部)(?:[\s\u3000]+\S*)?(?:地址|电话|热线|邮编)\s*[:：]")
"""A paper's name opening the row of its own office's contacts: 德胜社区报编辑部　地址：…, 怀柔报社　地址：…, 房山报社地址：…."""


def paper_of_notes(issue: ParsedIssue, places: Places) -> str | None:
    """The paper a file with no masthead asks its readers to subscribe to (《怀柔报》欢迎订阅  邮发代号…), to call
    (丰台报新闻热线：…) or to write to (德胜社区报编辑部　地址：…), if its furniture names one only: a paper prints its own
    notes, a paper places.toml knows or a name ending 报/时讯/周刊."""
    names = set()
    for _, line in issue.furniture + issue.colophon:
        if (m := HOTLINE_PAPER.match(line) or OFFICE_PAPER.match(line)) and m.group(1) != "本报":
            names.add(m.group(1))
        for m in SUBSCRIBED_PAPER.finditer(line):
            name = m.group(1) or m.group(2)
            if places.publication(name) or RUNNING_HEAD_PAPER.fullmatch(name):
                names.add(name)
    return names.pop() if len(names) == 1 else None


def date_of_running_heads(issue: ParsedIssue) -> tuple[datetime.date, int] | None:
    """The date printed at the head of a file's pages (the issue's own day, printed on every page), and its
    first line; None when they print none, or more than one day."""
    found: dict[datetime.date, int] = {}
    for n, line in running_heads(issue):
        for m in FULL_DATE.finditer(line):
            try:
                found.setdefault(datetime.date(*map(int, m.groups())), n)
            except ValueError:
                continue
    return next(iter(found.items())) if len(found) == 1 else None


ADDRESS = re.compile(r"(?:^|\s)(?:[\u4e00-\u9fff]{0,10}(?:报|报社|编辑部))?(?:社址|地址)\s*[:：]\s*(\S+)")
"""The paper's own address among its notes: 地址：北京市西城区德胜门外大街, 德胜社区报编辑部　地址：…."""


def district_of_address(issue: ParsedIssue, places: Places) -> str | None:
    """The one district the paper's own address (in its furniture or colophon) names, if the addresses name one only."""
    named = {district_named(m.group(1), places) for _, line in issue.furniture + issue.colophon + issue.masthead
             for m in ADDRESS.finditer(line.replace("\u3000", " ")) if not line.startswith("广告")}
    named.discard(None)
    return named.pop() if len(named) == 1 else None


def district_named(text: str, places: Places) -> str | None:
    """The district a short text names, if it names exactly one (its full name or an alias)."""
    named = {d.name for d in places.districts for n in (d.name, *d.aliases) if n in text}
    return named.pop() if len(named) == 1 else None


TODAY_WEEKDAY = re.compile(r"(?:今天|今日)\s*[(（]\s*(?:星期|周)([一二三四五六日天])\s*[)）]"
                           r"|(?:^|[）)，,。])\s*星期([一二三四五六日天])(?:是|上午|下午|晚上|当天)")
"""今天（星期三）起…: the text names the weekday it is written on; 星期六是第14个“文化和自然遗产日”。当天上午…, a story
opening on the bare weekday its news happened, names the day it tells of."""


YESTERDAY_WEEKDAY = re.compile(r"(昨天|昨日|前天|前日)\s*[(（]\s*(?:星期|周)([一二三四五六日天])\s*[)）]")
"""昨天（星期四）上午…: the day before the issue's (or two, 前天) named by its weekday: the issue's is the one after."""
HEAD_WEEKDAY = re.compile(r"(?:^|\s)星期([一二三四五六日天])(?=\s|$)")
"""A running head that prints the weekday standing apart (03　中关村·创新　星期一　责任编辑：…): the issue's weekday."""


def _weekday_of_today(text: str, latest: datetime.date, heads: list[str] = ()) -> datetime.date:
    """The issue's day where the text names its weekday (今天（星期三）, 昨天（星期四） the day before it, or a running head
    printing 星期一 alone) and only one weekday: the first day from the latest event it reports that falls on it (the
    event on 6月12日, a Monday, and 今天（星期三）: 6月14日); else that event's day."""
    days = {WEEKDAYS.index((m.group(1) or m.group(2)).replace("天", "日")) for m in TODAY_WEEKDAY.finditer(text)}
    days |= {(WEEKDAYS.index(m.group(2).replace("天", "日")) + (1 if m.group(1) in ("昨天", "昨日") else 2)) % 7
             for m in YESTERDAY_WEEKDAY.finditer(text)}
    days |= {WEEKDAYS.index(m.group(1).replace("天", "日")) for head in heads for m in HEAD_WEEKDAY.finditer(head)}
    if len(days) != 1:
        return latest
    return latest + datetime.timedelta(days=(days.pop() - latest.weekday()) % 7)


def _infer(issue: ParsedIssue, places: Places) -> tuple[ParsedIssue, int | None]:
    """The issue with what the text says of its paper, district and date; and the line its date was taken from."""
    text = body_text(issue)
    date_line = None
    changes: dict[str, object] = {}
    problems = list(issue.problems)
    if issue.publication is None and no_masthead(issue) and (paper := paper_of_running_heads(issue, places)
                                                             or paper_of_notes(issue, places)):
        # No masthead, but the pages' running heads or a subscription note print the paper's name: surer than 本报 in
        # the text.
        issue = dataclasses.replace(issue, publication=paper, publication_inferred=True)
        changes.update(publication=paper, publication_inferred=True)
    known = places.publication(issue.publication) if issue.publication else None
    city_wide = known is not None and known.district is None
    if issue.district is None and not city_wide and (district := district_of_masthead(issue, places)):
        changes["district"] = district
    elif issue.district is None and not city_wide and (any(w in text for w in OUR_DISTRICT) or no_masthead(issue)):
        # "我区" says the paper belongs to a district, and so does a file with no masthead (a district paper's
        # pages): the district the text names most is that district.
        district = district_of_text(text, places)
        if district:
            changes["district"] = district
            paper = next((p for p in places.publications if p.district == district), None)
            if issue.publication is None and paper and any(w in text for w in OUR_PAPER):
                changes.update(publication=paper.name, publication_inferred=True)
    if issue.district is None and "district" not in changes and not city_wide \
            and (district := district_of_address(issue, places)):
        # No masthead names it and the text names no district more than another: the paper's own office is in it.
        changes["district"] = district
    printed = date_of_running_heads(issue) if issue.date is None and no_masthead(issue) else None
    if printed:
        # The day the running heads print is the issue's own: surer than the latest event the text tells.
        changes.update(date=printed[0], date_inferred=True)
        date_line = printed[1]
    elif issue.date is None:
        # A schedule's days (安排如下： / 2023年1月5日（周四）…) lie ahead of the issue: their year is not the one it is
        # written in, unless no other year is named.
        unscheduled = "\n".join(said for said, _, scheduled in _read_texts(issue) if not scheduled)
        # A numbered anniversary (改革开放40周年) falls in the year of writing: a year before it is history told.
        year = max((y for y in (text_year(unscheduled), anniversary_year(text)) if y), default=None) or text_year(text)
        dated, date_problems = latest_date(issue, year)
        problems.extend(date_problems)
        if dated:
            heads = [line for _, line in running_heads(issue)] if no_masthead(issue) else []
            changes.update(date=_weekday_of_today(text, dated.day, heads), date_inferred=True)
            date_line = dated.line
        elif "date" not in {k for k, _ in issue.source.overrides}:  # the keeper's sidecar gives it: no warning
            problems.append(Problem(issue.source.path, None, "no date printed and none found in the text; "
                                    "give one as date = YYYY-MM-DD in the sidecar .toml file"))
    if changes:
        log.debug("%s: inferred %s", issue.source.path, changes)
    return dataclasses.replace(issue, problems=tuple(problems), **changes), date_line


def _positive_int(value: str) -> int | None:
    v = value.strip()
    return int(v) if v.isdigit() and int(v) > 0 else None


def _apply_overrides(issue: ParsedIssue, places: Places) -> ParsedIssue:
    sidecar = str(Path(issue.source.path).with_suffix(".toml"))
    changes: dict[str, object] = {}
    problems = list(issue.problems)

    def bad(key: str, value: str, why: str) -> None:
        problems.append(Problem(sidecar, None, f"{key} = {value!r} {why}; the value was ignored"))

    keys = {k for k, _ in issue.source.overrides}
    for key, value in issue.source.overrides:
        if key == "publication":
            if not value.strip():
                bad(key, value, "is empty")
                continue
            changes.update(publication=value.strip(), publication_inferred=False)
            paper = places.publication(value.strip())
            if "district" not in keys and (paper or district_named(value, places)):
                # A paper places.toml knows has its district (None: city-wide); another, the one its name says.
                changes["district"] = paper.district if paper else district_named(value, places)
        elif key == "date":
            try:
                changes.update(date=datetime.date.fromisoformat(value.strip()), date_inferred=False)
            except ValueError:
                bad(key, value, "is not a date written YYYY-MM-DD")
        elif key in ("issue_no", "total_no", "pages"):
            number = _positive_int(value)
            if number is None:
                bad(key, value, "is not a positive whole number")
            else:
                changes[key] = number
        elif key == "district":
            district = next((d.name for d in places.districts if value.strip() in (d.name, *d.aliases)), None)
            if district is None:
                bad(key, value, "is not one of the districts in places.toml")
            else:
                changes["district"] = district
        else:
            bad(key, value, "is not a key the sidecar file can set")
    return dataclasses.replace(issue, problems=tuple(problems), **changes)
