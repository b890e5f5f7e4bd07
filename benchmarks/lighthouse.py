"""Lighthouse's four scores on a page of every kind of the seeds' site, on a phone.

    .venv/bin/python benchmarks/lighthouse.py                 # every page kind, built with a site URL
    .venv/bin/python benchmarks/lighthouse.py --no-site-url   # as built without one
    .venv/bin/python benchmarks/lighthouse.py --runs 3        # the lowest of three runs per page

Builds the bundled seeds (with --site-url https://example.github.io/archive unless told not to),
serves the site on 127.0.0.1 gzipped as GitHub Pages serves it, starts one headless Debian Chromium
and runs the pinned npm lighthouse (benchmarks/lighthouse.mjs) against it for each page: Lighthouse's
defaults, a phone on a slow 4G network with a 4x slower CPU, simulated. Prints a Markdown table of
performance, accessibility, best practices and SEO per page, and every audit short of a full score.
tests/test_lighthouse.py runs the same on one page of each kind and asserts 100 in all four.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import re
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_weight import CHROMIUM, CHROMIUM_ARGS, GzipHandler  # noqa: E402

RUNNER = ROOT / "benchmarks" / "lighthouse.mjs"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "core" / "index.js"
SITE_URL = "https://example.github.io/archive"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

PAGES = {  # page kind -> a page of it in the seeds' site
    "home": "",
    "papers": "papers/",
    "paper": "shijingshan-bao/",
    "issue": "shijingshan-bao/2020-04-16/",
    "source": "shijingshan-bao/2020-04-16/source/",
    "article": "shijingshan-bao/2020-04-16/3/",
    "dates": "dates/",
    "year": "dates/2020/",
    "month": "dates/2020/04/",
    "districts": "districts/",
    "district": "districts/shijingshan/",
    "topics": "topics/",
    "topic": "topics/flood-control/",
    "people": "people/",
    "person": "people/changwei/",
    "search": "search/",
    "search ?q=": "search/?q=防汛",
    "about": "about/",
}
KINDS_TESTED = ("home", "paper", "issue", "article", "month", "district", "topic", "person", "search", "search ?q=")
"""The page kinds tests/test_lighthouse.py checks (a run takes several seconds): one of each template."""


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve site gzipped on a free port; yield its address, ending in "/"."""
    server = _Server(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(profile: Path) -> Iterator[int]:
    """One headless Chromium for every Lighthouse run; yield its DevTools port."""
    proc = subprocess.Popen([CHROMIUM, "--headless=new", *CHROMIUM_ARGS, "--remote-debugging-port=0",
                             f"--user-data-dir={profile}", "--no-first-run", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        port = None
        deadline = time.monotonic() + 60
        while port is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            port = int(found.group(1)) if found else None
        if port is None:
            raise RuntimeError(f"{CHROMIUM} did not start its DevTools server")
        # Chromium goes on writing to stderr: drain it so that it never blocks on a full pipe.
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        yield port
    finally:
        proc.kill()
        proc.wait()


def lighthouse(port: int, urls: list[str]) -> list[dict]:
    """Lighthouse's verdict on each URL: {"url", "scores": {category: 0-100}, "failing": [audit...]}."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError("node_modules has no lighthouse: run bin/test (npm ci) first")
    done = subprocess.run(["node", str(RUNNER), str(port), *urls], cwd=ROOT, capture_output=True, text=True,
                          timeout=120 + 60 * len(urls), check=False)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed:\n{done.stderr[-3000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def shortfalls(result: dict) -> list[str]:
    """What keeps a page from 100 in every category, one audit a line (empty for a clean bill)."""
    if "error" in result:
        return [f"lighthouse could not run: {result['error']}"]
    low = [f"{c} {result['scores'][c]}" for c in CATEGORIES if result["scores"][c] < 100]
    return low + [f"{a['category']}: {a['id']} ({a['title']}) {a['value']}".rstrip() for a in result["failing"]] \
        if low else []


def build_seeds(out: Path, site_url: str) -> Path:
    """Build the bundled seeds into out/site (cache in out/cache)."""
    sys.path.insert(0, str(ROOT))
    from sitegen.config import Config
    from sitegen.engine.build import build

    with contextlib.chdir(ROOT):
        build(Config(seeds_dir=Path("seeds"), out_dir=out / "site", cache_dir=out / "cache", site_url=site_url))
    return out / "site"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-site-url", action="store_true", help="build without --site-url")
    ap.add_argument("--runs", type=int, default=1, help="runs per page; the table shows each score's lowest")
    ap.add_argument("--dir", type=Path, default=Path("/dev/shm") if Path("/dev/shm").is_dir() else None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitegen-lighthouse-", dir=args.dir) as tmp:
        site = build_seeds(Path(tmp), "" if args.no_site_url else SITE_URL)
        with serve(site) as origin, chromium(Path(tmp) / "profile") as port:
            started = time.monotonic()
            runs = [lighthouse(port, [origin + path for path in PAGES.values()]) for _ in range(args.runs)]
            seconds = time.monotonic() - started
    print(f"Lighthouse {json.loads((LIGHTHOUSE.parent.parent / 'package.json').read_text())['version']}, "
          f"seeds built {'without a site URL' if args.no_site_url else 'with --site-url ' + SITE_URL}, "
          f"{len(PAGES)} pages x {args.runs} run(s) in {seconds:.0f} s ({seconds / len(PAGES) / args.runs:.1f} s a run)\n")
    print("| page | " + " | ".join(CATEGORIES) + " |\n|---|" + "---:|" * len(CATEGORIES))
    problems = []
    for n, (kind, path) in enumerate(PAGES.items()):
        results = [r[n] for r in runs]
        for r in results:
            problems += [f"{kind} (/{path}): {line}" for line in shortfalls(r)]
        scores = [min(r.get("scores", {}).get(c, 0) for r in results) for c in CATEGORIES]
        print(f"| {kind} `/{path}` | " + " | ".join(map(str, scores)) + " |")
    print("\n" + ("\n".join(problems) if problems else "Every page: 100 in every category."))
    return 1 if problems else 0


if __name__ == "__main__":
    os.environ.setdefault("CHROME_PATH", CHROMIUM)
    sys.exit(main())
