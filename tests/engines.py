"""Firefox ESR, WebKitGTK and WPE WebKit driven alike, for the cross-engine lane (tests/test_engines.py).

| engine | what it stands for | driven by |
|---|---|---|
| firefox | Firefox (`firefox-esr`) | puppeteer-core over WebDriver BiDi, headless (tests/engines_driver.mjs) |
| webkitgtk | Safari's engine today (`webkit2gtk-driver`) | Selenium and WebKitWebDriver, under Xvfb (xvfb-run) |
| wpe | Safari 16.0 and the older iPhones (WPE WebKit 2.38: `wpewebkit-driver`, `cog`) | Selenium and WPEWebDriver, headless |

None of them gives the page's console over classic WebDriver, so the pages are served with an error
catcher put in their head (`serve_with_error_catcher`), which every engine is asked for alike.
`./bin/test` installs the engines; a test whose engine is not installed is skipped, saying which package.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from conftest import _QuietHandler, _Server

ROOT = Path(__file__).resolve().parent.parent
DRIVER_JS = Path(__file__).resolve().parent / "engines_driver.mjs"
FIREFOX = "/usr/bin/firefox-esr"
WEBKITGTK_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
WPE_DRIVER = "/usr/bin/WPEWebDriver"
COG = "/usr/bin/cog"
XVFB_RUN = "/usr/bin/xvfb-run"
XAUTH = "/usr/bin/xauth"
ENGINES = ("firefox", "webkitgtk", "wpe")
NEEDS = {  # engine -> (files it needs, the Debian packages that hold them)
    "firefox": ((FIREFOX,), "firefox-esr"),
    "webkitgtk": ((WEBKITGTK_DRIVER, MINIBROWSER, XVFB_RUN, XAUTH), "webkit2gtk-driver xvfb xauth"),
    "wpe": ((WPE_DRIVER, COG), "wpewebkit-driver cog"),
}
START_TIMEOUT = 60
"""Seconds for an engine to start and open its session (WebKitWebDriver hangs without a display)."""
SCRIPT_TIMEOUT = 60
"""Seconds for a page to load, or a script to give its answer (passed to the Firefox driver too)."""

ERROR_CATCHER = """<script>(() => {
  const errors = window.__sitegenErrors = [];
  addEventListener("error", (e) => {
    const el = e.target;
    if (el && el !== window && (el.src || el.href)) errors.push(`failed to load ${el.src || el.href}`);
    else errors.push(`${e.message}${e.filename ? ` (${e.filename}:${e.lineno})` : ""}`);
  }, true);
  addEventListener("unhandledrejection", (e) => errors.push(`unhandled rejection: ${e.reason}\n${e.reason?.stack}`));
  const consoleError = console.error;
  console.error = (...args) => {
    errors.push("console.error: " + args.map((a) => (a instanceof Error ? `${a}\n${a.stack}` : String(a))).join(" "));
    consoleError.apply(console, args);
  };
})();</script>"""
"""Put first in every page's head: keeps the page's errors, thrown, rejected or logged, in window.__sitegenErrors."""


def missing(engine: str) -> str | None:
    """Why engine cannot run here (the package to install), or None."""
    files, packages = NEEDS[engine]
    gone = [f for f in files if not Path(f).exists()]
    return f"{', '.join(gone)} missing: ./bin/test installs {packages}" if gone else None


def serve_with_error_catcher(root: Path) -> tuple[_Server, str]:
    """Serve root on 127.0.0.1 as serve_dir does, every HTML page with ERROR_CATCHER first in its head."""

    class Handler(_QuietHandler):
        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            if path.suffix != ".html" or not path.is_file():
                return super().send_head()
            html = path.read_text(encoding="utf-8")
            body = re.sub(r"<head>", "<head>" + ERROR_CATCHER, html, count=1).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    server = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _call(fn: str, arg: Any) -> str:
    """An expression that calls the JavaScript function fn on arg (JSON) and gives its result, awaited."""
    return f"Promise.resolve(({fn})({json.dumps(arg, ensure_ascii=False)}))"


class Engine:
    """One engine with one page open: what the tests do in it, the same in every engine."""

    name: str
    version: str
    """The engine's own version, as its driver gives it."""

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def evaluate(self, fn: str, arg: Any = None) -> Any:
        """Call the JavaScript function fn (source text, may be async) on arg in the page; its result as JSON."""
        raise NotImplementedError

    def screenshot(self, path: Path) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def wait_for(self, fn: str, arg: Any = None, timeout: float = 30) -> Any:
        """Wait until fn(arg) is truthy in the page (a page being left or loaded counts as not yet); return it."""
        end, last = time.monotonic() + timeout, None
        while time.monotonic() < end:
            try:
                got = self.evaluate(fn, arg)
                if got:
                    return got
            except RuntimeError as e:  # the page was navigating: ask the next one
                last = e
            time.sleep(0.1)
        state = self.evaluate("() => [location.href, document.querySelector('.search-status')?.textContent,"
                              " window.__sitegenErrors]")
        raise AssertionError(f"{self.name} {self.version}: timed out waiting for {fn} ({arg!r}); page {state}; last error {last}")

    def errors(self) -> list[str]:
        """The page's JavaScript errors so far (the page must have the error catcher)."""
        got = self.evaluate("() => window.__sitegenErrors ?? null")
        assert got is not None, f"{self.name}: the page has no error catcher: serve it with serve_with_error_catcher"
        return got


