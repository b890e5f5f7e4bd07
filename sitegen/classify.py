"""Give each article its districts, topics and keywords, using jieba's segmentation."""
from __future__ import annotations

import functools
import logging
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from .model import Article, Issue
from .places import DATA_DIR, Places
from .segment import segment as _segment, segment_issues
from .segment import tokenizer as _tokenizer  # noqa: F401 (people.py builds its POS tagger on it)

log = logging.getLogger(__name__)

MAX_TOPICS = 3
MAX_KEYWORDS = 8
TOPIC_SHARE = 0.3
"""A second or third topic must score at least this share of the best one: fewer, surer topics."""
HEADLINE_WEIGHT = 3

STOP_WORDS = frozenset(
    """我们 他们 你们 这个 那个 一个 一些 没有 进行 开展 工作 要求 强调 指出 会议 同时 以及 通过 相关 有关
    进一步 全面 加强 推进 推动 落实 做好 确保 继续 持续 坚持 深入 积极 充分 不断 各项 各类 当前 目前 今年
    其中 已经 可以 能够 需要 就是 还是 这些 那些 之后 以来 期间 方面 情况 问题 工作人员 我区 本报讯 记者
    通讯员 提供 实现 形成 提升 完善 建立 组织 参加 部署 召开 进行了 表示 介绍 了解 告诉 为了 对于 由于 随着
    并且 而且 但是 因此 如果 所有 一起 一定 一直 已 将 要 把 让 对 在 和 与 及 等 的 了 是 也 都 为 从 向""".split()
)
_NUMBERISH = re.compile(r"^[\d.%０-９一二三四五六七八九十百千万亿余多个次场项名]+$")


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    terms: tuple[str, ...]


@functools.cache
def load_topics(path: str = str(DATA_DIR / "topics.toml")) -> tuple[Topic, ...]:
    """Read the topic taxonomy that keepers edit."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    return tuple(Topic(t["name"], t["slug"], tuple(t["terms"])) for t in raw["topic"])


def segment(text: str) -> list[str]:
    """Split Chinese text into words with jieba (kept here for callers that think of it as classifying)."""
    return _segment(text)


def article_text(article: Article) -> str:
    return "\n".join(x for x in (article.kicker, article.headline, article.deck, article.text) if x)


def districts_of(article: Article, issue: Issue, places: Places) -> tuple[str, ...]:
    """The districts an article is about: those it names, and its own paper's district."""
    text = article_text(article)
    found = []
    for d in places.districts:
        full = text.count(d.name)
        bare = sum(len(re.findall(re.escape(a) + "(?!区)", text)) for a in d.aliases)
        # A bare alias (石景山, 朝阳) is also an ordinary word or part of one; ask for two uses.
        if full >= 1 or bare >= 2:
            found.append(d.name)
    if issue.district and issue.district not in found:
        found.insert(0, issue.district)
    return tuple(found)


def topics_of(words: Sequence[str], headline_words: Sequence[str]) -> tuple[str, ...]:
    """Score each topic by how often its terms occur; keep the best few, else the fallback (last) topic.

    A term counts wherever jieba's word contains it, so 疫情防控 counts for both 疫情 and 防控.
    """
    terms = _term_topics()
    scores: Counter[int] = Counter()
    for weight, ws in ((1, words), (HEADLINE_WEIGHT, headline_words)):
        for w in ws:
            for i in _word_topics(w):
                scores[i] += weight
    topics = load_topics()
    if not scores:
        return (topics[-1].name,)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best = ranked[0][1]
    return tuple(topics[i].name for i, score in ranked[:MAX_TOPICS] if score >= best * TOPIC_SHARE)


@functools.cache
def _term_topics() -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    for i, topic in enumerate(load_topics()):
        for term in topic.terms:
            out.setdefault(term, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=200_000)
def _word_topics(word: str) -> frozenset[int]:
    """The topics whose terms a word contains; each word counts once per topic, however many terms it holds."""
    terms = _term_topics()
    return frozenset(i for part in _substrings(word) for i in terms.get(part, ()))


def _substrings(word: str) -> set[str]:
    if len(word) > 12:  # a run jieba could not split (a URL, a number); terms are never that long
        return {word}
    return {word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1)}


@functools.lru_cache(maxsize=200_000)
def _is_keyword_candidate(w: str) -> bool:
    return len(w) >= 2 and w not in STOP_WORDS and not _NUMBERISH.match(w) and bool(re.search(r"[\u4e00-\u9fff]", w))


def _keyword_candidates(words: Sequence[str]) -> list[str]:
    return [w for w in words if _is_keyword_candidate(w)]


def keywords_of(words: Sequence[str], doc_freq: Counter[str], n_docs: int) -> tuple[str, ...]:
    """Top TF-IDF words of one article, with document frequencies from this archive."""
    tf = Counter(_keyword_candidates(words))
    scored = sorted(
        ((-(count * (math.log((n_docs + 1) / (doc_freq[w] + 1)) + 1)), w) for w, count in tf.items())
    )
    return tuple(w for _, w in scored[:MAX_KEYWORDS])


def classify(issues: Sequence[Issue], places: Places, cache_dir: Path | None = None,
             workers: int | None = None) -> list[Issue]:
    """Give every article of every issue its districts, topics and keywords."""
    segmented = segment_issues([[(article_text(a), a.headline) for a in issue.articles] for issue in issues],
                               cache_dir, workers)
    doc_freq: Counter[str] = Counter()
    for per_issue in segmented:
        for words, _ in per_issue:
            doc_freq.update(set(_keyword_candidates(words)))
    n_docs = sum(len(i.articles) for i in issues)
    out = []
    for issue, per_issue in zip(issues, segmented):
        articles = tuple(
            replace(
                a,
                districts=districts_of(a, issue, places),
                topics=topics_of(words, head),
                keywords=keywords_of(words, doc_freq, n_docs),
            )
            for a, (words, head) in zip(issue.articles, per_issue)
        )
        out.append(replace(issue, articles=articles))
    return out
