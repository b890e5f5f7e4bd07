"""Faults of the machine around a build, met as a keeper's machine or a CI runner meets them: a disk that
fills, a folder that cannot be written, a port another program holds. Each ends in one message that
names the place, the error in words and what to do, exit 1, no traceback; the previous site stays byte
for byte as it was, no staging folder is left, and once the fault is cleared the next build succeeds.

The disk and the read-only folder are small filesystems of the test's own (tmpfs mounts: root only;
elsewhere those tests are skipped)."""
from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from sitegen import files
from sitegen.cli import main
from sitegen.config import Config
from sitegen.engine.build import build as build_site
from sitegen.serve import free_port
from support import read_catalog


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def disk(tmp_path):
    """A 16 MB filesystem of the test's own, unmounted after."""
    where = tmp_path / "disk"
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(where)], capture_output=True,
                          text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a filesystem here: {done.stderr.strip()}")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=True)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A keeper's project folder (the cache lands here, not in the repository) with the seeds."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def build(out: Path, capfd) -> tuple[int, str]:
    code = main(["build", "-q", "--seeds", "seeds", "--out", str(out)])
    return code, capfd.readouterr().err


def edit_every_issue(seeds: Path) -> None:
    """A change that every page shows: each issue's text is different."""
    for path in seeds.glob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8").replace("。", "！", 3), encoding="utf-8")


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("warning: ")]


def test_a_full_disk_is_said_and_leaves_the_site_as_it_was(project, disk, capfd):
    out = disk / "site"
    assert build(out, capfd)[0] == 0
    before = tree(out)
    free_kb = shutil.disk_usage(disk).free // 1024
    (disk / "filler").write_bytes(b"\0" * ((free_kb - 64) * 1024))  # 64 KB left: far less than a site
    edit_every_issue(project / "seeds")
    code, stderr = build(out, capfd)
    assert code == 1
    assert errors(stderr) == [f"error: {out}: No space left on device; free some space on that disk (or choose "
                              "another --out) and build again"]
    assert tree(out) == before
    assert not [p for p in disk.iterdir() if ".new-" in p.name]  # no staging folder left
    (disk / "filler").unlink()
    assert build(out, capfd)[0] == 0
    assert tree(out) != before


def test_a_read_only_folder_is_said_and_leaves_the_site_as_it_was(project, disk, capfd):
    out = disk / "site"
    assert build(out, capfd)[0] == 0
    before = tree(out)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    edit_every_issue(project / "seeds")
    code, stderr = build(out, capfd)
    assert code == 1
    assert errors(stderr) == [f"error: {out}: Read-only file system; choose another --out, on a disk that can be "
                              "written, and build again"]
    assert tree(out) == before
    subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    assert build(out, capfd)[0] == 0
    assert tree(out) != before


def test_a_taken_port_is_said_before_anything_is_built(project, capfd):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "-q", "--seeds", "seeds", "--out", "site", "--port", str(port)])
    assert code == 1
    assert capfd.readouterr().err == (f"error: port {port} on 127.0.0.1: Address already in use; another program uses "
                                      "that port: choose another --port, or --port 0 for any free one\n")
    assert not (project / "site").exists()


def test_port_0_is_any_free_port():
    port = free_port(0)
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))  # free indeed
    assert port > 0



def test_a_full_cache_only_costs_time(project, disk, capfd, monkeypatch):
    """The cache on a disk with no room left: the build says so, once a kind of entry, and goes on."""
    monkeypatch.setattr(files, "CACHE_LEAVES_FREE", 0)  # a disk that fills, not one the cache keeps off
    free_kb = shutil.disk_usage(disk).free // 1024
    (disk / "filler").write_bytes(b"\0" * ((free_kb - 8) * 1024))
    result = build_site(Config(seeds_dir=Path("seeds"), out_dir=Path("site"), cache_dir=disk / "cache"))
    stderr = capfd.readouterr().err
    warned = [line for line in stderr.splitlines() if "cannot " in line or "not keeping" in line]
    assert warned and all("No space left on device" in line or "MB left" in line for line in warned), stderr
    assert len(warned) < 10  # not one a file
    assert "Traceback" not in stderr
    catalog = read_catalog(project / "site")
    assert len(catalog["articles"]) == sum(len(i.articles) for i in result.issues) > 0
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()


def test_the_cache_keeps_off_the_room_the_site_needs(project, disk, capfd):
    """Site and cache on one small disk (16 MB, less than the cache leaves free, 64 MB): the cache keeps nothing
    there, says so once a kind of entry, and build after build the site has the room it needs."""
    for _ in range(3):
        edit_every_issue(project / "seeds")
        build_site(Config(seeds_dir=Path("seeds"), out_dir=disk / "site", cache_dir=disk / "cache"))
        stderr = capfd.readouterr().err
        warned = [line for line in stderr.splitlines() if "not keeping" in line]
        reserve = f"{files.CACHE_LEAVES_FREE // 2**20} MB left, which the site needs"
        assert warned and all(reserve in line for line in warned), stderr
        assert len(warned) < 10 and "Traceback" not in stderr
        assert (disk / "site" / "pagefind" / "pagefind.js").is_file()
        assert [p for p in (disk / "cache").rglob("*") if p.is_file()] == []


