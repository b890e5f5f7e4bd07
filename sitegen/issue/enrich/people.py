"""Find the people named in articles: officials by the titles printed before their names, writers by bylines.

A name is taken only where something says it is a person: a title right before it (区委书记常卫,
区领导李新、李文起), a leader's title right after it (蔡奇书记), a list closed by 等区领导, a byline or
a photo credit, or the archive's own dictionary marking it as a name (`nr` in userdict.txt). jieba's
`nr` tag alone is not enough: it also tags 文明, 弘扬 and 张贴. Where a doubt remains the name is
left out: a missing person costs less than a page about 常委会.
"""
from __future__ import annotations

import functools
import logging
import re
from typing import Iterator, Sequence


from .. import patterns
from .words import tagger as _pos, user_tags
from ...model import ParsedArticle
from ...lexicon import Marks, Tables

log = logging.getLogger(__name__)

LEADERS_AFTER = re.compile(r"等((?:区|市|县|镇|街道)?领导)")
"""吴松元、宋铁健等区领导: a list of names closed by their role."""
COMMON_WORD_FREQ = 20
"""jieba's dictionary tags many everyday words nr (文明 100, 张贴 401); real names in it are rare (李冬梅 2).
Three-character words it tags nr are names whatever their frequency (李建华 20, 邓小平 4055)."""
BYLINE_ROLE = re.compile("^(?:本报|特约|实习|见习|首席)?" + patterns.alternatives(patterns.ROLES_IN_BYLINE) + "|^文/图|^图/文")
CREDIT_SUFFIX = re.compile(patterns.alternatives(patterns.BYLINE_AFTER) + "$")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_FUNCTION_FLAGS = ("p", "c", "u", "r", "m", "q", "d", "f", "x", "e", "y", "o")
_NOT_IN_NAME_FLAGS = _FUNCTION_FLAGS + ("v", "a", "t", "s")
_AFTER_NAME_FLAGS = ("v", "t", "p", "d", "c", "u", "x", "m")


@functools.cache
def _known_names(tables: Tables) -> frozenset[str]:
    """Names the archive's keepers marked as people in userdict.txt."""
    return frozenset(w for w, tag in user_tags(tables).items() if tag.startswith("nr"))


@functools.lru_cache(maxsize=100_000)
def _tagged(snippet: str, tables: Tables) -> tuple[tuple[str, str], ...]:
    """jieba's words and tags of a short snippet. Cached: the same few characters after a title recur
    across an archive (区委书记常卫主持), and tagging them is most of the work of finding people."""
    return tuple((t.word, t.flag) for t in _pos(tables).cut(snippet))


def plausible_name(word: str, marks: Marks, signed: bool = False) -> bool:
    """Whether a word can be a person's name: 2–4 Chinese characters led by a surname, not a common word.

    signed: the word follows a role in a byline (通讯员 高峰), where a word the dictionary tags as a
    name is one, however common it is as a word.
    """
    if not _CJK_NAME.fullmatch(word):
        return False
    if word in _known_names(marks.tables):
        return True
    compound = word[:2] in marks.compound_surnames
    if not (compound and len(word) >= 3 or word[0] in marks.surnames and len(word) <= 3):
        return False
    if word.endswith(marks.not_name_endings):
        return False
    pos = _pos(marks.tables)
    freq = pos.tokenizer.FREQ.get(word, 0)
    if freq:  # a dictionary word: a name only if the dictionary says so and it is rare
        return pos.word_tag_tab.get(word, "").startswith("nr") and (freq < COMMON_WORD_FREQ or len(word) == 3 or signed)
    return True


def _ends_name(following: tuple[str, str] | None, marks: Marks, strict: bool = False) -> bool:
    """Whether the word after a name is one that follows names: punctuation, 介绍, 指出 … or (unless
    strict) any verb, time word or particle."""
    if following is None:
        return True
    word, flag = following
    return flag == "x" or word.startswith(marks.after_name) or not strict and flag.startswith(_AFTER_NAME_FLAGS)


