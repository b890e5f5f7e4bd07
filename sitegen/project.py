"""`sitegen new DIR`: a ready archive project, and how this sitegen was installed (to pin it there)."""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from . import __version__
from .config import DATA_DIR
from .errors import UsageError

SKELETON = DATA_DIR / "project"
FILES = {
    "sitegen.toml": "sitegen.toml",
    ".gitignore": "gitignore",
    "README.md": "README.md",
    "seeds/README.md": "seeds-README.md",
    ".github/workflows/pages.yml": "pages.yml",
}
"""Each file of a new project, and its source in SKELETON (stored without leading dots: wheels and
package-data globs pass over hidden files)."""


def new_project(folder: Path) -> list[Path]:
    """Make an archive project in folder (new or empty); return the files made."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "a folder with files in it" if folder.is_dir() else "a file"
        raise UsageError(f"{folder}: is {what}; give a new or empty folder, e.g. sitegen new my-archive")
    spec = install_spec()
    made = []
    for name, source in FILES.items():
        text = (SKELETON / source).read_text(encoding="utf-8").replace("@SITEGEN@", spec)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def install_spec() -> str:
    """What pip takes to install this very sitegen: the repository and commit it came from, if it was
    installed from one (pip records that in direct_url.json, PEP 610), else its version."""
    try:
        direct = json.loads(metadata.distribution("sitegen").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        direct = {}
    vcs = direct.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id") and not direct.get("url", "").startswith("file:"):
        return f"sitegen @ git+{direct['url']}@{vcs['commit_id']}"
    return f"sitegen=={__version__}"
