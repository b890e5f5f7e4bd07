"""Write the site: new and changed files are staged in a folder beside the output, then moved into it.

Nothing is written into the output folder before everything is made: a build that fails or is stopped
before it publishes leaves the previous site exactly as it was. A file whose bytes are the same as the
previous site's is not written at all: it stays where it is, with its inode and modification time (what
rsync, caches and `make`-like tools look at). Publishing moves each staged file into place (one rename
each: every file is whole at every moment), then removes the previous site's files that nothing claimed
(removed issues' pages, gone search files) and the folders they leave empty. What it is about to do is
written first into a journal in the staging folder, and the next build finishes a publish cut short
(the machine went down) before it looks at the site (site/in_place.py). With no previous site (a first
build, a CI run), the staging folder is renamed into place.

What publishing costs follows what changed, not the site's size: the previous site's files are known from
when it was published (previous_site_files); the search bundle, made by a process of its own, stages only
its files the previous site lacks and names the others (`StagedSite.take_folder`); only folders that
came through neither are listed.
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
import tempfile
from collections.abc import Collection, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SitegenError
from ..files import holds
from .in_place import JOURNAL, carry_out, finish_cut_short, list_files, remove_later, staging_prefix, write_journal

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
    """Files in the site published."""
    claimed: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    """Its files written or kept through StagedSite (with the search bundle's, taken by take_folder): what
    the next build passes to publish as previous_files."""


LEFT_REMOVED_HERE = 1000
"""Files left in a published staging folder (copies of unchanged search files) that are removed before the
build ends; more are removed by a process of their own (in_place.remove_later)."""


class StagedSite:
    """A folder beside the site to write its new and changed files into, which `publish` moves into place."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir.resolve()
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            finish_cut_short(self.out_dir)
            self.root = Path(tempfile.mkdtemp(prefix=staging_prefix(self.out_dir), dir=self.out_dir.parent))
        except OSError as e:  # said of the folder the keeper chose, not of a staging folder never made
            raise OSError(e.errno, e.strerror, str(out_dir)) from None
        self._written: set[str] = set()
        """Files written or kept: the site's files, but for the search bundle."""
        self._unchanged: set[str] = set()
        """Files of the previous site that stay as they are (kept, or written with their bytes): not staged."""
        self._folders: set[str] = set()
        """Folders made in the staging folder so far."""
        self._publishing = False
        """Whether the journal is written: the staging folder is the publish's until it is finished."""
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

    def _claim(self, rel: str) -> None:
        """Count rel as the site's; two writes to one path mean two pages claim one URL."""
        if rel in self._written:
            raise SitegenError(f"two pages would be written to {rel}; rename one of the sources")
        self._written.add(rel)

    def _previous(self, target: str) -> str:
        """The previous site's file for a staged one."""
        return self._out + target[len(self._root):]

    def write(self, rel: str, data: bytes) -> None:
        """Write one file (unless the previous site's has these bytes: it then stays as it is)."""
        target = self._target(rel)
        self._claim(rel)
        if holds(self._previous(target), data):
            self._unchanged.add(rel)
            return
        folder = os.path.dirname(target)
        if folder not in self._folders:  # one mkdir a folder, not one a file
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        with open(target, "wb") as f:
            f.write(data)

    def keep(self, rel: str, sha256: str, stamp: Stamp | None = None) -> Stamp | None:
        """Take the previous site's file for rel as it is, if its bytes have this sha256, and return its stamp;
        None if not.

        For a page known to render to what it rendered to before: it is then not rendered at all.
        stamp: what `stamp` said of the file when its sha256 was taken; while the previous site's file
        still has it (the same file, size and modification time), it is not read again.
        """
        old = self._previous(self._target(rel))
        now = stamp_of(old)
        if now is None:
            return None
        if now != stamp:
            try:
                with open(old, "rb") as f:
                    data = f.read()
            except OSError:
                return None
            if hashlib.sha256(data).hexdigest() != sha256:
                return None
        self._claim(rel)
        self._unchanged.add(rel)
        return now

    def keep_as_stamped(self, files: Iterable[tuple[str, Stamp]]) -> list[str]:
        """Take the previous site's files as they are where each still has the stamp given (the one it had
        when its bytes were checked: the same file, size and modification time); return those taken."""
        taken = []
        for rel, stamp in files:
            if stamp_of(self._previous(self._target(rel))) == stamp:
                self._claim(rel)
                taken.append(rel)
        self._unchanged.update(taken)
        return taken

    def claims(self) -> tuple[set[str], set[str]]:
        """What this staged site has written or kept, so far: (every file, the previous site's kept as they are)."""
        return set(self._written), set(self._unchanged)

    def take_claims(self, claims: tuple[set[str], set[str]], before: tuple[set[str], set[str]]) -> None:
        """Take in what a forked copy of this object wrote into the same folder (its claims), from
        the claims both had when it was forked (before)."""
        theirs, unchanged = claims
        both = (theirs - before[0]) & (self._written - before[0])
        if both:
            raise SitegenError(f"two pages would be written to {min(both)}; rename one of the sources")
        self._written |= theirs
        self._unchanged |= unchanged

    def take_folder(self, top: str, staged: Collection[str], unchanged: Collection[str]) -> None:
        """Count as the site's a folder that another process wrote into the staging folder (the search
        bundle): its files staged there, and the previous site's it keeps as they are (not read here: that
        process compared them). Nothing else may be written under top."""
        ours = {rel for rel in self._written if rel.partition("/")[0] == top}
        if ours:
            raise SitegenError(f"two files would be written to {min(ours)}; rename the page or asset there")
        self._written.update(staged)
        self._written.update(unchanged)
        self._unchanged.update(unchanged)

    def _file(self, rel: str) -> str:
        """Where a file written or kept is: staged, or in the previous site when it stays as it is."""
        return (self._out if rel in self._unchanged else self._root) + rel

    def size(self, rel: str) -> int:
        """The size of a file written or kept."""
        return os.stat(self._file(rel)).st_size

    def stamp(self, rel: str) -> Stamp | None:
        """The (inode, size, modification time) of a file written or kept: a staged file keeps them once it
        is moved into the site."""
        return stamp_of(self._file(rel))

    def copy_trees(self, sources: Sequence[Path], rel: str) -> None:
        """Copy folders of assets (static/) into the site as one, in a stable order: of two files with one
        name, the one in the folder listed first."""
        files: dict[str, Path] = {}
        for src in reversed(sources):
            files.update((p.relative_to(src).as_posix(), p) for p in src.rglob("*") if p.is_file())
        for name, path in sorted(files.items()):
            self.write(f"{rel}/{name}", path.read_bytes())

    def publish(self, uninterrupted: contextlib.AbstractContextManager = contextlib.nullcontext(),
                previous_files: Set[str] | None = None) -> WriteSummary:
        """Move the staged files into the site and remove the previous site's files nothing claimed; count
        what changed. With no previous site, the staging folder becomes the site.

        Files that came through neither `write` nor `take_folder` are compared here with the previous
        site's: the same file or the same bytes is unchanged. They are in folders of their own, and only
        those are listed.
        uninterrupted: what keeps a stop signal from taking effect while files are moved and removed (the
        journal would finish the publish, but only at the next build).
        previous_files: the previous site's files written or kept (WriteSummary.claimed of the build that
        published it, while its folder is as published: previous_site_files); None: its files are listed.
        """
        claimed_tops = {rel.partition("/")[0] for rel in self._written}
        others = {name for name in os.listdir(self.root) if name not in claimed_tops}
        staged_others = list_files(self.root, others)
        claimed = frozenset(self._written)
        if not self.out_dir.is_dir():
            files = len(claimed) + len(staged_others)
            summary = WriteSummary(written=files, unchanged=0, removed=0, files=files, claimed=claimed)
            with uninterrupted:
                if os.path.lexists(self.out_dir):  # a file where the site goes
                    os.unlink(self.out_dir)
                os.replace(self.root, self.out_dir)
                os.chmod(self.out_dir, 0o755)
            return summary
        previous = self._previous_site(previous_files, others)
        moves = sorted(self._written - self._unchanged)
        unchanged_others = 0
        for rel, inode in sorted(staged_others.items()):
            if rel in previous and (previous[rel] == inode or self._same_file(rel)):
                unchanged_others += 1  # its staged copy is left in the staging folder
            else:
                moves.append(rel)
        removes = sorted(previous.keys() - claimed - staged_others.keys())
        files = len(claimed) + len(staged_others)
        unchanged = len(self._unchanged) + unchanged_others
        summary = WriteSummary(written=files - unchanged, unchanged=unchanged, removed=len(removes), files=files,
                               claimed=claimed)
        with uninterrupted:
            if moves or removes:
                self._publishing = True
                write_journal(self.root, moves, removes)
                carry_out(self.root, self.out_dir, moves, removes)
                os.unlink(self.root / JOURNAL)
                self._publishing = False
            self._remove_staging(unchanged_others)
        return summary

    def _previous_site(self, previous_files: Set[str] | None, others: set[str]) -> dict[str, int | None]:
        """The previous site's files, with their inode where they were listed (those not written through
        `write`: the tops of the site previous_files has nothing under, and others)."""
        if previous_files is not None and not self._unchanged <= previous_files:
            previous_files = None  # not this site's list after all: a file kept as it is is not in it
        if previous_files is None:
            return dict(list_files(self.out_dir))
        known_tops = {rel.partition("/")[0] for rel in previous_files}
        listed = {name for name in os.listdir(self.out_dir) if name not in known_tops} | others
        found: dict[str, int | None] = dict.fromkeys(previous_files)
        found.update(list_files(self.out_dir, listed))
        return found

    def _same_file(self, rel: str) -> bool:
        """Whether a staged file not written through `write` has the bytes of the previous site's."""
        staged, old = self._root + rel, self._out + rel
        try:
            return not os.path.islink(staged) and not os.path.islink(old) and filecmp.cmp(staged, old, shallow=False)
        except OSError:
            return False

    def _remove_staging(self, left: int) -> None:
        """Remove the staging folder, published; with many files left in it (copies of unchanged search files),
        in a process of its own, with any a stopped removal left."""
        if left <= LEFT_REMOVED_HERE:
            shutil.rmtree(self.root, ignore_errors=True)
        else:  # renamed first: the next publish removes it if this removal is stopped
            aside = tempfile.mkdtemp(prefix=f".{self.out_dir.name}.old-", dir=self.out_dir.parent)
            os.rmdir(aside)
            os.replace(self.root, aside)
        remove_later(sorted(str(p) for p in self.out_dir.parent.glob(f".{glob.escape(self.out_dir.name)}.old-*")))

    def discard(self) -> None:
        """Remove the staging folder; one whose publish was cut short by an error is finished first, or left
        for the next build to finish."""
        if self._publishing:
            try:
                finish_cut_short(self.out_dir)
            except OSError:
                log.info("finishing the publish failed; the next build finishes it", exc_info=True)
                return
        shutil.rmtree(self.root, ignore_errors=True)


def previous_site_files(out_dir: Path, published: tuple[Set[str], Stamp | None] | None
                        ) -> Set[str] | None:
    """The files written or kept into the site in out_dir, from published: (WriteSummary.claimed, the folder's
    stamp_of just after it was published); None when the folder is not the one published then (another
    folder in its place, a file added or removed at its top, a publish since that was not recorded)."""
    if published is None or published[1] is None or stamp_of(out_dir) != published[1]:
        return None
    return published[0]
