"""Each article's keywords: its words weighed against the whole archive (TF-IDF).

The candidates and their counts were found per issue (sitegen.issue.enrich.keyword_terms, packed into
ArticleFacts.keyword_counts); which of them say most about an article depends on how many other articles have them.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter
from typing import Iterable, Sequence

from ..model import ArticleFacts

MAX_KEYWORDS = 8


def unpack_terms(packed: str) -> list[tuple[str, int]]:
    parts = packed.split()  # [word, count, word, count, …]: split() and slicing run in C, for 160k terms a build
    return list(zip(parts[::2], map(int, parts[1::2])))


def idf(doc_freq: int, n_docs: int) -> float:
    """The inverse document frequency of a word that doc_freq of n_docs articles have."""
    return math.log((n_docs + 1) / (doc_freq + 1)) + 1


def top_keywords(terms: Iterable[tuple[str, int]], idfs: dict[str, float]) -> tuple[str, ...]:
    """The MAX_KEYWORDS terms of highest count * idf, ties to the first in code-point order."""
    return tuple(w for _, w in heapq.nsmallest(MAX_KEYWORDS, ((-(count * idfs[w]), w) for w, count in terms)))


def choose_keywords(facts: Sequence[Sequence[ArticleFacts]]) -> list[list[tuple[str, ...]]]:
    """Every article's keywords (facts[i][j]: issue i's article j), by TF-IDF over all the articles given."""
    terms = [[unpack_terms(f.keyword_counts) for f in of_issue] for of_issue in facts]
    doc_freq: Counter[str] = Counter()
    for of_issue in terms:
        for of_article in of_issue:
            doc_freq.update(dict(of_article).keys())  # an article's words are distinct: one count each
    n_docs = sum(len(of_issue) for of_issue in facts)
    idfs = {w: idf(d, n_docs) for w, d in doc_freq.items()}  # once a word of the archive, not once an article
    return [[top_keywords(t, idfs) for t in of_issue] for of_issue in terms]
