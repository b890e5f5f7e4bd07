"""Link the parts of an article that the print layout split across pages: (下转2版) … (上接1版)."""
from __future__ import annotations

from typing import Sequence

from ..model import Issue


def continuation_links(issues: Sequence[Issue]) -> dict[tuple[str, str], str]:
    """Map (article id, "on"/"from") to the id of the other part, where both parts are in the archive.

    Both parts are in the same issue: an article that goes on to page N (continued_on) is paired
    with the next fragment in the issue that comes from an earlier page (continued_from), in print
    order. A part whose other half is not in the archive stays unpaired; its page says so.
    """
    links: dict[tuple[str, str], str] = {}
    for issue in issues:
        waiting = [a for a in issue.articles if a.continued_on]
        fragments = [a for a in issue.articles if a.continued_from]
        for start in waiting:
            target = _page_number(start.continued_on)
            for frag in fragments:
                if (frag.id, "from") in links or frag.id == start.id:
                    continue
                if target is None or _page_number(frag.continued_from) != target:
                    links[(start.id, "on")] = frag.id
                    links[(frag.id, "from")] = start.id
                    break
    return links


def _page_number(label: str | None) -> int | None:
    digits = "".join(ch for ch in label or "" if ch.isdigit())
    return int(digits) if digits else None
