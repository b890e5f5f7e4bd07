"""The parser, judged by what a reader of each seed and fixture would check."""
from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.lexicon import load_places
from sitegen.model import Issue, Source
from sitegen.issue.parse import accounted_lines, parse_issue, parse_text, placed_lines

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parse"


def seed(prefix: str) -> Issue:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse_text(path.read_text(encoding="utf-8"), f"seeds/{path.name}")


def fixture(name: str) -> Issue:
    return parse_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), f"fixtures/{name}.txt")


@dataclass(frozen=True)
class Want:
    """What a reader checks of one article: its headline stack, labels, and where its text starts and ends."""

    headline: str
    first: tuple[tuple[int, ...], str]
    """Source lines of the first block and the words it opens with."""
    last: tuple[tuple[int, ...], str]
    """Source lines of the last block and the words it ends with."""
    kicker: str | None = None
    deck: str | None = None
    byline: str | None = None
    section: str | None = None
    kind: str = "news"
    continued_from: str | None = None
    continued_on: str | None = None


def check_articles(issue: Issue, wants: list[Want]) -> None:
    assert [a.headline for a in issue.articles] == [w.headline for w in wants]
    for a, w in zip(issue.articles, wants):
        got = Want(
            a.headline,
            (a.blocks[0].lines, a.blocks[0].text[: len(w.first[1])]),
            (a.blocks[-1].lines, a.blocks[-1].text[len(a.blocks[-1].text) - len(w.last[1]):]),
            a.kicker, a.deck, a.byline, a.section, a.kind, a.continued_from, a.continued_on,
        )
        assert got == w


def joins(issue: Issue) -> dict[tuple[int, ...], str]:
    return {b.lines: b.text for a in issue.articles for b in a.blocks if len(b.lines) > 1}


# --- seeds ---------------------------------------------------------------------------------------

SEED_000 = [
    Want("统筹推进疫情防控和精神文明建设 深入开展背街小巷环境精细化整治提升工作",
         ((5,), "本报讯(通讯员石伟)4月23日,我区召开"), ((21,), "推动文明创建、背街小巷精细化整治提升保持常态长效。"),
         byline="通讯员石伟"),
    Want("区委主要领导调研企业复工复产工作",
         ((25,), "本报讯(记者仲然 高鑫铭)4月24日下午"), ((33,), "副区长周西松参加调研。"), byline="记者仲然 高鑫铭"),
    Want("“降”“升”“盼” 我区居民消费呈现战“疫”新特点",
         ((37,), "本报讯(通讯员阴晓霞)疫情期间"), ((45,), "有望在疫情结束后逐步释放。"), byline="通讯员阴晓霞"),
    Want("区应急管理局对复工复产建筑施工工地开展安全生产执法检查",
         ((49, 51), "本报讯(通讯员张亚京)4月23日"), ((49, 51), "有效防范各类生产安全事故,确保安全稳定。"),
         byline="通讯员张亚京"),
    Want("着力打好碧水保卫战…", ((53,), "(上接1版)着力打好碧水保卫战。"), ((59,), "党政一把手要当好施工队长。"),
         kind="fragment", continued_from="1版"),
    Want("“石景山老街坊”面对疫情“全响应”",
         ((65,), "本报讯(记者王祝炫)在八角街道"), ((77,), "牢牢守住疫情防控第一线。"),
         byline="记者王祝炫", section="战疫一线"),
]
SEED_001 = [
    Want("区委常委会召开会议", ((5,), "本报讯(通讯员石伟)6月24日"), ((23,), "会议还研究了其他事项。"), byline="通讯员石伟"),
    Want("石景山新冠肺炎疫情防控工作领导小组召开第七十三次会议",
         ((27, 29), "(上接1版)加强核酸检测采样点"), ((35,), "要坚决查处、严肃处理、通报曝光。"), continued_from="1版"),
    Want("我区举办“抗击疫情 复工复产”专场活动",
         ((39,), "本报讯(通讯员石科)6月19日"), ((47, 49), "全力助推企业产业链协同发展。"), byline="通讯员石科"),
    Want("八宝山街道 全力做好核酸检测采样工作",
         ((53,), "本报讯(通讯员张丽华)按照北京市"), ((85,), "共同为地区及群众的健康安全保驾护航。"), byline="通讯员张丽华"),
    Want("携手蓝天救援队 苹果园街道防控力度不松懈",
         ((91,), "本报讯(通讯员周岩)6月21日"), ((97,), "社区广场等公共区域的清洁消毒工作。"), byline="通讯员周岩"),
]
SEED_002 = [
    Want("持续抓好疫情常态化防控", ((25,), "4月8日,中共中央政治局"), ((35,), "应该坚持下去,形成常态化。"),
         byline="石荣平", kind="commentary"),
    Want("区委常委会召开会议", ((39,), "本报讯(通讯员石伟)4月15日下午"), ((49,), "会议还研究了其他事项。"), byline="通讯员石伟"),
    Want("我区召开应对新型冠状病毒感染疫情工作领导小组第五十六次会议 贯彻落实蔡奇书记调研我区指示要求 "
         "继续全面从严防控 统筹推进经济社会发展各项工作",
         ((53,), "本报讯(通讯员石伟)4月13日"), ((67,), "提供更有“温度”的服务保障。(下转2版)"),
         byline="通讯员石伟", continued_on="2版"),
    Want("快递管理精细化 居民“件件有着落”",
         ((73, 75), "本报讯(记者吴赛赛 通讯员田甜)疫情期间"), ((81,), "保障居民取件安全。"), byline="记者吴赛赛 通讯员田甜"),
]
SEED_003 = [
    Want("永葆为民情怀 厚植文明沃土 石景山区深入开展文明城区创建工作",
         ((17,), "自 2018 年全面启动全国文明城区创建以来"), ((51,), "(石景山区文明办)"), section="文明创建"),
]
SEED_004 = [
    Want("精细精准抓落实 确保全国“两会”顺利召开", ((30,), "本报讯(记者 乔斐)5月20日"),
         ((54,), "地区安全生产形势和街面秩序持续稳定。"), byline="记者 乔斐",
         kicker="东城区疫情防控工作领导小组会议暨全国“两会”服务保障工作领导小组会议召开"),
    Want("东城首批两家“政协委员工作室”挂牌", ((60,), "本报讯(记者 刘旭阳)5月20日"),
         ((76,), "“政协委员工作室”应运而生。"), byline="记者 刘旭阳",
         deck="自主管理、独立运行;发挥委员界别优势,助力解决民生问题"),
    Want("6000余人备战防汛", ((82,), "本报讯(记者 李冬梅)随着5月19日"), ((104,), "同时清理雨水篦子2.3万余个。"),
         byline="记者 李冬梅", deck="汛前拟开展216场次演练;已排查风险隐患万余处"),
    Want("社区大数据平台试点运行", ((110,), "本报讯(记者 刘旭阳)近日"), ((126,), "今后将在全区各社区推广使用。"),
         byline="记者 刘旭阳", deck="区网格中心搭建,提供数据汇聚共享服务;已在50个社区试点,助力基层社会治理"),
    Want("“520”我们登记结婚啦!", ((132,), "“520”的谐音是“我爱你”的意思"), ((134,), "记者 王慧雯 通讯员 梁爽 摄影报道"),
         byline="记者 王慧雯 通讯员 梁爽", kind="photo", continued_on="2版"),
]


