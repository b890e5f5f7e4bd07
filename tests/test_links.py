from sitegen.archive.continuations import continuation_links
from sitegen.model import Article, Block, Issue, Source


def art(id, continued_from=None, continued_on=None):
    return Article(headline=id, blocks=(Block("p", "x", (1,)),), first_line=1, last_line=1, id=id,
                   districts=(), topics=(), keywords=(), people=(),
                   continued_from=continued_from, continued_on=continued_on)


def issue(*articles):
    return Issue(source=Source("seeds/x.txt", "", "0" * 64), articles=articles, id="p/2020-01-01")


def test_an_article_going_on_to_page_2_is_linked_to_the_fragment_from_page_1():
    links = continuation_links([issue(art("a", continued_on="2版"), art("b"), art("c", continued_from="1版"))])
    assert links == {("a", "on"): "c", ("c", "from"): "a"}


def test_a_fragment_whose_start_is_not_in_the_archive_stays_unlinked():
    assert continuation_links([issue(art("a"), art("c", continued_from="1版"))]) == {}


def test_parts_are_paired_in_print_order():
    links = continuation_links([issue(art("a", continued_on="2版"), art("b", continued_on="3版"),
                                      art("c", continued_from="1版"), art("d", continued_from="1版"))])
    assert links[("a", "on")] == "c" and links[("b", "on")] == "d"
