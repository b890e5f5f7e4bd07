"""Full-width punctuation in Chinese context: what the reader sees, what the source view and search keep."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sitegen.lexicon import normalize
from sitegen.punctuation import fullwidth_marks
from sitegen.search.tokens import query_terms, tokenize

REPO = Path(__file__).resolve().parent.parent

CHANGED = [
    # between Chinese characters, each mark
    ("会议指出,要深入学习", "会议指出，要深入学习"),
    ("消防安全;区市场监管局", "消防安全；区市场监管局"),
    ("告诉记者:“我们都", "告诉记者：“我们都"),
    ("记结婚啦!", "记结婚啦！"),
    ("怎么办?", "怎么办？"),
    ("真的吗?!", "真的吗？！"),
    ("结束了!!!", "结束了！！！"),
    # a Chinese neighbour on one side is enough
    ("4月23日,我区召开", "4月23日，我区召开"),
    ("防联控,300余人", "防联控，300余人"),
    ("增长5.3%,达到", "增长5.3%，达到"),
    ("●区政府:12345", "●区政府：12345"),
    ("下载APP:扫码即可", "下载APP：扫码即可"),
    ("“五”,“六”", "“五”，“六”"),
    ("《通知》,详细说明", "《通知》，详细说明"),
    ("时间:9:30", "时间：9:30"),
    # parentheses, as pairs
    ("本报讯(通讯员 石伟)4月1日", "本报讯（通讯员 石伟）4月1日"),
    ("本报讯(记者仲然 高鑫铭)4月24日下午,", "本报讯（记者仲然 高鑫铭）4月24日下午，"),
    ("(上接1版)", "（上接1版）"),
    ("(1)加强组织领导", "（1）加强组织领导"),
    ("新冠肺炎(COVID-19)疫情", "新冠肺炎（COVID-19）疫情"),
    ("规定(2020)要求", "规定（2020）要求"),
    ("PM2.5(细颗粒物)浓度", "PM2.5（细颗粒物）浓度"),
    ("(石景山区文明办)", "（石景山区文明办）"),
    ("(一)(二)", "（一）（二）"),
    ("外(内(中)内)外", "外（内（中）内）外"),
    ("(上接1版),记者", "（上接1版），记者"),
    # a lone parenthesis follows the rule of the other marks
    ("见附件)。", "见附件）。"),
    ("见附件(", "见附件（"),
    # addresses: the sentence's mark after them is Chinese, theirs are not
    ("详见http://www.sjs.gov.cn/a?b=1,c=2,请查阅", "详见http://www.sjs.gov.cn/a?b=1,c=2，请查阅"),
    ("网址www.sjs.gov.cn,欢迎", "网址www.sjs.gov.cn，欢迎"),
    ("邮箱:abc@163.com;电话:010-123", "邮箱：abc@163.com；电话：010-123"),
    ("详见(http://a.cn/x_(y))。", "详见（http://a.cn/x_(y)）。"),
    ("来信请寄jswm@163.com,我们", "来信请寄jswm@163.com，我们"),
    # other scripts of the region count as Chinese context
    ("ひらがな,カタカナ", "ひらがな，カタカナ"),
    ("𠀀,𠀁", "𠀀，𠀁"),
    # lines are separate: a pair never spans two
    ("第一行(甲\n乙)第二行", "第一行（甲\n乙）第二行"),
]

UNCHANGED = [
    "",
    "没有标点的中文",
    "已经是全角，；：！？（）的中文",
    # numbers, times, ratios
    "共3,000人",
    "约1,234,567元",
    "上午9:30开会",
    "比例为1:2",
    "第1,2版",
    "比分3:1!",  # a lone ! after a digit with nothing Chinese after it
    # Latin words and phrases, alone or in Chinese text
    "Hello, world! How are you? Fine; thanks: (really)",
    "函数f(x)的值",
    "使用g(a,b)计算",
    # web and e-mail addresses, whole
    "石景山新闻网http://www.sjs.gov.cn",
    "网址http://a.cn/path?q=1&x=(2):3!",
    "见http://example.com:8080/a,b;c",
    "邮箱：jswmzhxhc@163.com",
    "用户a.b+c@mail.example.cn",
    "ftp://files.example.org/a(1).txt",
    "本站www.example.com:80/x?y",
    # marks with spaces on both sides
    "甲 , 乙",
    "中文 (English) 中文",
    # other ASCII marks are not ours to change
    "中文.中文 中文-中文 中文/中文 中文\"中文\" 中文'中文'",
]


@pytest.mark.parametrize(("text", "shown"), CHANGED)
def test_marks_in_chinese_context_are_shown_full_width(text, shown):
    assert fullwidth_marks(text) == shown


@pytest.mark.parametrize("text", UNCHANGED)
def test_marks_in_numbers_latin_text_and_addresses_are_left_alone(text):
    assert fullwidth_marks(text) == text


ALPHABET = st.sampled_from(list("中文石景山区，。“”《》、 \n,;:!?()()1234567890.%@/abcAB:-_ひ𠀀") + ["http://", "www."])


@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_one_character_for_one_and_the_same_text_for_search(text):
    shown = fullwidth_marks(text)
    assert len(shown) == len(text)  # so offsets into the text (highlights) stay where they are
    assert [a == b or (a, b) in zip(",;:!?()", "，；：！？（）") for a, b in zip(text, shown)] == [True] * len(text)
    assert normalize(shown) == normalize(text)
    assert tokenize(shown) == tokenize(text)
    assert query_terms(shown) == query_terms(text)
    assert fullwidth_marks(shown) == shown


def ascii_pairs(line: str) -> list[tuple[int, int]]:
    """The pairs of parentheses of a line, matched innermost first, whatever their width."""
    pairs, open_at = [], []
    for i, ch in enumerate(line):
        if ch in "(（":
            open_at.append(i)
        elif ch in ")）" and open_at:
            pairs.append((open_at.pop(), i))
    return pairs


def test_a_parenthesis_opened_in_an_address_is_closed_as_it_was_opened():
    assert fullwidth_marks("http://(中)") == "http://(中)"
    assert fullwidth_marks("见http://a.cn/(x)，另(说明)") == "见http://a.cn/(x)，另（说明）"


@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_parentheses_are_made_full_width_in_pairs(text):
    """Where a pair of parentheses on one line is changed, both halves are."""
    for line in fullwidth_marks(text).split("\n"):
        for start, end in ascii_pairs(line):
            assert (line[start] == "(") == (line[end] == ")"), line


# --- the built site ----------------------------------------------------------------------------------

def soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_article_page_shows_full_width_marks(site_dir):
    body = soup(site_dir / "shijingshan-bao/2020-04-24/1/index.html").find("article").get_text()
    assert "会议指出，要深入学习" in body
    assert "会议指出,要深入学习" not in body
    byline = soup(site_dir / "shijingshan-bao/2020-04-24/2/index.html").find("article").get_text()
    assert "本报讯（记者仲然 高鑫铭）4月24日下午，区委书记常卫" in byline


def test_the_source_view_shows_every_line_of_the_file_as_it_is(site_dir):
    catalog = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    every_line = []
    for issue in catalog["issues"]:
        page = soup(site_dir / issue["url"].strip("/") / "source/index.html")
        shown = [li.get_text() for li in page.find("ol", class_="source-lines").find_all("li")]
        lines = (REPO / issue["source_file"]).read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
        assert shown == lines, issue["source_file"]
        every_line += shown
    assert any("会议指出,要深入学习" in line for line in every_line)
    assert any("本报讯(记者仲然 高鑫铭)4月24日下午,区委书记常卫" in line for line in every_line)


def test_the_issue_page_keeps_addresses_and_shows_chinese_marks(site_dir):
    text = soup(site_dir / "shijingshan-bao/2020-04-16/index.html").get_text()
    assert "http://www.sjs.gov.cn" in text


def test_search_excerpt_text_and_index_agree_with_the_page(site_dir):
    """The text the search page shows excerpts from has the page's marks; its tokens are as before."""
    texts = []
    for path in sorted((site_dir / "pagefind").rglob("sitegen-docs/*.json.gz")):
        doc = json.loads(gzip.decompress(path.read_bytes()))
        texts.append(doc["text"])
    joined = "\n".join(texts)
    assert "会议指出，要深入学习" in joined
    assert not re.search(r"[\u4e00-\u9fff][,;:!?][\u4e00-\u9fff]", joined)


@pytest.mark.browser
@pytest.mark.parametrize("query", ["会议指出,要深入", "会议指出，要深入", "會議指出，要深入"])
def test_search_finds_either_form_and_shows_and_marks_the_full_width_one(page, site_url, query):
    page.goto(site_url + "search/?q=" + query)
    page.locator(".search-results li").first.wait_for()
    assert page.locator(".search-results li").count() == 1
    assert page.locator(".search-results mark").first.inner_text() == "会议指出，要深入"
    page.locator(".search-results .headline a").first.click()
    page.wait_for_url(re.compile(r"highlight="))
    mark = page.locator("article mark").first
    mark.wait_for()
    assert mark.inner_text() == "会议指出，要深入"
