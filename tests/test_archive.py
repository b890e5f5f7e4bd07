"""The Archive is built once and every consumer reads it: pages, catalog and feeds agree on what it holds."""
import datetime
from dataclasses import replace

from sitegen.archive import build_archive
from sitegen.lexicon import load_topics
from sitegen.site import urls
from sitegen.site.catalog import catalog
from sitegen.site.feeds import feeds
from sitegen.site.pages import Plan
from sitegen.site.plan import all_pages

from support import finished
from sitegen.lexicon import load_lexicon
from test_urls import make_issue


SITE = urls.SiteUrls("/", load_lexicon())


def archive(*issues):
    """The Archive of these issues (parsed, or finished already)."""
    return build_archive([i for issue in issues for i in ([issue] if hasattr(issue, "id") else finished([issue]))],
                         load_lexicon())


def with_topics(parsed, *topics):
    [issue] = finished([parsed])
    return replace(issue, articles=tuple(replace(a, topics=topics, districts=("石景山区",)) for a in issue.articles))


def test_issues_and_articles_are_newest_first_and_grouped_once():
    a = archive(make_issue("seeds/a.txt", date=datetime.date(2020, 4, 16)),
                make_issue("seeds/b.txt", publication="新东城报", date=datetime.date(2020, 5, 1)),
                make_issue("seeds/c.txt", date=None))
    assert [i.source.path for i in a.issues] == ["seeds/b.txt", "seeds/a.txt", "seeds/c.txt"]
    assert [e.issue.source.path for e in a.entries][::2] == ["seeds/b.txt", "seeds/a.txt", "seeds/c.txt"]
    assert list(a.by_year) == [2020] and list(a.by_month) == [(2020, 4), (2020, 5)]
    assert list(a.by_paper) == ["新东城报", "石景山报"]
    assert [i.source.path for i in a.by_paper["石景山报"]] == ["seeds/a.txt", "seeds/c.txt"]
    assert a.by_day[datetime.date(2020, 4, 16)] == (a.issues[1],)
    assert set(a.by_id) == {e.article.id for e in a.entries}


def test_a_topic_the_taxonomy_does_not_know_is_linked_by_its_pinyin_everywhere():
    # 旧主题 is not in topics.toml (a topic renamed since the issue was read): one path, from urls.topic_path.
    a = archive(with_topics(make_issue("seeds/a.txt"), "旧主题", "疫情防控"))
    assert SITE.topic_path("旧主题") == "topics/jiuzhuti/"
    assert SITE.topic_path("疫情防控") == "topics/" + next(t.slug for t in load_topics() if t.name == "疫情防控") + "/"
    pages = {p.path: p.context["page"] for p in all_pages(Plan(a, urls.SiteUrls("/", load_lexicon())))}
    assert "topics/jiuzhuti/" in pages
    linked = {g["label"]: g["url"] for g in pages[""]["topics"]}
    assert linked["旧主题"] == "/topics/jiuzhuti/"
    assert {g["label"]: g["url"] for g in pages["topics/"]["groups"]} == linked
    article = pages[a.entries[0].article.id + "/"]["article"]
    assert {t["label"]: t["url"] for t in article["topic_links"]} == linked


def test_feeds_are_written_by_the_configured_site_title():
    a = archive(with_topics(make_issue("seeds/a.txt"), "疫情防控"))
    written = dict(feeds(a, "石景山档案馆", urls.SiteUrls("/", load_lexicon(), "https://example.org")))
    assert set(written) == {urls.FEED, SITE.district_feed_path("石景山区")}
    for data in written.values():
        assert b"<author><name>\xe7\x9f\xb3\xe6\x99\xaf\xe5\xb1\xb1\xe6\xa1\xa3\xe6\xa1\x88\xe9\xa6\x86</name></author>" in data
        assert "北京区报档案".encode() not in data


def test_catalog_and_pages_read_the_same_people_and_continuations():
    [issue] = finished([make_issue("seeds/a.txt", n=3)])
    arts = issue.articles
    issue = replace(issue, articles=(replace(arts[0], continued_on="2版", people=(("常卫", "区委书记"),)),
                                     arts[1], replace(arts[2], continued_from="1版", people=(("常卫", None),))))
    a = archive(issue)
    first, _, last = (e.article.id for e in a.entries)
    assert a.continued_on == {first: last} and a.continued_from == {last: first}
    data = catalog(a, "/")
    assert [p["name"] for p in data["people"]] == [p.name for p in a.people] == ["常卫"]
    assert data["articles"][0]["continued_on"] == {"page": "2版", "article": last}
    pages = {p.path: p.context["page"] for p in all_pages(Plan(a, urls.SiteUrls("/", load_lexicon())))}
    assert pages[first + "/"]["article"]["continued_on"]["url"] == "/" + last + "/"
    assert pages[first + "/"]["article"]["people"][0]["url"] == data["people"][0]["url"]
