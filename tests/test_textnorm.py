"""Normalisation and tokenisation for search (sitegen/textnorm.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.search.tokens import (
    SENTINEL, code, is_ideograph, normalize, query_terms, query_tokens, token_spans, tokenize,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))

# Text as the archive holds it: simplified and traditional Chinese, full-width and ASCII forms,
# punctuation, spaces, kana, hangul, an astral ideograph.
ALPHABET = "石景山区常卫委老街坊东华门東華門垃圾分类類接诉即办防汛１２３ＡＢｃ 　Abc0129-.,，。“”（）《》\nかナー한𠀀"
texts = st.text(alphabet=ALPHABET, max_size=60)


@pytest.mark.parametrize(
    "raw, want",
    [
        ("１２３４５", "12345"),
        ("ＡＢＣｄｅｆ", "abcdef"),
        ("東華門", "东华门"),
        ("垃圾分類", "垃圾分类"),
        ("區委書記常衛", "区委书记常卫"),
        ("Covid-19　石景山", "covid-19 石景山"),
        ("（下轉２版）", "(下转2版)"),
        ("İ and ß stay", "İ and ß stay"),  # only ASCII is lower-cased: str.lower() could lengthen
    ],
)
def test_normalize(raw, want):
    assert normalize(raw) == want


@given(texts)
def test_normalize_keeps_every_offset(text):
    norm = normalize(text)
    assert len(norm) == len(text)
    assert len(norm.encode("utf-16-le")) == len(text.encode("utf-16-le"))  # JavaScript's offsets too
    assert normalize(norm) == norm


def test_t2s_table_is_one_to_one_and_settled():
    table = json.loads((REPO / "sitegen" / "data" / "t2s.json").read_text(encoding="utf-8"))
    assert len(table) > 3000 and table["東"] == "东" and table["類"] == "类"
    for k, v in table.items():
        assert len(k) == len(v) == 1 and k != v
        assert (ord(k) > 0xFFFF) == (ord(v) > 0xFFFF), k
        assert v not in table, k  # one lookup is enough
        assert is_ideograph(normalize(v))


def test_t2s_table_is_what_the_tool_makes():
    pytest.importorskip("opencc")
    proc = subprocess.run([sys.executable, str(REPO / "tools" / "make_t2s.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_code_and_sentinel():
    assert [code(c) for c in "一石"] == ["bdoa", "btlb"]
    assert code(chr(0x323AF)) < SENTINEL and len(code(chr(0x323AF))) == 4
    with pytest.raises(ValueError):
        code(chr(26**4 - 1))


def test_tokenize_mixed_scripts():
    assert tokenize("石景山区2020年ＡＢＣ１２３，東華門　test-case") == [
        "zbtlbbmup", "zbmupbjaf", "zbjafbfnm", "zbfnmzzzz",  # 石景山区: bigrams, sentinel last
        "2020", "zbjuazzzz",  # a lone 年
        "abc123",  # full-width folded, one ASCII word
        "zbdpcbfog", "zbfogceua", "zceuazzzz",  # 東華門 is 东华门
        "test", "case",
    ]
    assert tokenize("東華門") == tokenize("东华门") and tokenize("垃圾分類") == tokenize("垃圾分类")
    assert tokenize("，。“”  \n") == []


@given(texts)
def test_one_token_per_ideograph_at_its_offset(text):
    spans = token_spans(text)
    norm = normalize(text)
    ideographs = [i for i, ch in enumerate(norm) if is_ideograph(ch)]
    cjk = [(t, a, b) for t, a, b in spans if t.startswith("z") and len(t) == 9 and is_ideograph(norm[a])]
    assert [a for _, a, _ in cjk] == ideographs
    for t, a, b in cjk:
        assert b == a + 1 and t[1:5] == code(norm[a])
        assert t[5:] == (code(norm[b]) if b < len(norm) and is_ideograph(norm[b]) else SENTINEL)
    for t, a, b in spans:
        assert t.isascii() and t.isalnum() and t == t.lower()


@given(texts)
def test_fast_tokenizer_matches_the_plain_one(text):
    assert tokenize(text) == [t for t, _, _ in token_spans(text)]


def test_fast_tokenizer_matches_on_the_seeds():
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        assert tokenize(text) == [t for t, _, _ in token_spans(text)], path.name


@pytest.mark.parametrize(
    "term, want",
    [
        ("石景山", ["zbtlbbmup", "zbmupbjaf"]),  # n characters: n-1 bigrams
        ("常卫", ["zbjrsbfpj"]),
        ("卫", ["zbfpj"]),  # one character: a prefix of all its tokens
        ("2020年", ["2020", "zbjua"]),
        ("第30期", ["zbuquzzzz", "30", "zbnbj"]),  # 第 is followed by a digit in the text too
        ("11208", ["11208"]),
        ("東華門", ["zbdpcbfog", "zbfogceua"]),
    ],
)
def test_query_tokens(term, want):
    assert query_tokens(term) == want


def test_query_terms():
    assert query_terms("  石景山\u3000防汛 ,, “老街坊”\xa0Covid-19！") == ["石景山", "防汛", "老街坊", "covid-19"]
    assert query_terms("東華門") == ["东华门"]
    assert query_terms("，。 “”") == []


@settings(max_examples=300)
@given(texts, st.data())
def test_every_substring_is_found_at_consecutive_positions(text, data):
    """Recall: a term cut from the text has its tokens side by side in the text's token stream
    (a term's last token may be a prefix). Terms starting inside an ASCII word are the documented
    exception: Pagefind matches words from their start."""
    norm = normalize(text)
    if not norm:
        return
    i = data.draw(st.integers(0, len(norm) - 1))
    j = data.draw(st.integers(i + 1, len(norm)))
    stream = tokenize(text)
    for term in query_terms(norm[i:j]):
        start = norm.index(term, i)
        if norm[start].isascii() and start > 0 and norm[start - 1].isascii() and norm[start - 1].isalnum():
            continue
        want = query_tokens(term)
        assert want
        assert any(
            all(stream[p + k].startswith(t) if k == len(want) - 1 else stream[p + k] == t for k, t in enumerate(want))
            for p in range(len(stream) - len(want) + 1)
        ), (term, want)