def name_at(text: str, i: int, marks: Marks) -> str | None:
    """The person's name that starts at text[i], if one plainly does: a name, then a word that ends it."""
    known = _known_pattern(marks.tables)
    if not (text[i:i + 1] in marks.surnames or text[i:i + 2] in marks.compound_surnames
            or known is not None and known.match(text, i)):
        return None  # most titles are followed by anything but a name (领导干部, 居民群众): skip jieba
    tokens = [*_tagged(text[i:i + 8], marks.tables), None]
    word, flag = tokens[0]
    if flag.startswith("nr") and len(word) >= 2:
        if _ends_name(tokens[1], marks):
            return word if plausible_name(word, marks) else None
        # jieba cut one character off an unknown name (史志/明、): take it back if the name ends there.
        nxt = tokens[1]
        if len(nxt[0]) == 1 and not nxt[1].startswith(_FUNCTION_FLAGS + ("v",)) and _ends_name(tokens[2], marks, strict=True):
            return word + nxt[0] if plausible_name(word + nxt[0], marks) else None
        return _name_by_its_end(text, i, tokens[:-1], marks)
    # jieba split a name it did not know (王/淑珍, 牛/青山): a one-character surname, then names, single
    # characters or (before a word that plainly ends a name) nouns.
    if len(word) != 1 or flag.startswith(_FUNCTION_FLAGS):
        return _name_by_its_end(text, i, tokens[:-1], marks)
    name, best, strict = word, None, False
    for k, piece in enumerate(tokens[1:-1], start=1):
        word, flag = piece
        if not (flag.startswith("nr") or len(word) == 1 and not flag.startswith(_NOT_IN_NAME_FLAGS)):
            if flag not in ("n", "ns", "nz", "ng") or len(word) > 2:
                break
            strict = True
        if len(name) + len(word) > 4:
            break
        name += word
        if plausible_name(name, marks) and _ends_name(tokens[k + 1], marks, strict):
            best = name
    return best or _name_by_its_end(text, i, tokens[:-1], marks)


def _name_by_its_end(text: str, i: int, tokens: Sequence[tuple[str, str]], marks: Marks) -> str | None:
    """A name jieba cut across (于/军/主持会议, 张/海波, 孔令/文说): three or two characters led by a
    surname, right before a word that plainly ends a name (主持, 带队, 说, punctuation), with no verb,
    adjective or function word jieba found inside them."""
    if text[i:i + 1] not in marks.surnames:
        return None
    for length in (3, 2):
        name = text[i:i + length]
        following = _tagged(text[i + length:i + length + 4], marks.tables)
        if len(name) < length or not following or not _ends_name(following[0], marks, strict=True):
            continue
        at, inside = 0, []
        for word, flag in tokens:
            start, at = at, at + len(word)
            if start >= 1 and at <= length:
                inside.append(flag)
        # Given names jieba reads as adverbs (王/立新) are let through; verbs and the rest are not (严/把关).
        if not any(f.startswith(_NOT_IN_NAME_FLAGS) and f != "d" for f in inside) and plausible_name(name, marks):
            return name
    return None


Hit = tuple[int, int, str, str | None]
"""(position in the article, priority at one position: lower wins, name, role)."""


def _role_before(text: str, marks: Marks) -> Iterator[Hit]:
    """区委书记常卫, 区委副书记、区长李新, 区领导李新、李文起、吴克瑞 (each name of the list gets the role)."""
    for m in marks.role_before.finditer(text):
        i = m.end()
        while i < len(text) and text[i] in " :：":  # 记者 乔斐, 记者:王浩江
            i += 1
        while (name := name_at(text, i, marks)) is not None:
            yield i, 0, name, m.group()
            i += len(name)
            if not text.startswith("、", i):
                break
            i += 1


def _name_ending_at(text: str, end: int, marks: Marks) -> str | None:
    """The person's name that ends at text[end], if one plainly does (蔡奇 in 蔡奇书记)."""
    start = max(0, end - 8)
    at = start
    for word, flag in _tagged(text[start:end], marks.tables):
        at += len(word)
        if at == end:
            return word if flag.startswith("nr") and plausible_name(word, marks) else None
    return None


