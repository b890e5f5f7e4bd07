"""The search bundle: each shard indexed (or taken from the cache), then the shards joined into pagefind/.

The newest shard is the primary bundle at pagefind/, with Pagefind's runtime; the others sit in
pagefind/shards/<period>/, and static/search-core.js merges them in the browser with Pagefind's
mergeIndex (they share the primary's WebAssembly). pagefind/sitegen-shards.json lists them, newest
first. Beside each shard's index, sitegen-docs/<page id>.json.gz holds each article's text as printed,
for excerpts and the final check: Pagefind's fragments, which also carry the token stream, are left out.
A shard's bundle is cached under the hash of its articles, so a rebuild indexes only changed periods,
and needs the documents (the text) of those periods' articles only: the shards are planned and keyed
from a DocStub an article. Beside a published site, only the files it lacks are staged (join_shards):
its copies of the others, hard links to the cache's, stay where they are.
"""
from __future__ import annotations

import contextlib
import filecmp
import gzip
import hashlib
import json
import logging
import os
import pickle
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..errors import SitegenError
from ..files import CACHE_LEAVES_FREE, holds, room_for, say_once, write_atomically
from .pagefind import page_ids, run_pagefind, write_shadow
from .pf_format import make_filters_deterministic
from .records import DocStub, SearchDoc, check_docs, doc_json, stub_of
from .shards import FIRST_PAGES, SHARD_CHARS, Shard, browser_order, chars, plan_shards

log = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
"""The bundle's folder in the site."""
SHARDS_NAME = "sitegen-shards.json"
"""The shards for the browser, primary first: [{"dir": bundle-relative folder ("" for the primary),
"tag": a hash of its pagefind-entry.json, "meta": its metadata file, "pages": its page count, "first":
whether the browser searches it first (shards.FIRST_PAGES)}]. The tag
is the shard's metaCacheTag: Pagefind asks for pagefind-entry.json?ts=TAG, a name that changes with the
entry. Knowing both names, the browser fetches a shard's entry and metadata side by side, not one after
the other."""
SHARDS_DIR = "shards"
T2S_NAME = "sitegen-t2s.json"
"""sitegen/data/t2s.json for the browser, as one JSON string of pairs "東东華华…" (smaller gzipped
than the object)."""
DOCS_DIR = "sitegen-docs"
"""Per-article gzipped JSON (url, title, date, publication, district, text) in each shard's folder.
Gzipped here, like Pagefind's own files, so hosts that do not compress JSON cost no more."""
DOC_SUFFIX = ".json.gz"
RUNTIME = ("pagefind.js", "pagefind-worker.js")
"""Pagefind's own files the search page loads, with its WebAssembly (wasm.<language>.pagefind)."""
WASM_NAME = "wasm.unknown.pagefind"
"""Pagefind's WebAssembly, as the standard binary names it (for a language it has no own code for)."""
INDEX_PARTS = ("pagefind-entry.json", "index", "filter")
"""What a shard needs in the browser besides its pf_meta: no fragments (sitegen-docs replaces them)."""
PARALLEL_RUNS = 2
"""Pagefind runs at once. One run keeps one core busy."""
RUN_BUDGET_CHARS = SHARD_CHARS
"""Characters that Pagefind runs may index at the same time: two small shards run side by side, a big
one runs alone."""
CACHE_SUBDIR = "search"
CACHE_KEEP = 64
"""Cached shards kept beyond those of the last build, the most recently used first."""
FILES_NAME = "sitegen-files.json"
"""In a cached shard: each of its files' [sha256, size, modification time in ns], checked before the shard
is used again (_sound), and the list of files that join_shards links into the site without walking the
folder."""


