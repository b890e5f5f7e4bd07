"""`sitegen serve`: build, serve on localhost, rebuild on changes and reload the browser."""
from __future__ import annotations

import logging
import os
import socket
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop, PeriodicCallback

from .config import Config
from .engine.build import build
from .engine.cache import Kept
from .engine.stopping import Interrupted, also_on_stop, received
from .errors import SitegenError, os_error_message
from .issue.enrich import warm_up
from .lexicon import load_lexicon
from .engine.progress import NoProgress, Progress
from .site import urls

log = logging.getLogger(__name__)


def preview(options: Config) -> Config:
    """The options of a preview build: the local server serves the site at its root, and dev pages load
    static/dev.js to show a failed rebuild."""
    return replace(options, base_url="/", dev=True)


def rebuild(options: Config | Callable[[], Config], progress: Progress | None = None,
            out_dir: Path | None = None, kept: Kept | None = None) -> str | None:
    """Build once; return the error message, or None when the build succeeded (the old site stays on failure).

    options may be a function that makes them, so that settings are read again for each rebuild; out_dir
    is where to report a failure when the settings themselves cannot be read; kept, the cache entries
    kept in memory from one rebuild to the next.
    """
    try:
        opts = preview(options() if callable(options) else options)
        out_dir = opts.out_dir
        result = build(opts, progress, kept)
    except SitegenError as e:
        print(f"error: {e}", file=sys.stderr, flush=True)
        if out_dir is not None:
            _write_status(out_dir, f"error: {e}\n")
        return str(e)
    for p in result.loaded.problems:
        print(f"warning: {p}", file=sys.stderr)
    print(result.summary_line(), flush=True)
    return None  # the preview site says "ok" itself (urls.PREVIEW_STATUS)


def _write_status(out_dir: Path, text: str) -> None:
    if out_dir.is_dir():  # no site yet (the first build failed): the terminal says why
        status = out_dir / urls.PREVIEW_STATUS
        status.parent.mkdir(exist_ok=True)
        status.write_text(text, encoding="utf-8")


POLL_SECONDS = 0.1
"""How often the watched folders' own stamps are compared. Adding, removing or renaming a file changes its
folder's (that is how issue files arrive, copied or moved in): a new issue is seen within this."""
FULL_SCAN_SECONDS = 1.0
"""How often every watched file's stamp is compared, for a file saved over in place (a template, a seed
edited), which leaves its folder's as it was. A scan costs a stat a file: thousands in a big archive."""

Stamp = tuple[int, int, int]


class ChangeWatcher(Watcher):
    """livereload's watcher for `sitegen serve`: what changed is found by comparing stamps (modification
    time, size, inode) with those of the last look, so a file moved in with an old modification time counts
    (livereload's own counts a new file only when it is newer than the server); the folders are looked at
    every POLL_SECONDS, every file every FULL_SCAN_SECONDS, where livereload's looks at every file every
    0.8 s. Paths are watched from before the first build, so a file added while it runs is built next."""

    def __init__(self) -> None:
        super().__init__()
        self._files: dict[str, tuple[str, Stamp]] = {}  # file -> (the watched path it is under, its stamp)
        self._folders: dict[str, int] = {}  # watched folders and the folders in them -> modification time
        self._scanned = 0.0

    def watch(self, path, func=None, delay=None, ignore=None):
        super().watch(path, func, delay, ignore)
        self._files, self._folders = self._scan()
        self._scanned = time.monotonic()

    def start(self, callback) -> bool:
        PeriodicCallback(callback, POLL_SECONDS * 1000).start()
        return True  # livereload starts no polling of its own

    def examine(self):
        if self._changes:  # livereload's own (the reload when the server starts)
            return self._changes.pop()
        now = time.monotonic()
        if now - self._scanned < FULL_SCAN_SECONDS and all(
                _mtime(folder) == mtime for folder, mtime in self._folders.items()):
            return None, None
        files, folders = self._scan()
        self._scanned = now
        before = self._files
        changed = {path for path in files.keys() | before.keys() if files.get(path) != before.get(path)}
        self._files, self._folders = files, folders
        if not changed:
            return None, None
        self.filepath = min(changed)
        done = []
        # Each changed file's watched path: from this look, or from the last for a file gone since.
        for path in sorted({(files.get(p) or before[p])[0] for p in changed}):
            func = self._tasks[path]["func"]
            if func and func not in done:  # every folder of sitegen's is watched with the same rebuild
                func()
                done.append(func)
        return self.filepath, None

    def _scan(self) -> tuple[dict[str, tuple[str, Stamp]], dict[str, int]]:
        files: dict[str, tuple[str, Stamp]] = {}
        folders: dict[str, int] = {}
        for path in self._tasks:
            if os.path.isdir(path):
                for root, dirs, names in os.walk(path, followlinks=True):
                    dirs[:] = sorted(d for d in dirs if d not in self.ignored_dirs)
                    folders[root] = _mtime(root)
                    for name in names:
                        full = os.path.join(root, name)
                        if not self.ignore(full) and (stamp := _stamp(full)) is not None:
                            files[full] = (path, stamp)
            else:  # a single file (the settings file): its folder's stamp moves when it is saved by renaming
                folders[os.path.dirname(path) or "."] = _mtime(os.path.dirname(path) or ".")
                if (stamp := _stamp(path)) is not None:
                    files[path] = (path, stamp)
        return files, folders


