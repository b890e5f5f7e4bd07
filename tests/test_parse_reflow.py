"""The labelled layouts set again as other layouts would print them: every paragraph re-broken at another
column width, with and without full-width indents, and the parser still right on every field.

A paragraph's line breaks belong to the column it was set in, not to the text: the same article printed
in a narrower column is the same article. Each case takes a labelled file, re-breaks the text of every
paragraph and caption the parser read from it (they are right: test_parse_eval.py) into lines 12, 17 or
23 full-width characters wide (an ASCII character is half of one), as a justified column cuts them, and
scores the result against the same truth. Over the set the cuts fall many times before a digit, a
quotation mark, 、 and a bracket (where the parser most easily goes wrong; a test below counts them). A
cut never falls right after a sentence's end mark (。；：！？, perhaps inside closing quotes): there the
line runs one character on, as a hanging mark does, since without the column's width no reader of plain
text could tell a paragraph's end from a cut.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from support import benchmark_module

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
parse_eval = benchmark_module("parse_eval")

FILES = sorted(LAYOUTS.glob("*.txt"))
WIDTHS = (12, 17, 23)
AWKWARD = {"digit": set("0123456789"), "quote": set("“”‘’「」"), "、": {"、"}, "bracket": set("（）()《》")}
"""Where a cut is hardest to tell from a paragraph's end: before a digit, a quotation mark, 、 or a bracket."""
NO_BREAK_AFTER = set("。；;：:！!？?…")
INDENT = "\u3000\u3000"


def break_at(text: str, width: int) -> list[str]:
    """Cut a paragraph into lines `width` full-width characters wide (an ASCII character is half of one), as a
    narrower or wider column would."""
    lines, start, used = [], 0, 0
    for at, char in enumerate(text):
        cells = 1 if char.isascii() else 2
        if used + cells > 2 * width and at > start and not bad_break(text, at):
            lines.append(text[start:at])
            start, used = at, 0
        used += cells
    lines.append(text[start:])
    return lines


def bad_break(text: str, at: int) -> bool:
    """Tell whether a cut before text[at] is one this test does not make: right after an end mark (perhaps inside
    closing quotes), beside a space (the reader strips it) or inside a Latin word. The line then runs one
    character longer, as a hanging mark does."""
    a, b = text[at - 1], text[at]
    return text[:at].rstrip("”’」』）)")[-1:] in NO_BREAK_AFTER or a.isspace() or b.isspace() or (
        a.isascii() and a.isalpha() and b.isascii() and b.isalpha())


def reflowed(path: Path, width: int, indent: bool) -> str:
    """The file's text with every paragraph and caption the parser read re-broken at `width`, each opening with a
    full-width indent (indent) or with none."""
    issue = parse_eval.parse_file(path)
    printed = issue.source.lines
    new: dict[int, list[str]] = {}
    dropped: set[int] = set()
    for article in issue.articles:
        for block in article.blocks:
            span = list(range(block.lines[0], block.lines[-1] + 1))
            if block.kind not in ("p", "caption") or \
                    list(block.lines) != [n for n in span if n in block.lines or printed[n - 1].strip()]:
                continue  # a paragraph joined around a credit keeps its print (a (下转3版) under a blank line does not)
            if "".join(printed[n - 1].strip() for n in span) != block.text:
                continue  # Latin words the reader set apart: kept as printed
            lines = break_at(block.text, width)
            lines[0] = (INDENT if indent else "") + lines[0]
            new[span[0]] = lines
            dropped.update(span[1:])
    out: list[str] = []
    for n, line in enumerate(printed, 1):
        if n in new:
            out.extend(new[n])
        elif n not in dropped:
            out.append(line if indent else line.lstrip("\u3000"))  # flush: no line keeps an indent
    return "\n".join(out) + "\n"


def test_breaking_keeps_the_text_and_cuts_at_the_width() -> None:
    text = "本报讯（记者 王明）5月14日，区里召开会议。部署“接诉即办”工作、安排下一阶段任务。"
    lines = break_at(text, 12)
    assert "".join(lines) == text and len(lines) > 2
    assert all(22 <= sum(1 if c.isascii() else 2 for c in line) <= 26 for line in lines[:-1])
    assert not any(line[-1:] in NO_BREAK_AFTER for line in lines[:-1])


def test_the_reflowed_set_cuts_before_digits_quotes_commas_and_brackets() -> None:
    # The cases this test exists for: each kind of awkward cut happens many times over the set.
    starts = [line[:1] for path in FILES for width in WIDTHS for line in reflowed(path, width, False).splitlines()]
    assert all(sum(c in chars for c in starts) >= 20 for chars in AWKWARD.values())


@pytest.mark.parametrize("indent", [True, False], ids=["indented", "flush"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_labelled_layouts_reflowed_are_still_read_right(path: Path, width: int, indent: bool,
                                                            tmp_path: Path) -> None:
    moved = tmp_path / path.name
    moved.write_text(reflowed(path, width, indent), encoding="utf-8")
    truth = path.with_suffix("").with_suffix(".truth.toml")
    (tmp_path / truth.name).write_bytes(truth.read_bytes())
    score = parse_eval.Score()
    parse_eval.score_file(moved, score)
    assert score.misses == []
