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

Given the lists of an earlier archive (Related), the next build starts from the index they were found
with, and its work follows the change, not the archive. The index (each feature's number and weight, who
has each person and keyword, the topic groups, every list with its scores, who lists whom) keeps each
article in a slot of its own while it stays, and orders by (date, id) keys rather than by positions, so
that it is updated in place for the articles added and gone (an edited article is one gone and one
added). Then only the lists the change can alter are found again:
- a list that had an article now gone;
- the lists of the articles holding a person or keyword that starts or stops counting;
- the lists a newcomer joins: its exact score with an article (shared people and keywords, then topics)
  outranks the list's last entry, or the list is short;
- a list whose entries' scores moved with the df of a person or keyword its article holds, unless each
  entry stays above its `runner` (a score no article off the list beats: the best of the rest when the
  list was found, raised by newcomers that do not join) plus the most such an article can have gained:
  then its entries are scored again from the moves of the features they share and put in order.
Related.saved() gives the index as plain data, which engine.cache.RelatedCache keeps in marshal's format.
tests/test_related.py checks the result against finding every list again over random sequences of
changes.
"""
from __future__ import annotations

import bisect
import datetime
import heapq
import logging
import math
import sys
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
    """Every item's related ids, with the index they were found with: what finding them for a changed
    archive starts from (saved() and restored() give it as plain data, for the next build)."""

    lists: Mapping[str, tuple[str, ...]]
    """Each item's related ids, best first, in the order of the items given."""
    index: _Index
    """The index of the items, which the next find_related updates in place for what changed."""
    generation: int
    """The index's generation these lists go with: once it has moved on, they are no start for another."""

    @property
    def usable(self) -> bool:
        """Whether a later find_related can start from this (its index has not been updated since)."""
        return self.index.generation == self.generation

    def saved(self) -> tuple:
        """The index as plain tuples, lists, dicts, ints and strings (for marshal: no class of the project)."""
        return self.index.saved()

    @staticmethod
    def restored(saved: object) -> Related:
        """The Related of saved(); ValueError when saved is not such a value."""
        index = _Index.restored(saved)
        return Related(dict(index.lists), index, index.generation)


def _rules(fallback_topic: str, n: int) -> tuple:
    return (fallback_topic, n, tuple(sorted(WEIGHTS.items())), MAX_POSTING, REFERENCE, TOPIC_RARITY, SCALE)


def find_related(items: Sequence[RelItem], fallback_topic: str, n: int = 5, before: Related | None = None) -> Related:
    """related_articles, as a Related; with before (the same for an earlier archive), only the lists the
    change can alter are found again, and every list is what finding it anew would give."""
    ids = [it.id for it in items]
    present = set(ids)
    if len(present) != len(ids):
        raise ValueError("related_articles: item ids must be unique")
    rules = _rules(fallback_topic, n)
    if before is not None and before.usable and before.index.rules == rules:
        index = before.index
        stored = index.items
        changed = [it for it in items if stored.get(it.id) != it]  # new, or edited
        gone = [id_ for id_ in stored if id_ not in present]
        if not changed and not gone and list(before.lists) == ids:
            return before  # nothing changed
        fresh = False
    else:
        index, changed, gone, fresh = _Index(rules), list(items), [], True
    generation = index.generation + 1
    index.generation = -1  # until the update is whole: should it fail, no Related starts from this index
    todo = index.update(changed, gone, fresh)
    lists, listers = index.lists, index.listers
    views: dict[frozenset[int], _TopicView] = {}
    eager = 8 * len(todo) > len(ids)  # many lists to find: every level of topic groups is merged at once
    for s in todo:
        id_ = index.ids[s]
        best = _best(index, s, n + 1, views, eager)  # and the best of the rest, which no item off the list outscores
        index.runner[s] = best.pop()[0] if len(best) > n else -1
        for other in lists.get(id_, ()):
            t = index.slot.get(other)
            if t is not None and s in listers[t]:
                listers[t].remove(s)
        for _, j in best:
            listers[j].append(s)
        lists[id_] = tuple(index.ids[j] for _, j in best)
        index.scores[s] = tuple(score for score, _ in best)
        index.bar[s] = best[-1][0] if len(best) == n else -1
    found = {id_: lists[id_] for id_ in ids}
    # The index keeps its own copy, in the items' order: read back, it says nothing changed when the
    # next build gives the same items in the same order.
    index.lists = dict(found)
    index.generation = generation
    log.debug("related articles for %d of %d items", len(todo), len(items))
    return Related(found, index, generation)


def _counts(df: int) -> bool:
    """Whether a person or keyword in df articles counts in a score."""
    return 2 <= df <= MAX_POSTING


