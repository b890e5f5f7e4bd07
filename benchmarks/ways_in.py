"""Time the ways in that are worked out on every build: people, the people index, related articles.

    .venv/bin/python benchmarks/ways_in.py --issues 2000 --runs 3

Makes a synthetic archive with benchmarks/generate.py (in /dev/shm when there is room), reads and
classifies it once (segmentation cached), then times, per run:
- people_of, finding every article's people afresh (jieba's tagger cache emptied); a rebuild pays
  nothing for unchanged issues, whose people are kept with them in the issue cache;
- index_people over every article (what the Planner and the catalog each add);
- related_articles over every article.
Figures are medians over the runs, in seconds, with milliseconds per article.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.engine.load import load_archive  # noqa: E402
from sitegen.archive.finish import finish_issues  # noqa: E402
from sitegen.archive.people import index_people  # noqa: E402
from sitegen.issue.enrich.people import _tagged, people_of  # noqa: E402
from sitegen.lexicon import load_lexicon, load_marks  # noqa: E402
from sitegen.archive.related import RelItem, related_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shm = Path("/dev/shm")
    work = Path(tempfile.mkdtemp(prefix="sitegen-ways-", dir=shm if shm.is_dir() else None))
    try:
        seeds = work / "seeds"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--issues", str(args.issues),
                        "--out", str(seeds)], check=True, stdout=subprocess.DEVNULL)
        issues = finish_issues(load_archive(seeds, keep_going=True, classified=True).placed)
        articles = [a for i in issues for a in i.articles]
        timings: dict[str, list[float]] = {"people, afresh": [], "index_people": [], "related_articles": []}
        for run in range(args.runs):
            _tagged.cache_clear()
            started = time.perf_counter()
            marks = load_marks()
            for a in articles:
                people_of(a, marks)
            timings["people, afresh"].append(time.perf_counter() - started)
            started = time.perf_counter()
            index_people(articles)
            timings["index_people"].append(time.perf_counter() - started)
            items = [RelItem(a.id, i.date.isoformat() if i.date else "", a.topics, a.keywords,
                             tuple(name for name, _ in a.people)) for i in issues for a in i.articles]
            started = time.perf_counter()
            related_articles(items, load_lexicon().topics[-1].name)
            timings["related_articles"].append(time.perf_counter() - started)
        print(f"{len(articles)} articles, {args.runs} runs (medians)")
        for name, ts in timings.items():
            m = statistics.median(ts)
            print(f"  {name:18} {m:7.2f} s  {1000 * m / len(articles):6.3f} ms/article")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
