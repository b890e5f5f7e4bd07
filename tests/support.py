"""Helpers shared by tests: the build's own steps, run on issues at hand instead of files."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sitegen.archive.keywords import add_keywords
from sitegen.issue.enrich import classify_issue, issue_texts
from sitegen.issue.enrich.words import segment_issue
from sitegen.lexicon import Places
from sitegen.model import Issue


def classify(issues: Sequence[Issue], places: Places, cache_dir: Path | None = None) -> list[Issue]:
    """Every article's districts, topics, people and keywords, as a build gives them: per issue, then
    the keywords over all the issues given."""
    return add_keywords([classify_issue(issue, places, segment_issue(issue_texts(issue), cache_dir))
                         for issue in issues])
