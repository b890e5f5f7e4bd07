"""Every issue made whole: its id, and each article with its id, its facts and its keywords."""
from __future__ import annotations

from typing import Sequence

from ..model import Article, EnrichedIssue, Issue
from .ids import article_id
from .keywords import choose_keywords


def finish_issues(placed: Sequence[tuple[str, EnrichedIssue]]) -> list[Issue]:
    """The issues as the site shows them, from (id, issue) pairs (sitegen.archive.ids.assign_ids)."""
    keywords = choose_keywords([enriched.facts for _, enriched in placed])
    return [
        Issue.of(enriched.parsed, issue_id, tuple(
            Article.of(article, article_id(issue_id, n), facts, article_keywords)
            for n, (article, facts, article_keywords)
            in enumerate(zip(enriched.parsed.articles, enriched.facts, of_issue), start=1)))
        for (issue_id, enriched), of_issue in zip(placed, keywords)
    ]