def _stamp(path: str) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def _mtime(folder: str) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return -1


def _warm_up(options: Config) -> None:
    try:
        warm_up(load_lexicon(options.tables))
    except SitegenError:  # the tables cannot be read: the next rebuild says why
        pass


def free_port(port: int) -> int:
    """The port to serve on: port itself while no other program listens there (0: any free one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as e:
            raise SitegenError(f"port {port} on 127.0.0.1: {os_error_message(e)}") from None
        return probe.getsockname()[1]


def serve(options: Config | Callable[[], Config], port: int = 8000, watch_files: Sequence[Path] = (),
          progress: Progress | None = None) -> None:
    """Serve the site on 127.0.0.1:port and rebuild once per burst of changes.

    Watched: the seeds, templates, static files, the package's tables (sitegen/data) and watch_files
    (the settings file).
    """
    make = options if callable(options) else (lambda: options)
    port = free_port(port)  # before the first build: a taken port is said at once
    first = make()
    progress = progress or NoProgress()
    out_dir = first.out_dir
    kept = Kept()  # the archive as last read, so that a rebuild reads only what changed
    server = Server(watcher=ChangeWatcher())
    # Watched from before the first build: what changes while it runs is built next.
    watched = [first.seeds_dir, *first.template_dirs, *first.static_dirs, Path(__file__).parent / "data",
               *([first.data_dir] if first.data_dir.is_dir() else []), *watch_files]
    stopped: list[Interrupted] = []

    def on_change() -> None:
        try:
            rebuild(make, progress, out_dir, kept)
        except Interrupted as e:  # raised in a callback of the server's loop, which would only log it
            stopped.append(e)
            IOLoop.current().stop()

    for path in watched:
        server.watch(str(path), on_change)
    # livereload skips a reload within 3 s of the one before (sparing the browser a burst of changes); each
    # rebuild here takes in every change made while it ran, so every one is shown, at once.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    rebuild(make, progress, out_dir, kept)
    # The first rebuild that reads an issue would wait for jieba's dictionaries (seconds): they are loaded
    # while the keeper looks at the first preview, in the server's loop, so before any change is looked at.
    IOLoop.current().add_callback(_warm_up, first)
    print(f"Serving {out_dir} on http://127.0.0.1:{port}/ — Ctrl-C to stop", flush=True)
    with also_on_stop(lambda: IOLoop.current().add_callback_from_signal(IOLoop.current().stop)):
        server.serve(root=str(out_dir), host="127.0.0.1", port=port, open_url_delay=None, restart_delay=0)
    if stopped:
        raise stopped[0]
    if (signum := received()) is not None:
        raise Interrupted(signum)
