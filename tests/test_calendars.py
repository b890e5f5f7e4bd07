"""Month grids for the date pages, and the calendar data the site plan gives the year and month pages."""
import calendar
import datetime

from sitegen.site.calendars import issues_by_day, month_weeks
from sitegen.archive import build_archive
from sitegen.site.pages import Plan
from sitegen.site.plan import all_pages
from sitegen.site.urls import SiteUrls
from support import finished
from sitegen.lexicon import load_lexicon

from test_urls import make_issue


def link(date, issues):
    return {"url": f"/{date.isoformat()}/", "label": f"{len(issues)} issues"}


def test_a_month_is_weeks_of_seven_days_monday_first():
    weeks = month_weeks(2020, 4, {}, link)
    # April 2020 began on a Wednesday and ended on a Thursday.
    assert [c["day"] if c else None for c in weeks[0]] == [None, None, 1, 2, 3, 4, 5]
    assert [c["day"] if c else None for c in weeks[-1]] == [27, 28, 29, 30, None, None, None]
    assert all(len(w) == 7 for w in weeks)
    assert [c["day"] for w in weeks for c in w if c] == list(range(1, 31))


def test_every_month_of_a_leap_year_is_laid_out_like_the_standard_calendar():
    for month in range(1, 13):
        weeks = month_weeks(2024, month, {}, link)
        assert [[c["day"] if c else 0 for c in w] for w in weeks] == calendar.monthcalendar(2024, month)


def test_only_days_with_issues_are_linked():
    issues = [make_issue("seeds/a.txt", date=datetime.date(2020, 4, 16)),
              make_issue("seeds/b.txt", publication="新东城报", date=datetime.date(2020, 4, 16)),
              make_issue("seeds/c.txt", date=datetime.date(2020, 4, 24)),
              make_issue("seeds/d.txt", date=None)]
    days = issues_by_day(issues)
    assert {d: len(i) for d, i in days.items()} == {datetime.date(2020, 4, 16): 2, datetime.date(2020, 4, 24): 1}
    linked = {c["day"]: c for w in month_weeks(2020, 4, days, link) for c in w if c and c["url"]}
    assert sorted(linked) == [16, 24]
    assert linked[16] == {"day": 16, "url": "/2020-04-16/", "label": "2 issues"}
    plain = [c for w in month_weeks(2020, 4, days, link) for c in w if c and not c["url"]]
    assert len(plain) == 28 and all(c["label"] is None for c in plain)


def planned(issues):
    plan = Plan(build_archive(finished(issues), load_lexicon()), SiteUrls("/", load_lexicon()))
    return {p.path: p.context["page"] for p in all_pages(plan)}


def test_year_page_has_twelve_months_and_days_lead_to_their_issue_or_month():
    pages = planned([make_issue("seeds/a.txt", date=datetime.date(2020, 4, 16)),
                     make_issue("seeds/b.txt", publication="新东城报", date=datetime.date(2020, 4, 16)),
                     make_issue("seeds/c.txt", date=datetime.date(2020, 6, 24), issue_no=31)])
    year = pages["dates/2020/"]
    assert [m["label"] for m in year["calendar"]] == [f"{m}月" for m in range(1, 13)]
    assert [m["url"] for m in year["calendar"] if m["url"]] == ["/dates/2020/04/", "/dates/2020/06/"]
    days = {(m["label"], c["day"]): c for m in year["calendar"] for w in m["weeks"] for c in w if c and c["url"]}
    # Two papers on one day: the day leads to the month's list; one issue: straight to it.
    assert days[("4月", 16)]["url"] == "/dates/2020/04/"
    assert "石景山报" in days[("4月", 16)]["label"] and "新东城报" in days[("4月", 16)]["label"]
    assert days[("6月", 24)]["url"] == "/shijingshan-bao/2020-06-24/"
    assert set(days) == {("4月", 16), ("6月", 24)}
    month = pages["dates/2020/04/"]
    assert month["calendar"]["url"] is None  # the month page does not link to itself
    assert month["pager"]["prev"] is None and month["pager"]["next"]["url"] == "/dates/2020/06/"


def test_issue_pager_steps_through_one_paper_only():
    pages = planned([make_issue("seeds/a.txt", date=datetime.date(2020, 4, 16)),
                     make_issue("seeds/b.txt", publication="新东城报", date=datetime.date(2020, 4, 20)),
                     make_issue("seeds/c.txt", date=datetime.date(2020, 4, 24), issue_no=31)])
    middle = pages["shijingshan-bao/2020-04-24/"]["pager"]
    assert middle["prev"]["url"] == "/shijingshan-bao/2020-04-16/" and middle["next"] is None
    assert middle["prev"]["label"] == "2020年4月16日 第30期"
    other = pages["xin-dongcheng-bao/2020-04-20/"]["pager"]
    assert other["prev"] is None and other["next"] is None
