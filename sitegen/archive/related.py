"""For every article, the few articles most like it: those sharing its people, keywords and topics.

An article's score against another is the sum, over what they share, of a weight for the kind of thing
(a person or a keyword says more than a topic) times how rare it is: for a person or a keyword,
log(1 + REFERENCE/df) with df the number of articles that have it, so that sharing 常卫 or 核酸检测 counts
for more than sharing 疫情防控; every topic counts alike, TOPIC_RARITY. Ties go to the article nearest in
date, then to the newer, then to the smaller id. Nothing in common means no related articles: the list is
never padded, and the fallback topic (综合) is no common ground at all.

So a new article, of any date, changes few other articles' lists, and their pages: only the weights of
what it has change (never all of them, as a weight by the archive's size would), and among articles
sharing just as much with one, it comes before only those farther in time (where "the newest first" would
put it in the list of every article that shares a topic with it and nothing rarer).

Candidates come from inverted indexes, never from all pairs, so the work grows with the archive, not its square:
- people and keywords through their posting lists. One shared by more than MAX_POSTING articles is left
  out of the score altogether: it says little about two articles, and reading its list for every
  article that has it is what would make the work quadratic;
- topics through groups of articles with the same topic set, the best-sharing groups first and each in
  (newer, smaller id) order, so that only as many are read as can still make the list.

Given the lists of an earlier archive (Related), only the lists the change can alter are found again
(`changeable`): a list is the best n of everything that shares something with its article, so adding an
article changes it only when the newcomer outranks its last entry, or when a weight it is scored with moves
(the df of a person or keyword the newcomer has); removing one changes it only when the removed one was on
it. An edited article is one removed and one added. tests/test_related.py checks the result against
finding every list again over random sequences of changes.
"""
from __future__ import annotations

import bisect
import datetime
import heapq
import logging
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping, NamedTuple, Sequence


log = logging.getLogger(__name__)

WEIGHTS = {"person": 3.0, "keyword": 2.0, "topic": 1.0}
MAX_POSTING = 200
"""A person or keyword in more articles than this does not count (see the module docstring)."""
REFERENCE = 10_000
"""The archive size a person's or keyword's rarity is reckoned against, whatever the archive's own size."""
TOPIC_RARITY = math.log(1 + 10)
"""A topic's rarity: as if a tenth of the articles had it (topics are few and broad)."""
SCALE = 1_000_000
"""Weights are held as integers (millionths) so that equal sums reached in another order still tie."""


class RelItem(NamedTuple):
    """What relatedness looks at in one article (a tuple: the next build reads tens of thousands of them back)."""

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
    return dict(find_related(items, fallback_topic, n).lists)


@dataclass(frozen=True)
class Related:
    """Every item's related ids, with the items they were found for: what finding them for a changed
    archive starts from."""

    items: Mapping[str, RelItem]
    lists: Mapping[str, tuple[str, ...]]
    """Each item's related ids, best first, in the order of the items given."""
    last_scores: Mapping[str, int]
    """The score of each list's last entry (0 for an empty list): what a newcomer must reach to join it."""
    rules: tuple
    """The constants the lists were found with: lists found with others are found again."""


def find_related(items: Sequence[RelItem], fallback_topic: str, n: int = 5, before: Related | None = None) -> Related:
    """related_articles, as a Related; with before (the same for an earlier archive), only the lists the
    change can alter are found again, and every list is what finding it anew would give."""
    ids = [it.id for it in items]
    if len(set(ids)) != len(ids):
        raise ValueError("related_articles: item ids must be unique")
    index = _build_index(items, fallback_topic)
    views: dict[frozenset[int], _TopicView] = {}
    rules = (fallback_topic, n, tuple(sorted(WEIGHTS.items())), MAX_POSTING, REFERENCE, TOPIC_RARITY, SCALE)
    if before is None or before.rules != rules:
        todo: set[int] | range = range(len(items))
    else:
        todo = changeable(index, items, before, n)
    if not todo and before is not None and list(before.items) == ids:
        return before  # nothing changed
    lists: dict[str, tuple[str, ...]] = {}
    last_scores: dict[str, int] = {}
    for i, id_ in enumerate(ids):
        if i in todo:
            best = _best(index, i, n, views)
            lists[id_] = tuple(ids[j] for _, j in best)
            last_scores[id_] = best[-1][0] if best else 0
        else:
            lists[id_], last_scores[id_] = before.lists[id_], before.last_scores[id_]  # type: ignore[union-attr]
    log.debug("related articles for %d of %d items", len(todo), len(items))
    return Related(dict(zip(ids, items)), lists, last_scores, rules)


