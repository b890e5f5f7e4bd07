"""Write the site: everything goes to a fresh folder beside the output, which then replaces it.

So a build that fails half-way leaves the previous site exactly as it was, and files of removed
issues never linger.
"""
from __future__ import annotations

import filecmp
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .model import SitegenError


@dataclass(frozen=True)
class WriteSummary:
    written: int
    unchanged: int
    removed: int


class StagedSite:
    """A folder to write a whole new site into, swapped in by `publish`."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent))
        self._written: set[str] = set()

    def path_for(self, rel: str) -> Path:
        """The staged file for a site-relative path; refuse paths outside the site."""
        target = (self.root / rel).resolve()
        if self.root not in target.parents:
            raise SitegenError(f"refusing to write {rel!r}: it is outside the output folder")
        return target

    def write(self, rel: str, data: bytes) -> None:
        """Write one file; two writes to one path mean two pages claim one URL, which is a bug."""
        if rel in self._written:
            raise SitegenError(f"two pages would be written to {rel}; rename one of the sources")
        self._written.add(rel)
        target = self.path_for(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def copy_tree(self, src: Path, rel: str) -> None:
        """Copy a folder of assets (static/) into the site, in a stable order."""
        for path in sorted(p for p in src.rglob("*") if p.is_file()):
            self.write(f"{rel}/{path.relative_to(src).as_posix()}", path.read_bytes())

    def publish(self) -> WriteSummary:
        """Replace the output folder by the staged one; count what changed."""
        summary = _compare(self.out_dir, self.root)
        old = None
        if self.out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.old-", dir=self.out_dir.parent))
            os.rmdir(old)
            os.replace(self.out_dir, old)
        os.replace(self.root, self.out_dir)
        os.chmod(self.out_dir, 0o755)
        if old:
            shutil.rmtree(old, ignore_errors=True)
        return summary

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _files(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _compare(old_root: Path, new_root: Path) -> WriteSummary:
    old, new = _files(old_root), _files(new_root)
    unchanged = sum(1 for rel in new & old if filecmp.cmp(old_root / rel, new_root / rel, shallow=False))
    return WriteSummary(written=len(new) - unchanged, unchanged=unchanged, removed=len(old - new))
