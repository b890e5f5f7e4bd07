"""`sitegen serve`: build, serve on localhost, rebuild on changes and reload the browser."""
from __future__ import annotations

import logging
import socket
import sys
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from livereload import Server
from tornado.ioloop import IOLoop

from .config import Config
from .engine.build import build
from .engine.cache import Kept
from .engine.stopping import Interrupted, also_on_stop, received
from .errors import SitegenError, os_error_message
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
    rebuild(make, progress, out_dir, kept)
    stopped: list[Interrupted] = []

    def on_change() -> None:
        try:
            rebuild(make, progress, out_dir, kept)
        except Interrupted as e:  # raised in a callback of the server's loop, which would only log it
            stopped.append(e)
            IOLoop.current().stop()

    server = Server()
    watched = [first.seeds_dir, *first.template_dirs, *first.static_dirs, Path(__file__).parent / "data",
               *([first.data_dir] if first.data_dir.is_dir() else []), *watch_files]
    for path in watched:
        server.watch(str(path), on_change, delay=0.5)
    print(f"Serving {out_dir} on http://127.0.0.1:{port}/ — Ctrl-C to stop", flush=True)
    with also_on_stop(lambda: IOLoop.current().add_callback_from_signal(IOLoop.current().stop)):
        server.serve(root=str(out_dir), host="127.0.0.1", port=port, open_url_delay=None, restart_delay=0)
    if stopped:
        raise stopped[0]
    if (signum := received()) is not None:
        raise Interrupted(signum)
