"""Shared fixtures: the bundled seeds built once, a local web server, and a real Chromium.

Every build a test makes writes into temporary folders, its cache included: a test that leaves
`.sitegen-cache` or `site/` in the repository fails (see `repository_left_clean`), and so does the run. Tests that start a
browser are marked `browser`; `pytest -m "not browser"` runs the rest.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import socketserver
import threading
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.config import Config
from sitegen.engine.build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory) -> tuple[Path, BuildResult]:
    """The bundled seeds built into a temporary site (base URL /), once per test run."""
    work = tmp_path_factory.mktemp("seeds-build")
    with contextlib.chdir(ROOT):  # so that source files are named as a keeper types them: seeds/…
        result = build(Config(seeds_dir=Path("seeds"), out_dir=work / "site", cache_dir=work / "cache"))
    return work / "site", result


@pytest.fixture(scope="session")
def site_dir(seeds_site) -> Path:
    return seeds_site[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve_dir(root: Path, prefix: str = "/") -> tuple[_Server, str]:
    """Serve root on 127.0.0.1 under the URL path prefix ("/" or "/sub/"); return (server, origin+prefix)."""

    class Handler(_QuietHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(root / "__outside_prefix__")
            return super().translate_path("/" + path[len(prefix):])

    handler = functools.partial(Handler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


@pytest.fixture(scope="session")
def site_url(site_dir) -> Iterator[str]:
    """The seeds site served on localhost; the URL ends with "/"."""
    server, url = serve_dir(site_dir)
    yield url
    server.shutdown()


LEFT_BEHIND = (".sitegen-cache", "site")
"""What a build run from the repository would write there: the default cache and output folders."""


@contextlib.contextmanager
def _nothing_left_behind(by: str) -> Iterator[None]:
    there = {name for name in LEFT_BEHIND if (ROOT / name).exists()}  # a keeper's own build: left alone
    yield
    left = [name for name in LEFT_BEHIND if name not in there and (ROOT / name).exists()]
    assert not left, f"{by} left {', '.join(left)} in {ROOT}: give every build a temporary cache_dir and out_dir"


@pytest.fixture(autouse=True, scope="session")
def repository_left_clean_by_the_run() -> Iterator[None]:
    """Fail the run if its builds (in session or module fixtures too) left their cache or site in the repository."""
    with _nothing_left_behind("the test run"):
        yield


@pytest.fixture(autouse=True)
def repository_left_clean() -> Iterator[None]:
    """Fail the test that leaves a build's cache or output folder in the repository."""
    with _nothing_left_behind("the test"):
        yield


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test that starts Chromium must be marked browser, so that `-m "not browser"` stays fast."""
    unmarked = [item.nodeid for item in items
                if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None]
    if unmarked:
        raise pytest.UsageError("these tests start a browser but are not marked @pytest.mark.browser: "
                                + ", ".join(unmarked))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run bin/test, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()
