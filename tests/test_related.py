"""Related articles: on the seeds, on small cases worked by hand, against a brute force, and at scale."""
from __future__ import annotations

import marshal
import math
import pickle
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.lexicon import load_topics, load_marks
from support import classify
from sitegen.issue.parse import parse_text
from sitegen.issue.enrich.people import people_of
from sitegen.lexicon import load_places
import datetime

from unittest import mock

from sitegen.archive import related as related_module
from sitegen.archive.related import (REFERENCE, SCALE, TOPIC_RARITY, WEIGHTS, Related, RelItem, find_related,
                                     related_articles)
from sitegen.engine.cache import IssueCache, Kept, RelatedCache

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FALLBACK = load_topics()[-1].name


@pytest.fixture(scope="module")
def seed_items() -> list[RelItem]:
    issues = [parse_text(p.read_text(encoding="utf-8"), f"seeds/{p.name}") for p in sorted(SEEDS.glob("*.txt"))]
    issues = classify(issues, load_places())
    return [
        RelItem(a.id, i.date.isoformat() if i.date else "", a.topics, a.keywords, tuple(n for n, _ in people_of(a, load_marks())))
        for i in issues for a in i.articles
    ]


def shares(a: RelItem, b: RelItem) -> bool:
    topics = (set(a.topics) & set(b.topics)) - {FALLBACK}
    return bool(topics or set(a.keywords) & set(b.keywords) or set(a.people) & set(b.people))


def test_seed_articles_relate_to_others_that_share_something(seed_items):
    related = related_articles(seed_items, FALLBACK)
    by_id = {it.id: it for it in seed_items}
    assert set(related) == set(by_id)
    for item in seed_items:
        assert item.id not in related[item.id]
        assert len(related[item.id]) <= 5
        assert len(set(related[item.id])) == len(related[item.id])
        for other in related[item.id]:
            assert shares(item, by_id[other]), (item.id, other)
    # The two meetings chaired by 区委书记常卫 and written up by 通讯员石伟 in April 2020 go together.
    april = [it.id for it in seed_items if it.id.startswith("shijingshan-bao/2020-04-16/") and "常卫" in it.people]
    assert len(april) == 2
    assert april[1] in related[april[0]][:2]


def test_deterministic_whatever_the_input_order(seed_items):
    first = related_articles(seed_items, FALLBACK)
    shuffled = list(seed_items)
    random.Random(7).shuffle(shuffled)
    assert related_articles(shuffled, FALLBACK) == first
    assert related_articles(seed_items, FALLBACK) == first


def test_nothing_in_common_means_no_related_articles():
    items = [
        RelItem("a", "2020-01-01", ("防汛",), ("暴雨",), ("张三",)),
        RelItem("b", "2020-01-02", ("垃圾分类",), ("厨余",), ("李四",)),
        RelItem("c", "2020-01-03", (FALLBACK,), ("天气",), ()),
        RelItem("d", "2020-01-04", (FALLBACK,), ("晴朗",), ()),  # the fallback topic is no common ground
    ]
    assert related_articles(items, FALLBACK) == {"a": (), "b": (), "c": (), "d": ()}


def test_a_shared_person_or_keyword_outranks_a_shared_topic():
    items = [
        RelItem("x", "2020-01-01", ("防汛",), ("排水", "暴雨"), ("王建国",)),
        RelItem("topic-only", "2020-12-31", ("防汛",), ("演练",), ()),
        RelItem("same-person", "2020-01-02", ("垃圾分类",), ("厨余",), ("王建国",)),
        RelItem("same-keyword", "2020-01-03", ("冬奥会",), ("排水",), ()),
        RelItem("filler-1", "2020-01-04", ("党建",), ("学习",), ()),
        RelItem("filler-2", "2020-01-05", ("党建",), ("学习",), ()),
    ]
    related = related_articles(items, FALLBACK)
    assert related["x"] == ("same-person", "same-keyword", "topic-only")
    assert related["filler-1"] == ("filler-2",)


