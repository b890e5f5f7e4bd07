"""Normalise and tokenise text for search: the Python half of a scheme mirrored in static/search-core.js.

Normalisation works one character at a time and never changes a string's length (in code points here,
in UTF-16 code units in JavaScript), so an offset into the normalised text is an offset into the
original: that is what lets the browser mark a match in the text as printed.

Tokens are ASCII so that Pagefind's standard binary, which does not segment Chinese, and the
browser's query segmenter both leave them alone:

- every character of a run of ideographs gives one token, "z" + code(c) + code(next), or
  "z" + code(c) + "zzzz" for the last character of the run; code() writes a code point as four
  letters a-z in base 26, and "zzzz" (U+6F90F) is never an ideograph, so it can mark the end;
- a run of ASCII letters and digits gives one token, itself;
- anything else separates tokens.

Tokens are lower-case letters only, so no segmenter, stemmer or case-splitter finds a boundary inside
one. Every ideograph token has the same length (9), so Pagefind's prefix matching of a whole token is
an exact match, and a one-character query is the 5-letter prefix "z" + code(c), which matches every
occurrence of that character.
"""
from __future__ import annotations

import logging
import re

from ..lexicon import normalize

log = logging.getLogger(__name__)

IDEOGRAPH_RANGES: tuple[tuple[int, int], ...] = (
    (0x3005, 0x3005),  # 々
    (0x3007, 0x3007),  # 〇
    (0x3041, 0x3096),  # hiragana
    (0x309D, 0x309F),
    (0x30A1, 0x30FA),  # katakana
    (0x30FC, 0x30FF),
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x323AF),  # CJK extensions B-H and the compatibility supplement
)
"""Characters searched one by one (written without spaces). static/search-core.js gets them from the page."""

WHITESPACE = "\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""What separates query terms: the characters of str.isspace(), spelt out so that JavaScript uses the same set."""
_SPLIT = re.compile(f"[{WHITESPACE}]+")

SENTINEL = "zzzz"
"""Stands for "no next character"; 26**4 - 1 = U+6F90F, far above the last ideograph."""
CJK_PREFIX = "z"


def is_ideograph(ch: str) -> bool:
    """True for a character searched on its own (Chinese, Japanese kana, Korean syllables)."""
    cp = ord(ch)
    if cp < 0x3005:
        return False
    return any(lo <= cp <= hi for lo, hi in IDEOGRAPH_RANGES)


def is_word_char(ch: str) -> bool:
    """True for the ASCII letters and digits that make up word tokens (after normalisation)."""
    return ("a" <= ch <= "z") or ("0" <= ch <= "9")


def code(ch: str) -> str:
    """Write a character as four letters a-z (its code point in base 26)."""
    n = ord(ch)
    if n >= 26**4 - 1:
        raise ValueError(f"U+{n:X} cannot be coded")
    out = []
    for _ in range(4):
        n, r = divmod(n, 26)
        out.append(chr(97 + r))
    return "".join(reversed(out))


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Tokenise text, giving (token, start, end) with offsets into text: the plain, slow statement of
    the scheme, one character at a time. tokenize() must give the same tokens (tests check)."""
    norm = normalize(text)
    spans: list[tuple[str, int, int]] = []
    i, n = 0, len(norm)
    while i < n:
        j = i + 1
        if is_ideograph(norm[i]):
            nxt = code(norm[j]) if j < n and is_ideograph(norm[j]) else SENTINEL
            spans.append((CJK_PREFIX + code(norm[i]) + nxt, i, j))
        elif is_word_char(norm[i]):
            while j < n and is_word_char(norm[j]):
                j += 1
            spans.append((norm[i:j], i, j))
        i = j
    return spans


_RUN = re.compile(
    "([" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in IDEOGRAPH_RANGES) + "]+)|[a-z0-9]+"
)


class _Bigrams(dict):
    """The token of each pair of ideographs met so far (of a lone one: the last of a run).
    Text repeats its pairs, so this is mostly lookups; emptied when it grows too big."""

    LIMIT = 300_000

    def __missing__(self, pair: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[pair] = CJK_PREFIX + code(pair[0]) + (code(pair[1]) if len(pair) > 1 else SENTINEL)
        return value


_BIGRAMS = _Bigrams()


def tokenize(text: str) -> list[str]:
    """Turn text into the token stream that is indexed (the build's hot loop: ~3 M characters/s)."""
    token = _BIGRAMS.__getitem__
    tokens: list[str] = []
    for m in _RUN.finditer(normalize(text)):
        run = m.group()
        if m.group(1):
            tokens += [token(run[i : i + 2]) for i in range(len(run))]
        else:
            tokens.append(run)
    return tokens


def is_token_char(ch: str) -> bool:
    """True for a character that is part of some token (after normalisation)."""
    return is_word_char(ch) or is_ideograph(ch)


def query_terms(query: str) -> list[str]:
    """Split a query into normalised terms: whitespace separates, leading and trailing punctuation goes.

    A term matches a page whose normalised text contains it as a substring (all terms must match).
    """
    terms = []
    for raw in _SPLIT.split(normalize(query)):
        start, end = 0, len(raw)
        while start < end and not is_token_char(raw[start]):
            start += 1
        while end > start and not is_token_char(raw[end - 1]):
            end -= 1
        if start < end:
            terms.append(raw[start:end])
    return terms


def query_tokens(term: str) -> list[str]:
    """The tokens a page must hold at consecutive positions to contain term.

    A term's text is known only up to its end, so the last ideograph of a term gives no token of
    its own when it follows another ideograph (the bigram before it already names it) and the
    5-letter prefix "z" + code(c) when it stands alone. Everything before the end is exact.
    """
    norm = normalize(term)
    tokens = tokenize(norm)
    if tokens and is_ideograph(norm[-1]):
        if len(norm) >= 2 and is_ideograph(norm[-2]):
            tokens.pop()
        else:
            tokens[-1] = tokens[-1][: len(CJK_PREFIX) + 4]
    return tokens