def index_version() -> str:
    """What a shard's bundle depends on besides its articles: this package's code, the normaliser and
    its table, Pagefind's version."""
    package = Path(__file__).resolve().parent
    files = sorted(package.glob("*.py")) + [package.parent / "lexicon.py", package.parent / "data" / "t2s.json"]
    h = hashlib.sha256()
    for path in files:
        h.update(path.relative_to(package.parent).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        h.update(metadata.version("pagefind_bin").encode())
    except metadata.PackageNotFoundError:
        pass
    return h.hexdigest()


def shard_key(shard: Shard, version: str) -> str:
    """The cache key of a shard's bundle: a hash of its articles (every field indexed: URL path and
    DocStub.digest) and version."""
    h = hashlib.sha256(json.dumps([version, shard.name]).encode())
    for d in shard.articles:
        h.update(f"{len(d.url_path)}:{d.url_path}".encode("utf-8", "surrogatepass") + d.digest)
    return h.hexdigest()[:32]


class DocsWanted(Exception):
    """A shard must be indexed and the documents of these articles (URL paths) were not given: the caller
    gives them and asks again. Raised where a cached shard it counted on is gone or damaged."""

    def __init__(self, url_paths: Sequence[str]):
        super().__init__(f"the documents of {len(url_paths)} articles are needed to index their shard")
        self.url_paths = tuple(url_paths)


def articles_to_index(articles: Sequence[DocStub], cache_dir: Path | None,
                      shard_chars: int = SHARD_CHARS) -> set[str]:
    """The URL paths of the articles whose documents index_articles needs: those of the shards not in the
    cache (every one without a cache). A shard found here but damaged when it is used asks for its
    documents then (DocsWanted)."""
    version = index_version()
    root = Path(cache_dir) / CACHE_SUBDIR if cache_dir is not None else None
    return {d.url_path for shard in plan_shards(articles, shard_chars)
            if root is None or not (root / shard_key(shard, version)).is_dir() for d in shard.articles}


def write_docs(docs: Sequence[SearchDoc], bundle: Path) -> None:
    """Write sitegen-docs/<page id>.json.gz for every doc; refuse a bundle that lacks or adds pages."""
    ids = page_ids(bundle)
    wanted = {"/" + d.url_path for d in docs}
    missing, extra = sorted(wanted - ids.keys()), sorted(ids.keys() - wanted)
    if missing or extra:
        raise SitegenError(f"search: Pagefind indexed {len(ids)} pages for {len(docs)} articles; "
                           f"missing {missing[:5]}, unexpected {extra[:5]}")
    out = bundle / DOCS_DIR
    out.mkdir()
    for doc in docs:
        (out / f"{ids['/' + doc.url_path]}{DOC_SUFFIX}").write_bytes(gzip.compress(doc_json(doc), 9, mtime=0))


def index_shard(shard: Shard, docs: Sequence[SearchDoc], out: Path, budget: MemoryBudget | None = None) -> bool:
    """Index one shard, whose articles' documents are docs, into the folder out (created): Pagefind's
    bundle without fragments and UI, plus sitegen-docs. Return False, writing nothing, when no article has anything to search.

    budget: held while Pagefind runs (its memory), not while its input is written or its output read,
    so that one shard is made ready while another one's Pagefind runs."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # Beside out, so that the bundle is moved there, not copied.
    with tempfile.TemporaryDirectory(prefix=".sitegen-shard-", dir=out.parent) as tmp:
        shadow, bundle = Path(tmp) / "site", Path(tmp) / "bundle"
        shadow.mkdir()
        docs = write_shadow(docs, shadow)
        if not docs:
            return False
        with budget.hold(chars(shard)) if budget else contextlib.nullcontext():
            output = run_pagefind(shadow, bundle)
        log.debug("pagefind %s: %s", shard.name, output)
        try:
            make_filters_deterministic(bundle)
        except (ValueError, LookupError, TypeError) as e:
            log.warning("search: left Pagefind's filter files as written (not reproducible): %s", e)
        write_docs(docs, bundle)
        out.mkdir(parents=True)
        keep = [*RUNTIME, *INDEX_PARTS, DOCS_DIR]
        for path in sorted(bundle.iterdir()):
            if path.name in keep or path.suffix in (".pf_meta", ".pagefind"):
                shutil.move(str(path), str(out / path.name))
    return True


def _walk(folder: Path) -> Iterator[tuple[str, os.stat_result]]:
    """Every file under folder, with its stat, named relative to it ("index/zh-cn_1a2b.pf_index")."""
    stack = [(folder, "")]
    while stack:
        here, prefix = stack.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), f"{prefix}{entry.name}/"))
                elif entry.name != FILES_NAME:
                    yield prefix + entry.name, entry.stat(follow_symlinks=False)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record(folder: Path) -> dict[str, list]:
    """What FILES_NAME holds: each file's [sha256, size, mtime in ns]."""
    return {rel: [_sha256(folder / rel), st.st_size, st.st_mtime_ns] for rel, st in sorted(_walk(folder))}


def _sound(folder: Path) -> bool:
    """Whether a cached shard holds the files it was stored with, byte for byte.

    A file whose size and modification time are those recorded is taken as it was: editing it in
    place (the site's copy is a hard link to it) changes its modification time. A file whose time
    differs (a cache restored from an archive that rounds times) is checked by its hash, and the
    record is brought up to date, so that the next build need not hash it again."""
    try:
        recorded = json.loads((folder / FILES_NAME).read_text(encoding="utf-8"))
        restamped = False
        for rel, (sha, size, mtime_ns) in recorded.items():
            path = f"{folder}/{rel}"
            st = os.stat(path)
            if st.st_size != size:
                return False
            if st.st_mtime_ns != mtime_ns:
                if _sha256(Path(path)) != sha:
                    return False
                recorded[rel] = [sha, size, st.st_mtime_ns]
                restamped = True
    except (OSError, ValueError, TypeError):
        return False
    if restamped:
        write_atomically(folder / FILES_NAME, json.dumps(recorded, sort_keys=True).encode("utf-8"))
    return True


def _files(bundle: Path) -> dict[str, int]:
    """Each file of a bundle and its size: as recorded for a cached shard (checked by _sound before
    it is used), else as found."""
    try:
        return {rel: entry[1] for rel, entry in json.loads((bundle / FILES_NAME).read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, TypeError, IndexError):
        return {rel: st.st_size for rel, st in _walk(bundle)}


def _link_files(src: Path, dst: Path, files: Sequence[str]) -> None:
    """Hard-link (or copy) these files of src into dst: bundles are never changed in place."""
    # Paths as strings: a rebuild links every file of every shard, and pathlib costs more than the link.
    made: set[str] = set()
    for rel in files:
        folder = f"{dst}/{rel.rpartition('/')[0]}"
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        source, target = f"{src}/{rel}", f"{dst}/{rel}"
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)


HALF_MADE_KEEP_S = 24 * 3600
"""How long a half-made shard folder is left alone: another build may be making it."""


class ShardCache:
    """Finished shard bundles in cache_dir/search/<key>/, or none (cache_dir None: a temporary folder)."""

    def __init__(self, cache_dir: Path | None, work: Path, docs: Mapping[str, SearchDoc],
                 budget: MemoryBudget | None = None, version: str | None = None):
        self.root = Path(cache_dir) / CACHE_SUBDIR if cache_dir is not None else None
        self.work = work
        self.docs = docs
        """The documents at hand, by URL path: those of the shards to index, at least."""
        self.budget = budget
        self.version = version or index_version()
        self.hits = 0

    def bundle(self, shard: Shard, key: str) -> Path | None:
        """The shard's bundle folder, indexed now or found in the cache under key (shard_key); None if it
        has nothing to search."""
        if self.root is None:
            return self._uncached(shard, key)
        try:
            return self._cached(shard, key)
        except (OSError, SitegenError) as e:  # a full or unwritable cache only costs time
            log.warning("warning: cannot keep the search index of %s in %s (%s); indexed without the cache",
                        shard.name, self.root, e)
            return self._uncached(shard, key)

    def _docs(self, shard: Shard) -> list[SearchDoc]:
        missing = [d.url_path for d in shard.articles if d.url_path not in self.docs]
        if missing:
            raise DocsWanted(missing)
        return [self.docs[d.url_path] for d in shard.articles]

    def _uncached(self, shard: Shard, key: str) -> Path | None:
        out = self.work / key
        return out if index_shard(shard, self._docs(shard), out, self.budget) else None

    def _cached(self, shard: Shard, key: str) -> Path | None:
        out = self.root / key
        if out.is_dir():
            if _sound(out):
                self.hits += 1
                os.utime(out)
                return None if (out / ".empty").is_file() else out
            # Its files are hard-linked into the site: one edited there is edited here too.
            log.warning("search: the cached index of %s was changed or damaged; indexing it again", shard.name)
        if not room_for(self.root, 0):
            say_once(self.root, "room", "warning: not keeping the search index in %s: the disk has less than "
                     "%d MB left, which the site needs; indexed without the cache", self.root,
                     CACHE_LEAVES_FREE // 2**20)
            return self._uncached(shard, key)
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=self.root))
        try:
            if not index_shard(shard, self._docs(shard), tmp / "b", self.budget):
                (tmp / "b").mkdir()
                (tmp / "b" / ".empty").write_bytes(b"")
            (tmp / "b" / FILES_NAME).write_text(json.dumps(_record(tmp / "b"), sort_keys=True), encoding="utf-8")
            shutil.rmtree(out, ignore_errors=True)
            os.replace(tmp / "b", out)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return None if (out / ".empty").is_file() else out

    def prune(self, used: set[str]) -> None:
        """Drop cached shards beyond the CACHE_KEEP most recently used ones not used by this build, and
        the half-made ones a stopped build left (.KEY-xxxx, never read) once they are a day old: a
        younger one may be another build's, under way."""
        if self.root is None or not self.root.is_dir():
            return
        stale = time.time() - HALF_MADE_KEEP_S
        for path in self.root.iterdir():
            if path.name.startswith(".") and path.stat().st_mtime < stale:
                shutil.rmtree(path, ignore_errors=True)
        others = [p for p in self.root.iterdir() if p.name not in used and not p.name.startswith(".")]
        others.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
        for path in others[CACHE_KEEP:]:
            shutil.rmtree(path, ignore_errors=True)


