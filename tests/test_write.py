import hashlib
import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from sitegen.errors import SitegenError
from sitegen.site.write import StagedSite, previous_site_files, stamp_of


def settled(folder, timeout: float = 30) -> list[str]:
    """What folder holds once the folders the last publish handed to a process of their own are gone."""
    deadline = time.monotonic() + timeout
    while any(".old-" in p.name for p in folder.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    return sorted(p.name for p in folder.iterdir())


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def site(folder, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)


def test_publish_moves_what_changed_into_the_site_and_removes_what_nothing_claimed(tmp_path):
    out = tmp_path / "site"
    site(out, {"keep.html": b"same", "gone/index.html": b"old issue", "changed.html": b"old"})
    inodes = {name: os.stat(out / name).st_ino for name in (".", "keep.html")}
    staged = StagedSite(out)
    staged.write("keep.html", b"same")
    staged.write("changed.html", b"new")
    staged.write("a/new.html", b"new page")
    assert tree(staged.root) == {"changed.html": b"new", "a/new.html": b"new page"}  # only what changed is staged
    summary = staged.publish()
    assert tree(out) == {"a/new.html": b"new page", "changed.html": b"new", "keep.html": b"same"}
    assert not (out / "gone").exists()  # the folder the removed file leaves empty goes too
    assert (summary.written, summary.unchanged, summary.removed, summary.files) == (2, 1, 1, 3)
    assert {name: os.stat(out / name).st_ino for name in (".", "keep.html")} == inodes  # the same folder and file
    assert settled(tmp_path) == ["site"]  # no staging folder


def test_a_first_build_is_renamed_into_place(tmp_path):
    out = tmp_path / "site"
    staged = StagedSite(out)
    staged.write("index.html", b"home")
    staged.write("a/b.html", b"page")
    staged_inode = os.stat(staged.root).st_ino
    summary = staged.publish()
    assert tree(out) == {"a/b.html": b"page", "index.html": b"home"}
    assert os.stat(out).st_ino == staged_inode
    assert oct(os.stat(out).st_mode & 0o777) == oct(0o755)
    assert (summary.written, summary.unchanged, summary.removed, summary.files) == (2, 0, 0, 2)
    assert settled(tmp_path) == ["site"]


def test_old_folders_a_stopped_removal_left_are_removed_by_the_next_publish(tmp_path):
    out = tmp_path / "site"
    site(out, {"index.html": b"old"})
    left = tmp_path / ".site.old-x1y2z3"  # the machine went down while it was being removed
    site(left, {"a/index.html": b"older"})
    other = tmp_path / ".other.old-x1y2z3"  # another site's, beside it
    other.mkdir()
    staged = StagedSite(out)
    staged.write("index.html", b"new")
    staged.publish()
    assert settled(tmp_path) == [".other.old-x1y2z3", "site"]
    assert (out / "index.html").read_text() == "new"


def test_the_previous_sites_list_of_files_is_trusted_only_while_its_folder_is_as_published(tmp_path):
    """The files published are kept for the next build, which then need not list them; a file added at the
    site's top since (or another folder in its place) makes it list them again."""
    out = tmp_path / "site"
    staged = StagedSite(out)
    for name in ("a.html", "b.html", "c/index.html"):
        staged.write(name, b"page")
    summary = staged.publish()
    published = (summary.claimed, stamp_of(out))
    assert previous_site_files(out, published) == {"a.html", "b.html", "c/index.html"}
    staged = StagedSite(out)
    staged.write("a.html", b"page")
    staged.write("c/index.html", b"changed")
    summary = staged.publish(previous_files=previous_site_files(out, published))
    assert (summary.written, summary.unchanged, summary.removed, summary.files) == (1, 1, 1, 2)
    assert tree(out) == {"a.html": b"page", "c/index.html": b"changed"}
    published = (summary.claimed, stamp_of(out))
    time.sleep(0.05)  # beyond the file system's clock tick
    site(out, {"by-hand.html": b"added by hand", "by-hand/x.html": b"too"})
    assert previous_site_files(out, published) is None
    staged = StagedSite(out)
    staged.write("a.html", b"page")
    summary = staged.publish(previous_files=previous_site_files(out, published))
    assert (summary.written, summary.unchanged, summary.removed) == (0, 1, 3)  # c/index.html and the two by hand
    assert sorted(p.name for p in out.iterdir()) == ["a.html"]
    assert settled(tmp_path) == ["site"]


def test_a_list_of_files_that_is_not_the_previous_sites_is_not_trusted(tmp_path):
    out = tmp_path / "site"
    site(out, {"a.html": b"page", "b/index.html": b"page"})
    staged = StagedSite(out)
    staged.write("a.html", b"page")  # unchanged, yet not in the list: the list is of another site
    summary = staged.publish(previous_files=frozenset({"c.html"}))
    assert (summary.written, summary.unchanged, summary.removed) == (0, 1, 1)
    assert tree(out) == {"a.html": b"page"}


def test_discard_leaves_the_old_site_untouched(tmp_path):
    out = tmp_path / "site"
    site(out, {"index.html": b"old"})
    staged = StagedSite(out)
    staged.write("index.html", b"half-built")
    staged.discard()
    assert (out / "index.html").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_refuses_paths_outside_the_site_and_double_writes(tmp_path):
    staged = StagedSite(tmp_path / "site")
    with pytest.raises(SitegenError, match="outside the output folder"):
        staged.write("../evil.html", b"x")
    staged.write("a.html", b"x")
    with pytest.raises(SitegenError, match="two pages would be written to a.html"):
        staged.write("a.html", b"y")
    staged.discard()


def test_unchanged_files_keep_their_inode_and_modification_time(tmp_path):
    out = tmp_path / "site"
    site(out, {"same.html": b"same", "changed.html": b"old"})
    os.utime(out / "same.html", ns=(1_000_000_000, 1_000_000_000))
    os.utime(out / "changed.html", ns=(1_000_000_000, 1_000_000_000))
    inode = os.stat(out / "same.html").st_ino
    staged = StagedSite(out)
    staged.write("same.html", b"same")
    staged.write("changed.html", b"new")
    assert staged.stamp("changed.html") is not None
    written_stamp = staged.stamp("changed.html")
    summary = staged.publish()
    assert (out / "same.html").stat().st_mtime_ns == 1_000_000_000
    assert (out / "same.html").stat().st_ino == inode
    assert (out / "changed.html").stat().st_mtime_ns > 1_000_000_000
    assert (out / "changed.html").read_bytes() == b"new"
    assert stamp_of(out / "changed.html") == written_stamp  # what the manifest records holds once published
    assert (summary.written, summary.unchanged, summary.removed) == (1, 1, 0)


def test_files_written_straight_into_the_staged_folder_are_compared_too(tmp_path):
    """The search bundle is written by Pagefind, not through write(); some of it is hard-linked from a cache."""
    out = tmp_path / "site"
    site(out, {"pagefind/same.pf": b"index", "pagefind/linked.pf": b"cached", "pagefind/gone.pf": b"old"})
    os.utime(out / "pagefind" / "same.pf", ns=(1_000_000_000, 1_000_000_000))
    staged = StagedSite(out)
    (staged.root / "pagefind").mkdir()
    (staged.root / "pagefind" / "same.pf").write_bytes(b"index")
    os.link(out / "pagefind" / "linked.pf", staged.root / "pagefind" / "linked.pf")
    (staged.root / "pagefind" / "new.pf").write_bytes(b"new")
    summary = staged.publish()
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == ["linked.pf", "new.pf", "same.pf"]
    assert (out / "pagefind" / "same.pf").stat().st_mtime_ns == 1_000_000_000
    assert (summary.written, summary.unchanged, summary.removed) == (1, 2, 1)
    assert settled(tmp_path) == ["site"]


def test_a_folder_another_process_staged_keeps_the_files_it_names_and_loses_the_others(tmp_path):
    """The search process stages only the bundle's new files and names the site's files that stay: those
    are neither read nor moved, and the previous bundle's files it names neither way are removed."""
    out = tmp_path / "site"
    site(out, {"index.html": b"home", "pagefind/kept.pf": b"cached", "pagefind/shards/old/gone.pf": b"old"})
    os.utime(out / "pagefind" / "kept.pf", ns=(1_000_000_000, 1_000_000_000))
    staged = StagedSite(out)
    staged.write("index.html", b"home")
    (staged.root / "pagefind").mkdir()
    (staged.root / "pagefind" / "new.pf").write_bytes(b"new")
    staged.take_folder("pagefind", ["pagefind/new.pf"], ["pagefind/kept.pf"])
    summary = staged.publish()
    assert tree(out) == {"index.html": b"home", "pagefind/kept.pf": b"cached", "pagefind/new.pf": b"new"}
    assert (out / "pagefind" / "kept.pf").stat().st_mtime_ns == 1_000_000_000
    assert not (out / "pagefind" / "shards").exists()
    assert (summary.written, summary.unchanged, summary.removed) == (1, 2, 1)
    assert summary.claimed == {"index.html", "pagefind/kept.pf", "pagefind/new.pf"}


def test_a_page_written_into_a_folder_another_process_staged_is_refused(tmp_path):
    staged = StagedSite(tmp_path / "site")
    staged.write("pagefind/x.html", b"page")
    with pytest.raises(SitegenError, match="pagefind/x.html"):
        staged.take_folder("pagefind", ["pagefind/new.pf"], [])


def test_a_file_where_a_folder_was_and_a_folder_where_a_file_was(tmp_path):
    out = tmp_path / "site"
    site(out, {"a": b"a file", "b/index.html": b"a page"})
    staged = StagedSite(out)
    staged.write("a/index.html", b"now a folder")
    staged.write("b", b"now a file")
    summary = staged.publish()
    assert tree(out) == {"a/index.html": b"now a folder", "b": b"now a file"}
    assert (summary.written, summary.unchanged, summary.removed) == (2, 0, 2)


def test_keep_takes_the_previous_file_only_if_its_bytes_are_the_expected_ones(tmp_path):
    out = tmp_path / "site"
    site(out, {"a.html": b"rendered before", "b.html": b"edited by hand"})
    staged = StagedSite(out)
    assert staged.keep("a.html", hashlib.sha256(b"rendered before").hexdigest())
    assert not staged.keep("b.html", hashlib.sha256(b"rendered before").hexdigest())
    assert not staged.keep("missing.html", hashlib.sha256(b"").hexdigest())
    staged.write("b.html", b"rendered again")
    with pytest.raises(SitegenError, match="two pages would be written to a.html"):
        staged.write("a.html", b"x")
    assert staged.size("a.html") == len(b"rendered before")
    staged.publish()
    assert tree(out) == {"a.html": b"rendered before", "b.html": b"rendered again"}


def test_keep_trusts_a_file_that_still_has_its_stamp_and_checks_the_bytes_of_one_that_changed(tmp_path):
    out = tmp_path / "site"
    site(out, {"a.html": b"rendered before", "b.html": b"rendered before"})
    stamps = {name: stamp_of(out / name) for name in ("a.html", "b.html")}
    with open(out / "b.html", "r+b") as f:  # edited in place, the same size: a new modification time
        f.write(b"RENDERED")
    os.utime(out / "b.html", ns=(1, stamps["b.html"][2] + 1))
    staged = StagedSite(out)
    # The sha256 is not even looked at while the stamp holds: the file was not read.
    assert staged.keep("a.html", "not the sha256 of anything", stamps["a.html"])
    assert staged.stamp("a.html") == stamps["a.html"]  # the same file, left where it is
    assert not staged.keep("b.html", hashlib.sha256(b"rendered before").hexdigest(), stamps["b.html"])
    staged.write("b.html", b"rendered again")
    staged.publish()
    assert (out / "b.html").read_bytes() == b"rendered again"
    assert stamp_of(out / "a.html") == stamps["a.html"]


CUT_SHORT = """
import os, sys
from pathlib import Path
from sitegen.site.write import StagedSite

out = Path(sys.argv[1])
staged = StagedSite(out)
staged.write("keep.html", b"same")
for n in range(5):
    staged.write(f"issue/{n}/index.html", b"new %d" % n)
rename, moved = os.replace, []

def replace(src, dst, *args, **kwargs):
    rename(src, dst, *args, **kwargs)
    if str(dst).startswith(str(out) + "/"):
        moved.append(dst)
        if len(moved) == 2:
            os._exit(9)  # the machine goes down: nothing runs after this

os.replace = replace
staged.publish()
"""


def test_a_publish_cut_short_is_finished_by_the_next_build(tmp_path):
    """The process dies between two moves (a kill -9, a power cut): the next build finds the journal the
    publish wrote into its staging folder and finishes it before it reads the site."""
    out = tmp_path / "site"
    site(out, {"keep.html": b"same", "issue/0/index.html": b"old 0", "issue/9/index.html": b"removed issue"})
    done = subprocess.run([sys.executable, "-c", CUT_SHORT, str(out)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    half = tree(out)
    assert half["issue/0/index.html"] == b"new 0" and "issue/4/index.html" not in half  # half-way
    [staging] = [p for p in tmp_path.iterdir() if ".new-" in p.name]
    staged = StagedSite(out)  # the next build
    assert tree(out) == {"keep.html": b"same", **{f"issue/{n}/index.html": b"new %d" % n for n in range(5)}}
    assert not staging.exists()
    staged.discard()
    assert settled(tmp_path) == ["site"]


def test_a_file_where_the_site_goes_is_replaced_by_the_site(tmp_path):
    out = tmp_path / "site"
    out.write_text("not a site")
    staged = StagedSite(out)
    staged.write("index.html", b"home")
    staged.publish()
    assert tree(out) == {"index.html": b"home"}
