"""Completing issues the masthead left short, and the keeper's overrides."""
from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from sitegen.issue.complete import complete_issue, district_of_text, text_year
from sitegen.model import Issue
from sitegen.issue.parse import parse_issue, parse_text
from sitegen.lexicon import load_places

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str, overrides: tuple[tuple[str, str], ...] = ()) -> Issue:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    issue = parse_text(path.read_text(encoding="utf-8"), f"seeds/{path.name}")
    if overrides:
        issue = parse_issue(dataclasses.replace(issue.source, overrides=overrides), load_places())
    return complete_issue(issue, load_places())


def test_seed_000_is_inferred() -> None:
    issue = seed("000")
    assert (issue.publication, issue.publication_inferred) == ("石景山报", True)
    assert issue.district == "石景山区"
    assert (issue.date, issue.date_inferred) == (datetime.date(2020, 4, 24), True)
    assert [str(p) for p in issue.problems] == [
        "seeds/000_c2abc22f1572126e.txt: no masthead: paper 石景山报 inferred from the text; date 2020-04-24 inferred "
        'from the text (line 25); check, and where wrong or unknown set publication = "…" and date = YYYY-MM-DD in '
        "seeds/000_c2abc22f1572126e.toml"]


def test_seed_001_is_inferred() -> None:
    issue = seed("001")
    assert (issue.publication, issue.publication_inferred, issue.district) == ("石景山报", True, "石景山区")
    # 2019年 is named more often (a review of last year), but the latest year named is the year of writing.
    assert (issue.date, issue.date_inferred) == (datetime.date(2020, 6, 24), True)


@pytest.mark.parametrize("prefix, publication, district, date", [
    ("002", "石景山报", "石景山区", datetime.date(2020, 4, 16)),
    ("003", "首都精神文明建设情况简报", None, datetime.date(2020, 11, 5)),
    ("004", "新东城报", "东城区", datetime.date(2020, 5, 22)),
])
def test_printed_masthead_is_not_second_guessed(prefix: str, publication: str, district: str | None,
                                                 date: datetime.date) -> None:
    issue = seed(prefix)
    assert (issue.publication, issue.district, issue.date) == (publication, district, date)
    assert (issue.publication_inferred, issue.date_inferred) == (False, False)


def test_city_wide_paper_gets_no_district_from_its_text() -> None:
    assert seed("003").district is None  # the text says 石景山区 throughout, but the 简报 is city-wide


def test_a_masthead_without_a_date_is_warned_about() -> None:
    issue = complete_issue(parse_text("石景山报\n\n标题\n\n本报讯(记者 甲)4月3日,我区召开2020年会议。\n", "x.txt"),
                           load_places())
    assert (issue.publication, issue.date, issue.date_inferred) == ("石景山报", datetime.date(2020, 4, 3), True)
    assert [p.message for p in issue.problems] == [
        "not in the masthead: date 2020-04-03 inferred from the text (line 5); check, and where wrong "
        "or unknown set date = YYYY-MM-DD in x.toml"]


def test_overrides_win_and_are_not_inferred() -> None:
    issue = seed("000", (("publication", "新东城报"), ("date", "2020-04-25"), ("issue_no", "12"),
                         ("total_no", "1900"), ("pages", "8")))
    assert (issue.publication, issue.publication_inferred, issue.district) == ("新东城报", False, "东城区")
    assert (issue.date, issue.date_inferred) == (datetime.date(2020, 4, 25), False)
    assert (issue.issue_no, issue.total_no, issue.pages) == (12, 1900, 8)
    assert issue.problems == ()


def test_district_override_takes_an_alias() -> None:
    issue = seed("003", (("district", "海淀"),))
    assert issue.district == "海淀区"


def test_district_override_beats_the_papers_district() -> None:
    issue = seed("002", (("publication", "石景山报"), ("district", "西城区")))
    assert issue.district == "西城区"


