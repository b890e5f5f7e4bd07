"""Complete an issue the masthead left short: infer paper, district and date from the text, then apply overrides."""
from __future__ import annotations

import dataclasses
import datetime
import logging
import re
from collections import Counter
from pathlib import Path

from ..model import ParsedIssue
from ..errors import Problem
from ..lexicon import Places

log = logging.getLogger(__name__)

MONTH_DAY = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
YEAR = re.compile(r"(\d{4})\s*年")
RANGE_OR_TARGET = "~～-—–至到"
"""A year after one of these ends a span or names a target (2020~2021年, 到2035年): not the year of writing."""
NOT_NOW = re.compile(r"\s*(?:前|底前|北京冬奥|冬奥|冬残奥|奥运|亚运|世园|世博)")
"""A year followed by one of these is a deadline or a future event (2022年冬奥会)."""
OUR_DISTRICT = ("我区", "本区")
OUR_PAPER = ("本报讯", "本报记者", "本报通讯员", "本报")


def complete_issue(issue: ParsedIssue, places: Places) -> ParsedIssue:
    """Infer what the masthead did not print, then let the keeper's overrides win; warn about what is still a guess."""
    issue = _apply_overrides(_infer(issue, places), places)
    return dataclasses.replace(issue, problems=issue.problems + _guesses(issue))


def _guesses(issue: ParsedIssue) -> tuple[Problem, ...]:
    """Warn where the paper or the date was neither printed in a masthead nor given by the keeper."""
    given = {k for k, _ in issue.source.overrides}
    guessed, keys = [], []
    if "publication" not in given and (issue.publication is None or issue.publication_inferred):
        guessed.append(f"paper {issue.publication} inferred from the text" if issue.publication
                       else "paper unknown (listed under 未知报刊)")
        keys.append('publication = "…"')
    if "date" not in given and issue.date_inferred and issue.date:
        guessed.append(f"date {issue.date.isoformat()} inferred from the text")
        keys.append("date = YYYY-MM-DD")
    if not guessed:
        return ()
    sidecar = str(Path(issue.source.path).with_suffix(".toml"))
    what = "no masthead" if not issue.masthead else "not in the masthead"
    return (Problem(issue.source.path, None, f"{what}: {'; '.join(guessed)}; check, and where wrong or unknown "
                                             f"set {' and '.join(keys)} in {sidecar}"),)


def body_text(issue: ParsedIssue) -> str:
    """Join what the issue's articles and unplaced lines say (not masthead or colophon)."""
    said = [a.full_text for a in issue.articles]
    return "\n".join([t for t in said if t] + [t for _, t in issue.unplaced])


def text_year(text: str) -> int | None:
    """Find the year a text is written in: the latest year it names that is not a span's end, target or event."""
    years = []
    for m in YEAR.finditer(text):
        before = text[max(0, m.start() - 1):m.start()]
        if (before and before in RANGE_OR_TARGET) or NOT_NOW.match(text, m.end()):
            continue
        if 1900 <= int(m.group(1)) <= 2100:
            years.append(int(m.group(1)))
    return max(years) if years else None


def latest_date(issue: ParsedIssue, year: int | None) -> tuple[datetime.date | None, list[Problem]]:
    """Find the latest M月D日 the text mentions, in its own year where printed, else in `year`."""
    problems: list[Problem] = []
    found: list[datetime.date] = []
    skip = {n for n, _ in issue.masthead + issue.colophon}
    for n, line in enumerate(issue.source.lines, 1):
        if n in skip:
            continue
        for m in MONTH_DAY.finditer(line):
            y = int(m.group(1)) if m.group(1) else year
            try:
                day = datetime.date(y or 2000, int(m.group(2)), int(m.group(3)))  # 2000: a leap year
            except ValueError:
                if not m.group(1):  # a bad full date was reported by the parser already
                    problems.append(Problem(issue.source.path, n, f"date {m.group(0)} is not a date; it was not "
                                                                  "used — correct it in the file"))
                continue
            if y is not None:
                found.append(day)
    return (max(found) if found else None), problems