def _role_after(text: str, marks: Marks) -> Iterator[Hit]:
    """蔡奇书记; 吴松元、宋铁健等区领导."""
    for m in marks.title_after.finditer(text):
        if (name := _name_ending_at(text, m.start(), marks)) is not None:
            yield m.start() - len(name), 1, name, m.group()
    for m in LEADERS_AFTER.finditer(text):
        # Walk back over 、-separated names; the run stops at the first item that is not one.
        head = text[:m.start()]
        items = re.split(r"[^\u4e00-\u9fff、]", head)[-1].split("、")
        pos, found = m.start(), []
        for item in reversed(items):
            pos -= len(item)
            if not item or name_at(head, pos, marks) != item:
                break
            found.append((pos, 2, item, m.group(1)))
            pos -= 1
        yield from reversed(found)


def _known_bare(text: str, marks: Marks) -> Iterator[Hit]:
    """Names from the archive's dictionary, wherever they stand as a word (常卫先后来到…)."""
    if (known := _known_pattern(marks.tables)) is None:
        return
    for m in known.finditer(text):
        if name_at(text, m.start(), marks) == m.group():  # a word of its own, not the start of 李新华
            yield m.start(), 3, m.group(), None


@functools.cache
def _known_pattern(tables: Tables) -> re.Pattern[str] | None:
    names = sorted(_known_names(tables), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def _hits_in_text(text: str, marks: Marks) -> Iterator[Hit]:
    yield from _role_before(text, marks)
    yield from _role_after(text, marks)
    yield from _known_bare(text, marks)


def byline_people(byline: str, marks: Marks, credit: bool = False) -> list[tuple[str, str | None]]:
    """Names in a byline or photo credit with the role printed before them: "记者吴赛赛 通讯员田甜".

    A role carries on to the names after it (记者仲然 高鑫铭); a credit with no role printed
    (田甜摄) gives "摄影".
    """
    out: list[tuple[str, str | None]] = []
    role: str | None = None
    for chunk in re.split(r"[\s、,，;；]+", byline.strip("()（）●■ ")):
        while m := BYLINE_ROLE.match(chunk):
            role, chunk = m.group(), chunk[m.end():]
        shot = CREDIT_SUFFIX.search(chunk)
        if shot:
            chunk = chunk[:shot.start()]
        if chunk and plausible_name(chunk, marks, signed=role is not None):
            out.append((chunk, role or ("摄影" if credit and shot else None)))
    return out


BYLINE_DEFAULT_ROLE = "作者"
"""The role of a name signed with no role printed (●石荣平 under a commentary)."""


def people_of(article: ParsedArticle, marks: Marks) -> tuple[tuple[str, str | None], ...]:
    """(name, role) of everyone an article names, in order of first mention; role None if never given."""
    hits: list[Hit] = []
    pieces = [article.kicker, article.headline, article.deck, article.byline] + [b.text for b in article.blocks]
    kinds = ["", "", "", "byline"] + [b.kind for b in article.blocks]
    full, offset = [], 0
    for text, kind in zip(pieces, kinds):
        if not text:
            continue
        if kind in ("byline", "credit"):
            default = BYLINE_DEFAULT_ROLE if kind == "byline" else None
            hits += [(offset, -1, name, role or default) for name, role in byline_people(text, marks, credit=kind == "credit")]
        else:
            hits += [(offset + pos, prio, name, role) for pos, prio, name, role in _hits_in_text(text, marks)]
        full.append(text)
        offset += len(text) + 1
    text = "\n".join(full)
    roles: dict[str, str | None] = {}
    first: dict[str, int] = {}
    for at, _, name, role in sorted(hits, key=lambda h: (h[0], h[1])):
        first.setdefault(name, at)
        if roles.get(name) is None:
            roles[name] = role
    # A name first printed without its title (常卫 in a headline) is still first mentioned there, but
    # not inside a longer name found (李新 in 李新华).
    for name in roles:
        for m in re.finditer(re.escape(name), text[:first[name]]):
            if not any(len(other) > len(name) and text.startswith(other, m.start()) for other in roles):
                first[name] = m.start()
                break
    order = sorted(roles, key=lambda n: (first[n], n))
    return tuple((name, roles[name]) for name in order)
