"""Write the site: everything goes to a fresh folder beside the output, which then replaces it.

So a build that fails half-way leaves the previous site exactly as it was, and files of removed
issues never linger. A file whose bytes are the same as in the previous site is not written again:
the staged folder gets a hard link to the old file, so its modification time (what rsync, caches
and `make`-like tools look at) stays as it was, and the swap stays one atomic rename.

What publishing costs follows what changed, not the site's size: only the folders not written through
`StagedSite.write` (the search bundle) are listed, the previous site's number of files comes from when
it was published, and the old site is removed by a process of its own that the build does not wait for.
"""
from __future__ import annotations

import contextlib
import fcntl
import filecmp
import glob
import hashlib
import logging
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import SitegenError

log = logging.getLogger(__name__)


Stamp = tuple[int, int, int]
"""A file's inode, size and modification time (ns)."""


def stamp_of(path: str | Path) -> Stamp | None:
    """A file's or folder's (inode, size, modification time), None if there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


@contextlib.contextmanager
def output_locked(out_dir: Path) -> Iterator[None]:
    """Hold the folder the site is written in for this build alone: a second build there (a keeper's beside
    `sitegen serve`'s, two CI jobs) waits until the first has published, then builds on its site; never
    a mix. The lock is flock on that folder itself, so nothing is left beside the site, and the system
    lets it go when the process ends, however it ends."""
    parent = out_dir.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as e:  # said of the folder the keeper chose
        raise OSError(e.errno, e.strerror, str(out_dir)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("another build is writing in %s: waiting for it to finish", parent)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@dataclass(frozen=True)
class WriteSummary:
    written: int
    unchanged: int
    removed: int
    files: int
    """Files in the site published: what the next build passes to publish as previous_files."""


class StagedSite:
    """A folder to write a whole new site into, swapped in by `publish`."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir.resolve()
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            self.root = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent))
        except OSError as e:  # said of the folder the keeper chose, not of a staging folder never made
            raise OSError(e.errno, e.strerror, str(out_dir)) from None
        self._written: set[str] = set()
        self._unchanged: set[str] = set()
        self._existed: set[str] = set()
        """Files written or kept that the previous site has too (whatever their bytes there)."""
        self._folders: set[str] = set()
        """Folders made in the staged site so far."""
        # As text: a site has tens of thousands of files, and pathlib's objects cost more than the work.
        self._root = str(self.root) + os.sep
        self._out = str(self.out_dir) + os.sep

    def _target(self, rel: str) -> str:
        """The staged file for a site-relative path; refuse paths outside the site. The staging folder is new
        and holds no links, so normalising the path as text is enough."""
        target = os.path.normpath(self._root + rel)
        if not target.startswith(self._root):
            raise SitegenError(f"refusing to write {rel!r}: it is outside the output folder")
        return target

    def _claim(self, rel: str) -> str:
        """The staged file for rel, its folder made; two writes to one path mean two pages claim one URL."""
        if rel in self._written:
            raise SitegenError(f"two pages would be written to {rel}; rename one of the sources")
        target = self._target(rel)
        self._written.add(rel)
        folder = os.path.dirname(target)
        if folder not in self._folders:  # one mkdir a folder, not one a file
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def write(self, rel: str, data: bytes) -> None:
        """Write one file (or link the previous site's copy when it has the same bytes)."""
        target = self._claim(rel)
        if self._link_if_unchanged(rel, target, data):
            return
        with open(target, "wb") as f:
            f.write(data)

    def keep(self, rel: str, sha256: str, stamp: Stamp | None = None) -> bool:
        """Take the previous site's file for rel as it is, if its bytes have this sha256; False if not.

        For a page known to render to what it rendered to before: it is then not rendered at all.
        stamp: what `stamp` said of the file when its sha256 was taken; while the previous site's file
        still has it (the same file, size and modification time), it is not read again.
        """
        old = self._out + rel
        data = None
        if stamp is None or stamp_of(old) != stamp:
            try:
                with open(old, "rb") as f:
                    data = f.read()
            except OSError:
                return False
            if hashlib.sha256(data).hexdigest() != sha256:
                return False
        target = self._claim(rel)
        try:
            os.link(old, target)
        except OSError:  # no hard links on this file system (or the file went away since)
            try:
                Path(target).write_bytes(data if data is not None else Path(old).read_bytes())
            except OSError:
                self._written.discard(rel)
                return False
        self._unchanged.add(rel)
        self._existed.add(rel)
        return True

    def claims(self) -> tuple[set[str], set[str], set[str]]:
        """What this staged site has written or kept, so far: (every file, the kept ones, the ones the previous
        site has too)."""
        return set(self._written), set(self._unchanged), set(self._existed)

    def take_claims(self, claims: tuple[set[str], set[str], set[str]],
                    before: tuple[set[str], set[str], set[str]]) -> None:
        """Take in what a forked copy of this object wrote into the same folder (its claims), from
        the claims both had when it was forked (before)."""
        theirs, kept, existed = claims
        both = (theirs - before[0]) & (self._written - before[0])
        if both:
            raise SitegenError(f"two pages would be written to {min(both)}; rename one of the sources")
        self._written |= theirs
        self._unchanged |= kept
        self._existed |= existed

    def size(self, rel: str) -> int:
        """The size of a file written or kept in the staged site."""
        return os.stat(self._root + rel).st_size

    def stamp(self, rel: str) -> Stamp | None:
        """The staged file's (inode, size, modification time): they stay the same once it is published,
        and a hard link to it in the next build's staged site has them too."""
        return stamp_of(self._root + rel)

    def copy_trees(self, sources: Sequence[Path], rel: str) -> None:
        """Copy folders of assets (static/) into the site as one, in a stable order: of two files with one
        name, the one in the folder listed first."""
        files: dict[str, Path] = {}
        for src in reversed(sources):
            files.update((p.relative_to(src).as_posix(), p) for p in src.rglob("*") if p.is_file())
        for name, path in sorted(files.items()):
            self.write(f"{rel}/{name}", path.read_bytes())

    def _link_if_unchanged(self, rel: str, target: str, data: bytes) -> bool:
        """Put a hard link to the previous site's file at target if its bytes are data."""
        old = self._out + rel
        try:
            info = os.stat(old)
        except OSError:  # no previous file
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
        self._existed.add(rel)
        try:
            if info.st_size != len(data) or os.path.islink(old):
                return False
            with open(old, "rb") as f:
                if f.read() != data:
                    return False
            os.link(old, target)
        except OSError:  # no hard links on this file system: write it
            return False
        self._unchanged.add(rel)
        return True

    def publish(self, uninterrupted: contextlib.AbstractContextManager = contextlib.nullcontext(),
                previous_files: int | None = None) -> WriteSummary:
        """Replace the output folder by the staged one; count what changed.

        Files that did not come through `write` (the search bundle, written by Pagefind) are compared
        here, and linked to the previous site's copy when they are the same: they are in folders of their
        own, and only those are listed.
        uninterrupted: what keeps a stop signal from taking effect between the two renames (which would
        leave no site at all) or before the old site is on its way out (which would leave it beside the new).
        previous_files: how many files the previous site holds (WriteSummary.files of the build that
        published it, if nothing was added since: previous_site_files); None: its files are counted here.
        """
        claimed = {rel.partition("/")[0] for rel in self._written}
        outside = {name for name in os.listdir(self.root) if name not in claimed}
        old_files, new_files = _files(self.out_dir, outside), _files(self.root, outside)
        for rel in sorted(new_files.keys() & old_files.keys()):
            if new_files[rel] == old_files[rel]:  # one file already (the search cache links its files in)
                self._unchanged.add(rel)
            else:
                self._keep_old_copy(rel)
        files = len(self._written) + len(new_files)
        unchanged = len(self._unchanged)
        in_both = len(self._existed) + len(new_files.keys() & old_files.keys())
        if previous_files is None or previous_files < in_both:  # not known, or not of this site after all
            previous_files = len(_files(self.out_dir))
        removed = previous_files - in_both
        summary = WriteSummary(written=files - unchanged, unchanged=unchanged, removed=removed, files=files)
        with uninterrupted:
            if self.out_dir.exists():
                old = tempfile.mkdtemp(prefix=f".{self.out_dir.name}.old-", dir=self.out_dir.parent)
                os.rmdir(old)
                os.replace(self.out_dir, old)
            os.replace(self.root, self.out_dir)
            os.chmod(self.out_dir, 0o755)
            # Every old site beside it: this one, and any a stopped removal left.
            _remove_later(sorted(str(p) for p in self.out_dir.parent.glob(f".{glob.escape(self.out_dir.name)}.old-*")))
        return summary

    def _keep_old_copy(self, rel: str) -> None:
        """Replace a staged file by a hard link to the previous site's file, if both have the same bytes."""
        staged, old = self.root / rel, self.out_dir / rel
        link = staged.with_name(staged.name + ".sitegen-link")
        try:
            if staged.is_symlink() or old.is_symlink() or not filecmp.cmp(staged, old, shallow=False):
                return
            os.link(old, link)
            os.replace(link, staged)
            self._unchanged.add(rel)
        except OSError:  # no hard links here: the staged copy is as good
            link.unlink(missing_ok=True)

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def previous_site_files(out_dir: Path, published: tuple[int, Stamp | None] | None) -> int | None:
    """The number of files the site in out_dir holds, from published: (WriteSummary.files, the folder's
    stamp_of just after it was published); None when the folder is not the one published then (another
    folder in its place, a file added or removed at its top)."""
    if published is None or published[1] is None or stamp_of(out_dir) != published[1]:
        return None
    return published[0]


