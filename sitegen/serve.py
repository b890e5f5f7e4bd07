"""`sitegen serve`: build, serve on localhost, rebuild on changes and reload the browser."""
from __future__ import annotations

import logging
import sys
import time
from dataclasses import replace
from pathlib import Path

from livereload import Server

from .build import BuildOptions, build
from .model import SitegenError

log = logging.getLogger(__name__)


STATUS = "__sitegen__/status.txt"
"""Where the served site says how the last rebuild went; static/dev.js shows a failure over the page."""


def rebuild(options: BuildOptions) -> str | None:
    """Build once; return the error message, or None when the build succeeded (the old site stays on failure)."""
    try:
        result = build(options)
    except SitegenError as e:
        print(f"error: {e}", file=sys.stderr, flush=True)
        _write_status(options.out_dir, f"error: {e}\n")
        return str(e)
    print(result.summary_line(), flush=True)
    _write_status(options.out_dir, "ok\n")
    return None


def _write_status(out_dir: Path, text: str) -> None:
    if out_dir.is_dir():  # no site yet (the first build failed): the terminal says why
        status = out_dir / STATUS
        status.parent.mkdir(exist_ok=True)
        status.write_text(text, encoding="utf-8")


def serve(options: BuildOptions, port: int = 8000) -> None:
    """Serve the site on 127.0.0.1:port and rebuild once per burst of changes."""
    # The local server serves the site at its root; dev pages load static/dev.js to show failed rebuilds.
    options = replace(options, base_url="/", dev=True)
    rebuild(options)
    server = Server()
    watched = [options.seeds_dir, options.templates_dir, options.static_dir, Path(__file__).parent / "data"]
    for folder in watched:
        server.watch(str(folder), lambda: rebuild(options), delay=0.5)
    print(f"Serving {options.out_dir} on http://127.0.0.1:{port}/ — Ctrl-C to stop", flush=True)
    server.serve(root=str(options.out_dir), host="127.0.0.1", port=port, open_url_delay=None, restart_delay=0)
