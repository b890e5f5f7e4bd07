"""Put staged files into a site in place: each moved in by one rename, then the files nothing claimed
removed, with a journal that lets the next build finish a publish cut short (the machine went down).

write.StagedSite decides what is moved and what is removed; this module only carries it out, the same way
the first time and when finishing it.
"""
from __future__ import annotations

import glob
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

JOURNAL = ".sitegen-publish.json"
"""In a staging folder being published: its files to move into the site and the site's files to remove."""


def staging_prefix(out_dir: Path) -> str:
    """How the staging folders of the site in out_dir are named, beside it."""
    return f".{out_dir.name}.new-"


def write_journal(staging: Path, moves: Sequence[str], removes: Sequence[str]) -> None:
    """Write what a publish is about to do into its staging folder, whole and on disk before anything is done:
    a journal half-written (the machine went down) is never read as one."""
    data = json.dumps({"moves": list(moves), "removes": list(removes)}).encode("utf-8")
    tmp = staging / f"{JOURNAL}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, staging / JOURNAL)
    folder = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def carry_out(staging: Path, out_dir: Path, moves: Sequence[str], removes: Sequence[str]) -> None:
    """Move the staged files moves (site-relative) into out_dir, each over the previous site's, then remove
    the previous site's files removes and the folders they leave empty.

    Each step can be done again: a file no longer staged was moved already, one no longer in the site was
    removed. The folder's modification time is set first, so that its stamp is no longer the one recorded
    with the previous site's list of files (write.previous_site_files), even if the publish is cut short.
    """
    root, out = str(staging), str(out_dir)
    os.utime(out)
    for rel in moves:
        source, target = f"{root}/{rel}", f"{out}/{rel}"
        try:
            os.replace(source, target)
        except (FileNotFoundError, NotADirectoryError):  # its folder is not there yet, or a file is in its place
            if not os.path.lexists(source):
                continue  # moved before the publish was cut short
            _make_folders(out, rel.rpartition("/")[0])
            os.replace(source, target)
        except IsADirectoryError:  # a folder of the previous site where this file goes: nothing there is claimed
            shutil.rmtree(target)
            os.replace(source, target)
    folders: set[str] = set()
    for rel in removes:
        try:
            os.unlink(f"{out}/{rel}")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            pass  # removed already, or a new file or folder is in its place (or in its folder's)
        folder = rel.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):  # the deepest first
        try:
            os.rmdir(f"{out}/{folder}")
        except OSError:  # not empty (or gone)
            pass


def _make_folders(out: str, folder: str) -> None:
    """Make the site's folder (site-relative) for a file, removing a file of the previous site in its way
    (a file where the new site has a folder is claimed by nothing)."""
    try:
        os.makedirs(f"{out}/{folder}", exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    path = out
    for part in folder.split("/"):
        path = f"{path}/{part}"
        if os.path.islink(path) or (os.path.lexists(path) and not os.path.isdir(path)):
            os.unlink(path)
    os.makedirs(f"{out}/{folder}", exist_ok=True)


def finish_cut_short(out_dir: Path) -> bool:
    """Finish every publish into out_dir that was cut short (a staging folder beside it with a journal), then
    remove its staging folder; return whether there was one. Call before anything reads the site."""
    finished = False
    for staging in sorted(out_dir.parent.glob(f"{glob.escape(staging_prefix(out_dir))}*")):
        try:
            journal = json.loads((staging / JOURNAL).read_bytes())
            moves, removes = journal["moves"], journal["removes"]
        except FileNotFoundError:
            continue  # a staging folder never published (a build stopped before): nothing in the site is of it
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("warning: cannot read %s; removing it", staging / JOURNAL)
            shutil.rmtree(staging, ignore_errors=True)
            continue
        if out_dir.is_dir():
            log.warning("warning: the last publish into %s was cut short; finishing it", out_dir)
            carry_out(staging, out_dir, moves, removes)
        (staging / JOURNAL).unlink()
        shutil.rmtree(staging, ignore_errors=True)
        finished = True
    return finished


REMOVER = """import os, shutil, sys
if os.fork():  # the child goes on alone: no process of the build's, which a stopped build kills
    os._exit(0)
for folder in sys.argv[1:]:
    shutil.rmtree(folder, ignore_errors=True)
"""


def remove_later(folders: Sequence[str]) -> None:
    """Remove folders in a process of its own, which the build does not wait for: removing a folder takes as
    long as it has files. It outlives the build (it is not the build's child, nor in its process group,
    so neither a stopped build nor Ctrl-C ends it); a removal stopped half-way (the machine shut down)
    is finished by the next publish."""
    if not folders:
        return
    try:
        subprocess.run([sys.executable, "-I", "-S", "-c", REMOVER, *folders], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, check=True)
    except (OSError, subprocess.CalledProcessError):  # no process to be had: remove them here
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def list_files(root: Path, names: set[str] | None = None) -> dict[str, int]:
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
