"""How the site words the archive's facts: dates, issue names, article kinds, the body's blocks."""
from __future__ import annotations

import datetime

from ..model import Article, Issue
from .contexts import Block
from .urls import UNKNOWN_PAPER

KIND_LABELS = {"news": "新闻", "commentary": "评论", "photo": "图片新闻", "fragment": "续文"}


def cn_date(date: datetime.date | None) -> str:
    return f"{date.year}年{date.month}月{date.day}日" if date else "日期不详"


def iso_date(date: datetime.date | None) -> str:
    return date.isoformat() if date else ""


def paper_name(issue: Issue) -> str:
    return issue.publication or UNKNOWN_PAPER


def issue_label(issue: Issue) -> str:
    """How readers name an issue: 石景山报 2020年4月16日 第30期."""
    parts = [paper_name(issue), cn_date(issue.date)]
    if issue.issue_no:
        parts.append(f"第{issue.issue_no}期")
    if issue.total_no:
        parts.append(f"总第{issue.total_no}期")
    return " ".join(parts)


def short_issue_label(issue: Issue) -> str:
    """An issue among its own paper's: the date and number tell them apart."""
    return cn_date(issue.date) + (f" 第{issue.issue_no}期" if issue.issue_no else "")


def numbered_title(name: str, number: int, count: int) -> str:
    """The title of page `number` of a list of `count` pages: the newest is the list's own."""
    return name if number == count else f"{name}（第 {number} 页）"


def body_blocks(a: Article) -> list[Block]:
    """The body as the template shows it: sub-headings shifted so the highest is h2 (the headline is h1)."""
    levels = [int(b.kind[1]) for b in a.blocks if b.kind in ("h2", "h3")]
    shift = min(levels) - 2 if levels else 0
    return [{"kind": f"h{int(b.kind[1]) - shift}" if b.kind in ("h2", "h3") else b.kind,
             "text": b.text, "line": b.lines[0] if b.lines else None} for b in a.blocks]