def _in_site(rel: str, runtime: bool) -> bool:
    """Whether a shard's file goes into the site: Pagefind's runtime only with the primary shard."""
    top = rel.split("/", 1)[0]
    return top == DOCS_DIR or top in INDEX_PARTS or top.endswith(".pf_meta") or (
        runtime and (top in RUNTIME or top.endswith(".pagefind")))


@dataclass(frozen=True)
class Joined:
    """The search bundle as joined into a site: the list of shards for the browser (SHARDS_NAME), and the
    bundle's files (named relative to the bundle, or to the site from index_articles) that were staged and
    that the previous site has as they are (not staged: the site keeps them)."""

    listed: list[dict]
    staged: tuple[str, ...]
    unchanged: tuple[str, ...]

    def in_folder(self, prefix: str) -> Joined:
        return Joined(self.listed, tuple(prefix + rel for rel in self.staged),
                      tuple(prefix + rel for rel in self.unchanged))


def _inodes(folder: str) -> dict[str, int]:
    """Every file under folder (named relative to it) with its inode, from the folders' listings alone: a
    stat a file would cost more than the rest of a rebuild's join (50,000 files at 8,000 issues)."""
    files: dict[str, int] = {}
    stack = [(folder, "")]
    while stack:
        here, prefix = stack.pop()
        try:
            with os.scandir(here) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, f"{prefix}{entry.name}/"))
                    else:
                        files[prefix + entry.name] = entry.inode()
        except (FileNotFoundError, NotADirectoryError):
            pass
    return files


