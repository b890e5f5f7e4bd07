"""A first search on a slow phone, on sites already built: several sites side by side, in turns.

    .venv/bin/python benchmarks/phone_search.py /dev/shm/before/site /dev/shm/after/site --runs 3
    .venv/bin/python benchmarks/phone_search.py --issues 8000 --workdir /dev/shm/phone   # build, then measure

Each site is served by page_weight.py's gzipping server (Cache-Control: max-age=600, as GitHub Pages)
and opened as run.py's `_one_query` does: `/search/?q=QUERY` on a 375-px page, Chrome's "Fast 3G"
(1.44 Mbit/s, 562 ms round trips) with the CPU slowed 4×, a fresh context (an empty cache). Sites
take turns within each run, so load from elsewhere on the machine hits all of them. Printed per site
and query, medians over the runs: when the first results showed, the KB (gzipped) that had come by
then, when the complete count showed, and the chain depth: the most requests, each asked only after
the one before had answered, that came before the first results (round trips one after another).
The requests of the median run are listed, and any file the server sent twice in one run (a preload
that the page's later request did not reuse). With --from-header the query is sent from the home
page's header search box instead, typed TYPING_S seconds after the box was focused (which starts
loading the search, static/search-warm.js): seconds and KB from sending to the first results.

With --issues N, benchmarks/generate.py makes an archive of N issues in WORKDIR/aN/seeds and
`sitegen build` builds it into WORKDIR/aN/site (kept: an 8,000-issue clean build takes minutes and
~2 GB), unless that site is there already; that site is then measured.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from page_weight import CHROMIUM, CHROMIUM_ARGS, NETWORKS, GzipHandler, throttle  # noqa: E402
from run import PHONE, _one_query, chain  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["疫情防控", "常卫"]


class _CountingHandler(GzipHandler):
    """page_weight's gzipping server that notes every file it sends in full."""

    sent: Counter

    def send_response(self, code: int, message: str | None = None) -> None:
        if code == 200:
            self.sent[self.path] += 1
        super().send_response(code, message)


SKEW_S = 0.2
"""Playwright notes a request a little after the browser asks: one asked up to this long before another
answered still counts as asked after it (a round trip is 562 ms)."""


def depth(timeline: list[tuple[float, float, str, int]], until: float) -> int:
    """The longest run of requests answered with a body before `until`, each asked after the one before
    it had answered (a file the browser had already, from its cache, costs no round trip)."""
    done = sorted((t for t in timeline if t[1] <= until and t[3] > 0), key=lambda t: t[0])  # not the cache's
    deep: list[tuple[float, int]] = []  # (answered at, depth)
    for asked, answered, _, _ in done:
        deep.append((answered, 1 + max((d for end, d in deep if end <= asked + SKEW_S), default=0)))
    return max((d for _, d in deep), default=0)


TYPING_S = 3.0
"""--from-header: how long the reader takes to type the query once the header's search box has focus."""


