"""For every article, the few articles most like it: those sharing its people, keywords and topics.

An article's score against another is the sum, over what they share, of a weight for the kind of thing
(a person or a keyword says more than a topic) times how rare it is in the archive, log(1 + N/df): sharing
常卫 or 核酸检测 counts for more than sharing 疫情防控. Ties go to the newer article, then to the smaller
id. Nothing in common means no related articles: the list is never padded, and the fallback topic (综合)
is no common ground at all.

Candidates come from inverted indexes, never from all pairs, so the work grows with the archive, not its square:
- people and keywords through their posting lists. One shared by more than MAX_POSTING articles is left
  out of the score altogether: it says little about two articles, and reading its list for every
  article that has it is what would make the work quadratic;
- topics through groups of articles with the same topic set, the best-sharing groups first and each in
  (newer, smaller id) order, so that only as many are read as can still make the list.
"""
from __future__ import annotations

import heapq
import itertools
import logging
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence


log = logging.getLogger(__name__)

WEIGHTS = {"person": 3.0, "keyword": 2.0, "topic": 1.0}
MAX_POSTING = 200
"""A person or keyword in more articles than this does not count (see the module docstring)."""
SCALE = 1_000_000
"""Weights are held as integers (millionths) so that equal sums reached in another order still tie."""


@dataclass(frozen=True)
class RelItem:
    """What relatedness looks at in one article."""

    id: str
    date: str = ""
    """ISO date ("2020-04-16"), "" when unknown: sorts after every dated article."""
    topics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    """Names of the people the article names."""


def related_articles(
    items: Sequence[RelItem], fallback_topic: str, n: int = 5
) -> dict[str, tuple[str, ...]]:
    """Up to n related article ids for every item, best first; an item with nothing in common gets ().

    fallback_topic: the topic of articles no topic fits (the taxonomy's last), which says nothing in common."""
    ids = [it.id for it in items]
    if len(set(ids)) != len(ids):
        raise ValueError("related_articles: item ids must be unique")
    index = _build_index(items, fallback_topic)
    views: dict[frozenset[int], _TopicView] = {}
    out = {it.id: tuple(items[j].id for j in _best(index, i, n, views)) for i, it in enumerate(items)}
    log.debug("related articles for %d items", len(items))
    return out


@dataclass(frozen=True)
class _Index:
    feats: list[frozenset[int]]
    """Per item, its features as small ints."""
    weight: list[int]
    """Per feature, its weight in millionths."""
    topics: list[frozenset[int]]
    """Per item, its topic features."""
    rank: list[int]
    """Per item, its place in (newer, smaller id) order: the tie-break."""
    postings: dict[int, list[int]]
    """Rare people and keywords: the items that have them."""
    groups: dict[frozenset[int], list[int]]
    """Items by their set of topics, each list in rank order."""
    groups_of_topic: dict[int, list[frozenset[int]]]


def _build_index(items: Sequence[RelItem], fallback: str) -> _Index:
    ids: dict[tuple[str, str], int] = {}
    kinds: list[str] = []
    feats: list[frozenset[int]] = []
    for it in items:
        fs = set()
        for kind, values in (("topic", it.topics), ("keyword", it.keywords), ("person", it.people)):
            for v in values:
                if kind == "topic" and v == fallback:
                    continue
                if (kind, v) not in ids:
                    ids[kind, v] = len(kinds)
                    kinds.append(kind)
                fs.add(ids[kind, v])
        feats.append(frozenset(fs))
    df = [0] * len(kinds)
    for fs in feats:
        for f in fs:
            df[f] += 1
    total = len(items)
    weight = [round(WEIGHTS[k] * math.log(1 + total / d) * SCALE) for k, d in zip(kinds, df)]
    topics = [frozenset(f for f in fs if kinds[f] == "topic") for fs in feats]
    rank = _date_rank(items)
    postings: dict[int, list[int]] = defaultdict(list)
    groups: dict[frozenset[int], list[int]] = defaultdict(list)
    for i in sorted(range(total), key=rank.__getitem__):  # so that every list is in rank order
        for f in feats[i]:
            if kinds[f] != "topic" and 2 <= df[f] <= MAX_POSTING:
                postings[f].append(i)
        if topics[i]:
            groups[topics[i]].append(i)
    groups_of_topic: dict[int, list[frozenset[int]]] = defaultdict(list)
    for g in groups:
        for t in g:
            groups_of_topic[t].append(g)
    return _Index(feats, weight, topics, rank, dict(postings), dict(groups), dict(groups_of_topic))