def _same_bytes(path: str, old: str) -> bool:
    """Whether old is a file (not a link) with the bytes of the file path."""
    try:
        info = os.lstat(old)
        return stat.S_ISREG(info.st_mode) and info.st_size == os.stat(path).st_size and \
            filecmp.cmp(path, old, shallow=False)
    except OSError:
        return False


def _device(path: Path) -> int | None:
    try:
        return os.stat(path).st_dev
    except OSError:
        return None


class _Joining:
    """Files put into a joined bundle at out, each unless the previous site's bundle (previous) has it as
    it is: the same file (the cache's, hard-linked into the site by an earlier build) or the same bytes."""

    def __init__(self, out: Path, previous: Path | None):
        self.out = out
        self.previous = previous
        self.old = _inodes(str(previous)) if previous is not None else {}
        """The previous bundle's files and their inodes (none without a previous site)."""
        self.device = _device(previous) if previous is not None else None
        self.staged: list[str] = []
        self.unchanged: list[str] = []

    def link(self, src: Path, files: Sequence[str], rel: str) -> None:
        """Put these files of the bundle src at out/rel."""
        if not self.old:
            _link_files(src, self.out / rel, files)
            self.staged.extend(rel + f for f in files)
            return
        # Inodes compare only on one file system: the same number on two is two files.
        ours = _inodes(str(src)) if _device(src) == self.device else {}
        wanted = []
        for f in files:
            target = rel + f
            old = self.old.get(target)
            if old is not None and (ours.get(f) == old or _same_bytes(f"{src}/{f}", f"{self.previous}/{target}")):
                self.unchanged.append(target)
            else:
                wanted.append(f)
                self.staged.append(target)
        _link_files(src, self.out / rel, wanted)

    def write(self, rel: str, data: bytes) -> None:
        """Put a file made here (not a shard's) at out/rel."""
        if rel in self.old and holds(f"{self.previous}/{rel}", data):
            self.unchanged.append(rel)
            return
        (self.out / rel).write_bytes(data)
        self.staged.append(rel)

    def joined(self, listed: list[dict]) -> Joined:
        return Joined(listed, tuple(self.staged), tuple(self.unchanged))


