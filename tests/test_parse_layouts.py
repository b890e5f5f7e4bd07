"""The parser on layouts the seeds do not show: page furniture, mastheads, headline stacks, short pieces, forms
inside articles, continuations and layout breaks, each from a string literal."""
from __future__ import annotations

import datetime

import pytest

from sitegen.issue.complete import complete_issue
from sitegen.issue.parse import parse_text
from sitegen.issue.parse.lines import display_width, full_lines, stripped_indent_lines
from sitegen.lexicon import load_places
from sitegen.model import ParsedIssue
from test_parse import assert_every_line_once
from test_parse_reflow import break_at


def parse(text: str) -> ParsedIssue:
    issue = parse_text(text, "x.txt")
    assert_every_line_once(issue)
    return issue


def heads(issue: ParsedIssue) -> list[tuple[str | None, str, str | None]]:
    return [(a.kicker, a.headline, a.deck) for a in issue.articles]


def paragraphs(issue: ParsedIssue, n: int) -> list[str]:
    return [b.text for b in issue.articles[n].blocks if b.kind == "p"]


# --- 1. page furniture -----------------------------------------------------------------------------

@pytest.mark.parametrize("running_head", [
    "2016年3月4日 星期五 第2版 要闻 责任编辑：张伟 美术编辑：刘洋",
    "2016年3月4日 星期五 第2版 要闻 美术编辑：刘洋  责任编辑：张伟",
    "第3版 | 区域 | 责编 王磊 | 版式 赵静 | 校对 钱琳",
    "第 2 版    综合新闻    责任编辑 / 李明    校对 / 王琪",
    "第2版 综合新闻 责任编辑：邹静",
    "2021年9月30日 星期四 第2版 副中心新闻",
    "第二版 要闻 2016年3月4日",
    "2016年3月4日 星期五 要闻 责任编辑：张伟",
    "晴转多云 北风二三级 -1℃～11℃",
    "投稿邮箱：cyb@163.com",
    "服务　7版　　责任编辑：高洁　　美术编辑：郑凯",
    "经济 | 5 | 2019.11.29 星期五 | 责编 陈杰 版式 刘芳",
    "要闻　2",
    "4　理论周刊",
    "本报热线：60283015　广告热线：60283020",
    "东城区便民服务热线：12345　　燃气抢修：96777",
    "本版邮箱：ty@163.com　本报地址：密云区鼓楼东大街3号　邮编：101500",
    "2024年度《门头沟报》征订工作开始　邮发代号：1—217　订阅电话：69842266",
    "责任编辑  周亮    美术编辑  孙悦",
    "编辑/郑红  校对/马林",
    "责编 吴波  校对 杜娟  美编 吴波",
    "2017年6月9日  星期五  本版编辑 高岩",
    "2021年4月9日  星期五                    3",
    "5　密云·乡镇",
    "广告  某家政公司招聘保洁员  咨询电话：61012345",
    "6　　社会新闻　　门头沟报　　2019年3月8日　星期五",
    "2　　区域新闻　　责任编辑：钱明　　校对：赵丽",
    "中共北京市大兴区委主办　　出版：大兴报社",
    "编印：西长安街街道宣传办　　电话：66012345",
    "门头沟报新闻热线：69841234",
    "社区　　　　　　　　责任编辑：马丁　美编：孙可",
    "责任编辑　何平　　校对　钱多　　　　　　　　综合",
    "05 │ 民生 │ 延庆报　　责编：邓佳　版式：周全",
    "民 生 服 务　　德 胜 社 区 报　　3",
    "03　春节特刊　怀柔报　2023.01.20",
    "德胜社区报·民生　　　　　　2018年5月4日　星期五",
    "2018年5月4日　星期五　　　　　　德胜社区报·文化",
    "联系人：李明　　联系电话：64001234　　共印80份",
    "美编 高 远   责任编辑 吴 双",
    "【民生】第5版",
])
def test_a_running_head_weather_or_notice_is_furniture_not_a_kicker(running_head: str) -> None:
    issue = parse(f"标题一\n\n本报讯 正文一。（下转2版）\n\n{running_head}\n\n标题二\n\n本报讯（记者 甲）正文二。\n")
    assert issue.furniture == ((5, running_head),)
    assert heads(issue) == [(None, "标题一", None), (None, "标题二", None)]


def test_a_guide_block_weather_and_notices_are_furniture() -> None:
    text = ("朝阳报\n2016年3月4日 星期五\n\n今日导读\n▶ 区人代会闭幕 2版\n▶社区运动会落幕 （第3版）\n\n"
            "今日天气：晴转多云 北风二三级 最低气温-1℃\n\n区人代会闭幕\n\n本报讯（记者 甲）3月3日，会议闭幕。\n\n"
            "广告热线：65099000 地址：朝阳区日坛北路17号\n欢迎订阅2017年度《朝阳报》，全年定价120元，各邮局均可订阅\n"
            "区委宣传部 编印  发行：朝阳报社发行部\n◆ 古北水镇迎来暑期客流高峰 3版\n广告经营许可证：京密工商广字第0012号\n")
    issue = parse(text)
    assert [n for n, _ in issue.furniture] == [4, 5, 6, 8, 14, 15, 16, 17, 18]
    assert heads(issue) == [(None, "区人代会闭幕", None)]
    assert paragraphs(issue, 0) == ["本报讯（记者 甲）3月3日，会议闭幕。"]


def test_a_guide_block_without_bullets_ends_at_its_last_page_reference() -> None:
    text = ("今日导读\n区人代会闭幕……2版\n社区运动会落幕 3版\n区十七届人大六次会议闭幕\n\n本报讯（记者 甲）3月3日，会议闭幕。\n")
    issue = parse(text)
    assert [n for n, _ in issue.furniture] == [1, 2, 3]
    assert [a.headline for a in issue.articles] == ["区十七届人大六次会议闭幕"]


def test_a_bulletins_contents_with_leader_dots_and_section_lines_is_furniture() -> None:
    text = ("本期目录\n◆街道动态\n　街道召开安全生产会…………1\n　社区开展消防演练……………2\n◆社区风采\n"
            "　老街坊的新生活………………2\n\n街道召开安全生产会\n　　4月2日，街道召开安全生产工作会，部署重点工作。\n")
    issue = parse(text)
    assert [n for n, _ in issue.furniture] == [1, 2, 3, 4, 5, 6]
    assert heads(issue) == [(None, "街道召开安全生产会", None)]


def test_a_line_with_a_figure_or_word_in_it_is_not_a_running_head() -> None:
    issue = parse("标题一\n\n本报讯 正文一。\n\n02　今年新增　3个社区\n\n本报讯（记者 甲）正文二。\n")
    assert issue.furniture == ()


def test_a_line_naming_a_page_in_the_text_is_not_furniture() -> None:
    issue = parse("标题\n\n本报讯 详情见第2版，会议要求，各单位要抓好落实。\n")
    assert issue.furniture == ()


# --- 2. mastheads ----------------------------------------------------------------------------------

@pytest.mark.parametrize("issue_line, numbers", [
    ("第9期（总第812期） 今日8版", (9, 812, 8)),
    ("第44期(总第1594期)  共12版", (44, 1594, 12)),
    ("第 47 期  总第 2096 期  共 8 版", (47, 2096, 8)),
    ("第14期 总第1032期 本期8版", (14, 1032, 8)),
    ("第50期 总第2950期 今日八版", (50, 2950, 8)),
    ("第5期（总第3005期） 共十二版", (5, 3005, 12)),
    ("第35期（总第3517期）  本期共12版", (35, 3517, 12)),
])
def test_masthead_numbers_in_their_common_forms(issue_line: str, numbers: tuple[int, int, int]) -> None:
    text = (f"海淀报\nHAIDIAN NEWS\n2018年6月15日 星期五\n{issue_line}\n出版：海淀区融媒体中心\n"
            "国内统一连续出版物号 CN11-0125\nhttp://www.bjhd.gov.cn\n\n标题\n\n本报讯（记者 甲）正文。\n")
    issue = parse(text)
    assert (issue.issue_no, issue.total_no, issue.pages) == numbers
    assert [n for n, _ in issue.masthead] == [1, 2, 3, 4, 5, 6, 7]
    assert (issue.publication, issue.date) == ("海淀报", datetime.date(2018, 6, 15))


def test_a_bulletins_masthead_with_year_issue_and_an_issuer_and_date_line() -> None:
    text = ("首都精神文明建设情况简报\n2020年第15期\n首都精神文明建设委员会办公室编        2020年9月18日\n\n"
            "东城区：“文明引导员”上岗服务\n9月以来，东城区设立文明引导岗48个。\n")
    issue = parse(text)
    assert [n for n, _ in issue.masthead] == [1, 2, 3]
    assert (issue.issue_no, issue.date) == (15, datetime.date(2020, 9, 18))
    assert heads(issue) == [(None, "东城区：“文明引导员”上岗服务", None)]


def test_a_special_issues_masthead_with_its_date_and_page_count() -> None:
    text = ("怀柔报\nHUAIROU BAO\n第三届怀柔区冰雪节特刊\n2023年1月20日　星期五　　本期特刊4版\n\n冰雪节开幕\n"
            "　　本报讯（记者 甲）1月19日，冰雪节开幕，活动持续至2月5日。\n")
    issue = parse(text)
    assert [n for n, _ in issue.masthead] == [1, 2, 3, 4]
    assert (issue.date, issue.pages) == (datetime.date(2023, 1, 20), 4)


def test_a_bulletins_issuer_that_compiles_and_sends_it_beside_its_date() -> None:
    text = ("安全生产简报\n第3期\n中共北京市延庆区委宣传部编发　　　　2022年4月8日\n\n街道召开安全生产会\n"
            "　　4月2日，街道召开安全生产工作会。\n")
    issue = parse(text)
    assert [n for n, _ in issue.masthead] == [1, 2, 3]
    assert issue.date == datetime.date(2022, 4, 8)


def test_a_paper_called_shixun_is_a_paper() -> None:
    issue = complete_issue(parse("通州时讯\n2021年9月30日 星期四\n\n标题\n\n本报讯 正文。\n"), load_places())
    assert (issue.publication, issue.district) == ("通州时讯", "通州区")


# --- 3. headline stacks ----------------------------------------------------------------------------

@pytest.mark.parametrize("stack, want", [
    # Three lines: kicker, headline, deck, whatever the first line's length.
    ("中秋国庆临近\n我区开展节前安全生产大检查\n——重点检查商场超市和建筑工地",
     ("中秋国庆临近", "我区开展节前安全生产大检查", "——重点检查商场超市和建筑工地")),
    ("冬季供暖\n小区暖气试水\n居民提前“验温”", ("冬季供暖", "小区暖气试水", "居民提前“验温”")),
    # A line opening with 和, or the work's noun under the work, is the rest of the line above.
    ("庆祝第33个教师节\n我区表彰一批优秀班主任\n和德育工作者", ("庆祝第33个教师节", "我区表彰一批优秀班主任和德育工作者", None)),
    ("南锣鼓巷雨污分流改造\n工程完工", (None, "南锣鼓巷雨污分流改造工程完工", None)),
    ("和谐社区共建\n居民议事会议出停车新规", ("和谐社区共建", "居民议事会议出停车新规", None)),
    # Two lines: a dash opens the deck; a bare place above is the kicker, however much longer the line below.
    ("我区召开平安建设工作会\n——部署“七一”前后安全稳定工作", (None, "我区召开平安建设工作会", "——部署“七一”前后安全稳定工作")),
    ("展览路街道\n居民议事会议出停车新规", ("展览路街道", "居民议事会议出停车新规", None)),
    ("三八节\n女职工健康讲座进机关", ("三八节", "女职工健康讲座进机关", None)),
    ("坚持绿色发展 建设美丽朝阳\n望京街道试点生活垃圾分类", ("坚持绿色发展 建设美丽朝阳", "望京街道试点生活垃圾分类", None)),
    # An exclamation under a statement is its deck; a longer single phrase under a slogan is the headline.
    ("首钢园迎来“六一”亲子游\n孩子们在工业遗存中感受科技魅力！", (None, "首钢园迎来“六一”亲子游", "孩子们在工业遗存中感受科技魅力！")),
    ("守护好“一盆净水”\n密云水库蓄水量创近二十年新高", ("守护好“一盆净水”", "密云水库蓄水量创近二十年新高", None)),
    # A question under a statement is the headline under its topic; a series name over a line is its kicker.
    ("垃圾分类推行半年\n小区里的变化你看到了吗？", ("垃圾分类推行半年", "小区里的变化你看到了吗？", None)),
    ("我们的节日·重阳\n敬老爱老在行动！", ("我们的节日·重阳", "敬老爱老在行动！", None)),
    # One line, a question with a comma in it.
    ("垃圾分类，你做对了吗？", (None, "垃圾分类，你做对了吗？", None)),
])
def test_headline_stacks(stack: str, want: tuple[str | None, str, str | None]) -> None:
    issue = parse(f"{stack}\n\n本报讯（记者 甲）6月13日，活动举行。\n")
    assert heads(issue) == [want]
    assert issue.articles[0].section is None


def test_a_short_column_label_over_headline_and_deck_is_the_section() -> None:
    issue = parse("战疫一线\n老街坊守护社区\n——八角街道组织志愿者值守\n\n本报讯（记者 甲）正文。\n")
    assert heads(issue) == [(None, "老街坊守护社区", "——八角街道组织志愿者值守")]
    assert issue.articles[0].section == "战疫一线"


# --- 4. short pieces -------------------------------------------------------------------------------

def test_photo_news_after_an_article_is_its_own_article() -> None:
    text = ("年货大集开市啦！\n本报讯（通讯员 乙）1月11日，大集开市。\n市民说：“年味儿有了。”\n\n"
            "冬训\n1月10日，冰球队队员在室内冰场训练。\n记者 袁野 摄\n\n"
            "麦浪翻滚 颗粒归仓\n夏粮收获\n近日，麦田里收割机来回穿梭。\n记者 常青 摄\n")
    issue = parse(text)
    assert heads(issue) == [(None, "年货大集开市啦！", None), (None, "冬训", None), ("麦浪翻滚 颗粒归仓", "夏粮收获", None)]
    assert [a.kind for a in issue.articles] == ["news", "photo", "photo"]
    assert [a.byline for a in issue.articles] == ["通讯员 乙", "记者 袁野", "记者 常青"]


