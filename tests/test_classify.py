from sitegen.classify import classify, load_topics, segment, topics_of
from sitegen.model import Article, Block, Issue, Source
from sitegen.places import load_places


def article(headline, *paragraphs):
    return Article(headline=headline, blocks=tuple(Block("p", p, (i,)) for i, p in enumerate(paragraphs)),
                   first_line=1, last_line=len(paragraphs))


def issue(*articles, district=None):
    return Issue(source=Source("seeds/t.txt", "", "0" * 64), articles=articles, district=district)


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
    assert topics_of(["今天", "天气", "晴朗"], []) == (load_topics()[-1].name,)


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
