"""What can go wrong with the input or the build, said so that a keeper can fix it."""
from __future__ import annotations

import errno
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


def os_error_message(e: OSError) -> str:
    """What the machine refused, said for a keeper: the path, the error in words, and what to do."""
    where = f"{e.filename}: " if e.filename else ""
    what = e.strerror or str(e)
    return f"{where}{what}; {_WHAT_TO_DO.get(e.errno, 'check the path and build again')}"


_WHAT_TO_DO = {
    errno.ENOSPC: "free some space on that disk (or choose another --out) and build again",
    errno.EDQUOT: "free some space on that disk (or choose another --out) and build again",
    errno.EROFS: "choose another --out, on a disk that can be written, and build again",
    errno.EACCES: "choose another --out, or make that folder writable for you, and build again",
    errno.EPERM: "choose another --out, or make that folder writable for you, and build again",
    errno.ENOTDIR: "a file stands where a folder is needed: choose another --out, or move the file",
    errno.EADDRINUSE: "another program uses that port: choose another --port, or --port 0 for any free one",
}


class UsageError(SitegenError):
    """sitegen asked to do something it cannot where it was run (no archive here, a folder already in
    use): exit code 2, as for a bad flag."""
