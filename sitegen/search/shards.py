"""Cut the articles into shards by period, each indexed by one Pagefind run.

Pagefind holds a whole index in memory while it builds it, about 0.55 KB per character of text, and a
run cannot be split or resumed: so a period (8, 4, 2 or 1 years, then half-years, quarters, months,
days) is cut while it holds more than SHARD_CHARS characters. A shard depends only on its own
articles, so adding an issue re-indexes the shard of its period alone. Each shard costs a query its
metadata and one index chunk per token, hence few, big shards.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .records import DocStub

SHARD_CHARS = 2_000_000
"""Most characters of text in one shard before its period is cut: Pagefind then peaks near 1.1 GB.
Smaller shards cost the browser more, as a query loads each shard's metadata and one index chunk
per shard and token (benchmarks/search_scale.py)."""
NEWEST_APART_CHARS = 300_000
"""The newest shard, when bigger than this, leaves its newest quarter to a shard of its own (see
_newest_quarter_apart): so that adding this week's issue re-indexes little."""
MONTH_STEPS = (96, 48, 24, 12, 6, 3, 1)
"""Periods in months, each half the one before (but 12 -> 6 -> 3 -> 1), aligned on year 0: 2016-2023,
2016-2019, 2016-2017, 2016, … A too big period is cut into the next ones (then into days)."""
FIRST_PAGES = 500
"""The browser searches the newest shards first, until they hold this many pages, and shows their results
while it loads the others (static/search-core.js): enough for a first screen of most queries, little to
download (a shard's metadata grows with its pages)."""
UNDATED = "undated"


@dataclass(frozen=True)
class Shard:
    """The articles of one period, indexed by one Pagefind run."""

    name: str
    """The period: "2016-01_2019-12" (months), "2020-04-16" (one day) or "undated"; sorts by time."""
    articles: tuple[DocStub, ...]
    """In URL order."""


def chars(shard: Shard) -> int:
    """The characters of text in a shard: what Pagefind's memory grows with."""
    return sum(d.chars for d in shard.articles)


@functools.cache
def _parsed_date(iso: str) -> date | None:
    # Cached: an archive has one date for many articles, and every build plans every article.
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _doc_date(doc: DocStub) -> date | None:
    return _parsed_date(doc.date)


@functools.cache
def _month_of_date(iso: str) -> int:
    day = _parsed_date(iso)
    assert day is not None
    return day.year * 12 + day.month - 1


def _month(doc: DocStub) -> int:
    return _month_of_date(doc.date)


def _month_of_name(name: str) -> int:
    year, month = name.split("-")
    return int(year) * 12 + int(month) - 1


def _name_of_month(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def _split(docs: list[DocStub], first: int, months: int, max_chars: int) -> list[Shard]:
    """Cut the docs of the period of `months` months from absolute month `first` (year * 12 + month - 1)
    into shards of at most max_chars characters, halving it (8 years, 4, 2, 1, then 6 months, 3, 1,
    then days) while it is too big. A period's shard depends only on its own articles, so adding an
    article changes one shard (or splits that one)."""
    last = first + months - 1
    name = f"{_name_of_month(first)}_{_name_of_month(last)}"
    if sum(d.chars for d in docs) <= max_chars or len(docs) == 1:
        return [Shard(name, tuple(docs))]
    if months == 1:  # a day is the smallest period: one day's articles stay together
        days: dict[str, list[DocStub]] = {}
        for d in docs:
            days.setdefault(d.date, []).append(d)
        return [Shard(day, tuple(ds)) for day, ds in sorted(days.items())]
    step = next(s for s in MONTH_STEPS if s < months)
    parts: dict[int, list[DocStub]] = {}
    for d in docs:
        parts.setdefault((_month(d) - first) // step, []).append(d)
    return [shard for k, ds in sorted(parts.items()) for shard in _split(ds, first + k * step, step, max_chars)]


def plan_shards(articles: Sequence[DocStub], max_chars: int = SHARD_CHARS,
                apart_chars: int = NEWEST_APART_CHARS) -> list[Shard]:
    """Cut the articles into shards by period, oldest first, undated articles last."""
    top = MONTH_STEPS[0]
    blocks: dict[int, list[DocStub]] = {}
    undated: list[DocStub] = []
    for doc in sorted(articles, key=lambda d: d.url_path):
        if _doc_date(doc) is None:
            undated.append(doc)
        else:
            blocks.setdefault(_month(doc) // top, []).append(doc)
    shards = [shard for n, ds in sorted(blocks.items()) for shard in _split(ds, n * top, top, max_chars)]
    if shards:
        shards[-1:] = _newest_quarter_apart(shards[-1], apart_chars)
    return shards + ([Shard(UNDATED, tuple(undated))] if undated else [])


def _newest_quarter_apart(shard: Shard, apart_chars: int) -> list[Shard]:
    """Give the newest calendar quarter of the newest shard a shard of its own, when that shard is big.

    New issues are nearly always the newest: each one then re-indexes only its quarter's articles, not
    the whole period's (the rest of the period is indexed again once a quarter, when it grows)."""
    if chars(shard) <= apart_chars or "_" not in shard.name:
        return [shard]
    first = _month_of_name(shard.name.split("_")[0])
    last = _month_of_name(shard.name.split("_")[1])
    quarter = max(map(_month, shard.articles)) // 3 * 3
    older = tuple(d for d in shard.articles if _month(d) < quarter)
    newest = tuple(d for d in shard.articles if _month(d) >= quarter)
    if not older or quarter <= first:
        return [shard]
    return [Shard(f"{_name_of_month(first)}_{_name_of_month(quarter - 1)}", older),
            Shard(f"{_name_of_month(quarter)}_{_name_of_month(min(last, quarter + 2))}", newest)]


def browser_order(shards: Sequence[Shard]) -> list[Shard]:
    """Newest first, undated last: the order Pagefind lists merged shards in, which static/search-core.js
    relies on to sort by date. The first is the primary bundle."""
    dated = [s for s in shards if s.name != UNDATED]
    return dated[::-1] + [s for s in shards if s.name == UNDATED]
