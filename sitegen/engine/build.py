"""The build: read -> parse -> infer -> identify -> classify -> plan -> render -> write -> search."""
from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from concurrent.futures import Executor, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import jinja2

from ..site import urls
from .cache import IssueCache, RenderManifest, context_hash, templates_version
from ..site.catalog import catalog_bytes
from ..archive.ids import article_id, assign_ids
from ..archive.finish import finish_issues
from ..issue.enrich import release, warm_up
from ..issue.step import IssueStep
from ..model import EnrichedIssue, Issue, ParsedIssue
from ..errors import Problem, SitegenError
from ..site.feeds import feeds, robots, sitemap
from ..archive import build_archive
from ..site.pages import Page, Plan
from ..site.plan import plan_lazily
from .progress import NoProgress, Progress
from ..config import MAX_BYTES, Config
from ..issue.read import find_sources
from ..site.render import editorial_pages, environment, render_page
from ..search import build_search_index, log_like_parent, search_docs
from ..issue.enrich.words import remove_other_versions as remove_other_segmentations
from ..site.write import StagedSite, WriteSummary

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Loaded:
    """Every usable issue file, read (and enriched), each issue with its id; and what was found wrong."""

    placed: list[tuple[str, ParsedIssue | EnrichedIssue]]
    """(id, issue) pairs (sitegen.archive.ids.assign_ids)."""
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """The files left out (with --keep-going)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


@dataclass(frozen=True)
class BuildResult:
    loaded: Loaded
    issues: list[Issue]
    pages: int
    written: WriteSummary
    seconds: float

    def summary_line(self) -> str:
        n_articles = sum(len(i.articles) for i in self.issues)
        return (f"Built {len(self.issues)} issues, {n_articles} articles, {self.pages} pages: "
                f"{self.written.written} written, {self.written.unchanged} unchanged, {self.written.removed} removed; "
                f"{len(self.loaded.warnings)} warnings, {len(self.loaded.errors)} errors in {self.seconds:.1f} s")


def load_archive(seeds_dir: Path, keep_going: bool = False, max_bytes: int = MAX_BYTES,
                 cache: IssueCache | None = None, progress: Progress | None = None,
                 classified: bool = False, workers: int | None = None) -> Loaded:
    """Read and parse every issue file and give each issue its id; a file that cannot be used is an error
    unless keep_going skips it.

    classified: also do for each issue what needs only that issue (segmentation, districts, topics,
    people, keyword candidates: sitegen.issue.enrich), giving EnrichedIssues; the keywords, which weigh
    words against the whole archive, are chosen after (sitegen.archive.finish). With a cache, an issue file whose bytes (and
    sidecar) were seen before is taken from it as it was left. The other files are done in a pool of
    processes, one per core, when there are enough of them to pay for it.
    """
    progress = progress or NoProgress()
    sources = find_sources(seeds_dir)
    progress.phase("read", len(sources), "files")
    step = IssueStep(seeds_dir, max_bytes, classified, cache.cache_dir if cache else None)
    results: list[tuple[ParsedIssue | EnrichedIssue | None, Problem | None]] = [(None, None)] * len(sources)
    keys = [cache.key(path, step.shown(path), max_bytes, step.kind) if cache else None for path in sources]
    todo = []
    for i, key in enumerate(keys):
        issue = cache.get(key, EnrichedIssue if classified else ParsedIssue) if cache else None
        if issue is None:
            todo.append(i)
        else:
            results[i] = issue, None
            progress.advance()
    for i, result in zip(todo, _map(step, [sources[i] for i in todo], workers)):
        results[i] = result
        if cache and result[0] is not None:
            cache.put(keys[i], result[0])
        progress.advance()
    if cache:
        log.info("read %d issue files, %d from the cache", len(sources), len(sources) - len(todo))
    issues: list[ParsedIssue | EnrichedIssue] = []
    problems: list[Problem] = []
    skipped: list[str] = []
    for issue, problem in results:
        if problem is not None:
            problems.append(replace(problem, severity="warning" if keep_going else "error"))
            skipped.append(problem.path)
        else:
            assert issue is not None
            problems.extend(issue.parsed.problems if isinstance(issue, EnrichedIssue) else issue.problems)
            issues.append(issue)
    placed, id_problems = assign_ids(issues)
    return Loaded(placed, problems + id_problems, skipped)


POOL_THRESHOLD = 16
"""Fewer issue files to do than this are done in-process: starting a pool costs more than it saves."""


def _map(step: IssueStep, paths: list[Path], workers: int | None):
    """step over paths, in order, in a pool of processes when that pays."""
    workers = workers or os.cpu_count() or 1
    if len(paths) < POOL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(step, paths)
        return
    if step.classified:  # load jieba's dictionary and tagger once, before forking, so that every worker shares them
        warm_up()
    # Set what the workers share apart from the collector (it would otherwise write into every object it
    # walks, and so copy the pages a forked worker shares), and let them collect their own.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.enable) as pool:
            yield from pool.map(step, paths, chunksize=max(1, min(8, len(paths) // (workers * 16))))
    except BrokenProcessPool as e:
        raise SitegenError(f"a worker process reading issue files died ({e}); the machine may be out of "
                           "memory: close other programs and build again") from e


def build(options: Config, progress: Progress | None = None) -> BuildResult:
    """Build the whole site into options.out_dir, replacing it only if everything succeeded."""
    try:
        return _build(options, progress)
    finally:
        gc.unfreeze()  # what the build set apart (see _archive_set_apart) can be collected again


def _build(options: Config, progress: Progress | None) -> BuildResult:
    started = time.monotonic()
    progress = progress or NoProgress()
    if options.cache_dir:  # every step finds the same cache, whatever folder it runs a tool in
        options = replace(options, cache_dir=options.cache_dir.resolve())
    cache = IssueCache(options.cache_dir) if options.cache_dir else None
    # The search index needs only the articles (not their keywords): it is built beside the keywords,
    # planning and rendering below, on the other core, in a process of its own (a thread would fight
    # them for Python's lock). The process is started now, so that it has started Python and imported
    # its modules (0.2 s) by the time the articles are read.
    with _background() as background:
        background.submit(os.getpid)
        try:
            with _archive_set_apart():
                loaded = load_archive(options.seeds_dir, options.keep_going, options.max_file_bytes, cache,
                                      progress, classified=True)
            refuse_unusable(loaded, options)
        except BaseException:
            progress.stop()  # the error says it all
            raise
        progress.end()
        if not options.dev:  # jieba is done with; a preview (sitegen serve) keeps it for its next rebuild
            release()
        if cache:
            cache.remove_other_versions()
            remove_other_segmentations(cache.cache_dir)
        staged = StagedSite(options.out_dir)
        docs = search_docs(loaded.placed, urls.article_path_of, urls.UNKNOWN_PAPER)
        searching = background.submit(build_search_index, docs, staged.root, options.cache_dir)
        try:
            progress.phase("classify", len(loaded.placed), "issues")
            issues = finish_issues(loaded.placed)
            progress.advance(len(issues))
            pages, manifest = render_site(issues, options, staged, progress, searching.done)
            progress.phase("search", sum(len(i.articles) for i in issues), "articles")
            try:
                searching.result()
            except BrokenProcessPool as e:
                raise SitegenError(f"the process building the search index died ({e}); the machine may be "
                                   "out of memory: close other programs and build again") from e
            progress.advance(sum(len(i.articles) for i in issues))
            progress.phase("publish")
            written = staged.publish()
            if manifest:
                manifest.save()
            progress.end()
        except BaseException:
            progress.stop()
            searching.cancel()
            wait([searching])  # a Pagefind run under way writes into the staged folder until it ends
            staged.discard()
            raise
    return BuildResult(loaded, issues, pages, written, time.monotonic() - started)


@contextlib.contextmanager
def _archive_set_apart() -> Iterator[None]:
    """Load the archive with Python's cycle collector paused, then set what was loaded apart from its later
    passes (gc.freeze) until the build ends: the archive lives that long anyway, and each full pass walked
    all of it again (a tenth of the CPU of a rebuild after one issue). The build's data holds no cycles
    to collect. `sitegen serve` builds again and again: build() lets it go once done."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _background() -> Executor:
    """One process for the search index, spawned rather than forked: it starts small and holds only its
    articles, where a forked one shares the whole archive and copies it page by page as its garbage
    collector touches it (300 MB at 10,000 articles, beside a Pagefind run's 800 MB)."""
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=log_like_parent,
                               initargs=(logging.getLogger().getEffectiveLevel(),))