def test_ties_go_to_the_nearest_in_date_then_the_newer_then_the_smaller_id():
    items = [RelItem("me", "2020-06-01", ("防汛",))] + [
        RelItem(i, d, ("防汛",)) for i, d in [("b", "2020-05-01"), ("a", "2020-05-01"), ("c", "2020-07-01"),
                                             ("far", "2015-01-01"), ("u", ""), ("same", "2020-06-01")]
    ]
    assert related_articles(items, FALLBACK, n=3)["me"] == ("same", "c", "a")
    assert related_articles(items, FALLBACK, n=10)["me"] == ("same", "c", "a", "b", "far", "u")
    assert related_articles(items, FALLBACK, n=2)["u"] == ("c", "me")  # undated: the newest, then by id


def test_a_new_article_changes_only_the_lists_of_articles_near_it_in_time():
    # Articles a week apart over four years, each sharing one topic and nothing rarer: a new article at
    # the end comes into the lists of the last few only, not into every list as "the newest first" would.
    start = datetime.date(2018, 1, 1)
    items = [RelItem(f"a{k:03d}", (start + datetime.timedelta(weeks=k)).isoformat(), ("防汛",)) for k in range(200)]
    before = related_articles(items, FALLBACK)
    after = related_articles(items + [RelItem("new", (start + datetime.timedelta(weeks=200)).isoformat(), ("防汛",))],
                             FALLBACK)
    changed = [k for k in before if before[k] != after[k]]
    assert 0 < len(changed) <= 5 and all(k >= "a195" for k in changed)


def test_ids_must_be_unique():
    with pytest.raises(ValueError):
        related_articles([RelItem("a"), RelItem("a")], FALLBACK)


def brute_force(items: list[RelItem], n: int) -> dict[str, tuple[str, ...]]:
    """Every pair scored with the documented weights; what the indexes must reproduce."""
    feats = [
        {("topic", t) for t in it.topics if t != FALLBACK} | {("keyword", k) for k in it.keywords}
        | {("person", p) for p in it.people}
        for it in items
    ]
    df: dict = {}
    for fs in feats:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    weight = {f: round(WEIGHTS[f[0]] * (TOPIC_RARITY if f[0] == "topic" else math.log(1 + REFERENCE / d)) * SCALE)
              for f, d in df.items()}
    order = sorted(items, key=lambda it: it.id)
    order.sort(key=lambda it: it.date, reverse=True)
    rank = {it.id: r for r, it in enumerate(order)}

    def days_apart(a: RelItem, b: RelItem) -> float:
        if not a.date or not b.date:
            return math.inf
        return abs((datetime.date.fromisoformat(a.date) - datetime.date.fromisoformat(b.date)).days)
    out = {}
    for i, a in enumerate(items):
        scored = sorted(
            (-sum(weight[f] for f in feats[i] & feats[j]), days_apart(a, b), rank[b.id], b.id)
            for j, b in enumerate(items) if j != i and feats[i] & feats[j]
        )
        out[a.id] = tuple(s[-1] for s in scored[:n])
    return out


