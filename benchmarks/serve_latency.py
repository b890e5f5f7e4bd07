"""What a keeper waits for in `sitegen serve`: from an issue file landing in seeds/ to the open page showing it.

    .venv/bin/python benchmarks/serve_latency.py                                   # 300 issues, 5 changes
    .venv/bin/python benchmarks/serve_latency.py --issues 500 2000 --changes 5 --before main

For each archive size (made by generate.py) and each sitegen version: the archive without its newest file
is built once with `sitegen build` (serve then starts from a warm cache, as on a keeper's machine), then
`sitegen serve` runs on it and Chromium (Debian's /usr/bin/chromium, through Playwright) opens its home
page and waits for the live-reload connection. Then, --changes times: the newest issue is moved into
seeds/ (a rename, as a file moved or saved in arrives) and the time until the open page, reloaded by
itself, links to the new issue is taken; then the file is moved out and the time until the link is gone.
Everything is in these times: the watcher seeing the file, the rebuild, the reload message and the
browser loading the page again. Prints each time, the rebuild's own time as serve reports it, and the
medians. Versions take turns, archive size by archive size.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from rebuild import ROOT, SETTLE_SECONDS, newest_issue, versions  # benchmarks/ is on the path when this script runs

CHROMIUM = "/usr/bin/chromium"
BUILT_IN = re.compile(r" in ([\d.]+) s$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_served(url: str, proc: subprocess.Popen, seconds: float = 1800) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"sitegen serve stopped (exit {proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"{url} was not served within {seconds} s")


def rebuild_seconds(log: Path, after: int) -> float | None:
    """The time serve reports for the last rebuild it finished past byte `after` of its output."""
    lines = [line for line in log.read_bytes()[after:].decode("utf-8", "replace").splitlines()
             if line.startswith("Built ")]
    found = BUILT_IN.search(lines[-1]) if lines else None
    return float(found.group(1)) if found else None


def measure(work: Path, issues: int, changes: int, sources: dict[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    archive = work / f"archive-{issues}"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--issues", str(issues),
                    "--out", str(archive)], check=True, capture_output=True)
    newest = newest_issue(sorted(archive.glob("*.txt")))
    print(f"\narchive: {issues} issues (the issue moved in and out: {newest.name}); {changes} changes", flush=True)
    results: dict[str, dict[str, list[float]]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, src in sources.items():
            project = work / f"project-{issues}"
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(archive, project / "seeds", ignore=shutil.ignore_patterns(newest.name))
            time.sleep(SETTLE_SECONDS)
            aside = project / "aside"
            aside.mkdir()
            shutil.copy(newest, aside / newest.name)
            env = {**os.environ, "PYTHONPATH": str(src)}
            subprocess.run([sys.executable, "-m", "sitegen.cli", "build", "-q"], cwd=project, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            port = free_port()
            log = project / "serve.log"
            with open(log, "wb") as out:
                proc = subprocess.Popen([sys.executable, "-m", "sitegen.cli", "serve", "--port", str(port)],
                                        cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
            figures: dict[str, list[float]] = {"shown": [], "gone": [], "rebuild in": [], "rebuild out": []}
            try:
                root = f"http://127.0.0.1:{port}/"
                wait_until_served(root, proc)
                page = browser.new_page()
                page.goto(root)
                page.wait_for_function("() => !!window.LiveReload && window.LiveReload.connector._isSocketConnected()")
                time.sleep(1)
                before = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
                selector = None
                for n in range(changes):
                    for way in ("shown", "gone"):
                        at = log.stat().st_size
                        started = time.perf_counter()
                        if way == "shown":  # touched first: older sitegens saw no file older than the server
                            os.utime(aside / newest.name)
                            os.rename(aside / newest.name, project / "seeds" / newest.name)
                        else:
                            os.rename(project / "seeds" / newest.name, aside / newest.name)
                        if selector is None:  # the first time: which link is the new issue's
                            handle = page.wait_for_function(
                                "old => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
                                ".find(h => !old.includes(h) && /\\d{4}-\\d{2}-\\d{2}\\/$/.test(h))",
                                arg=before, timeout=600_000)
                            selector = f'a[href="{handle.json_value()}"]'
                        else:
                            page.wait_for_selector(selector, state="attached" if way == "shown" else "detached",
                                                   timeout=600_000)
                        seconds = time.perf_counter() - started
                        time.sleep(0.5)  # let serve print its line
                        built = rebuild_seconds(log, at)
                        figures[way].append(seconds)
                        if built is not None:
                            figures["rebuild " + ("in" if way == "shown" else "out")].append(built)
                        print(f"{name}: change {n + 1}, issue {'moved in' if way == 'shown' else 'moved out'}: "
                              f"page showed it after {seconds:.2f} s (serve's rebuild {built} s)", flush=True)
                        time.sleep(1)
                page.close()
            finally:
                proc.terminate()
                proc.wait(30)
            results[name] = figures
        browser.close()
    for name, figures in results.items():
        print(f"{issues} issues, {name}: median from the file landing to the page showing it: "
              f"{statistics.median(figures['shown']):.2f} s (serve's rebuild "
              f"{statistics.median(figures['rebuild in'] or [0]):.2f} s); from the file leaving to the link gone: "
              f"{statistics.median(figures['gone']):.2f} s (rebuild {statistics.median(figures['rebuild out'] or [0]):.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--issues", type=int, nargs="+", default=[300], help="archive sizes, in issues (default 300)")
    ap.add_argument("--changes", type=int, default=5, help="times the issue is moved in and out (default 5)")
    ap.add_argument("--dir", type=Path, default=Path("/dev/shm/sitegen-serve"),
                    help="work folder, emptied first (default: /dev/shm/sitegen-serve)")
    ap.add_argument("--before", metavar="COMMIT", help="also time this commit's sitegen, beside this one")
    ap.add_argument("--sitegen-src", type=Path, nargs="+", metavar="DIR",
                    help="source trees of the sitegen versions to time (default: this checkout)")
    args = ap.parse_args()
    work = args.dir
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    sources = versions(work, args.before, args.sitegen_src)
    for issues in args.issues:
        measure(work, issues, args.changes, sources)


if __name__ == "__main__":
    main()
