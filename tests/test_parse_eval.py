"""The labelled layouts (tests/fixtures/layouts): the parser gets every field of every file right, and places
every line once."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import benchmark_module
from test_parse import assert_every_line_once

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
parse_eval = benchmark_module("parse_eval")

FILES = sorted(LAYOUTS.glob("*.txt"))


def test_the_set_is_as_large_as_the_issue_asks() -> None:
    assert len(FILES) >= 24
    assert all(f.with_suffix("").with_suffix(".truth.toml").is_file() for f in FILES)
    papers = {f.name.split("_")[0] for f in FILES if not f.name.startswith("nomast")}
    assert len(papers) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_field_is_right(path: Path) -> None:
    score = parse_eval.Score()
    parse_eval.score_file(path, score)
    assert score.misses == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_line_is_lost(path: Path) -> None:
    assert_every_line_once(parse_eval.parse_file(path))


def test_a_wrong_truth_is_a_miss(tmp_path: Path) -> None:
    # The scorer itself: a truth the parser does not meet gives a miss naming file, line, field and both values.
    src = LAYOUTS / "fengtai_2019-04-12.txt"
    (tmp_path / src.name).write_bytes(src.read_bytes())
    truth = src.with_suffix("").with_suffix(".truth.toml").read_text(encoding="utf-8")
    (tmp_path / "fengtai_2019-04-12.truth.toml").write_text(truth.replace('headline = "春耕正当时"',
                                                                            'headline = "春耕"'), encoding="utf-8")
    score = parse_eval.Score()
    parse_eval.score_file(tmp_path / src.name, score)
    assert score.tallies["article"].right == 3 and score.tallies["article"].given == 4
    assert any(m.endswith("article: expected “article” got nothing") for m in score.misses)
