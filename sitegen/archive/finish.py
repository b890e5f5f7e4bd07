"""Every issue made whole: its id, and each article with its id and its facts."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..model import Article, EnrichedIssue, Issue, ParsedArticle, ParsedIssue
from ..punctuation import fullwidth_marks
from .ids import article_id


def finish_issues(placed: Sequence[tuple[str, EnrichedIssue]],
                  shown: Sequence[ParsedIssue] | None = None) -> list[Issue]:
    """The issues as the site shows them, from (id, issue) pairs (sitegen.archive.ids.assign_ids).

    shown: each issue's shown_text, where it is at hand already (the engine keeps it between builds)."""
    if shown is None:
        shown = [shown_text(enriched.parsed) for _, enriched in placed]
    return [
        Issue.of(text, issue_id, tuple(
            Article.of(article, article_id(issue_id, n), facts)
            for n, (article, facts) in enumerate(zip(text.articles, enriched.facts), start=1)))
        for (issue_id, enriched), text in zip(placed, shown)
    ]


def shown_text(parsed: ParsedIssue) -> ParsedIssue:
    """The issue with its own and its articles' text as the site shows it (shown_issue, shown_article):
    what finishing an issue needs of its text, which depends on that issue alone."""
    return replace(shown_issue(parsed), articles=tuple(shown_article(a) for a in parsed.articles))


def _lines(lines: tuple[tuple[int, str], ...]) -> tuple[tuple[int, str], ...]:
    return tuple((n, fullwidth_marks(t)) for n, t in lines)


def _maybe(text: str | None) -> str | None:
    return None if text is None else fullwidth_marks(text)


def shown_article(a: ParsedArticle) -> ParsedArticle:
    """The article's printed text with the full-width marks the layout lost (sitegen.punctuation). Found
    after jieba has read it, and for the site only: the source view shows the file's own characters."""
    return replace(a, headline=fullwidth_marks(a.headline), kicker=_maybe(a.kicker), deck=_maybe(a.deck),
                   byline=_maybe(a.byline), section=_maybe(a.section), head=_lines(a.head),
                   blocks=tuple(replace(b, text=fullwidth_marks(b.text)) for b in a.blocks))


def shown_issue(issue: ParsedIssue) -> ParsedIssue:
    """The issue's masthead, colophon and unplaced lines with the full-width marks the layout lost."""
    return replace(issue, masthead=_lines(issue.masthead), colophon=_lines(issue.colophon),
                   unplaced=_lines(issue.unplaced))