small_items = st.lists(
    st.tuples(
        st.sampled_from(["", "2020-01-01", "2020-02-01", "2020-02-02", "2020-03-01", "2020-04-15"]),
        st.sets(st.sampled_from(["防汛", "党建", "冬奥会", "防疫", FALLBACK]), max_size=3),
        st.sets(st.sampled_from([f"k{i}" for i in range(12)]), max_size=4),
        st.sets(st.sampled_from([f"p{i}" for i in range(5)]), max_size=2),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(small_items, st.integers(min_value=1, max_value=6))
def test_the_same_as_scoring_every_pair(raw, n):
    items = [RelItem(f"id{i:02d}", d, tuple(sorted(t)), tuple(sorted(k)), tuple(sorted(p)))
             for i, (d, t, k, p) in enumerate(raw)]
    assert related_articles(items, FALLBACK, n=n) == brute_force(items, n)


def _item(i: int, raw) -> RelItem:
    d, t, k, p = raw
    return RelItem(f"id{i:02d}", d, tuple(sorted(t)), tuple(sorted(k)), tuple(sorted(p)))


changes = st.lists(
    st.tuples(st.sampled_from(["add", "remove", "edit"]), st.integers(min_value=0, max_value=60), small_items,
              st.sampled_from(["kept", "saved", "other n", "stale"])),
    min_size=1, max_size=4,
)


def through_marshal(related: Related) -> Related:
    """The Related as the next build reads it back from the file RelatedCache writes."""
    return Related.restored(marshal.loads(marshal.dumps(related.saved())))


@settings(max_examples=300, deadline=None)
@given(small_items, changes, st.integers(min_value=1, max_value=4), st.sampled_from([2, 3, 200]))
def test_lists_found_again_after_changes_are_those_found_anew(raw, steps, n, max_posting):
    """Whatever is added, removed or edited, the lists kept from before and the ones found again are
    exactly the lists found from nothing (a person or keyword crossing MAX_POSTING included), whether
    the previous lists were kept in memory, saved and read back, found with other rules, or already
    started from once (whose index has moved on since)."""
    with mock.patch.object(related_module, "MAX_POSTING", max_posting):
        items = [_item(i, r) for i, r in enumerate(raw)]
        before = find_related(items, FALLBACK, n)
        older = before
        next_id = len(items)
        for what, at, more, how in steps:
            if what == "add":
                added = [_item(next_id + k, r) for k, r in enumerate(more[:3])]
                next_id += len(added)
                position = at % (len(items) + 1)
                items = items[:position] + added + items[position:]
            elif what == "remove" and items:
                del items[at % len(items)]
            elif items and more:
                k, edited = at % len(items), _item(0, more[0])
                items[k] = RelItem(items[k].id, edited.date, edited.topics, edited.keywords, edited.people)
            start = {"kept": before, "saved": through_marshal(before), "other n": find_related(items, FALLBACK, n + 1),
                     "stale": older}[how]
            older = before
            after = find_related(items, FALLBACK, n, start)
            assert after.lists == find_related(items, FALLBACK, n).lists
            assert list(after.lists) == [it.id for it in items]
            before = after


def test_lists_found_again_in_a_larger_archive_are_those_found_anew():
    """Hundreds of articles sharing keywords and people of every rarity, changed as keepers do (this
    week's issue, a back issue, an article taken out, one corrected): kept lists, put in order again
    and found again are what finding them all anew gives, step after step, kept and read back."""
    rng = random.Random(22)
    topics = ["防汛", "党建", "冬奥会", "防疫", "垃圾分类", FALLBACK]

    def article(k: int, date: str) -> RelItem:
        return RelItem(f"a{k:04d}", date, tuple(rng.sample(topics, rng.randint(1, 2))),
                       tuple(f"词{rng.randint(0, 150)}" for _ in range(rng.randint(0, 6))),
                       tuple(f"人{rng.randint(0, 40)}" for _ in range(rng.randint(0, 2))))

    def day(k: int) -> str:
        return "" if k % 50 == 7 else (datetime.date(2019, 1, 1) + datetime.timedelta(days=3 * k)).isoformat()
    items = [article(k, day(k // 4)) for k in range(600)]
    before = find_related(items, FALLBACK, 5)
    next_k = len(items)
    for step in range(14):
        kind = ["new issue", "back issue", "taken out", "corrected"][step % 4]
        if kind in ("new issue", "back issue"):
            date = day(next_k // 4) if kind == "new issue" else day(rng.randrange(next_k // 4))
            items += [article(next_k + k, date) for k in range(5)]
            next_k += 5
        elif kind == "taken out":
            for _ in range(3):
                del items[rng.randrange(len(items))]
        else:
            k = rng.randrange(len(items))
            items[k] = article(int(items[k].id[1:]), items[k].date)
        after = find_related(items, FALLBACK, 5, through_marshal(before) if step % 2 else before)
        assert after.lists == find_related(items, FALLBACK, 5).lists, (step, kind)
        before = after


def seed_related_cache(tmp_path: Path, kept: Kept | None = None) -> RelatedCache:
    return RelatedCache(IssueCache(tmp_path, version="0" * 64, kept=kept))


def test_the_lists_kept_on_disk_are_a_start_for_the_next_build(tmp_path, seed_items):
    *older, newest = seed_items
    seed_related_cache(tmp_path).put(find_related(older, FALLBACK))
    before = seed_related_cache(tmp_path).get()
    assert before is not None
    after = find_related(seed_items, FALLBACK, before=before)
    assert after.lists == related_articles(seed_items, FALLBACK)
    # Read back with nothing changed since, the lists are taken as they are (and need no saving again).
    seed_related_cache(tmp_path).put(after)
    again = seed_related_cache(tmp_path).get()
    assert find_related(seed_items, FALLBACK, before=again) is again


@pytest.mark.parametrize("damage", ["cut short", "a byte changed", "empty", "another format"])
def test_damaged_lists_on_disk_are_found_anew(tmp_path, seed_items, damage):
    cache = seed_related_cache(tmp_path)
    cache.put(find_related(seed_items, FALLBACK))
    [path] = (tmp_path / "related").iterdir()
    data = path.read_bytes()
    path.write_bytes({"cut short": data[:len(data) // 2], "a byte changed": data[:-9] + bytes([data[-9] ^ 1]) + data[-8:],
                      "empty": b"", "another format": pickle.dumps(find_related(seed_items, FALLBACK))}[damage])
    assert seed_related_cache(tmp_path).get() is None
    (tmp_path / "related" / path.name).unlink()
    assert seed_related_cache(tmp_path).get() is None  # none at all


def test_lists_kept_in_memory_whose_index_moved_on_are_read_from_disk(tmp_path, seed_items):
    kept = Kept()
    *older, newest = seed_items
    cache = seed_related_cache(tmp_path, kept)
    first = find_related(older, FALLBACK)
    cache.put(first)
    assert cache.get() is first
    find_related(seed_items, FALLBACK, before=first)  # updates first's index: first is no start any more
    again = cache.get()
    assert again is not first and again is not None and again.lists == related_articles(older, FALLBACK)


def test_ten_thousand_articles():
    rng = random.Random(2020)
    topics = [t.name for t in load_topics()]
    words = [f"词{i}" for i in range(6000)]
    names = [f"人{i}" for i in range(2000)]
    items = [
        RelItem(
            f"p/{i:05d}", f"20{rng.randint(10, 20)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            tuple(rng.sample(topics, rng.randint(1, 3))), tuple(rng.sample(words, 8)), tuple(rng.sample(names, 2)),
        )
        for i in range(10_000)
    ]
    # A small case that must come out right among them: three articles and the one person they share.
    known = [RelItem(f"known/{k}", f"2021-01-0{k}", (FALLBACK,), (), ("独有的人",)) for k in (1, 2, 3)]
    found = find_related(items + known, FALLBACK)
    related = found.lists
    assert len(related) == 10_003
    assert related["known/1"] == ("known/2", "known/3")
    assert related["known/3"] == ("known/2", "known/1")
    by_id = {it.id: it for it in items}
    for item in items[:200]:
        assert item.id not in related[item.id] and len(related[item.id]) == 5
        assert all(shares(item, by_id[o]) for o in related[item.id])
    # This week's issue, then a back issue: few lists are found again (each level of topic groups walked
    # group by group), and every list is what finding them all anew gives.
    for date in ("2021-02-01", "2014-06-01"):
        issue = [RelItem(f"{date}/{k}", date, tuple(rng.sample(topics, rng.randint(1, 3))),
                         tuple(rng.sample(words, 8)), tuple(rng.sample(names, 2))) for k in range(5)]
        items = issue + items
        found = find_related(items + known, FALLBACK, before=found)
        assert found.lists == related_articles(items + known, FALLBACK)
