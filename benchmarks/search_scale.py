"""How the search index scales: index time, peak memory, bundle size, and what a first query downloads.

    .venv/bin/python benchmarks/generate.py --issues 2000 --out /dev/shm/a2000/seeds
    .venv/bin/python benchmarks/search_scale.py --seeds /dev/shm/a2000/seeds --work /dev/shm/a2000/bench

For the articles of a synthetic archive (read and parsed as a build does; not classified, so there
are no district or topic filters) it measures, medians of --runs:

- a cold index (empty shard cache) and a rebuild after adding one issue (the cache holds the rest):
  wall time and CPU time (of the indexing process and its Pagefind children), in runs nobody watches;
  then, in one more run of each, watched, peak memory as the largest sum of the resident sets of the
  indexing process and its Pagefind children, sampled every 20 ms (what the machine must have, not
  the largest one process);
- the bundle: all files, Pagefind's index chunks, the number of shards;
- in Chromium, for each query, a fresh page that loads search-core.js and does what the search page does
  (window.sitegen.find, then present the first 20 hits): the bytes of every response after the page
  itself (Pagefind runtime, shard entries and metadata, filters, index chunks, the table of
  traditional characters, the text of the 20 results shown).
  Served without compression; a host that gzips JS and JSON sends less of the runtime.

Write --work on a tmpfs (/dev/shm) for stable figures (see ../shared/docs/perf-notes.md).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.engine.load import load_archive  # noqa: E402
from sitegen.search import BUNDLE_DIR, SearchDoc, search_data, search_docs  # noqa: E402
from sitegen.search.shards import SHARD_CHARS  # noqa: E402
from sitegen.site import urls  # noqa: E402

QUERIES = ["石景山", "防汛", "接诉即办", "疫情防控", "石景山 防汛", "垃圾分类"]
CHROMIUM = "/usr/bin/chromium"
CHILD = """
import pickle, sys
sys.path.insert(0, {root!r})
from sitegen.search import build_search_index
docs = pickle.load(open({docs!r}, "rb"))
build_search_index(docs, __import__("pathlib").Path({site!r}), {cache!r}, shard_chars={shard_chars})
"""
FIRST_PAGE = """async (q) => {
  const { hits, terms } = await window.sitegen.find(q);
  await window.sitegen.present(hits, terms, 0, 20);
  return hits.length;
}"""
"""What the search page does for a query: find every hit, load the first 20 to show."""
PAGE = """<!DOCTYPE html><html lang="zh-CN" data-base-url="/"><head><meta charset="utf-8"><title>search</title></head>
<body><script type="application/json" id="sitegen-search">{data}</script>
<script type="module" src="/static/search-core.js"></script></body></html>
"""


def tree_rss(pid: int) -> int:
    """Resident bytes of pid and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(d))
        rss[int(d)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def run_index(docs_file: Path, site: Path, cache: Path | None, shard_chars: int,
              watch: bool = False) -> tuple[float, int, float]:
    """Index in a child process; return (seconds, peak bytes of the process tree, CPU seconds of the
    tree: on a busy machine the wall time says little, the CPU time stays).

    The peak is measured only when watched (otherwise 0): reading /proc for the whole tree every 20 ms
    costs the machine's CPU too, so a watched run's times read high. main() times unwatched runs and
    takes the memory from watched ones."""
    code = CHILD.format(root=str(ROOT), docs=str(docs_file), site=str(site), cache=str(cache) if cache else None,
                        shard_chars=shard_chars)
    started = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen([sys.executable, "-c", code])
    peak = 0
    while watch and proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.02)
    proc.wait()
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(f"indexing failed (exit {proc.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, peak, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime


def one_more_issue(docs: list[SearchDoc]) -> list[SearchDoc]:
    """The archive plus one new issue: five articles dated after the last one, text reused."""
    last = max(d.date for d in docs if d.date)
    day = f"{last[:4]}-12-31" if last[5:] != "12-31" else f"{int(last[:4]) + 1}-01-01"
    return docs + [SearchDoc(f"bench-new/{day}/{n}/", d.title, d.text, day, d.publication, d.districts, d.topics)
                   for n, d in enumerate(docs[:5], 1)]


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def browser_bytes(site: Path, queries: list[str], runs: int) -> dict[str, list[int]]:
    """Per query, the bytes each run downloaded for it (after the page and search-core.js), counted by
    the server: Pagefind fetches its chunks from a web worker, which the browser's events miss."""
    from playwright.sync_api import sync_playwright

    (site / "static").mkdir(exist_ok=True)
    shutil.copy(ROOT / "static" / "search-core.js", site / "static" / "search-core.js")
    data = json.dumps(search_data(f"/{BUNDLE_DIR}/")).replace("<", "\\u003c")
    (site / "index.html").write_text(PAGE.format(data=data), encoding="utf-8")
    served: list[tuple[str, int]] = []

    class Counting(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send_head(self):  # type: ignore[no-untyped-def]
            f = super().send_head()
            if f is not None and hasattr(f, "fileno"):
                served.append((self.path, os.fstat(f.fileno()).st_size))
            return f

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    out: dict[str, list[int]] = {q: [] for q in queries}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for _ in range(runs):
                for q in queries:
                    context = browser.new_context()  # an empty cache: a first query
                    page = context.new_page()
                    page.goto(url)
                    page.wait_for_function("window.sitegen !== undefined")
                    served.clear()
                    n = page.evaluate(FIRST_PAGE, q)
                    kinds: dict[str, int] = {}
                    for path, size in served:
                        kind = next((k for pat, k in KINDS if pat in path), "other")
                        kinds[kind] = kinds.get(kind, 0) + size
                    total = sum(kinds.values())
                    out[q].append(total)
                    print(f"  {q}: {n} hits, {total / 1024:.0f} KB in {len(served)} files ("
                          + ", ".join(f"{k} {v / 1024:.0f}" for k, v in kinds.items()) + ")", flush=True)
                    context.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return out


KINDS = [("sitegen-docs", "docs"), (".pf_index", "index"), (".pf_meta", "meta"), (".pf_filter", "filter"),
         ("pagefind-entry", "entry"), ("t2s", "t2s"), ("sitegen-shards", "entry"), ("pagefind", "runtime")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True, help="scratch folder (a tmpfs gives stable figures)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--shard-chars", type=int, default=SHARD_CHARS)
    ap.add_argument("--queries", nargs="*", default=QUERIES)
    args = ap.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    archive = load_archive(args.seeds, classified=True)
    docs = search_docs(archive.placed, urls.article_path_at, urls.UNKNOWN_PAPER)
    docs_file, more_file = args.work / "docs.pickle", args.work / "more.pickle"
    docs_file.write_bytes(pickle.dumps(docs))
    more_file.write_bytes(pickle.dumps(one_more_issue(docs)))
    chars = sum(len(d.text) for d in docs)
    print(f"{args.seeds}: {len(archive.placed)} issues, {len(docs)} articles, {chars / 1e6:.2f} M characters")

    cold, warm = [], []
    cache = args.work / "cache"
    for _ in range(args.runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(run_index(docs_file, args.work / "site", cache, args.shard_chars))
        warm.append(run_index(more_file, args.work / "site-more", cache, args.shard_chars))
        print(f"  cold {cold[-1][0]:.1f} s ({cold[-1][2]:.1f} s CPU); "
              f"one issue more {warm[-1][0]:.1f} s ({warm[-1][2]:.1f} s CPU)", flush=True)
    shutil.rmtree(cache, ignore_errors=True)  # once more, watched, for the memory
    cold_peak = run_index(docs_file, args.work / "site", cache, args.shard_chars, watch=True)[1]
    warm_peak = run_index(more_file, args.work / "site-more", cache, args.shard_chars, watch=True)[1]
    print(f"  peak memory (one watched run): cold {cold_peak / 2**20:.0f} MB, one issue more {warm_peak / 2**20:.0f} MB")
    bundle = args.work / "site" / "pagefind"
    shards = json.loads((bundle / "sitegen-shards.json").read_text(encoding="utf-8"))
    index = sum(folder_bytes(bundle / d / "index") for d in shards)
    med = statistics.median
    figures = {
        "articles": len(docs), "characters": chars, "shard_chars": args.shard_chars, "shards": len(shards),
        "cold_index_s": med(r[0] for r in cold), "cold_cpu_s": med(r[2] for r in cold),
        "cold_peak_mb": cold_peak / 2**20,
        "one_more_issue_s": med(r[0] for r in warm), "one_more_issue_cpu_s": med(r[2] for r in warm),
        "one_more_issue_peak_mb": warm_peak / 2**20,
        "bundle_mb": folder_bytes(bundle) / 1e6, "index_mb": index / 1e6,
    }
    print("first query, bytes downloaded:")
    downloads = browser_bytes(args.work / "site", args.queries, args.runs)
    figures["first_query_kb"] = {q: med(v) / 1024 for q, v in downloads.items()}
    figures["first_query_kb_median"] = med(figures["first_query_kb"].values())
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
