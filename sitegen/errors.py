"""What can go wrong with the input or the build, said so that a keeper can fix it."""
from __future__ import annotations

from dataclasses import dataclass


class SitegenError(Exception):
    """A problem with the input or the build that the user can fix; printed without a traceback."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input, with its place: `path:line: message`."""

    path: str
    line: int | None
    message: str
    severity: str = "warning"
    """"warning" (built anyway) or "error" (the file is refused)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