@pytest.mark.parametrize("key, value, message", [
    ("date", "2020-02-30", "date = '2020-02-30' is not a date written YYYY-MM-DD; the value was ignored"),
    ("date", "2020年4月24日", "date = '2020年4月24日' is not a date written YYYY-MM-DD; the value was ignored"),
    ("issue_no", "三十", "issue_no = '三十' is not a positive whole number; the value was ignored"),
    ("pages", "0", "pages = '0' is not a positive whole number; the value was ignored"),
    ("district", "浦东新区", "district = '浦东新区' is not one of the districts in places.toml; the value was ignored"),
    ("publication", " ", "publication = ' ' is empty; the value was ignored"),
    ("colour", "red", "colour = 'red' is not a key the sidecar file can set; the value was ignored"),
])
def test_bad_override_is_a_problem_naming_the_file(key: str, value: str, message: str) -> None:
    issue = seed("000", ((key, value),))
    assert [str(p) for p in issue.problems][0] == f"seeds/000_c2abc22f1572126e.toml: {message}"
    assert [p.message.startswith("no masthead") for p in issue.problems] == [False, True]
    # The inferred facts stand.
    assert (issue.date, issue.publication, issue.district) == (datetime.date(2020, 4, 24), "石景山报", "石景山区")


def test_no_date_anywhere_is_a_problem() -> None:
    issue = complete_issue(parse_text("标题\n\n本报讯(记者 甲)近日,我区开展活动。\n", "x.txt"), load_places())
    assert (issue.date, issue.date_inferred) == (None, False)
    assert [p.message for p in issue.problems] == [
        "no date printed and none found in the text; give one as date = YYYY-MM-DD in the sidecar .toml file",
        'no masthead: paper unknown (listed under 未知报刊); check, and where wrong or unknown set publication = "…" '
        "in x.toml"]


def test_an_explicit_year_beats_the_text_year() -> None:
    text = "标题\n\n本报讯(记者 甲)2019年12月30日,我区召开会议。2020年1月2日,再次召开。\n"
    issue = complete_issue(parse_text(text), load_places())
    assert issue.date == datetime.date(2020, 1, 2)


def test_a_plan_or_deadline_is_never_the_date() -> None:
    # 将, 计划, 预计, 截至…将, …前: the issue came out before these days, so the latest event before them is its date.
    text = ("标题\n\n本报讯(记者 甲)2019年12月30日,我区召开会议。2020年1月2日将再次召开。\n"
            "区里计划于3月5日开展检查,预计4月1日完工,截至5月1日将完成改造,6月1日前完成验收。\n")
    issue = complete_issue(parse_text(text, "x.txt"), load_places())
    assert issue.date == datetime.date(2019, 12, 30)
    assert "date 2019-12-30 inferred from the text (line 3)" in issue.problems[-1].message


def test_a_count_up_to_a_past_day_is_an_event() -> None:
    text = "标题\n\n本报讯(记者 甲)2023年6月8日,我区召开会议。截至6月7日,已完成清淤42公里。\n"
    assert complete_issue(parse_text(text), load_places()).date == datetime.date(2023, 6, 8)


def test_a_date_after_every_plan_is_not_taken() -> None:
    # A date later than a plan the text names cannot be the issue's: the plan was still to come when it was printed.
    text = "标题\n\n本报讯(记者 甲)2021年4月14日,我区启动宣传。活动将于5月1日举行。\n\n标题二\n\n本报讯 6月2日,…\n"
    assert complete_issue(parse_text(text), load_places()).date == datetime.date(2021, 4, 14)


def test_a_schedule_announced_above_its_dates_is_never_the_date() -> None:
    # The days listed under …安排如下： are still to come; the latest event is the class that opened on 7月3日.
    text = ("暑期课堂开课\n\n　　本报讯（记者 甲）2023年7月3日，暑期课堂开课。后续课程安排如下：\n"
            "　　7月8日（星期六）　探访南锣鼓巷\n　　7月15日（星期六）　走进国子监\n"
            "　　报名截至7月31日，家长可在线报名。\n")
    issue = complete_issue(parse_text(text, "x.txt"), load_places())
    assert issue.date == datetime.date(2023, 7, 3)
    assert [len(a.blocks) for a in issue.articles] == [4]  # the schedule's days are paragraphs, not headlines


