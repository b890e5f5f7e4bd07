"""What sitegen knows of the papers' world, from the tables in `sitegen/data/` that keepers edit: districts
and papers, topics, the marks of a person's name, stop words, and traditional to simplified characters.

Plain values with no jieba: every stage may read them."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import SitegenError

DATA_DIR = Path(__file__).parent / "data"
OWN_TABLES = ("places.toml", "topics.toml", "people.toml", "stopwords.txt", "userdict.txt")
"""The tables an archive project may have its own of, in its data/ folder: each replaces sitegen's whole."""


@dataclass(frozen=True)
class Tables:
    """Where each table is read from: the project's own data/ folder where it has the file, else sitegen's;
    and a hash of what the files held when this value was made (Tables.at), so that a table edited
    between two builds in one process (`sitegen serve`) is a different Tables, read again."""

    own: Path | None = None
    stamp: str = ""

    @classmethod
    def at(cls, own: Path | None) -> Tables:
        tables = cls(own)
        h = hashlib.sha256()
        for name in OWN_TABLES:
            path = tables.path(name)
            h.update(f"{name}\0{path.parent != DATA_DIR}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
        return cls(own, h.hexdigest())

    def path(self, name: str) -> Path:
        if self.own is not None and name in OWN_TABLES and (self.own / name).is_file():
            return self.own / name
        return DATA_DIR / name


BUILT_IN = Tables.at(None)
"""sitegen's own tables, for a project with none of its own."""


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


def load_topics(path: str = str(DATA_DIR / "topics.toml")) -> tuple[Topic, ...]:
    """Read the topic taxonomy that keepers edit."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    return tuple(Topic(t["name"], t["slug"], tuple(t["terms"])) for t in raw["topic"])


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
    tables: Tables = BUILT_IN
    """Where the user dictionary is read from: the names it tags nr are people wherever they stand, and
    jieba, with its words, tags the text around a possible name."""


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
    tables: Tables
    """Where they were read from: jieba's tokenizer reads the user dictionary there too."""


@functools.cache
def load_lexicon(tables: Tables = BUILT_IN) -> Lexicon:
    """The archive's tables, read once per process; a table of the archive's own that cannot be read is
    refused with a message naming it."""
    def read(name: str, loader: Callable[[Any], Any], as_text: bool = True) -> Any:
        path = tables.path(name)
        try:
            return loader(str(path) if as_text else path)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, re.error) as e:
            what = f"no {e} entry" if isinstance(e, KeyError) else str(e)
            raise SitegenError(f"{path}: cannot use this table ({what}); see sitegen's own {name} for its form "
                               "(sitegen/data/ in its repository), or remove the file to use sitegen's") from None

    places = read("places.toml", load_places, as_text=False)
    topics = read("topics.toml", load_topics)
    marks = dataclasses.replace(read("people.toml", load_marks), tables=tables)
    words = read("stopwords.txt", stop_words)
    read("userdict.txt", check_userdict)
    return Lexicon(places, topics, marks, words, tables)


def check_userdict(path: str) -> None:
    """Refuse a user dictionary jieba would stop on: each line is a word, then a count and a part of speech."""
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split()
        if len(parts) > 3 or len(parts) >= 2 and not parts[1].isdigit():
            raise ValueError(f"line {n}: {line.strip()!r} is not WORD [COUNT] [PART-OF-SPEECH], e.g. 常卫 5 nr")
