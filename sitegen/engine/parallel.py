"""How the build uses both cores: a pool for the issue files, a process of its own for the search index,
a forked second renderer, and Python's collector kept off the archive. Speed only: each function gives
what the plain loop it replaces would give."""
from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from ..errors import SitegenError
from ..search import log_like_parent
from ..site.write import StagedSite
from .progress import Progress

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")

POOL_THRESHOLD = 16
"""Fewer issue files to do than this are done in-process: starting a pool costs more than it saves."""


def map_issues(step: Callable[[Item], Result], items: Sequence[Item], workers: int | None = None,
               warm_up: Callable[[], None] | None = None) -> Iterator[Result]:
    """step over items, in order, in a pool of forked processes when that pays.

    warm_up: loads what every step needs (jieba's dictionary) once, before forking, so that the
    workers share it instead of each loading its own.
    """
    workers = workers or os.cpu_count() or 1
    if len(items) < POOL_THRESHOLD or workers < 2 or not can_fork():
        yield from map(step, items)
        return
    if warm_up:
        warm_up()
    # Set what the workers share apart from the collector (it would otherwise write into every object it
    # walks, and so copy the pages a forked worker shares), and let them collect their own.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.enable) as pool:
            yield from pool.map(step, items, chunksize=max(1, min(8, len(items) // (workers * 16))))
    except BrokenProcessPool as e:
        raise SitegenError(f"a worker process reading issue files died ({e}); the machine may be out of "
                           "memory: close other programs and build again") from e


def can_fork() -> bool:
    return (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def collector_kept_off() -> Iterator[Callable[[], None]]:
    """Python's cycle collector paused while the archive is loaded and put together; the function yielded
    sets what was made apart from the collector's later passes (gc.freeze) until the block ends. The archive lives
    that long anyway and holds no cycles, and each full pass would walk all of it again. `sitegen serve`
    builds again and again: what one build set apart is let go when it ends."""
    gc.disable()

    def set_apart() -> None:
        gc.freeze()
        gc.enable()

    try:
        yield set_apart
    finally:
        gc.enable()
        gc.unfreeze()


def search_process() -> Executor:
    """One process for the search index, spawned rather than forked: it starts small and holds only its
    articles, where a forked one would share the whole archive and copy it page by page as its collector
    touches it. Started before the issues are read, so that Python and its imports are ready by then."""
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_search_process,
                               initargs=(logging.getLogger().getEffectiveLevel(),))
    pool.submit(os.getpid)
    return pool


def _start_search_process(log_level: int) -> None:
    # Ctrl-C reaches every process of the terminal's group: this one leaves it to the build, which
    # stops it (engine/stopping.py), instead of printing a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    log_like_parent(log_level)


PARALLEL_RENDER_MIN = 1000
"""Fewer pages than this left to render are rendered in one process: forking would cost more than it saves."""
RENDER_STRETCH = 64
"""Pages rendered between two looks at whether the other core is free."""

Share = Callable[[Iterable[int], Callable[[int], None]], tuple[int, dict[int, str]]]
"""Make and write the pages at these indexes, calling advance(1) after each; return how many were
rendered (not kept) and their paths by index."""


def render_all(count: int, share: Share, staged: StagedSite, recorded: Callable[[], dict],
               record: Callable[[dict], None], progress: Progress,
               other_core_free: Callable[[], bool]) -> tuple[int, dict[int, str]]:
    """Render pages 0..count-1 with share, in this process until the other core is free (the search index
    is built), then the rest in two: every other page in a forked process.

    recorded/record: what share noted for later (the render manifest's entries), to bring back from the
    forked process.
    """
    rendered, paths, first = 0, {}, 0
    while first < count:
        if can_fork() and count - first >= PARALLEL_RENDER_MIN and other_core_free():
            n, done = _render_in_two(count, first, share, staged, recorded, record, progress)
            first = count
        else:
            n, done = share(range(first, min(first + RENDER_STRETCH, count)), progress.advance)
            first += RENDER_STRETCH
        rendered += n
        paths.update(done)
    return rendered, paths


def _render_in_two(count: int, first: int, share: Share, staged: StagedSite, recorded: Callable[[], dict],
                   record: Callable[[dict], None], progress: Progress) -> tuple[int, dict[int, str]]:
    """Render every other page from first on in a forked process (which shares the planned archive as it
    is), the others here. Each page's work is its own: making its context, hashing it, rendering it or
    keeping the previous file. The forked process sends back what it added (files claimed, manifest
    entries)."""
    ctx = multiprocessing.get_context("fork")
    done_there = ctx.Value("i", 0, lock=False)
    receiving, sending = ctx.Pipe(duplex=False)
    before = staged.claims()

    def there() -> None:
        def advance(n: int) -> None:
            done_there.value += n
        try:
            # Only what this process adds goes back: at 8,000 issues the claims and records held before
            # (some 56,000 pages carried as they were) took a quarter of a second to pickle and as long to read.
            known = dict(recorded())
            result = share(range(first + 1, count, 2), advance)
            written, unchanged = staged.claims()
            added = {rel: entry for rel, entry in recorded().items() if known.get(rel) is not entry}
            sending.send(("done", result, (written - before[0], unchanged - before[1]), added))
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
        rendered, paths = share(range(first, count, 2), advance)
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
    record(recorded_there)
    return rendered + rendered_there, {**paths, **paths_there}
