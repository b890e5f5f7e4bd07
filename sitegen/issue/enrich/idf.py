"""jieba's table of how rare each word is in Chinese at large, looked up in place.

Keywords weigh an article's words by it (sitegen.issue.enrich.keywords_of). Read into a dict, its 270,000
lines cost a rebuild after one new issue about half a second, for the few thousand words of that issue:
so the table is kept, sorted, as one block of bytes beside jieba's dictionary snapshots (snapshots.py),
which loads in milliseconds, and each word is found by bisection (and remembered). A build that
classifies many issues reads the whole table at once instead (IdfTable.read_all), as bisecting for
every word of a whole archive costs more than reading it.
"""
from __future__ import annotations

import hashlib
import os
from array import array
from pathlib import Path

import jieba

from .snapshots import load_snapshot, save_snapshot

IDF_TABLE = os.path.join(os.path.dirname(jieba.__file__), "analyse", "idf.txt")
"""jieba's inverse document frequencies of 270,000 words, from a large corpus of Chinese text."""


READ_ALL_AFTER = 20_000
"""Distinct words looked up one by one before the rest of the table is read at once: past this many, a
build is classifying a whole archive (in one process), and reading costs less than bisecting."""


class IdfTable:
    """Words and their IDF as jieba's table gives them (the last line of a word that it lists twice), and
    the median IDF, which jieba gives a word the table does not know (a new term: 接诉即办, 疫情防控)."""

    def __init__(self, lines: bytes, starts: array, median: float):
        self._lines = lines
        """b"word\\tvalue\\n" for each word, sorted by the word's UTF-8 bytes."""
        self._starts = starts
        """Where each line starts in _lines."""
        self.median = median
        self._known: dict[str, float | None] = {}
        """Words looked up so far (None: not in the table)."""
        self._all = False

    @classmethod
    def of(cls, idfs: dict[str, float]) -> IdfTable:
        lines, starts, at = [], array("Q"), 0
        for word, value in sorted((w.encode("utf-8"), v) for w, v in idfs.items()):
            line = word + b"\t" + repr(value).encode() + b"\n"
            starts.append(at)
            lines.append(line)
            at += len(line)
        values = sorted(idfs.values())
        return cls(b"".join(lines), starts, values[len(values) // 2] if values else 0.0)

    def _word_at(self, i: int) -> bytes:
        start = self._starts[i]
        return self._lines[start:self._lines.index(b"\t", start)]

    def get(self, word: str, default: float) -> float:
        try:
            value = self._known[word]
        except KeyError:
            if len(self._known) == READ_ALL_AFTER:
                self.read_all()
            value = self._known[word] = self._known.get(word) if self._all else self._find(word)
        return default if value is None else value

    def read_all(self) -> None:
        """Know every word at once."""
        for line in self._lines.decode("utf-8").splitlines():
            word, _, value = line.partition("\t")
            self._known[word] = float(value)
        self._all = True

    def _find(self, word: str) -> float | None:
        key, lo, hi = word.encode("utf-8", "surrogatepass"), 0, len(self._starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._word_at(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(self._starts) or self._word_at(lo) != key:
            return None
        start = self._starts[lo] + len(key) + 1
        return float(self._lines[start:self._lines.index(b"\n", start)])

    def state(self) -> tuple[bytes, bytes, float]:
        return self._lines, self._starts.tobytes(), self.median

    @classmethod
    def from_state(cls, state: object) -> IdfTable | None:
        if not (isinstance(state, tuple) and len(state) == 3 and isinstance(state[0], bytes)
                and isinstance(state[1], bytes) and isinstance(state[2], float)):
            return None
        starts = array("Q")
        try:
            starts.frombytes(state[1])
        except ValueError:
            return None
        return cls(state[0], starts, state[2])


def read_idf_table(path: str = IDF_TABLE) -> dict[str, float]:
    idfs: dict[str, float] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, _, value = line.partition(" ")
            idfs[word] = float(value)
    return idfs


def load_idf_table(path: str = IDF_TABLE) -> IdfTable:
    """jieba's table, from its snapshot when there is a sound one for the table's bytes."""
    version = hashlib.sha256(Path(path).read_bytes() + b"\0" + Path(__file__).read_bytes()).hexdigest()
    table = IdfTable.from_state(load_snapshot("idf", version))
    if table is None:
        table = IdfTable.of(read_idf_table(path))
        save_snapshot("idf", version, table.state())
    return table
