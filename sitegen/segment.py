"""Segment article text with jieba: once per issue, cached on disk by content.

jieba is the dominant cost of the build (about 340k characters a second on one core), so an
unchanged issue is never segmented twice: its words are kept in the cache folder under a key made
of its text and of everything that changes segmentation (jieba's version, the user dictionary,
the topic terms and place names that are added as words, and this module).
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Sequence

import jieba

from .places import DATA_DIR

log = logging.getLogger(__name__)
jieba.setLogLevel(logging.WARNING)

CACHE_VERSION = "1"
SEGMENTS = "segments"

ArticleWords = tuple[tuple[str, ...], tuple[str, ...]]
"""(words of the whole article, words of its headline)."""


@functools.cache
def tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer that knows the archive's own names and every topic term as a word."""
    from .classify import load_topics
    from .places import load_places

    tk = jieba.Tokenizer()
    tk.load_userdict(str(DATA_DIR / "userdict.txt"))
    for topic in load_topics():
        for term in topic.terms:
            tk.add_word(term, freq=100)
    for d in load_places().districts:
        for name in (d.name, *d.aliases):
            tk.add_word(name, freq=200)
    tk.initialize()
    return tk


def segment(text: str) -> list[str]:
    """Split Chinese text into words with jieba (the archive's dictionary loaded)."""
    return [w for w in tokenizer().lcut(text) if w.strip()]


@functools.cache
def fingerprint() -> str:
    """What, besides the text, decides how text is segmented."""
    h = hashlib.sha256(f"{CACHE_VERSION}\0{jieba.__version__}\0".encode())
    for name in ("userdict.txt", "topics.toml", "places.toml"):
        h.update((DATA_DIR / name).read_bytes())
    # This module builds the tokenizer. Not classify.py, though it reads the topics: its other changes
    # (keywords, scoring) leave segmentation alone, and segmenting again is the costliest step there is.
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


def _key(texts: Sequence[tuple[str, str]]) -> str:
    h = hashlib.sha256(fingerprint().encode())
    for body, headline in texts:
        h.update(b"\1" + body.encode() + b"\0" + headline.encode())
    return h.hexdigest()


def _segment_issue(texts: Sequence[tuple[str, str]]) -> list[ArticleWords]:
    return [(tuple(segment(body)), tuple(segment(headline))) for body, headline in texts]


def _load(path: Path) -> list[ArticleWords] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [(tuple(w), tuple(h)) for w, h in data]
    except (OSError, ValueError, TypeError):
        return None  # missing or damaged: segment again


def _store(path: Path, words: list[ArticleWords]) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:  # the cache only ever saves time
        log.info("cannot write the cache entry %s (%s)", path, e)
        tmp.unlink(missing_ok=True)


def _folder(cache_dir: Path) -> Path:
    return cache_dir / SEGMENTS / fingerprint()[:24]


def remove_other_versions(cache_dir: Path) -> None:
    """Drop the words kept under another fingerprint (another jieba, dictionary or tokenizer): never used again."""
    parent, current = cache_dir / SEGMENTS, _folder(cache_dir)
    if parent.is_dir():
        for other in parent.iterdir():
            if other != current:
                shutil.rmtree(other, ignore_errors=True)


def segment_issue(texts: Sequence[tuple[str, str]], cache_dir: Path | None = None) -> list[ArticleWords]:
    """Segment one issue's (article text, headline) pairs, reusing and filling the cache."""
    if not cache_dir:
        return _segment_issue(texts)
    key = _key(texts)
    path = _folder(cache_dir) / key[:2] / f"{key}.json"
    words = _load(path)
    if words is None or len(words) != len(texts):
        words = _segment_issue(texts)
        _store(path, words)
    return words