@pytest.mark.parametrize("text, date", [
    ("本报讯(记者 甲)11月14日,我区召开纪念红军长征胜利80周年座谈会。", datetime.date(2016, 11, 14)),
    ("本报讯(记者 甲)10月10日(星期四),东城区召开庆祝新中国成立70周年总结会。", datetime.date(2019, 10, 10)),
    ("本报讯(记者 甲)9月1日(星期二),房山区举行纪念抗日战争胜利70周年座谈会。", datetime.date(2015, 9, 1)),
    ("本报讯(记者 甲)6月30日,我区举行庆祝建党100周年大会。", datetime.date(2021, 6, 30)),
])
def test_a_numbered_anniversary_gives_the_year(text: str, date: datetime.date) -> None:
    assert complete_issue(parse_text(f"标题\n\n{text}\n"), load_places()).date == date


def test_a_printed_weekday_settles_the_year_at_new_year() -> None:
    # 2020年 is the latest year named, but 1月2日 was a Thursday in 2020 only: no move; 12月31日(星期二) is 2019.
    text = "标题\n\n本报讯(记者 甲)12月31日(星期二),我区总结2020年工作安排。\n"
    assert complete_issue(parse_text(text), load_places()).date == datetime.date(2019, 12, 31)


def test_impossible_month_day_is_a_warning() -> None:
    text = "标题\n\n本报讯(记者 甲)2020年计划已定。2月30日,4月3日,我区召开会议。\n"
    issue = complete_issue(parse_text(text, "x.txt"), load_places())
    assert issue.date == datetime.date(2020, 4, 3)
    assert [str(p) for p in issue.problems][0] == \
        "x.txt:3: date 2月30日 is not a date; it was not used — correct it in the file"


@pytest.mark.parametrize("text, year", [
    ("召开2020年第一次会议,部署2020~2021年工作方案", 2020),
    ("《关于2019年创城测评结果》《2020年政党协商计划》2019年,区委坚持", 2020),
    ("到2035年基本建成,2020年是关键之年", 2020),
    ("服务保障2022年冬奥会,2020年工作", 2020),
    ("2025年前完成,2021年开展", 2021),
    ("2017年大桃销售工作会。二期预计2019年投入使用,计划于2020年建成", 2017),
    ("没有年份", None),
])
def test_text_year(text: str, year: int | None) -> None:
    assert text_year(text) == year


@pytest.mark.parametrize("text, district", [
    ("我区石景山区,石景山的老街坊,东城区来访", "石景山区"),
    ("东城和西城", None),  # a tie names no district
    ("城市副中心建设", "通州区"),
    ("没有区名", None),
])
def test_district_of_text(text: str, district: str | None) -> None:
    assert district_of_text(text, load_places()) == district


def test_publication_needs_our_paper_and_our_district() -> None:
    # With no masthead the file is a district paper's page: the district it names is set, but with no 本报 in
    # the text nothing says which paper printed it.
    no_ours = "标题\n\n记者在石景山区了解到,4月3日,2020年的活动开始。\n"
    issue = complete_issue(parse_text(no_ours), load_places())
    assert (issue.publication, issue.district) == (None, "石景山区")
    with_masthead = "某某周报\n2020年4月3日\n\n标题\n\n记者在石景山区了解到,4月3日,活动开始。\n"
    issue = complete_issue(parse_text(with_masthead), load_places())
    assert (issue.publication, issue.district) == ("某某周报", None)
    no_paper = "标题\n\n我区石景山区4月3日召开2020年会议。\n"
    issue = complete_issue(parse_text(no_paper), load_places())
    assert (issue.publication, issue.district) == (None, "石景山区")


def test_complete_issue_returns_a_new_issue() -> None:
    parsed = parse_text((next(SEEDS.glob("000_*.txt"))).read_text(encoding="utf-8"))
    completed = complete_issue(parsed, load_places())
    assert parsed.date is None and completed.date is not None
    assert completed.articles == parsed.articles


