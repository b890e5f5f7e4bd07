"""Time a clean build against a rebuild after adding one issue, on a synthetic archive.

    .venv/bin/python benchmarks/rebuild.py                      # 300 issues, 3 runs, in /dev/shm
    .venv/bin/python benchmarks/rebuild.py --issues 300 --runs 5 --dir /var/tmp/rebuild

Each run starts from nothing: the archive without its last file, no cache, no site. It times
`sitegen build` (a fresh process, as a keeper runs it) for the clean build, then puts the last file
back and times the rebuild. Then it does the same in one process, as `sitegen serve` does: it builds,
puts the file back and times the second build only (what a keeper waits for between saving a new
issue and seeing it in the preview; the interpreter, the libraries and the templates are loaded
already). Prints the median of each, the ratios, and the median time of each phase as the build
reports it. Where it writes matters (see ../shared/docs/perf-notes.md): the default is
a tmpfs.

The added issue is the last file generated, the archive's newest (at 300 issues, June 2016), as a
keeper's weekly issue would be: the search index re-indexes only the newest quarter's shard
(~170,000 characters at 300 issues), beside the rendering.
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


def run_build(work: Path) -> tuple[float, float, str, dict[str, float]]:
    """Run one build; return (wall seconds, CPU seconds, summary line, seconds per phase).

    CPU time (the build, its worker processes and Pagefind) is the figure to compare on a machine that
    others share: wall time then also measures their load.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
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
assert rebuild(options) is None
shutil.copy(sys.argv[1], "seeds")
c, t = cpu(), time.perf_counter()
assert rebuild(options) is None
print(f"serve-rebuild {time.perf_counter() - t} {cpu() - c}", file=sys.stderr)
"""


def run_serve_rebuild(work: Path, new_issue: Path) -> tuple[float, float, str]:
    """Build, add new_issue and build again in one process, like `sitegen serve`; time the second build."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SERVE_DRIVER, str(new_issue)], cwd=work, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the build failed:\n{done.stderr[-3000:]}")
    [line] = [x for x in done.stderr.splitlines() if x.startswith("serve-rebuild ")]
    seconds, cpu = map(float, line.split()[1:])
    return seconds, cpu, done.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--issues", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=Path("/dev/shm/sitegen-rebuild"),
                    help="work folder, emptied first (default: /dev/shm/sitegen-rebuild)")
    args = ap.parse_args()

    work = args.dir
    shutil.rmtree(work, ignore_errors=True)
    archive = work / "archive"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--issues", str(args.issues),
                    "--out", str(archive)], check=True, capture_output=True)
    files = sorted(archive.glob("*.txt"))
    new_issue = files[-1]
    print(f"archive: {len(files)} files in {work} (the added issue: {new_issue.name}); {args.runs} runs")

    timings: dict[str, list[float]] = {"clean": [], "add one": [], "add one in serve": []}
    cpu_times: dict[str, list[float]] = {"clean": [], "add one": [], "add one in serve": []}
    phases: dict[str, dict[str, list[float]]] = {"clean": {}, "add one": {}}
    for run in range(1, args.runs + 1):
        project = work / f"run{run}"
        shutil.copytree(archive, project / "seeds", ignore=shutil.ignore_patterns(new_issue.name))
        for case in ("clean", "add one"):
            if case == "add one":
                shutil.copy(new_issue, project / "seeds")
            seconds, cpu, summary, per_phase = run_build(project)
            timings[case].append(seconds)
            cpu_times[case].append(cpu)
            for name, s in per_phase.items():
                phases[case].setdefault(name, []).append(s)
            print(f"run {run}, {case}: {seconds:.2f} s, CPU {cpu:.2f} s — {summary}", flush=True)
        shutil.rmtree(project)
        shutil.copytree(archive, project / "seeds", ignore=shutil.ignore_patterns(new_issue.name))
        seconds, cpu, summary = run_serve_rebuild(project, new_issue)
        timings["add one in serve"].append(seconds)
        cpu_times["add one in serve"].append(cpu)
        print(f"run {run}, add one in sitegen serve: {seconds:.2f} s, CPU {cpu:.2f} s — {summary}", flush=True)
        shutil.rmtree(project)

    for label, figures in (("wall", timings), ("CPU", cpu_times)):
        clean, added = statistics.median(figures["clean"]), statistics.median(figures["add one"])
        served = statistics.median(figures["add one in serve"])
        print(f"\n{label}: median clean build {clean:.2f} s, median rebuild after adding one issue {added:.2f} s, "
              f"ratio {added / clean:.2f}; in sitegen serve {served:.2f} s, ratio {served / clean:.2f}")
    print("\nmedian seconds per phase:  " + "  ".join(f"{n:>8}" for n in phases["clean"]))
    for case in ("clean", "add one"):
        print(f"{case:>24}:  " + "  ".join(f"{statistics.median(phases[case].get(n, [0])):8.2f}"
                                           for n in phases["clean"]))


if __name__ == "__main__":
    main()