def from_header(browser, base: str, query: str, network: dict) -> dict[str, object]:
    """The home page opened, its header's search box focused, the query typed TYPING_S later and sent:
    seconds from sending to the first results, and the bytes (gzipped) that came between."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    throttle(cdp, network)
    sizes: list[tuple[float, int]] = []  # (answered at, bytes)
    page.on("requestfinished", lambda r: sizes.append((time.perf_counter(), max(0, r.sizes()["responseBodySize"]))))
    page.goto(base)
    page.wait_for_load_state("load")
    page.focus("#header-q")
    page.wait_for_timeout(TYPING_S * 1000)
    page.fill("#header-q", query)
    sent = time.perf_counter()
    page.press("#header-q", "Enter")
    page.wait_for_function(
        "() => document.querySelector('.search-results li') || "
        "/共找到|没有找到|出错|不可用/.test(document.querySelector('.search-status')?.textContent || '')",
        timeout=120_000, polling=20)
    first = time.perf_counter()
    context.close()
    return {"first_s": first - sent, "first_bytes": sum(n for at, n in sizes if sent <= at <= first)}


def build(issues: int, workdir: Path) -> Path:
    """The site of a generated archive of `issues` issues, built unless it is there."""
    here = workdir / f"a{issues}"
    site = here / "site"
    if (site / "search" / "index.html").is_file():
        return site
    if not (here / "seeds").is_dir():
        generate.generate(issues, here / "seeds")
    (here / "tmp").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(here / "tmp"), "XDG_CACHE_HOME": str(here / ".xdg-cache"),
           "PYTHONPATH": str(ROOT)}
    print(f"building {issues} issues in {here} …", flush=True)
    subprocess.run([sys.executable, "-m", "sitegen.cli", "build", "--seeds", "seeds", "--out", "site"],
                   cwd=here, env=env, check=True)
    return site


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sites", nargs="*", type=Path, help="built sites (their output folders)")
    ap.add_argument("--issues", type=int, nargs="+", default=[], help="generate and build archives of these sizes")
    ap.add_argument("--workdir", type=Path, default=Path("/dev/shm/phone-search"), help="where --issues builds")
    ap.add_argument("--runs", type=int, default=3, help="runs; medians are printed (default: 3)")
    ap.add_argument("--queries", nargs="+", default=QUERIES)
    ap.add_argument("--from-header", action="store_true",
                    help=f"send the query from the home page's header search box, focused {TYPING_S:.0f} s before")
    args = ap.parse_args()
    sites = list(args.sites) + [build(n, args.workdir) for n in args.issues]
    if not sites:
        ap.error("name a built site, or --issues N")
    from playwright.sync_api import sync_playwright

    servers = []
    for site in sites:
        handler = type("H", (_CountingHandler,), {"sent": Counter()})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append((server, handler))
    got: dict[tuple[int, str], list[dict]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for run in range(args.runs):
                    for q in args.queries:
                        for i, (server, handler) in enumerate(servers):
                            handler.sent.clear()
                            base = f"http://127.0.0.1:{server.server_address[1]}/"
                            if args.from_header:
                                r = from_header(browser, base, q, NETWORKS["Fast 3G"])
                                got.setdefault((i, q), []).append(r)
                                print(f"  run {run + 1} {sites[i]} {q} from the header: first results "
                                      f"{r['first_s']:.1f} s after sending, {r['first_bytes'] / 1024:.0f} KB", flush=True)
                                continue
                            r = _one_query(browser, base, q, PHONE, NETWORKS["Fast 3G"])
                            r["twice"] = sorted(path for path, n in handler.sent.items() if n > 1)
                            r["depth"] = depth(r["timeline"], r["first_s"])
                            got.setdefault((i, q), []).append(r)
                            print(f"  run {run + 1} {sites[i]} {q}: first results {r['first_s']:.1f} s, "
                                  f"{r['first_bytes'] / 1024:.0f} KB, depth {r['depth']}; complete {r['seconds']:.1f} s",
                                  flush=True)
            finally:
                browser.close()
    finally:
        for server, _ in servers:
            server.shutdown()
            server.server_close()
    if args.from_header:
        print("\n| site | query | first results s after sending | KB gzipped between |")
        print("|---|---|---:|---:|")
        for (i, q), rs in got.items():
            print(f"| {sites[i]} | {q} | {statistics.median(r['first_s'] for r in rs):.1f} | "
                  f"{statistics.median(r['first_bytes'] for r in rs) / 1024:.0f} |")
        return 0
    print("\n| site | query | first results s | KB gzipped until then | chain depth | complete count s |")
    print("|---|---|---:|---:|---:|---:|")
    for (i, q), rs in got.items():
        med = {k: statistics.median(r[k] for r in rs) for k in ("first_s", "first_bytes", "depth", "seconds")}
        print(f"| {sites[i]} | {q} | {med['first_s']:.1f} ({min(r['first_s'] for r in rs):.1f}–"
              f"{max(r['first_s'] for r in rs):.1f}) | {med['first_bytes'] / 1024:.0f} | {med['depth']:.0f} | "
              f"{med['seconds']:.1f} |")
    for (i, q), rs in got.items():
        r = sorted(rs, key=lambda r: r["first_s"])[len(rs) // 2]
        print(f"\n{sites[i]} {q}: the median run's requests (first results at {r['first_s']:.2f} s)")
        print(chain(r["timeline"], r["first_s"]))
        if r["twice"]:
            print("  sent twice by the server: " + ", ".join(r["twice"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
