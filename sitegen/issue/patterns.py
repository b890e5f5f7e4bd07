"""The papers' own words for who wrote and who photographed, as pieces of regular expressions.

The parser (which line is a byline or a credit), the people finder (which names are the papers' own
writers) and the archive (who is only ever a writer) all read these words; each builds its pattern
from the same pieces, so that a word added here is known to all of them.
"""
from __future__ import annotations

NAME = r"[\u4e00-\u9fff·]{2,4}"
"""A person's name as printed: two to four characters (a middle dot in a transcribed foreign name)."""
STAFF = r"(?:本报)?(?:记者|通讯员|实习生)"
"""The paper's own people, as a byline names them before their names: 本报记者, 记者, 通讯员."""
LEAD = r"(?:本报讯|本刊讯|本报\S{0,12}?电(?!话)|新华社\S{0,12}?电(?!话))"
"""The dateline that opens a news story: 本报讯 (a newsletter's 本刊讯), 本报北京4月16日电, 新华社北京电 (not 本报电话)."""
CREDIT_BEFORE = r"(?:文\s*[/／]\s*图\s*|图\s*[/／]\s*文\s*|图\s*[/／]|摄影\s*[:：/／]|图片\s*[:：])"
"""A photo credit's word before the names: 图/张三, 摄影：李四, 文/图 通讯员 齐林 (who wrote the caption and took the photo)."""
CREDIT_AFTER = ("摄影报道", "摄影", "摄", "供图")
"""A photo credit's words after the names: 张三 摄, 李四摄影报道."""
BYLINE_AFTER = CREDIT_AFTER + ("报道", "文/图", "图/文", "整理")
"""Words after the names in a byline or credit that are not part of them."""
ROLES_IN_BYLINE = ("摄影记者", "记者", "通讯员", "实习生", "编辑", "作者")
"""Roles printed before names in a byline, longest first, with their optional ranks (本报, 特约, 首席)."""
WRITER_ROLES = ("记者", "通讯员", "实习生", "编辑", "作者", "摄影")
"""A role ending in one of these is one of the papers' own people, not a person the news is about."""


def alternatives(words: tuple[str, ...]) -> str:
    """A group matching any of the words, tried in the order given."""
    return "(?:" + "|".join(words) + ")"
