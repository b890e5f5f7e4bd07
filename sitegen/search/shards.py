"""Cut the articles into shards by period, each indexed by one Pagefind run.

Pagefind holds a whole index in memory while it builds it, about 0.55 KB per character of text, and a
run cannot be split or resumed: so a period (8, 4, 2 or 1 years, then half-years, quarters, months,
days) is cut while it holds more than SHARD_CHARS characters. A shard depends only on its own
articles, so adding an issue re-indexes the shard of its period alone. Each shard costs a query its
metadata and one index chunk per token, hence few, big shards; but the newest, which nearly every new
issue joins, is kept small (_newest_apart), so that a weekly rebuild indexes little.
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
_newest_apart): so that adding this week's issue re-indexes little."""
NEWEST_PIECE_CHARS = 200_000
"""The newest quarter, when bigger than this, is cut by days into shards of at most this many characters
(a day's articles stay together): adding this week's issue then re-indexes one such shard, however many
issues a quarter holds. Small enough to re-index in about a second; big enough that the browser's first
shards (FIRST_PAGES) stay two (benchmarks/README.md, "The newest shards cut by size")."""
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
    """The period: "2016-01_2019-12" (months), "2020-04-16" (one day), "2024-10-01_2024-10-19" (days: a
    piece of the newest quarter) or "undated"; sorts by time."""
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
                apart_chars: int = NEWEST_APART_CHARS, piece_chars: int = NEWEST_PIECE_CHARS) -> list[Shard]:
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
        shards[-1:] = _newest_apart(shards[-1], apart_chars, piece_chars)
    return shards + ([Shard(UNDATED, tuple(undated))] if undated else [])


def _newest_apart(shard: Shard, apart_chars: int, piece_chars: int) -> list[Shard]:
    """Give the newest calendar quarter of the newest shard shards of its own, when that shard is big: one,
    or pieces of consecutive days of at most piece_chars characters when the quarter is bigger.

    New issues are nearly always the newest: each one then re-indexes only its piece's articles, not the
    whole period's (the rest of the period is indexed again once a quarter, when it grows). The pieces
    are filled from the quarter's first day on, so a new day's articles leave the full pieces as they
    are (and their names, their first and last day) and go to the last one or start the next."""
    if chars(shard) <= apart_chars or "_" not in shard.name:
        return [shard]
    first = _month_of_name(shard.name.split("_")[0])
    last = _month_of_name(shard.name.split("_")[1])
    start = max(first, max(map(_month, shard.articles)) // 3 * 3)
    older = tuple(d for d in shard.articles if _month(d) < start)
    newest = tuple(d for d in shard.articles if _month(d) >= start)
    if not older:
        return _in_pieces(shard, piece_chars)
    return [Shard(f"{_name_of_month(first)}_{_name_of_month(start - 1)}", older),
            *_in_pieces(Shard(f"{_name_of_month(start)}_{_name_of_month(min(last, start + 2))}", newest), piece_chars)]


def _in_pieces(shard: Shard, piece_chars: int) -> list[Shard]:
    """The shard as it is if it holds at most piece_chars characters; else its days, oldest first, put
    into pieces while they fit, each piece named by its first and last day ("2024-10-01_2024-10-19")."""
    if chars(shard) <= piece_chars:
        return [shard]
    day_chars: dict[str, int] = {}
    for d in shard.articles:
        day_chars[d.date] = day_chars.get(d.date, 0) + d.chars
    pieces: list[list[str]] = [[]]
    size = 0
    for day, n in sorted(day_chars.items()):
        if pieces[-1] and size + n > piece_chars:
            pieces.append([])
            size = 0
        pieces[-1].append(day)
        size += n
    piece_of = {day: k for k, days in enumerate(pieces) for day in days}
    members: list[list[DocStub]] = [[] for _ in pieces]
    for d in shard.articles:  # in URL order, as every shard's
        members[piece_of[d.date]].append(d)
    return [Shard(days[0] if len(days) == 1 else f"{days[0]}_{days[-1]}", tuple(ds))
            for days, ds in zip(pieces, members)]


def browser_order(shards: Sequence[Shard]) -> list[Shard]:
    """Newest first, undated last: the order Pagefind lists merged shards in, which static/search-core.js
    relies on to sort by date. The first is the primary bundle."""
    dated = [s for s in shards if s.name != UNDATED]
    return dated[::-1] + [s for s in shards if s.name == UNDATED]