def _best(index: _Index, i: int, n: int, views: dict[frozenset[int], _TopicView]) -> list[int]:
    """The n items with the best score against item i, ties to the better rank."""
    acc: dict[int, int] = defaultdict(int)  # score from rare people and keywords
    for f in index.feats[i]:
        for j in index.postings.get(f, ()):
            acc[j] += index.weight[f]
    acc.pop(i, None)
    topics = index.topics[i]
    if topics not in views:
        views[topics] = _topic_view(index, topics, n)
    view = views[topics]
    # Items sharing only topics: level by level, best-sharing first, n of each level in rank order.
    # Once n are in, a lower level cannot outscore them.
    from_topics = 0
    for level in view.levels:
        if from_topics >= n:
            break
        for j in _first_unseen(index, level, n, lambda j: j == i or j in acc):
            acc[j] = 0
            from_topics += 1
    # Shared topics add at most the weight of i's own topics: skip who cannot reach the n-th best.
    floor = min(heapq.nlargest(n, acc.values()), default=0) - view.most
    share, rank, item_topics = view.share, index.rank, index.topics
    scored = [(-(a + share.get(item_topics[j], 0)), rank[j], j) for j, a in acc.items() if a >= floor]
    return [j for _, _, j in heapq.nsmallest(n, scored)]


_HEAD = 16
"""Spare members merged per level, for the items already found through people and keywords."""


@dataclass(frozen=True)
class _Level:
    heads: tuple[int, ...]
    """The first members of the level's groups, merged in rank order."""
    groups: tuple[frozenset[int], ...]
    size: int


@dataclass(frozen=True)
class _TopicView:
    """What one topic set shares with the others; items with the same topics share it."""

    levels: tuple[_Level, ...]
    """Groups by the weight they share with this topic set, best first."""
    share: dict[frozenset[int], int]
    """Shared weight by the other item's topic set (absent: 0)."""
    most: int
    """The weight of the topic set itself: the most any item can share with it."""


def _topic_view(index: _Index, topics: frozenset[int], n: int) -> _TopicView:
    share = {g: sum(index.weight[t] for t in g & topics) for t in topics for g in index.groups_of_topic[t]}
    by_share: dict[int, list[frozenset[int]]] = defaultdict(list)
    for g, w in share.items():
        by_share[w].append(g)
    levels = []
    for w in sorted(by_share, reverse=True):
        groups = tuple(by_share[w])  # their order does not matter: merging by rank, which no two items share
        merged = heapq.merge(*(index.groups[g][: n + _HEAD] for g in groups), key=index.rank.__getitem__)
        heads = tuple(itertools.islice(merged, n + _HEAD))
        levels.append(_Level(heads, groups, sum(len(index.groups[g]) for g in groups)))
    return _TopicView(tuple(levels), share, sum(index.weight[t] for t in topics))


def _first_unseen(index: _Index, level: _Level, n: int, seen: Callable[[int], bool]) -> list[int]:
    """The first n items of a level in rank order that `seen` does not exclude."""
    found = list(itertools.islice((j for j in level.heads if not seen(j)), n))
    if len(found) < n and level.size > len(level.heads):  # the spare heads ran out: merge everyone
        everyone = heapq.merge(*(index.groups[g] for g in level.groups), key=index.rank.__getitem__)
        found = list(itertools.islice((j for j in everyone if not seen(j)), n))
    return found


def _date_rank(items: Sequence[RelItem]) -> list[int]:
    """Each item's place in (newer first, undated last, then smaller id) order."""
    order = sorted(range(len(items)), key=lambda i: items[i].id)
    order.sort(key=lambda i: items[i].date, reverse=True)  # stable: ids stay ascending within a date; "" last
    rank = [0] * len(items)
    for r, i in enumerate(order):
        rank[i] = r
    return rank
