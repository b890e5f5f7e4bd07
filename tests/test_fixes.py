"""The keeper's loop: `sitegen check` shows an uncertain call with its evidence and the exact fix; the sidecar's
[[fix]] tables correct what a line is, are checked against the text, and hold when the issue is read again."""
from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.issue.parse import parse_issue, parse_text
from sitegen.issue.read import ReadError, read_source
from sitegen.lexicon import load_places
from sitegen.model import LineFix, ParsedIssue
from test_parse import assert_every_line_once

STACK = "坚持绿色发展 建设美丽朝阳\n望京街道试点生活垃圾分类\n\n本报讯（通讯员 陈思）3月1日，试点启动。\n"


def fixed(text: str, *fixes: tuple[int, str, str]) -> ParsedIssue:
    source = parse_text(text, "seeds/x.txt").source
    issue = parse_issue(dataclasses.replace(source, fixes=tuple(LineFix(*f) for f in fixes)), load_places())
    assert_every_line_once(issue)
    return issue


def heads(issue: ParsedIssue) -> list[tuple[str | None, str, str | None]]:
    return [(a.kicker, a.headline, a.deck) for a in issue.articles]


def test_a_headline_fix_turns_the_stack_over() -> None:
    assert heads(fixed(STACK)) == [("坚持绿色发展 建设美丽朝阳", "望京街道试点生活垃圾分类", None)]
    issue = fixed(STACK, (1, "坚持绿色发展", "headline"))
    assert heads(issue) == [(None, "坚持绿色发展 建设美丽朝阳", "望京街道试点生活垃圾分类")]
    assert issue.articles[0].call == "as the sidecar's [[fix]] says"


@pytest.mark.parametrize("fix, want", [
    ((2, "望京街道", "deck"), (None, "坚持绿色发展 建设美丽朝阳", "望京街道试点生活垃圾分类")),
    ((1, "坚持绿色发展", "kicker"), ("坚持绿色发展 建设美丽朝阳", "望京街道试点生活垃圾分类", None)),
])
def test_kicker_and_deck_fixes(fix: tuple[int, str, str], want: tuple[str | None, str, str | None]) -> None:
    assert heads(fixed(STACK, fix)) == [want]


def test_a_furniture_fix_takes_a_line_out_of_the_articles() -> None:
    text = "标题一\n\n本报讯 正文一。\n\n欢度国庆\n\n标题二\n\n本报讯 正文二。\n"
    assert "欢度国庆" in [a.kicker for a in fixed(text).articles]
    issue = fixed(text, (5, "欢度国庆", "furniture"))
    assert issue.furniture == ((5, "欢度国庆"),)
    assert heads(issue) == [(None, "标题一", None), (None, "标题二", None)]


def test_a_line_the_parser_took_as_furniture_can_be_a_headline() -> None:
    text = "标题一\n\n本报讯 正文一。\n\n天气：晴转多云 记者一线探访\n\n本报讯 正文二。\n"
    issue = fixed(text)
    assert ([a.headline for a in issue.articles], issue.furniture) == (["标题一", "正文二…"], ((5, "天气：晴转多云 记者一线探访"),))
    issue = fixed(text, (5, "天气：晴转多云", "headline"))
    assert ([a.headline for a in issue.articles], issue.furniture) == (["标题一", "天气：晴转多云 记者一线探访"], ())


def test_start_and_continues_fixes() -> None:
    text = "标题\n\n本报讯 会议召开。\n\n据介绍\n\n全区共有站点58个。\n\n另据消息，明日起开展检查。\n"
    issue = fixed(text)
    assert [b.kind for b in issue.articles[0].blocks] == ["p", "h2", "p", "p"]
    issue = fixed(text, (7, "全区共有", "continues"), (9, "另据消息", "start"))
    assert [[b.text for b in a.blocks] for a in issue.articles] == [
        ["本报讯 会议召开。", "据介绍全区共有站点58个。"], ["另据消息，明日起开展检查。"]]