def test_a_date_given_in_the_sidecar_is_not_reported_missing(tmp_path):
    from sitegen.issue.read import read_source

    (tmp_path / "x.txt").write_text("\n\n文明实践站开放\n\n本报讯 新的文明实践站开放。\n", encoding="utf-8")
    issue = complete_issue(parse_issue(read_source(tmp_path / "x.txt", "seeds/x.txt"), load_places()), load_places())
    assert any("no date printed" in p.message for p in issue.problems)
    (tmp_path / "x.toml").write_text('date = 2020-05-03\npublication = "石景山报"\n', encoding="utf-8")
    issue = complete_issue(parse_issue(read_source(tmp_path / "x.txt", "seeds/x.txt"), load_places()), load_places())
    assert issue.date.isoformat() == "2020-05-03" and not issue.problems, issue.problems


@pytest.mark.parametrize("paper, publisher, district", [
    ("朝阳报", "中共石景山区委宣传部主办", "朝阳区"),  # the paper's name says it
    ("京西时报", "中共海淀区委宣传部主办", "海淀区"),  # its publisher line says it
])
def test_a_paper_places_toml_does_not_know_takes_the_district_its_masthead_names(paper, publisher, district) -> None:
    # The text still names 石景山 throughout: the masthead, not the text, says whose paper it is.
    path = next(SEEDS.glob("002_*.txt"))
    text = path.read_text(encoding="utf-8").replace("石景山报", paper, 1).replace("中共石景山区委宣传部主办", publisher, 1)
    issue = complete_issue(parse_text(text, "seeds/x.txt"), load_places())
    assert (issue.publication, issue.district) == (paper, district)


def test_a_paper_given_in_the_sidecar_brings_the_district_its_name_says() -> None:
    issue = seed("000", overrides=(("publication", "丰台报"),))  # the text is about 石景山
    assert (issue.publication, issue.district) == ("丰台报", "丰台区")
    issue = seed("000", overrides=(("publication", "丰台报"), ("district", "石景山区")))
    assert issue.district == "石景山区"  # the keeper's district wins


RUNNING_HEAD_ONLY = """区里召开防汛工作部署会

本报讯（记者 王明）3月4日，我区召开防汛工作部署会，朝阳区各街道负责人参加。会议要求做好汛前准备。

{head}

社区里的新变化

本报讯 朝阳区某社区完成改造，居民出行更方便。朝阳区相关部门表示将继续推进。
"""


def test_with_no_masthead_the_running_head_gives_the_paper_and_the_day() -> None:
    # The page's head prints the paper and the issue's own day: surer than the text's latest event (3月4日,
    # with no year) and than 本报 with the district it names most. Check names the line.
    text = RUNNING_HEAD_ONLY.format(head="朝阳报 2024年3月5日 星期二 第2版 责任编辑：李华")
    issue = complete_issue(parse_text(text, "seeds/x.txt"), load_places())
    assert (issue.publication, issue.district, issue.date) == ("朝阳报", "朝阳区", datetime.date(2024, 3, 5))
    assert issue.publication_inferred and issue.date_inferred
    assert any("(line 5)" in p.message for p in issue.problems)


def test_running_heads_that_disagree_give_nothing() -> None:
    two_days = RUNNING_HEAD_ONLY.format(head="朝阳报 2024年3月5日 星期二 第2版\n\n朝阳报 2024年3月6日 星期三 第3版")
    issue = complete_issue(parse_text(two_days, "seeds/x.txt"), load_places())
    assert issue.date is None and issue.publication == "朝阳报"
    two_papers = RUNNING_HEAD_ONLY.format(head="朝阳报 2024年3月5日 第2版\n\n海淀报 2024年3月5日 第3版")
    issue = complete_issue(parse_text(two_papers, "seeds/x.txt"), load_places())
    assert issue.publication is None and issue.date == datetime.date(2024, 3, 5)