def test_briefs_with_no_lead_are_each_an_article() -> None:
    text = ("【简讯】\n\n丰台站改造进展顺利\n日前，丰台站改建工程主体结构施工完成过半。\n\n"
            "“丰台故事”征文启动\n区文联近日启动主题征文活动，征文截止时间为11月30日。\n\n"
            "长辛店老镇焕新颜\n长辛店老镇核心区已有23处历史建筑完成修缮。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["丰台站改造进展顺利", "“丰台故事”征文启动", "长辛店老镇焕新颜"]
    assert all(len(a.blocks) == 1 for a in issue.articles)


def test_a_round_up_of_place_headed_items_is_an_article_each() -> None:
    # A bulletin heads each item 某区：…; after an item of several paragraphs the next is still its own article.
    text = ("东城区：引导员上岗\n9月以来，东城区设立引导岗48个。\n主要做法有：划定责任区域。\n\n"
            "海淀区：垃圾分类进校园\n海淀区教委在中小学开展垃圾分类教育。\n\n"
            "丰台区：文明养犬见成效\n8月以来，丰台区开展文明养犬专项治理。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["东城区：引导员上岗", "海淀区：垃圾分类进校园", "丰台区：文明养犬见成效"]
    # Under another headline, the same lines are sub-headings of one round-up.
    issue = parse("各区推进垃圾分类\n\n本报讯（记者 甲）各区推进垃圾分类。\n\n海淀区：进校园\n海淀区教委开展教育。\n\n"
                  "丰台区：进社区\n丰台区开展宣传。\n")
    assert [a.headline for a in issue.articles] == ["各区推进垃圾分类"]
    assert [b.kind for b in issue.articles[0].blocks] == ["p", "h2", "p", "h2", "p"]


def test_a_subheading_inside_a_long_article_stays_a_subheading() -> None:
    text = ("标题\n\n本报讯（记者 甲）会议召开。\n\n会议指出，要抓好落实。\n\n狠抓落实\n\n会议要求，各单位要落实责任。\n")
    issue = parse(text)
    assert [b.kind for b in issue.articles[0].blocks] == ["p", "p", "h2", "p"]


# --- 5. forms inside articles ----------------------------------------------------------------------

def test_an_interview_keeps_each_question_and_answer() -> None:
    text = ("让好政策落到企业心坎上\n——访区经济和信息化局局长刘建国\n本报记者 杜鹃\n\n"
            "记者：今年以来，出台了哪些举措？\n刘建国：一是推行“一窗受理”；二是压缩审批时限，\n"
            "平均办理时间缩短了四成。\n记者：下一步有什么打算？\n刘建国：我们将继续走访企业，\n把问题清单变成服务清单。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "让好政策落到企业心坎上", "——访区经济和信息化局局长刘建国")]
    assert issue.articles[0].byline == "本报记者 杜鹃"
    assert [p[:3] for p in paragraphs(issue, 0)] == ["记者：", "刘建国", "记者：", "刘建国"]
    assert paragraphs(issue, 0)[-1] == "刘建国：我们将继续走访企业，把问题清单变成服务清单。"


@pytest.mark.parametrize("signature, byline", [("□ 周明", "周明"), ("文/孟凡", "孟凡")])
def test_a_signed_commentary(signature: str, byline: str) -> None:
    issue = parse(f"文明养犬 从拴好绳做起\n{signature}\n\n近来，不少居民反映遛狗不拴绳。\n\n希望每一位养犬人都能从自身做起。\n")
    assert (issue.articles[0].headline, issue.articles[0].byline) == ("文明养犬 从拴好绳做起", byline)
    assert len(paragraphs(issue, 0)) == 2


def test_numbered_items_each_start_a_paragraph() -> None:
    text = ("我区部署防汛工作\n\n本报讯（通讯员 乙）7月5日，我区召开防汛工作部署会。\n一是压实防汛责任；\n"
            "二是加强隐患排查，对山区、河道等重点部位逐一检查；\n三是做好应急准备。\n"
            "改造工程主要包括：\n（一）路面加宽；\n（二）完善排水设施（含边沟、涵洞\n）等。\n")
    issue = parse(text)
    assert [p[:2] for p in paragraphs(issue, 0)] == ["本报", "一是", "二是", "三是", "改造", "（一", "（二"]
    assert paragraphs(issue, 0)[-1] == "（二）完善排水设施（含边沟、涵洞）等。"


@pytest.mark.parametrize("items", [
    "整治内容包括：\n（一）拆除违法建设；\n（二）规范架空线，\n实现“线不上墙”；\n（三）增设公共座椅。\n",
    "整治内容包括：\n（一）拆除违法建设；（二）\n规范架空线，实现“线不上墙”；\n（三）增设公共座椅。\n",
])
def test_a_numbered_item_the_layout_broke_is_one_paragraph(items: str) -> None:
    # An item ending in a comma goes on below (never a sub-heading); a line ending in an item's number goes on too.
    issue = parse("胡同环境整治启动\n本报讯（通讯员 乙）5月8日，整治启动。\n\n" + items)
    assert [b.kind for b in issue.articles[0].blocks] == ["p"] * (len(paragraphs(issue, 0)))
    assert any(p.endswith("（二）规范架空线，实现“线不上墙”；") or p.startswith("（二）规范架空线，实现")
               for p in paragraphs(issue, 0))


# --- 6. continuations ------------------------------------------------------------------------------

def test_continuations_without_brackets_and_with_a_jump_headline() -> None:
    text = ("绿心公园开园迎客\n\n本报讯（记者 马骏）9月29日，公园开园。\n\n公园内建有环形慢行系统，市民可以骑行。下转第2版\n\n"
            "2021年9月30日 星期四 第2版 副中心新闻\n\n绿心公园开园\n上接第1版\n\n为方便市民游园，公园周边新设停车场。\n")
    issue = parse(text)
    first, second = issue.articles
    assert (first.headline, first.continued_on, len(first.blocks)) == ("绿心公园开园迎客", "2版", 2)
    assert (second.headline, second.continued_from) == ("绿心公园开园", "1版")
    assert second.blocks[0].text == "为方便市民游园，公园周边新设停车场。"
    assert (10, "上接第1版") in second.head


# --- 7. layout breaks ------------------------------------------------------------------------------

@pytest.mark.parametrize("cut, rest", [
    ("预计9月1日投入使用，可新增学位", "2700个。"),
    ("同时推动新校实行“", "一体化”管理。"),
    ("惠及沿线12个村", "、1.3万余名村民。"),
    ("主要从环境卫生、邻里互助、文明公约三个方面进行评比", "（每项满分10分）。"),
])
def test_a_layout_break_before_a_digit_quote_comma_or_bracket_is_joined(cut: str, rest: str) -> None:
    issue = parse(f"标题\n\n本报讯（记者 甲）日前，{cut}\n{rest}\n")
    assert paragraphs(issue, 0) == [f"本报讯（记者 甲）日前，{cut}{rest}"]


def test_in_an_indented_file_the_unindented_line_after_a_break_goes_on() -> None:
    text = ("门头沟区启动冬季清洁取暖检查\n　　本报讯（记者 闫博）11月18日，检查启动。\n　　据介绍\n该区共有“煤改电”村庄86个。\n"
            "　　区城市管理委表示，将组织巡回检修。\n妙峰山镇民宿迎来冬季客流\n　　本报讯（通讯员 庞晓）入冬以来，民宿走俏。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["门头沟区启动冬季清洁取暖检查", "妙峰山镇民宿迎来冬季客流"]
    assert paragraphs(issue, 0)[1] == "据介绍该区共有“煤改电”村庄86个。"
    assert len(paragraphs(issue, 0)) == 3


# --- the fourth blind round's rules, each from a string literal -------------------------------------

def test_a_jump_in_chinese_numerals_names_the_page_in_figures() -> None:
    issue = parse("甲新闻\n\n本报讯（记者 王明）5月14日，甲乙丙丁。（下转第三版）\n\n"
                  "第3版 综合 责任编辑：张伟\n\n（上接第一版）\n戊己庚辛。\n")
    assert [(a.continued_on, a.continued_from) for a in issue.articles] == [("3版", None), (None, "1版")]


def test_what_opens_a_page_starts_an_article_and_a_signature_closes_one() -> None:
    issue = parse("我区部署冬季安全工作\n\n本报讯（通讯员 庄严）11月15日，西城区召开部署会。\n\n第2版　要闻　校对：韩冰\n\n"
                  "冬天里的一把火\n入冬以来，志愿者主动上门。\n城市的温度，就藏在细节里。\n□ 西言\n")
    assert [a.headline for a in issue.articles] == ["我区部署冬季安全工作", "冬天里的一把火"]
    assert issue.articles[1].byline == "西言" and issue.articles[1].kind == "commentary"
    assert len(paragraphs(issue, 1)) == 2


def test_a_bracketed_label_between_paragraphs_with_a_paragraph_under_it_is_a_sub_heading() -> None:
    issue = parse("一栋老楼的新生\n\n本报讯（记者 秦悦）11月16日，改造已经完工。\n【楼道亮了】\n居民刘大爷说，楼道亮了。\n")
    assert len(issue.articles) == 1
    assert [(b.kind, b.text) for b in issue.articles[0].blocks][1] == ("h2", "【楼道亮了】")


def test_photo_news_credited_at_the_end_of_its_caption() -> None:
    issue = parse("运河秋色\n10月9日，市民在大运河森林公园骑行赏秋。（记者 马骏 通讯员 韩雪 摄）\n\n"
                  "社区运动会开赛啦！\n本报讯（通讯员 罗兰）10月8日，运动会开赛。\n")
    assert [(a.headline, a.byline, a.kind) for a in issue.articles][0] == ("运河秋色", "记者 马骏 通讯员 韩雪", "photo")


def test_a_count_ending_its_clause_goes_on_from_the_line_above() -> None:
    issue = parse("为何要错峰去采摘\n\n本报讯（记者 许宁）不少市民反映停车难。\n镇里还在景区周边新增临时停车位\n800个，并开通2条专线公交。\n")
    assert paragraphs(issue, 0)[1] == "镇里还在景区周边新增临时停车位800个，并开通2条专线公交。"


def test_a_masthead_on_one_line_and_a_bulletins_contents_and_print_run() -> None:
    issue = parse("昌平报　2023年3月10日　星期五　第10期　总第3012期　今日8版\n"
                  "中共北京市昌平区委主办　昌平区融媒体中心出版　准印证号：京内资准字2223-L0019\n\n"
                  "女性健康讲座进社区\n\n本报讯（通讯员 高原）3月8日，讲座开讲。\n")
    assert (issue.publication, issue.issue_no, issue.total_no, issue.pages) == ("昌平报", 10, 3012, 8)
    assert [a.headline for a in issue.articles] == ["女性健康讲座进社区"] and issue.articles[0].kicker is None
    bulletin = parse("丰台区政务信息\n第23期（总第406期）\n丰台区人民政府办公室编　2019年6月14日\n\n本期要目\n一、活动启动\n二、每日巡查\n\n"
                     "一、我区启动文化活动\n　　6月12日，活动启动。\n二、街道推行每日巡查\n　　街道配备街巷长。\n\n"
                     "报：市政府办公厅\n（共印80份）\n")
    assert bulletin.publication == "丰台区政务信息"
    assert [a.headline for a in bulletin.articles] == ["一、我区启动文化活动", "二、街道推行每日巡查"]
    assert [t for _, t in bulletin.furniture] == ["本期要目", "一、活动启动", "二、每日巡查"]
    assert [t for _, t in bulletin.colophon] == ["报：市政府办公厅", "（共印80份）"]


def test_a_numbered_yearly_day_gives_the_year() -> None:
    issue = complete_issue(parse("宣传周启动\n\n本报讯（记者 周婷）5月9日，在第十个全国防灾减灾日到来之际，宣传周启动。"
                                 "区里计划到2020年底建成避难场所。\n"), load_places())
    assert issue.date == datetime.date(2018, 5, 9)


# --- the fifth blind round's rules, each from a string literal --------------------------------------

def test_a_one_line_masthead_keeps_an_english_name_and_a_publisher_list_and_circulation_note() -> None:
    issue = parse("房山报　FANGSHAN BAO　2015年3月13日　星期五　第10期　总第1678期　今日8版\n"
                  "中共北京市房山区委主办　房山报社出版\n\n我区启动植树造林\n　　本报讯（记者 孟雪）3月12日，植树活动举行。\n")
    assert (issue.publication, issue.issue_no, issue.total_no, issue.pages) == ("房山报", 10, 1678, 8)
    assert [a.headline for a in issue.articles] == ["我区启动植树造林"] and len(issue.masthead) == 2
    news = complete_issue(parse(
        "什刹海社区报\n2023年4月28日　第4期（总第58期）\n"
        "中共北京市西城区什刹海街道工作委员会　北京市西城区人民政府什刹海街道办事处　主办\n内部资料　免费交流\n\n"
        "烟袋斜街完成微更新\n　　本报讯（通讯员 金桥）4月25日，项目完工。\n"), load_places())
    assert len(news.masthead) == 4 and news.district == "西城区"
    assert heads(news) == [(None, "烟袋斜街完成微更新", None)]


def test_a_city_papers_district_edition_gives_the_district() -> None:
    issue = complete_issue(parse("北青社区报\n大兴版\n2017年11月22日　星期三\n\n门禁上线\n　　本报讯（记者 白杨）11月20日，"
                                 "居民开始刷卡进出楼门。\n"), load_places())
    assert issue.district == "大兴区"


def test_a_section_letter_and_page_open_a_running_head() -> None:
    issue = parse("标题一\n\n本报讯 正文一。\n\nB02　社区公告　编辑 马悦　美编 高岚\n\n标题二\n\n本报讯（记者 甲）正文二。\n")
    assert issue.furniture == ((5, "B02　社区公告　编辑 马悦　美编 高岚"),)
    assert heads(issue) == [(None, "标题一", None), (None, "标题二", None)]


def test_a_notice_signed_by_its_issuer_and_date_and_a_letter_by_its_reader() -> None:
    issue = parse("公告\n　　因道路施工，黄村西大街将实行半幅通行，请过往车辆绕行。\n大兴区交通支队\n2017年11月20日\n\n"
                  "寻物启事\n　　本人于11月18日遗失黑色双肩包一个，必有酬谢。\n")
    assert [(a.headline, a.byline) for a in issue.articles] == [("公告", "大兴区交通支队"), ("寻物启事", None)]
    assert not issue.masthead and [len(paragraphs(issue, n)) for n in (0, 1)] == [1, 1]
    letters = parse("路灯亮了\n编辑同志：\n　　小区门口的路灯坏了大半年，我打了热线，第三天就修好了。\n读者 李秀英\n\n"
                    "记者回访\n　　本报讯（记者 贾楠）3月25日，路灯已全部修好。\n")
    assert [(a.kicker, a.headline, a.byline) for a in letters.articles] == [
        (None, "路灯亮了", "读者 李秀英"), (None, "记者回访", "记者 贾楠")]


def test_a_notice_signed_by_a_museum_is_signed_and_its_date_is_not_furniture() -> None:
    issue = parse("征集旧物启事\n　　区博物馆面向社会征集老物件，入选物品将在新馆展出。\n区博物馆\n2022年5月6日\n\n"
                  "社区义诊进楼门\n　　本报讯　5月7日，社区卫生服务站医生走进楼门为老人义诊。\n")
    assert [(a.headline, a.byline) for a in issue.articles] == [("征集旧物启事", "区博物馆"), ("社区义诊进楼门", None)]
    assert not issue.furniture and [len(paragraphs(issue, n)) for n in (0, 1)] == [1, 1]


def test_a_blank_line_ends_an_article_where_paragraphs_have_none_between_them() -> None:
    text = ("烟袋斜街完成微更新\n　　本报讯（通讯员 金桥）4月25日，项目完工，招牌统一设计。\n　　居民说，街面亮堂多了。\n"
            "　　下一步街道还将对大金丝套等胡同开展环境提升。\n\n"
            "共享单车别挡盲道\n　　最近我发现，地铁站附近的盲道上经常停满了共享单车。\n")
    assert [a.headline for a in parse(text).articles] == ["烟袋斜街完成微更新", "共享单车别挡盲道"]
    # Where blank lines stand between paragraphs, they say nothing: a short line between paragraphs is a sub-heading.
    spaced = ("小区改造完工\n\n本报讯（通讯员 金桥）4月25日，项目完工，招牌统一设计。\n\n楼道亮了\n\n"
              "居民刘大爷说，楼道里的灯全换了新的。\n\n街道还将开展环境提升，居民都很满意。\n")
    issue = parse(spaced)
    assert [a.headline for a in issue.articles] == ["小区改造完工"]
    assert [b.kind for b in issue.articles[0].blocks] == ["p", "h2", "p", "p"]


@pytest.mark.parametrize("caption, byline", [
    ("3月8日，不少游客来到十渡风景区踏青游玩。（本报记者 孟雪/摄）", "本报记者 孟雪"),
    ("6月16日，游客在长辛店老镇的古街上参观。记者 闫岩/摄", "记者 闫岩"),
])
def test_a_photo_credit_closing_a_caption_with_a_slash_or_no_brackets(caption: str, byline: str) -> None:
    issue = parse(f"十渡山水迎客来\n{caption}\n\n春到拒马河\n3月9日，迎春花竞相开放。\n文/图 通讯员 齐林\n")
    assert [(a.headline, a.byline, a.kind) for a in issue.articles] == [
        ("十渡山水迎客来", byline, "photo"), ("春到拒马河", "通讯员 齐林", "photo")]


def test_a_bare_continuation_mark_in_brackets_and_questions_and_answers() -> None:
    issue = parse("第4版　民生　编辑：葛菲\n\n（接第1版）\n　　区民政局有关负责人介绍，助餐点由社区提供场地。\n\n"
                  "【政策问答】\n养老保险怎么缴？\n问：什么时候缴费？\n答：每年1月1日至12月25日。\n")
    assert [(a.headline if a.headline_line else None, a.continued_from, a.section) for a in issue.articles] == [
        (None, "1版", None), ("养老保险怎么缴？", None, "政策问答")]
    assert paragraphs(issue, 1) == ["问：什么时候缴费？", "答：每年1月1日至12月25日。"]


def test_items_set_one_a_line_each_start_a_paragraph() -> None:
    issue = parse("清明将至\n我区部署森林防火工作\n　　本报讯（通讯员 齐林）3月11日，房山区召开森林防火工作会。会议要求，\n"
                  "一是严格火源管控，进山路口设卡检查；\n二是加强巡查值守；\n三是做好扑火准备。\n")
    assert heads(issue) == [("清明将至", "我区部署森林防火工作", None)]
    assert [p[:2] for p in paragraphs(issue, 0)] == ["本报", "一是", "二是", "三是"]


def test_bulleted_briefs_under_a_label_are_each_an_article_and_a_bracketed_byline_signs_a_story() -> None:
    issue = parse("简　讯\n■ 9月20日，金海湖镇举办垂钓比赛。\n■ 9月21日，区卫生计生委组织义诊。\n\n"
                  "胡同里的老街坊\n　　今年78岁的王桂兰在白米斜街住了一辈子，街坊们有事总找她。\n（通讯员 金桥）\n")
    assert [(a.headline, a.headline_line, a.section, a.kind) for a in issue.articles[:2]] == [
        ("9月20日，金海湖镇举办垂钓比赛…", None, "简　讯", "news"), ("9月21日，区卫生计生委组织义诊…", None, "简　讯", "news")]
    assert issue.articles[2].byline == "通讯员 金桥"
    assert not any("no headline" in p.message for p in issue.problems)


def test_briefs_opening_with_a_double_circle_under_a_label_are_each_an_article() -> None:
    issue = parse("村镇简讯\n　　◎6月9日，镇文化中心举办摄影培训。\n　　◎日前，东村养老驿站投入使用。\n")
    assert [(a.headline, a.headline_line, a.section) for a in issue.articles] == [
        ("6月9日，镇文化中心举办摄影培训…", None, "村镇简讯"), ("日前，东村养老驿站投入使用…", None, "村镇简讯")]


# --- the seventh blind round's rules, each from a string literal ------------------------------------

def test_a_page_count_in_words_on_its_own_line_keeps_the_publisher_line_in_the_masthead() -> None:
    issue = parse("昌平报\n第46期　总第2697期\n2018年11月16日 星期五\n今日八版\n中共北京市昌平区委主办　昌平报社出版\n\n"
                  "回天项目集中开工\n　　本报讯（记者 马文博）11月14日，项目开工。\n")
    assert [n for n, _ in issue.masthead] == [1, 2, 3, 4, 5] and issue.pages == 8
    assert heads(issue) == [(None, "回天项目集中开工", None)]


def test_bulleted_items_of_a_contents_list_with_no_pages_are_furniture() -> None:
    issue = parse("本期要目\n◆街道召开平安建设工作会\n◆“小巷管家”上岗\n\n街道召开平安建设工作会\n"
                  "　　3月22日，街道召开平安建设工作会。\n")
    assert [n for n, _ in issue.furniture] == [1, 2, 3]
    assert heads(issue) == [(None, "街道召开平安建设工作会", None)]


def test_the_line_a_guide_names_is_the_headline_of_its_stack() -> None:
    text = ("今日导读\n▶社区健身驿站上新　４版\n\n社区健身驿站上新\n“智能”器材受青睐\n"
            "　　本报讯（记者 孙立新）近日，驿站完成器材更新。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "社区健身驿站上新", "“智能”器材受青睐")]
    assert issue.articles[0].call == "the 导读 names this line: the headline"


@pytest.mark.parametrize("stack, want", [
    ("2019年石景山区“全民健身月”\n将于5月25日启动", (None, "2019年石景山区“全民健身月”将于5月25日启动", None)),
    ("■区法院设立“物业纠纷巡回法庭”", (None, "区法院设立“物业纠纷巡回法庭”", None)),
    ("喜迎七一\n丰台区举办“红色故事会”", ("喜迎七一", "丰台区举办“红色故事会”", None)),
])
def test_a_stack_cut_before_jiangyu_a_bulleted_headline_and_a_greeting_kicker(stack: str, want: tuple) -> None:
    issue = parse(f"{stack}\n　　本报讯（记者 甲）6月28日，活动举行。\n")
    assert heads(issue) == [want]


def test_a_deadline_after_what_it_ends_is_not_the_date() -> None:
    issue = complete_issue(parse("健身月将启动\n\n本报讯（记者 田宇）2019年5月15日，区里部署健身月。"
                                 "报名截至5月20日，市民可到街道报名。截至5月14日，已有300人报名。\n"), load_places())
    assert issue.date == datetime.date(2019, 5, 15)


def test_a_line_straight_under_a_finished_one_goes_on_where_paragraphs_stand_apart() -> None:
    text = ("老党员讲党史\n本报记者 高原\n\n走进社区活动室，老党员正在讲党史。\n她1967年入党，已讲了300多场。\n\n"
            "问：您最想告诉孩子们什么？\n\n答：要记住历史。\n\n她常说，好日子来之不易。\n\n社区还请她讲了三次课。\n\n"
            "1.第一条。\n2.第二条。\n\n会后，大家合影留念。\n")
    assert paragraphs(parse(text), 0) == [
        "走进社区活动室，老党员正在讲党史。她1967年入党，已讲了300多场。", "问：您最想告诉孩子们什么？", "答：要记住历史。",
        "她常说，好日子来之不易。", "社区还请她讲了三次课。", "1.第一条。", "2.第二条。", "会后，大家合影留念。"]


def test_an_unindented_finished_sentence_goes_on_with_the_paragraph_above_where_paragraphs_are_indented() -> None:
    text = ("外资企业为何偏爱朝阳？\n　　本报讯（记者 周雨）截至10月底，新设外资企业620家，\n约占全市三分之一。\n"
            "　　在服务中心，外籍人士可一次办理多项业务。\n“以前要跑好几个地方，现在一个窗口就能办。”一位经理说。\n"
            "　　据介绍，服务还将扩展。\n")
    assert len(paragraphs(parse(text), 0)) == 3


def test_paragraphs_opening_with_run_in_labels_in_a_narrow_column() -> None:
    text = ("网购“代付”莫轻信\n【案情回顾】2021年8月，\n市民张某在网上购物时，被\n自称“客服”的人诱导扫码\n“代付”，先后转账2.6万\n"
            "元。后经警方侦查，嫌疑人\n落网。\n【法官说法】区法院法官提\n示，正规平台不会要求消费\n者向个人账户转账，遇到“\n"
            "代付”“刷单”等要求，应\n立即停止操作并报警。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "网购“代付”莫轻信", None)]
    assert [p[:6] for p in paragraphs(issue, 0)] == ["【案情回顾】", "【法官说法】"]


# --- the ninth round's layouts -----------------------------------------------------------------------

def test_a_page_name_beside_an_editors_line_is_furniture_but_a_short_headline_under_a_running_head_is_not() -> None:
    text = ("专题·端午\n责任编辑  周亮    美术编辑  孙悦\n\n龙舟赛开赛\n本报讯 6月3日，龙舟赛开赛。\n\n"
            "2021年4月9日  星期五                    3\n要闻\n本版编辑：高岩  校对：杜娟\n\n菜站开张\n本报讯 菜站开张了。\n\n"
            "第4版  综合\n社区书屋\n\n本报讯 书屋开放。\n")
    issue = parse(text)
    assert sorted(n for n, _ in issue.furniture + issue.colophon) == [1, 2, 7, 8, 9, 14]
    assert [a.headline for a in issue.articles] == ["龙舟赛开赛", "菜站开张", "社区书屋"]


def test_a_page_name_under_a_running_head_of_only_the_date_and_page_is_furniture() -> None:
    # The head names no page, so the short line under it is its name, though a blank line and a headline follow.
    text = ("街道开展义诊\n本报讯 5月8日，街道开展义诊。\n\n"
            "2021年4月9日  星期五                    3\n要闻\n\n菜站开张\n本报讯 菜站开张了。\n")
    issue = parse(text)
    assert sorted(n for n, _ in issue.furniture + issue.colophon) == [4, 5]
    assert [a.headline for a in issue.articles] == ["街道开展义诊", "菜站开张"]


@pytest.mark.parametrize("headline", ["终审判决", "校对审核"])
def test_a_headline_made_of_an_editors_role_and_a_word_is_a_headline(headline: str) -> None:
    issue = parse(f"{headline}\n本报讯 法院作出判决。\n")
    assert issue.furniture == () and [a.headline for a in issue.articles] == [headline]


def test_paragraphs_under_a_brief_label_are_each_a_brief() -> None:
    text = ("街道开展消防检查\n4月15日，街道开展消防安全检查，共检查单位153家。\n\n【简讯】\n"
            "东店社区 4月19日，社区组织志愿者清理楼道堆物。\n湖路社区 4月22日，社区开展法律咨询活动。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles][0] == "街道开展消防检查"
    assert [paragraphs(issue, n)[0][:4] for n in range(len(issue.articles))] == ["4月15", "东店社区", "湖路社区"]
    assert [b.kind for b in issue.articles[0].blocks] == ["p"]


def test_a_street_bulletins_publisher_lines_and_its_printed_foot() -> None:
    text = ("花园路街道工作动态\n第8期（总第60期）\n中共北京市海淀区花园路街道工作委员会\n"
            "北京市海淀区人民政府花园路街道办事处          2019年5月10日\n\n街道推进垃圾分类\n"
            "5月以来，街道在32个社区推进垃圾分类，目前已完成20个。\n\n报：区委办公室\n送：街道领导班子成员\n"
            "发：各科室、各社区\n花园路街道党政办公室                2019年5月10日印发\n")
    issue = complete_issue(parse(text), load_places())
    assert [n for n, _ in issue.masthead] == [1, 2, 3, 4]
    assert [n for n, _ in issue.colophon] == [9, 10, 11, 12]
    assert (issue.district, issue.issue_no) == ("海淀区", 8)
    assert heads(issue) == [(None, "街道推进垃圾分类", None)]


def test_a_subscription_note_names_the_paper_of_a_file_with_no_masthead() -> None:
    text = ("板栗花开\n7月10日，六渡河村的板栗树进入花期，村民在林下除草。\n\n《密云报》欢迎订阅  邮发代号1-177  电话：69041234\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.masthead == () and issue.publication == "密云报" and issue.district == "密云区"


def test_a_dateline_at_a_later_pages_head_is_no_masthead() -> None:
    text = ("区里召开会议\n本报讯 5月19日，会议在海淀召开，海淀各部门参加。\n\n2016年5月20日  星期五\n第2版  要闻\n\n"
            "海淀公园开放\n本报讯 5月18日，海淀公园开放。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.district == "海淀区"


def test_a_line_opening_with_its_year_and_a_comma_is_never_a_heading() -> None:
    text = ("志愿者走进社区\n本报讯 3月5日，志愿者走进社区。\n居民说：“特别方便。”\n2024年，区里将继续推行\n"
            "“志愿服务积分”制度。\n")
    issue = parse(text)
    assert [b.kind for b in issue.articles[0].blocks] == ["p", "p", "p"]
    assert paragraphs(issue, 0)[-1] == "2024年，区里将继续推行“志愿服务积分”制度。"


# --- the tenth round's layouts -----------------------------------------------------------------------

def test_a_count_line_goes_on_from_a_clause_cut_short_but_a_figure_deck_stays() -> None:
    text = ("区总工会评选工匠\n本报讯（记者 甲）5月23日，评选结果揭晓。\n此次评选历时三个月，共有\n67名职工报名参评。\n\n"
            "一、加强巡查值守\n水库一级保护区内\n24小时巡查不断线。\n\n"
            "区重点项目集中开工\n18个项目总投资超200亿元\n本报讯（记者 乙）9月8日，项目开工。\n")
    issue = parse(text)
    assert "此次评选历时三个月，共有67名职工报名参评。" in paragraphs(issue, 0)
    assert "水库一级保护区内24小时巡查不断线。" in paragraphs(issue, 0)
    assert heads(issue)[-1] == (None, "区重点项目集中开工", "18个项目总投资超200亿元")


@pytest.mark.parametrize("title", ["温馨提示", "小贴士", "区公安分局出入境业务调整公告", "假期医疗服务安排", "便民服务电话"])
def test_a_notice_or_service_box_under_the_news_is_a_piece_of_its_own(title: str) -> None:
    text = (f"端午假期便民服务指南\n本报讯（记者 甲）假期将至，记者梳理了便民信息。\n【医疗】\n各医院急诊正常接诊。\n"
            f"{title}\n■请市民出行前关注天气预报；\n■雷雨时不要在大树下避雨。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["端午假期便民服务指南", title]
    assert len(paragraphs(issue, 1)) == 2


def test_a_notices_days_are_not_the_issues_date() -> None:
    text = ("新能源公交线路开通\n本报讯（记者 甲）2022年8月8日起，兴53路公交开通运营。\n"
            "温馨提示\n8月13日至14日，区图书馆因设备检修闭馆两天。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date is not None and (issue.date.month, issue.date.day) == (8, 8)


def test_days_glossing_a_period_to_come_are_a_schedule() -> None:
    text = ("五一假期景区开放信息\n本报讯（记者 甲）2019年4月25日，区文旅局发布假期信息。五一假期期间（5月1日至4日），"
            "八大处公园等地将正常开放。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date is not None and (issue.date.month, issue.date.day) == (4, 25)


def test_a_lone_line_over_a_brief_signed_at_its_end_is_a_piece_of_its_own() -> None:
    text = ("“丰台工匠”评选结果揭晓\n本报讯（记者 高远）5月23日，评选结果揭晓。\n获评职工将获得证书。\n好人好事\n"
            "●5月19日，居民张女士拾到一个钱包，已归还失主。（通讯员 刘洋）\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["“丰台工匠”评选结果揭晓", "好人好事"]
    assert issue.articles[1].byline == "通讯员 刘洋"


def test_a_credit_after_a_captions_last_sentence_ends_the_photo_news() -> None:
    text = ("小雷锋\n3月4日，孩子们在小区里捡拾垃圾。图/张晨\n义诊进社区\n3月5日，医生为老人义诊。李建 摄\n")
    issue = parse(text)
    assert [(a.headline, a.byline) for a in issue.articles] == [("小雷锋", "张晨"), ("义诊进社区", "李建")]


def test_rules_page_marks_spaced_page_names_and_a_bracketed_guide_are_furniture() -> None:
    text = ("德  胜\n中共北京市西城区德胜街道工作委员会  主办\n2023年第3期      2023年3月10日\n【本期导读】\n"
            "▶ 胡同里的“老物件” …………3版\n————————————————\n街道召开工作部署会\n3月2日，街道召开工作部署会。\n—1—\n"
            "3                    德胜 · 文化\n胡同里的“老物件”\n新风街社区居民办起家庭展览\n文/赵雅\n走进杨大爷家，屋里摆满了老物件。\n")
    issue = parse(text)
    furniture = {text for _, text in issue.masthead + issue.furniture + issue.colophon}
    assert {"【本期导读】", "————————————————", "—1—", "3                    德胜 · 文化"} <= furniture
    assert issue.publication == "德胜"
    assert heads(issue) == [(None, "街道召开工作部署会", None), (None, "胡同里的“老物件”", "新风街社区居民办起家庭展览")]


def test_a_running_head_opening_with_the_page_number_between_dots_is_furniture() -> None:
    text = ("·2·　图片新闻　　　　　　责编 田野　美编 苏青\n\n枫叶红了\n　　本报讯　10月15日，山里的枫叶红透了。\n")
    issue = parse(text)
    assert "·2·　图片新闻　　　　　　责编 田野　美编 苏青" in {text for _, text in issue.masthead + issue.furniture}
    assert heads(issue) == [(None, "枫叶红了", None)]


def test_a_rule_of_horizontal_bars_between_two_pieces_is_furniture_not_a_kicker() -> None:
    text = ("旧衣回收箱进小区\n本报讯　3月8日，社区在三个小区门口安放了旧衣回收箱。\n\n――――――――――――――――\n\n"
            "社区花园迎来新居民\n本报讯　3月9日，二十余名居民在社区花园种下月季。\n")
    issue = parse(text)
    assert "――――――――――――――――" in {text for _, text in issue.furniture}
    assert heads(issue) == [(None, "旧衣回收箱进小区", None), (None, "社区花园迎来新居民", None)]


def test_the_editorial_offices_address_row_at_the_foot_is_furniture() -> None:
    text = ("七月活动预告\n7月17日　社区展厅“讲故事”，需提前预约；\n7月24日　星空观测，遇雨顺延。\n\n"
            "编辑部地址：怀柔区青春路10号　　电话：010-69001234\n")
    issue = parse(text)
    assert "编辑部地址：怀柔区青春路10号　　电话：010-69001234" in {text for _, text in issue.furniture + issue.colophon}
    assert len(paragraphs(issue, 0)) == 2


def test_a_guide_item_opening_with_its_page_names_the_headline() -> None:
    text = ("副中心报\n2018年12月28日  星期五  本期8版\n\n本期导读\nA3 副中心交通再升级\n\n"
            "A3     2018年12月28日  星期五     交通    责任编辑 孔敏\n副中心交通再升级\n广渠路东延等项目年内通车\n"
            "本报讯（记者 韦丽）12月30日，广渠路东延工程将通车。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "副中心交通再升级", "广渠路东延等项目年内通车")]


def test_an_editorial_signed_by_the_papers_commentator_and_a_number_under_its_colon() -> None:
    text = ("把实事办到群众心坎上\n本报评论员\n办实事，关键在“实”。\n\n元旦期间政务服务安排\n中心元旦假期暂停办公。\n"
            "咨询电话：\n81568100\n")
    issue = parse(text)
    assert [(a.headline, a.byline) for a in issue.articles] == [("把实事办到群众心坎上", "本报评论员"),
                                                                ("元旦期间政务服务安排", None)]
    assert paragraphs(issue, 1) == ["中心元旦假期暂停办公。", "咨询电话：81568100"]


def test_a_phone_line_is_never_a_kicker_and_a_bracketed_line_does_not_close_a_service_box() -> None:
    text = ("便民服务电话\n街道综合服务中心：82012345\n（周一至周五 9:00-17:00）\n派出所：82098110\n\n"
            "北京大兴国际机场临空经济区\n首批跨境电商企业入驻综保区\n本报讯（记者 郑琳）8月11日，7家企业完成入驻手续。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "便民服务电话", None), ("北京大兴国际机场临空经济区", "首批跨境电商企业入驻综保区", None)]
    assert paragraphs(issue, 0) == ["街道综合服务中心：82012345", "派出所：82098110"]


def test_items_in_figures_times_and_counts_cut_by_the_column_go_on() -> None:
    text = ("国庆假期出行提示\n本报讯（记者 宋佳）国庆假期将至，区交通支队提示游客错峰出行。\n"
            "1. 10月1日至3日为出京高峰，京承高速可能出现拥堵。\n2. 景区停车场车位紧张，建议乘坐\nH23、H11等公交线路前往。\n"
            "【八大处公园】开放时间6:0\n0-18:00，假期期间举办文化节。\n国庆前夕，怀柔区\n2000余名志愿者走上街头。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[2:] == ["2. 景区停车场车位紧张，建议乘坐H23、H11等公交线路前往。",
                                        "【八大处公园】开放时间6:00-18:00，假期期间举办文化节。",
                                        "国庆前夕，怀柔区2000余名志愿者走上街头。"]


@pytest.mark.parametrize(("stack", "expected"), [
    ("北小营镇前鲁各庄村改造完成\n村民用上了清洁能源", (None, "北小营镇前鲁各庄村改造完成", "村民用上了清洁能源")),
    ("石景山区青年志愿者服务队成立\n首批千余名青年报名加入", (None, "石景山区青年志愿者服务队成立", "首批千余名青年报名加入")),
    ("庆祝中华人民共和国成立72周年\n怀柔科学城建设提速", ("庆祝中华人民共和国成立72周年", "怀柔科学城建设提速", None)),
    ("岁末访谈\n对话运河边的“守艺人”\n访非遗传承人赵庆福", (None, "对话运河边的“守艺人”", "访非遗传承人赵庆福")),
])
def test_two_statements_a_count_in_words_and_a_column_over_a_dashless_visit(
        stack: str, expected: tuple[str | None, str, str | None]) -> None:
    issue = parse(f"{stack}\n本报讯（记者 甲）近日，记者进行了采访。\n")
    assert heads(issue) == [expected]


def test_a_bare_line_over_a_story_opening_with_its_year_or_as_of_day_heads_it() -> None:
    text = ("回眸2018\n城市副中心的“2018”\n2018年，是城市副中心建设的关键之年。\n"
            "太师屯镇完成山区造林任务\n截至6月底，太师屯镇完成造林任务1600亩。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["城市副中心的“2018”", "太师屯镇完成山区造林任务"]


def test_a_bulletins_distribution_list_is_its_colophon_wherever_it_stands() -> None:
    text = ("简  讯\n●7月2日，区生态环境局召开形势分析会。\n●7月5日，不老屯镇验收污水处理设施。\n"
            "报：市委生态文明建设委员会办公室\n送：区委、区政府领导\n发：各镇（街道）\n（共印80份）\n\n"
            "渤海镇板栗花开\n本报讯（通讯员 崔颖）7月10日，渤海镇板栗花开。\n")
    issue = parse(text)
    furniture = {text for _, text in issue.masthead + issue.furniture + issue.colophon}
    assert {"报：市委生态文明建设委员会办公室", "送：区委、区政府领导", "发：各镇（街道）", "（共印80份）"} <= furniture
    assert [a.headline for a in issue.articles][-1] == "渤海镇板栗花开"


def test_a_label_run_into_words_opening_with_a_day_is_text() -> None:
    text = ("元旦假期出行提示\n元旦假期期间，城市副中心公交线路按双休日运营。\n【提示】12月30日广渠路东\n"
            "延通车当天，相关路段可能出现拥堵。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "元旦假期出行提示", None)]
    assert paragraphs(issue, 0)[-1] == "【提示】12月30日广渠路东延通车当天，相关路段可能出现拥堵。"


# --- eleventh round: staff lines with bars, spaced names, a letter-spaced running head ------------------------------
def test_an_editors_line_with_bars_between_its_roles_is_furniture_not_a_kicker() -> None:
    text = ("编辑 黄鹂 | 美编 张扬 | 校对 孙明\n\n社区食堂开进胡同\n本报讯（记者 林森）11月17日，东四街道第三家社区食堂开门迎客。\n")
    issue = parse(text)
    assert "编辑 黄鹂 | 美编 张扬 | 校对 孙明" in {text for _, text in issue.masthead + issue.furniture}
    assert heads(issue) == [(None, "社区食堂开进胡同", None)]


def test_a_kicker_in_two_indented_lines_over_a_flush_headline_ends_where_the_indent_changes() -> None:
    text = ("　　守护一河清水\n　　共建美丽家园\n沙河水库完成生态清淤\n——库区新增湿地三百亩\n"
            "　　本报讯（记者 孟然）6月10日，沙河水库生态清淤工程完工。\n")
    issue = parse(text)
    assert heads(issue) == [("守护一河清水共建美丽家园", "沙河水库完成生态清淤", "——库区新增湿地三百亩")]


def test_a_label_ending_in_the_pieces_form_is_its_column_however_long() -> None:
    text = ("毕业季访谈\n让每个毕业生找到好岗位\n——访区人力社保局有关负责人\n本报记者 孟然\n"
            "　　问：今年毕业生就业形势如何？\n　　答：总体平稳。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "让每个毕业生找到好岗位", "——访区人力社保局有关负责人")]
    assert issue.articles[0].section == "毕业季访谈"


def test_a_jump_mark_closing_a_parts_first_paragraph_says_where_it_comes_from() -> None:
    text = ("社区食堂开业\n　　本报讯（记者 孟然）3月1日，社区食堂开业，首日接待老人200余人次，（下转2版）\n\n"
            "第2版　综合新闻　　　　　　责编：田野\n\n食堂开业\n　　食堂每天供应两荤两素。（上接1版）\n"
            "　　负责人说，下一步将开设送餐服务。\n")
    issue = parse(text)
    assert [(a.headline, a.continued_on, a.continued_from) for a in issue.articles] == [
        ("社区食堂开业", "2版", None), ("食堂开业", None, "1版")]


def test_a_question_over_a_dash_deck_heads_its_piece_without_a_lead() -> None:
    text = ("社区食堂开业\n3月1日，社区食堂开业。\n\n停车位为啥要重新划线？\n——街道就居民关心的问题作出回应\n"
            "近期，街道为两个小区重新施划了停车位。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "社区食堂开业", None),
                            (None, "停车位为啥要重新划线？", "——街道就居民关心的问题作出回应")]
    assert paragraphs(issue, 1) == ["近期，街道为两个小区重新施划了停车位。"]


def test_a_bracketed_box_title_over_its_text_heads_the_box() -> None:
    text = ("社区食堂开业\n　　本报讯　3月1日，社区食堂开业。\n（社区办供稿）\n\n【小贴士】\n　　雨季出行，请大家注意以下事项：\n"
            "　　1.不在积水路段涉水行车；\n　　2.远离广告牌和临时搭建物。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "社区食堂开业", None), (None, "【小贴士】", None)]
    assert len(paragraphs(issue, 1)) == 3


def test_a_bracketed_aside_and_its_stop_under_a_notices_item_end_that_item() -> None:
    text = ("关于小区停车管理方案征求意见的公告\n各位居民：\n现将方案公示如下：\n（一）公示时间：2024年5月6日至5月12日\n"
            "（共7天）。\n（二）反馈方式：可到居委会当面反馈。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[2:] == ["（一）公示时间：2024年5月6日至5月12日（共7天）。", "（二）反馈方式：可到居委会当面反馈。"]
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_a_line_ending_in_sheying_as_wide_as_the_column_under_a_cut_line_is_text_not_a_credit() -> None:
    text = ("村镇简讯\n◎6月9日，镇文化服务中心\n举办“美丽乡村”农民摄影\n培训，来自各村的40余名摄\n影爱好者参加。\n"
            "◎日前，东村新建的村级养\n老驿站投入使用，可为村内\n老人提供助餐、日间照料服\n务。\n")
    issue = parse(text)
    assert [(paragraphs(issue, n), issue.articles[n].byline) for n in (0, 1)] == [
        (["◎6月9日，镇文化服务中心举办“美丽乡村”农民摄影培训，来自各村的40余名摄影爱好者参加。"], None),
        (["◎日前，东村新建的村级养老驿站投入使用，可为村内老人提供助餐、日间照料服务。"], None)]


def test_a_newsletters_own_reporter_signs_an_interview_under_its_deck() -> None:
    text = ("委员风采\n让老胡同留住乡愁\n——访区政协委员赵明\n本刊记者　孙青\n"
            "　　赵明在胡同里住了四十年。\n　　问：您为什么关注胡同保护？\n　　答：这里是老街坊的家。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "让老胡同留住乡愁", "——访区政协委员赵明")]
    assert issue.articles[0].byline == "本刊记者　孙青" and issue.articles[0].section == "委员风采"


def test_a_line_over_one_paragraph_and_a_source_line_after_finished_paragraphs_is_a_piece() -> None:
    text = ("区政协召开常委会议\n9月26日，区政协召开常委会议。\n会议强调，要深入调研、精准建言。\n"
            "开展“委员下基层”活动\n9月中旬，区政协组织20名委员走进社区听取意见。\n（委员工作室）\n")
    issue = parse(text)
    assert heads(issue) == [(None, "区政协召开常委会议", None), (None, "开展“委员下基层”活动", None)]
    assert not [b for b in issue.articles[0].blocks if b.kind == "h2"]


def test_sentence_items_of_a_list_in_a_narrow_column_go_on_however_many_lines_they_take() -> None:
    text = ("重点提案办理进展情况\n今年，区政协确定重点提案\n十二件，现将部分提案办理\n进展情况通报如下：\n"
            "（一）关于加快推进老旧小\n区改造的提案。承办单位区\n住建委会同相关街道，已完\n成十二个小区的楼体节能改\n"
            "造和管线更新，新增停车位\n三百余个，加装电梯二十部\n，同步完成小区绿化和照明\n提升，居民满意度明显提高\n"
            "，预计年底前完成全年任务\n。\n（二）关于完善农村地区公\n共交通服务的提案。区交通\n局已开通微循环公交线路3\n条。\n")
    issue = parse(text)
    assert [p[:8] for p in paragraphs(issue, 0)] == ["今年，区政协确定", "（一）关于加快推", "（二）关于完善农"]
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_an_exclamation_after_a_brief_heads_the_next_brief() -> None:
    text = ("路灯修好了\n　　居民反映小区路灯不亮，街道当天联系物业更换灯具8盏。\n"
            "车棚建好啦！\n　　居民反映充电难，街道在小区南侧建成集中充电棚一处。\n（霍营街道）\n")
    issue = parse(text)
    assert heads(issue) == [(None, "路灯修好了", None), (None, "车棚建好啦！", None)]


def test_a_line_over_items_its_office_signs_under_a_signed_story_is_a_piece() -> None:
    text = ("托管班开始报名\n　　本报讯（记者 林悦）今年暑期将有11所小学开设公益托管班。\n门诊时间调整\n"
            "　　自7月1日起，社区卫生服务中心门诊时间调整为：\n　　1.工作日上午8:00至12:00；\n"
            "　　2.周六、周日上午正常接诊。\n（区卫生健康委）\n")
    issue = parse(text)
    assert heads(issue) == [(None, "托管班开始报名", None), (None, "门诊时间调整", None)]
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_two_short_lines_over_a_longer_one_and_a_dash_deck_are_a_kicker_in_two_lines() -> None:
    text = ("守护一河清水\n共建美丽家园\n沙河水库生态清淤工程全面完工\n——库区新增湿地三百亩\n"
            "本报讯（记者 孟然）6月10日，沙河水库生态清淤工程完工。\n")
    issue = parse(text)
    assert heads(issue) == [("守护一河清水共建美丽家园", "沙河水库生态清淤工程全面完工", "——库区新增湿地三百亩")]
    assert issue.articles[0].call.endswith("(guess)")


def test_a_byline_with_a_space_inside_the_name_is_the_byline_not_a_headline() -> None:
    text = ("永定河生态补水启动\n本报记者  张 宏伟\n    6月2日，官厅水库开闸放水，生态补水正式启动。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "永定河生态补水启动", None)]
    assert issue.articles[0].byline == "本报记者  张 宏伟"


@pytest.mark.parametrize("signature, byline", [("文/郑　远", "郑　远"), ("□ 苗　青", "苗　青")])
def test_a_signature_with_a_space_inside_the_name_signs_the_piece_under_its_headline(signature: str, byline: str) -> None:
    text = f"胡同里的修鞋摊\n{signature}\n　　清晨六点，老周的修鞋摊已经支在了胡同口。\n"
    issue = parse(text)
    assert heads(issue) == [(None, "胡同里的修鞋摊", None)]
    assert issue.articles[0].byline == byline


def test_a_paper_joined_to_its_page_name_in_a_running_head_is_the_paper() -> None:
    text = ("新学期新气象\n　　本报讯（记者 孟然）9月2日，我区中小学开学。\n\n"
            "3　　西山报·社区　　　　　　　　美编　田　野　　责编　苏　青\n\n"
            "银杏初黄\n　　本报讯　9月3日，道路两旁的银杏开始泛黄。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.publication == "西山报"


def test_a_letter_spaced_paper_name_in_the_running_heads_is_the_paper() -> None:
    text = ("京 西 时 报      要 闻      第 2 版\n\n妙峰山镇讲解员持证上岗\n"
            "    本报讯（记者 李海涛）6月3日上午，妙峰山镇举行村民讲解员结业仪式。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.publication == "京西时报"


def test_yesterday_glossed_with_its_day_dates_the_issue_the_day_after() -> None:
    text = ("妙峰山镇讲解员持证上岗\n    本报讯（记者 李海涛）昨天（6月3日）上午，妙峰山镇在2021年首批讲解员结业仪式上颁证。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2021, 6, 4)


def test_tomorrow_glossed_with_its_day_dates_the_issue_the_day_before() -> None:
    text = ("社区食堂延长营业时间\n　　本报讯（记者 孟然）2022年5月9日，记者从街道获悉，从明天（5月12日）起，社区食堂"
            "晚餐延长至20时。\n　　据悉，5月20日至6月1日，食堂还将推出老年套餐。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2022, 5, 11)


def test_yesterday_glossed_in_a_sentence_of_plans_is_still_a_day_gone_by() -> None:
    text = ("西山新建三处口袋公园\n　　本报讯（记者 孟然）昨天（9月19日），记者从区园林绿化局获悉，2019年"
            "西山片区将新建3处口袋公园。\n　　公园计划于10月31日前开放。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2019, 9, 20)


def test_a_year_said_to_be_next_year_and_a_seasons_deadline_are_not_the_year_of_writing() -> None:
    text = ("学校扩容进展顺利\n　　本报讯（记者 孟然）9月18日，区教委介绍，北部新校将于2021年秋季前全部招生。"
            "2020年入学信息采集将于明年5月开始。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2019, 9, 18)


def test_a_schedules_later_year_is_not_the_year_the_issue_is_written_in() -> None:
    text = ("社区驿站开放\n　　本报讯（记者 林森）11月17日上午，驿站开放。2022年街道计划建成驿站5处。\n\n"
            "冬季健康讲座预告\n　　区卫生健康委将举办系列健康讲座，安排如下：\n　　12月1日（周四）14时，主题：心脑血管疾病预防；\n"
            "　　2023年1月5日（周四）14时，主题：春节期间合理膳食。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2022, 11, 17)


def test_photo_news_credited_after_a_space_over_bulleted_briefs_keeps_its_photographer() -> None:
    text = ("槐花开了\n　　5月10日，三里屯街道一处老小区里的槐树迎来盛花期。　本报记者 韩冬 摄\n\n"
            "●望京街道日前为辖区独居老人安装燃气报警器。\n●麦子店街道5月起试行“错时停车”。\n")
    issue = parse(text)
    assert (issue.articles[0].headline, issue.articles[0].byline, issue.articles[0].kind) == \
        ("槐花开了", "本报记者 韩冬", "photo")


def test_a_forecast_from_the_weather_office_set_as_a_sentence_is_furniture() -> None:
    text = ("社区议事厅办成实事\n本报讯（记者 孟繁星）5月12日，双井街道召开议事会。\n\n"
            "朝阳区气象台5月13日发布：今天白天晴转多云，北风二三级，最高气温27℃；夜间多云，最低气温15℃。\n")
    issue = parse(text)
    assert "朝阳区气象台5月13日发布：今天白天晴转多云，北风二三级，最高气温27℃；夜间多云，最低气温15℃。" in \
        {text for _, text in issue.masthead + issue.furniture + issue.colophon}
    assert [a.headline for a in issue.articles] == ["社区议事厅办成实事"]


def test_an_organ_line_with_the_weather_and_bracketed_guide_lines_are_masthead_and_furniture() -> None:
    text = ("大兴报　　　2015年10月23日　星期五　　　第42期(总第1288期)　　　本期4版\n"
            "中共北京市大兴区委机关报　　　　国内统一刊号：CN11-0000　　　　今日天气：晴　北风3-4级　6℃～17℃\n"
            "【导读】西红门镇：腾退土地上种出“绿”　　见第2版\n【导读】庞各庄镇金秋采摘持续到11月中旬　　见第3版\n\n"
            "记者探访西红门镇腾退空间\n昔日“大杂院”变身口袋公园\n　　本报记者　宋佳\n　　走进西红门镇寿宝庄村，记者看到一片新绿。\n")
    issue = parse(text)
    assert heads(issue) == [("记者探访西红门镇腾退空间", "昔日“大杂院”变身口袋公园", None)]
    assert {n for n, _ in issue.masthead + issue.furniture} == {1, 2, 3, 4}


def test_a_statement_closing_in_kaifang_over_its_figures_is_headline_and_deck() -> None:
    issue = parse("首钢园三高炉博物馆明起试开放\n首批预约游客每日限流2000人次\n\n本报记者 周晓岚\n\n"
                  "记者昨天从首钢园区获悉，三高炉博物馆将于9月21日起试开放。\n")
    assert heads(issue) == [(None, "首钢园三高炉博物馆明起试开放", "首批预约游客每日限流2000人次")]


NARROW_BY_COUNT = (
    "百万庄北里增设32个“共享车位”\n——周边单位错时开放停车场\n本报通讯员　许萌\n"
    "6月20日起，百万庄北里周边的两家单位在夜间和周\n末向居民开放停车场，新增“共享车位”32个。\n"
    "居民需先到社区居委会登记车辆信息，每晚19时后入\n场，次日7时30分前驶离，按每月150元收费。\n"
    "百万庄北里建于上世纪50年代，小区内没有规划停车\n位，居民停车一直靠“抢”。社区党委书记说，下一步\n"
    "还将协调更多单位加入。\n\n"
    "楼门长老周的“分类经”\n垃圾分类推行以来，三里河三区7号楼的楼门长周永福\n每天早晚都守在桶边。我们请他聊了聊心得。\n"
    "问：刚开始的时候，大家配合吗？\n周永福：不太配合。有的老人嫌麻烦，有的年轻人早上\n赶时间，拎着袋子就扔。\n\n"
    "■6月12日，展览路街道在北京展览馆周边开展消防\n安全检查，排查沿街商户86家。\n"
    "■三里河社区“老年餐桌”6月起增加周末供餐，每份\n午餐12元。\n")


def test_a_column_wrapped_by_character_count_joins_its_lines_whatever_their_digits() -> None:
    issue = parse(NARROW_BY_COUNT)
    assert heads(issue)[:2] == [(None, "百万庄北里增设32个“共享车位”", "——周边单位错时开放停车场"),
                                (None, "楼门长老周的“分类经”", None)]
    assert paragraphs(issue, 0)[0] == "6月20日起，百万庄北里周边的两家单位在夜间和周末向居民开放停车场，新增“共享车位”32个。"
    assert len(paragraphs(issue, 0)) == 3 and not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]
    assert paragraphs(issue, 1)[0].startswith("垃圾分类推行以来") and issue.articles[1].deck is None
    assert [paragraphs(issue, n)[0] for n in (2, 3)] == ["■6月12日，展览路街道在北京展览馆周边开展消防安全检查，排查沿街商户86家。",
                                                         "■三里河社区“老年餐桌”6月起增加周末供餐，每份午餐12元。"]


def test_a_numbered_item_with_a_clause_ending_in_a_word_that_wants_more_goes_on() -> None:
    text = ("关于开展高龄老人入户走访的通知\n各社区居委会：\n　　现将有关事项通知如下：\n"
            "（一）走访对象为辖区80岁以上独居、空巢老人。\n（二）各社区于7月20日前完成走访，并将\n《走访登记表》报街道民生保障办。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[-1] == "（二）各社区于7月20日前完成走访，并将《走访登记表》报街道民生保障办。"
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_a_jump_cut_by_a_narrow_column_is_never_a_running_head() -> None:
    text = ("妙峰山镇讲解员持证上岗\n    本报讯（记者 李海涛）6月3日上午，妙峰山镇举行村民讲解员结业仪式。计划到年底讲解员\n"
            "队伍达到（下转第 3 版）\n")
    issue = parse(text)
    assert not issue.furniture
    assert issue.articles[0].continued_on == "3版"


def test_a_line_run_one_character_past_the_column_after_a_mark_is_cut_by_it() -> None:
    # The column would not cut after the colon, so 先 hangs past its edge: the line is as wide as the column, not a
    # sub-heading.
    text = ("加装电梯进了老楼门\n今年以来，街道已为辖区老\n旧小区加装电梯26部，惠及\n居民近千户。各社区成立议\n"
            "事小组，逐个楼门征求居民\n意见。\n不少居民说，百万庄的办法\n很值得其他小区借鉴推广：先\n协商、再设计、后施工。\n"
            "施工期间，社区每周召开一\n次协调会，居民提出的意见\n都能及时得到回应。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "加装电梯进了老楼门", None)]
    assert paragraphs(issue, 0)[1] == "不少居民说，百万庄的办法很值得其他小区借鉴推广：先协商、再设计、后施工。"
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_a_first_numbered_item_as_wide_as_the_column_is_a_sentence_when_the_next_item_is() -> None:
    text = ("关于开展夏季防汛检查的通知\n各社区居委会：\n为做好辖区防汛工作，街道\n决定于7月开展检查。现将\n"
            "有关事项通知如下：\n（一）检查范围为辖区所有\n地下室、低洼院落和危旧房\n屋。\n（二）各社区于7月15日前\n"
            "完成自查，并将检查记录报\n街道城管科。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[-2:] == ["（一）检查范围为辖区所有地下室、低洼院落和危旧房屋。",
                                         "（二）各社区于7月15日前完成自查，并将检查记录报街道城管科。"]
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_a_bulleted_brief_after_a_blank_line_goes_on_as_its_sibling_does() -> None:
    text = ("社区开展夏季消防检查\n本报讯\u30007月2日，街道组织\n消防检查，排查沿街商户42\n家，发现隐患5处，已督促\n"
            "整改。\n街道相关负责人介绍，下一\n步将对辖区餐饮商户开展专\n项检查。\n\n■ 马连道社区近日完成楼\n"
            "道照明改造，新装声控灯12\n0盏。\n■ 红莲南里 7月1日起开设\n老年餐桌，每份午餐15元。\n")
    issue = parse(text)
    assert [paragraphs(issue, n) for n in (1, 2)] == [["■ 马连道社区近日完成楼道照明改造，新装声控灯120盏。"],
                                                      ["■ 红莲南里 7月1日起开设老年餐桌，每份午餐15元。"]]
    assert [a.headline_line for a in issue.articles[1:]] == [None, None]


# --- twelfth round: running heads opening with the page, furniture inside articles ------------------------------

def test_a_running_head_opening_with_its_page_names_the_paper_of_a_file_with_no_masthead() -> None:
    text = ("6　　社会新闻　　门头沟报　　2019年3月8日　星期五\n\n妙峰山镇讲解员持证上岗\n"
            "    本报讯（记者 李海涛）3月6日上午，妙峰山镇举行村民讲解员结业仪式。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.furniture[0] == (1, "6　　社会新闻　　门头沟报　　2019年3月8日　星期五")
    assert heads(issue) == [(None, "妙峰山镇讲解员持证上岗", None)]
    assert (issue.publication, issue.date) == ("门头沟报", datetime.date(2019, 3, 8))


def test_a_papers_own_hotline_names_the_paper_of_a_file_with_no_masthead() -> None:
    text = ("妙峰山镇讲解员持证上岗\n    本报讯（记者 李海涛）3月6日上午，妙峰山镇举行村民讲解员结业仪式。\n\n"
            "门头沟报新闻热线：69841234\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.furniture == ((4, "门头沟报新闻热线：69841234"),)
    assert issue.publication == "门头沟报"


def test_a_numbered_anniversary_beats_a_year_the_history_tells() -> None:
    text = ("改革开放40周年·门头沟印记\n从煤矿到森林公园\n本报记者 吕欣\n"
            "    1992年，他所在的煤矿开始转型。10月17日，记者随他回到矿区，那里已是一片森林。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2018, 10, 17)


def test_a_number_cut_after_its_label_and_a_count_cut_after_its_clause_are_joined() -> None:
    text = ("游园提示\n　　1．公园每日6:00至21:00开放，免费入园。\n　　2．游客服务热线：\n010-69841234。\n\n"
            "京西古道迎来研学团\n本报讯（记者 李雯）6月6日，200余名中学生来到京西古道，参观古道博物馆。\n"
            "管理处介绍，今年暑期前后将接待研学团队\n40余批。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[-1] == "2．游客服务热线：010-69841234。"
    assert paragraphs(issue, 1)[-1] == "管理处介绍，今年暑期前后将接待研学团队40余批。"
    assert not [b for a in issue.articles for b in a.blocks if b.kind in ("h2", "h3")]


def test_a_newsletters_name_at_its_masthead_top_is_the_paper() -> None:
    text = ("和平里之窗\n中共东城区和平里街道工委　东城区和平里街道办事处主办\n2017年第3期（总第40期）　　2017年3月10日\n\n"
            "社区开展春季义诊\n    本报讯（通讯员 丁一）3月8日，和平里社区举办春季义诊活动。\n")
    issue = parse(text)
    assert issue.publication == "和平里之窗"
    assert heads(issue) == [(None, "社区开展春季义诊", None)]


def test_a_letters_signers_and_date_close_it() -> None:
    text = ("一封来自和平里小区的感谢信\n\n东城区和平里街道：\n\n我们是和平里小区5号楼的居民。今年夏天楼道漏水，街道当天就派人修好了。\n\n"
            "和平里小区5号楼全体居民\n2017年8月20日\n\n关于开展消防检查的通知\n\n各社区：\n\n街道将于9月开展消防检查。\n")
    issue = parse(text)
    assert [(a.headline, a.kicker, a.byline) for a in issue.articles] == [
        ("一封来自和平里小区的感谢信", None, "和平里小区5号楼全体居民"), ("关于开展消防检查的通知", None, None)]
    assert len(paragraphs(issue, 0)) == 2
    assert not issue.furniture


# --- thirteenth round: furniture and issue facts -----------------------------------------------------------------

def test_a_print_run_closing_the_issue_is_its_colophon() -> None:
    text = ("胡同里的小菜园\n本报讯　5月6日，东四街道一处胡同小院开出了菜园。\n\n"
            "编辑：东四街道宣传科　　地址：东城区东四北大街12号\n印数：3000份　　赠阅\n")
    issue = parse(text)
    assert [t for _, t in issue.colophon][-1] == "印数：3000份　　赠阅"
    assert paragraphs(issue, 0) == ["本报讯　5月6日，东四街道一处胡同小院开出了菜园。"]


def test_one_editor_with_a_slash_under_a_running_head_is_furniture_not_a_kicker() -> None:
    text = ("西长安街社区报　　　　第4版　文化　　　　2019年5月10日\n编辑/孟岚\n\n"
            "胡同里上演社区话剧\n本报讯（通讯员 何平）5月8日晚，社区居民自编自演的话剧首演。\n")
    issue = parse(text)
    assert (2, "编辑/孟岚") in issue.furniture
    assert heads(issue) == [(None, "胡同里上演社区话剧", None)]


def test_a_running_head_of_paper_page_name_and_number_names_the_paper_and_its_district() -> None:
    text = ("雁栖湖畔添了新步道\n本报讯（记者 高扬）5月20日，雁栖湖滨水步道全线贯通。\n\n\n"
            "怀柔报　乡镇新闻　3\n编辑：李岚　美编：王青\n\n"
            "汤河口镇开办民宿培训班\n本报讯　5月21日，汤河口镇举办民宿管家培训班。\n")
    issue = complete_issue(parse(text), load_places())
    assert (5, "怀柔报　乡镇新闻　3") in issue.furniture
    assert (issue.publication, issue.district) == ("怀柔报", "怀柔区")
    assert [a.headline for a in issue.articles] == ["雁栖湖畔添了新步道", "汤河口镇开办民宿培训班"]


def test_the_papers_office_in_its_footer_names_the_paper_and_the_address_its_district() -> None:
    text = ("胡同里开了便民菜站\n本报讯　11月5日，新街口一处便民菜站开门营业。\n\n"
            "新街口社区报编辑部　地址：北京市西城区新街口北大街　电话：66181234\n")
    issue = complete_issue(parse(text), load_places())
    assert (issue.publication, issue.district) == ("新街口社区报", "西城区")


def test_a_publisher_naming_the_economic_development_area_gives_daxing() -> None:
    text = ("亦庄新报\n中共北京经济技术开发区工委主办\n2020年6月5日　星期五　第22期\n\n"
            "开发区新增两条公交线路\n本报讯　6月3日，开发区新开通两条通勤公交线路。\n")
    issue = complete_issue(parse(text), load_places())
    assert (issue.publication, issue.district) == ("亦庄新报", "大兴区")


def test_a_day_the_clause_says_will_come_is_a_plan_not_the_issues_date() -> None:
    text = ("关于开展燃气安全入户检查的告知书\n各位居民：\n    为保障用气安全，街道将联合燃气公司于2021年12月6日至12月20日"
            "开展入户检查。\n    特此告知。\n　　　　　　　　　　新街口街道办事处\n　　　　　　　　　　2021年12月1日\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2021, 12, 1)


# --- thirteenth round: briefs, stacks and columns ------------------------------------------------------------------

def test_a_bulleted_brief_whose_siblings_are_sentences_goes_on_under_its_label() -> None:
    text = ("社区简讯\n●6月2日，安华里社区开展“邻里节”活\n动，百余名居民参加。\n●近日，和平街社区在小区北门设立\n"
            "便民修车点，每周六上午开放。\n")
    issue = parse(text)
    assert [paragraphs(issue, n) for n in (0, 1)] == [["●6月2日，安华里社区开展“邻里节”活动，百余名居民参加。"],
                                                      ["●近日，和平街社区在小区北门设立便民修车点，每周六上午开放。"]]
    assert [a.headline_line for a in issue.articles] == [None, None]


def test_a_column_wrapped_by_count_keeps_lines_with_figures_full() -> None:
    column = ["本报讯（通讯员 孔林）5月21日晚，安贞", "文化中心剧场座无虚席，社区居民自编自演的", "话剧在这里首演，演出持续了一个半小时，台",
              "下掌声不断，不少观众看得热泪盈眶，演出结", "束后居民们久久不愿离开。", "2019年起，社区每年排演一部话剧，讲述",
              "一位退休教师担任楼门长后，帮助邻里化解矛", "盾的故事，剧本由社区居民集体创作，排练历", "时半年。剧中演员全部来自辖区各社区，最大",
              "的七十三岁。", "据了解，该剧还将于10月12日在和平里巡", "演两场。"]
    text = "社区话剧首演\n" + "\n".join(column) + "\n\n街道开展消防演练\n本报讯　5月22日，街道组织消防演练，二百余名居民参加。\n"
    issue = parse(text)
    assert len(paragraphs(issue, 0)) == 3
    assert paragraphs(issue, 0)[-1] == "据了解，该剧还将于10月12日在和平里巡演两场。"
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_a_schedule_running_into_next_year_keeps_a_day_a_line() -> None:
    text = ("冬季文化活动安排出炉\n  本报讯（通讯员 路遥）街道日前公布了冬季文化活动安排：\n"
            "12月11日（周六）上午　老街坊讲述会　地点：街道文化中心\n2023年1月7日（周六）全天　冰雪知识趣味赛　地点：街道文化中心\n"
            "2023年1月21日（周六）上午　写福字迎新春　地点：各社区居委会\n  报名可通过所在社区居委会进行。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "冬季文化活动安排出炉", None)]
    assert len(paragraphs(issue, 0)) == 5


def test_a_short_sentence_left_unindented_under_a_finished_line_ends_its_paragraph() -> None:
    text = ("让自动驾驶跑进街巷\n本报记者 方舟\n　　记者：普通市民什么时候能坐上自动驾驶汽车？\n"
            "　　负责人：今年我们会先在园区内开展载人测试，\n积累足够数据后再逐步扩大范围。\n安全始终是第一位的。\n"
            "　　记者：下一步有哪些打算？\n　　负责人：继续开放测试道路。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[1] == "负责人：今年我们会先在园区内开展载人测试，积累足够数据后再逐步扩大范围。安全始终是第一位的。"
    assert len(paragraphs(issue, 0)) == 4


def test_housing_estates_over_what_they_start_are_one_headline_and_an_issuer_over_its_notice_too() -> None:
    text = ("和平里地区首批6个老旧小区\n启动综合整治\n——外墙保温、管线更新同步推进\n本报讯　5月19日，整治工程正式启动。\n\n"
            "和平里街道办事处\n关于开展汛期安全检查的通告\n辖区各位居民：\n汛期将至，街道定于6月开展汛期安全检查。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "和平里地区首批6个老旧小区启动综合整治", "——外墙保温、管线更新同步推进"),
                            (None, "和平里街道办事处关于开展汛期安全检查的通告", None)]


def test_a_box_set_in_a_narrower_column_than_the_page_joins_its_lines() -> None:
    box = ["新学期伊始，区教委发布开学安全提", "示，提醒师生和家长注意以下事项：", "1.做好个人防护。在校期间勤洗手、", "常通风，排队时与他人保持距离，每",
           "日上报健康状况。", "2.注意交通安全。上下学遵守交通规", "则，不乘坐无牌无证车辆，不在校门", "口逗留。"]
    text = ("开学季　这份安全提示请收好\n" + "\n".join(box) + "\n\n区青少年科技大赛启动\n"
            "　　本报讯　3月15日，区青少年科技创新大赛正式启动，全区中小学生均可报名参加。\n")
    issue = parse(text)
    assert heads(issue)[0] == (None, "开学季　这份安全提示请收好", None)
    assert paragraphs(issue, 0)[0] == "新学期伊始，区教委发布开学安全提示，提醒师生和家长注意以下事项："
    assert len(paragraphs(issue, 0)) == 3


# --- thirteenth round: columns re-set narrower, interviews, schedules ---------------------------------------------

def column_text(lines: list[str]) -> str:
    """A page set in a column 12 characters wide: each paragraph's lines but its last fill it."""
    return "\n".join(lines) + "\n"


def test_a_headline_as_wide_as_the_column_under_a_column_label_stays_a_headline() -> None:
    text = column_text(["街道开展消防安全检查活动", "本报讯　6月7日，街道组织", "辖区商户开展消防安全培训", "，八十余名商户负责人参加。",
                        "现场，消防员讲解了灭火器", "的使用方法。", "街道还为商户发放了安全手", "册。", "", "读者来信",
                        "一封来自和平里小区的来信", "尊敬的和平里街道党工委、", "办事处：我们是和平里小区", "五号楼的居民，今年楼道漏",
                        "水，街道当天就派人修好了", "。在此表示感谢！"])
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["街道开展消防安全检查活动", "一封来自和平里小区的来信"]
    assert issue.articles[1].section == "读者来信"


def test_a_notice_title_as_wide_as_the_column_stays_a_title() -> None:
    text = column_text(["关于开展汛期安全检查通告", "辖区各位居民：汛期将至，", "为保障居民生命财产安全，", "街道定于六月中下旬对辖区",
                        "平房院落开展汛期安全检查", "，请居民配合社区工作人员", "入户查看。"])
    issue = parse(text)
    assert heads(issue) == [(None, "关于开展汛期安全检查通告", None)]


def test_a_numbered_heading_of_two_matching_phrases_as_wide_as_the_column_is_a_heading() -> None:
    text = column_text(["妙峰山镇民宿提档升级试点", "本报讯　今年以来，妙峰山", "镇选择五个村开展民宿提档", "升级试点，主要做法是：",
                        "（一）统一规划，分批推进", "镇里聘请专业设计单位编制", "改造方案，第一批确定接待", "户四十户。",
                        "（二）政府引导，农户自愿", "镇里对达到改造标准的接待", "户给予补助，是否参加由农", "户自己决定。"])
    issue = parse(text)
    assert [b.text for b in issue.articles[0].blocks if b.kind in ("h2", "h3")] == ["（一）统一规划，分批推进",
                                                                                   "（二）政府引导，农户自愿"]


def test_a_schedule_cut_by_the_column_still_sets_a_day_a_paragraph() -> None:
    text = column_text(["冬季文化活动安排出炉", "本报讯　街道日前公布了冬", "季文化活动安排，欢迎报名", "参加：",
                        "12月4日（周六）上午　老街", "坊讲述会　地点：文化中心", "12月18日（周六）下午　书", "画联展　地点：活动室",
                        "报名可通过所在社区居委会", "进行。"])
    issue = parse(text)
    assert paragraphs(issue, 0)[1:] == ["12月4日（周六）上午　老街坊讲述会　地点：文化中心",
                                        "12月18日（周六）下午　书画联展　地点：活动室", "报名可通过所在社区居委会进行。"]


def test_an_answer_cut_short_of_a_clause_mark_goes_on_below() -> None:
    text = ("入学政策，家长关心的三个问题\n本报记者 林夕\n问：孩子户籍和居住地不一致怎么办？\n答：原则上以户籍登记为准\n"
            "，人户不一致的需提供居住证明。\n问：非京籍儿童需要准备哪些材料？\n答：需提供父母在京务工就业证明、在京实际住所\n"
            "居住证明和全家户口簿。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[1::2] == ["答：原则上以户籍登记为准，人户不一致的需提供居住证明。",
                                          "答：需提供父母在京务工就业证明、在京实际住所居住证明和全家户口簿。"]
    assert len(issue.articles) == 1


def test_first_lines_an_indent_narrower_than_a_boxs_own_column_start_paragraphs() -> None:
    box = ["今年以来，街道在各社区聘请", "了一百二十余名小巷管家，他们每", "天在胡同、楼院间巡走，发现问题", "随手记、及时报。",
           "然而，也有居民反映，个别管", "家发现问题后报了就完，问题解决", "没解决不再过问，对自己能管什么", "心里没底。",
           "管得好，则要靠机制，发现、", "上报、处置、回访，环环相扣，才", "能让居民的每一件小事都有回音。"]
    text = ("让小巷管家管得住也管得好\n文/苏禾\n" + "\n".join(box) + "\n")
    issue = parse(text)
    assert len(paragraphs(issue, 0)) == 3
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_a_short_question_and_the_exclamation_answering_it_are_a_kicker() -> None:
    text = ("下水道又堵了？打这个电话！\n学院路街道开通排水抢修专线\n\n"
            "本报讯（通讯员 丁一）12月1日起，学院路街道开通排水抢修专线，安排专人24小时接听居民来电。\n")
    issue = parse(text)
    assert heads(issue) == [("下水道又堵了？打这个电话！", "学院路街道开通排水抢修专线", None)]


def test_an_items_line_the_column_cut_goes_on_before_the_next_number() -> None:
    text = ("数说变化\n　　一组数据看变化：\n1.全区新建口袋公园1\n2个。\n2.改造老旧小区3.5万\n平方米。\n"
            "3.新增停车位8\n0万\n个次。\n4.全年植树2万株。\n")
    issue = parse(text)
    assert paragraphs(issue, 0) == ["一组数据看变化：", "1.全区新建口袋公园12个。", "2.改造老旧小区3.5万平方米。",
                                    "3.新增停车位80万个次。", "4.全年植树2万株。"]


def test_jump_marks_without_brackets_alone_on_their_lines() -> None:
    text = ("延庆区启动秋季护林巡查\n　　本报讯（记者 甲）9月10日，巡查启动。\n　　巡查队员还将走进山区村庄\n转第二版\n\n"
            "2 │ 要闻 │ 延庆报　　责编：邓佳\n\n接第一版\n　　向村民发放护林宣传手册，引导\n村民自觉参与护林。\n")
    issue = parse(text)
    first, second = issue.articles
    assert (first.headline, first.continued_on) == ("延庆区启动秋季护林巡查", "2版")
    assert second.continued_from == "1版" and second.head == ((8, "接第一版"),)
    assert paragraphs(issue, 1) == ["向村民发放护林宣传手册，引导村民自觉参与护林。"]


def test_the_year_a_plan_is_prepared_for_is_not_the_year_of_writing() -> None:
    text = ("街道征集民生实事建议\n　　本报讯（记者 甲）昨天（9月17日），街道启动征集2021年民生实事项目建议，"
            "截至9月16日已收到建议40条。\n\n关于征集民生实事项目建议的公告\n　　征集截至2020年10月15日。\n"
            "　　　　　　　　延庆区人民政府办公室\n　　　　　　　　2020年9月16日\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2020, 9, 18)


def test_a_numbered_teachers_day_gives_the_year() -> None:
    text = ("庆祝第33个教师节\n我区表彰优秀教师\n\n　　本报讯（记者 甲）昨天（9月9日）上午，我区召开表彰大会。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2017, 9, 10)


def test_a_paragraph_that_lost_its_indent_after_a_short_last_line_is_its_own() -> None:
    text = ("街道部署2023年垃圾分类重点工作\n　　本刊讯 3月22日，街道召开2023年垃圾分类工\n作推进会，部署今年重点任务。\n"
            "去年以来，街道共建成分类驿站120个，桶前值守志愿者\n累计上岗3600余人次，居民参与率和准确率均有明显提\n升。\n　　会议明确，今年将围绕厨余垃圾分出率、大件垃圾清运\n、桶站环境等重点问题，开展“每月一查”专项行动，推动\n垃圾分类从“会分类”向“爱分类”转变。\n\n"
            "春季植树，我们来了！\n　　3月18日，街道组织机关干部、社区党员和青年志愿\n者150余人在河畔开展义务植树活动，共栽下油松、海棠\n、银杏等苗木300余株。\n参加植树的志愿者小王说：“每年都来，看着去年种下的树\n发了芽，特别有成就感。”\n\n"
            "河畔步道改造方案征求意见\n　　本刊讯 河畔步道改造方案日前在各社区张贴公示，广\n泛征求居民意见。改造计划于5月启动，预计9月底前完成\n，将新增休闲座椅40组。\n　　居民可通过社区居委会意见箱提出建议，征求意见截至\n4月10日。\n\n")
    issue = parse(text)
    assert [len(paragraphs(issue, n)) for n in range(3)] == [3, 2, 2]
    assert paragraphs(issue, 1)[1].startswith("参加植树的志愿者小王说")


def test_an_exclamation_opening_a_page_under_an_article_that_does_not_jump_is_a_headline() -> None:
    text = ("热心肠李大妈\n　　本刊讯（通讯员 高山）在街道新建社区，提起68岁\n的李大妈，邻居们都竖起大拇指。\n　　楼里谁家老人住院了，她帮着照看孩子；谁家出门忘了\n关窗，她第一个打电话提醒。十多年来，她记下的邻居电话\n本已经写满了三本。\n今年2月，李大妈被评为街道“最美邻里”。她说：“远亲\n不如近邻，能帮一把是一把。”\n\n"
            "学雷锋，在行动！\n　　3月5日是学雷锋纪念日。当天，街道20余支志愿服\n务队走进社区，开展义诊、义剪、家电维修、法律咨询等服\n务，服务居民600余人次。\n\n"
            "－3－\n\n"
            "社区家园·文化生活　　　　　　　　　　　　　　第4版\n\n"
            "社区舞蹈队招新啦！\n　　街道社区舞蹈队现面向辖区居民招募新队员。报名者年\n龄在18岁至65岁之间，热爱舞蹈、能坚持每周六下午参\n加排练即可。有意者请于4月15日前到各社区居委会报名\n。\n\n"
            "春日读书会\n文/林晓\n　　3月25日下午，街道图书分馆举办“春日读书会”，\n20余位居民围坐一堂，分享各自喜爱的书。\n退休教师赵建华带来了一本《运河边的老故事》，讲起书里\n写到的老码头、老街巷，不少居民听得入了神。\n　　据了解，读书会今后将每月举办一期，欢迎居民参加。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["热心肠李大妈", "学雷锋，在行动！", "社区舞蹈队招新啦！", "春日读书会"]


def test_a_newsletters_own_dateline_and_its_name_over_its_romanised_form() -> None:
    text = ("和平家园\nHEPING JIAYUAN\n和平街道工作委员会　和平街道办事处　编印\n2023年第2期　　　　2023年2月24日\n\n"
            "好邻居张大爷\n　　本刊讯（通讯员 林立）在和平街道，提起72岁的张大爷，邻居们都竖起大拇指。\n")
    issue = parse(text)
    assert issue.publication == "和平家园"
    assert (issue.articles[0].headline, issue.articles[0].byline) == ("好邻居张大爷", "通讯员 林立")


def test_a_column_label_over_a_question_headline_and_its_text() -> None:
    text = ("政策问答\n小区加装充电桩，怎么申请？\n　　近期，不少居民来电咨询加装充电桩的有关政策，街道作了梳理。\n"
            "问：哪些小区可以申请？\n答：具备固定车位的小区都可以申请。\n")
    issue = parse(text)
    assert [(a.section, a.kicker, a.headline) for a in issue.articles] == [("政策问答", None, "小区加装充电桩，怎么申请？")]


def test_a_label_naming_photo_news_is_its_column_not_its_kicker() -> None:
    text = ("图片新闻\n秋收时节\n　　9月20日，长阳镇农场的玉米进入收获期，收割机在田间往来穿梭。图/李明\n")
    issue = parse(text)
    assert [(a.section, a.kicker, a.headline, a.byline) for a in issue.articles] == [("图片新闻", None, "秋收时节", "李明")]


def test_an_item_cut_after_a_clause_under_sentence_items_goes_on() -> None:
    text = ("镇里发布夏季安全提示\n　　本报讯 入夏以来，气温持续升高，镇安全生产办公室提醒居民注意以下事项：\n"
            "（一）严禁私拉电线为电动自行车充电，\n不在楼道内停放电动车。\n（二）不到河道、水塘等野外水域游泳，\n"
            "看管好未成年人。\n（三）使用燃气时注意通风，离家前检查燃\n气阀门是否关闭。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[-1] == "（三）使用燃气时注意通风，离家前检查燃气阀门是否关闭。"
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]


def test_the_last_item_of_a_list_goes_on_to_its_stop_through_a_bracket() -> None:
    text = ("区图书馆新增自助借还点\n　　本报讯（记者 甲）区图书馆在以下三处新增自助借还设备：\n　　1．总部基地18\n区一层大堂；\n"
            "　　2．长辛店街道文化活动中\n心门厅；\n　　3．宛平城地区综合文化站\n（宛平城城内街西段路北）\n。\n"
            "　　区图书馆有关负责人表示，年底前还将再建5处。\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[3] == "3．宛平城地区综合文化站（宛平城城内街西段路北）。"
    assert len(issue.articles) == 1 and len(paragraphs(issue, 0)) == 5


def test_a_photographers_name_cut_by_the_column_closes_its_caption() -> None:
    text = ("麦收时节\n　　6月10日，长阳镇农场的200多亩小麦进入收割期，一派丰收景象。图/王启\n明\n\n"
            "镇域开展防汛演练\n　　本报讯（记者 甲）6月11日上午，长阳镇组织开展防汛应急演练。\n")
    issue = parse(text)
    assert [(a.headline, a.byline) for a in issue.articles] == [("麦收时节", "王启明"), ("镇域开展防汛演练", "记者 甲")]


def test_a_source_line_after_a_blank_line_under_a_lists_last_item_stays_its_source() -> None:
    text = ("街道部署防汛工作\n\n1. 会议强调，要压实防汛责任。\n\n2. 要毫不放松抓好隐患排查，完善“接诉即办”\n\n"
            "(通州区文明办)\n")
    issue = parse(text)
    assert all("文明办" not in b.text for b in issue.articles[0].blocks if b.kind == "p")


def test_a_masthead_dateline_with_its_date_in_words_gives_the_date_and_numbers() -> None:
    text = ("运河晨报\nYUNHE MORNING NEWS\n二〇二二年十月二十一日　星期五　第41期（总第905期）　本期8版\n\n"
            "运河公园新添亲水步道\n　　本报讯（记者 甲）10月20日，运河公园新建亲水步道开放。\n")
    issue = parse(text)
    assert [n for n, _ in issue.masthead] == [1, 2, 3]
    assert (issue.date, issue.issue_no, issue.total_no, issue.pages) == (datetime.date(2022, 10, 21), 41, 905, 8)
    assert heads(issue) == [(None, "运河公园新添亲水步道", None)]


def test_two_lines_a_guide_names_together_are_one_headline() -> None:
    text = ("导读\n▶ 区文化馆新馆开馆首日迎客三千人次　3版\n\n区文化馆新馆开馆首日\n迎客三千人次\n"
            "　　本报讯（记者 甲）“展厅比原来大多了。”10月1日，区文化馆新馆开馆。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "区文化馆新馆开馆首日迎客三千人次", None)]


def test_a_headline_between_kicker_and_deck_in_two_lines_is_joined_as_printed() -> None:
    text = ("推进城市更新\n北关大街东段改造工程\n主体完工\n——沿街38栋建筑外立面焕然一新\n"
            "　　本报讯（记者 甲）10月9日，北关大街东段改造工程主体完工。\n")
    issue = parse(text)
    assert heads(issue) == [("推进城市更新", "北关大街东段改造工程主体完工", "——沿街38栋建筑外立面焕然一新")]


def test_a_boxs_top_and_bottom_edges_are_furniture_not_its_title_or_a_kicker() -> None:
    text = ("街道举办重阳敬老宴\n　　10月4日，街道为辖区80岁以上老人举办敬老宴。\n（街道文化站 供稿）\n\n┌──────────┐\n"
            "活动预告\n10月8日（周六）　书法讲座（社区活动室）\n10月9日（周日）　义诊（社区卫生站）\n└──────────┘\n\n"
            "关于开展冬季供暖设施检查的通知\n各社区：\n　　请于10月20日前完成供暖设施检查。\n")
    issue = parse(text)
    assert [n for n, _ in issue.furniture] == [5, 9]
    assert heads(issue) == [(None, "街道举办重阳敬老宴", None), (None, "活动预告", None),
                            (None, "关于开展冬季供暖设施检查的通知", None)]


def test_the_papers_office_address_run_into_its_name_names_the_paper() -> None:
    text = ("良乡新添社区食堂\n本报讯（记者 甲）11月16日，良乡一处社区食堂开门营业。\n\n"
            "房山报社地址：房山区良乡拱辰北大街1号　新闻热线：69365520\n")
    issue = complete_issue(parse(text), load_places())
    assert (issue.publication, issue.district) == ("房山报", "房山区")


def test_a_bulletin_named_for_the_future_science_city_is_changpings() -> None:
    text = ("未来科学城通讯\n北京未来科学城管理委员会主办\n2019年第4期　　2019年4月26日\n\n"
            "能源谷新开工两个项目\n　　4月24日，能源谷两个研发项目开工。\n")
    issue = complete_issue(parse(text), load_places())
    assert (issue.publication, issue.district) == ("未来科学城通讯", "昌平区")


def test_a_notice_signed_by_a_towns_government_is_signed_and_its_date_is_not_the_issues() -> None:
    text = ("镇里开展防汛演练\n　　本报讯　7月12日上午，镇里在河道旁开展防汛演练。\n\n关于做好汛期安全防范工作的通知\n"
            "　　请各村加强对沟谷和隐患点的巡查。\n　　长哨营镇人民政府\n　　　2018年7月10日\n")
    issue = complete_issue(parse(text), load_places())
    assert [(a.headline, a.byline, len(paragraphs(issue, n))) for n, a in enumerate(issue.articles)] == [
        ("镇里开展防汛演练", None, 1), ("关于做好汛期安全防范工作的通知", "长哨营镇人民政府", 1)]
    assert not issue.masthead and issue.date == datetime.date(2018, 7, 12)


def test_the_days_a_meeting_requires_are_plans_not_the_issues_date() -> None:
    text = ("镇里部署防汛工作\n　　本报讯　7月11日，镇防汛指挥部召开2018年防汛专题会。\n　　会议要求，一是7月20日至8月15日主汛期内，"
            "镇村两级实行24小时值班。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2018, 7, 11)


@pytest.mark.parametrize("stack, want", [
    ("防汛，我们\n准备好了", (None, "防汛，我们准备好了", None)),
    ("喜迎国庆\n菊儿胡同第三批院落\n完成环境整治", ("喜迎国庆", "菊儿胡同第三批院落完成环境整治", None)),
])
def test_a_pronoun_subject_and_courtyards_over_their_predicate_are_one_headline(stack: str, want: tuple) -> None:
    issue = parse(f"{stack}\n　　本报讯（记者 甲）7月11日，各项准备工作已经就绪。\n")
    assert heads(issue) == [want]


def test_an_indented_sentence_ending_at_the_edge_of_a_column_wrapped_by_count_goes_on_below() -> None:
    text = ("区政协常委会召开第十二次会议\n　　6月18日，区政协常委会召开了第十二次会议。\n"
            "常委会主席主持会议，副主席、常委共31人出席，区\n政府、区法院、区检察院有关负责同志列席会议。会议\n"
            "的主要内容有：\n　　(一)听取区政府关于2020年垃圾分类工作情\n况的通报，常委们围绕源头减量、再生资源回收等提出\n"
            "意见建议。\n　　(二)协商通过了有关人事事项。\n　　会议强调，要把协商成果及时报送区委区政府，并\n"
            "跟踪了解意见建议的办理落实情况，做到件件有回音、\n事事有着落。\n（办公室）\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[0] == ("6月18日，区政协常委会召开了第十二次会议。常委会主席主持会议，副主席、常委共31人出席，"
                                       "区政府、区法院、区检察院有关负责同志列席会议。会议的主要内容有：")
    assert len(paragraphs(issue, 0)) == 4


def test_an_exclamation_between_its_kicker_and_a_dash_deck_heads_the_stack() -> None:
    text = ("聚焦区十八届人大三次会议\n山水之间奏响发展强音！\n——代表们认真审议政府工作报告\n"
            "　　本报讯（记者 甲）1月8日上午，区十八届人大三次会议开幕。\n")
    issue = parse(text)
    assert heads(issue) == [("聚焦区十八届人大三次会议", "山水之间奏响发展强音！", "——代表们认真审议政府工作报告")]
    assert not issue.unplaced


def test_a_question_with_a_comma_over_its_writer_heads_a_piece_however_long() -> None:
    text = ("　　（上接第1版）报告提出，今年将加快推动生态产品价值实现。\n　　大会期间，代表们将分组审议各项报告。\n\n"
            "2024年，这些民生实事将如何落地？\n本报记者 冯宁\n　　今年的政府工作报告中，一批民生实事格外引人关注。\n")
    issue = parse(text)
    assert [(a.headline, a.byline) for a in issue.articles][1:] == [("2024年，这些民生实事将如何落地？", "本报记者 冯宁")]
    assert len(paragraphs(issue, 0)) == 2


def test_a_writer_and_photographer_signing_under_the_last_paragraph_are_the_byline() -> None:
    text = ("热心肠！\n　　北兵马司社区的王秀兰阿姨每天帮楼里的老人买菜取药。\n　　“都是老邻居，应该的。”王阿姨说。\n"
            "文/李然 图/赵宁\n\n胡同里的新车棚\n　　近日，车棚建成投用。\n")
    issue = parse(text)
    assert [(a.headline, a.byline, len(paragraphs(issue, n))) for n, a in enumerate(issue.articles)] == [
        ("热心肠！", "李然 赵宁", 2), ("胡同里的新车棚", None, 1)]


def test_a_signature_over_a_note_on_its_writer_signs_the_piece() -> None:
    text = ("院里的石榴树\n　　院里有一棵石榴树，比院里哪户人家住得都久。\n　　每到秋天，石榴挂满枝头。\n文/孙立\n"
            "（作者系菊儿社区居民）\n\n编辑部地址：东城区交道口南大街136号　电话：010-64041234\n")
    issue = parse(text)
    assert [(a.headline, a.byline, len(paragraphs(issue, n))) for n, a in enumerate(issue.articles)] == [
        ("院里的石榴树", "孙立", 2)]


def test_a_forums_label_over_a_question_heading_its_text_is_the_column() -> None:
    text = ("4　　街坊　　2019年9月20日\n\n居民议事厅\n电动车充电难，议事会上怎么议？\n\n"
            "　　小区电动车充电桩不足，不少居民反映充电难。\n　　目前，小区已新增充电桩20个。\n")
    issue = parse(text)
    assert [(a.section, a.headline, a.kicker) for a in issue.articles] == [
        ("居民议事厅", "电动车充电难，议事会上怎么议？", None)]
    assert len(paragraphs(issue, 0)) == 2


@pytest.mark.parametrize("print_run", ["（共印150份）", "共印150份"])
def test_a_print_run_after_the_editors_line_closing_a_bulletin_mid_file_is_its_colophon(print_run: str) -> None:
    text = ("区人大常委会召开会议\n　　5月26日，区人大常委会召开第三十一次会议。\n（办公室）\n\n报：市人大常委会办公厅\n"
            f"送：区政府，区政协\n编辑：王晓峰　　审核：陈立群　　　　　2021年5月28日印发\n{print_run}\n\n"
            "生命谷新增一家企业技术中心\n　　近日，生命谷一家生物医药企业获评市级企业技术中心。\n")
    issue = parse(text)
    assert 8 in {n for n, _ in issue.colophon}
    assert [a.headline for a in issue.articles] == ["区人大常委会召开会议", "生命谷新增一家企业技术中心"]


def test_a_phone_number_cut_after_its_label_goes_on_in_the_line_below() -> None:
    text = ("关于做好汛期安全防范工作的通知\n\n请各村加强对沟谷和隐患点的巡查。\n防汛值班电话：69961\n100。\n"
            "长哨营镇人民政府\n2018年7月10日\n")
    issue = parse(text)
    assert paragraphs(issue, 0) == ["请各村加强对沟谷和隐患点的巡查。", "防汛值班电话：69961100。"]


def test_an_exclamation_between_its_kicker_and_a_deck_of_clauses_heads_the_stack() -> None:
    text = ("聚焦区十八届人大三次会议\n山水之间奏响发展强音！\n代表们认真审议政府工作报告，一致认为报告催人奋进\n"
            "　　本报讯（记者 甲）1月8日上午，区十八届人大三次会议开幕。\n")
    issue = parse(text)
    assert heads(issue) == [("聚焦区十八届人大三次会议", "山水之间奏响发展强音！", "代表们认真审议政府工作报告，一致认为报告催人奋进")]


def test_a_line_as_wide_as_the_column_under_an_exclamation_between_blank_lines_is_its_text() -> None:
    text = ("院落完成环境提升\n进入9月，福祥社区的22个\n院落完成环境提升。\n提升前，社区先后召开院落\n议事会14场。\n"
            "下一步，社区将组织居民制\n定院落公约。\n（福祥社区 供稿）\n\n胡同里的中秋\n9月12日，菊儿社区居民在\n"
            "活动室包月饼、猜灯谜，提\n前过了一个热闹的中秋节。图\n/刘畅\n\n热心肠！\n\n交东社区的王淑芬阿姨今年\n"
            "68岁，每天早上买菜时，总\n会顺路帮楼里三位腿脚不便\n的老人带回牛奶和蔬菜，这\n一带就是五年。\n“都是老街坊，搭把手的事\n"
            "儿。”王阿姨说。在她的带\n动下，楼里又有4户居民加\n入了“邻里互助小组”。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["院落完成环境提升", "胡同里的中秋", "热心肠！"]
    assert paragraphs(issue, 2)[0].startswith("交东社区的王淑芬阿姨今年68岁，")


def test_a_headline_as_wide_as_the_column_opening_a_page_over_a_blank_line_heads_it() -> None:
    text = ("街道欢迎有意愿的居民报名\n参加桶前值守志愿服务，报\n名电话见各社区公告栏。\n文/赵敏\n\n"
            "交道口街坊　　　　第3版　　社区文化\n\n为独居老人装上“一键呼”\n\n近日，府学社区为辖区31户\n独居老人免费安装了“一键\n"
            "呼”紧急呼叫设备，老人遇\n到突发情况，按下按钮就能\n联系到社区和家属。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles][-1] == "为独居老人装上“一键呼”"
    assert paragraphs(issue, len(issue.articles) - 1)[0].startswith("近日，府学社区")


def test_a_schedule_days_place_in_brackets_on_a_line_of_its_own_is_the_items_not_a_source() -> None:
    text = ("社区日历\n　　9月25日（周三）　智能手机课堂（菊\n儿社区）\n　　10月1日（周二）　观看国庆阅兵直播\n"
            "（街道文化中心）\n　　10月12日（周六）　重阳节敬老义诊（\n鼓楼苑社区）\n（街道社区建设办 供稿）\n")
    issue = parse(text)
    assert len(issue.articles) == 1
    assert paragraphs(issue, 0) == ["9月25日（周三）　智能手机课堂（菊儿社区）", "10月1日（周二）　观看国庆阅兵直播（街道文化中心）",
                                    "10月12日（周六）　重阳节敬老义诊（鼓楼苑社区）"]


def test_a_title_closing_in_its_note_on_what_is_printed_ends_there() -> None:
    text = ("区人大代表视察永定河\n视察组认为，今年春季补水\n以来，永定河石景山段水面\n面积明显增加，河道生态持\n续向好。\n"
            "视察组建议，要加强河道日\n常管护，统筹做好汛期安全\n和补水调度，并进一步完善\n绿道沿线的便民服务设施。\n"
            "（城建环保办公室）\n\n关于我区老旧小区综合整治\n工作情况的调研报告(摘要)\n为推动老旧小区综合整治工\n"
            "作落实，常委会组织部分代\n表到9个小区开展专题调研\n。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["区人大代表视察永定河", "关于我区老旧小区综合整治工作情况的调研报告(摘要)"]
    assert paragraphs(issue, 1) == ["为推动老旧小区综合整治工作落实，常委会组织部分代表到9个小区开展专题调研。"]


def test_the_first_of_paragraphs_opening_with_run_in_labels_is_text_even_as_wide_as_the_column() -> None:
    text = ("谁来管管楼道杂物？\n【读者来信】我家住陶然亭街道黑窑厂\n街附近，楼道里堆了不少旧家具和纸箱\n，存在消防隐患。希望有关部门管一管\n"
            "。\n【记者追踪】记者将情况反映给陶然亭\n街道，街道已于4月12日组织物业清理\n楼道杂物，并在楼门口张贴了提示。\n")
    issue = parse(text)
    assert not [b for b in issue.articles[0].blocks if b.kind in ("h2", "h3")]
    assert paragraphs(issue, 0)[0] == "【读者来信】我家住陶然亭街道黑窑厂街附近，楼道里堆了不少旧家具和纸箱，存在消防隐患。希望有关部门管一管。"


def test_a_bare_line_after_a_source_line_and_a_blank_line_heads_the_next_piece_where_indents_are_lost() -> None:
    text = ("“两谷一园”首批重点项目集中开工\n4月24日，未来科学城“两谷一园”首\n批重点项目集中开工仪式在东区能源谷\n"
            "举行。此次集中开工的项目共12个，总\n投资约86亿元。\n管委会有关负责人表示，下一步将建立\n"
            "重点项目“一对一”服务专员制度，帮\n助企业协调解决规划审批等环节遇到的\n问题。\n（管委会综合办供稿）\n\n"
            "生命谷新增两家市级企业技术中心\n近日，北京市经济和信息化局公布新一\n批市级企业技术中心名单，位于昌平生\n"
            "命谷的两家生物医药企业榜上有名。截\n至目前，生命谷内市级以上企业技术中\n心已达19家。\n\n"
            "让更多原创成果在科学城落地生根\n4月23日，未来科学城能源谷氢能产业\n联盟在东区成立，首批成员单位涵盖制\n"
            "氢、储运、加注和燃料电池等环节的30\n余家企业和科研机构。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == [
        "“两谷一园”首批重点项目集中开工", "生命谷新增两家市级企业技术中心", "让更多原创成果在科学城落地生根"]


def test_a_question_set_apart_over_a_bracketed_label_heads_the_case_the_label_opens() -> None:
    text = ("本报讯 5月以来，区里开展普法宣传活动\n30余场。\n\n"
            "邻居装修噪音大，能否叫停？\n【案情】\n　　居民王先生反映，楼下住户连续两周在\n周末早上7点开始装修，影响休息。\n"
            "【说法】\n　　住宅装修应遵守物业管理规约，周末和\n节假日不得进行噪声较大的作业。\n\n"
            "宠物伤人，谁来赔偿？\n文/李明\n【案情】\n　　今年3月，市民赵女士在小区散步时被\n邻居的犬只咬伤。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles][1:] == ["邻居装修噪音大，能否叫停？", "宠物伤人，谁来赔偿？"]
    assert [b.text for b in issue.articles[1].blocks if b.kind == "h2"] == ["【案情】", "【说法】"]
    assert [b.text for b in issue.articles[2].blocks if b.kind == "h2"] == ["【案情】"]
    assert issue.articles[2].byline == "李明"
    assert paragraphs(issue, 2) == ["今年3月，市民赵女士在小区散步时被邻居的犬只咬伤。"]


def test_a_headline_one_paragraph_and_a_credit_are_photo_news_signed_by_the_photographer() -> None:
    text = ("本报讯 社区加装电梯工作进展顺利。\n\n重阳节前的“银发运动会”热闹开场\n\n"
            "10月8日，清河社区老年运动会上，老人们\n在套圈比赛中一展身手。\n图/赵明远\n\n"
            "垃圾分类有了新积分\n\n本报讯（记者 陈露）今年以来，街道推行垃圾分类积分兑换。\n")
    issue = parse(text)
    photo = issue.articles[1]
    assert (photo.headline, photo.byline, photo.kind) == ("重阳节前的“银发运动会”热闹开场", "赵明远", "photo")
    assert [b.kind for b in photo.blocks] == ["caption", "credit"]


def test_a_letter_signed_by_a_name_alone_over_its_date_and_a_notice_by_a_working_group() -> None:
    text = ("一封感谢信\n\n尊敬的社区居委会：\n我今年七十八岁，老伴去年过世后一人独居\n。网格员常来看我，帮我取药、买菜。\n"
            "在此表示衷心的感谢！\n李桂兰\n2018年5月6日\n\n"
            "关于端午节期间部分道路临时交通管制的通告\n\n为保障龙舟赛顺利举办，6月18日8时至12\n时，河滨路禁止机动车通行。\n"
            "请广大市民提前规划出行路线。\n区龙舟赛组委会交通保障组\n2018年6月12日\n")
    issue = parse(text)
    letter, notice = issue.articles
    assert letter.byline == "李桂兰"
    assert paragraphs(issue, 0)[-1] == "在此表示衷心的感谢！"
    assert notice.byline == "区龙舟赛组委会交通保障组"
    assert paragraphs(issue, 1)[-1] == "请广大市民提前规划出行路线。"
    assert not issue.furniture


def test_a_special_issues_name_under_the_masthead_is_furniture_and_a_dash_deck_cut_after_a_comma_is_one_deck() -> None:
    text = ("大 兴 报\n2016年10月14日  星期五\n第101期   今日4版\n运河文化节特刊\n\n"
            "运河文化节主会场建设过半\n——工地日均500余名建设者同时作业，\n明年将全面建成开放\n"
            "本报讯(记者 孟然)10月13日，记者从区文旅局\n获悉，主会场主体结构已完成过半。\n")
    issue = parse(text)
    assert [t for _, t in issue.masthead][-1] == "运河文化节特刊"
    assert heads(issue) == [(None, "运河文化节主会场建设过半", "——工地日均500余名建设者同时作业，明年将全面建成开放")]


def test_a_flush_question_after_a_blank_line_over_an_indented_paragraph_heads_the_next_piece() -> None:
    text = ("社区食堂开门迎客\n\n　　本报讯昨天上午，什刹海街道首家社区食堂开门迎\n客，每天供应早午晚三餐，老人凭卡就餐可享受八折优\n惠，附近上班族也常来这里用餐。\n"
            "　　街道有关负责人介绍，食堂由闲置的社区用房改建\n而成，可同时容纳八十人就餐，今年还将在辖区再开两\n家社区食堂，让更多老人在家门口吃上热乎饭。\n\n老澡堂“重开”？\n\n"
            "　　记者从街道获悉，位于鼓楼西大街的一家老澡堂完\n成改造，预计年底前重新开业。这家澡堂始建于上世纪\n五十年代，曾是附近居民冬天常去的地方，停业后一度\n作为仓库使用。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["社区食堂开门迎客", "老澡堂“重开”？"]
    assert len(paragraphs(issue, 0)) == 2
    assert paragraphs(issue, 1)[0].startswith("记者从街道获悉")


def test_a_weekday_glossed_as_today_dates_an_issue_with_no_masthead_in_the_week_of_its_latest_news() -> None:
    issue = complete_issue(parse("胡同游园会开幕\n\n本报讯（记者 周婷）2019年9月9日，什刹海胡同游园会开幕，"
                                 "我区居民踊跃参加。\n\n文化馆推出周末课堂\n\n■ 今天（星期五）起，区文化馆推出"
                                 "周末公益课堂。\n"), load_places())
    assert issue.date == datetime.date(2019, 9, 13)


def test_a_village_newsletter_parts_paragraphs_by_a_blank_line_and_pieces_by_two() -> None:
    # Its name ends in 村讯; one blank line parts paragraphs and two part pieces; a line straight under a sentence that
    # ends at the column's edge goes on with its paragraph, though few finished lines stand near to tell.
    text = ("前进村村讯\n2023年第2期\n前进村村民委员会　编\n2023年4月14日\n\n村里召开春季植树动员会\n\n4月10日上午，村委会在村委会二楼会议室\n"
            "召开春季植树动员会，32名村民代表参加。\n\n会议要求，各生产队要在月底前完成荒山补植\n任务。\n\n会议还通报了去年植树成活情况。\n\n会上，村民代表就苗木管护提出了意见。\n\n\n"
            "今年村里办哪些实事\n\n村里今年计划实施的民生项目包括：村内主路\n和三条支路的路面修补，村文化广场健身器材\n更新，村卫生室设备添置，萧家河沿线护栏修\n"
            "缮，村委会办公楼屋面防水，以及全村路灯的\n节能改造。以上项目由村务监督委员会全程监\n督，资金使用情况每季度公开一次，村民可随\n时到村委会查阅有关账目，有意见建议也可以\n"
            "直接向村“两委”反映。\n\n\n关于春季防火的通知\n\n请村民不要在林地、坟地周边焚烧秸秆纸钱。\n发现火情请立即拨打报警电话，村委会将组织\n巡查队，每天对重点地段进行巡查，巡查期间\n"
            "请村民给予配合。\n")
    issue = parse(text)
    assert issue.publication == "前进村村讯"
    assert [a.headline for a in issue.articles] == ["村里召开春季植树动员会", "今年村里办哪些实事", "关于春季防火的通知"]
    assert len(paragraphs(issue, 0)) == 4
    assert len(paragraphs(issue, 2)) == 1


def test_items_numbered_in_figures_are_paragraphs_each_their_wrapped_tail_joined() -> None:
    text = ("2023年第一季度村务公开\n\n现将本村2023年第一季度主要收支情况公布如下：\n"
            "1.项目：村内道路修补　金额：21600\n元\n2.项目：路灯维修更换　金额：8450元\n"
            "3.项目：河道保洁劳务　金额：12000\n元\n4.项目：防汛物资采购　金额：6300元\n\n以上如有疑问，请到村委会财务室咨询。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["2023年第一季度村务公开"]
    assert paragraphs(issue, 0)[1:5] == ["1.项目：村内道路修补　金额：21600元", "2.项目：路灯维修更换　金额：8450元",
                                         "3.项目：河道保洁劳务　金额：12000元", "4.项目：防汛物资采购　金额：6300元"]


def test_a_stack_line_ending_in_a_verb_that_wants_its_object_goes_on_in_the_line_below() -> None:
    text = ("社区召开居民议事会研究\n楼道杂物清理工作\n\n本报讯 3月2日，社区召开居民议事会，20名居民代表参加。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "社区召开居民议事会研究楼道杂物清理工作", None)]


def test_a_notices_signing_date_and_a_page_mark_never_stretch_the_masthead_over_the_articles() -> None:
    text = ("西山建设简报\n第3期\n2016年5月6日\n————————————\n南坡绿道开工\n　　5月4日，南坡绿道一期工程开工，全长\n"
            "六公里，年内完成。\n—1—\n关于做好绿道施工保障的通知\n　　各单位要配合施工，保障\n材料运输。\n"
            "　　　　　　绿道建设办公室\n　　　　　　2016年5月3日\n—2—\n")
    issue = parse(text)
    assert [t for _, t in issue.masthead] == ["西山建设简报", "第3期", "2016年5月6日"]
    assert [a.headline for a in issue.articles] == ["南坡绿道开工", "关于做好绿道施工保障的通知"]
    assert issue.articles[1].byline == "绿道建设办公室"


def test_a_hotline_on_a_line_of_its_own_is_furniture_and_one_under_the_papers_name_in_title_marks_names_it() -> None:
    text = ("庙会开幕\n本报讯 2月5日，地坛庙会开幕，游客如织。\n\n庙会游客服务热线：84211234（9:00-17:00）\n\n"
            "胡同新添口袋公园\n本报讯 2月3日，东四街道一处口袋公园建成开放。\n\n"
            "《东城报》新闻热线：64041234　　投稿信箱：news@example.com\n")
    issue = parse(text)
    assert [t for _, t in issue.furniture] == ["庙会游客服务热线：84211234（9:00-17:00）",
                                                "《东城报》新闻热线：64041234　　投稿信箱：news@example.com"]
    assert [(a.kicker, a.headline) for a in issue.articles] == [(None, "庙会开幕"), (None, "胡同新添口袋公园")]
    assert complete_issue(issue, load_places()).publication == "东城报"


def test_a_newsletters_name_over_its_internal_use_note_names_it() -> None:
    text = ("京西古道保护\n（内部资料　免费交流）\n主办：门头沟区文物局\n2021年第3期　　2021年5月7日\n\n"
            "古道沿线立起保护标识\n本报讯 5月6日，王平镇在古道沿线设立保护标识20处。\n")
    issue = parse(text)
    assert issue.publication == "京西古道保护"
    assert issue.date == datetime.date(2021, 5, 7)


@pytest.mark.parametrize("first, second", [
    ("区领导调研", "山区镇汛前准备工作"),                  # a verb that wants its object
    ("妫水河生态补水后", "城区段首次实现全线通水"),          # a clause of when, its news below
    ("地铁19号线北段", "预计年底具备通车条件"),              # a line's section, what is expected of it below
    ("区实验学校东校区", "新学期迎来首批新生"),              # a school, what it did below, after when
    ("同步辐射光源装置", "前期工作通过验收"),                # a facility, a stage of its work below
    ("桥梓镇加快产业园区", "配套道路建设"),                  # a verb driving work and its place, the work below
    ("社区养老驿站", "如何预约？"),                          # a question word and its verb, asking about the line above
])
def test_a_two_line_headline_the_column_cut_is_read_as_one(first: str, second: str) -> None:
    issue = parse(f"{first}\n{second}\n本报讯 3月2日，记者从有关部门获悉此事，详情见下文。\n")
    assert heads(issue) == [(None, first + second, None)]


@pytest.mark.parametrize("first, second", [
    ("城市绿心森林公园", "夏日游人如织"),
    ("亮眼成绩单背后", "百姓钱袋子鼓起来了"),
    ("区政协开展专题调研", "助力老旧小区改造"),
])
def test_a_kicker_that_is_a_phrase_of_its_own_stays_the_kicker(first: str, second: str) -> None:
    issue = parse(f"{first}\n{second}\n本报讯 3月2日，记者从有关部门获悉此事，详情见下文。\n")
    assert heads(issue) == [(first, second, None)]


@pytest.mark.parametrize("place", ["永定河畔", "南中轴", "京张铁路沿线"])
def test_a_short_line_naming_a_place_by_what_it_lies_along_is_the_kicker(place: str) -> None:
    issue = parse(f"{place}\n百余名志愿者植绿护绿\n本报讯（通讯员 刘洋）3月16日，志愿者开展义务植树活动。\n")
    assert heads(issue) == [(place, "百余名志愿者植绿护绿", None)]


def test_a_notice_headed_please_note_under_the_news_is_a_piece_of_its_own_and_its_days_are_when_it_applies() -> None:
    text = ("南苑乡老旧小区改造年内启动\n本报讯（记者 王晓雨）3月15日，南苑乡召开老旧小区改造动员会。\n"
            "乡相关负责人表示，改造方案将于4月底前公示。\n敬请关注\n因市政管线改造施工，3月20日至4月10日，\n"
            "科技园东侧道路实行半幅通行。\n由此给您带来的不便，敬请谅解。\n新村街道办事处\n2019年3月16日\n")
    issue = complete_issue(parse(text), load_places())
    assert [a.headline for a in issue.articles] == ["南苑乡老旧小区改造年内启动", "敬请关注"]
    assert issue.articles[1].byline == "新村街道办事处"
    assert issue.date == datetime.date(2019, 3, 16)


def test_a_day_glossed_as_yesterday_by_its_number_alone_and_a_year_going_on_with_a_plan_date_no_masthead_issue() -> None:
    text = ("地铁站主体完工\n本报讯 记者从区住建委获悉，2019年3月15日地铁站主体结构完工，预计2021年底前全线贯通，"
            "2022年投入使用。\n昨天（17日）下午，记者在施工现场看到，工人们正在安装管线。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2019, 3, 18)


def test_the_days_of_a_notice_titled_about_what_it_announces_are_when_it_applies_and_a_bare_weekday_dates_the_story() -> None:
    text = ("胡同里办起“院落展”\n本报讯（记者 方圆）星期六是文化遗产日。当天上午，朝阳门街道举办老照片展。\n\n"
            "关于交道口北二条施工期间临时交通管理的公告\n因管线改造施工需要，自2019年6月10日至7月20日，北二条全线禁止机动车通行。\n"
            "交道口街道办事处\n2019年6月6日\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2019, 6, 8)


def test_rows_of_a_table_set_a_row_a_line_are_paragraphs_each_never_a_headline_stack() -> None:
    text = ("赏花攻略\n本报讯（记者 郝静）桃花节期间，各景区实行统一票价。各景区门票价格\n如下：\n"
            "桃花海景区　40元/人\n丫髻山景区　50元/人\n金海湖景区　60元/人\n60岁以上老人凭有效证件免票。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["赏花攻略"]
    assert paragraphs(issue, 0)[1:] == ["桃花海景区　40元/人", "丫髻山景区　50元/人", "金海湖景区　60元/人",
                                        "60岁以上老人凭有效证件免票。"]


def test_photo_news_after_a_brief_whose_caption_is_two_sentences_the_credit_closing_the_second() -> None:
    text = ("文明养犬！\n本报讯 4月起，区公安分局开展文明养犬专项整治，养犬人外出遛犬须束犬绳。\n"
            "麦田春灌忙\n4月12日，北务镇的农民在麦田里浇灌返青水。\n目前，全区春灌已完成六成。　　　记者 马骏 摄\n")
    issue = parse(text)
    assert [(a.headline, a.kind) for a in issue.articles] == [("文明养犬！", "news"), ("麦田春灌忙", "photo")]
    assert [b.kind for b in issue.articles[1].blocks] == ["caption"]
    assert issue.articles[1].byline == "记者 马骏"


def test_a_short_statement_over_a_longer_line_saying_its_news_again_in_full_is_the_kicker() -> None:
    text = ("赛后场馆开放\n冬奥训练馆今年对公众开放两项体验\n本报讯（记者 苏晴）2月2日，记者从首钢园获悉，训练馆将向公众开放。\n\n"
            "王府井步行街夜市开市\n首晚客流超过3万人次\n本报讯 6月1日，王府井步行街夜市开市。\n")
    issue = parse(text)
    assert heads(issue) == [("赛后场馆开放", "冬奥训练馆今年对公众开放两项体验", None),
                            (None, "王府井步行街夜市开市", "首晚客流超过3万人次")]


def set_in_column(paragraphs: list[str], width: int, between: str = "\n") -> str:
    """The paragraphs cut into lines `width` full-width characters wide, as a narrow column prints them."""
    return between.join("\n".join(break_at(p, width)) for p in paragraphs) + "\n"


def test_a_route_cut_before_its_dash_goes_on_and_is_no_deck() -> None:
    text = "精品线路推介\n" + set_in_column([
        "本报讯（记者 孟然）区文旅局近日推出三条夏季游线路，供市民选择：",
        "（一）山水线：百花山主峰—百草畔—黄安坨村，全程约6小时，适合有一定体力的游客；",
        "（二）古村落线：爨底下村—柏峪村—灵水村，可体验京西古村民俗；",
        "（三）红色寻访线：平西抗日战争纪念馆—马栏村，全程约4小时。"], 12)
    issue = parse(text)
    assert paragraphs(issue, 0)[2] == "（二）古村落线：爨底下村—柏峪村—灵水村，可体验京西古村民俗；"
    assert [a.headline for a in issue.articles] == ["精品线路推介"]


def test_a_line_after_a_blank_line_under_a_notices_signing_date_heads_the_next_piece_as_wide_as_the_column() -> None:
    text = ("关于禁止垂钓的通告\n为保护水源，禁止在水库\n保护区内垂钓、游泳。\n区水务局\n2020年6月1日\n\n"
            "护水，是我们这代人的责任\n库区人守着一库清水，也守\n着一份承诺。水清了，树绿\n了，村里的路也宽了，这是\n"
            "水源保护带来的变化。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["关于禁止垂钓的通告", "护水，是我们这代人的责任"]


def test_a_schedules_last_day_as_wide_as_the_column_ends_at_the_blank_line_under_it() -> None:
    text = "“胡同里的夏天”系列活动来了\n——6月中旬至7月上旬陆续举办\n" + set_in_column([
        "本报讯（记者 方圆）记者从区文化和旅游局获悉，“胡同里的夏天”系列活动将于下周六启动，具体安排如下：",
        "6月15日（星期六）　东四胡同博物馆　老物件讲述会", "6月22日（星期六）　南锣鼓巷　胡同手艺市集",
        "7月6日（星期六）　　国子监街　“槐荫书香”读书会", "所有活动免费向公众开放，部分活动需提前通过街道公众号预约。"],
        12, between="\n\n")
    issue = parse(text)
    assert paragraphs(issue, 0)[-2:] == ["7月6日（星期六）　　国子监街　“槐荫书香”读书会",
                                         "所有活动免费向公众开放，部分活动需提前通过街道公众号预约。"]


def test_a_second_line_opening_with_the_span_the_news_runs_over_is_its_deck_even_without_a_dash() -> None:
    issue = parse("“胡同里的夏天”系列活动来了\n6月中旬至7月上旬陆续举办\n本报讯 记者从区文化和旅游局获悉，系列活动将于下周六启动。\n")
    assert heads(issue) == [(None, "“胡同里的夏天”系列活动来了", "6月中旬至7月上旬陆续举办")]


def test_text_under_a_tables_last_row_opening_with_a_count_is_a_paragraph_of_its_own() -> None:
    text = "赏花攻略\n" + set_in_column([
        "本报讯（记者 郝静）桃花节期间，全区主要赏花景区实行统一票价，持本区居民身份证可免费游览。各景区门票价格如下：",
        "桃花海景区　40元/人", "丫髻山景区　50元/人", "金海湖景区　60元/人", "老象峰景区　40元/人",
        "60岁以上老人、残疾人、现役军人凭有效证件免票，1.2米以下儿童免票。"], 23)
    issue = parse(text)
    assert paragraphs(issue, 0)[-2:] == ["老象峰景区　40元/人", "60岁以上老人、残疾人、现役军人凭有效证件免票，1.2米以下儿童免票。"]


def test_flush_paragraphs_whose_first_lines_an_indent_short_outnumber_full_lines_still_show_the_column() -> None:
    # Short paragraphs of two or three lines, their indents lost: their first lines, an indent narrower than the column,
    # are nearly as many as the full lines, and a first line over the paragraph's last line, with a clause mark, starts a
    # paragraph too.
    def flush(paragraphs: list[str]) -> str:
        indented = set_in_column(["　　" + p if not p.startswith("【") else p for p in paragraphs], 24)
        return "\n".join(line.lstrip("　") for line in indented.splitlines()) + "\n"
    text = ("冰雪课程进校园\n" + flush([
        "本报讯（通讯员 郭丹）记者从区教委获悉，古城学校今年将冰雪课程纳入体育必修内容，每周安排一节轮滑或陆地冰壶课。",
        "学校还与首钢园冰雪场馆建立合作，寒假期间组织学生分批上冰训练。",
        "区体育局介绍，全区今冬新建社区冰场八处，均免费向居民开放，开放时间为每天九时至二十一时。",
        "据了解，首钢园冰雪季将持续到三月中旬，各场馆每日限流，市民可通过官方平台提前预约。",
        "记者在现场看到，群明湖冰面上，市民们正在体验冰车、冰上自行车等项目，来自古城街道的张女士带着孩子排队等候体验。",
        "首钢园运营方介绍，园区今冬推出冬奥场馆参观、冰雪研学和夜间灯光游三条线路，工作日客流也保持稳定，周末更是一票难求。"])
        + "\n冰雪场馆向公众开放\n" + flush([
        "本报讯（记者 苏晴）2月2日，记者从首钢园获悉，今年冬训中心将向公众开放观景台、场馆参观和雪季体验三项活动。",
        "据介绍，雪季体验项目每日限流，市民可通过园区官方平台提前预约。"])
        + "\n冬奥志愿者服务队转型社区服务\n" + flush([
        "本报讯（记者 韩雪松）八角街道冬奥志愿者服务队近日完成转型，36名队员结对辖区老旧小区，开展助老、文明引导等服务。",
        "【服务从赛场延伸到社区】", "服务队队长王洁介绍，队员们把冬奥会上积累的服务经验带回社区，按片区分成四个小组。",
        "【每月固定一次集中服务】",
        "一是每月第一个周六集中开展便民服务；二是为独居老人提供上门探访；三是协助社区做好冰雪季安全提示。"]))
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["冰雪课程进校园", "冰雪场馆向公众开放", "冬奥志愿者服务队转型社区服务"]
    assert [b.kind for b in issue.articles[0].blocks] == ["p"] * 6
    assert [b.kind for b in issue.articles[2].blocks] == ["p", "h2", "p", "h2", "p"]
    # The column is the full lines' 24 characters, and the first lines an indent short are where paragraphs start.
    lines = text.split("\n")
    full = full_lines(lines)
    assert {display_width(lines[n - 1]) for n in full} == {48}
    starts = {b.lines[0] for a in issue.articles for b in a.blocks if b.kind == "p" and not b.text.startswith("本报讯")}
    assert starts <= stripped_indent_lines(lines, full)


def test_a_commentators_line_with_a_name_signs_the_piece_under_its_column_label() -> None:
    text = ("城南观察\n让“微更新”带来大变化\n本报评论员 李明\n"
            "一处口袋公园、一条无障碍坡道，看似小事，却关系居民的日常。把小事办好，居民才会满意。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "让“微更新”带来大变化", None)]
    assert (issue.articles[0].section, issue.articles[0].byline) == ("城南观察", "本报评论员 李明")


def test_a_quote_closed_by_who_said_it_ends_its_paragraph_and_the_label_under_it_heads_the_next_piece() -> None:
    text = ("居民说\n家门口的变化，大伙儿看得见\n"
            "  “小区门口开了社区食堂，一荤两素才十几块\n钱，中午不用再开火了。”——居民 王秀芳\n"
            "  “楼下的停车场划了线，早上再也不用满地找\n车了。”——居民 赵 立\n"
            "便民指南\n居住证怎么办理？\n  持有效证件和租房合同到社区服务站提出申\n请，5个工作日内可以领取。\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["家门口的变化，大伙儿看得见", "居住证怎么办理？"]
    assert paragraphs(issue, 0) == ["“小区门口开了社区食堂，一荤两素才十几块钱，中午不用再开火了。”——居民 王秀芳",
                                    "“楼下的停车场划了线，早上再也不用满地找车了。”——居民 赵 立"]


def test_an_offices_bulletin_compiled_by_it_takes_the_district_its_publisher_line_names() -> None:
    text = ("东 坝 邻 里\n2022年第3期（总第20期）\n朝阳区东坝地区工作办公室　编印　　　　2022年3月10日\n内部资料　免费交流\n\n"
            "社区开办书法班\n  3月8日，东坝家园社区开办书法班，30余名居民报名参加。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.district == "朝阳区"


def test_a_papers_call_for_contributions_naming_its_edition_is_furniture() -> None:
    text = ("社区开办书法班\n本报讯 3月8日，东坝家园社区开办书法班，30余名居民报名参加。\n\n"
            "朝阳报社区版投稿邮箱：cyb@163.com　欢迎社区居民踊跃投稿\n")
    issue = parse(text)
    assert "朝阳报社区版投稿邮箱：cyb@163.com　欢迎社区居民踊跃投稿" in [t for _, t in issue.furniture]
    assert len(paragraphs(issue, 0)) == 1


def test_the_days_of_a_numbered_schedule_are_plans_when_dating_an_issue_with_no_masthead() -> None:
    text = ("书画展开幕\n本报讯 庆祝中国共产党成立100周年，昨天（7月7日）上午，社区书画展开幕。\n\n"
            "社区活动早知道\n本报讯 记者从街道获悉，近期将推出多场活动，具体安排如下：\n"
            "1.7月10日（周六）上午，合唱展演将在文化中心举行。\n2.7月13日（周二）下午，故事会在活动中心开讲。\n")
    issue = complete_issue(parse(text), load_places())
    assert issue.date == datetime.date(2021, 7, 8)


def test_a_lead_space_narrower_than_the_paragraph_indent_under_an_unfinished_line_is_the_texts_own() -> None:
    text = ("宣传工作扎实推进\n\n　　今年以来，区委宣传部在区报开设“铭记历史\n　缅怀先烈”专栏，共刊播稿件86篇。\n"
            "　　各镇街组织歌咏比赛，参与群众超过1.5万\n人次。\n　　下一步，将继续做好纪念活动的组织工作。\n")
    issue = parse(text)
    assert [p[:6] for p in paragraphs(issue, 0)] == ["今年以来，区", "各镇街组织歌", "下一步，将继"]


def test_two_lines_a_guide_line_runs_across_are_one_headline_though_it_shortens_them() -> None:
    text = ("导读\n▶ 300名“朝阳群众”上岗　2版\n\n三里屯街道300名“朝阳群众”\n上岗守护街巷平安\n"
            "　　本报讯（记者 甲）连日来，三里屯街道的胡同里多了一群戴红袖标的志愿者。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "三里屯街道300名“朝阳群众”上岗守护街巷平安", None)]


@pytest.mark.parametrize("first, second", [
    ("温榆河公园二期", "年内新增绿化面积八百亩"),            # a named park's phase, what it gains this year below
    ("南海子公园3号楼", "今年开放为游客服务中心"),          # a numbered part of anything named
])
def test_a_bare_name_over_a_line_opening_with_what_is_done_is_one_headline(first: str, second: str) -> None:
    issue = parse(f"{first}\n{second}\n本报讯 3月2日，记者从有关部门获悉此事，详情见下文。\n")
    assert heads(issue) == [(None, first + second, None)]


def test_a_second_line_wider_than_the_text_column_is_the_headline_under_its_kicker() -> None:
    # Two statements, the second set in two phrases and wider than the column: a banner over the lead, and the line above
    # it its kicker; under a headline as narrow as the column, the same second line is read as before.
    lead = set_in_column(["本报讯（记者 甲）5月18日，全区召开背街小巷环境整治提升工作推进会，首批街巷长正式上岗，每条"
                          "背街小巷都将由一名处级或科级干部担任街巷长，负责巡查、协调和督办，整改结果向居民公开。",
                          "据介绍，街巷长每周至少巡查街巷两次，重点查看私搭乱建、违规停车、堆物堆料、架空线缆等问题，发现问题当天登记、"
                          "限期整改，整改结果在街巷公示牌上向居民公开。"], 18)
    text = "今年全区将完成80条背街小巷整治\n东城推行“街巷长制”　每条胡同都有了自己的“管家”\n" + lead
    assert heads(parse(text)) == [("今年全区将完成80条背街小巷整治", "东城推行“街巷长制”　每条胡同都有了自己的“管家”", None)]
    text = "今年全区将完成80条背街小巷整治\n东城推行“街巷长制”　胡同有了“管家”\n" + lead
    assert heads(parse(text)) == [(None, "今年全区将完成80条背街小巷整治", "东城推行“街巷长制”　胡同有了“管家”")]


def test_an_answer_ending_a_sentence_at_the_column_edge_goes_on_to_the_next_turn_where_nothing_parts_paragraphs() -> None:
    def cut(paragraph: str) -> str:  # 20 characters a line, as a column wrapped by count
        return "".join(paragraph[i:i + 20] + "\n" for i in range(0, len(paragraph), 20))
    answer = "答：最大的变化是三座新博物馆的开放在即。同时，我们推动运河四十公里全线通航，沿线建成了十一处游船码头，接待游客超过五十万人次。"
    text = "让运河文化“活”起来\n——访区文旅局负责人\n本报记者 杨帆\n" + "".join(map(cut, [
        "今年以来，运河文化带建设提速，一批文化项目相继落地。记者日前采访了区文旅局负责人。", "记者：今年运河文化带建设有哪些新进展？",
        answer, "记者：如何让更多市民参与进来？", "答：我们将在运河沿线举办非遗市集、运河音乐节等活动，让市民在家门口就能感受运河文化。"]))
    issue = parse(text)
    assert paragraphs(issue, 0)[2] == answer
    assert len(paragraphs(issue, 0)) == 5


def test_a_bulletins_name_under_short_paragraph_lines_is_no_masthead_where_a_line_ends_a_sentence_inside() -> None:
    # A narrow flush column: no paragraph line is long, but 年。全区各单位… ends one sentence and opens the next, which
    # no masthead line does; the column label 工作动态 (also a bulletin's name) below it is not the masthead's.
    text = ("宣　传　工　作　简　报\n第14期（总第203期）\n内部资料　注意保存　　2015年8月25日\n──────────\n\n"
            "全区纪念宣传工作扎实推进\n\n今年是抗战胜利70周\n年。全区各单位精心组\n织，纪念活动取得成效\n。\n\n工作动态\n\n"
            "长阳镇开讲道德讲堂\n长阳镇今年已开讲96\n场，反响良好。\n")
    issue = parse(text)
    assert "工作动态" not in [t for _, t in issue.masthead]
    assert [a.headline for a in issue.articles] == ["全区纪念宣传工作扎实推进", "长阳镇开讲道德讲堂"]


def test_a_parts_heading_as_wide_as_the_column_over_its_first_item_ends_there() -> None:
    text = "纪念宣传工作扎实推进\n" + set_in_column([
        "今年是中国人民抗日战争胜利70周年。区委宣传部按照统一部署，结合我区实际，精心策划、周密组织，纪念宣传工作取得阶段性成效。",
        "一、突出主题主线，精心组织新闻宣传",
        "（一）在区级媒体开设专栏。区报开设纪念专栏，区电视台推出系列专题片，截至8月20日，共刊播稿件86篇。",
        "（二）积极向中央、市级媒体推送线索。组织媒体记者深入十渡、霞云岭等地采访，刊发报道23篇。"], 17)
    issue = parse(text)
    assert [b.text for b in issue.articles[0].blocks if b.kind in ("h2", "h3")] == ["一、突出主题主线，精心组织新闻宣传"]


def test_a_bar_marked_label_over_several_pieces_is_their_section_not_a_kicker() -> None:
    text = ("▌工作动态\n\n区文化馆开展暑期公益课\n　　7月10日，区文化馆开设书法、剪纸等公益课，共招收学员120名。\n\n"
            "图书馆延长开放时间\n　　即日起，区图书馆每天开放至晚上9点。\n\n▌通知公告\n\n关于暂停部分场馆开放的通知\n"
            "　　因设备检修，区体育馆7月15日暂停开放。\n")
    issue = parse(text)
    assert heads(issue) == [(None, "区文化馆开展暑期公益课", None), (None, "图书馆延长开放时间", None),
                            (None, "关于暂停部分场馆开放的通知", None)]
    assert [a.section for a in issue.articles] == ["工作动态", "工作动态", "通知公告"]


def test_a_bulletins_running_head_counting_pages_is_furniture() -> None:
    text = ("乡里召开秋收动员会\n9月5日，乡里召开秋收动员会，部署秋收秋种工作。\n\n"
            "第2页　　　　　　　　　　　　　　石门乡简报·2019年第8期\n\n村里建起了文化广场\n近日，石门村文化广场建成开放。\n")
    issue = parse(text)
    assert "第2页　　　　　　　　　　　　　　石门乡简报·2019年第8期" in [t for _, t in issue.furniture]
    assert [a.headline for a in issue.articles] == ["乡里召开秋收动员会", "村里建起了文化广场"]


def test_a_dash_and_a_bare_name_under_the_text_sign_the_piece() -> None:
    text = ("村里的核桃丰收了\n今年村里的核桃树挂果多，合作社收购价每斤比去年高了两元。\n\n—— 赵春梅\n\n"
            "乡里修通了山路\n上个月，通往后山三个自然村的山路全部硬化完成。\n\n——孙立国\n")
    issue = parse(text)
    assert [(a.kicker, a.headline, a.byline) for a in issue.articles] == [
        (None, "村里的核桃丰收了", "赵春梅"), (None, "乡里修通了山路", "孙立国")]


def test_an_exclamation_well_short_of_the_column_heads_the_text_under_it_where_paragraphs_stand_apart() -> None:
    body = ["9月3日，乡里通往后山三个自然村的公交线路正式开通，村民在家门口就能坐上车。",
            "过去进城要走六里山路，现在出门就能上车，到城区只要一个多小时。"]
    text = "乡里召开秋收动员会\n" + set_in_column(["9月5日，乡里召开秋收动员会，部署秋收秋种工作，各村干部参加。",
                                           "会议要求各村做好秋收期间的防火工作。"], 20, between="\n\n") \
        + "\n第2页　　　　　　　　　　　　　　石门乡简报·2019年第8期\n\n山里通公交了！\n" + set_in_column(body, 20, between="\n\n")
    issue = parse(text)
    assert [a.headline for a in issue.articles] == ["乡里召开秋收动员会", "山里通公交了！"]
    assert paragraphs(issue, 1) == body


def test_a_township_bulletins_compiler_line_gives_its_district() -> None:
    issue = complete_issue(parse("石门乡简报\n2019年第8期（总第96期）\n北京市怀柔区石门乡人民政府办公室编　　　2019年9月6日\n\n"
                                 "乡里召开秋收动员会\n9月5日，乡里召开秋收动员会，部署秋收秋种工作。\n"), load_places())
    assert issue.district == "怀柔区"


def test_a_long_line_over_a_statement_adding_figures_is_the_headline_over_its_deck() -> None:
    lead = "　　本报讯（记者 许岚）9月20日，区农业农村局举行供应链平台签约活动，首批8家合作社入驻。\n"
    issue = parse("“菜篮子”工程带旺城郊特色农业\n首批8家合作社签约入驻供应链平台\n" + lead)
    assert heads(issue) == [(None, "“菜篮子”工程带旺城郊特色农业", "首批8家合作社签约入驻供应链平台")]
    issue = parse("践行绿色发展理念\n全区新增造林面积1.2万亩\n" + lead)
    assert heads(issue)[0][0] == "践行绿色发展理念"


def test_a_guide_line_adding_a_place_to_a_stack_line_names_it_the_headline() -> None:
    text = ("导读\n◎京西古村落步道串起八个村（2版）\n\n寻访京西古村\n古村落步道串起八个村！\n本报记者 林夏\n"
            "　　从镇里出发，沿着石板路一路向西，便到了古村落步道的起点。\n")
    assert heads(parse(text)) == [("寻访京西古村", "古村落步道串起八个村！", None)]


def test_a_credited_caption_closing_a_news_story_is_a_photo_of_its_own() -> None:
    text = ("新城两条道路竣工通车\n　　本报讯（记者 林夏）9月7日，新城两条道路竣工通车，全长约3公里。\n"
            "　　区交通部门表示，年内还将打通6条断头路。\n　　9月7日，区消防支队在石园北区开展高层建筑灭火救援演练。记者 刘洋 摄\n"
            "全区表彰百名优秀教师\n　　本报讯（记者 王晶）9月7日上午，我区召开庆祝教师节大会。\n")
    issue = parse(text)
    assert [(a.headline if a.kind != "photo" else None, a.byline, len(a.blocks)) for a in issue.articles] == [
        ("新城两条道路竣工通车", "记者 林夏", 2), (None, "记者 刘洋", 1), ("全区表彰百名优秀教师", "记者 王晶", 1)]
    assert issue.articles[1].blocks[0].text == "9月7日，区消防支队在石园北区开展高层建筑灭火救援演练。记者 刘洋 摄"


def test_yesterday_glossed_by_its_weekday_gives_the_issues_day() -> None:
    issue = complete_issue(parse("科学城成果展开幕\n本报讯（记者 李想）昨天（星期四）上午，2018年科学城成果展在雁栖湖开幕。\n\n"
                                 "湖畔赏秋\n10月11日，游客在湖畔骑行赏秋。\n"), load_places())
    assert issue.date == datetime.date(2018, 10, 12)  # 10月11日 is a Thursday


def test_a_running_heads_weekday_this_months_day_and_a_day_announced_for_later_give_the_date() -> None:
    issue = complete_issue(parse(
        "03　　科技·创新　　　　星期一　　责任编辑：许可\n\n创业大街迎来海外团队\n本报记者 叶青\n"
        "    本月12日，2017年第二批海外团队入驻仪式在创业大街举行。\n\n简讯\n\n"
        "    ■5月20日至21日，创新成果展将在科学会堂举办，免费向市民开放。\n"), load_places())
    assert issue.date == datetime.date(2017, 5, 15)  # 5月12日 is a Friday; the show is a plan
