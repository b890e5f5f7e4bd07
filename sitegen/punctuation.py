"""Full-width punctuation in Chinese context: the marks the papers printed, which their layout's text lost.

The issue files come out of the print layout with half-width `,;:!?()` between Chinese characters
where the paper printed `，；：！？（）`. The site shows the full-width mark wherever it stands in
Chinese context, and leaves the ASCII one wherever it belongs to something written in ASCII:

- a run of `,;:!?` becomes full-width when the character just before it or just after it is Chinese
  (an ideograph, kana, hangul, or a full-width mark such as 。“”《》); so never inside a number
  (`3,000`, `1:2`, the time `9:30`), a Latin word or phrase (`Hello, world`), and never in a web or
  e-mail address, which are left whole (`http://a.cn/?q=1`, `name@mail.cn`);
- a pair `(…)` on one line becomes `（…）` when it holds a Chinese character or has one just
  before it, or one just after it (`本报讯(记者 张三)`, `(1)加强`, `新冠肺炎(COVID-19)疫情`), so the
  two halves always match; but not a Latin pair glued to a Latin word (`f(x)的值`); a lone `(` or
  `)` follows the rule of the other marks.

Each mark is replaced by one character, so the text keeps its length and every offset into it: the
search code, which folds full-width forms back to ASCII (sitegen.lexicon.normalize), finds the same
text either way, and the highlighter's offsets still fall where they did.
"""
from __future__ import annotations

import re

FULL_WIDTH = str.maketrans(",;:!?()", "，；：！？（）")

_CHINESE = (
    "\u3000-\u303f"  # CJK symbols and punctuation: 、。《》「」【】〇…
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\uac00-\ud7a3"  # hangul syllables
    "\uff01-\uff60\uffe0-\uffe6"  # full-width forms: ，；：（）…
    "\u201c\u201d"  # “ ” (in this archive's text they quote Chinese)
    "\u2014\u2026"  # —— and …
    "\U00020000-\U000323af"  # ideographs of the supplementary planes
)
_IS_CHINESE = re.compile(f"[{_CHINESE}]")
_HAS_CHINESE = _IS_CHINESE.search

_ADDRESS = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[!-~]+"  # a URL: ASCII up to a space or a Chinese character
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # an e-mail address
)
# What ends a sentence after an address rather than the address itself (as linkifiers read it).
_TRAILING = ".,;:!?'\""
_MARKS = re.compile(r"[,;:!?]+")


def _addresses(text: str) -> list[tuple[int, int]]:
    """The spans of the web and e-mail addresses in text, less the marks that end the sentence after them."""
    spans = []
    for m in _ADDRESS.finditer(text):
        end = m.end()
        while end > m.start():
            last = text[end - 1]
            if last in _TRAILING or (last == ")" and text.count("(", m.start(), end) < text.count(")", m.start(), end)):
                end -= 1
            else:
                break
        spans.append((m.start(), end))
    return spans


def _chinese_at(chars: list[str], i: int) -> bool:
    return 0 <= i < len(chars) and _IS_CHINESE.match(chars[i]) is not None


def _ascii_alnum_at(chars: list[str], i: int) -> bool:
    return 0 <= i < len(chars) and chars[i].isascii() and chars[i].isalnum()


def fullwidth_marks(text: str) -> str:
    """Text with its half-width `,;:!?()` made full-width where they stand in Chinese context (see above)."""
    if not _HAS_CHINESE(text) or not _ANY_MARK(text):
        return text
    shown = _once(text)
    # A mark made full-width is Chinese context for an ASCII one beside it ("(," before 中): again until none changes.
    while shown != text and _BESIDE(shown):
        text, shown = shown, _once(shown)
    return shown


_ANY_MARK = re.compile(r"[,;:!?()]").search
_BESIDE = re.compile(r"[，；：！？（）][,;:!?()]|[,;:!?()][，；：！？（）]").search
_PARENS = re.compile(r"[()\n]")


def _once(text: str) -> str:
    chars = list(text)
    protected = bytearray(len(chars))
    for start, end in _addresses(text):
        protected[start:end] = b"\x01" * (end - start)

    # Parentheses first, as pairs: a mark just after "）" then sees a Chinese neighbour.
    open_at: list[int] = []
    lone: list[int] = []
    for m in _PARENS.finditer(text):
        i, c = m.start(), m.group()
        if c == "\n":
            lone += open_at
            open_at = []
        elif c == "(":
            open_at.append(i)
        elif not open_at:
            lone.append(i)
        else:
            start = open_at.pop()
            if protected[start] or protected[i]:  # a half in an address: both stay as written (http://(中))
                continue
            if _HAS_CHINESE(text, start + 1, i) or _chinese_at(chars, start - 1) or (
                    _chinese_at(chars, i + 1) and not _ascii_alnum_at(chars, start - 1)):
                chars[start], chars[i] = "（", "）"
    lone += open_at
    for i in sorted(lone):
        if protected[i]:
            continue
        if _chinese_at(chars, i - 1) or _chinese_at(chars, i + 1):
            chars[i] = chars[i].translate(FULL_WIDTH)

    for m in _MARKS.finditer(text):
        start, end = m.span()
        if any(protected[start:end]):
            continue
        if _chinese_at(chars, start - 1) or _chinese_at(chars, end):
            chars[start:end] = m.group().translate(FULL_WIDTH)
    return "".join(chars)