def join_shards(bundles: Sequence[tuple[Shard, Path]], out: Path, first_pages: int = FIRST_PAGES,
                previous: Path | None = None) -> Joined:
    """Put the shard bundles together (in browser_order): the first at out (with Pagefind's runtime), the
    others in out/shards/<name>/, each with its own sitegen-docs, and the list of shards.

    Pagefind names a page by a hash of 7 hex digits, made longer only on a clash within one run: pages
    of two shards may share a name. The browser therefore knows a page by its shard and its name, and
    reads its doc from its shard's folder.

    previous: the bundle of the site these files go into (site/pagefind), or None. Only the files it does
    not have as they are go into out: a rebuild stages the shards it indexed again and the joined files
    that changed, and the site keeps the rest (Joined.unchanged), however many shards are cached.
    """
    out.mkdir(parents=True)
    joining = _Joining(out, previous if previous is not None and previous.is_dir() else None)
    listed: list[dict[str, object]] = []
    before = 0  # pages in the shards listed
    for n, (shard, bundle) in enumerate(bundles):
        rel = "" if n == 0 else f"{SHARDS_DIR}/{shard.name}/"
        joining.link(bundle, sorted(f for f in _files(bundle) if _in_site(f, runtime=n == 0)), rel)
        entry = (bundle / "pagefind-entry.json").read_bytes()
        [lang] = json.loads(entry)["languages"].values()  # one language: zh-cn
        listed.append({"dir": rel, "tag": hashlib.sha256(entry).hexdigest()[:16],
                       "meta": f"pagefind.{lang['hash']}.pf_meta", "pages": lang["page_count"],
                       "first": n == 0 or before < first_pages})
        before += lang["page_count"]
    joining.write(SHARDS_NAME, json.dumps(listed).encode("utf-8"))
    joining.write(T2S_NAME, t2s_pairs())
    return joining.joined(listed)


def t2s_pairs() -> bytes:
    """The traditional -> simplified table as the browser reads it."""
    table = json.loads((Path(__file__).resolve().parent.parent / "data" / "t2s.json").read_text(encoding="utf-8"))
    return json.dumps("".join(k + v for k, v in table.items()), ensure_ascii=False).encode("utf-8")


