"""What the search index costs a rebuild, on a site already built (and its cache), with the sitegen on PYTHONPATH:

    PYTHONPATH=SRC .venv/bin/python benchmarks/search_rebuild.py WORK        # WORK holds site/ and .sitegen-cache/

1. The bundle's share of a rebuild that changed no shard: the cached shards joined into a staging folder
   beside a hard-linked copy of the site, and published (the pages taken as kept), CPU seconds of each step.
   A sitegen that joins every file into the staging folder (before join_shards took the published
   bundle) is timed the way it did it: all linked, then compared and left behind by publish, and the
   folder of links removed after (which such a build hands to a process of its own).
2. Indexing again the newest shard as the site has it, and the newest quarter whole (the shards the site
   lists newest first, while they hold days or months of one quarter), from the texts in sitegen-docs
   (without topics, which only the filters hold): CPU seconds, Pagefind's included.

Run it on a tmpfs (see ../shared/docs/perf-notes.md); the copy of the site is removed after.
"""
from __future__ import annotations

import argparse
import gzip
import inspect
import json
import os
import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from sitegen.search import bundle
from sitegen.search.records import SearchDoc, stub_of
from sitegen.search.shards import Shard, chars
from sitegen.site import write
from sitegen.site.write import StagedSite


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cached_bundles(work: Path) -> list[tuple[Shard, Path]]:
    """The site's shards, newest first, each with its cache folder (the one whose entry file the site's is)."""
    site, cache = work / "site" / bundle.BUNDLE_DIR, work / ".sitegen-cache" / bundle.CACHE_SUBDIR
    by_inode = {(cache / key / "pagefind-entry.json").stat().st_ino: cache / key
                for key in os.listdir(cache) if (cache / key / "pagefind-entry.json").is_file()}
    listed = json.loads((site / bundle.SHARDS_NAME).read_text(encoding="utf-8"))
    return [(Shard(s["dir"].split("/")[1] if s["dir"] else "primary", ()),
             by_inode[(site / s["dir"] / "pagefind-entry.json").stat().st_ino]) for s in listed]


def join_and_publish(work: Path) -> str:
    bundles = cached_bundles(work)
    copy = work / "site-search-rebuild"
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["cp", "-al", str(work / "site"), str(copy)], check=True)
    try:
        files = {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()}
        pages = {rel for rel in files if not rel.startswith(f"{bundle.BUNDLE_DIR}/")}
        started = cpu()
        staged = StagedSite(copy)
        staged._written, staged._unchanged = set(pages), set(pages)  # the pages kept: only the bundle is at stake
        target = staged.root / bundle.BUNDLE_DIR
        if "previous" in inspect.signature(bundle.join_shards).parameters:
            joined = bundle.join_shards(bundles, target, previous=copy / bundle.BUNDLE_DIR)
            staged.take_folder(bundle.BUNDLE_DIR, [f"{bundle.BUNDLE_DIR}/{rel}" for rel in joined.staged],
                               [f"{bundle.BUNDLE_DIR}/{rel}" for rel in joined.unchanged])
            previous = files
        else:
            bundle.join_shards(bundles, target)
            previous = pages
        joined_at = cpu()
        staging = str(staged.root)
        write.remove_later = lambda folders: None  # removed below, in this process, to count it
        summary = staged.publish(previous_files=previous)
        published_at = cpu()
        left = [p for p in work.glob(f".{copy.name}.old-*")] + ([Path(staging)] if os.path.isdir(staging) else [])
        for folder in left:  # the links left in the staging folder, removed here rather than in the background
            shutil.rmtree(folder, ignore_errors=True)
        done = cpu()
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return (f"{len(bundles)} shards joined: join {joined_at - started:.2f} s, publish {published_at - joined_at:.2f} s, "
            f"removing what the staging folder kept {done - published_at:.2f} s (CPU); {summary.written} written, "
            f"{summary.unchanged} unchanged")


def docs_of(folder: Path) -> list[SearchDoc]:
    docs = []
    for path in sorted((folder / bundle.DOCS_DIR).iterdir()):
        d = json.loads(gzip.decompress(path.read_bytes()))
        docs.append(SearchDoc(d["url"], d["title"], d["text"], d["date"], d["publication"],
                              tuple(d["district"].split("、")) if d["district"] else (), ()))
    return docs


def index_again(work: Path) -> list[str]:
    site = work / "site" / bundle.BUNDLE_DIR
    listed = json.loads((site / bundle.SHARDS_NAME).read_text(encoding="utf-8"))
    names = [s["dir"].split("/")[1] if s["dir"] else None for s in listed]
    quarter = [listed[0]]
    for s, name in zip(listed[1:], names[1:]):  # pieces of the newest quarter are named by days
        if name.count("-") != 4:
            break
        quarter.append(s)
    newest = docs_of(site / listed[0]["dir"])
    whole = [d for s in quarter for d in docs_of(site / s["dir"])]
    lines = []
    for label, docs in (("the newest shard", newest), (f"the newest quarter ({len(quarter)} shards)", whole)):
        if label.startswith("the newest quarter (1 "):
            continue
        docs.sort(key=lambda d: d.url_path)
        shard = Shard("again", tuple(stub_of(d) for d in docs))
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            started = cpu()
            bundle.index_shard(shard, docs, Path(tmp) / "out")
            lines.append(f"{label}: {len(docs)} articles, {chars(shard):,} characters indexed in "
                         f"{cpu() - started:.2f} s (CPU)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work", type=Path, help="the folder holding site/ and .sitegen-cache/")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    for _ in range(args.runs):
        print(join_and_publish(args.work.resolve()), flush=True)
    for _ in range(args.runs):
        for line in index_again(args.work.resolve()):
            print(line, flush=True)


if __name__ == "__main__":
    main()
