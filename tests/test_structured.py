import datetime
import json

from sitegen.lexicon import load_marks
from sitegen.model import Article, ArticleFacts, Block, Issue, ParsedArticle, Source
from sitegen.issue.enrich.people import people_of
from sitegen.site.citations import article_jsonld, authors, citation_meta, gbt7714, issue_jsonld

ISSUE = Issue(source=Source("seeds/x.txt", "", "0" * 64), articles=(), publication="新东城报",
              date=datetime.date(2020, 5, 22), issue_no=None, total_no=943, pages=4, id="xindongcheng-bao/2020-05-22")
ART = Article(headline="6000余人备战防汛", blocks=(Block("p", "正文。", (1,)),), first_line=1, last_line=1,
              deck="汛前拟开展216场次演练", byline="记者 李冬梅", keywords=("防汛",), districts=("东城区",),
              people=(("李冬梅", "记者"),), id="xindongcheng-bao/2020-05-22/1", topics=())


def signed(byline: str | None, text: str = "正文。") -> list[str]:
    article = ParsedArticle(headline="题", blocks=(Block("p", text, (2,)),), first_line=1, last_line=2, byline=byline)
    return authors(Article.of(article, "t/1", ArticleFacts((), (), people_of(article, load_marks()), ())))


def test_authors_are_the_people_of_the_byline_without_their_roles():
    assert signed("记者吴赛赛 通讯员田甜") == ["吴赛赛", "田甜"]
    assert signed("记者 乔斐") == ["乔斐"]
    assert signed("石荣平") == ["石荣平"]
    assert signed(None) == []


def test_a_person_named_in_the_text_is_no_author():
    assert signed("记者 乔斐", "区委书记常卫主持会议。") == ["乔斐"]
    assert signed("通讯员 李新华", "区长李新出席。") == ["李新华"]


def test_a_collective_byline_is_cited_as_it_is_printed():
    assert signed("本报评论员") == ["本报评论员"]
    assert signed("本报特约评论员") == ["本报特约评论员"]


def test_article_json_ld_is_a_news_article_in_its_issue():
    data = article_jsonld(ART, ISSUE, "https://x.org/a/", "https://x.org/i/")
    assert data["@type"] == "NewsArticle" and data["headline"] == "6000余人备战防汛"
    assert data["datePublished"] == "2020-05-22"
    assert data["author"] == [{"@type": "Person", "name": "李冬梅"}]
    assert data["isPartOf"] == {"@type": "PublicationIssue", "url": "https://x.org/i/", "datePublished": "2020-05-22",
                                "pageStart": 1, "pageEnd": 4, "isPartOf": {"@type": "Periodical", "name": "新东城报"}}
    assert issue_jsonld(ISSUE, "u")["@context"] == "https://schema.org"


def test_gbt7714_citation():
    assert gbt7714(ART, ISSUE, "https://x.org/a/") == "李冬梅. 6000余人备战防汛[N/OL]. 新东城报, 2020-05-22. https://x.org/a/."


def test_citation_meta_tags():
    tags = dict(citation_meta(ART, ISSUE, "https://x.org/a/"))
    assert tags["citation_title"] == "6000余人备战防汛"
    assert tags["citation_journal_title"] == "新东城报"
    assert tags["citation_publication_date"] == "2020/05/22"
    assert tags["citation_author"] == "李冬梅"


# The properties schema.org defines for the types sitegen writes (schema.org/NewsArticle, /PublicationIssue,
# /Periodical, /Person, /Place, /Organization, including those inherited from CreativeWork and Thing).
THING = {"@type", "@context", "name", "url", "description", "identifier", "alternateName", "sameAs", "image",
         "mainEntityOfPage"}
CREATIVE_WORK = THING | {"headline", "alternativeHeadline", "author", "datePublished", "dateModified", "inLanguage",
                         "isPartOf", "hasPart", "keywords", "publisher", "contentLocation", "about", "position",
                         "text", "mentions", "genre", "isAccessibleForFree", "license", "citation"}
SCHEMA = {
    "NewsArticle": CREATIVE_WORK | {"articleSection", "articleBody", "wordCount", "pageStart", "pageEnd",
                                    "pagination", "dateline", "printColumn", "printEdition", "printPage",
                                    "printSection"},
    "PublicationIssue": CREATIVE_WORK | {"issueNumber", "pageStart", "pageEnd", "pagination"},
    "Periodical": CREATIVE_WORK | {"issn", "startDate", "endDate"},
    "Person": THING | {"jobTitle", "affiliation"},
    "Place": THING | {"address", "geo"},
    "Organization": THING | {"address"},
}


def unknown_properties(node, where: str) -> list[str]:
    """Every key of a JSON-LD node (and of the nodes inside it) that its @type does not define."""
    if isinstance(node, list):
        return [bad for x in node for bad in unknown_properties(x, where)]
    if not isinstance(node, dict):
        return []
    allowed = SCHEMA.get(node.get("@type"))
    bad = [f"{where}: {node.get('@type')} has no type schema.org defines here"] if allowed is None else [
        f"{where}: {node['@type']}.{k}" for k in node if k not in allowed]
    return bad + [b for v in node.values() for b in unknown_properties(v, where)]


def test_every_json_ld_on_the_site_uses_real_schema_org_properties(site_dir):
    from bs4 import BeautifulSoup

    found, bad = 0, []
    for page in sorted(site_dir.rglob("*.html")):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
                'script[type="application/ld+json"]'):
            found += 1
            bad += unknown_properties(json.loads(script.string), str(page.relative_to(site_dir)))
    assert found > 0 and not bad, bad[:20]
