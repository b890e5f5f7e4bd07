"""What sitegen knows of the papers' world, from the tables in `sitegen/data/` that keepers edit: districts
and papers, topics, the marks of a person's name, stop words, and traditional to simplified characters.

Plain values with no jieba: every stage may read them."""
from __future__ import annotations

import functools
import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class District:
    name: str
    """Full name, 石景山区."""
    slug: str
    aliases: tuple[str, ...]
    """Other names the text uses, 石景山."""


@dataclass(frozen=True)
class Publication:
    name: str
    slug: str
    district: str | None
    """The district's full name, None for a city-wide paper."""


@dataclass(frozen=True)
class Places:
    districts: tuple[District, ...]
    publications: tuple[Publication, ...]

    def district(self, name: str) -> District | None:
        return next((d for d in self.districts if d.name == name), None)

    def publication(self, name: str) -> Publication | None:
        return next((p for p in self.publications if p.name == name), None)


@functools.cache
def load_places(path: Path = DATA_DIR / "places.toml") -> Places:
    """Read the districts and papers table."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    return Places(
        districts=tuple(
            District(d["name"], d["slug"], tuple(d.get("aliases", ()))) for d in raw["district"]
        ),
        publications=tuple(
            Publication(p["name"], p["slug"], p.get("district")) for p in raw["publication"]
        ),
    )


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    terms: tuple[str, ...]


@functools.cache
def load_topics(path: str = str(DATA_DIR / "topics.toml")) -> tuple[Topic, ...]:
    """Read the topic taxonomy that keepers edit."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    return tuple(Topic(t["name"], t["slug"], tuple(t["terms"])) for t in raw["topic"])


@functools.cache
def stop_words(path: str = str(DATA_DIR / "stopwords.txt")) -> frozenset[str]:
    """Words that are never keywords: the data file keepers edit (one or more a line, # notes)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.lstrip().startswith("#") for w in line.split())


@dataclass(frozen=True)
class Marks:
    """What marks a person in the text, from `sitegen/data/people.toml` (see the comments there)."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    role_before: re.Pattern[str]
    """A role as printed before a name: titles with their bodies, joined by 、."""
    title_after: re.Pattern[str]
    after_name: tuple[str, ...]
    not_name_endings: tuple[str, ...]


@functools.cache
def load_marks(path: str = str(DATA_DIR / "people.toml")) -> Marks:
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    words = {k: v.split() if isinstance(v, str) else v for k, v in raw.items()}

    def alternatives(ws: list[str]) -> str:  # longest first: 副书记 before 书记
        return "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))

    role = f"(?:{alternatives(words['bodies'])})*(?:{alternatives(words['titles'])})(?:助理)?"
    return Marks(
        surnames=frozenset("".join(words["surnames"])),
        compound_surnames=frozenset(words["compound_surnames"]),
        role_before=re.compile(f"{role}(?:、{role})*"),
        title_after=re.compile(alternatives(words["titles_after"])),
        after_name=tuple(words["after_name"]),
        not_name_endings=tuple(words["not_name_endings"]),
    )


def _t2s() -> dict[str, str]:
    text = resources.files("sitegen").joinpath("data/t2s.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """The str.translate table: full-width ASCII, ideographic space, traditional characters, A-Z."""
    table: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    table.update({ord(k): v for k, v in _t2s().items()})
    # Lower-case last, and ASCII only: str.lower() can lengthen a string ("İ".lower() is 2 chars).
    for k, v in list(table.items()):
        if "A" <= v <= "Z":
            table[k] = v.lower()
    table.update({cp: chr(cp + 32) for cp in range(ord("A"), ord("Z") + 1)})
    return table


def normalize(text: str) -> str:
    """Fold full-width forms, traditional characters and ASCII case, one character for one."""
    return text.translate(_table())


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything of sitegen/data/ the stages read, as one value handed to them. Compared (and hashed)
    by identity: the stages' caches keep what they derive from it per Lexicon, at no cost per lookup."""

    places: Places
    topics: tuple[Topic, ...]
    marks: Marks
    stop_words: frozenset[str]


@functools.cache
def load_lexicon() -> Lexicon:
    """The archive's own tables, read once per process."""
    return Lexicon(load_places(), load_topics(), load_marks(), stop_words())