_SAVED_FORMAT = "related-index-1"
_NO_TOPICS: frozenset[int] = frozenset()


class _Index:
    """The items and what scoring them needs, each item in a slot of its own (a number kept while the
    item is, so that adding or removing one moves no other), updated for the items added and gone."""

    def __init__(self, rules: tuple):
        self.rules = rules
        self.generation = 0
        self.items: dict[str, tuple] = {}
        """Each item by id, as a plain tuple (a RelItem compares equal to it): what changed is what differs."""
        self.slot: dict[str, int] = {}
        self.ids: list[str | None] = []
        """Per slot, its item's id; None for a free slot."""
        self.free: list[int] = []
        self.day: list[int | None] = []
        """Per slot, its item's date as a day number; None when it has none."""
        self.keys: list[tuple[int, str] | None] = []
        """Per slot, where its item comes in (newer, smaller id) order: (-day or 1 when undated, id)."""
        self.words: list[tuple[int, ...]] = []
        """Per slot, its item's people and keywords as feature numbers."""
        self.topics: list[frozenset[int]] = []
        """Per slot, its item's topics (but the fallback) as feature numbers."""
        self.feature_ids: dict[str, dict[str, int]] = {"topic": {}, "keyword": {}, "person": {}}
        """Per kind, each value's feature number."""
        self.kinds: list[str] = []
        """Per feature, its kind."""
        self.weight: list[int] = []
        """Per feature, its weight in millionths."""
        self.holders: list[list[int]] = []
        """Per person or keyword, the slots of the items that have it (empty for a topic)."""
        self.groups: dict[frozenset[int], list[int]] = {}
        """Slots by their item's set of topics, each list in key order."""
        self.groups_of_topic: dict[int, list[frozenset[int]]] = {}
        self.lists: dict[str, tuple[str, ...]] = {}
        self.scores: list[tuple[int, ...]] = []
        """Per slot, the score of each entry of its list."""
        self.bar: list[int] = []
        """Per slot, the score of its list's last entry, -1 when the list is short: what a newcomer must
        reach to join it."""
        self.runner: list[int] = []
        """Per slot, at least the score of every item that is not on its list (-1: there is none), and
        at most bar."""
        self.listers: list[list[int]] = []
        """Per slot, the slots whose lists have its item."""

    def update(self, added: Sequence[RelItem], gone: Sequence[str], fresh: bool) -> set[int]:
        """Take in the items added (new, or edited: their old version goes) and take out those gone; the
        slots whose lists must be found again (see the module's docstring). The lists whose entries only
        moved in score, keeping their place above whatever is not on them, are put in order here."""
        todo: set[int] = set()
        moved: dict[int, int] = defaultdict(int)
        for id_ in [*gone, *(it.id for it in added if it.id in self.items)]:
            self._remove(self.slot[id_], moved, todo)
        added_slots = self._add(added, None if fresh else moved)
        todo.update(added_slots)
        if fresh:
            self.weight = [_weight(kind, len(having)) for kind, having in zip(self.kinds, self.holders)]
            return todo
        delta: dict[int, int] = {}
        for f, change in moved.items():
            df, before = len(self.holders[f]), self.weight[f]
            self.weight[f] = _weight(self.kinds[f], df)
            if _counts(df) != _counts(df - change):
                todo.update(self.holders[f])  # it starts or stops counting: every item that has it is scored anew
            elif _counts(df) and self.weight[f] != before:
                delta[f] = self.weight[f] - before
        shifted: dict[int, list[int]] = defaultdict(list)
        for f in delta:
            for i in self.holders[f]:
                shifted[i].append(f)
        for i, features in shifted.items():
            if i not in todo and not self._shift(i, features, delta):
                todo.add(i)
        self._joinable(added_slots, todo)
        return {s for s in todo if self.ids[s] is not None}

    def _shift(self, i: int, features: list[int], delta: dict[int, int]) -> bool:
        """Put slot i's list in order again after the weights of some of its item's features moved by
        delta, if it keeps its entries: each entry scores what it did plus the moves of the features it
        shares; an item not on the list scored at most runner, and gains at most the sum of the rises.
        Whether it could (else the list is to be found again)."""
        n, keys = self.rules[1], self.keys
        id_ = self.ids[i]
        moved = set(features)
        rise = sum(d for f in features if (d := delta[f]) > 0)
        bound, full = self.runner[i] + rise, len(self.lists[id_]) == n
        entries = []
        for other, score in zip(self.lists[id_], self.scores[i]):
            t = self.slot[other]
            change = sum(delta[f] for f in self.words[t] if f in moved)
            # A full list keeps an entry that stays above every item not on it: strictly above the most
            # any of them can reach, or not lower while none of them rose. A short list has every item
            # that shares something with i.
            if full and not (score + change > bound or (rise == 0 and change >= 0)):
                return False
            entries.append((-(score + change), _distance(self, i, t), keys[t], t))
        entries.sort()
        self.lists[id_] = tuple(self.ids[t] for *_, t in entries)
        self.scores[i] = tuple(-negative for negative, *_ in entries)
        self.bar[i] = self.scores[i][-1] if full else -1
        self.runner[i] = bound if full else -1
        return True

    def _joinable(self, added: list[int], todo: set[int]) -> None:
        """Add to todo the slots whose lists an added item can join: its score with them outranks their
        last entry, or their list is short; where it cannot, it may raise their runner."""
        runner, weight, topics = self.runner, self.weight, self.topics
        for j in added:
            topics_j = topics[j]
            sharing = self.word_scores(j)  # by what counts, then by topics
            for i, score in sharing.items():
                if i not in todo:
                    self._newcomer(j, i, score + sum(weight[t] for t in topics[i] & topics_j), todo)
            for g in {g for t in topics_j for g in self.groups_of_topic[t]}:
                share = sum(weight[t] for t in g & topics_j)
                for i in [i for i in self.groups[g] if runner[i] <= share]:  # most lists are above it
                    if i not in todo and i not in sharing:
                        self._newcomer(j, i, share, todo)

    def word_scores(self, i: int) -> defaultdict[int, int]:
        """What every other item scores against item i through the people and keywords that count."""
        scores: defaultdict[int, int] = defaultdict(int)
        holders, weight = self.holders, self.weight
        for f in self.words[i]:
            having = holders[f]
            if 2 <= len(having) <= MAX_POSTING:
                w = weight[f]
                for j in having:
                    scores[j] += w
        scores.pop(i, None)
        return scores

    def _newcomer(self, j: int, i: int, score: int, todo: set[int]) -> None:
        """Slot j scores score with slot i: add i to todo if j comes before the last entry of its list (or
        the list is short), else raise i's runner to score."""
        bar = self.bar[i]
        if score == bar:
            k = self.slot[self.lists[self.ids[i]][-1]]
            joins = (_distance(self, i, j), self.keys[j]) < (_distance(self, i, k), self.keys[k])
        else:
            joins = score > bar
        if joins:
            todo.add(i)
        elif score > self.runner[i]:
            self.runner[i] = score

    def _remove(self, s: int, moved: dict[int, int], todo: set[int]) -> None:
        id_ = self.ids[s]
        for f in self.words[s]:
            self.holders[f].remove(s)
            moved[f] -= 1
        topics = self.topics[s]
        if topics:
            group = self.groups[topics]
            del group[bisect.bisect_left(group, self.keys[s], key=self.keys.__getitem__)]
            if not group:
                del self.groups[topics]
                for t in topics:
                    self.groups_of_topic[t].remove(topics)
        todo.update(self.listers[s])  # what listed it
        for other in self.lists.pop(id_, ()):
            t = self.slot.get(other)
            if t is not None and s in self.listers[t]:
                self.listers[t].remove(s)
        del self.items[id_], self.slot[id_]
        self.ids[s] = self.keys[s] = self.day[s] = None
        self.words[s], self.topics[s], self.listers[s], self.scores[s] = (), _NO_TOPICS, [], ()
        self.bar[s] = self.runner[s] = -1
        self.free.append(s)

    def _add(self, items: Sequence[RelItem], moved: dict[int, int] | None) -> list[int]:
        """Give each item a slot and index it; moved (None when every weight is to be worked out after)
        counts the items each person or keyword gains."""
        fallback, intern = self.rules[0], sys.intern
        topic_ids, keyword_ids, person_ids = (self.feature_ids[kind] for kind in ("topic", "keyword", "person"))
        holders, feature = self.holders, self._feature
        days: dict[str, int | None] = {"": None}
        slots = []
        joining: dict[frozenset[int], list[int]] = defaultdict(list)
        for it in items:
            id_, date, topics, keywords, people = it
            if self.free:
                s = self.free.pop()
            else:
                s = len(self.ids)
                for column in (self.ids, self.keys, self.day, self.words, self.topics, self.listers, self.scores,
                               self.bar, self.runner):
                    column.append(None)  # type: ignore[arg-type]
            slots.append(s)
            id_, date = intern(id_), intern(date)
            day = days.get(date, -1)
            if day == -1:
                day = days[date] = datetime.date.fromisoformat(date).toordinal()
            in_topics = []
            for v in topics:
                if v != fallback:
                    f = topic_ids.get(v)
                    in_topics.append(feature("topic", v) if f is None else f)
            item_topics = frozenset(in_topics)
            words = set()
            for v in keywords:
                f = keyword_ids.get(v)
                words.add(feature("keyword", v) if f is None else f)
            for v in people:
                f = person_ids.get(v)
                words.add(feature("person", v) if f is None else f)
            for f in words:
                holders[f].append(s)
            if moved is not None:
                for f in words:
                    moved[f] += 1
            self.items[id_] = (id_, date, tuple(map(intern, topics)), tuple(map(intern, keywords)),
                               tuple(map(intern, people)))
            self.slot[id_], self.ids[s], self.day[s] = s, id_, day
            self.keys[s] = (1 if day is None else -day, id_)
            self.words[s], self.topics[s], self.listers[s] = tuple(words), item_topics, []
            self.scores[s], self.bar[s], self.runner[s] = (), -1, -1
            if item_topics:
                joining[item_topics].append(s)
        key = self.keys.__getitem__
        for topics, slots_in in joining.items():
            group = self.groups.get(topics)
            if group is None:
                group = self.groups[topics] = []
                for t in topics:
                    self.groups_of_topic.setdefault(t, []).append(topics)
            if len(slots_in) > 8:
                group.extend(slots_in)
                group.sort(key=key)
            else:
                for s in slots_in:
                    bisect.insort(group, s, key=key)
        return slots

    def _feature(self, kind: str, value: str) -> int:
        ids = self.feature_ids[kind]
        f = ids.get(value)
        if f is None:
            f = ids[sys.intern(value)] = len(self.kinds)
            self.kinds.append(kind)
            self.weight.append(_weight(kind, 0))
            self.holders.append([])
        return f

    def saved(self) -> tuple:
        # Topic sets are few: each slot's is saved as the number of its group (marshal writes a
        # frozenset several times slower than an int), a slot without topics as -1.
        group_number = {topics: k for k, topics in enumerate(self.groups)}
        topics = [group_number[t] if t else -1 for t in self.topics]
        return (_SAVED_FORMAT, self.rules, self.generation, self.items, self.ids, self.free, self.day, self.words,
                topics, self.feature_ids, self.kinds, self.weight, self.holders, list(self.groups.items()),
                self.lists, self.scores, self.runner, self.listers)

    @staticmethod
    def restored(saved: object) -> _Index:
        if not (isinstance(saved, tuple) and len(saved) == 18 and saved[0] == _SAVED_FORMAT):
            raise ValueError("not a saved related-articles index")
        index = _Index(saved[1])
        (_, _, index.generation, index.items, index.ids, index.free, index.day, index.words, topics,
         index.feature_ids, index.kinds, index.weight, index.holders, groups, index.lists, index.scores,
         index.runner, index.listers) = saved
        n = index.rules[1]
        index.bar = [s[-1] if len(s) == n else -1 for s in index.scores]
        index.groups = dict(groups)
        sets = [*index.groups, _NO_TOPICS]
        index.topics = [sets[k] for k in topics]
        slots = len(index.ids)
        if not (len(index.day) == len(index.words) == len(index.topics) == len(index.listers) == len(index.runner)
                == slots and len(index.kinds) == len(index.weight) == len(index.holders)
                and len(index.items) == len(index.lists) == slots - len(index.free)):
            raise ValueError("a saved related-articles index whose parts do not agree")
        index.slot = {id_: s for s, id_ in enumerate(index.ids) if id_ is not None}
        index.keys = [None if id_ is None else (1 if d is None else -d, id_) for id_, d in zip(index.ids, index.day)]
        for topics in index.groups:
            for t in topics:
                index.groups_of_topic.setdefault(t, []).append(topics)
        return index


