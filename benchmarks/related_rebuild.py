"""Time the related-articles step of a rebuild after one new issue: the previous state loaded, the lists
found, the state saved; for the sitegen trees given, side by side in one run.

    .venv/bin/python benchmarks/related_rebuild.py --issues 500 --runs 5
    .venv/bin/python benchmarks/related_rebuild.py --items /dev/shm/w8k/.sitegen-cache/related/X.pickle
    git archive COMMIT | tar -x -C /dev/shm/old && .venv/bin/python benchmarks/related_rebuild.py \\
        --issues 500 --sitegen-src /dev/shm/old .

The articles (RelItems) come from a related-lists pickle in an archive's cache (`--items`: an
archive.related.Related pickled, as sitegen up to e3c7b72 keeps it; only its items are read), or from
an archive made by generate.py (`--issues N`: read, classified and finished as
a build does, its segmentation cached in the work folder). Two changes are timed, each taken out of the
articles and put back at their places:
- "new issue": the 5 articles with the largest ids among those of the newest date;
- "back issue": the 5 articles with the largest ids among those of the date a quarter of the way
  from the oldest date to the newest (an old issue digitized late).

For each tree (`--sitegen-src`, default this checkout; PYTHONPATH set to it) a process of its own finds
the lists of the archive without the change and keeps them with that tree's RelatedCache (untimed),
then, per run, with the previous state's file put back first (untimed), times:
- "build": RelatedCache.get from the file, find_related over every article with the change back in,
  RelatedCache.put (as `sitegen build` does);
- "serve": the same with the previous state already in memory (engine.cache.Kept, as `sitegen serve`
  keeps it): find_related and RelatedCache.put, which writes the file too;
and, once, every list found anew ("anew") and the state file's size. Python's cycle collector is off
throughout, as it is in a build while the archive is put together. It checks that the lists found
from the previous state are those found anew. Figures are medians over the runs, in milliseconds.
"""
from __future__ import annotations

import argparse
import json
import marshal
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import gc, json, marshal, statistics, sys, tempfile, time, types
from pathlib import Path
from sitegen.archive.related import RelItem, find_related
from sitegen.engine.cache import Kept, RelatedCache
from sitegen.lexicon import load_lexicon

data = marshal.loads(Path(sys.argv[1]).read_bytes())
runs = int(sys.argv[2])
items = [RelItem(*t) for t in data["items"]]
fallback = load_lexicon().topics[-1].name
work = Path(tempfile.mkdtemp(prefix="related-rebuild-", dir=sys.argv[3]))
out = {"articles": len(items)}
gc.disable()  # as in a build (engine.parallel.collector_kept_off), which this step runs in

def cache(kept=None):
    return RelatedCache(types.SimpleNamespace(cache_dir=work, version="0" * 64, kept=kept))

t = time.perf_counter()
anew = find_related(items, fallback)
out["anew"] = 1000 * (time.perf_counter() - t)
for case, ids in data["cases"].items():
    taken = set(ids)
    cache().put(find_related([it for it in items if it.id not in taken], fallback))
    [path] = (work / "related").iterdir()
    state = path.read_bytes()
    timings = {"build": [], "serve": [], "load": [], "find": [], "save": []}
    for run in range(runs):
        path.write_bytes(state)
        t0 = time.perf_counter()
        before = cache().get()
        t1 = time.perf_counter()
        after = find_related(items, fallback, before=before)
        t2 = time.perf_counter()
        cache().put(after)
        t3 = time.perf_counter()
        assert before is not None and after.lists == anew.lists, case
        for name, took in (("build", t3 - t0), ("load", t1 - t0), ("find", t2 - t1), ("save", t3 - t2)):
            timings[name].append(1000 * took)
        path.write_bytes(state)
        kept = Kept()
        kept.put("related", cache().get())
        t0 = time.perf_counter()
        after = find_related(items, fallback, before=cache(kept).get())
        cache(kept).put(after)
        timings["serve"].append(1000 * (time.perf_counter() - t0))
        assert after.lists == anew.lists, case
    out[case] = {name: statistics.median(ts) for name, ts in timings.items()}
    out[case]["state bytes"] = len(state)
print(json.dumps(out))
"""


def items_from_pickle(path: Path) -> list[tuple]:
    """The articles of a pickled Related (its items, in the order the build gave them)."""
    sys.path.insert(0, str(ROOT))
    related = pickle.loads(path.read_bytes())
    return [tuple(it) for it in related.items.values()]


def items_from_archive(issues: int, work: Path) -> list[tuple]:
    """The articles of a generated archive, as build_archive makes them."""
    sys.path.insert(0, str(ROOT))
    from sitegen.archive import build_archive
    from sitegen.archive.finish import finish_issues
    from sitegen.engine.cache import IssueCache
    from sitegen.engine.load import load_archive
    from sitegen.lexicon import load_lexicon

    seeds = work / f"archive-{issues}"
    if not seeds.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--issues", str(issues),
                        "--out", str(seeds)], check=True, capture_output=True)
    loaded = load_archive(seeds, keep_going=True, classified=True, cache=IssueCache(work / "cache"))
    archive = build_archive(finish_issues(loaded.placed), load_lexicon())
    return [(e.article.id, e.issue.date.isoformat() if e.issue.date else "", tuple(e.article.topics),
             tuple(e.article.keywords), tuple(name for name, _ in e.article.people)) for e in archive.entries]


def cases(items: list[tuple]) -> dict[str, list[str]]:
    """The articles of each change timed (see the module docstring)."""
    dates = sorted({it[1] for it in items if it[1]})
    if not dates:
        sys.exit("no dated articles to take out")
    old = dates[len(dates) // 4]
    return {name: sorted(it[0] for it in items if it[1] == date)[-5:]
            for name, date in (("new issue", dates[-1]), ("back issue", old))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--items", type=Path, help="a pickled Related (.sitegen-cache/related/*.pickle)")
    source.add_argument("--issues", type=int, help="the size of an archive to generate")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sitegen-src", type=Path, nargs="+", default=[ROOT], help="sitegen trees to time")
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder in /dev/shm")
    args = parser.parse_args()
    shm = Path("/dev/shm")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="sitegen-related-", dir=shm if shm.is_dir() else None))
    work.mkdir(parents=True, exist_ok=True)
    try:
        items = items_from_pickle(args.items) if args.items else items_from_archive(args.issues, work)
        changes = cases(items)
        data_file = work / "items.marshal"
        data_file.write_bytes(marshal.dumps({"items": items, "cases": changes}))
        print(f"{len(items)} articles; {args.runs} runs; medians in ms")
        for name, ids in changes.items():
            print(f"  {name}: {', '.join(ids)}")
        for tree in args.sitegen_src:
            done = subprocess.run([sys.executable, "-c", WORKER, str(data_file), str(args.runs), str(work)],
                                  env={**os.environ, "PYTHONPATH": str(tree.resolve())}, cwd=work,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"{tree}: the worker failed:\n{done.stderr[-3000:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"\n{tree} (every list anew: {result['anew']:.0f} ms)")
            print(f"  {'change':12} {'build':>7} {'serve':>7} {'load':>7} {'find':>7} {'save':>7} {'state KB':>9}")
            for name in changes:
                r = result[name]
                print(f"  {name:12} {r['build']:7.1f} {r['serve']:7.1f} {r['load']:7.1f} {r['find']:7.1f} "
                      f"{r['save']:7.1f} {r['state bytes'] / 1000:9.0f}")
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
