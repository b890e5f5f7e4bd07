import re

from sitegen.issue.enrich import keywords_of, topics_of
from sitegen.issue.enrich.words import segment
from sitegen.lexicon import load_lexicon, load_topics, stop_words
from support import classify
from sitegen.model import Block, ParsedArticle, ParsedIssue, Source
from sitegen.lexicon import load_places


def article(headline, *paragraphs):
    return ParsedArticle(headline=headline, blocks=tuple(Block("p", p, (i,)) for i, p in enumerate(paragraphs)),
                   first_line=1, last_line=len(paragraphs))


def issue(*articles, district=None):
    return ParsedIssue(source=Source("seeds/t.txt", "", "0" * 64), articles=articles, district=district)


FLOOD = article("6000余人备战防汛", "本报讯(记者 李冬梅)随着5月19日一场防汛应急演练的举行,东城区防汛备战工作进入实质阶段。汛期各单位组建301支队伍备战防汛。")
CITY = article("石景山区深入开展文明城区创建工作", "自 2018 年全面启动全国文明城区创建以来,石景山区始终坚持创建思路,志愿者参与文明实践。")
COVID = article("区委主要领导调研企业复工复产工作", "区委书记常卫调研企业复工复产情况,检查指导企业疫情防控工作,要坚持疫情防控和复工复产两手抓。")


def test_segment_keeps_archive_names_whole():
    words = segment("深化党建引领“吹哨报到”改革,完善“接诉即办”机制,石景山老街坊志愿者")
    for name in ["吹哨报到", "接诉即办", "石景山", "老街坊"]:
        assert name in words


def test_topics_come_from_the_text_best_first():
    [classified] = classify([issue(FLOOD, CITY, COVID)], load_places())
    flood, city, covid = classified.articles
    assert flood.topics[0] == "防汛"
    assert city.topics[0] == "文明创建"
    assert set(covid.topics[:2]) == {"复工复产", "疫情防控"}
    for a in classified.articles:
        assert 1 <= len(a.topics) <= 3


def test_an_article_without_topic_words_gets_the_fallback_topic():
    assert topics_of(["今天", "天气", "晴朗"], [], load_lexicon()) == (load_topics()[-1].name,)


def test_city_bulletin_article_belongs_to_the_district_it_is_about():
    [classified] = classify([issue(CITY, FLOOD)], load_places())
    assert classified.articles[0].districts == ("石景山区",)
    assert classified.articles[1].districts == ("东城区",)


def test_district_paper_articles_belong_to_its_district():
    [classified] = classify([issue(COVID, district="石景山区")], load_places())
    assert classified.articles[0].districts == ("石景山区",)


def test_keywords_are_words_of_the_article_without_stop_words():
    [classified] = classify([issue(FLOOD, CITY, COVID)], load_places())
    flood = classified.articles[0]
    assert "防汛" in flood.keywords
    assert not {"的", "工作", "本报讯", "记者"} & set(flood.keywords)
    assert all(k in flood.text or k in flood.headline for k in flood.keywords)


def test_keywords_leave_out_numerals_measure_words_adverbs_and_stop_words():
    words = segment("6000余人备战防汛。务必高度重视,全区共储备车辆1257台,防汛队伍301支。务必落实防汛责任,全区排查积水点。")
    keywords = keywords_of(words, segment("6000余人备战防汛"), load_lexicon())
    assert keywords[0] == "防汛"
    assert {"备战", "积水"} <= set(keywords)
    assert not {"余人", "务必", "全区", "1257", "301", "高度"} & set(keywords)
    assert not set(keywords) & stop_words()


def test_headline_words_count_more():
    headline = "快递进楼门"
    words = segment(headline + "\n居民反映停车位紧张,停车位不足。")  # the article's words include its headline once
    assert keywords_of(words, [], load_lexicon())[0] == "停车位"
    assert set(keywords_of(words, segment(headline), load_lexicon())[:2]) == {"快递", "楼门"}


