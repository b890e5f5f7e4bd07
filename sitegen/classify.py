"""Give each article its districts, topics and keywords, using jieba's segmentation."""
from __future__ import annotations

import functools
import heapq
import logging
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from .model import Article, Issue
from .people import _pos, _tagged, byline_people, load_marks, people_of
from .places import DATA_DIR, Places
from .segment import ArticleWords, segment_issue
from .segment import tokenizer as _tokenizer, word_tags as _word_tags
from .segment import segment as _segment

log = logging.getLogger(__name__)

MAX_TOPICS = 3
MAX_KEYWORDS = 8
TOPIC_SHARE = 0.25
"""A second or third topic must score at least this share of the best one: fewer, surer topics."""
HEADLINE_WEIGHT = 3

_NUMBERISH = re.compile(r"^[\d.%０-９〇一二三四五六七八九十百千万亿两几余多个次场项名人户家件条处]+$")
KEYWORD_FLAGS = ("n", "vn", "v", "l", "i", "j", "eng")
"""Parts of speech (jieba's tags) a keyword may have: nouns (names and places included), verbs, set
phrases and abbreviations. Numerals, measure words, adverbs, adjectives, pronouns, time and direction
words, prepositions and particles say nothing about what an article is about."""
_NOT_IN_NEW_WORD = ("m", "q", "d", "p", "c", "u", "r", "y", "e", "o", "x")
"""A word jieba made up (余人, 共为, 图为) is dropped when a part of it is one of these."""


@functools.cache
def stop_words(path: str = str(DATA_DIR / "stopwords.txt")) -> frozenset[str]:
    """Words that are never keywords: the data file keepers edit (one or more a line, # notes)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.lstrip().startswith("#") for w in line.split())


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
    if len(w) < 2 or w in stop_words() or _NUMBERISH.match(w) or not re.search(r"[\u4e00-\u9fff]", w):
        return False
    if w in _term_topics():  # a topic term is a keyword whatever jieba tags it (两会 is "m")
        return True
    return _part_of_speech_fits(w)


def _part_of_speech_fits(w: str) -> bool:
    tagger = _pos()
    flag = tagger.word_tag_tab.get(w)
    if flag is not None:  # a dictionary word: its tag says what it is
        return flag.startswith(KEYWORD_FLAGS) and not flag.startswith(("vd", "vg", "nx"))
    # A word jieba's HMM joined from characters (余人, 两直, 东下庄): keep it unless a part is a function word.
    parts = [t.flag for t in tagger.cut(w)]
    return not any(f.startswith(_NOT_IN_NEW_WORD) for f in parts)


def _keyword_candidates(words: Sequence[str]) -> list[str]:
    return [w for w in words if _is_keyword_candidate(w)]


def keyword_terms(words: Sequence[str], headline_words: Sequence[str] = (),
                  signed: frozenset[str] = frozenset()) -> tuple[tuple[str, int], ...]:
    """An article's keyword candidates with their counts, in first-seen order: what TF-IDF needs of it.

    A word of the headline counts as HEADLINE_WEIGHT words of the body, since the headline says what the
    article is about; the names in its byline (signed) are left out: who wrote it is not what it is about.
    """
    tf = Counter(w for w in _keyword_candidates(words) if w not in signed)
    for w in _keyword_candidates(headline_words):
        if w not in signed:
            tf[w] += HEADLINE_WEIGHT - 1  # the headline is in `words` once already
    return tuple(tf.items())


def pack_terms(terms: Iterable[tuple[str, int]]) -> str:
    """Article.terms as stored: "word count" lines (a keyword candidate holds no space: jieba splits there)."""
    return "\n".join(f"{w} {n}" for w, n in terms)


def unpack_terms(packed: str) -> list[tuple[str, int]]:
    parts = packed.split()  # [word, count, word, count, …]: split() and slicing run in C, for 160k terms a build
    return list(zip(parts[::2], map(int, parts[1::2])))


def keywords_of(words: Sequence[str], doc_freq: Counter[str], n_docs: int,
                headline_words: Sequence[str] = ()) -> tuple[str, ...]:
    """Top TF-IDF words of one article, with document frequencies from this archive."""
    terms = keyword_terms(words, headline_words)
    return top_keywords(terms, {w: idf(doc_freq[w], n_docs) for w, _ in terms})


def idf(doc_freq: int, n_docs: int) -> float:
    """The inverse document frequency of a word that doc_freq of n_docs articles have."""
    return math.log((n_docs + 1) / (doc_freq + 1)) + 1


def top_keywords(terms: Iterable[tuple[str, int]], idfs: dict[str, float]) -> tuple[str, ...]:
    """The MAX_KEYWORDS terms of highest count * idf, ties to the first in code-point order."""
    return tuple(w for _, w in heapq.nsmallest(MAX_KEYWORDS, ((-(count * idfs[w]), w) for w, count in terms)))


def _signed(article: Article) -> frozenset[str]:
    """The names in an article's byline."""
    return frozenset(name for name, _ in byline_people(article.byline)) if article.byline else frozenset()