REMOVER = """import os, shutil, sys
if os.fork():  # the child goes on alone: no process of the build's, which a stopped build kills
    os._exit(0)
for folder in sys.argv[1:]:
    shutil.rmtree(folder, ignore_errors=True)
"""


def _remove_later(folders: Sequence[str]) -> None:
    """Remove folders in a process of its own, which the build does not wait for: removing an old site takes
    as long as it has files. It outlives the build (it is not the build's child, nor in its process group,
    so neither a stopped build nor Ctrl-C ends it); a removal stopped half-way (the machine shut down)
    is finished by the next publish, which removes every old site it finds."""
    if not folders:
        return
    try:
        subprocess.run([sys.executable, "-I", "-S", "-c", REMOVER, *folders], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, check=True)
    except (OSError, subprocess.CalledProcessError):  # no process to be had: remove them here
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def _files(root: Path, names: set[str] | None = None) -> dict[str, int]:
    """The files under root (only those under its entries names, if given), as paths relative to it, with
    their inode numbers (one file has one, however many names it has: two names with the same number are
    hard links to it; root and the folders built beside it are on one file system).

    os.scandir's entries know their type and inode from the directory listing, where os.walk + isfile
    and Path.rglob stat every file, which is slow on a big site. A symbolic link is listed
    as a file when it points to one, as isfile would.
    """
    if not root.is_dir():
        return {}
    files: dict[str, int] = {}
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if not prefix and names is not None and entry.name not in names:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file():
                    files[prefix + entry.name] = entry.inode()
    return files