def test_room_for_a_cache_entry_leaves_the_disk_its_reserve(tmp_path, monkeypatch):
    free = files.CACHE_LEAVES_FREE + 45 * 2**20
    monkeypatch.setattr(files.shutil, "disk_usage", lambda where: shutil._ntuple_diskusage(10 * free, 0, free))
    assert files.room_for(tmp_path / "not" / "made" / "yet", 40 * 2**20)
    assert not files.room_for(tmp_path, 50 * 2**20)


def test_two_builds_into_one_folder_at_once_give_one_whole_site(project, tmp_path):
    """A keeper's build beside `sitegen serve`'s, or two CI jobs: a build started while another writes the
    same folder waits for it, then publishes its own whole site, byte for byte."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    big, other = tmp_path / "big", tmp_path / "other"
    generate.generate(60, big / "seeds")  # long enough to be caught writing
    shutil.copytree(project / "seeds", other / "seeds")
    edit_every_issue(other / "seeds")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def start(folder: Path, out: Path) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "sitegen", "build", "-q", "--seeds", str(folder / "seeds"),
                                 "--out", str(out)], cwd=folder, env=env, stderr=subprocess.PIPE, text=True)

    alone = start(other, tmp_path / "alone")
    assert alone.wait() == 0, alone.stderr.read()
    shared = tmp_path / "shared"
    first = start(big, shared)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".shared.new-*")):  # the first build is writing the site
        assert first.poll() is None and time.monotonic() < deadline, "the first build never started writing"
        time.sleep(0.01)
    # Held where it is (and its lock with it) until the second build says it waits: however fast the
    # machine, the first is still writing when the second starts.
    os.kill(first.pid, signal.SIGSTOP)
    try:
        second = start(other, shared)
        waiting = f"another build is writing in {tmp_path}: waiting for it to finish"
        early = []  # what the second build said until it waited
        while not any(waiting in line for line in early):
            assert second.poll() is None and time.monotonic() < deadline, ("the second build did not wait", early)
            if select.select([second.stderr], [], [], 0.1)[0]:
                early.append(second.stderr.readline())
    finally:
        os.kill(first.pid, signal.SIGCONT)
    said = [(proc.wait(), proc.stderr.read()) for proc in (first, second)]
    assert [code for code, _ in said] == [0, 0], (said, early)
    assert tree(shared) == tree(tmp_path / "alone")  # the last to publish, whole
    assert not [p for p in tmp_path.iterdir() if ".new-" in p.name]


def marked(mark: str) -> list[int]:
    """The processes alive whose environment holds mark (a build and everything it started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def pagefind_running(mark: str) -> bool:
    for pid in marked(mark):
        try:
            if b"pagefind" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]:
                return True
        except OSError:
            continue
    return False


def handles_sigterm(pid: int) -> bool:
    """Whether the process has a handler of its own for SIGTERM (its SigCgt mask in /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
    return bool(caught >> (signal.SIGTERM - 1) & 1)


def test_a_build_stopped_in_any_phase_leaves_the_site_and_no_process_behind(tmp_path):
    """Stopped by SIGTERM while reading, while rendering and while Pagefind indexes, and by SIGINT while
    Pagefind indexes: each time it says so and ends at once with 128 + the signal, the previous site
    byte for byte as it was, no staging folder, no process of it left; the next build succeeds."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    generate.generate(60, tmp_path / "seeds")
    out = tmp_path / "site"

    def start(mark: str) -> subprocess.Popen:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SITEGEN_TEST_MARK": mark}
        return subprocess.Popen([sys.executable, "-m", "sitegen", "build", "--seeds", "seeds", "--out", "site"],
                                cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    assert start(f"{tmp_path}-first").wait() == 0
    before = tree(out)
    edit_every_issue(tmp_path / "seeds")
    shutil.rmtree(tmp_path / ".sitegen-cache")  # every phase has work to do again
    phases = {
        # Once it takes SIGTERM itself (before that, a signal kills Python as any process): it reads for seconds.
        "read": lambda mark, lines: handles_sigterm(build.pid),
        "render": lambda mark, lines: any(line.startswith("plan:") for line in lines),
        "search": lambda mark, lines: pagefind_running(mark),
    }
    stops = [("read", signal.SIGTERM), ("render", signal.SIGTERM), ("search", signal.SIGTERM),
             ("search", signal.SIGINT)]
    for phase, signum in stops:
        reached = phases[phase]
        mark = f"{tmp_path}-{phase}-{signum}"
        build = start(mark)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(build.stderr), daemon=True)
        reader.start()
        deadline = time.monotonic() + 120
        while not reached(mark, lines):
            assert build.poll() is None and time.monotonic() < deadline, f"the build never reached {phase}: {lines}"
            time.sleep(0.02)
        time.sleep(0.3 if phase == "read" else 0)
        build.send_signal(signum)
        stopped = time.monotonic()
        assert build.wait(timeout=30) == 128 + signum, (phase, lines)
        assert time.monotonic() - stopped < 10, f"stopping took {time.monotonic() - stopped:.1f} s"
        reader.join(timeout=10)
        assert lines[-1] == "interrupted\n" and not any("Traceback" in line for line in lines), (phase, lines)
        assert tree(out) == before, phase
        assert not [p.name for p in tmp_path.iterdir() if ".new-" in p.name], phase
        deadline = time.monotonic() + 5
        while marked(mark) and time.monotonic() < deadline:  # the kernel ends the killed ones at once
            time.sleep(0.05)
        assert marked(mark) == [], f"processes left after stopping in {phase}"
    assert start(f"{tmp_path}-last").wait() == 0
    assert tree(out) != before


