"""Check that a change to sitegen leaves its output as it was: build the same archives with two versions
of the code and compare every file of the two sites.

    .venv/bin/python benchmarks/same_bytes.py                     # HEAD against the work tree
    .venv/bin/python benchmarks/same_bytes.py --before b3a8bcd --issues 300

Each version builds the bundled seeds and a generated archive (benchmarks/generate.py) from nothing:
its own empty cache (.sitegen-cache in its own folder), its own output folder, `python -m sitegen.cli build` with PYTHONPATH on its
source tree. The older version is taken with `git archive` into a temporary folder. Prints each
archive's file count and every file that is missing, extra or different, and exits 1 if any is.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(commit: str, into: Path) -> Path:
    """The source tree of a commit."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def build(src: Path, seeds: Path, work: Path) -> Path:
    """Build seeds with the sitegen at src into work/site, from an empty cache; return the site."""
    work.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(src), "TMPDIR": str(work)}  # jieba's snapshots too start afresh
    done = subprocess.run([sys.executable, "-m", "sitegen.cli", "build", "--seeds", str(seeds), "--out",
                           str(work / "site")],
                          cwd=work, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the build with {src} failed:\n{done.stderr[-3000:]}")
    return work / "site"


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def compare(before: Path, after: Path) -> list[str]:
    """Every difference between two sites, one line each."""
    old, new = files(before), files(after)
    out = [f"only before: {p}" for p in sorted(old - new)] + [f"only after: {p}" for p in sorted(new - old)]
    out += [f"differs: {p}" for p in sorted(old & new) if not filecmp.cmp(before / p, after / p, shallow=False)]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before", default="HEAD", help="the commit to compare with (default HEAD)")
    ap.add_argument("--after", default=None, help="a commit to compare (default: the work tree)")
    ap.add_argument("--issues", type=int, default=300, help="issues in the generated archive (default 300)")
    ap.add_argument("--dir", type=Path, default=Path("/dev/shm") if Path("/dev/shm").is_dir() else None,
                    help="where to work (default /dev/shm)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitegen-same-", dir=args.dir) as tmp:
        work = Path(tmp)
        before = export(args.before, work / "before-src")
        after = export(args.after, work / "after-src") if args.after else ROOT
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--issues", str(args.issues),
                        "--out", str(work / "generated")], check=True, capture_output=True)
        failed = False
        for name, seeds in (("seeds", ROOT / "seeds"), (f"{args.issues} generated issues", work / "generated")):
            sites = [build(src, seeds, work / f"{label}-{seeds.name}") for label, src in
                     (("before", before), ("after", after))]
            differences = compare(*sites)
            print(f"{name}: {len(files(sites[0]))} files before, {len(files(sites[1]))} after, "
                  f"{len(differences)} differences")
            for line in differences[:50]:
                print("  " + line)
            failed |= bool(differences)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
