"""The site's long lists: districts, topics and people are paged, every article on exactly one page."""
from __future__ import annotations

import pytest

from conftest import SEEDS
from sitegen.site import pages
from sitegen.engine.load import load_archive
from sitegen.archive import build_archive
from sitegen.archive.finish import finish_issues
from sitegen.site.pages import Plan
from sitegen.site.plan import all_pages
from sitegen.site.urls import SiteUrls
from sitegen.lexicon import load_lexicon


@pytest.fixture(scope="module")
def issues():
    return finish_issues(load_archive(SEEDS, classified=True).placed)


def planned(issues, size: int, monkeypatch) -> dict[str, dict]:
    monkeypatch.setattr(pages, "LIST_PAGE_SIZE", size)
    plan = Plan(build_archive(issues, load_lexicon()), SiteUrls("/", load_lexicon()))
    return {p.path: p.context["page"] for p in all_pages(plan)}


def lists(planned: dict[str, dict], prefix: str) -> dict[str, list[dict]]:
    """The pages of each list under prefix (districts/, topics/, people/), in page order."""
    out: dict[str, list[dict]] = {}
    for path, page in planned.items():
        if path.startswith(prefix) and path != prefix and "pages" in page:
            out.setdefault(path.split("page/")[0], []).append(page)
    return {k: sorted(v, key=lambda p: p["pages"]["number"]) for k, v in out.items()}


@pytest.mark.parametrize("prefix", ["districts/", "topics/", "people/"])
def test_every_article_of_a_list_is_on_exactly_one_of_its_pages(issues, monkeypatch, prefix):
    whole = lists(planned(issues, 1000, monkeypatch), prefix)
    paged = lists(planned(issues, 3, monkeypatch), prefix)
    assert whole.keys() == paged.keys()
    assert any(len(ps) > 1 for ps in paged.values()), "the seeds should give some list more than 3 articles"
    for path, ps in paged.items():
        [one] = whole[path]
        urls = [a["url"] for p in ps for a in p["articles"]]
        assert urls == [a["url"] for a in one["articles"]]  # same order, none lost, none twice
        assert all(len(p["articles"]) <= 3 for p in ps) and all(p["total"] == len(urls) for p in ps)
        assert [p["path"] for p in ps] == [path] + [f"{path}page/{n}/" for n in range(2, len(ps) + 1)]


def test_pages_of_a_list_link_each_other(issues, monkeypatch):
    paged = lists(planned(issues, 3, monkeypatch), "districts/")
    path, ps = max(paged.items(), key=lambda kv: len(kv[1]))
    count = len(ps)
    for n, p in enumerate(ps, start=1):
        nav = p["pages"]
        assert (nav["number"], nav["count"]) == (n, count)
        linked = [x["url"] for x in nav["numbers"] if not x["gap"]]
        assert linked == ["/" + ps[m - 1]["path"] for m in pages.page_window(n, count)
                          if m] and "/" + p["path"] in linked
        assert [x["url"] for x in nav["numbers"] if x.get("current")] == ["/" + p["path"]]
        assert (nav["prev"] or {}).get("url") == ("/" + ps[n - 2]["path"] if n > 1 else None)
        assert (nav["next"] or {}).get("url") == ("/" + ps[n]["path"] if n < count else None)
        assert (nav["first"], nav["last"]) == (3 * (n - 1) + 1, 3 * (n - 1) + len(p["articles"]))
        assert p["title"] == (p["name"] if n == 1 else f"{p['name']}（第 {n} 页）")


def test_a_short_list_has_one_page_and_no_page_links(issues, monkeypatch):
    for ps in lists(planned(issues, 1000, monkeypatch), "topics/").values():
        assert len(ps) == 1 and ps[0]["pages"]["numbers"] == [] and ps[0]["pages"]["next"] is None


@pytest.mark.parametrize("number, count, shown", [
    (1, 1, [1]),
    (3, 7, [1, 2, 3, 4, 5, 6, 7]),
    (1, 300, [1, 2, 3, None, 300]),
    (150, 300, [1, None, 148, 149, 150, 151, 152, None, 300]),
    (300, 300, [1, None, 298, 299, 300]),
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),  # no gap hides a single page: 2 is shown, not …
])
def test_a_long_list_links_to_pages_near_the_current_one_and_both_ends(number, count, shown):
    assert pages.page_window(number, count) == shown