class Firefox(Engine):
    name = "firefox"

    def __init__(self) -> None:
        node = shutil.which("node")
        if not node or not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            pytest.fail("puppeteer-core is missing: run ./bin/test, which installs it with npm ci")
        self.proc = subprocess.Popen([node, str(DRIVER_JS), FIREFOX, str(SCRIPT_TIMEOUT)], cwd=ROOT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8", start_new_session=True)
        self.n = 0
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            try:
                ready = pool.submit(self.proc.stdout.readline).result(timeout=START_TIMEOUT)
            except concurrent.futures.TimeoutError:
                self.close()
                pytest.fail(f"Firefox did not start in {START_TIMEOUT} s")
        if not ready:
            self.close()
            pytest.fail("Firefox did not start: see the driver's error above")
        self.version = json.loads(ready)["ready"]

    def _send(self, cmd: str, **kw: Any) -> Any:
        self.n += 1
        self.proc.stdin.write(json.dumps({"id": self.n, "cmd": cmd, **kw}, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline() or '{"error": "the driver stopped"}')
        if "error" in answer:
            raise RuntimeError(f"firefox: {cmd}: {answer['error']}")
        return answer["value"]

    def goto(self, url: str) -> None:
        self._send("goto", url=url)

    def evaluate(self, fn: str, arg: Any = None) -> Any:
        return self._send("evaluate", expr=_call(fn, arg))

    def screenshot(self, path: Path) -> None:
        self._send("screenshot", path=str(path))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Selenium(Engine):
    """WebKitGTK or WPE: its WebDriver server started here, Selenium talking to it."""

    def __init__(self, command: list[str], options: Any, env: dict[str, str] | None = None) -> None:
        from selenium import webdriver
        from selenium.webdriver.remote.client_config import ClientConfig
        from selenium.webdriver.remote.remote_connection import RemoteConnection

        port = _free_port()
        self.proc = subprocess.Popen([*command, f"--port={port}"], env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        self.driver = None
        end = time.monotonic() + START_TIMEOUT
        while True:  # the driver listens once it is up
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > end or self.proc.poll() is not None:
                    self.close()
                    pytest.fail(f"{self.name}: {command[-1]} did not start")
                time.sleep(0.1)
        pool = concurrent.futures.ThreadPoolExecutor(1)
        try:  # a session that cannot reach a display hangs rather than failing
            server = RemoteConnection(client_config=ClientConfig(remote_server_addr=f"http://127.0.0.1:{port}"))
            self.driver = pool.submit(webdriver.Remote, server, options=options).result(
                timeout=max(1.0, end - time.monotonic()))
        except concurrent.futures.TimeoutError:
            self.close()
            pytest.fail(f"{self.name}: no WebDriver session within {START_TIMEOUT} s")
        finally:
            pool.shutdown(wait=False)
        self.driver.set_script_timeout(SCRIPT_TIMEOUT)
        self.driver.set_page_load_timeout(SCRIPT_TIMEOUT)
        self.version = self.driver.capabilities.get("browserVersion", "?")

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def evaluate(self, fn: str, arg: Any = None) -> Any:
        from selenium.common.exceptions import WebDriverException

        try:
            got = self.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                f"{_call(fn, arg)}.then((value) => done({{value}}), (e) => done({{error: `${{e}}\\n${{e?.stack}}`}}));")
        except WebDriverException as e:
            raise RuntimeError(f"{self.name}: {e.msg}") from e
        if "error" in got:
            raise RuntimeError(f"{self.name}: {got['error']}")
        return got.get("value")

    def screenshot(self, path: Path) -> None:
        # WebKit can give the frame before the last change: let two frames be drawn first.
        self.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        self.driver.save_screenshot(str(path))

    def close(self) -> None:
        from selenium.common.exceptions import WebDriverException

        if self.driver is not None:
            with contextlib.suppress(WebDriverException):  # the driver is stopped below whatever state it is in
                self.driver.quit()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class WebKitGTK(_Selenium):
    name = "webkitgtk"

    def __init__(self) -> None:
        from selenium.webdriver.webkitgtk.options import Options

        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        # WebKitGTK has no headless mode: a virtual display of its own, on the first free number.
        super().__init__([XVFB_RUN, "-a", "-s", "-screen 0 1280x1024x24", WEBKITGTK_DRIVER], options)
        self.driver.set_window_size(1280, 900)


class WPE(_Selenium):
    name = "wpe"

    def __init__(self) -> None:
        from selenium.webdriver.wpewebkit.options import Options

        options = Options()
        options.binary_location = COG
        options.add_argument("--automation")
        options.add_argument("--platform=headless")
        options.set_capability("browserName", "cog")  # WPEWebDriver refuses Selenium's default name
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        super().__init__([WPE_DRIVER], options, env)  # its headless window stays 800 × 600


def start(engine: str) -> Engine:
    """Start engine with one page open; skip when it is not installed."""
    why = missing(engine)
    if why:
        pytest.skip(f"{engine}: {why}")
    if engine != "firefox":
        try:
            import selenium  # noqa: F401
        except ImportError:
            pytest.fail("selenium is missing: run ./bin/test, which installs the test extra of pyproject.toml")
    return {"firefox": Firefox, "webkitgtk": WebKitGTK, "wpe": WPE}[engine]()
