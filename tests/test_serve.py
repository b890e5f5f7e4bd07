"""`sitegen serve`: the served site follows the seeds, and a failed rebuild keeps the last good site."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import SEEDS

ISSUE = "002_17d5a1e15a32e4e6.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode("utf-8")


def wait_for(predicate, seconds: float = 30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out waiting for the served site")


@pytest.fixture
def server(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / ISSUE, seeds)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen.cli", "serve", "--port", str(port)],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/shijingshan-bao/2020-04-16/"
    try:
        wait_for(lambda: fetch(url))
        yield seeds / ISSUE, url, proc
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_shows_a_changed_seed_and_injects_live_reload(server):
    seed, url, _ = server
    page = fetch(url)
    assert "快递管理精细化" in page
    assert "livereload" in page
    seed.write_text(seed.read_text(encoding="utf-8").replace("快递管理精细化", "快递管理更精细"), encoding="utf-8")
    wait_for(lambda: "快递管理更精细" in fetch(url))


@pytest.mark.browser
def test_a_failed_rebuild_keeps_the_last_good_site_and_says_why(server, page):
    seed, url, proc = server
    good = fetch(url)
    (seed.parent / "broken.txt").write_bytes(b"")
    wait_for(lambda: "broken.txt" in fetch(url.rsplit("/", 3)[0] + "/__sitegen__/status.txt"))
    assert fetch(url) == good
    page.goto(url)
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "重建失败" in alert.inner_text() and "broken.txt: the file is empty" in alert.inner_text()
    assert page.locator("h1").inner_text().startswith("石景山报")
    seed.parent.joinpath("broken.txt").unlink()
    wait_for(lambda: fetch(url.rsplit("/", 3)[0] + "/__sitegen__/status.txt").startswith("ok"))


def test_serve_follows_an_added_issue_and_the_settings_file(server):
    seed, url, _ = server
    root = url.rsplit("/", 3)[0] + "/"
    new_issue = root + "shijingshan-bao/2020-12-03/"
    later = seed.read_text(encoding="utf-8").replace("2020年4月16日 星期四", "2020年12月3日 星期四")
    (seed.parent / "新的 一期.txt").write_text(later, encoding="utf-8")
    wait_for(lambda: 'href="/shijingshan-bao/2020-12-03/"' in fetch(root))  # the home page lists it
    assert "快递管理精细化" in fetch(new_issue)

    settings = seed.parent.parent / "sitegen.toml"
    settings.write_text('title = "石景山报档案（预览）"\n', encoding="utf-8")
    wait_for(lambda: "石景山报档案（预览）" in fetch(url))
    settings.write_bytes('title = "坏的'.encode("gb18030"))
    status = root + "__sitegen__/status.txt"
    wait_for(lambda: "sitegen.toml:1: the settings file is not UTF-8" in fetch(status))
    assert "石景山报档案（预览）" in fetch(url)  # the last good site stays
    settings.write_text('title = "北京区报档案"\n', encoding="utf-8")
    wait_for(lambda: fetch(status).startswith("ok") and "石景山报档案（预览）" not in fetch(url))


def test_serve_stops_on_sigterm_with_a_word_and_nothing_left(server):
    _, url, proc = server
    proc.terminate()
    assert proc.wait(10) == 143
    assert proc.stdout.read().rstrip().endswith("interrupted")
    with pytest.raises(OSError):
        fetch(url)


def test_a_preview_rebuild_publishes_by_the_list_of_files_it_recorded(tmp_path, monkeypatch):
    """A preview site says "ok" in a file of its own build, not in one written after publishing: so the
    site's folder stays as its manifest recorded it, and the next rebuild takes the list of its files from
    there instead of listing the whole site (what would grow with the archive)."""
    import contextlib
    from pathlib import Path

    from sitegen.config import Config
    from sitegen.engine.cache import Kept
    from sitegen.serve import rebuild
    from sitegen.site import write

    shutil.copytree(SEEDS, tmp_path / "seeds")
    options = Config(seeds_dir=Path("seeds"), out_dir=Path("site"), cache_dir=Path(".sitegen-cache"))
    kept = Kept()
    listed: list[tuple[str, object]] = []
    list_files = write.list_files
    monkeypatch.setattr(write, "list_files", lambda root, names=None: listed.append((Path(root).name, names))
                        or list_files(root, names))
    with contextlib.chdir(tmp_path):
        assert rebuild(options, kept=kept) is None
        assert (tmp_path / "site" / "__sitegen__" / "status.txt").read_text(encoding="utf-8") == "ok\n"
        listed.clear()
        (tmp_path / "seeds" / "zz_copy.txt").write_bytes(next((tmp_path / "seeds").glob("*.txt")).read_bytes())
        assert rebuild(options, kept=kept) is None
    assert ("site", None) not in listed  # the whole site never listed
    assert (tmp_path / "site" / "__sitegen__" / "status.txt").read_text(encoding="utf-8") == "ok\n"


def test_an_issue_moved_in_with_an_old_modification_time_is_built(server):
    """Moving a file keeps its modification time: an issue digitized long ago still counts as new."""
    seed, url, _ = server
    root = url.rsplit("/", 3)[0] + "/"
    later = seed.read_text(encoding="utf-8").replace("2020年4月16日 星期四", "2020年12月3日 星期四")
    outside = seed.parent.parent / "downloaded.txt"
    outside.write_text(later, encoding="utf-8")
    os.utime(outside, (1_500_000_000, 1_500_000_000))  # 2017
    outside.rename(seed.parent / "downloaded.txt")
    wait_for(lambda: 'href="/shijingshan-bao/2020-12-03/"' in fetch(root))


@pytest.mark.browser
def test_an_open_page_reloads_by_itself_for_each_change(server, page):
    """The reader's page follows each rebuild: one change, and another right after it."""
    seed, url, _ = server
    root = url.rsplit("/", 3)[0] + "/"
    page.goto(root)
    page.wait_for_function("() => !!window.LiveReload && window.LiveReload.connector._isSocketConnected()")
    for n, (month, day) in enumerate([(12, 3), (12, 10)], start=1):
        later = seed.read_text(encoding="utf-8").replace("2020年4月16日", f"2020年{month}月{day}日")
        (seed.parent / f"later-{n}.txt").write_text(later, encoding="utf-8")
        page.wait_for_selector(f'a[href="/shijingshan-bao/2020-{month:02d}-{day:02d}/"]', timeout=30_000)