STOPPED_WHILE_PUBLISHING = """
import os, signal, sys
from pathlib import Path
from sitegen.cli import main

rename, site = os.replace, str(Path("site").resolve()) + "/"

def replace(src, dst, *args, **kwargs):
    rename(src, dst, *args, **kwargs)
    if str(dst).startswith(site):  # the first file moved into the site, the others not yet
        os.replace = rename
        os.kill(os.getpid(), signal.SIGTERM)

os.replace = replace
sys.exit(main(["build", "-q", "--seeds", "seeds", "--out", "site"]))
"""


def test_a_stop_while_the_new_site_is_moved_in_leaves_one_whole_site(project, tmp_path):
    """SIGTERM between two files moved into the site: the publish ends first (else the site would be half new
    until the next build), then the build stops as told, with the new site whole and nothing left beside it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert main(["build", "-q", "--seeds", "seeds", "--out", "site"]) == 0
    edit_every_issue(project / "seeds")
    assert main(["build", "-q", "--seeds", "seeds", "--out", str(tmp_path / "clean")]) == 0
    done = subprocess.run([sys.executable, "-c", STOPPED_WHILE_PUBLISHING], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 128 + signal.SIGTERM and done.stderr.splitlines()[-1] == "interrupted", done.stderr
    assert "Traceback" not in done.stderr
    assert tree(project / "site") == tree(tmp_path / "clean")
    assert not [p.name for p in project.iterdir() if ".new-" in p.name]
    deadline = time.monotonic() + 30  # what is left of the staging folder goes in a process the build does not wait for
    while [p.name for p in project.iterdir() if ".old-" in p.name] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [p.name for p in project.iterdir() if ".old-" in p.name] == []


KILLED_WHILE_PUBLISHING = """
import os, sys
from pathlib import Path
from sitegen.cli import main

rename, site, moved = os.replace, str(Path("site").resolve()) + "/", []

def replace(src, dst, *args, **kwargs):
    rename(src, dst, *args, **kwargs)
    if str(dst).startswith(site):
        moved.append(dst)
        if len(moved) == 3:
            os._exit(9)  # the machine goes down: nothing runs after this

os.replace = replace
sys.exit(main(["build", "-q", "--seeds", "seeds", "--out", "site"]))
"""


def test_a_build_killed_while_publishing_is_finished_by_the_next(project, tmp_path, caplog):
    """A power cut between two files moved into the site: the next build finishes that publish from its
    journal before it looks at the site, then builds on it as on any other; its site is a clean build's."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert main(["build", "-q", "--seeds", "seeds", "--out", "site"]) == 0
    edit_every_issue(project / "seeds")
    killed = subprocess.Popen([sys.executable, "-c", KILLED_WHILE_PUBLISHING], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    assert killed.wait(timeout=300) == 9
    os.killpg(killed.pid, signal.SIGKILL)  # and every process it started goes down with it
    assert [p.name for p in project.iterdir() if ".new-" in p.name]  # the journal is in it
    (project / "seeds" / sorted(p.name for p in (project / "seeds").glob("*.txt"))[0]).unlink()  # and one more change
    assert main(["build", "-q", "--seeds", "seeds", "--out", "site"]) == 0
    assert f"warning: the last publish into {project / 'site'} was cut short; finishing it" in caplog.messages
    assert main(["build", "-q", "--seeds", "seeds", "--out", str(tmp_path / "clean")]) == 0
    assert tree(project / "site") == tree(tmp_path / "clean")
    assert not [p.name for p in project.iterdir() if ".new-" in p.name]
