"""Progress of a build: a bar on a terminal, plain lines in a log, nothing with -q; one summary line."""
from __future__ import annotations

import io
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from sitegen.engine import progress as progress_module
from sitegen.engine.progress import Progress

PHASES = ["read", "classify", "plan", "render", "search", "publish"]
SUMMARY = re.compile(r"^Built 2 issues, \d+ articles, \d+ pages: \d+ written, \d+ unchanged, \d+ removed; "
                     r"\d+ warnings, 0 errors in \d+\.\d s$")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    for name in ("002_17d5a1e15a32e4e6.txt", "004_d06402ef3af53803.txt"):
        shutil.copy(SEEDS / name, tmp_path / "seeds")
    return tmp_path


def run_cli(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen.cli", *args], cwd=cwd, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, **kwargs)


def test_a_log_gets_one_plain_line_per_phase_and_a_summary(project):
    done = run_cli("build", cwd=project, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr and "\x1b" not in done.stderr
    lines = [ln for ln in done.stderr.splitlines() if not ln.startswith("warning: ")]
    assert [ln.split(":")[0] for ln in lines] == PHASES
    assert lines[0] == f"read: 2 files in {lines[0].rsplit(' ', 2)[1]} s"
    assert re.fullmatch(r"render: \d+ pages in \d+\.\d s", lines[3])
    [summary] = done.stdout.splitlines()
    assert SUMMARY.match(summary), summary


def test_quiet_prints_only_warnings_and_errors(project):
    done = run_cli("build", "-q", cwd=project, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert all(ln.startswith("warning: ") for ln in done.stderr.splitlines())
    (project / "seeds" / "empty.txt").write_bytes(b"")
    failed = run_cli("build", "-q", cwd=project, capture_output=True)
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.startswith("error: the build stopped; nothing was written:\n  seeds/empty.txt: the file is empty")


def test_a_terminal_gets_a_bar_per_phase(project):
    """stderr is a real pseudo-terminal here, as when a keeper runs the build by hand."""
    main, other = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "sitegen.cli", "build"], cwd=project, stdout=subprocess.PIPE,
                            stderr=other, env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True)
    os.close(other)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 300)
        assert ready, "no output from the build for 5 minutes"
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the build ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    stdout, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    shown = b"".join(chunks).decode("utf-8")
    assert "\r" in shown and ("█" in shown or "░" in shown)  # the bar, redrawn in place
    final = [ln.rsplit("\r", 1)[-1].replace("\x1b[K", "") for ln in shown.replace("\r\n", "\n").split("\n")]
    assert [ln.split(":")[0] for ln in final if ln and not ln.startswith("warning: ")] == PHASES
    assert SUMMARY.match(stdout.strip()), stdout


def test_a_long_phase_writes_a_line_now_and_then_in_a_log(monkeypatch):
    monkeypatch.setattr(progress_module, "LOG_EVERY_S", 0.0)
    out = io.StringIO()
    p = Progress(out, tty=False)
    p.phase("render", 3, "pages")
    p.advance()
    p.advance()
    p.end()
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["render: 1/3 pages …", "render: 2/3 pages …"]
    assert re.fullmatch(r"render: 2/3 pages in \d+\.\d s", lines[2])


def test_a_bar_fills_as_items_are_done(monkeypatch):
    monkeypatch.setattr(progress_module, "REDRAW_S", 0.0)
    out = io.StringIO()
    p = Progress(out, tty=True)
    p.phase("read", 4, "files")
    for _ in range(4):
        p.advance()
    p.end()
    frames = out.getvalue().split("\r")
    assert "read     ░░░░░░░░░░░░░░░░░░░░░░░░ 0/4 files\x1b[K" in frames
    assert "read     ██████░░░░░░░░░░░░░░░░░░ 1/4 files\x1b[K" in frames
    assert "read     ████████████████████████ 4/4 files\x1b[K" in frames
    assert re.fullmatch(r"read: 4 files in \d+\.\d s\x1b\[K\n", frames[-1])
