"""Parse the text of one issue into its masthead facts, articles, colophon and unplaced lines.

The steps, each in its own module: masthead.py sorts page furniture from the body and reads the
masthead's facts; layout.py says what each body line is and joins paragraphs the print layout cut in
two; assemble.py groups the resulting blocks into articles. The parser only reads `source.text`.

Block kinds it makes: "p"; "h2" for a sub-heading between paragraphs and for 一、 heads; "h3" for (一)
heads and Markdown ### headings (Markdown ## starts an article); "credit"; "caption"; "source".
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter

from .assemble import assemble
from .layout import MD_HEADING, join_breaks, units_of
from .masthead import date_problems, read_facts, split_furniture
from .model import Issue, Problem, Source
from .places import load_places

log = logging.getLogger(__name__)


def parse_issue(source: Source) -> Issue:
    """Parse one issue's text; problems are reported in Issue.problems, never raised."""
    places = load_places()
    numbered = [(n, line.strip()) for n, line in enumerate(source.lines, 1) if line.strip()]
    furniture = split_furniture(numbered, places)
    facts = read_facts(furniture.masthead, source.path, places)
    body = list(furniture.body)
    markdown = any(MD_HEADING.match(t) for _, t in body)
    pieces = join_breaks(units_of(body), markdown)
    articles, unplaced = assemble(pieces, dict(numbered), markdown)
    problems = date_problems(numbered, source.path) + [
        Problem(source.path, n, f"line not placed in any article, masthead or colophon: {t[:30]}")
        for n, t in unplaced
    ]
    log.debug("%s: %d articles, %d unplaced lines", source.path, len(articles), len(unplaced))
    return Issue(
        source=source,
        articles=articles,
        publication=facts.publication,
        date=facts.date,
        date_inferred=False,
        issue_no=facts.issue_no,
        total_no=facts.total_no,
        pages=facts.pages,
        district=facts.district,
        masthead=furniture.masthead,
        colophon=furniture.colophon,
        unplaced=unplaced,
        problems=tuple(problems),
    )


def parse_text(text: str, path: str = "<text>") -> Issue:
    """Parse an issue given as a string (tests, tools): wraps it in a Source and calls parse_issue."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return parse_issue(Source(path=path, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()))


def placed_lines(issue: Issue) -> list[tuple[int, str]]:
    """List every (line number, printed text) the issue put somewhere, once per place it was put."""
    printed = issue.source.lines
    placed = list(issue.masthead) + list(issue.colophon) + list(issue.unplaced)
    for article in issue.articles:
        placed.extend(article.head)
        placed.extend((n, printed[n - 1].strip()) for b in article.blocks for n in b.lines)
    return sorted(placed)


def accounted_lines(issue: Issue) -> Counter[str]:
    """Count the printed lines found in masthead, colophon, articles (head and blocks) and unplaced."""
    return Counter(text for _, text in placed_lines(issue))
