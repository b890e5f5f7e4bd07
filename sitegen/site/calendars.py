"""Month grids for the date pages: which day of the week each day falls on, and which days have issues.

The Planner gives the links; this module knows only the calendar. Weeks start on Monday, as
calendars printed in China do.
"""
from __future__ import annotations

import calendar
import datetime
from typing import Any, Callable, Sequence

from ..model import Issue

WEEKDAYS = [{"short": s, "long": "星期" + s} for s in "一二三四五六日"]
_MONDAY_FIRST = calendar.Calendar(firstweekday=calendar.MONDAY)

DayLink = Callable[[datetime.date, Sequence[Issue]], dict[str, str]]
"""Given a day and its issues (one or more), the link a reader follows: {"url", "label"}."""


def issues_by_day(issues: Sequence[Issue]) -> dict[datetime.date, list[Issue]]:
    """Dated issues under their day, in the order given."""
    days: dict[datetime.date, list[Issue]] = {}
    for issue in issues:
        if issue.date:
            days.setdefault(issue.date, []).append(issue)
    return days


def month_weeks(year: int, month: int, days: dict[datetime.date, list[Issue]],
                day_link: DayLink) -> list[list[dict[str, Any] | None]]:
    """The month as rows of seven cells, Monday first; None pads the first and last week.

    A cell is {"day": 16, "url": …, "label": …} on a day with issues, {"day": 16, "url": None,
    "label": None} on other days.
    """
    weeks = []
    for week in _MONDAY_FIRST.monthdatescalendar(year, month):
        row: list[dict[str, Any] | None] = []
        for date in week:
            if date.month != month:
                row.append(None)
            elif date in days:
                row.append({"day": date.day, **day_link(date, days[date])})
            else:
                row.append({"day": date.day, "url": None, "label": None})
        weeks.append(row)
    return weeks
