"""What can be known of each article from its own issue, with jieba: districts, topics, people and keywords."""
from __future__ import annotations

import functools
import heapq
import logging
import re
from collections import Counter
from typing import Iterable, Sequence

from ...lexicon import Lexicon, Places, Tables
from ...model import ArticleFacts, EnrichedIssue, ParsedArticle, ParsedIssue

from .idf import IdfTable, load_idf_table
from .people import _pos, _tagged, byline_people, people_of
from .words import ArticleWords
from .words import tokenizer as _tokenizer, word_tags as _word_tags

log = logging.getLogger(__name__)

MAX_KEYWORDS = 8
MAX_TOPICS = 3
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


def districts_of(article: ParsedArticle, issue: ParsedIssue, places: Places) -> tuple[str, ...]:
    """The districts an article is about: those it names, and its own paper's district."""
    text = article.full_text
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


def topics_of(words: Sequence[str], headline_words: Sequence[str], lexicon: Lexicon) -> tuple[str, ...]:
    """Score each topic by how often its terms occur; keep the best few, else the fallback (last) topic.

    A term counts wherever jieba's word contains it, so 疫情防控 counts for both 疫情 and 防控.
    """
    scores: Counter[int] = Counter()
    for weight, ws in ((1, words), (HEADLINE_WEIGHT, headline_words)):
        for w in ws:
            for i in _word_topics(w, lexicon):
                scores[i] += weight
    topics = lexicon.topics
    if not scores:
        return (topics[-1].name,)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best = ranked[0][1]
    return tuple(topics[i].name for i, score in ranked[:MAX_TOPICS] if score >= best * TOPIC_SHARE)


@functools.cache
def _term_topics(lexicon: Lexicon) -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    for i, topic in enumerate(lexicon.topics):
        for term in topic.terms:
            out.setdefault(term, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=200_000)
def _word_topics(word: str, lexicon: Lexicon) -> frozenset[int]:
    """The topics whose terms a word contains; each word counts once per topic, however many terms it holds."""
    terms = _term_topics(lexicon)
    return frozenset(i for part in _substrings(word) for i in terms.get(part, ()))


def _substrings(word: str) -> set[str]:
    if len(word) > 12:  # a run jieba could not split (a URL, a number); terms are never that long
        return {word}
    return {word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1)}


@functools.lru_cache(maxsize=200_000)
def _is_keyword_candidate(w: str, lexicon: Lexicon) -> bool:
    if len(w) < 2 or w in lexicon.stop_words or _NUMBERISH.match(w) or not re.search(r"[\u4e00-\u9fff]", w):
        return False
    if w in _term_topics(lexicon):  # a topic term is a keyword whatever jieba tags it (两会 is "m")
        return True
    return _part_of_speech_fits(w, lexicon.tables)


def _part_of_speech_fits(w: str, tables: Tables) -> bool:
    tagger = _pos(tables)
    flag = tagger.word_tag_tab.get(w)
    if flag is not None:  # a dictionary word: its tag says what it is
        return flag.startswith(KEYWORD_FLAGS) and not flag.startswith(("vd", "vg", "nx"))
    # A word jieba's HMM joined from characters (余人, 两直, 东下庄): keep it unless a part is a function word.
    parts = [t.flag for t in tagger.cut(w)]
    return not any(f.startswith(_NOT_IN_NEW_WORD) for f in parts)


def _keyword_candidates(words: Sequence[str], lexicon: Lexicon) -> list[str]:
    return [w for w in words if _is_keyword_candidate(w, lexicon)]


def keyword_terms(words: Sequence[str], headline_words: Sequence[str], lexicon: Lexicon,
                  signed: frozenset[str] = frozenset()) -> tuple[tuple[str, int], ...]:
    """An article's keyword candidates with their counts, in first-seen order.

    A word of the headline counts as HEADLINE_WEIGHT words of the body, since the headline says what the
    article is about; the names in its byline (signed) are left out: who wrote it is not what it is about.
    """
    tf = Counter(w for w in _keyword_candidates(words, lexicon) if w not in signed)
    for w in _keyword_candidates(headline_words, lexicon):
        if w not in signed:
            tf[w] += HEADLINE_WEIGHT - 1  # the headline is in `words` once already
    return tuple(tf.items())


@functools.cache
def reference_idf() -> tuple[IdfTable, float]:
    """How rare each word is in Chinese at large (jieba's table, idf.IdfTable), and the median, which jieba
    gives a word the table does not know (a new term: 接诉即办, 疫情防控)."""
    table = load_idf_table()
    return table, table.median


def top_keywords(terms: Iterable[tuple[str, int]], idfs: IdfTable | dict[str, float], unknown: float) -> tuple[str, ...]:
    """The MAX_KEYWORDS terms of highest count * idf (idfs, else `unknown`), ties to the first in code-point order."""
    return tuple(w for _, w in heapq.nsmallest(
        MAX_KEYWORDS, ((-(count * idfs.get(w, unknown)), w) for w, count in terms)))


def keywords_of(words: Sequence[str], headline_words: Sequence[str], lexicon: Lexicon,
                signed: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """An article's keywords, best first: its words by TF-IDF, weighed by how rare each is in Chinese at large,
    not in this archive. So they depend on the article alone: a new issue, of any date, changes no other
    article's keywords (nor its page), and a rebuild never weighs the whole archive's words again."""
    return top_keywords(keyword_terms(words, headline_words, lexicon, signed), *reference_idf())


def _signed(article: ParsedArticle, lexicon: Lexicon) -> frozenset[str]:
    """The names in an article's byline."""
    return frozenset(name for name, _ in byline_people(article.byline, lexicon.marks)) if article.byline else frozenset()


def warm_up(lexicon: Lexicon) -> None:
    """Load what classify_issue needs (jieba's dictionary and tagger, the tables derived from the
    lexicon) before forking workers, so that they share it instead of each loading its own."""
    _pos(lexicon.tables)
    _term_topics(lexicon)
    reference_idf()[0].read_all()


def release() -> None:
    """Drop jieba's dictionary and tagger and the caches built over them, once every issue is
    segmented: the build goes on to render beside a Pagefind run and needs none of it (a later
    in-process build loads them again; `sitegen serve` does not drop them, to rebuild sooner)."""
    for cached in (_tokenizer, _word_tags, _pos, _tagged, _term_topics, _word_topics, _is_keyword_candidate,
                   reference_idf):
        cached.cache_clear()


def classify_issue(issue: ParsedIssue, lexicon: Lexicon, words: Sequence[ArticleWords]) -> EnrichedIssue:
    """What can be known of each article from its own issue: districts, topics, people and keywords.

    words: the segmentation of each article (words.segment_issue).
    """
    return EnrichedIssue(issue, tuple(
        ArticleFacts(
            districts=districts_of(a, issue, lexicon.places),
            topics=topics_of(body, head, lexicon),
            people=people_of(a, lexicon.marks),
            keywords=keywords_of(body, head, lexicon, _signed(a, lexicon)),
        )
        for a, (body, head) in zip(issue.articles, words)
    ))


def issue_texts(issue: ParsedIssue) -> list[tuple[str, str]]:
    """What is segmented of each article: its whole text, and its headline."""
    return [(a.full_text, a.headline) for a in issue.articles]