def test_a_stale_fix_is_an_error_showing_both_and_is_not_applied() -> None:
    issue = fixed("\n" + STACK, (1, "坚持绿色发展", "headline"))
    assert heads(issue) == [("坚持绿色发展 建设美丽朝阳", "望京街道试点生活垃圾分类", None)]
    [problem] = [p for p in issue.problems if p.severity == "error"]
    assert str(problem) == (
        "seeds/x.toml: [[fix]] line = 1 says the line reads “坚持绿色发展”, but line 1 is blank (that text is now at line 2)"
        ": the file changed since the correction was written; correct its line or text, or remove it (it was "
        "not applied)")


def test_two_fixes_of_one_line_are_an_error() -> None:
    issue = fixed(STACK, (1, "坚持绿色发展", "headline"), (1, "坚持", "kicker"))
    assert [p.message for p in issue.problems if p.severity == "error"] == [
        "line 1 is given as both headline and kicker; keep one of the two [[fix]] tables"]


def write_issue(folder: Path, text: str, sidecar: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "x.txt").write_text(text, encoding="utf-8")
    (folder / "x.toml").write_text(sidecar, encoding="utf-8")
    return folder / "x.txt"


@pytest.mark.parametrize("sidecar, message", [
    ('fix = 3\n', "fix must be written as tables, each [[fix]] line = 31"),
    ('[[fix]]\nline = 1\ntext = "坚持"\n', "[[fix]] number 1 has keys line, text; it needs exactly line, text and is"),
    ('[[fix]]\nline = 0\ntext = "坚持"\nis = "headline"\n', "[[fix]] number 1: line = 0 is not a line number"),
    ('[[fix]]\nline = 1\ntext = "坚"\nis = "headline"\n', "[[fix]] number 1: text = '坚' must be the start of line 1"),
    ('[[fix]]\nline = 1\ntext = "坚持"\nis = "title"\n', "[[fix]] number 1: is = 'title' is not one of headline, kicker"),
])
def test_a_badly_written_fix_refuses_the_sidecar(tmp_path: Path, sidecar: str, message: str) -> None:
    path = write_issue(tmp_path, STACK, sidecar)
    with pytest.raises(ReadError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        read_source(path)


def check(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    with contextlib.chdir(folder):
        code = main(["check", "--seeds", "seeds"])
    return code, capsys.readouterr().out


def test_the_keepers_loop_through_sitegen_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    write_issue(seeds, STACK, "")
    code, out = check(tmp_path, capsys)
    # 1. check shows the uncertain call, its evidence and the table that makes the other call.
    assert code == 0
    assert ("seeds/x.txt:2: uncertain: headline “望京街道试点生活垃圾分类”: no mark either way: the first line taken as "
            "the kicker (guess)\n    if “坚持绿色发展 建设美丽朝阳” is the headline, add to seeds/x.toml:\n"
            '      [[fix]]\n      line = 1\n      text = "坚持绿色发展 建设美丽朝阳"\n      is = "headline"\n') in out
    # 2. The keeper adds it: the call is made as said, and nothing is uncertain any more.
    (seeds / "x.toml").write_text('[[fix]]\nline = 1\ntext = "坚持绿色发展 建设美丽朝阳"\nis = "headline"\n',
                                  encoding="utf-8")
    code, out = check(tmp_path, capsys)
    assert code == 0 and "uncertain" not in out
    assert "主题「坚持绿色发展 建设美丽朝阳」  副题「望京街道试点生活垃圾分类」: as the sidecar's [[fix]] says" in out
    # 3. The text is made again with a line more at the top: the fix no longer holds, and check says so.
    (seeds / "x.txt").write_text("石景山报\n" + STACK, encoding="utf-8")
    code, out = check(tmp_path, capsys)
    assert code == 1
    assert ("error: seeds/x.toml: [[fix]] line = 1 says the line reads “坚持绿色发展 建设美丽朝阳”, but line 1 reads "
            "“石景山报” (that text is now at line 2)") in out


def test_a_column_label_over_one_headline_is_a_guess_the_keeper_can_turn(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # 百姓身边 over a headline may be the column the article runs in or its kicker: check offers the kicker.
    seeds = tmp_path / "seeds"
    write_issue(seeds, "百姓身边\n全区玉米进入收获期\n\n本报讯（记者 甲）连日来，玉米进入收获期。\n", "")
    code, out = check(tmp_path, capsys)
    assert code == 0
    assert ("seeds/x.txt:2: uncertain: headline “全区玉米进入收获期”: a short bare line over one headline: the column it "
            "runs in, not a kicker (guess)\n    if “百姓身边” is the kicker, add to seeds/x.toml:\n"
            '      [[fix]]\n      line = 1\n      text = "百姓身边"\n      is = "kicker"\n') in out
    (seeds / "x.toml").write_text('[[fix]]\nline = 1\ntext = "百姓身边"\nis = "kicker"\n', encoding="utf-8")
    code, out = check(tmp_path, capsys)
    assert code == 0 and "uncertain" not in out
    assert "引题「百姓身边」  主题「全区玉米进入收获期」: as the sidecar's [[fix]] says" in out


def test_a_longer_bare_line_over_one_headline_is_a_kicker_guess(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # 秋粮颗粒归仓 (six characters, longer than a column's name, naming no place or time) over a headline is taken
    # as its kicker, as a guess.
    seeds = tmp_path / "seeds"
    write_issue(seeds, "秋粮颗粒归仓\n全区玉米进入收获期\n\n本报讯（记者 甲）连日来，玉米进入收获期。\n", "")
    code, out = check(tmp_path, capsys)
    assert code == 0
    assert "引题「秋粮颗粒归仓」  主题「全区玉米进入收获期」: a bare line longer than a column label over a longer one: " \
           "a kicker (guess)" in out
    assert "seeds/x.txt:2: uncertain: headline “全区玉米进入收获期”" in out


def test_a_bare_line_saying_when_over_a_headline_is_its_kicker_not_a_guess(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # 清明将至 says when, as an occasion does: the kicker by rule, shown with the rule and not listed as uncertain.
    seeds = tmp_path / "seeds"
    write_issue(seeds, "清明将至\n我区部署春季森林防火工作\n\n本报讯（通讯员 齐林）3月11日，会议召开。\n", "")
    code, out = check(tmp_path, capsys)
    assert code == 0
    assert "引题「清明将至」  主题「我区部署春季森林防火工作」: the first line is a bare place, occasion or time " \
           "(清明将至): a kicker" in out
    assert "uncertain: headline" not in out


def test_a_bare_subject_over_its_predicate_is_one_headline_the_keeper_can_split(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 社区卫生服务中心 / 开展免费义诊: subject and predicate of one headline, as a guess; some papers set the subject
    # alone as the kicker, and check offers that.
    seeds = tmp_path / "seeds"
    write_issue(seeds, "社区卫生服务中心\n开展免费义诊\n\n本报讯（通讯员 陈岩）4月10日，中心组织义诊。\n", "")
    code, out = check(tmp_path, capsys)
    assert code == 0
    assert ("seeds/x.txt:1: uncertain: headline “社区卫生服务中心开展免费义诊”: a bare name of who acts over what it does "
            "(社区卫生服务中心 / 开展免费义诊): one headline the column cut (guess)\n"
            "    if “社区卫生服务中心” is the kicker, add to seeds/x.toml:\n"
            '      [[fix]]\n      line = 1\n      text = "社区卫生服务中心"\n      is = "kicker"\n') in out
    (seeds / "x.toml").write_text('[[fix]]\nline = 1\ntext = "社区卫生服务中心"\nis = "kicker"\n', encoding="utf-8")
    code, out = check(tmp_path, capsys)
    assert code == 0 and "uncertain" not in out
    assert "引题「社区卫生服务中心」  主题「开展免费义诊」: as the sidecar's [[fix]] says" in out
