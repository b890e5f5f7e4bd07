"""Helpers shared by tests: the build's own steps, run on issues at hand instead of files."""
from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from sitegen.archive.finish import finish_issues
from sitegen.archive.ids import assign_ids
from sitegen.issue.enrich import classify_issue, issue_texts
from sitegen.issue.enrich.people import people_of
from sitegen.engine.cache import SegmentCache
from sitegen.issue.enrich.words import segment_issue
from sitegen.lexicon import Places, load_lexicon, load_marks
from sitegen.model import ArticleFacts, EnrichedIssue, Issue, ParsedIssue
from sitegen.site.catalog import read_catalog


def classify(issues: Sequence[ParsedIssue], places: Places | None = None, cache_dir: Path | None = None) -> list[Issue]:
    """The issues as a build shows them: each enriched on its own (districts, topics, people, keywords),
    then given its id."""
    lexicon = load_lexicon() if places is None else replace(load_lexicon(), places=places)
    segment = SegmentCache(cache_dir) if cache_dir else segment_issue
    placed, _ = assign_ids([classify_issue(i, lexicon, segment(issue_texts(i))) for i in issues], lexicon.places)
    return finish_issues(placed)


def with_people(issues: Sequence[ParsedIssue]) -> list[Issue]:
    """The issues with ids and every article's people, and nothing else found (no segmentation)."""
    placed, _ = assign_ids([EnrichedIssue(i, tuple(ArticleFacts((), (), people_of(a, load_marks()), ()) for a in i.articles))
                            for i in issues], load_lexicon().places)
    return finish_issues(placed)


def finished(issues: Sequence[ParsedIssue]) -> list[Issue]:
    """The issues with their ids, and nothing found in their articles (no districts, topics, people or keywords)."""
    placed, _ = assign_ids([EnrichedIssue(i, tuple(ArticleFacts((), (), (), ()) for _ in i.articles)) for i in issues],
                           load_lexicon().places)
    return finish_issues(placed)


__all__ = ["classify", "finished", "read_catalog", "with_people"]


def benchmark_module(name: str) -> ModuleType:
    """benchmarks/NAME.py as a module, loaded once (the tests that score the parser share parse_eval's scoring)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent.parent / "benchmarks"
                                                      / f"{name}.py")
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


SHOWN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def card_date(card) -> str:
    """The date an article card shows in its facts line (2020年4月16日), as 2020-04-16: the date a reader sees."""
    year, month, day = SHOWN_DATE.search(card.select_one(".meta").get_text()).groups()
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