@pytest.mark.parametrize("prefix, wants", [
    ("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("003", SEED_003), ("004", SEED_004),
])
def test_seed_articles(prefix: str, wants: list[Want]) -> None:
    check_articles(seed(prefix), wants)


# Each join as a reader sees it: the words on both sides of the cut now run on.
SEED_JOINS = {
    "000": {(15, 17): "开展好“美丽街巷我家”宣传", (29, 31): "紧抓窗口期,全面推进", (41, 43): "有所上升。疫情期间,随着",
            (49, 51): "等为重点,突出加强特种作业", (55, 57): "“十大攻坚工程”", (73, 75): "数据库,供工人员对访客信息"},
    "001": {(9, 11): "最严要求,奋力夺取", (15, 17): "确保疫情防控和创城工作", (27, 29): "园区、工地、工厂",
            (31, 33): "出行提示,引导市民", (43, 45): "电子信息领域中心针对", (47, 49): "“科技抗疫”行动",
            (71, 73): "人员引导、核对登记", (93, 95): "苹果园街道21个社区"},
    "002": {(29, 31): "钢铁长城。", (43, 45): "《区委关于新时代", (55, 57): "“外防输入、内防反弹”",
            (61, 63): "完善“接诉即办”机制,依托", (73, 75): "时代花园社区"},
    "003": {(21, 23): "进企业进社区进军营宣讲 500 余场", (31, 33): "棚改项目,高质量推动", (41, 43): "未成年人思想道德建设"},
    "004": {(34, 36): "的态度加强排查防范", (46, 48): "全国“两会”安保工作", (64, 66): "围绕统筹推进复工复产",
            (70, 72): "他指出,政协组织要", (92, 94): "响应及时的防汛指挥体系", (116, 118): "社工在平时走访时"},
}


@pytest.mark.parametrize("prefix", sorted(SEED_JOINS))
def test_seed_layout_breaks_are_joined(prefix: str) -> None:
    issue = seed(prefix)
    got = joins(issue)
    assert sorted(got) == sorted(SEED_JOINS[prefix])
    lines = issue.source.lines
    for numbers, junction in SEED_JOINS[prefix].items():
        assert junction in got[numbers]
        assert got[numbers] == "".join(lines[n - 1].strip().removeprefix("## ") for n in numbers)


def test_seed_002_masthead_facts() -> None:
    issue = seed("002")
    assert (issue.publication, issue.date, issue.date_inferred) == ("石景山报", datetime.date(2020, 4, 16), False)
    assert (issue.issue_no, issue.total_no, issue.pages, issue.district) == (30, 1907, 8, "石景山区")
    assert [n for n, _ in issue.masthead] == [3, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 19]
    assert issue.masthead[-1] == (19, "北京石景山公众号")


def test_seed_003_masthead_colophon_and_source_line() -> None:
    issue = seed("003")
    assert (issue.publication, issue.date) == ("首都精神文明建设情况简报", datetime.date(2020, 11, 5))
    assert (issue.issue_no, issue.total_no, issue.pages, issue.district) == (52, 2161, None, None)
    assert [t for _, t in issue.masthead] == [
        "首都精神文明建设情况简报", "第 52 期", "(总第 2161 期)", "首都精神文明办", "2020 年 11 月 5 日"]
    assert [t[:3] for _, t in issue.colophon] == ["责编：", "核稿：", "电话：", "传真：", "邮箱：", "报：中", "送：首", "发：各"]
    (article,) = issue.articles
    assert article.blocks[-1].kind == "source"
    assert [b.text[:6] for b in article.blocks if b.kind == "h2"] == ["一、全面部署", "二、惠民靠民", "三、服务大局"]


def test_seed_004_masthead_before_and_after_the_name() -> None:
    issue = seed("004")
    assert (issue.publication, issue.date, issue.district) == ("新东城报", datetime.date(2020, 5, 22), "东城区")
    assert (issue.issue_no, issue.total_no, issue.pages) == (None, 943, 4)
    texts = [t for _, t in issue.masthead]
    assert texts[:3] == ["2020年5月22日 星期五", "本期4版", "总第943期"]
    assert "NEW DONGCHENG WEEKLY" in texts and "加快建设“国际一流的" in texts and "和谐宜居之都”首善之区" in texts
    assert texts[-1] == "准印证号:京内资准字0707-L0117"


def test_seed_004_sub_headings() -> None:
    articles = seed("004").articles
    assert [b.text for b in articles[2].blocks if b.kind == "h2"] == [
        "汛前将完成演练216场次", "优化全区防汛指挥体系", "已排查风险隐患11208处"]
    assert [b.text for b in articles[3].blocks if b.kind == "h2"] == ["疫情期间助社工高效工作", "平台将在各社区推广使用"]
    assert [b.kind for b in articles[4].blocks] == ["caption", "credit"]


def test_seed_001_markdown_sub_headings() -> None:
    article = seed("001").articles[3]
    assert [b.text for b in article.blocks if b.kind == "h3"] == [
        "属地负责,迅速安排部署", "争分夺秒,迅速落实保障", "精准防控,迅速启动检测", "突出重点,迅速宣传引导", "八方支援,迅速形成合力"]


def test_seed_000_photo_credit_stays_a_credit() -> None:
    article = seed("000").articles[-1]
    assert [(b.kind, b.text) for b in article.blocks if b.kind != "p"] == [("credit", "田甜摄")]
    assert article.head == ((61, "战疫一线"), (63, "“石景山老街坊”面对疫情“全响应”"))


def test_seed_002_author_line_is_kept_as_printed() -> None:
    article = seed("002").articles[0]
    assert article.head == ((21, "持续抓好疫情常态化防控"), (23, "●石荣平"))
    assert all("●" not in b.text for b in article.blocks)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_nothing_is_lost(prefix: str) -> None:
    issue = seed(prefix)
    assert_every_line_once(issue)
    assert issue.problems == ()
    assert issue.unplaced == ()


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_seed_without_masthead_leaves_facts_to_infer(prefix: str) -> None:
    issue = seed(prefix)
    assert (issue.publication, issue.date, issue.masthead, issue.colophon) == (None, None, (), ())


# --- nothing lost ---------------------------------------------------------------------------------

def strip_markup(text: str) -> str:
    return re.sub(r"^#{1,6}\s+", "", text)


def nonspace(text: str) -> str:
    return "".join(sorted(ch for ch in text if not ch.isspace()))


def assert_every_line_once(issue: Issue) -> None:
    printed = [(n, t.strip()) for n, t in enumerate(issue.source.lines, 1) if t.strip()]
    assert placed_lines(issue) == printed  # every non-blank line, each in exactly one place
    assert accounted_lines(issue) == Counter(t for _, t in printed)
    for article in issue.articles:
        for block in article.blocks:  # a block's text is its lines, joined with nothing lost or added
            made = "".join(strip_markup(issue.source.lines[n - 1].strip()) for n in block.lines)
            assert nonspace(block.text) == nonspace(made)
        # Kicker, headline and deck are made of the article's printed head lines (a made-up headline aside).
        heads = "".join(strip_markup(t) for _, t in article.head).replace(" ", "")
        for text in (article.kicker, article.deck, article.headline if article.headline_line else None):
            assert text is None or text.replace(" ", "") in heads
        # A 【】 label is printed once, in the head of the first article it names.
        assert article.section is None or any(article.section in t for a in issue.articles for _, t in a.head)


def test_accounted_lines_counts_every_place() -> None:
    issue = parse_text("石景山报\n2020年4月16日\n\n标题一\n\n本报讯(记者 甲)正文。\n\n责编：乙\n")
    assert accounted_lines(issue) == Counter(["石景山报", "2020年4月16日", "标题一", "本报讯(记者 甲)正文。", "责编：乙"])


def test_accounted_lines_sees_a_duplicate() -> None:
    import dataclasses
    issue = parse_text("标题\n\n本报讯(记者 甲)正文。\n")
    doubled = dataclasses.replace(issue, unplaced=((1, "标题"),))
    assert accounted_lines(doubled)["标题"] == 2


# --- fixtures, one per phenomenon -----------------------------------------------------------------

FIXTURE_WANTS = {
    "kicker_and_deck": [
        Want("严防死守 确保安全度汛", ((5,), "本报讯"), ((5,), "压实责任。"), kicker="西城区防汛工作部署会召开", byline="记者 张明"),
        Want("社区养老驿站全面开放", ((11,), "本报讯"), ((11,), "有序入场。"), deck="已开放驿站58家;日均服务老人3000余人次",
             byline="通讯员 李华"),
    ],
    "kicker_event_over_main": [
        Want("精细精准抓落实 确保全国“两会”顺利召开", ((5,), "本报讯"), ((5,), "会议召开。"), byline="记者 乔斐",
             kicker="东城区疫情防控工作领导小组会议暨全国“两会”服务保障工作领导小组会议召开"),
    ],
    "two_part_headline": [
        Want("八宝山街道 全力做好核酸检测采样工作", ((3,), "本报讯"), ((3,), "采样工作。"), byline="通讯员张丽华"),
    ],
    "layout_break_closing_quote": [
        Want("社区防控再加码", ((3, 5), "本报讯"), ((3, 5), "坚强堡垒。"), byline="通讯员王芳"),
    ],
    "layout_break_short_digit_continuation": [
        Want("理论宣讲进基层", ((3, 5), "三年来"), ((3, 5), "开展学习。")),
    ],
    "layout_break_into_short_block": [
        Want("区委主要领导调研企业复工复产工作", ((3, 5), "本报讯"), ((7,), "副区长参加调研。"), byline="记者仲然"),
    ],
    "layout_break_not_before_headline": [
        Want("区应急管理局开展安全生产执法检查", ((3,), "本报讯"), ((3,), "确保安全稳定"), byline="通讯员张亚京"),
        Want("快递管理精细化 居民“件件有着落”", ((7,), "本报讯"), ((7,), "取快递。"), byline="记者吴赛赛"),
    ],
    "continued_fragment": [
        Want("着力打好碧水保卫战…", ((1,), "(上接1版)"), ((3,), "(下转3版)"), kind="fragment",
             continued_from="1版", continued_on="3版"),
        Want("“老街坊”面对疫情“全响应”", ((9,), "本报讯"), ((9,), "护卫队。"), byline="记者王祝炫", section="战疫一线"),
    ],
    "markdown_continued_with_headline": [
        Want("领导小组召开第七十三次会议", ((3, 5), "(上接1版)"), ((3, 5), "防控指引。"), continued_from="1版"),
        Want("我区举办“抗击疫情 复工复产”专场活动", ((9,), "本报讯"), ((17,), "召开会议。"), byline="通讯员石科"),
    ],
    "commentary_author_line": [
        Want("持续抓好疫情常态化防控", ((5,), "4月8日"), ((7,), "疫情要防控。"), byline="石荣平", kind="commentary"),
    ],
    "photo_news": [
        Want("平台将在各社区推广使用", ((3,), "本报讯"), ((3,), "进行试点。"), byline="记者 刘旭阳"),
        Want("“520”我们登记结婚啦!", ((7,), "5月20日"), ((9,), "摄影报道"), byline="记者 王慧雯 通讯员 梁爽",
             kind="photo", continued_on="2版"),
    ],
    "photo_credit_in_article": [
        Want("“石景山老街坊”面对疫情“全响应”", ((3,), "本报讯"), ((7,), "主力队员。"), byline="记者王祝炫"),
    ],
    "credit_inside_cut_paragraph": [
        Want("老街坊守护社区", ((3, 7), "本报讯"), ((5,), "(田甜 摄)"), byline="记者王祝炫"),
    ],
    "section_bracket_carries": [
        Want("永葆为民情怀 厚植文明沃土", ((5,), "自 2018 年"), ((7,), "(石景山区文明办)"), section="文明创建"),
        Want("文明祥和迎冬奥", ((11,), "今年以来"), ((13,), "(海淀区文明办)"), section="文明创建"),
    ],
    "subheadings_plain": [
        Want("6000余人备战防汛", ((5,), "本报讯"), ((13,), "近1万处。"), byline="记者 李冬梅",
             deck="汛前拟开展216场次演练;已排查风险隐患万余处"),
    ],
    "numbered_section_heads": [
        Want("石景山区深入开展文明城区创建工作", ((3,), "自 2018 年"), ((11,), "工作格局。")),
    ],
    "lone_continued_on_line": [
        Want("会议部署下一步工作", ((3, 5), "本报讯"), ((3, 5), "服务保障。(下转2版)"), byline="通讯员石伟", continued_on="2版"),
    ],
    "mixed_width_and_latin": [
        Want("商超严格落实防控措施", ((3,), "本报讯（记者 王五）农贸市场、菜市场 and 商超"), ((3,), "共 45034 个次。"),
             byline="记者 王五"),
    ],
    "colophon": [
        Want("石景山区深入开展文明城区创建工作", ((3,), "石景山区将"), ((5,), "(石景山区文明办)")),
    ],
    "masthead_date_first": [
        Want("东城首批两家“政协委员工作室”挂牌", ((26,), "本报讯"), ((26,), "挂牌启动。"), byline="记者 刘旭阳"),
    ],
    "masthead_spaced_numbers": [
        Want("石景山区深入开展文明城区创建工作", ((15,), "石景山区"), ((15,), "期盼。"), section="文明创建"),
    ],
    "masthead_contacts_and_channel": [
        Want("区委常委会召开会议", ((16,), "本报讯"), ((16,), "召开会议。"), byline="通讯员石伟"),
    ],
    "source_line_closes_item": [
        Want("海淀区志愿服务常态化", ((5, 7), "海淀区组织志愿者"), ((9,), "(海淀区文明办)"), section="志愿服务"),
        Want("朝阳区开展“光盘行动”", ((13,), "朝阳区在全区"), ((15,), "(朝阳区文明办)"), section="志愿服务"),
    ],
    "page_header_mid_file": [
        Want("会议要求,各单位要加强组织领导…", ((1,), "会议要求"), ((1,), "抓好落实。"), kind="fragment"),
        Want("东城区召开优化营商环境工作会", ((9,), "本报讯"), ((11, 13), "“一站式”服务。"), byline="记者 乔斐"),
        Want("王府井步行街恢复客流", ((19,), "本报讯"), ((19,), "12万人次。"), byline="记者 刘旭阳",
             deck="——五一假期接待游客12万人次"),
    ],
    "byline_line_and_bullet_subhead": [
        Want("王府井步行街恢复客流", ((5,), "五一假期"), ((9,), "统筹推进工作。"), byline="本报记者 张三"),
    ],
    "exclaim_headline_in_stack": [
        Want("“绿色家园”我们共同守护!", ((5,), "本报讯"), ((7,), "1200余株。"), kicker="海淀区春季植树活动举行",
             byline="记者 赵明"),
        Want("老旧小区改造提速", ((13,), "本报讯"), ((13,), "整治项目。"), deck="——今年将完成改造项目42个!",
             byline="通讯员 孙丽"),
    ],
    "headline_pair_with_exclamation": [
        # A much longer second line is the deck (resolve_headline), whatever its punctuation.
        Want("垃圾分类进社区", ((5,), "本报讯"), ((5,), "分类投放。"), deck="“桶前值守”你参与了吗? 志愿者带头分类投放",
             byline="记者 周航"),
        Want("背街小巷环境整治", ((11,), "本报讯"), ((11,), "向居民开放。"),
             deck="胡同里的“口袋公园”开放了 居民家门口多了休闲去处!", byline="通讯员 陈静"),
        # A short bare line over it is a column label (as 战疫一线 is); the quotation holds a space.
        Want("“戏曲进社区”又来了! 京剧“名家 名段”唱响胡同", ((17,), "本报讯"), ((17,), "经典名段。"), section="文化惠民",
             byline="记者 马丽"),
    ],
    "markdown_kicker_above_headline": [
        Want("区政府召开常务会议", ((3,), "本报讯"), ((3,), "重点工作。"), byline="记者 吴明"),
        Want("百场演出送到居民家门口", ((9,), "本报讯"), ((9,), "公园开幕。"), kicker="朝阳区消夏文化节开幕",
             byline="通讯员 刘洋"),
    ],
    "section_then_exclaim_headline": [
        Want("疫情防控我先上!", ((5,), "疫情发生以来"), ((7,), "(西城区文明办)"), section="志愿服务"),
    ],
    "lead_byline_without_brackets": [
        Want("区领导检查节前安全生产工作", ((3,), "本报讯 记者张三"), ((5,), "等地。"), byline="记者张三 通讯员 李四"),
        Want("冬季供暖保障有力", ((9,), "本报讯 近日"), ((9,), "供暖工作。")),  # no role, no name: no byline
    ],
    "author_line_wen": [
        Want("社区迎新春活动丰富多彩", ((5,), "春节将至"), ((7,), "居民参加。"), byline="李四"),
    ],
    "impossible_date": [
        Want("区委常委会召开会议", ((7,), "本报讯"), ((7,), "召开会议。"), byline="通讯员石伟"),
    ],
}


def test_every_fixture_has_expectations() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.txt")) == sorted(FIXTURE_WANTS)


@pytest.mark.parametrize("name", sorted(FIXTURE_WANTS))
def test_fixture(name: str) -> None:
    issue = fixture(name)
    check_articles(issue, FIXTURE_WANTS[name])
    assert_every_line_once(issue)


def test_layout_break_closing_quote_is_still_open() -> None:
    (block,) = fixture("layout_break_closing_quote").articles[0].blocks
    assert "完善“接诉即办”机制,依托网格化服务管理" in block.text


def test_layout_break_short_digit_continuation() -> None:
    (block,) = fixture("layout_break_short_digit_continuation").articles[0].blocks
    assert block.text == ("三年来,组织中心组学习 52 场次,开展进企业进社区进军营宣讲 500 余场,"
                          "150 个新时代文明实践站采取读书分享等多种形式开展学习。")


def test_layout_break_into_short_block() -> None:
    assert fixture("layout_break_into_short_block").articles[0].blocks[0].text.endswith("紧抓窗口期。")


def test_layout_break_never_glues_a_paragraph_to_the_next_headline() -> None:
    issue = fixture("layout_break_not_before_headline")
    assert [b.lines for a in issue.articles for b in a.blocks] == [(3,), (7,)]
    assert issue.articles[1].headline_line == 5


def test_credit_inside_cut_paragraph_is_kept_after_the_joined_paragraph() -> None:
    blocks = fixture("credit_inside_cut_paragraph").articles[0].blocks
    assert [(b.kind, b.lines) for b in blocks] == [("p", (3, 7)), ("credit", (5,))]
    assert "供工人员对访客信息" in blocks[0].text


def test_fragment_headline_is_made_up_and_marked() -> None:
    fragment = fixture("continued_fragment").articles[0]
    assert (fragment.headline_line, fragment.head) == (None, ())
    assert fragment.blocks[0].text.startswith("(上接1版)")


def test_markdown_sub_heading_and_short_cut() -> None:
    blocks = fixture("markdown_continued_with_headline").articles[1].blocks
    assert [(b.kind, b.text) for b in blocks[1:3]] == [
        ("p", "北京市科委电子信息领域中心针对软件与信息服务等细分领域项目政策展开介绍。"), ("h3", "属地负责,迅速安排部署")]


def test_numbered_section_heads() -> None:
    blocks = fixture("numbered_section_heads").articles[0].blocks
    assert [(b.kind, b.text[:4]) for b in blocks] == [
        ("p", "自 20"), ("h2", "一、全面"), ("p", "1. 坚"), ("h3", "(一)健"), ("p", "2. 积")]


def test_mixed_width_text_is_kept_exactly() -> None:
    issue = fixture("mixed_width_and_latin")
    raw = (FIXTURES / "mixed_width_and_latin.txt").read_text(encoding="utf-8").split("\n")[2]
    assert issue.articles[0].blocks[0].text == raw


def test_colophon_lines() -> None:
    issue = fixture("colophon")
    assert [n for n, _ in issue.colophon] == [7, 9, 11, 13, 15, 17, 19, 21]
    assert issue.articles[0].blocks[-1].kind == "source"


def test_masthead_with_contacts_and_channel() -> None:
    issue = fixture("masthead_contacts_and_channel")
    assert [t for _, t in issue.masthead][-3:] == ["●区政府:12345", "●供电:95598", "北京石景山公众号"]
    assert (issue.issue_no, issue.total_no, issue.pages) == (30, 1907, 8)


def test_masthead_spaced_numbers() -> None:
    issue = fixture("masthead_spaced_numbers")
    assert (issue.issue_no, issue.total_no, issue.date) == (52, 2161, datetime.date(2020, 11, 5))


def test_byline_line_is_kept_in_the_head_and_a_bulleted_line_is_a_sub_heading() -> None:
    article = fixture("byline_line_and_bullet_subhead").articles[0]
    assert article.head == ((1, "王府井步行街恢复客流"), (3, "本报记者 张三"))
    assert [(b.kind, b.text) for b in article.blocks][1] == ("h2", "●加强组织领导")


def test_page_header_in_the_middle_is_masthead() -> None:
    issue = fixture("page_header_mid_file")
    assert issue.masthead == ((3, "2020年5月7日 星期四"), (5, "新东城报"))
    assert issue.colophon == ((21, "责编：张三 校对：李四"),)


def test_impossible_date_is_a_warning_naming_the_line() -> None:
    issue = fixture("impossible_date")
    assert [str(p) for p in issue.problems] == [
        "fixtures/impossible_date.txt:3: date 2020年13月45日 is not a date; it was not used — correct it in the file",
        "fixtures/impossible_date.txt:7: date 2020年2月30日 is not a date; it was not used — correct it in the file",
    ]
    assert {p.severity for p in issue.problems} == {"warning"}
    assert (issue.date, issue.publication) == (None, "石景山报")


def test_lines_no_article_can_take_are_unplaced_with_a_warning() -> None:
    issue = parse_text("田甜摄\n\n标题\n\n本报讯(记者 甲)正文。\n\n【空栏目】\n", "x.txt")
    assert issue.unplaced == ((1, "田甜摄"), (7, "【空栏目】"))
    assert [p.line for p in issue.problems] == [1, 7]
    assert_every_line_once(issue)


# --- API ------------------------------------------------------------------------------------------

def test_parse_text_builds_the_source() -> None:
    issue = parse_text("标题\n\n本报讯(记者 甲)正文。", "some/where.txt")
    assert issue.source.path == "some/where.txt"
    assert issue.source.sha256 == hashlib.sha256("标题\n\n本报讯(记者 甲)正文。".encode()).hexdigest()
    # What later stages find (ids, districts, topics, keywords) is not a field of what the parser gives.
    assert not any(hasattr(issue, f) for f in ("id", "facts"))
    assert not any(hasattr(issue.articles[0], f) for f in ("id", "districts", "topics", "keywords", "people"))


def test_parse_issue_reads_only_the_text() -> None:
    source = Source(path="/no/such/dir/issue.txt", text="标题\n\n本报讯(记者 甲)正文。\n", sha256="0" * 64)
    assert parse_issue(source, load_places()).articles[0].headline == "标题"


def test_empty_text() -> None:
    issue = parse_text("")
    assert (issue.articles, issue.unplaced) == ((), ())
    assert [p.message for p in issue.problems] == [
        "no articles found: no line reads as a headline or paragraph; check that this is the text of an issue"]


# --- properties -----------------------------------------------------------------------------------

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
PUNCT = "，。、“”《》（）：；！？,.()!?:;…—"


def _chars(alphabet: str, lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=lo, max_size=hi)


headline_like = _chars(HAN + " ", 2, 30).map(str.strip).filter(bool)
paragraph_like = st.builds(lambda a, b: a + "，" + b + "。", _chars(HAN, 5, 60), _chars(HAN + PUNCT + "0123 ab", 0, 80))
noise = _chars(HAN + PUNCT + "0123456789 abcXYZ●【】#", 1, 50)
special = st.sampled_from([
    "本报讯(记者 张三)", "(上接1版)", "●李四", "田甜摄", "【文明创建】", "## ", "### ", "(下转2版)",
    "2020年4月16日 星期四", "第30期(总第1907期)本期8版", "责编：王五", "(区文明办)", "石景山报", "2020年13月45日",
    "一、", "记者 王慧雯 摄影报道", "NEW WEEKLY", "准印证号京内资准字2003-L0007", "●区政府:12345",
])
line = st.one_of(
    headline_like, paragraph_like, noise, special,
    st.builds(lambda s, p: s + p, special, paragraph_like), st.builds(lambda s, h: s + h, special, headline_like),
)
issue_text = st.lists(st.one_of(line, line, st.just(""), st.just("  ")), min_size=0, max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issue_text)
def test_property_nothing_lost_nothing_doubled(text: str) -> None:
    issue = parse_text(text)
    assert_every_line_once(issue)
    # The same, character by character over what the parser produced (Markdown heading marks aside).
    produced = [t for _, t in issue.masthead + issue.colophon + issue.furniture + issue.unplaced]
    for article in issue.articles:
        produced += [t for _, t in article.head]
        for block in article.blocks:
            marks = [re.match(r"^(?:#{1,6}(?=\s))?", issue.source.lines[n - 1].strip()).group(0) for n in block.lines]
            produced.append("".join(marks) + block.text)
    assert nonspace("".join(produced)) == nonspace(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_property_any_text_parses(text: str) -> None:
    issue = parse_text(text)
    assert_every_line_once(issue)


def test_a_section_label_above_a_stray_byline_goes_to_the_article_after_it() -> None:
    issue = parse_text("【文明创建】\n\n本报记者 张三\n\n垃圾分类进社区\n\n本报讯(记者 李四)正文。\n")
    [article] = issue.articles
    assert (article.section, article.headline) == ("文明创建", "垃圾分类进社区")
    assert article.head == ((1, "【文明创建】"), (5, "垃圾分类进社区"))
    assert issue.unplaced == ((3, "本报记者 张三"),)
    assert_every_line_once(issue)


def test_a_deck_cut_before_its_count_is_one_line_of_the_stack() -> None:
    issue = parse_text("夜市开市\n首晚客流超过\n3万人次\n\n本报讯（记者 甲）7月5日晚，夜市开市。\n")
    [article] = issue.articles
    # The count ends the line above; the two statements are the headline and its deck.
    assert (article.kicker, article.headline, article.deck) == (None, "夜市开市", "首晚客流超过3万人次")
    assert_every_line_once(issue)


def test_a_line_that_is_not_a_phrase_on_its_own_goes_on_in_the_line_below() -> None:
    # 以…引领 lacks its object, …的 its noun: each is one headline with the line below, whatever stands under it.
    issue = parse_text("以新发展理念引领\n回天地区高质量发展\n——学习贯彻体会\n文/张宏伟\n　　党的十九大报告指出，发展要有新理念。\n\n"
                       "我区首批“无废社区”的\n创建名单公布\n\n本报讯（记者 甲）近日，名单公布。\n")
    first, second = issue.articles
    assert (first.kicker, first.headline, first.deck) == (None, "以新发展理念引领回天地区高质量发展", "——学习贯彻体会")
    assert (second.kicker, second.headline) == (None, "我区首批“无废社区”的创建名单公布")
    assert "guess" not in second.call
    assert_every_line_once(issue)


def test_a_line_ending_in_a_whole_word_is_not_taken_as_cut() -> None:
    # 垃圾分类人人参与 ends in 与, 以党建为引领 in 引领, and each is a phrase on its own: the kicker over its headline.
    issue = parse_text("垃圾分类人人参与\n社区志愿服务队成立\n\n本报讯（记者 甲）近日，服务队成立。\n\n"
                       "以党建为引领\n老旧小区有了物业管理\n\n本报讯（记者 乙）近日，物业进驻。\n")
    assert [(a.kicker, a.headline) for a in issue.articles] == [
        ("垃圾分类人人参与", "社区志愿服务队成立"), ("以党建为引领", "老旧小区有了物业管理")]


def test_a_bare_name_of_who_acts_over_what_it_does_is_one_headline_as_a_guess() -> None:
    issue = parse_text("社区卫生服务中心\n开展免费义诊\n　　本报讯（通讯员 陈岩）4月10日，中心组织义诊。\n")
    [article] = issue.articles
    assert (article.kicker, article.headline) == (None, "社区卫生服务中心开展免费义诊")
    assert article.call is not None and article.call.endswith("(guess)")


def test_a_topic_over_a_statement_of_its_own_stays_the_kicker() -> None:
    # A place or topic over a line with its own subject, a name in quotes over its predicate, a slogan over the
    # news: the first line is the kicker.
    issue = parse_text("城市绿心森林公园\n夏日游人如织\n\n本报讯（记者 甲）连日来，公园游人多。\n\n"
                       "社区“四点半课堂”\n解了双职工家庭难题\n\n本报讯（记者 乙）放学后谁来管孩子？\n\n"
                       "践行“两山”理念\n妫水河治理再提速\n\n本报讯（记者 丙）近日，治理提速。\n")
    assert [(a.kicker, a.headline, a.deck) for a in issue.articles] == [
        ("城市绿心森林公园", "夏日游人如织", None), ("社区“四点半课堂”", "解了双职工家庭难题", None),
        ("践行“两山”理念", "妫水河治理再提速", None)]


def test_two_statements_are_headline_and_deck_and_a_meeting_held_stays_the_kicker() -> None:
    issue = parse_text("市级机关首批部门迁入行政办公区\n副中心建设迈入新阶段\n\n本报讯（记者 甲）1月11日，部门迁入。\n\n"
                       "我区启动春季植树造林\n全年新增造林1.5万亩\n\n本报讯（记者 乙）4月19日，植树启动。\n\n"
                       "春季植树造林全面展开\n今年计划新增造林绿化面积1.2万亩\n\n本报讯（记者 戊）3月23日，造林展开。\n\n"
                       "东城召开区委工作会议\n部署2024年重点工作任务\n\n本报讯（记者 丙）3月6日，会议召开。\n\n"
                       "东城区防汛工作部署会召开\n汛前将完成演练216场次\n\n本报讯（记者 丁）4月12日，部署会召开。\n")
    assert [(a.kicker, a.headline, a.deck) for a in issue.articles] == [
        (None, "市级机关首批部门迁入行政办公区", "副中心建设迈入新阶段"),
        (None, "我区启动春季植树造林", "全年新增造林1.5万亩"),
        (None, "春季植树造林全面展开", "今年计划新增造林绿化面积1.2万亩"),
        ("东城召开区委工作会议", "部署2024年重点工作任务", None),
        ("东城区防汛工作部署会召开", "汛前将完成演练216场次", None)]
    assert all("guess" not in a.call for a in issue.articles)


def test_a_second_line_saying_what_the_first_covers_is_its_deck() -> None:
    issue = parse_text("水库保护区退出种植全部完成\n涉及14个村、1.2万亩耕地\n\n本报讯（记者 甲）近日，退耕完成。\n")
    [article] = issue.articles
    assert (article.kicker, article.headline, article.deck) == (None, "水库保护区退出种植全部完成", "涉及14个村、1.2万亩耕地")


def test_short_pieces_after_an_article_are_their_own() -> None:
    # A statement over one dated paragraph at an article's end heads a brief; an exclamation after photo news heads
    # the piece under it; a bulleted line (●加强组织领导) stays a sub-heading.
    text = ("社区邻里节启动\n\n本报讯（记者 李文静）6月3日，邻里节启动。\n\n启动仪式上，10户家庭受到表彰。\n\n"
            "小院装上智能水表\n\n东四街道近日为12个院落安装智能水表。\n\n荷花初放\n\n6月8日，市民观赏荷花。记者 张岩 摄\n\n"
            "远离冰面！\n\n区应急管理局提醒市民，切勿在冰面上行走。\n\n老楼加装电梯难在哪？\n\n本报记者 王璐\n\n记者：进展如何？\n")
    issue = parse_text(text)
    assert [a.headline for a in issue.articles] == ["社区邻里节启动", "小院装上智能水表", "荷花初放", "远离冰面！",
                                                    "老楼加装电梯难在哪？"]
    assert_every_line_once(issue)


def test_a_bare_item_number_goes_on_in_the_line_below() -> None:
    issue = parse_text("哪里踏青好？\n\n以下几处供市民参考：\n\n1.百里山水画廊；\n\n3.\n\n龙庆峡，游步道全长3公里。\n")
    assert [b.text for b in issue.articles[0].blocks][-1] == "3.龙庆峡，游步道全长3公里。"