def changeable(index: _Index, items: Sequence[RelItem], before: Related, n: int) -> set[int]:
    """The items (by position) whose related list may differ from the one in before (see the module's
    docstring); every other item's list is the one before."""
    position = {it.id: k for k, it in enumerate(items)}
    added = [k for k, it in enumerate(items) if before.items.get(it.id) != it]  # new, or edited
    gone = [old for id_, old in before.items.items() if id_ not in position or items[position[id_]] != old]
    gone_ids = {old.id for old in gone}
    todo = set(added)
    for id_, listed in before.lists.items():  # what was on a list and is gone, or edited
        if id_ in position and not gone_ids.isdisjoint(listed):
            todo.add(position[id_])
    # People and keywords of the changed items: their df moved, and with it their weight (or whether they
    # count at all); every item that has one is scored with it.
    moved: dict[tuple[str, str], int] = defaultdict(int)
    for sign, changed in ((1, (items[k] for k in added)), (-1, gone)):
        for it in changed:
            for kind, values in (("keyword", it.keywords), ("person", it.people)):
                for v in set(values):
                    moved[kind, v] += sign
    touched = set()
    for feature, change in moved.items():
        f = index.feature_ids.get(feature)
        after = index.df[f] if f is not None else 0
        if _counts(after) or _counts(after - change):
            if f is not None:
                touched.add(f)
    if touched:
        todo.update(k for k, fs in enumerate(index.feats) if not fs.isdisjoint(touched))
    # Topics: an added item that shares only topics with an item (sharing a counting person or keyword made
    # it touched, above) joins its list when the list is short or when it outranks the list's last entry.
    for j in added:
        topics_j = index.topics[j]
        for g in {g for t in topics_j for g in index.groups_of_topic[t]}:
            share = sum(index.weight[t] for t in g & topics_j)
            for i in index.groups[g]:
                if i in todo:
                    continue
                id_ = items[i].id
                listed = before.lists[id_]
                if len(listed) < n or share > before.last_scores[id_]:
                    todo.add(i)
                elif share == before.last_scores[id_]:
                    last = position[listed[-1]]
                    if (_distance(index, i, j), index.rank[j]) < (_distance(index, i, last), index.rank[last]):
                        todo.add(i)
    return todo


def _counts(df: int) -> bool:
    """Whether a person or keyword in df articles counts in a score."""
    return 2 <= df <= MAX_POSTING


@dataclass(frozen=True)
class _Index:
    feats: list[frozenset[int]]
    """Per item, its features as small ints."""
    weight: list[int]
    """Per feature, its weight in millionths."""
    topics: list[frozenset[int]]
    """Per item, its topic features."""
    rank: list[int]
    """Per item, its place in (newer, smaller id) order."""
    day: list[int | None]
    """Per item, its date as a day number; None when it has none."""
    postings: dict[int, list[int]]
    """Rare people and keywords: the items that have them."""
    groups: dict[frozenset[int], list[int]]
    """Items by their set of topics, each list in rank order."""
    groups_of_topic: dict[int, list[frozenset[int]]]
    feature_ids: dict[tuple[str, str], int]
    """Each feature's (kind, value) → its number."""
    df: list[int]
    """Per feature, how many items have it."""


def _build_index(items: Sequence[RelItem], fallback: str) -> _Index:
    # Every build makes this over the whole archive: one dict of numbers per kind of feature (no tuple
    # made and hashed per feature of each item), the counts taken as the numbers are given.
    topic_ids: dict[str, int] = {}
    other_ids: dict[tuple[str, str], int] = {}
    kinds: list[str] = []
    df: list[int] = []
    feats: list[frozenset[int]] = []
    topics: list[frozenset[int]] = []
    for it in items:
        item_topics = set()
        for v in it.topics:
            if v != fallback:
                f = topic_ids.get(v)
                if f is None:
                    f = topic_ids[v] = len(kinds)
                    kinds.append("topic")
                    df.append(0)
                item_topics.add(f)
        fs = set(item_topics)
        for kind, values in (("keyword", it.keywords), ("person", it.people)):
            for v in values:
                f = other_ids.get((kind, v))
                if f is None:
                    f = other_ids[kind, v] = len(kinds)
                    kinds.append(kind)
                    df.append(0)
                fs.add(f)
        for f in fs:
            df[f] += 1
        feats.append(frozenset(fs))
        topics.append(frozenset(item_topics))
    total = len(items)
    weight = [round(WEIGHTS[k] * (TOPIC_RARITY if k == "topic" else math.log(1 + REFERENCE / d)) * SCALE)
              for k, d in zip(kinds, df)]
    counting = [k != "topic" and 2 <= d <= MAX_POSTING for k, d in zip(kinds, df)]
    rank = _date_rank(items)
    postings: dict[int, list[int]] = defaultdict(list)
    groups: dict[frozenset[int], list[int]] = defaultdict(list)
    for i in sorted(range(total), key=rank.__getitem__):  # so that every list is in rank order
        for f in feats[i]:
            if counting[f]:
                postings[f].append(i)
        if topics[i]:
            groups[topics[i]].append(i)
    groups_of_topic: dict[int, list[frozenset[int]]] = defaultdict(list)
    for g in groups:
        for t in g:
            groups_of_topic[t].append(g)
    day = [datetime.date.fromisoformat(it.date).toordinal() if it.date else None for it in items]
    ids = {("topic", v): f for v, f in topic_ids.items()} | other_ids
    return _Index(feats, weight, topics, rank, day, dict(postings), dict(groups), dict(groups_of_topic), ids, df)


