"""Site settings from `sitegen.toml` in the project folder; command-line flags win over them."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import SitegenError

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
        data = path.read_bytes()
    except OSError as e:
        raise SitegenError(f"{path}: cannot read the settings ({e.strerror}); check that you may read it") from None
    try:
        text = data.decode("utf-8-sig")  # Notepad starts UTF-8 with a byte-order mark
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise SitegenError(f"{path}:{line}: the settings file is not UTF-8 (TOML files must be); save it as UTF-8 "
                           "and rebuild") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SitegenError(f"{path}: cannot read the settings ({e}); fix its TOML syntax, e.g. "
                           'title = "北京区报档案"') from None
    for key, value in raw.items():
        if key not in KEYS:
            raise SitegenError(f"{path}: unknown setting {key!r}; known are {', '.join(KEYS)}")
        if not isinstance(value, KEYS[key]):
            raise SitegenError(f"{path}: {key} must be {_TYPE_NAMES[KEYS[key]]}, e.g. {key} = {EXAMPLES[key]}")
    return Settings(**raw)


_TYPE_NAMES = {str: "text in quotes"}
EXAMPLES = {"base_url": '"/repo-name/"', "site_url": '"https://name.github.io/repo-name"', "title": '"北京区报档案"'}
