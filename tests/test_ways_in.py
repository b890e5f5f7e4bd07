"""The ways into the archive on the built seeds: people, related articles, keywords, topics, districts.

Every expectation below comes from reading the seeds; the line quoted is where a reader would check it.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.config import Config
from sitegen.engine.build import build
from sitegen.lexicon import DATA_DIR, load_places, stop_words
from support import card_date, read_catalog


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def catalog(site_dir):
    return read_catalog(site_dir)


def article(catalog, headline: str) -> dict:
    [found] = [a for a in catalog["articles"] if a["headline"] == headline]
    return found


def printed(a: dict) -> str:
    return "\n".join(x for x in (a["kicker"], a["headline"], a["deck"], a["byline"], a["text"]) if x)


MEETING_0413 = ("我区召开应对新型冠状病毒感染疫情工作领导小组第五十六次会议 贯彻落实蔡奇书记调研我区指示要求 "
                "继续全面从严防控 统筹推进经济社会发展各项工作")
SECRETARY_ARTICLES = {  # every article that prints 区委书记常卫
    ("2020-06-24", "区委常委会召开会议"),  # seeds/001: "区委书记常卫主持会议。"
    ("2020-04-24", "统筹推进疫情防控和精神文明建设 深入开展背街小巷环境精细化整治提升工作"),  # seeds/000: "区委书记常卫,区委副书记、区长李新"
    ("2020-04-24", "区委主要领导调研企业复工复产工作"),  # seeds/000: "区委书记常卫到中关村科技园石景山园"
    ("2020-04-16", "区委常委会召开会议"),  # seeds/002: "区委书记常卫主持会议。"
    ("2020-04-16", MEETING_0413),  # seeds/002: "区委书记常卫主持召开"
}

# Everyone the seeds name, found by reading them: officials with the title printed before (or, for 蔡奇 and
# 习近平, after) the name, and the writers from bylines and photo credits.
OFFICIALS = {
    "常卫", "李新", "李文起", "吴克瑞", "田利跃",  # seeds/000: "区委书记常卫,区委副书记、区长李新,区人大常委会主任李文起,区政协主席吴克瑞,区委副书记田利跃"
    "习近平",  # seeds/000: "习近平总书记关于精神文明建设的重要思想"
    "周西松",  # seeds/000: "副区长周西松参加调研。"
    "刘微", "罗景文",  # seeds/000: "八角北路社区负责人刘微告诉记者", "队员罗景文告诉记者"
    "蔡奇",  # seeds/002: "贯彻落实蔡奇书记调研我区指示要求"
    "夏林茂", "金晖", "吴松元", "宋铁健",  # seeds/004: "区委书记夏林茂", "区委副书记、区长金晖", "吴松元、宋铁健等区领导"
    "周明刚",  # seeds/004: "工作室负责人周明刚介绍了工作室筹备情况"
    "蔡信达", "陈越",  # seeds/004: "苏州社区网格员蔡信达介绍", "科技信息科副科长陈越介绍"
}
WRITERS = {
    "石伟", "仲然", "高鑫铭", "阴晓霞", "张亚京", "王祝炫",  # seeds/000 bylines: "本报讯(通讯员石伟)", "(记者仲然 高鑫铭)" …
    "田甜",  # seeds/000: "田甜摄" under a photo; seeds/002: "(记者吴赛赛 通讯员田甜)"
    "石科", "张丽华", "周岩",  # seeds/001: "(通讯员石科)", "(通讯员张丽华)", "(通讯员周岩)"
    "石荣平", "吴赛赛",  # seeds/002: "●石荣平" under the commentary
    "乔斐", "刘旭阳", "李冬梅", "王慧雯", "梁爽",  # seeds/004: "(记者 乔斐)", "记者 王慧雯 通讯员 梁爽 摄影报道"
}


# People ---------------------------------------------------------------------------------------------

def test_the_district_secretary_has_a_page_with_his_role_in_each_article(site_dir, catalog):
    page = soup(site_dir, "/people/changwei/")
    assert page.h1.get_text() == "常卫"
    items = page.select(".article-list > li")
    listed = {(card_date(li), li.select_one(":is(h2, h3)").get_text()) for li in items}
    assert listed == SECRETARY_ARTICLES
    assert [li.select_one(".role").get_text() for li in items] == ["区委书记"] * 5
    dates = [card_date(li) for li in items]
    assert dates == sorted(dates, reverse=True)
    for li in items:  # each links to its article page
        href = li.select_one(":is(h2, h3) a")["href"]
        assert (site_dir / href.strip("/") / "index.html").is_file()
        assert soup(site_dir, href).h1.get_text() == li.select_one(":is(h2, h3)").get_text()


def test_reporters_correspondents_authors_and_photographers_are_people(site_dir, catalog):
    page = soup(site_dir, "/people/qiaofei/")  # seeds/004: "本报讯(记者 乔斐)5月20日,东城区疫情防控…"
    [item] = page.select(".article-list > li")
    assert item.select_one(".role").get_text() == "记者"
    assert item.select_one(":is(h2, h3)").get_text() == "精细精准抓落实 确保全国“两会”顺利召开"
    people = {p["name"]: p for p in catalog["people"]}
    assert people["石伟"]["roles"] == ["通讯员"] and len(people["石伟"]["articles"]) == 4
    assert set(people["田甜"]["roles"]) == {"通讯员", "摄影"}
    assert people["石荣平"]["roles"] == ["作者"]


def test_the_people_index_is_everyone_the_seeds_name_and_no_one_else(site_dir, catalog):
    page = soup(site_dir, "/people/")
    named = {a.get_text() for a in page.select("#named ~ ul a")}
    writers = {a.get_text() for a in page.select("#writers ~ ul a")}
    assert named == OFFICIALS
    assert writers == WRITERS
    assert {p["name"] for p in catalog["people"]} == OFFICIALS | WRITERS
    counts = {li.a.get_text(): int(li.select_one(".count").get_text().split()[0]) for li in page.select(".people-list li")}
    assert counts["常卫"] == 5 and counts["石伟"] == 4 and counts["乔斐"] == 1


TITLE_WORDS = ["书记", "主任", "区长", "市长", "主席", "委员", "记者", "通讯员", "领导", "负责人", "队员", "社区", "街道"]
ORGANISATION_ENDINGS = tuple("委会局办区街道社区中心公司部院队组站所馆处厅市县镇乡".split()) + ("中心", "街道", "社区", "公司")


def test_every_person_page_is_about_a_person(site_dir, catalog):
    """What a reader checks: a name of two to four Chinese characters, not a title, place or body,
    printed in every article the page lists, with the role as printed there."""
    places = {d.name for d in load_places().districts} | {a for d in load_places().districts for a in d.aliases}
    by_id = {a["id"]: a for a in catalog["articles"]}
    pages = sorted(p.parent.name for p in (site_dir / "people").glob("*/index.html"))
    assert pages == sorted(p["url"].strip("/").split("/")[-1] for p in catalog["people"])
    for person in catalog["people"]:
        name = person["name"]
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name), name
        assert not any(w in name for w in TITLE_WORDS) and not name.endswith(ORGANISATION_ENDINGS), name
        assert name not in places and name not in stop_words(), name
        page = soup(site_dir, person["url"])
        assert page.h1.get_text() == name
        for article_id in person["articles"]:
            text = printed(by_id[article_id])
            assert name in text, (name, article_id)
            role = {p["name"]: p["role"] for p in by_id[article_id]["people"]}[name]
            assert role in ("摄影", "作者") or role in text, (name, article_id, role)


def test_article_pages_name_their_people_with_roles_and_link_them(site_dir, catalog):
    # seeds/002: "区委书记常卫主持召开…会议传达蔡奇书记…区领导李新、李文起、吴克瑞、田利跃参加会议。"
    a = article(catalog, MEETING_0413)
    page = soup(site_dir, a["url"])
    shown = [li.get_text() for li in page.select("section.people li")]
    assert shown == ["蔡奇（书记）", "石伟（通讯员）", "常卫（区委书记）", "李新（区领导）", "李文起（区领导）",
                     "吴克瑞（区领导）", "田利跃（区领导）"]
    assert a["people"][:3] == [{"name": "蔡奇", "role": "书记"}, {"name": "石伟", "role": "通讯员"},
                               {"name": "常卫", "role": "区委书记"}]
    for link in page.select("section.people a"):
        assert soup(site_dir, link["href"]).h1.get_text() == link.get_text()
    # An article that names no one has no people section (seeds/003: the bulletin names no person in its article).
    bulletin = article(catalog, "永葆为民情怀 厚植文明沃土 石景山区深入开展文明城区创建工作")
    assert bulletin["people"] == [] and not soup(site_dir, bulletin["url"]).select("section.people")


def test_people_are_a_way_in_from_home_and_navigation(site_dir):
    home = soup(site_dir, "/")
    assert "按人物" in home.get_text()
    assert any(a["href"] == "/people/" for a in home.select("nav a"))
    assert "/people/changwei/" in {a["href"] for a in home.select(".ways-in a")}


# Related articles ---------------------------------------------------------------------------------

def test_related_articles_share_something_and_never_the_article_itself(site_dir, catalog):
    by_url = {a["url"]: a for a in catalog["articles"]}
    fallback = tomllib.loads((DATA_DIR / "topics.toml").read_text(encoding="utf-8"))["topic"][-1]["name"]
    with_related = 0
    for a in catalog["articles"]:
        links = [x["href"] for x in soup(site_dir, a["url"]).select("section.related a")]
        assert a["url"] not in links and len(links) == len(set(links)) <= 5
        with_related += bool(links)
        names = {p["name"] for p in a["people"]}
        for href in links:
            other = by_url[href]
            shared = (set(a["topics"]) & set(other["topics"]) - {fallback}) | (set(a["keywords"]) & set(other["keywords"])) \
                | (names & {p["name"] for p in other["people"]})
            assert shared, (a["headline"], other["headline"])
    assert with_related == len(catalog["articles"])


def test_the_two_april_meetings_chaired_by_the_secretary_relate(site_dir, catalog):
    # seeds/002: both written by 通讯员石伟, both chaired by 区委书记常卫, both on 疫情防控.
    meeting = article(catalog, MEETING_0413)
    related = [a.get_text() for a in soup(site_dir, meeting["url"]).select("section.related a")]
    assert "区委常委会召开会议" in related[:3]


UNRELATED = """石景山报

