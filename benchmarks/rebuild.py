"""Time a clean build against a rebuild after adding one issue, on a synthetic archive.

    .venv/bin/python benchmarks/rebuild.py                      # 300 issues, 3 runs, in /dev/shm
    .venv/bin/python benchmarks/rebuild.py --issues 300 --runs 5 --dir /var/tmp/rebuild
    .venv/bin/python benchmarks/rebuild.py --issues 300 2000 --runs 1 --before main   # main against the work tree

Each run starts from nothing: the archive without its last file, no cache, no site. It times
`sitegen build` (a fresh process, as a keeper runs it) for the clean build, then puts the last file
back and times the rebuild. Then it does the same in one process, as `sitegen serve` does: it builds,
puts the file back and times the second build only (what a keeper waits for between saving a new
issue and seeing it in the preview; the interpreter, the libraries and the templates are loaded
already). Prints the median of each, the ratios, and the median time of each phase as the build
reports it. With --before (a commit) or --sitegen-src (source trees), each run builds the same archive
with every version in turn, so that a shared, noisy machine weighs on each alike. Where it writes matters (see ../shared/docs/perf-notes.md): the default is
a tmpfs.

The added issue is the archive's newest (by the date generate.py gives it; one without a sidecar), as
a keeper's weekly issue would be: the search index re-indexes only the newest quarter's shard
(~170,000 characters at 300 issues, June 2016), or its newest piece, beside the rendering. Up to 2,000
issues it is the last file generated; past that the generator's dates go round its decade again and
the last file is an older day's (at 8,000 issues, 2024-08-31, four months before the newest).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASE = re.compile(r"^(\w+): .*?([\d.]+) s$")


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_build(work: Path, src: Path = ROOT) -> tuple[float, float, str, dict[str, float]]:
    """Run one build; return (wall seconds, CPU seconds, summary line, seconds per phase).

    CPU time (the build, its worker processes and Pagefind) is the figure to compare on a machine that
    others share: wall time then also measures their load.
    """
    env = {**os.environ, "PYTHONPATH": str(src)}
    cpu, started = cpu_of_children(), time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "sitegen.cli", "build", "--seeds", "seeds", "--out", "site"],
                          cwd=work, env=env, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - started, cpu_of_children() - cpu
    if done.returncode != 0:
        sys.exit(f"the build failed:\n{done.stderr[-3000:]}")
    phases = {m.group(1): float(m.group(2)) for m in map(PHASE.match, done.stderr.splitlines()) if m}
    return seconds, cpu, done.stdout.strip().splitlines()[-1], phases


SERVE_DRIVER = """
import resource, shutil, sys, time
from pathlib import Path
from sitegen.config import Config
from sitegen.serve import rebuild

def cpu():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))

options = Config(seeds_dir=Path("seeds"), out_dir=Path("site"))
try:  # as `sitegen serve` keeps the archive as last read (a sitegen that does not has no Kept)
    from sitegen.engine.cache import Kept
    kept = {"kept": Kept()}
except ImportError:
    kept = {}
assert rebuild(options, **kept) is None
shutil.copy(sys.argv[1], "seeds")
c, t = cpu(), time.perf_counter()
assert rebuild(options, **kept) is None
print(f"serve-rebuild {time.perf_counter() - t} {cpu() - c}", file=sys.stderr)
"""


def run_serve_rebuild(work: Path, new_issue: Path, src: Path = ROOT) -> tuple[float, float, str]:
    """Build, add new_issue and build again in one process, like `sitegen serve`; time the second build."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", SERVE_DRIVER, str(new_issue)], cwd=work, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the build failed:\n{done.stderr[-3000:]}")
    [line] = [x for x in done.stderr.splitlines() if x.startswith("serve-rebuild ")]
    seconds, cpu = map(float, line.split()[1:])
    return seconds, cpu, done.stdout.strip().splitlines()[-1]


SETTLE_SECONDS = 3.1
"""How long after being written an issue file is remembered by its stamp (engine.cache.FileDigests, 3 s):
the archive is copied this long before the clean build, as a keeper's files were there before it;
otherwise the rebuild reads again and hashes every file copied in the last seconds before it."""


def versions(work: Path, before: str | None, trees: list[Path] | None) -> dict[str, Path]:
    """The sitegen source trees to time, by name: --sitegen-src's trees (else this checkout), after
    --before's commit exported into work."""
    sources = {str(p): p.resolve() for p in trees} if trees else {"this": ROOT}
    if before:
        sources = {before: export(before, work / "before"), **sources}
    return sources