def _best(index: _Index, i: int, n: int, views: dict[frozenset[int], _TopicView]) -> list[tuple[int, int]]:
    """The n items with the best score against item i, ties to the nearer in date, then the better rank,
    as (score, item)."""
    acc: dict[int, int] = defaultdict(int)  # score from rare people and keywords
    for f in index.feats[i]:
        for j in index.postings.get(f, ()):
            acc[j] += index.weight[f]
    acc.pop(i, None)
    topics = index.topics[i]
    if topics not in views:
        views[topics] = _topic_view(index, topics)
    view = views[topics]
    # Items sharing only topics: level by level, best-sharing first, the n nearest in date of each level.
    # Once n are in, a lower level cannot outscore them.
    from_topics = 0
    for level in view.levels:
        if from_topics >= n:
            break
        for j in _nearest_unseen(index, level, i, n, acc):
            acc[j] = 0
            from_topics += 1
    # Shared topics add at most the weight of i's own topics: skip who cannot reach the n-th best.
    floor = min(heapq.nlargest(n, acc.values()), default=0) - view.most
    share, rank, item_topics = view.share, index.rank, index.topics
    scored = [(a + share.get(item_topics[j], 0), j) for j, a in acc.items() if a >= floor]
    if len(scored) > n:  # the n best scores and every tie with the n-th: only they need their distance
        cutoff = heapq.nlargest(n, scored)[-1][0]
        scored = [(score, j) for score, j in scored if score >= cutoff]
    return [(-negative, j) for negative, *_, j
            in heapq.nsmallest(n, ((-score, _distance(index, i, j), rank[j], j) for score, j in scored))]


_FAR = 1 << 40
"""The distance in days to or from an undated item: farther than any date."""


def _distance(index: _Index, i: int, j: int) -> int:
    a, b = index.day[i], index.day[j]
    return _FAR if a is None or b is None else abs(a - b)


class _Level:
    """Groups that share the same weight with a topic set, and their members in rank order (made when first
    needed: most items find their topic-only related articles in the first level)."""

    def __init__(self, index: _Index, groups: tuple[frozenset[int], ...]):
        self.index, self.groups = index, groups
        self._members: list[int] | None = None
        self._ranks: list[int] = []

    def members(self) -> tuple[list[int], list[int]]:
        if self._members is None:
            rank = self.index.rank
            self._members = list(heapq.merge(*(self.index.groups[g] for g in self.groups), key=rank.__getitem__))
            self._ranks = [rank[j] for j in self._members]
        return self._members, self._ranks


@dataclass(frozen=True)
class _TopicView:
    """What one topic set shares with the others; items with the same topics share it."""

    levels: tuple[_Level, ...]
    """Groups by the weight they share with this topic set, best first."""
    share: dict[frozenset[int], int]
    """Shared weight by the other item's topic set (absent: 0)."""
    most: int
    """The weight of the topic set itself: the most any item can share with it."""


def _topic_view(index: _Index, topics: frozenset[int]) -> _TopicView:
    share = {g: sum(index.weight[t] for t in g & topics) for t in topics for g in index.groups_of_topic[t]}
    by_share: dict[int, list[frozenset[int]]] = defaultdict(list)
    for g, w in share.items():
        by_share[w].append(g)
    levels = tuple(_Level(index, tuple(by_share[w])) for w in sorted(by_share, reverse=True))
    return _TopicView(levels, share, sum(index.weight[t] for t in topics))


def _nearest_unseen(index: _Index, level: _Level, i: int, n: int, seen: dict[int, int]) -> list[int]:
    """The n members of a level nearest to item i in date (then in rank order), other than i and those seen.

    The members are in rank order (newest first): from i's place among them, dates grow to the left and fall
    to the right, so the nearest are found walking both ways. To the left, members of one date come in
    falling rank order: the walk takes every member at the last distance it takes, and sorts."""
    members, ranks = level.members()
    if index.day[i] is None:  # undated: every member is as far; rank order
        return [j for j in members if j != i and j not in seen][:n]
    here = bisect.bisect_left(ranks, index.rank[i])
    found: list[tuple[int, int, int]] = []
    taken, last = 0, -1
    for k in range(here - 1, -1, -1):  # newer, or the same date and a smaller id
        j = members[k]
        d = _distance(index, i, j)
        if taken >= n and d > last:
            break
        if j not in seen:
            found.append((d, ranks[k], j))
            taken, last = taken + 1, d
    taken = 0
    for k in range(here, len(members)):  # older (and undated, last)
        j = members[k]
        if taken >= n:
            break
        if j != i and j not in seen:
            found.append((_distance(index, i, j), ranks[k], j))
            taken += 1
    return [j for *_, j in heapq.nsmallest(n, found)]


def _date_rank(items: Sequence[RelItem]) -> list[int]:
    """Each item's place in (newer first, undated last, then smaller id) order."""
    order = sorted(range(len(items)), key=lambda i: items[i].id)
    order.sort(key=lambda i: items[i].date, reverse=True)  # stable: ids stay ascending within a date; "" last
    rank = [0] * len(items)
    for r, i in enumerate(order):
        rank[i] = r
    return rank
