"""Segment article text with jieba, with the archive's own words (names, places, topic terms) added.

fingerprint() names everything besides the text that decides how text is segmented, so that words
kept from an earlier build (sitegen.engine.cache.SegmentCache) are used only while it holds. Each
function takes the tables (lexicon.Tables) whose words it adds: sitegen's, or an archive's own.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import io
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import jieba

from ...lexicon import BUILT_IN, Tables, load_places, load_topics
from .snapshots import load_snapshot, save_snapshot

if TYPE_CHECKING:
    from jieba import posseg

log = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)

CACHE_VERSION = "1"

ArticleWords = tuple[tuple[str, ...], tuple[str, ...]]
"""(words of the whole article, words of its headline)."""


@functools.cache
def tokenizer(tables: Tables = BUILT_IN) -> jieba.Tokenizer:
    """A jieba tokenizer that knows the archive's own names and every topic term as a word."""
    tk = jieba.Tokenizer()
    state = load_snapshot("words", fingerprint(tables))
    if isinstance(state, tuple) and len(state) == 3 and isinstance(state[0], dict) and isinstance(state[1], int) \
            and isinstance(state[2], dict):
        tk.FREQ, tk.total, tk.user_word_tag_tab = state
        tk.initialized = True
        return tk
    tk.load_userdict(str(tables.path("userdict.txt")))
    for topic in load_topics(str(tables.path("topics.toml"))):
        for term in topic.terms:
            tk.add_word(term, freq=100)
    for d in load_places(tables.path("places.toml")).districts:
        for name in (d.name, *d.aliases):
            tk.add_word(name, freq=200)
    tk.initialize()
    save_snapshot("words", fingerprint(tables), (tk.FREQ, tk.total, tk.user_word_tag_tab))
    return tk


@functools.cache
def word_tags(tables: Tables = BUILT_IN) -> dict[str, str]:
    """The part of speech of every word of jieba's dictionary, the archive's user dictionary's over them."""
    tags = load_snapshot("tags", fingerprint(tables))
    if not isinstance(tags, dict):
        tags = {}
        with jieba.dt.get_dict_file() as f:  # the dictionary the tokenizer starts from: jieba's own
            for line in f:
                word, _, tag = line.decode("utf-8").split()
                tags[word] = tag
        tags.update(user_tags(tables))
        save_snapshot("tags", fingerprint(tables), tags)
    return tags


@functools.cache
def user_tags(tables: Tables = BUILT_IN) -> dict[str, str]:
    """The parts of speech the archive's user dictionary gives its words (常卫 nr)."""
    lines = tables.path("userdict.txt").read_text(encoding="utf-8").splitlines()
    return {parts[0]: parts[2] for parts in map(str.split, lines) if len(parts) == 3}


@functools.cache
def tagger(tables: Tables = BUILT_IN) -> "posseg.POSTokenizer":
    """jieba's part-of-speech tagger over the archive's tokenizer (its words, its user dictionary's tags)."""
    posseg = _import_posseg()

    class SharingPOSTokenizer(posseg.POSTokenizer):
        def makesure_userdict_loaded(self) -> None:
            # jieba's own version, run at every cut, copies the tokenizer's user tags into word_tag_tab and
            # empties them: word_tags() holds them already, and the tokenizer is shared.
            pass

    pt = SharingPOSTokenizer.__new__(SharingPOSTokenizer)
    pt.tokenizer, pt.word_tag_tab = tokenizer(tables), word_tags(tables)
    return pt


def _import_posseg():
    """jieba.posseg, imported without reading jieba's dictionary for its module-wide tagger (posseg.dt),
    which sitegen never uses: word_tags() reads the tags it needs, much sooner, from its snapshot."""
    if "jieba.posseg" not in sys.modules:
        jieba.dt.get_dict_file = lambda: io.BytesIO(b"")
        try:
            importlib.import_module("jieba.posseg")
        finally:
            del jieba.dt.get_dict_file
    return sys.modules["jieba.posseg"]


def segment(text: str, tables: Tables = BUILT_IN) -> list[str]:
    """Split Chinese text into words with jieba (the archive's dictionary loaded)."""
    return [w for w in tokenizer(tables).lcut(text) if w.strip()]


@functools.cache
def fingerprint(tables: Tables = BUILT_IN) -> str:
    """What, besides the text, decides how text is segmented."""
    h = hashlib.sha256(f"{CACHE_VERSION}\0{jieba.__version__}\0".encode())
    for name in ("userdict.txt", "topics.toml", "places.toml"):
        h.update(tables.path(name).read_bytes())
    # This module builds the tokenizer. Not enrich/__init__.py, though it reads the topics: its other changes
    # (keywords, scoring) leave segmentation alone, and segmenting again is the costliest step there is.
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


def segment_issue(texts: Sequence[tuple[str, str]], tables: Tables = BUILT_IN) -> list[ArticleWords]:
    """Segment one issue's (article text, headline) pairs."""
    return [(tuple(segment(body, tables)), tuple(segment(headline, tables))) for body, headline in texts]