def _weight(kind: str, df: int) -> int:
    """A feature's weight in millionths, with df items having it."""
    if kind == "topic":
        return round(WEIGHTS[kind] * TOPIC_RARITY * SCALE)
    return round(WEIGHTS[kind] * math.log(1 + REFERENCE / df) * SCALE) if df else 0


def _best(index: _Index, i: int, n: int, views: dict[frozenset[int], _TopicView], eager: bool = False
          ) -> list[tuple[int, int]]:
    """The n items with the best score against item i, ties to the nearer in date, then the newer, then
    the smaller id, as (score, slot)."""
    acc = index.word_scores(i)  # score from rare people and keywords
    topics = index.topics[i]
    if topics not in views:
        views[topics] = _topic_view(index, topics, eager)
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
    share, keys, item_topics = view.share, index.keys, index.topics
    scored = [(a + share.get(item_topics[j], 0), j) for j, a in acc.items() if a >= floor]
    if len(scored) > n:  # the n best scores and every tie with the n-th: only they need their distance
        cutoff = heapq.nlargest(n, scored)[-1][0]
        scored = [(score, j) for score, j in scored if score >= cutoff]
    return [(-negative, j) for negative, *_, j
            in heapq.nsmallest(n, ((-score, _distance(index, i, j), keys[j], j) for score, j in scored))]