def district_of_text(text: str, places: Places) -> str | None:
    """Name the district a text mentions most (full names and aliases), None when there is no clear one."""
    names = {d.name: d.name for d in places.districts}
    names.update({alias: d.name for d in places.districts for alias in d.aliases})
    # Longest names first, so 石景山区 is counted once and not again as 石景山.
    pattern = re.compile("|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)))
    counts = Counter(names[m.group(0)] for m in pattern.finditer(text)).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


PUBLISHER = re.compile(r"主办|区委|区政府")
"""A masthead line that says who publishes the paper: 中共朝阳区委宣传部主办."""


def district_of_masthead(issue: ParsedIssue, places: Places) -> str | None:
    """The one district a paper that places.toml does not know names in its own name (朝阳报, 新海淀报) or
    in its publisher line (中共朝阳区委宣传部主办): a district paper's text names other districts too."""
    for text in [issue.publication or "", *(line for _, line in issue.masthead if PUBLISHER.search(line))]:
        if district := district_named(text, places):
            return district
    return None


def district_named(text: str, places: Places) -> str | None:
    """The district a short text names, if it names exactly one (its full name or an alias)."""
    named = {d.name for d in places.districts for n in (d.name, *d.aliases) if n in text}
    return named.pop() if len(named) == 1 else None


def _infer(issue: ParsedIssue, places: Places) -> ParsedIssue:
    text = body_text(issue)
    changes: dict[str, object] = {}
    problems = list(issue.problems)
    known = places.publication(issue.publication) if issue.publication else None
    city_wide = known is not None and known.district is None
    if issue.district is None and not city_wide and (district := district_of_masthead(issue, places)):
        changes["district"] = district
    elif issue.district is None and not city_wide and any(w in text for w in OUR_DISTRICT):
        # "我区" says the paper belongs to a district; the one the text names most is that district.
        district = district_of_text(text, places)
        if district:
            changes["district"] = district
            paper = next((p for p in places.publications if p.district == district), None)
            if issue.publication is None and paper and any(w in text for w in OUR_PAPER):
                changes.update(publication=paper.name, publication_inferred=True)
    if issue.date is None:
        date, date_problems = latest_date(issue, text_year(text))
        problems.extend(date_problems)
        if date:
            changes.update(date=date, date_inferred=True)
        elif "date" not in {k for k, _ in issue.source.overrides}:  # the keeper's sidecar gives it: no warning
            problems.append(Problem(issue.source.path, None, "no date printed and none found in the text; "
                                    "give one as date = YYYY-MM-DD in the sidecar .toml file"))
    if changes:
        log.debug("%s: inferred %s", issue.source.path, changes)
    return dataclasses.replace(issue, problems=tuple(problems), **changes)


def _positive_int(value: str) -> int | None:
    v = value.strip()
    return int(v) if v.isdigit() and int(v) > 0 else None


def _apply_overrides(issue: ParsedIssue, places: Places) -> ParsedIssue:
    sidecar = str(Path(issue.source.path).with_suffix(".toml"))
    changes: dict[str, object] = {}
    problems = list(issue.problems)

    def bad(key: str, value: str, why: str) -> None:
        problems.append(Problem(sidecar, None, f"{key} = {value!r} {why}; the value was ignored"))

    keys = {k for k, _ in issue.source.overrides}
    for key, value in issue.source.overrides:
        if key == "publication":
            if not value.strip():
                bad(key, value, "is empty")
                continue
            changes.update(publication=value.strip(), publication_inferred=False)
            paper = places.publication(value.strip())
            if "district" not in keys and (paper or district_named(value, places)):
                # A paper places.toml knows has its district (None: city-wide); another, the one its name says.
                changes["district"] = paper.district if paper else district_named(value, places)
        elif key == "date":
            try:
                changes.update(date=datetime.date.fromisoformat(value.strip()), date_inferred=False)
            except ValueError:
                bad(key, value, "is not a date written YYYY-MM-DD")
        elif key in ("issue_no", "total_no", "pages"):
            number = _positive_int(value)
            if number is None:
                bad(key, value, "is not a positive whole number")
            else:
                changes[key] = number
        elif key == "district":
            district = next((d.name for d in places.districts if value.strip() in (d.name, *d.aliases)), None)
            if district is None:
                bad(key, value, "is not one of the districts in places.toml")
            else:
                changes["district"] = district
        else:
            bad(key, value, "is not a key the sidecar file can set")
    return dataclasses.replace(issue, problems=tuple(problems), **changes)
