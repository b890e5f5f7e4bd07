"""Parse the text of one issue into its masthead facts, articles, colophon and unplaced lines.

The steps, each in its own module: furniture.py sorts page furniture from the body and reads the
masthead's facts; lines.py says what each body line is and joins paragraphs the print layout cut in
two; articles.py groups the resulting blocks into articles. The parser only reads `source.text`.

Block kinds it makes: "p"; "h2" for a sub-heading between paragraphs and for 一、 heads; "h3" for (一)
heads and Markdown ### headings (Markdown ## starts an article); "credit"; "caption"; "source".
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter

from .articles import BULLET, assemble
from .lines import (
    MD_HEADING, after_blanks, column_cells, after_wide_gaps, full_lines, indented_lines, join_breaks, local_full_lines, local_stripped_indent_lines,
    signoff_lines, stripped_indent_lines, tight_lines, units_of,
)
from .fixes import checked_fixes
from .furniture import date_problems, guided_headlines, page_tops, read_facts, refiled, split_furniture
from ...model import ParsedArticle, ParsedIssue, Source
from ...errors import Problem
from ...lexicon import Places, load_places

log = logging.getLogger(__name__)

LONG_PARAGRAPH = 5000
"""Characters: a printed paragraph is a few hundred; one this long has lost its line breaks."""


def parse_issue(source: Source, places: Places) -> ParsedIssue:
    """Parse one issue's text, knowing these districts and papers; problems are reported in
    ParsedIssue.problems, never raised."""
    numbered = [(n, line.strip()) for n, line in enumerate(source.lines, 1) if line.strip()]
    fixes, fix_problems = checked_fixes(source)
    furniture = refiled(split_furniture(numbered, places), fixes)
    facts = read_facts(furniture.masthead, source.path, places)
    body = list(furniture.body)
    markdown = any(MD_HEADING.match(t) for _, t in body)
    full = full_lines(source.lines)
    # A file may set a page or a box in a column of its own width: each line's column is measured where it stands too.
    local = local_full_lines(source.lines)
    indented = indented_lines(source.lines) or stripped_indent_lines(source.lines, full) \
        | local_stripped_indent_lines(source.lines, full | local)
    units = units_of(body, indented, fixes, page_tops(furniture), after_blanks(source.lines) | after_wide_gaps(source.lines),
                     signoff_lines(numbered),
                     full | local, tight_lines(source.lines))
    pieces = join_breaks(units, markdown)
    indents = {n: len(line) - len(line.lstrip()) for n, line in enumerate(source.lines, 1)}
    articles, unplaced = assemble(pieces, dict(numbered), markdown, guided_headlines(furniture), indents,
                                  column_cells(source.lines))
    problems = fix_problems + date_problems(numbered, source.path) + [
        Problem(source.path, n, f"line not placed in any article, masthead or colophon: {t[:30]}; "
                                "it is listed on the issue page — check the lines around it")
        for n, t in unplaced
    ] + structure_problems(articles, source.path)
    log.debug("%s: %d articles, %d unplaced lines", source.path, len(articles), len(unplaced))
    return ParsedIssue(
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
        furniture=furniture.page,
        unplaced=unplaced,
        problems=tuple(problems),
    )


def structure_problems(articles: tuple[ParsedArticle, ...], path: str) -> list[Problem]:
    """Warn about what the parser found but a reader would find odd: no articles, no headline, a wall of text."""
    if not articles:
        return [Problem(path, None, "no articles found: no line reads as a headline or paragraph; "
                                    "check that this is the text of an issue")]
    problems = []
    for a in articles:
        # A bulleted brief (■ 9月20日，…) has no headline by design.
        if a.headline_line is None and a.continued_from is None and a.blocks[0].text[:1] not in BULLET:
            problems.append(Problem(path, a.first_line, f"text with no headline (lines {a.first_line}-{a.last_line}) is "
                                                        f"shown as “{a.headline}”; add its headline if the file lost it"))
        problems.extend(
            Problem(path, b.lines[0], f"a paragraph of {len(b.text)} characters (lines {b.lines[0]}-{b.lines[-1]}); "
                                      "check that the file kept its line breaks")
            for b in a.blocks if len(b.text) > LONG_PARAGRAPH
        )
    return problems


def parse_text(text: str, path: str = "<text>", places: Places | None = None) -> ParsedIssue:
    """Parse an issue given as a string (tests, tools): wraps it in a Source and calls parse_issue with
    the places given, else the archive's own."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return parse_issue(Source(path=path, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()),
                       places or load_places())


def placed_lines(issue: ParsedIssue) -> list[tuple[int, str]]:
    """List every (line number, printed text) the issue put somewhere, once per place it was put."""
    printed = issue.source.lines
    placed = list(issue.masthead) + list(issue.colophon) + list(issue.furniture) + list(issue.unplaced)
    for article in issue.articles:
        placed.extend(article.head)
        placed.extend((n, printed[n - 1].strip()) for b in article.blocks for n in b.lines)
    return sorted(placed)


def accounted_lines(issue: ParsedIssue) -> Counter[str]:
    """Count the printed lines found in masthead, colophon, furniture, articles (head and blocks) and unplaced."""
    return Counter(text for _, text in placed_lines(issue))
