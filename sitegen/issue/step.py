"""All the work on one issue file that needs no other issue, as one function that a worker process can run."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..lexicon import BUILT_IN, Tables, load_lexicon
from ..model import EnrichedIssue, ParsedIssue
from .complete import complete_issue
from .enrich import classify_issue, issue_texts
from .enrich.words import ArticleWords, segment_issue
from .parse import parse_issue
from .read import ReadError, read_source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssueStep:
    """All the work on one issue file that needs no other issue: read, parse, complete, and (if
    classified) segment and classify. Plain data, so that a worker process can run it."""

    seeds_dir: Path
    max_bytes: int
    classified: bool
    segment: Callable[[Sequence[tuple[str, str]], Tables], list[ArticleWords]] = segment_issue
    """How the articles' (text, headline) pairs are segmented with the tables' words: jieba itself, or the
    build's cache of its words (sitegen.engine.cache.SegmentCache). Plain data too, for the worker processes."""
    tables: Tables = BUILT_IN
    """The tables the archive is read with: sitegen's, or its own (config.Config.tables)."""

    @property
    def kind(self) -> str:
        return "classified" if self.classified else "parsed"

    def shown(self, path: Path) -> str:
        return str(self.seeds_dir / path.name)

    def __call__(self, path: Path) -> tuple[ParsedIssue | EnrichedIssue | None, Problem | None]:
        """The issue, or the problem that stops the file from being used."""
        shown = self.shown(path)
        try:
            # The tables are read once a process: each stage below is handed what it uses of them.
            lexicon = load_lexicon(self.tables)
            issue = complete_issue(parse_issue(read_source(path, shown, self.max_bytes), lexicon.places), lexicon.places)
            if self.classified:
                return classify_issue(issue, lexicon, self.segment(issue_texts(issue), self.tables)), None
            return issue, None
        except ReadError as e:
            return None, Problem(e.path, e.line, e.reason)
        except Exception as e:  # noqa: BLE001 - a bug met on one file: name the file, build the rest if asked
            log.info("%s: parsing failed", shown, exc_info=True)
            return None, Problem(shown, None, f"sitegen failed on this file ({type(e).__name__}: {e}); this is a "
                                              "bug: please report it with the file (-v shows where it failed)")