def render_site(issues: list[Issue], options: Config, staged: StagedSite, progress: Progress,
                other_core_free: Callable[[], bool] = lambda: False) -> tuple[int, RenderManifest | None]:
    """Plan and render every page, feed and data file of the site into staged; return the number of pages
    and what they were rendered from (to keep once the site is published).

    other_core_free: whether, when rendering starts, nothing else needs the machine's other core (the
    search index is built): the pages are then rendered by two processes."""
    progress.phase("plan")
    base = urls.normalize_base_url(options.base_url)
    site_url = urls.site_root(options.site_url, base)
    archive = build_archive(issues)
    pages = plan_lazily(Plan(archive, urls.SiteUrls(base, site_url), options.title, options.dev),
                        editorial_pages(options.templates_dir / "pages"))
    env = environment(options.templates_dir, options.cache_dir)
    manifest = RenderManifest(options.cache_dir, options.out_dir, templates_version(options.templates_dir)) \
        if options.cache_dir else None
    progress.phase("render", len(pages), "pages")
    can_fork = (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()
    rendered, paths, first = 0, {}, 0
    while first < len(pages):
        # As soon as the other core is free, the rest is shared with a process of its own.
        if can_fork and len(pages) - first >= PARALLEL_RENDER_MIN and other_core_free():
            n, done = _render_in_two(pages, first, env, staged, manifest, progress)
            first = len(pages)
        else:
            n, done = _render_share(pages, range(first, min(first + RENDER_STRETCH, len(pages))), env, staged,
                                    manifest, progress.advance)
            first += RENDER_STRETCH
        rendered += n
        paths.update(done)
    log.info("rendered %d pages; %d had the same content as before and were kept", rendered, len(pages) - rendered)
    staged.copy_tree(options.static_dir, urls.STATIC.rstrip("/"))
    staged.write(urls.CATALOG, catalog_bytes(archive, base))
    staged.write(urls.NOJEKYLL, b"")
    for path, data in feeds(archive, options.title, site_url, base):
        staged.write(path, data)
    staged.write(urls.SITEMAP, sitemap([p for _, p in sorted(paths.items()) if not p.endswith(".html")],
                                       site_url, base))
    staged.write(urls.ROBOTS, robots(site_url, base))
    return len(pages), manifest


PARALLEL_RENDER_MIN = 1000
"""Fewer pages than this left to render are rendered in one process: forking would cost more than it saves."""
RENDER_STRETCH = 64
"""Pages rendered between two looks at whether the other core is free."""


def _render_share(pages: Sequence[Callable[[], Page]], indexes: range, env: jinja2.Environment,
                  staged: StagedSite, manifest: RenderManifest | None,
                  advance: Callable[[int], None]) -> tuple[int, dict[int, str]]:
    """Make and write the pages at these indexes; return how many were rendered (not kept) and their
    paths by index."""
    rendered, paths = 0, {}
    for i in indexes:
        page = pages[i]()
        paths[i] = page.path
        rendered += write_page(page, env, staged, manifest)
        advance(1)
    return rendered, paths


def _render_in_two(pages: Sequence[Callable[[], Page]], first: int, env: jinja2.Environment, staged: StagedSite,
                   manifest: RenderManifest | None, progress: Progress) -> tuple[int, dict[int, str]]:
    """Render every other page from pages[first] on in a forked process (which shares the planned archive
    as it is), the others here. Each page's work is its own: making its context, hashing it, rendering it or keeping
    the previous file. The forked process sends back what it recorded (files claimed, manifest entries)."""
    ctx = multiprocessing.get_context("fork")
    done_there = ctx.Value("i", 0, lock=False)
    receiving, sending = ctx.Pipe(duplex=False)
    before = staged.claims()

    def there() -> None:
        def advance(n: int) -> None:
            done_there.value += n
        try:
            result = _render_share(pages, range(first + 1, len(pages), 2), env, staged, manifest, advance)
            sending.send(("done", result, staged.claims(), manifest.current if manifest else {}))
        except SitegenError as e:
            sending.send(("error", str(e)))
        except BaseException as e:  # noqa: BLE001 - a bug: say which, in the build's own message
            log.info("rendering failed", exc_info=True)
            sending.send(("error", f"rendering failed ({type(e).__name__}: {e}); this is a bug: please report it"))

    worker = ctx.Process(target=there, name="sitegen-render", daemon=True)
    worker.start()
    sending.close()
    shown = 0

    def advance(n: int) -> None:  # this process's pages and, as they go, the other's
        nonlocal shown
        now = done_there.value
        progress.advance(n + now - shown)
        shown = now

    message = None
    try:
        rendered, paths = _render_share(pages, range(first, len(pages), 2), env, staged, manifest, advance)
        while not receiving.poll(0.1):  # a message, or the end of the pipe when the process died
            advance(0)
        try:
            message = receiving.recv()
        except EOFError:
            worker.join()
            raise SitegenError(f"the process rendering half of the pages died (exit {worker.exitcode}); the "
                               "machine may be out of memory: close other programs and build again") from None
    finally:
        if message is None:
            worker.terminate()  # this half failed (or was interrupted): the other is of no use
        worker.join()
        receiving.close()
    if message[0] == "error":
        raise SitegenError(message[1])
    _, (rendered_there, paths_there), claims_there, recorded_there = message
    advance(0)
    staged.take_claims(claims_there, before)
    if manifest:
        manifest.current.update(recorded_there)
    return rendered + rendered_there, {**paths, **paths_there}


def refuse_unusable(loaded: Loaded, options: Config) -> None:
    """Stop the build, before anything is written, on errors (and warnings with --strict) or when nothing is left."""
    failing = loaded.errors + (loaded.warnings if options.strict else [])
    if failing:
        raise SitegenError(
            "the build stopped; nothing was written:\n" + "\n".join(f"  {p}" for p in failing)
            + ("\n(--strict turns warnings into errors)" if options.strict and loaded.warnings else "")
            + ("\nuse --keep-going to build the other files anyway" if loaded.skipped or loaded.errors else ""))
    if not loaded.placed and loaded.skipped:
        raise SitegenError(
            f"every issue file in {options.seeds_dir} was skipped; nothing was written:\n"
            + "\n".join(f"  {p}" for p in loaded.problems) + "\nfix them as said above and rebuild")
    if not loaded.placed:
        raise SitegenError(f"{options.seeds_dir}: no issue files (*.txt) to build")


def write_page(page: Page, env: jinja2.Environment, staged: StagedSite, manifest: RenderManifest | None) -> bool:
    """Render one page into the staged site, unless the previous site has it rendered from the same context.

    Return whether it was rendered.
    """
    rel = urls.output_file(page.path)
    key = context_hash(page.context) if manifest else None
    previous = manifest.unchanged(rel, key) if manifest else None
    if previous and staged.keep(rel, *previous):
        manifest.record(rel, key, previous[0], staged.stamp(rel))
        return False
    data = render_page(env, page)
    staged.write(rel, data)
    if manifest:
        manifest.record(rel, key, hashlib.sha256(data).hexdigest(), staged.stamp(rel))
    return True


