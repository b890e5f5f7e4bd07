"""Everyone the archive names: one Person per name, with the articles that name them."""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..issue import patterns
from ..model import Article
from .ids import slugify

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mention:
    """One article that names a person."""

    article_id: str
    role: str | None
    """As printed in that article ("区委书记", "记者"); None where the article never gives one."""


@dataclass(frozen=True)
class Person:
    name: str
    slug: str
    """ASCII URL segment: the name's pinyin ("changwei"), "-2", "-3" … for other names that read the same."""
    roles: tuple[str, ...]
    """Distinct roles, the most frequent first, then the longest."""
    mentions: tuple[Mention, ...]
    """In the order of the articles given."""


WRITER_ROLE = re.compile(patterns.alternatives(patterns.WRITER_ROLES) + "$")
"""Roles of the papers' own people, as bylines and credits print them (本报记者, 通讯员, 摄影)."""


def index_people(articles: Sequence[Article]) -> tuple[Person, ...]:
    """Everyone the articles name (their `people`, see with_people), most-mentioned first, then by name;
    the same name is the same person."""
    mentions: dict[str, list[Mention]] = {}
    for article in articles:
        for name, role in article.people:
            mentions.setdefault(name, []).append(Mention(article.id, role))
    slugs = _slugs(mentions)
    people = [Person(name, slugs[name], _roles(ms), tuple(ms)) for name, ms in mentions.items()]
    log.debug("%d people in %d articles", len(people), len(articles))
    # people_of names a person once per article, so mentions count articles.
    return tuple(sorted(people, key=lambda p: (-len(p.mentions), p.name)))


def is_writer(person: Person) -> bool:
    """Whether someone is in the archive only as one of the papers' writers and photographers."""
    return bool(person.roles) and all(WRITER_ROLE.search(role) for role in person.roles)


def _roles(mentions: Sequence[Mention]) -> tuple[str, ...]:
    # Of roles printed equally often, the fuller one first (区人大常委会主任 before 区领导), whatever the
    # order of the articles.
    counts = Counter(m.role for m in mentions if m.role)
    return tuple(sorted(counts, key=lambda role: (-counts[role], -len(role), role)))


def _slugs(names: Iterable[str]) -> dict[str, str]:
    """Pinyin slugs; of names that read the same, the one first in code-point order keeps the plain slug."""
    out: dict[str, str] = {}
    taken: Counter[str] = Counter()
    for name in sorted(names):
        base = slugify(name)
        taken[base] += 1
        out[name] = base if taken[base] == 1 else f"{base}-{taken[base]}"
    return out
