"""Stopping a build on SIGTERM or SIGINT (a CI cancel, `timeout`, Ctrl-C): promptly, whatever it is doing.

Every process the build started (the pool reading issue files, the search process and its Pagefind
runs, the second renderer) is killed at once, so that none outlives sitegen and none is waited for;
then the signal is raised in the build as Interrupted, and the build's own clean-up runs as for any
failure: the staging folder is removed and the previous site stays as it was. (The removal of an old site
once the new one is swapped in is no process of the build's: it goes on alone, site/write.py.)"""
from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from multiprocessing import resource_tracker
from pathlib import Path


class Interrupted(BaseException):
    """The build was told to stop by a signal. Not a KeyboardInterrupt, which libraries catch to end quietly
    (livereload's server does): this one reaches the command line, which says so."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGINT stop what runs in this block: descendants killed, then Interrupted raised."""
    def stop(signum: int, frame: object) -> None:
        if os.getpid() != owner:  # a forked worker inherited the handler: the main process decides
            os._exit(128 + signum)
        _received.append(signum)
        if _holding:  # within held(): it stops at the block's end
            return
        _stop_now(signum)

    owner = os.getpid()
    _received.clear()
    before = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def _stop_now(signum: int) -> None:
    kill_descendants()
    for callback in list(_on_stop):
        callback()
    raise Interrupted(signum)


_received: list[int] = []
"""The signals received: a loop that swallows the exception a handler raises can still see it was told."""
_on_stop: list[Callable[[], None]] = []
_holding: list[bool] = []


@contextlib.contextmanager
def held() -> Iterator[None]:
    """A step that must not stop half-way (the old site swapped for the new): a stop signal received
    within this block takes effect at its end."""
    before = len(_received)
    _holding.append(True)
    try:
        yield
    finally:
        _holding.pop()
    if not _holding and len(_received) > before:
        _stop_now(_received[-1])


def received() -> int | None:
    """The last stop signal received, if any."""
    return _received[-1] if _received else None


@contextlib.contextmanager
def also_on_stop(callback: Callable[[], None]) -> Iterator[None]:
    """Call callback (from the signal handler) when told to stop within this block: an event loop that
    catches every exception of its callbacks must be stopped, not only raised into."""
    _on_stop.append(callback)
    try:
        yield
    finally:
        _on_stop.remove(callback)


def kill_descendants() -> None:
    """SIGKILL every process below this one (children first found, then theirs), and reap the children."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The parent's pid is the fourth field, after the name, which may hold spaces: split after ")".
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile
            children.setdefault(ppid, []).append(int(entry.name))
    # multiprocessing's resource tracker is left alone: it cleans up after the others, and ends by itself
    # when this process does.
    spared = {getattr(resource_tracker._resource_tracker, "_pid", None)}
    todo, found = [os.getpid()], []
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in spared:
                found.append(child)
                todo.append(child)
    for pid in found:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