def warm_up() -> None:
    """Load what classify_issue needs (jieba's dictionary and tagger, the data files) before forking
    workers, so that they share it instead of each loading its own."""
    _pos()
    load_marks()
    load_topics()
    stop_words()
    _term_topics()


def release() -> None:
    """Drop jieba's dictionary and tagger and the caches built over them (~60 MB), once every issue is
    segmented: the build goes on to render beside a Pagefind run and needs none of it (a later
    in-process build loads them again; `sitegen serve` does not drop them, to rebuild sooner)."""
    for cached in (_tokenizer, _word_tags, _pos, _tagged, _word_topics, _is_keyword_candidate):
        cached.cache_clear()


def classify_issue(issue: Issue, places: Places, words: Sequence[ArticleWords]) -> Issue:
    """What can be known of each article from its own issue: districts, topics, people, and the keyword
    candidates (Article.terms) that add_keywords weighs against the whole archive.

    words: the segmentation of each article (segment.segment_issue).
    """
    return replace(issue, articles=tuple(
        replace(
            a,
            districts=districts_of(a, issue, places),
            topics=topics_of(body, head),
            terms=pack_terms(keyword_terms(body, head, _signed(a))),
            people=people_of(a),
        )
        for a, (body, head) in zip(issue.articles, words)
    ))


def add_keywords(issues: Sequence[Issue]) -> list[Issue]:
    """Choose every article's keywords by TF-IDF over the whole archive, from its Article.terms (then dropped)."""
    terms = [[unpack_terms(a.terms) for a in issue.articles] for issue in issues]
    doc_freq: Counter[str] = Counter()
    for of_issue in terms:
        for of_article in of_issue:
            doc_freq.update(dict(of_article).keys())  # an article's words are distinct: one count each
    n_docs = sum(len(i.articles) for i in issues)
    idfs = {w: idf(d, n_docs) for w, d in doc_freq.items()}  # once a word of the archive, not once an article
    return [replace(issue, articles=tuple(
                replace(a, keywords=top_keywords(t, idfs), terms="")
                for a, t in zip(issue.articles, of_issue)))
            for issue, of_issue in zip(issues, terms)]


def classify(issues: Sequence[Issue], places: Places, cache_dir: Path | None = None) -> list[Issue]:
    """Give every article of every issue its districts, topics, keywords and people, in this process.

    The build does the same per issue file in its own process pool (build.load_archive); this is for
    issues at hand.
    """
    return add_keywords([classify_issue(issue, places, segment_issue(issue_texts(issue), cache_dir))
                         for issue in issues])


def issue_texts(issue: Issue) -> list[tuple[str, str]]:
    """What is segmented of each article: its whole text, and its headline."""
    return [(article_text(a), a.headline) for a in issue.articles]