def test_the_stop_word_file_is_what_keepers_edit(tmp_path):
    f = tmp_path / "stop.txt"
    f.write_text("# a note 工作\n工作 建设\n\n  开展\n", encoding="utf-8")
    assert stop_words(str(f)) == {"工作", "建设", "开展"}


def test_the_taxonomy_fits_beijing_district_news():
    names = [t.name for t in load_topics()]
    assert 15 <= len(names) <= 30 and len(set(names)) == len(names)
    for expected in ["疫情防控", "复工复产", "文明创建", "防汛", "垃圾分类", "基层治理", "党建", "人大政协", "生态环境",
                     "城市管理", "科技创新", "民生服务"]:
        assert expected in names
    slugs = [t.slug for t in load_topics()]
    assert len(set(slugs)) == len(slugs) and all(re.fullmatch(r"[a-z-]+", s) for s in slugs)
    assert load_topics()[-1].terms == ()  # the fallback


def test_a_short_term_inside_a_name_does_not_make_a_topic():
    # 蓝天救援队 is a rescue team and 苹果园街道 a street office: neither is ecology nor farming.
    rescue = article("携手蓝天救援队 苹果园街道防控力度不松懈",
                     "蓝天救援队的队员们在苹果园街道东下庄社区集结,开展疫情防控消杀。")
    [classified] = classify([issue(rescue)], load_places())
    assert classified.articles[0].topics[0] in ("疫情防控", "基层治理")
    assert not {"生态环境", "乡村振兴"} & set(classified.articles[0].topics)


def test_an_article_about_several_districts_belongs_to_each():
    both = article("东城区与石景山区结对协作", "东城区和石景山区签署协议,两区将在背街小巷整治上结对协作。")
    [classified] = classify([issue(both)], load_places())
    assert set(classified.articles[0].districts) == {"东城区", "石景山区"}


def test_a_word_rare_in_chinese_outweighs_a_common_one_said_as_often():
    # 工地 and 检查 are each said twice; a building site says more about an article than "checking".
    words = segment("检查工地。检查工地。")
    assert keywords_of(words, [], load_lexicon())[:2] == ("工地", "检查")


def test_an_articles_keywords_do_not_depend_on_the_other_articles():
    # The same article alone or beside others: the same keywords, so that a new issue changes no other
    # article's page.
    alone = classify([issue(FLOOD)], load_places())[0].articles[0].keywords
    beside = classify([issue(CITY, COVID, FLOOD, CITY)], load_places())[0].articles[2].keywords
    assert alone == beside and "防汛" in alone


def test_the_reference_idf_table_gives_what_jieba_s_file_says(tmp_path, monkeypatch):
    """Keywords weigh words by jieba's IDF table, looked up in a sorted snapshot of it: every word gives
    the file's value (the last line of a word listed twice), an unknown word the default, the median is
    the table's; a damaged snapshot is made again."""
    import random
    import tempfile
    from sitegen.issue.enrich import idf
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    table_file = tmp_path / "idf.txt"
    table_file.write_text("石景山 9.5\n接诉即办 11.25\n防汛 8.0\n石景山 10.125\n社区 6.5\n", encoding="utf-8")
    expected = {"石景山": 10.125, "接诉即办": 11.25, "防汛": 8.0, "社区": 6.5}
    for _ in range(2):  # made, then from its snapshot
        table = idf.load_idf_table(str(table_file))
        assert {w: table.get(w, -1.0) for w in expected} == expected
        assert table.get("常卫", -1.0) == -1.0 and table.median == 10.125  # the upper of the middle two
    [snap] = tmp_path.glob("sitegen-jieba-idf-*")
    snap.write_bytes(b"damaged")
    assert idf.load_idf_table(str(table_file)).get("防汛", -1.0) == 8.0
    # jieba's own table, word by word, looked up one by one and read all at once.
    words = idf.read_idf_table()
    sample = random.Random(7).sample(sorted(words), 3000)
    one_by_one, at_once = idf.load_idf_table(), idf.load_idf_table()
    at_once.read_all()
    assert [one_by_one.get(w, -1.0) for w in sample] == [words[w] for w in sample] == [at_once.get(w, -1.0) for w in sample]
