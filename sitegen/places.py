"""The districts and papers the archive knows, loaded from `sitegen/data/places.toml`."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
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