def newest_issue(files: list[Path]) -> Path:
    """The generated issue of the newest date (the last generated of that day), leaving out the bundled
    seeds and issues with a sidecar (which would stay behind without their file)."""
    import generate  # benchmarks/ is on the path when a script of it runs

    generated = [f for f in files if f.stem.isdigit() and not f.with_suffix(".toml").exists()]
    return max(generated, key=lambda f: (generate.issue_date(int(f.stem)), f.name))


def export(commit: str, into: Path) -> Path:
    """The source tree of a commit."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def measure(work: Path, issues: int, runs: int, sources: dict[str, Path]) -> None:
    """Time the clean build and the rebuilds of one archive size, each run with every source in turn."""
    archive = work / f"archive-{issues}"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--issues", str(issues),
                    "--out", str(archive)], check=True, capture_output=True)
    files = sorted(archive.glob("*.txt"))
    new_issue = newest_issue(files)
    print(f"\narchive: {len(files)} files in {work} (the added issue: {new_issue.name}); {runs} runs")

    cases = ("clean", "add one", "add one in serve")
    timings = {name: {c: [] for c in cases} for name in sources}
    cpu_times = {name: {c: [] for c in cases} for name in sources}
    phases: dict[str, dict[str, dict[str, list[float]]]] = {name: {"clean": {}, "add one": {}} for name in sources}
    for run in range(1, runs + 1):
        for name, src in sources.items():
            label = f"{name}: " if len(sources) > 1 else ""
            project = work / f"run{run}"
            shutil.copytree(archive, project / "seeds", ignore=shutil.ignore_patterns(new_issue.name))
            time.sleep(SETTLE_SECONDS)
            for case in ("clean", "add one"):
                if case == "add one":
                    shutil.copy(new_issue, project / "seeds")
                seconds, cpu, summary, per_phase = run_build(project, src)
                timings[name][case].append(seconds)
                cpu_times[name][case].append(cpu)
                for phase, s in per_phase.items():
                    phases[name][case].setdefault(phase, []).append(s)
                print(f"{label}run {run}, {case}: {seconds:.2f} s, CPU {cpu:.2f} s — {summary}", flush=True)
            shutil.rmtree(project, ignore_errors=True)  # the old site may be going in the background
            shutil.copytree(archive, project / "seeds", ignore=shutil.ignore_patterns(new_issue.name))
            time.sleep(SETTLE_SECONDS)
            seconds, cpu, summary = run_serve_rebuild(project, new_issue, src)
            timings[name]["add one in serve"].append(seconds)
            cpu_times[name]["add one in serve"].append(cpu)
            print(f"{label}run {run}, add one in sitegen serve: {seconds:.2f} s, CPU {cpu:.2f} s — {summary}",
                  flush=True)
            shutil.rmtree(project, ignore_errors=True)

    for name in sources:
        print(f"\n{issues} issues{f', {name}' if len(sources) > 1 else ''}:")
        for label, figures in (("wall", timings[name]), ("CPU", cpu_times[name])):
            clean, added = statistics.median(figures["clean"]), statistics.median(figures["add one"])
            served = statistics.median(figures["add one in serve"])
            print(f"{label}: median clean build {clean:.2f} s, median rebuild after adding one issue {added:.2f} s, "
                  f"ratio {added / clean:.2f}; in sitegen serve {served:.2f} s, ratio {served / clean:.2f}")
        named = phases[name]["clean"]
        print("median seconds per phase:  " + "  ".join(f"{n:>8}" for n in named))
        for case in ("clean", "add one"):
            print(f"{case:>24}:  " + "  ".join(f"{statistics.median(phases[name][case].get(n, [0])):8.2f}"
                                               for n in named))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--issues", type=int, nargs="+", default=[300], help="archive sizes, in issues (default 300)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=Path("/dev/shm/sitegen-rebuild"),
                    help="work folder, emptied first (default: /dev/shm/sitegen-rebuild)")
    ap.add_argument("--before", metavar="COMMIT", help="also time this commit's sitegen, run by run beside this one")
    ap.add_argument("--sitegen-src", type=Path, nargs="+", metavar="DIR",
                    help="source trees of the sitegen versions to time (default: this checkout)")
    args = ap.parse_args()

    work = args.dir
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    sources = versions(work, args.before, args.sitegen_src)
    for issues in args.issues:
        measure(work, issues, args.runs, sources)


if __name__ == "__main__":
    main()
