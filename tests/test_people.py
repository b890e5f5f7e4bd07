"""People named in articles: the seeds as a reader would count them, and general rules on unseen text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.lexicon import load_marks
from sitegen.model import Article, ArticleFacts, Block, ParsedArticle
from sitegen.issue.parse import parse_text
from sitegen.archive.people import Mention, index_people, is_writer
from sitegen.issue.enrich.people import byline_people, people_of
from support import with_people

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NOT_PEOPLE = """区委 常委会 区政府 石景山 八角街道 书记 会议 全国 区长 记者 通讯员 文明 弘扬 惠民 张贴 高峰 智慧 蓝天
    楼宇 文明办 区领导 负责人 队员 网格员 老街坊 东城 两会 习近平新 工作室 委员 政协 人大 社区 居民 志愿者""".split()


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    issues = [parse_text(p.read_text(encoding="utf-8"), f"seeds/{p.name}") for p in sorted(SEEDS.glob("*.txt"))]
    return [a for issue in with_people(issues) for a in issue.articles]


@pytest.fixture(scope="module")
def people(articles):
    return {p.name: p for p in index_people(articles)}


def printed(article: ParsedArticle) -> str:
    return "\n".join(x for x in (article.kicker, article.headline, article.deck, article.byline, article.text) if x)


def article(headline: str, *paragraphs: str, byline: str | None = None, credit: str | None = None) -> ParsedArticle:
    blocks = [Block("p", p, (i,)) for i, p in enumerate(paragraphs, 1)]
    if credit:
        blocks.append(Block("credit", credit, (len(blocks) + 1,)))
    return ParsedArticle(headline=headline, blocks=tuple(blocks), first_line=1, last_line=len(blocks), byline=byline)


def test_the_district_secretary_in_every_article_that_names_him(articles, people):
    naming = [a.id for a in articles if "常卫" in printed(a)]
    assert len(naming) == 5  # 4月23日 and 24日 (seeds/000), 6月24日 (001), 4月15日 and 13日 (002)
    assert people["常卫"].mentions == tuple(Mention(i, "区委书记") for i in naming)
    assert people["常卫"].roles == ("区委书记",)
    assert people["常卫"].slug == "changwei"


def test_reporters_and_correspondents_from_bylines(articles, people):
    assert [m.role for m in people["乔斐"].mentions] == ["记者"]
    shi_wei = [a.id for a in articles if a.byline and "石伟" in a.byline]
    assert len(shi_wei) == 4
    assert people["石伟"].mentions == tuple(Mention(i, "通讯员") for i in shi_wei)
    # One role printed before two names covers both.
    assert people["高鑫铭"].roles == ("记者",) and people["仲然"].roles == ("记者",)
    # A commentary signed ●石荣平 (seeds/002, under 持续抓好疫情常态化防控): its author, no role printed.
    assert people["石荣平"].roles == ("作者",)


def test_photo_credits(people):
    # 田甜摄 under a photo (seeds/000) and 通讯员田甜 in a byline (seeds/002): one person, two roles.
    assert set(people["田甜"].roles) == {"摄影", "通讯员"}
    assert people["王慧雯"].roles == ("记者",) and people["梁爽"].roles == ("通讯员",)


def test_officials_of_the_dongcheng_issue(articles, people):
    [xia] = people["夏林茂"].mentions
    assert xia.role == "区委书记" and xia.article_id.startswith("xin-dongcheng-bao/")
    assert people["金晖"].roles == ("区委副书记、区长",)
    assert "区长" in people["金晖"].roles[0]
    assert people["周明刚"].roles == ("工作室负责人",)
    assert people["陈越"].roles == ("副科长",)
    assert people["蔡信达"].roles[0].endswith("网格员")
    # 吴松元、宋铁健等区领导: a list closed by its role.
    assert people["吴松元"].roles == ("区领导",)
    assert set(people["宋铁健"].roles) == {"区领导", "区委副书记、区政协主席"}


def test_lists_titles_after_names_and_first_mention_order(articles):
    meeting = next(a for a in articles if a.headline.startswith("我区召开应对新型冠状病毒"))
    found = people_of(meeting, load_marks())
    # 蔡奇书记 is in the headline, so he comes first; 区领导李新、李文起、吴克瑞、田利跃 each get the role.
    assert found[0] == ("蔡奇", "书记")
    assert found[1:] == (("石伟", "通讯员"), ("常卫", "区委书记"), ("李新", "区领导"), ("李文起", "区领导"),
                         ("吴克瑞", "区领导"), ("田利跃", "区领导"))


def test_people_named_with_a_role_in_the_text(people):
    assert people["周西松"].roles == ("副区长",)
    assert people["刘微"].roles == ("社区负责人",)
    assert people["罗景文"].roles == ("队员",)
    assert people["李文起"].roles[0] == "区人大常委会主任"
    assert people["吴克瑞"].roles[0] == "区政协主席"


def test_no_organisations_or_fragments(articles, people):
    assert not set(NOT_PEOPLE) & set(people)
    by_id = {a.id: a for a in articles}
    for person in people.values():
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", person.name), person.name
        for m in person.mentions:
            assert person.name in printed(by_id[m.article_id]), (person.name, m.article_id)


def test_index_order_and_slugs(people, articles):
    ranked = index_people(articles)
    keys = [(-len(p.mentions), p.name) for p in ranked]
    assert keys == sorted(keys)
    assert ranked[0].name == "常卫"
    slugs = [p.slug for p in ranked]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)
    for p in ranked:
        assert len({m.article_id for m in p.mentions}) == len(p.mentions)


def test_names_that_read_the_same_get_distinct_slugs_whatever_the_order():
    a = article("一", "本报讯(记者 张伟)今天下雨。")
    b = article("二", "本报讯(记者 章玮)今天晴天。")
    a, b = (Article.of(x, "t/1", ArticleFacts((), (), people_of(x, load_marks()), ())) for x in (a, b))
    for order in ([a, b], [b, a]):
        slugs = {p.name: p.slug for p in index_people(order)}
        assert slugs == {"张伟": "zhangwei", "章玮": "zhangwei-2"}


def test_a_name_again_without_its_title_is_the_same_person():
    a = article("区委书记王建国调研", "区委书记王建国来到园区。王建国指出,要抓好落实。王建国强调,要保障安全。")
    assert people_of(a, load_marks()) == (("王建国", "区委书记"),)


@pytest.mark.parametrize("text, expected", [
    ("社区党委书记王红介绍,目前一切正常。", [("王红", "社区党委书记")]),
    ("北京市副市长卢彦出席活动。", [("卢彦", "副市长")]),
    ("区长助理刘洋、副区长陈钢出席。", [("刘洋", "区长助理"), ("陈钢", "副区长")]),
    ("志愿者王淑珍今年72岁。", [("王淑珍", "志愿者")]),
    ("医生刘桂芳说,要多通风。", [("刘桂芳", "医生")]),
    ("区委书记牛青山主持会议并讲话。", [("牛青山", "区委书记")]),  # jieba: 牛/青山
    ("区委副书记、政法委书记李文起传达了全会精神。", [("李文起", "区委副书记、政法委书记")]),
    ("区领导周新、高辉、马林波、史志明、师建龙及区相关单位负责人参加会议。",  # jieba: 史志/明
     [(n, "区领导") for n in ["周新", "高辉", "马林波", "史志明", "师建龙"]]),
    ("(本网记者:王浩江)", [("王浩江", "记者")]),
    # Names jieba cuts across (于/军/主持会议, 戴/彬彬, 张/海波, 孔令/文说, 王/立新): the word after ends them.
    ("海淀区委书记于军主持会议。区委副书记、区长戴彬彬讲话。", [("于军", "区委书记"), ("戴彬彬", "区委副书记、区长")]),
    ("在金融街街道,党工委书记张海波带队检查。", [("张海波", "党工委书记")]),
    ("市场监管局局长助理孔令文说。", [("孔令文", "局长助理")]),
    ("中国人民大学教授王立新认为,这一做法值得推广。", [("王立新", "教授")]),
    ("朝阳区人民法院院长李建华介绍,今年以来案件下降。", [("李建华", "院长")]),  # in jieba's dictionary, 20 times
    ("团区委书记高飞带领青年志愿者开展活动。", [("高飞", "团区委书记")]),  # the Youth League's, not the district's
    # Two names, one inside the other, in the order printed.
    ("区委书记李新华主持会议。副区长李新出席。", [("李新华", "区委书记"), ("李新", "副区长")]),
])
def test_titles_before_unseen_names(text, expected):
    assert list(people_of(article("标题", text), load_marks())) == expected


@pytest.mark.parametrize("text", [
    "居民张大妈告诉记者,垃圾分类好。",
    "家住八角北里的居民李女士说,很方便。",
    "社区书记为第二责任人。16个社区书记召开会议。",
    "记者了解到,记者从近日召开的会议获悉。",
    "负责人严把关,党员干部冲在前,领导干部带头。",
    "区领导包联街道,居民楼内整洁,主席台就座。",
    "志愿者文明引导,队员们巧用熟面孔。",
    "企业负责人关于企业运营的介绍。",
    "居民高兴地说,环境变好了。居民高兴说好。",
    "负责人严把关,志愿者常来社区。",
])
def test_no_person_where_a_title_is_followed_by_an_ordinary_word(text):
    assert people_of(article("标题", text), load_marks()) == ()


def test_bylines():
    assert byline_people("记者吴赛赛 通讯员田甜", load_marks()) == [("吴赛赛", "记者"), ("田甜", "通讯员")]
    assert byline_people("记者仲然 高鑫铭", load_marks()) == [("仲然", "记者"), ("高鑫铭", "记者")]
    assert byline_people("记者 王慧雯 通讯员 梁爽 摄影报道", load_marks(), credit=True) == [("王慧雯", "记者"), ("梁爽", "通讯员")]
    assert byline_people("田甜摄", load_marks(), credit=True) == [("田甜", "摄影")]
    assert byline_people("石荣平", load_marks()) == [("石荣平", None)]
    # After a role, a name is a name even where it is also a common word.
    assert byline_people("记者 李冬梅 实习生 王宁 通讯员 高峰", load_marks()) == [("李冬梅", "记者"), ("王宁", "实习生"), ("高峰", "通讯员")]
    assert byline_people("高峰", load_marks()) == []
    for org in ["石景山区融媒体中心", "新华社发", "资料图片", "受访者供图", "首都文明办"]:
        assert byline_people(org, load_marks(), credit=True) == []


def test_a_byline_without_a_role_names_the_author():
    a = ParsedArticle(headline="评论", blocks=(Block("p", "要抓好落实。", (2,)),), first_line=1, last_line=2, byline="石荣平")
    assert people_of(a, load_marks()) == (("石荣平", "作者"),)


def test_writers_and_people_named_in_the_text(people):
    assert is_writer(people["乔斐"]) and is_writer(people["田甜"]) and is_writer(people["石荣平"])
    assert not is_writer(people["常卫"]) and not is_writer(people["周明刚"])


def test_roles_printed_equally_often_fuller_first_whatever_the_order(articles):
    for order in (articles, articles[::-1]):
        people = {p.name: p for p in index_people(order)}
        assert people["李文起"].roles == ("区人大常委会主任", "区领导")
        assert people["李新"].roles == ("区委副书记、区长", "区领导")