_FAR = 1 << 40
"""The distance in days to or from an undated item: farther than any date."""


def _distance(index: _Index, i: int, j: int) -> int:
    a, b = index.day[i], index.day[j]
    return _FAR if a is None or b is None else abs(a - b)


class _Level:
    """Groups that share the same weight with a topic set. Each group is walked on its own, until the
    level has been looked up often enough that merging the members of all once, in key order, and
    walking them as one costs less (when many lists are found)."""

    def __init__(self, index: _Index, groups: tuple[frozenset[int], ...], eager: bool):
        self.index, self.groups = index, groups
        self.walked = 1 << 60 if eager else 0
        """Groups walked so far."""
        self._merged: list[int] | None = None
        self._keys: list[tuple[int, str]] = []

    def walks(self) -> list[tuple[list[int], list | None]]:
        """Lists of members in key order to walk, each with its keys when they are at hand."""
        groups = self.index.groups
        if self._merged is None:
            self.walked += len(self.groups)
            # A group's walk costs about as much as merging six members (measured at 38,000 articles).
            if 6 * self.walked > sum(len(groups[g]) for g in self.groups):
                keys = self.index.keys
                self._merged = list(heapq.merge(*(groups[g] for g in self.groups), key=keys.__getitem__))
                self._keys = [keys[j] for j in self._merged]  # type: ignore[misc]
        if self._merged is not None:
            return [(self._merged, self._keys)]
        return [(groups[g], None) for g in self.groups]