2020年4月16日 星期四

区图书馆延长开放时间

本报讯(记者 张三)区图书馆即日起延长开放时间,读者可在晚间借阅图书。

6000余人备战防汛

本报讯(记者 李四)汛期将至,各单位组建队伍备战防汛,排查积水点位。
"""


def test_articles_with_nothing_in_common_have_no_related_list(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text(UNRELATED, encoding="utf-8")
    out = tmp_path / "site"
    build(Config(seeds_dir=seeds, out_dir=out, cache_dir=None))
    cat = read_catalog(out)
    assert len(cat["articles"]) == 2
    a, b = cat["articles"]
    assert not set(a["keywords"]) & set(b["keywords"]) and not set(a["topics"]) & set(b["topics"])
    for x in cat["articles"]:
        assert not soup(out, x["url"]).select("section.related")


# Keywords -----------------------------------------------------------------------------------------

NUMERAL_OR_MEASURE = re.compile(r"^[\d〇一二三四五六七八九十百千万亿两几余多]+[个次场项名人户家件条处]?$|^[余多]")


def test_keywords_say_what_the_article_is_about(site_dir, catalog):
    flood = article(catalog, "6000余人备战防汛")
    # seeds/004: "6000余人备战防汛 … 务必高度重视 … 全区共储备车辆": 余人, 务必 and 全区 say nothing of it.
    assert flood["keywords"][0] == "防汛"
    assert not {"余人", "务必", "全区"} & set(flood["keywords"])
    assert "快递" in article(catalog, "快递管理精细化 居民“件件有着落”")["keywords"][:2]
    assert "结婚" in article(catalog, "“520”我们登记结婚啦！")["keywords"][:2]
    stop = stop_words()
    for a in catalog["articles"]:
        assert 1 <= len(a["keywords"]) <= 8
        for k in a["keywords"]:
            assert k not in stop and not NUMERAL_OR_MEASURE.match(k), (a["headline"], k)
            assert k in printed(a), (a["headline"], k)
        # the page shows the same keywords
        facts = soup(site_dir, a["url"]).select_one(".article-facts").get_text()
        assert "、".join(a["keywords"]) in facts
    # A reporter's name in the byline is not what the article is about (seeds/000: "(记者仲然 高鑫铭)").
    assert "仲然" not in article(catalog, "区委主要领导调研企业复工复产工作")["keywords"]


# Topics -------------------------------------------------------------------------------------------

def test_topics_taxonomy_and_assignments(site_dir, catalog):
    taxonomy = tomllib.loads((DATA_DIR / "topics.toml").read_text(encoding="utf-8"))["topic"]
    assert 15 <= len(taxonomy) <= 30
    names = [t["name"] for t in taxonomy]
    for a in catalog["articles"]:
        assert 1 <= len(a["topics"]) <= 3 and set(a["topics"]) <= set(names)
    assert article(catalog, "6000余人备战防汛")["topics"][0] == "防汛"
    assert article(catalog, "东城首批两家“政协委员工作室”挂牌")["topics"][0] == "人大政协"
    assert article(catalog, "八宝山街道 全力做好核酸检测采样工作")["topics"][0] == "疫情防控"
    assert article(catalog, "区应急管理局对复工复产建筑施工工地开展安全生产执法检查")["topics"][:2] == ["安全生产", "复工复产"]
    assert article(catalog, "永葆为民情怀 厚植文明沃土 石景山区深入开展文明城区创建工作")["topics"][0] == "文明创建"
    # seeds/001: 蓝天救援队 is a rescue team, not blue skies: the article is about epidemic control in the street.
    rescue = article(catalog, "携手蓝天救援队 苹果园街道防控力度不松懈")
    assert "生态环境" not in rescue["topics"] and "疫情防控" in rescue["topics"]


def test_topic_pages_list_their_articles_newest_first_with_counts(site_dir, catalog):
    overview = soup(site_dir, "/topics/")
    listed = {li.a.get_text(): (li.a["href"], int(li.select_one(".count").get_text().split()[0]))
              for li in overview.select(".group-list li")}
    counts: dict[str, int] = {}
    for a in catalog["articles"]:
        for t in a["topics"]:
            counts[t] = counts.get(t, 0) + 1
    assert {k: v for k, (_, v) in listed.items()} == counts
    for name, (href, count) in listed.items():
        page = soup(site_dir, href)
        assert page.h1.get_text() == name
        assert f"共 {count} 篇" in page.select_one(".lede").get_text()
        dates = [card_date(li) for li in page.select(".article-list > li")]
        assert len(dates) == count and dates == sorted(dates, reverse=True)


# Districts ----------------------------------------------------------------------------------------

def test_a_city_bulletin_article_belongs_to_the_district_it_is_about(site_dir, catalog):
    # seeds/003: 首都精神文明建设情况简报 is city-wide; its article is "石景山区深入开展文明城区创建工作".
    bulletin = article(catalog, "永葆为民情怀 厚植文明沃土 石景山区深入开展文明城区创建工作")
    [issue] = [i for i in catalog["issues"] if i["id"] == bulletin["issue"]]
    assert issue["district"] is None
    assert bulletin["district"] == ["石景山区"]
    shijingshan = [a.get_text() for a in soup(site_dir, "/districts/shijingshan/").select(".article-list li > :is(h2, h3) a")]
    assert bulletin["headline"] in shijingshan
    for a in catalog["articles"]:
        assert a["district"], a["headline"]
        if a["issue"].startswith("xin-dongcheng-bao/"):
            assert a["district"] == ["东城区"]
