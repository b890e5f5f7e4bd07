"""Show how a long build is going, phase by phase, on stderr.

On a terminal, one line per phase is redrawn as a bar; elsewhere (CI logs, pipes) a plain line is
written when a phase ends and, for a long phase, every few seconds in between, so a log never fills
with carriage returns. The summary line is not progress: the command line prints it.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 24
REDRAW_S = 0.1
"""How often a terminal bar is redrawn at most."""
LOG_EVERY_S = 10.0
"""How often a long phase writes a line when stderr is not a terminal."""


class Progress:
    """Report phases ("read", "render", …) and the items done in each."""

    def __init__(self, stream: TextIO | None = None, tty: bool | None = None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.name = ""
        self.unit = ""
        self.total: int | None = None
        self.count = 0
        self.started = 0.0
        self.shown = 0.0

    def phase(self, name: str, total: int | None = None, unit: str = "") -> None:
        """Start a phase (ending the one before); total is how many items it has, if known."""
        self.end()
        self.name, self.total, self.unit, self.count = name, total, unit, 0
        self.started = self.shown = time.monotonic()
        if self.tty:
            self._draw()

    def advance(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if self.tty and now - self.shown >= REDRAW_S:
            self.shown = now
            self._draw()
        elif not self.tty and now - self.shown >= LOG_EVERY_S:
            self.shown = now
            self._write(f"{self.name}: {self._counted()} …\n")

    def end(self) -> None:
        """End the current phase with a line saying what it did and how long it took."""
        if not self.name:
            return
        seconds = time.monotonic() - self.started
        done = f"{self.name}: {self._counted()} in {seconds:.1f} s" if self.total is not None else \
            f"{self.name}: done in {seconds:.1f} s"
        self._write(f"\r{done}\x1b[K\n" if self.tty else f"{done}\n")
        self.name = ""

    def stop(self) -> None:
        """The build failed: clear the bar and say nothing more (the error says what happened)."""
        if self.name and self.tty:
            self._write("\r\x1b[K")
        self.name = ""

    def _counted(self) -> str:
        total = f"/{self.total}" if self.total is not None and self.count < self.total else ""
        unit = self.unit.removesuffix("s") if self.count == 1 and not total else self.unit
        return f"{self.count}{total} {unit}".rstrip()

    def _draw(self) -> None:
        if self.total:
            filled = BAR_WIDTH * min(self.count, self.total) // self.total
            bar = "█" * filled + "░" * (BAR_WIDTH - filled)
            self._write(f"\r{self.name:<8} {bar} {self.count}/{self.total} {self.unit}\x1b[K")
        else:
            self._write(f"\r{self.name:<8} …\x1b[K")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


class NoProgress(Progress):
    """Report nothing: for --quiet, tests and library callers."""

    def __init__(self) -> None:
        super().__init__(stream=sys.stderr, tty=False)

    def phase(self, name: str, total: int | None = None, unit: str = "") -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def end(self) -> None:
        pass

    def stop(self) -> None:
        pass
