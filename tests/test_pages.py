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
    """The pages of each list under prefix (districts/, topics/, people/), newest first."""
    out: dict[str, list[dict]] = {}
    for path, page in planned.items():
        if path.startswith(prefix) and path != prefix and "pages" in page:
            out.setdefault(path.split("page/")[0], []).append(page)
    return {k: sorted(v, key=lambda p: -p["pages"]["number"]) for k, v in out.items()}


@pytest.mark.parametrize("prefix", ["districts/", "topics/", "people/"])
def test_every_article_of_a_list_is_on_exactly_one_of_its_pages(issues, monkeypatch, prefix):
    whole = lists(planned(issues, 1000, monkeypatch), prefix)
    paged = lists(planned(issues, 2, monkeypatch), prefix)
    assert whole.keys() == paged.keys()
    assert any(len(ps) > 1 for ps in paged.values()), "the seeds should give some list 4 articles or more"
    for path, ps in paged.items():
        [one] = whole[path]
        urls = [a["url"] for p in ps for a in p["articles"]]
        assert urls == [a["url"] for a in one["articles"]]  # same order, none lost, none twice
        # Every page but the newest holds 2, numbered from the oldest; the newest, at the list's own
        # address, the rest (2 or 3), and says how many the list holds.
        assert all(len(p["articles"]) == 2 for p in ps[1:]) and (2 <= len(ps[0]["articles"]) < 4 or len(ps) == 1)
        assert ps[0]["total"] == len(urls) and all(p["total"] is None for p in ps[1:])
        assert [p["path"] for p in ps] == [path] + [f"{path}page/{n}/" for n in range(len(ps) - 1, 0, -1)]


def test_a_new_article_changes_the_newest_page_of_its_lists_only(issues, monkeypatch):
    """Older pages keep their articles, their numbers and everything they show while articles are added
    after them, until the newest page has grown into a page of its own."""
    newest_date = max(i.date for i in issues if i.date)
    before = lists(planned([i for i in issues if i.date != newest_date], 3, monkeypatch), "districts/")
    after = lists(planned(issues, 3, monkeypatch), "districts/")
    path, ps = max(after.items(), key=lambda kv: len(kv[1]))
    assert len(ps) >= 3
    old = {p["path"]: p for p in before[path]}
    kept = [p for p in ps[1:] if p["path"] in old and len(old[p["path"]]["pages"]["numbers"]) == len(p["pages"]["numbers"])]
    assert kept and all(old[p["path"]] == p for p in kept)


def test_pages_of_a_list_link_each_other(issues, monkeypatch):
    paged = lists(planned(issues, 3, monkeypatch), "districts/")
    path, ps = max(paged.items(), key=lambda kv: len(kv[1]))
    count = len(ps)
    by_number = {p["pages"]["number"]: p for p in ps}
    total = ps[0]["total"]
    for p in ps:
        nav = p["pages"]
        n = nav["number"]
        assert nav["count"] == count
        linked = [x["url"] for x in nav["numbers"] if not x["gap"]]
        assert linked == ["/" + by_number[m]["path"] for m in reversed(pages.page_window(n, count)) if m]
        assert [x["url"] for x in nav["numbers"] if x.get("current")] == ["/" + p["path"]]
        assert (nav["prev"] or {}).get("url") == ("/" + by_number[n + 1]["path"] if n < count else None)  # newer
        assert (nav["next"] or {}).get("url") == ("/" + by_number[n - 1]["path"] if n > 1 else None)  # older
        assert (nav["first"], nav["last"]) == (3 * (n - 1) + 1, 3 * (n - 1) + len(p["articles"]))
        assert p["title"] == (p["name"] if n == count else f"{p['name']}（第 {n} 页）")
    assert ps[0]["pages"]["last"] == total


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