@dataclass(frozen=True)
class _TopicView:
    """What one topic set shares with the others; items with the same topics share it."""

    levels: tuple[_Level, ...]
    """Groups by the weight they share with this topic set, best first."""
    share: dict[frozenset[int], int]
    """Shared weight by the other item's topic set (absent: 0)."""
    most: int
    """The weight of the topic set itself: the most any item can share with it."""


def _topic_view(index: _Index, topics: frozenset[int], eager: bool) -> _TopicView:
    share = {g: sum(index.weight[t] for t in g & topics) for t in topics for g in index.groups_of_topic[t]}
    by_share: dict[int, list[frozenset[int]]] = defaultdict(list)
    for g, w in share.items():
        by_share[w].append(g)
    levels = tuple(_Level(index, tuple(by_share[w]), eager) for w in sorted(by_share, reverse=True))
    return _TopicView(levels, share, sum(index.weight[t] for t in topics))


def _nearest_unseen(index: _Index, level: _Level, i: int, n: int, seen: dict[int, int]) -> list[int]:
    """The n members of a level's groups nearest to item i in date (then in key order), other than i and
    those seen.

    The n nearest of the level are among the n nearest of each list walked (level.walks). A list's members
    are in key order (newest first): from i's place among them, dates grow to the left and fall to the
    right, so the nearest are found walking both ways. To the left, members of one date come in falling
    key order: the walk takes every member at the last distance it takes, and sorts."""
    keys, key_i, day, day_i = index.keys, index.keys[i], index.day, index.day[i]
    found: list[tuple[int, tuple, int]] = []
    for members, member_keys in level.walks():
        if day_i is None:  # undated: every member is as far; key order
            found.extend((_FAR, keys[j], j) for j in [j for j in members if j != i and j not in seen][:n])
            continue
        here = bisect.bisect_left(member_keys, key_i) if member_keys is not None \
            else bisect.bisect_left(members, key_i, key=keys.__getitem__)
        taken, last = 0, -1
        for k in range(here - 1, -1, -1):  # newer, or the same date and a smaller id
            j = members[k]
            d = _FAR if day[j] is None else abs(day_i - day[j])  # (_distance, inline: the hottest loop)
            if taken >= n and d > last:
                break
            if j not in seen:
                found.append((d, keys[j], j))
                taken, last = taken + 1, d
        taken = 0
        for k in range(here, len(members)):  # older (and undated, last)
            j = members[k]
            if taken >= n:
                break
            if j != i and j not in seen:
                found.append((_FAR if day[j] is None else abs(day_i - day[j]), keys[j], j))
                taken += 1
    return [j for *_, j in heapq.nsmallest(n, found)]
