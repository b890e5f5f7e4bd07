"""Weigh an article page and time its load on a slow phone, on the bundled seeds.

    .venv/bin/python benchmarks/page_weight.py               # 5 runs per network, in /dev/shm
    .venv/bin/python benchmarks/page_weight.py --runs 9 --dir /var/tmp/weight

Builds the seeds, serves the site on 127.0.0.1 gzipped as GitHub Pages serves it, and opens the
heaviest article page (the longest text) in Debian's Chromium, each run in a fresh context (empty
cache). It counts every byte the page fetches — HTML, CSS, JS, no search index, which an article
page does not load — and times the load with the network throttled through CDP to DevTools'
"Slow 3G" and "Fast 3G" presets and the CPU slowed 4×, as a cheap phone is. Prints the median
first contentful paint, DOMContentLoaded and load of each network.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import shutil
import socketserver
import statistics
import tempfile
import threading
from pathlib import Path

from sitegen.site.catalog import read_catalog

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Chrome DevTools' network presets (front_end/core/sdk/NetworkManager.ts): bytes/s and ms of latency.
NETWORKS = {
    "Slow 3G": {"download": 500 * 1000 / 8 * 0.8, "upload": 500 * 1000 / 8 * 0.8, "latency": 400 * 5},
    "Fast 3G": {"download": 1.6 * 1000 * 1000 / 8 * 0.9, "upload": 750 * 1000 / 8 * 0.9, "latency": 150 * 3.75},
}
CPU_SLOWDOWN = 4
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files gzipped when the browser accepts it, as GitHub Pages does for text, and cacheable for
    ten minutes as GitHub Pages says (Cache-Control: max-age=600), gzipped or not."""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like body for SimpleHTTPRequestHandler.copyfile."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, n: int = -1) -> bytes:
        out, self.data = (self.data, b"") if n < 0 else (self.data[:n], self.data[n:])
        return out

    def close(self) -> None:
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def heaviest_article(site: Path) -> str:
    catalog = read_catalog(site)
    return max(catalog["articles"], key=lambda a: (len(a["text"]), a["id"]))["url"]


def build_seeds(out: Path) -> None:
    from sitegen.config import Config
    from sitegen.engine.build import build

    with contextlib.chdir(ROOT):
        build(Config(seeds_dir=Path("seeds"), out_dir=out, cache_dir=out.parent / "cache"))


def throttle(cdp, network: dict) -> None:
    """Slow a page (through its CDP session, Network enabled) to network, its CPU to a cheap phone's."""
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": network["latency"],
                                                  "downloadThroughput": network["download"],
                                                  "uploadThroughput": network["upload"]})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def load_once(browser, url: str, network: dict | None) -> dict:
    """Open url in a fresh context; return the bytes fetched per resource and the load timings (ms)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if network:
        throttle(cdp, network)
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)  # let late module fetches finish and report
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {fcp: fcp ? fcp.startTime : null, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
    }""")
    context.close()
    fetched = {urls.get(rid, rid): n for rid, n in sizes.items()}
    return {"fetched": fetched, **timing}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", type=Path, default=Path("/dev/shm") if Path("/dev/shm").is_dir() else None)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="page-weight-", dir=args.dir))
    try:
        site = work / "site"
        build_seeds(site)
        article = heaviest_article(site)
        server = Server(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}{article}"
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            first = load_once(browser, url, None)
            print(f"article page: {article} (the seeds' longest article)")
            print(f"{'resource':<48} {'raw':>8} {'gzip':>8} {'on the wire':>12}")
            total_raw = total_gz = total_wire = 0
            for fetched_url, wire in sorted(first["fetched"].items()):
                path = fetched_url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]
                file = site / path
                file = file / "index.html" if file.is_dir() else file
                raw = file.stat().st_size if file.is_file() else 0
                gz = len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)) if file.is_file() else 0
                total_raw, total_gz, total_wire = total_raw + raw, total_gz + gz, total_wire + wire
                print(f"/{path:<47} {raw:>8,} {gz:>8,} {wire:>12,}")
            print(f"{'total (' + str(len(first['fetched'])) + ' requests)':<48} {total_raw:>8,} {total_gz:>8,} {total_wire:>12,}")
            assert not any("pagefind" in u for u in first["fetched"]), "an article page must not load the search index"
            for name, network in [("unthrottled", None), *NETWORKS.items()]:
                runs = [load_once(browser, url, network) for _ in range(args.runs)]
                med = {k: statistics.median(r[k] for r in runs) for k in ("fcp", "dcl", "load")}
                label = name if network is None else (f"{name} ({network['latency']:.0f} ms, "
                                                      f"{network['download'] * 8 / 1000:.0f} kbit/s, CPU {CPU_SLOWDOWN}x)")
                print(f"{label:<44} first paint {med['fcp']:>7.0f} ms   DOMContentLoaded {med['dcl']:>7.0f} ms   "
                      f"load {med['load']:>7.0f} ms   (median of {args.runs})")
            browser.close()
        server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