class MemoryBudget:
    """Let Pagefind runs go on together only while their shards' characters add up to at most
    limit (a run alone may exceed it): memory grows with the characters indexed."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0
        self.cond = threading.Condition()

    @contextlib.contextmanager
    def hold(self, chars: int) -> Iterator[None]:
        with self.cond:
            self.cond.wait_for(lambda: self.used == 0 or self.used + chars <= self.limit)
            self.used += chars
        try:
            yield
        finally:
            with self.cond:
                self.used -= chars
                self.cond.notify_all()


def log_like_parent(level: int) -> None:
    """Set up logging in a process of its own that builds the index (engine/build.py starts one) as its
    parent's. Here, so that such a process imports the search package and what it needs only, not the
    whole build (Jinja, jieba, pypinyin)."""
    logging.basicConfig(level=level, format="%(message)s")


def build_search_index(docs: Sequence[SearchDoc], site_dir: Path, cache_dir: Path | None = None,
                       shard_chars: int = SHARD_CHARS, first_pages: int = FIRST_PAGES) -> list[dict]:
    """Write the search bundle for docs into site_dir/'pagefind', reusing the shards cached in
    cache_dir (None: no cache); raise SitegenError with a clear message if Pagefind fails. Return the
    list of shards as the browser reads it (SHARDS_NAME)."""
    return index_articles([stub_of(d) for d in docs], {d.url_path: d for d in docs}, site_dir, cache_dir,
                          shard_chars, first_pages).listed


def hand_over(docs: Iterable[SearchDoc], folder: Path) -> Path:
    """Write docs into a new file in folder, for index_handed_over in another process: handed as an
    argument, they would stay in the sender's memory until the index is built (the executor keeps every
    argument of a call under way), beside the site's pages at the build's fullest."""
    fd, name = tempfile.mkstemp(prefix="docs-", suffix=".pickle", dir=folder)
    with os.fdopen(fd, "wb") as f:
        pickle.dump(list(docs), f, protocol=pickle.HIGHEST_PROTOCOL)
    return Path(name)


def index_handed_over(articles: Sequence[DocStub], docs_files: Sequence[Path], site_dir: Path,
                      cache_dir: Path | None = None, previous_site: Path | None = None) -> Joined:
    """index_articles with the documents written by hand_over into docs_files."""
    docs: dict[str, SearchDoc] = {}
    for path in docs_files:
        with open(path, "rb") as f:
            docs.update((d.url_path, d) for d in pickle.load(f))
    return index_articles(articles, docs, site_dir, cache_dir, previous_site=previous_site)


def index_articles(articles: Sequence[DocStub], docs: Mapping[str, SearchDoc], site_dir: Path,
                   cache_dir: Path | None = None, shard_chars: int = SHARD_CHARS,
                   first_pages: int = FIRST_PAGES, previous_site: Path | None = None) -> Joined:
    """build_search_index for every article (its DocStub), given the documents of those whose shard is
    not cached (articles_to_index) or more; raise DocsWanted when the documents of a shard to index are
    not all in docs.

    previous_site: the published site that site_dir (a staging folder) is to replace, or None. Only the
    bundle's files that site does not have as they are are written into site_dir; the others are
    Joined.unchanged, for the caller to keep (files named relative to the site: "pagefind/...")."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    target = site_dir / BUNDLE_DIR
    check_docs(articles)
    shards = plan_shards(articles, shard_chars)
    version = index_version()
    keys = {s.name: shard_key(s, version) for s in shards}
    planned = time.perf_counter()
    site_dir.mkdir(parents=True, exist_ok=True)
    # In site_dir: cached files are hard-linked into the site, and the bundle is renamed into place.
    with tempfile.TemporaryDirectory(prefix=".sitegen-search-", dir=site_dir) as tmp:
        cache = ShardCache(cache_dir, Path(tmp) / "shards", docs, MemoryBudget(RUN_BUDGET_CHARS), version)
        pool = ThreadPoolExecutor(PARALLEL_RUNS, thread_name_prefix="sitegen-search")
        try:
            # Biggest first, so that the small ones fill in beside them.
            order = sorted(shards, key=lambda s: (-chars(s), s.name))
            found = dict(zip((s.name for s in order), pool.map(cache.bundle, order, (keys[s.name] for s in order))))
        finally:  # on a failure, start no more runs (the one under way finishes)
            pool.shutdown(wait=True, cancel_futures=True)
        indexed = time.perf_counter()
        bundles = [(shard, found[shard.name]) for shard in browser_order(shards) if found[shard.name] is not None]
        bundle = Path(tmp) / "bundle"
        joined = join_shards(bundles, bundle, first_pages,
                             Path(previous_site) / BUNDLE_DIR if previous_site is not None else None)
        size = sum(size for n, (_, b) in enumerate(bundles) for rel, size in _files(b).items() if _in_site(rel, n == 0))
        size += len(json.dumps(joined.listed).encode("utf-8")) + len(t2s_pairs())
        if not bundles:
            # Pagefind refuses a site with no pages; the search page then says search is unavailable.
            log.warning("search: no articles to index; the search page will not work")
        # Replace the old bundle whole: Pagefind's file names are content hashes, so stale files
        # would otherwise pile up build after build.
        old = site_dir / f".{BUNDLE_DIR}.old"
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        shutil.move(str(bundle), str(target))
        if old.exists():
            shutil.rmtree(old)
    cache.prune(set(keys.values()))
    done = time.perf_counter()
    log.info("search: indexed %d articles in %d shards (%d from the cache; planned and keyed in %.2f s, indexed "
             "or checked in %.2f s, joined in %.2f s: %d files staged, %d kept) into %s (%.0f KB) in %.1f s",
             len(articles), len(bundles), cache.hits, planned - started, indexed - planned, done - indexed,
             len(joined.staged), len(joined.unchanged), target, size / 1024, done - started)
    return joined.in_folder(f"{BUNDLE_DIR}/")
