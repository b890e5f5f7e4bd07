"""Everything a build is told: `sitegen.toml` in the project folder, then the command line's flags over it.

A project folder holds the issue files (seeds/) and, optionally, its own templates/ and static/, whose
files override the built-in theme's one by one. The built-in theme ships inside the package, in
sitegen/data/templates and sitegen/data/static (in a source checkout, links to the repository's
top-level templates/ and static/, its source)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import SitegenError
from .lexicon import Tables

CONFIG_FILE = "sitegen.toml"
DATA_DIR = Path(__file__).resolve().parent / "data"
THEME_TEMPLATES = DATA_DIR / "templates"
"""The built-in templates; a project's own override them file by file, and reach them as sitegen/NAME."""
THEME_STATIC = DATA_DIR / "static"
MB = 1024 * 1024
MAX_BYTES = 16 * MB
"""Issue files larger than this are refused unless --max-file-mb says otherwise: a real issue is well
under 1 MB, and a larger file is most likely not an issue (a PDF, an archive) or several joined."""
DEFAULT_TITLE = "北京区报档案"


@dataclass(frozen=True)
class Config:
    seeds_dir: Path = Path("seeds")
    out_dir: Path = Path("site")
    base_url: str = "/"
    """The path the site is served under: "/" for a user page or custom domain, "/repo-name/" for a project page."""
    site_url: str = ""
    """The absolute address of the site (https://example.github.io/repo-name), for canonical links and feeds; optional."""
    title: str = DEFAULT_TITLE
    keep_going: bool = False
    """Build the other files when some cannot be used (--keep-going); else such a file stops the build."""
    strict: bool = False
    """Treat warnings as errors (--strict)."""
    max_file_bytes: int = MAX_BYTES
    """Issue files larger than this are refused (--max-file-mb)."""
    dev: bool = False
    """A preview build for `sitegen serve`: pages load static/dev.js, which shows a failed rebuild."""
    data_dir: Path = Path("data")
    """The project's own tables (places.toml, topics.toml, people.toml, stopwords.txt, userdict.txt), each
    read instead of sitegen's of its name (if the folder exists)."""
    cache_dir: Path | None = Path(".sitegen-cache")
    """Where work for unchanged issues is kept between builds (None: no cache)."""
    templates_dir: Path = Path("templates")
    """The project's own templates, each used instead of the built-in one of its name (if the folder exists)."""
    static_dir: Path = Path("static")
    """The project's own static files, each copied instead of the built-in one of its name (if the folder exists)."""

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are looked up, first match wins: the project's own, then the built-in theme."""
        return _layers(self.templates_dir, THEME_TEMPLATES)

    @property
    def tables(self) -> Tables:
        """Where each table is read from: the project's data/ folder where it has the file, else sitegen's."""
        return Tables.at(_own(self.data_dir, DATA_DIR))

    @property
    def static_dirs(self) -> tuple[Path, ...]:
        """Where static files come from, first match wins: the project's own, then the built-in theme."""
        return _layers(self.static_dir, THEME_STATIC)


def _own(folder: Path, builtin: Path) -> Path | None:
    """The project's own folder, if it has one that is not the built-in one itself (this repository is
    a project whose templates/ and static/ are the theme's source: one layer, not two)."""
    return folder if folder.is_dir() and folder.resolve() != builtin.resolve() else None


def _layers(folder: Path, builtin: Path) -> tuple[Path, ...]:
    own = _own(folder, builtin)
    return (own, builtin) if own else (builtin,)


FILE_KEYS = {"base_url": str, "site_url": str, "title": str, "seeds": str, "out": str, "templates": str, "static": str,
             "data": str}
"""What sitegen.toml may set, and the type of each."""
FOLDER_KEYS = {"seeds": "seeds_dir", "out": "out_dir", "templates": "templates_dir", "static": "static_dir",
               "data": "data_dir"}
"""The settings that name a folder (relative to the settings file's own folder), and the Config field each sets."""
_TYPE_NAMES = {str: "text in quotes"}
EXAMPLES = {"base_url": '"/repo-name/"', "site_url": '"https://name.github.io/repo-name"', "title": '"北京区报档案"',
            "seeds": '"issues"', "out": '"public"', "templates": '"theme/templates"', "static": '"theme/static"',
            "data": '"tables"'}


def load_config(path: Path, **flags: Any) -> Config:
    """The settings of sitegen.toml at path (if it exists) with the given flags over them.

    Every bad setting is reported at once, in one error naming the file.
    """
    settings = {FOLDER_KEYS.get(key, key): path.parent / value if key in FOLDER_KEYS else value
                for key, value in read_settings(path).items()}
    unknown = set(flags) - {f.name for f in fields(Config)}
    if unknown:
        raise TypeError(f"not settings: {', '.join(sorted(unknown))}")
    return Config(**{**settings, **flags})


def read_settings(path: Path) -> dict[str, Any]:
    """What sitegen.toml sets, checked; {} when there is no such file."""
    if not path.exists():
        return {}
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
    problems = []
    for key, value in raw.items():
        if key not in FILE_KEYS:
            problems.append(f"unknown setting {key!r}; known are {', '.join(FILE_KEYS)}")
        elif not isinstance(value, FILE_KEYS[key]):
            problems.append(f"{key} must be {_TYPE_NAMES[FILE_KEYS[key]]}, e.g. {key} = {EXAMPLES[key]}")
    if len(problems) == 1:
        raise SitegenError(f"{path}: {problems[0]}")
    if problems:
        raise SitegenError(f"{path}: {len(problems)} bad settings:\n" + "\n".join(f"  {p}" for p in problems))
    return raw
