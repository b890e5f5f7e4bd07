import datetime

from sitegen.archive import ids
from sitegen.site import urls
from sitegen.model import Block, ParsedArticle, ParsedIssue, Source
from sitegen.lexicon import load_places


def make_issue(path, publication="石景山报", date=datetime.date(2020, 4, 16), issue_no=30, total_no=1907, n=2):
    source = Source(path=path, text="x", sha256=(path * 64)[:64].encode().hex()[:64])
    arts = tuple(ParsedArticle(headline=f"标题{i}", blocks=(Block("p", "正文。", (i,)),), first_line=i, last_line=i)
                 for i in range(n))
    return ParsedIssue(source=source, articles=arts, publication=publication, date=date, issue_no=issue_no, total_no=total_no)


def test_known_paper_uses_its_slug_and_unknown_paper_its_pinyin():
    assert ids.publication_slug("石景山报", load_places()) == "shijingshan-bao"
    assert ids.publication_slug("西城报", load_places()) == "xichengbao"
    assert ids.publication_slug(None, load_places()) == "unknown"


def test_ids_are_paper_and_date_and_articles_are_numbered():
    placed, problems = ids.assign_ids([make_issue("seeds/a.txt")], load_places())
    assert problems == []
    [(issue_id, _)] = placed
    assert issue_id == "shijingshan-bao/2020-04-16"
    assert [ids.article_id(issue_id, n) for n in (1, 2)] == ["shijingshan-bao/2020-04-16/1", "shijingshan-bao/2020-04-16/2"]
    assert urls.article_path_of(ids.article_id(issue_id, 2)) == "shijingshan-bao/2020-04-16/2/"
    assert urls.output_file(urls.article_path_of(ids.article_id(issue_id, 2))) == "shijingshan-bao/2020-04-16/2/index.html"


def test_adding_an_issue_does_not_change_existing_permalinks():
    first, _ = ids.assign_ids([make_issue("seeds/b.txt")], load_places())
    both, _ = ids.assign_ids([make_issue("seeds/b.txt"), make_issue("seeds/a.txt", date=datetime.date(2020, 4, 9))], load_places())
    assert first[0][0] in {issue_id for issue_id, _ in both}


def test_same_issue_twice_is_built_once_with_a_warning_naming_both_files():
    placed, problems = ids.assign_ids([make_issue("seeds/b.txt"), make_issue("seeds/a.txt")], load_places())
    assert len(placed) == 1 and placed[0][1].source.path == "seeds/a.txt"
    assert len(problems) == 1
    assert "seeds/b.txt" in str(problems[0]) and "seeds/a.txt" in str(problems[0])


def test_two_numbers_on_one_day_get_distinct_ids():
    placed, problems = ids.assign_ids([make_issue("seeds/a.txt"), make_issue("seeds/b.txt", issue_no=31, total_no=1908)], load_places())
    assert problems == []
    assert sorted(issue_id for issue_id, _ in placed) == ["shijingshan-bao/2020-04-16", "shijingshan-bao/2020-04-16-1908"]


def test_base_url_normalised():
    assert urls.normalize_base_url("repo") == "/repo/"
    assert urls.normalize_base_url("/repo/") == "/repo/"
    assert urls.normalize_base_url("/") == "/"
    assert urls.url("/repo/", "search/") == "/repo/search/"
