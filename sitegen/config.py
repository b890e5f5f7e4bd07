"""Site settings from `sitegen.toml` in the project folder; command-line flags win over them."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .model import SitegenError

CONFIG_FILE = "sitegen.toml"
KEYS = {"base_url": str, "site_url": str, "title": str}


@dataclass(frozen=True)
class Settings:
    base_url: str = "/"
    """The path the site is served under: "/" for a user page or custom domain, "/repo-name/" for a project page."""
    site_url: str = ""
    """The absolute address of the site root (https://example.github.io/repo-name), for canonical links and feeds."""
    title: str = "北京区报档案"


def load_settings(path: Path) -> Settings:
    """Read sitegen.toml if it exists; unknown keys and wrong types are errors naming the file."""
    if not path.exists():
        return Settings()
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SitegenError(f"{path}: cannot read the settings ({e}); fix its TOML syntax") from None
    for key, value in raw.items():
        if key not in KEYS:
            raise SitegenError(f"{path}: unknown setting {key!r}; known are {', '.join(KEYS)}")
        if not isinstance(value, KEYS[key]):
            raise SitegenError(f"{path}: {key} must be a {KEYS[key].__name__}")
    return Settings(**raw)
