import pytest

from sitegen.model import SitegenError
from sitegen.write import StagedSite


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
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folders left behind


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
