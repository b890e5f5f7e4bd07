"""Files that sitegen keeps for itself between builds (caches, snapshots, manifests): each written whole
or not at all, and dropped once the code that made them has changed.

Such a file only ever saves time, so failing to write one is logged, never raised; and none is written
where it would leave its disk less than CACHE_LEAVES_FREE: the site, often on the same disk, needs the
room more than the next build needs the speed."""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import shutil
import stat
import sys
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
CACHE_LEAVES_FREE = 64 * 1024 * 1024
"""What the cache never takes of a disk: room for the pages a rebuild writes anew (a rebuild stages
only the files that changed; the others are links to the previous site's)."""


def room_for(folder: Path, size: int) -> bool:
    """Whether size bytes more in folder (or the nearest folder above it that exists) leave its disk
    CACHE_LEAVES_FREE; True where that cannot be told (the write then says what went wrong)."""
    for where in (folder, *folder.parents):
        try:
            return shutil.disk_usage(where).free - size >= CACHE_LEAVES_FREE
        except FileNotFoundError:
            continue
        except OSError:
            return True
    return True


def say_once(folder: Path, reason: object, message: str, *args: object) -> None:
    """Log a warning once a process, folder and reason: a full disk would otherwise say it for every entry."""
    if (folder, reason) not in _warned:
        _warned.add((folder, reason))
        log.warning(message, *args)


def write_atomically(path: Path, data: bytes, what: str = "the cache entry") -> bool:
    """Write data to path through a temporary file and a rename, so that a reader (or a build killed
    half-way) never sees part of it; return whether it was written."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    if not room_for(path.parent, len(data)):
        say_once(path.parent.parent, "room", "warning: not keeping %s %s: the disk would have less than %d MB "
                 "left, which the site needs; the build goes on without it (free some space to make later "
                 "builds quicker)", what, path, CACHE_LEAVES_FREE // 2**20)
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return True
    except OSError as e:
        say_once(path.parent.parent, e.errno, "warning: cannot write %s %s (%s); the build goes on without "
                 "keeping it", what, path, e.strerror or e)
        tmp.unlink(missing_ok=True)
        return False


_warned: set[tuple[Path, object]] = set()


def remove_other_folders(current: Path) -> None:
    """Remove the folders beside current (the entries of other versions of what current holds: never
    used again)."""
    if current.parent.is_dir():
        for other in current.parent.iterdir():
            if other != current and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)


def remove_other_files(current: Path) -> None:
    """Remove the files beside current (other versions of what current holds: never used again)."""
    if current.parent.is_dir():
        for other in current.parent.iterdir():
            if other != current:
                other.unlink(missing_ok=True)


def code_version(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the package's source and data files (and of the Python version that pickles entries)."""
    h = hashlib.sha256(f"{sys.version_info[:2]}\0".encode())
    # The built-in theme (data/templates, data/static) is not code: the pages and static files it
    # makes are checked against its bytes where they are made.
    theme = {package_dir / "data" / "templates", package_dir / "data" / "static"}
    for path in sorted(p for p in package_dir.rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts and not theme & set(p.parents)):
        if path.suffix in (".pyc", ".tmp"):
            continue
        h.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@functools.cache
def current_code_version() -> str:
    return code_version()


def holds(path: str, data: bytes) -> bool:
    """Whether path is a file (not a link) with these bytes: a site's file that need not be written again."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:  # no such file
        return False
