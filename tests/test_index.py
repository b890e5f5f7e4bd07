import datetime

from sitegen.archive import build_archive
from sitegen.archive.groups import entries, group, sort_issues
from sitegen.lexicon import load_lexicon
from sitegen.model import Article, Block, Issue, Source


def issue(id, date, districts_per_article):
    arts = tuple(Article(headline=f"{id}-{n}", blocks=(Block("p", "x。", (1,)),), first_line=1, last_line=1,
                         id=f"{id}/{n}", districts=tuple(ds),
                         topics=(), keywords=(), people=()) for n, ds in enumerate(districts_per_article, 1))
    return Issue(source=Source(f"seeds/{id}.txt", "", "0" * 64), articles=arts, publication="石景山报", date=date, id=id)


A = issue("a", datetime.date(2020, 4, 16), [["石景山区"], ["石景山区", "东城区"]])
B = issue("b", datetime.date(2020, 5, 22), [["东城区"]])
C = issue("c", None, [["石景山区"]])


def test_issues_sort_newest_first_and_undated_last():
    assert [i.id for i in sort_issues([C, A, B])] == ["b", "a", "c"]


def test_entries_keep_print_order_within_an_issue():
    assert [e.article.id for e in entries([A, B])] == ["b/1", "a/1", "a/2"]
    assert [e.number for e in entries([A])] == [1, 2]


def test_an_article_about_two_districts_is_listed_under_each():
    groups = build_archive([A, B, C], load_lexicon()).by_district
    assert list(groups) == sorted(groups)
    assert [e.article.id for e in groups["东城区"]] == ["b/1", "a/2"]
    assert [e.article.id for e in groups["石景山区"]] == ["a/1", "a/2", "c/1"]


def test_dates_group_by_year_and_month_skipping_undated():
    archive = build_archive([A, B, C], load_lexicon())
    assert {y: [i.id for i in v] for y, v in archive.by_year.items()} == {2020: ["b", "a"]}
    assert list(archive.by_month) == [(2020, 4), (2020, 5)]


def test_group_is_stable():
    assert group(["b1", "a1", "b2"], lambda s: [s[0]]) == {"a": ["a1"], "b": ["b1", "b2"]}
