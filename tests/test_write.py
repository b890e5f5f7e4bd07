import hashlib
import os
import time

import pytest

from sitegen.errors import SitegenError
from sitegen.site.write import StagedSite, previous_site_files, stamp_of


def settled(folder, timeout: float = 30) -> list[str]:
    """What folder holds once the old sites the last publish handed to a process of their own are gone."""
    deadline = time.monotonic() + timeout
    while any(".old-" in p.name for p in folder.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)
    return sorted(p.name for p in folder.iterdir())


def test_publish_replaces_the_old_site_and_counts_changes(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.html").write_text("same")
    (out / "gone.html").write_text("old issue")
    (out / "changed.html").write_text("old")
    staged = StagedSite(out)
    staged.write("keep.html", b"same")
    staged.write("changed.html", b"new")
    staged.write("a/new.html", b"new page")
    summary = staged.publish()
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["changed.html", "keep.html", "new.html"]
    assert (summary.written, summary.unchanged, summary.removed) == (2, 1, 1)
    assert settled(tmp_path) == ["site"]  # no staging folder, and the old site gone


def test_old_sites_a_stopped_removal_left_are_removed_by_the_next_publish(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old")
    left = tmp_path / ".site.old-x1y2z3"  # the machine went down while it was being removed
    (left / "a").mkdir(parents=True)
    (left / "a" / "index.html").write_text("older")
    other = tmp_path / ".other.old-x1y2z3"  # another site's, beside it
    other.mkdir()
    staged = StagedSite(out)
    staged.write("index.html", b"new")
    staged.publish()
    assert settled(tmp_path) == [".other.old-x1y2z3", "site"]
    assert (out / "index.html").read_text() == "new"


def test_the_count_of_the_previous_sites_files_is_trusted_only_while_its_folder_is_as_published(tmp_path):
    """The number of files published is kept for the next build, which then need not count them; a file
    added at the site's top since (or another folder in its place) makes it count them again."""
    out = tmp_path / "site"
    staged = StagedSite(out)
    for name in ("a.html", "b.html", "c/index.html"):
        staged.write(name, b"page")
    summary = staged.publish()
    published = (summary.files, stamp_of(out))
    assert previous_site_files(out, published) == 3
    staged = StagedSite(out)
    staged.write("a.html", b"page")
    staged.write("c/index.html", b"changed")
    summary = staged.publish(previous_files=previous_site_files(out, published))
    assert (summary.written, summary.unchanged, summary.removed, summary.files) == (1, 1, 1, 2)
    published = (summary.files, stamp_of(out))
    time.sleep(0.05)  # beyond the file system's clock tick
    (out / "by-hand.html").write_text("added by hand")
    assert previous_site_files(out, published) is None
    staged = StagedSite(out)
    staged.write("a.html", b"page")
    summary = staged.publish(previous_files=previous_site_files(out, published))
    assert (summary.written, summary.unchanged, summary.removed) == (0, 1, 2)  # c/index.html and by-hand.html
    assert settled(tmp_path) == ["site"]


def test_discard_leaves_the_old_site_untouched(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old")
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


def test_unchanged_files_keep_their_modification_time(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "same.html").write_bytes(b"same")
    (out / "changed.html").write_bytes(b"old")
    os.utime(out / "same.html", ns=(1_000_000_000, 1_000_000_000))
    os.utime(out / "changed.html", ns=(1_000_000_000, 1_000_000_000))
    staged = StagedSite(out)
    staged.write("same.html", b"same")
    staged.write("changed.html", b"new")
    summary = staged.publish()
    assert (out / "same.html").stat().st_mtime_ns == 1_000_000_000
    assert (out / "changed.html").stat().st_mtime_ns > 1_000_000_000
    assert (out / "changed.html").read_bytes() == b"new"
    assert (summary.written, summary.unchanged, summary.removed) == (1, 1, 0)


def test_files_written_straight_into_the_staged_folder_are_compared_too(tmp_path):
    """The search bundle is written by Pagefind, not through write(); some of it is hard-linked from a cache."""
    out = tmp_path / "site"
    (out / "pagefind").mkdir(parents=True)
    (out / "pagefind" / "same.pf").write_bytes(b"index")
    (out / "pagefind" / "linked.pf").write_bytes(b"cached")
    os.utime(out / "pagefind" / "same.pf", ns=(1_000_000_000, 1_000_000_000))
    staged = StagedSite(out)
    (staged.root / "pagefind").mkdir()
    (staged.root / "pagefind" / "same.pf").write_bytes(b"index")
    os.link(out / "pagefind" / "linked.pf", staged.root / "pagefind" / "linked.pf")
    (staged.root / "pagefind" / "new.pf").write_bytes(b"new")
    summary = staged.publish()
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == ["linked.pf", "new.pf", "same.pf"]
    assert (out / "pagefind" / "same.pf").stat().st_mtime_ns == 1_000_000_000
    assert (summary.written, summary.unchanged, summary.removed) == (1, 2, 0)


def test_keep_takes_the_previous_file_only_if_its_bytes_are_the_expected_ones(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "a.html").write_bytes(b"rendered before")
    (out / "b.html").write_bytes(b"edited by hand")
    staged = StagedSite(out)
    assert staged.keep("a.html", hashlib.sha256(b"rendered before").hexdigest())
    assert not staged.keep("b.html", hashlib.sha256(b"rendered before").hexdigest())
    assert not staged.keep("missing.html", hashlib.sha256(b"").hexdigest())
    staged.write("b.html", b"rendered again")
    with pytest.raises(SitegenError, match="two pages would be written to a.html"):
        staged.write("a.html", b"x")
    staged.publish()
    assert (out / "a.html").read_bytes() == b"rendered before"
    assert (out / "b.html").read_bytes() == b"rendered again"


def test_keep_trusts_a_file_that_still_has_its_stamp_and_checks_the_bytes_of_one_that_changed(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "a.html").write_bytes(b"rendered before")
    (out / "b.html").write_bytes(b"rendered before")
    stamps = {name: (os.stat(out / name).st_ino, os.stat(out / name).st_size, os.stat(out / name).st_mtime_ns)
              for name in ("a.html", "b.html")}
    with open(out / "b.html", "r+b") as f:  # edited in place, the same size: a new modification time
        f.write(b"RENDERED")
    os.utime(out / "b.html", ns=(1, stamps["b.html"][2] + 1))
    staged = StagedSite(out)
    # The sha256 is not even looked at while the stamp holds: the file was not read.
    assert staged.keep("a.html", "not the sha256 of anything", stamps["a.html"])
    assert staged.stamp("a.html") == stamps["a.html"]  # a hard link: the same file
    assert not staged.keep("b.html", hashlib.sha256(b"rendered before").hexdigest(), stamps["b.html"])
    staged.write("b.html", b"rendered again")
    staged.publish()
    assert (out / "b.html").read_bytes() == b"rendered again"
