"""The keeper's line corrections from the sidecar ([[fix]] line = N, text = "…", is = "headline"), checked against
the text: a correction whose line no longer reads as it says is an error showing both, never applied elsewhere."""
from __future__ import annotations

from pathlib import Path

from ...errors import Problem
from ...model import LineFix, Source

HEAD_KINDS = ("headline", "kicker", "deck")
"""Corrections that make a line part of a headline stack: it is never joined to the text around it."""
STARTS = ("headline", "kicker", "start")
"""Corrections after which a new article begins (at the kicker or headline, or at the line itself)."""


def sidecar_of(path: str) -> str:
    return str(Path(path).with_suffix(".toml"))


def checked_fixes(source: Source) -> tuple[dict[int, str], list[Problem]]:
    """The corrections that hold (line number -> what it is) and an error for each that does not."""
    lines = source.lines
    held: dict[int, str] = {}
    problems: list[Problem] = []
    for fix in source.fixes:
        printed = lines[fix.line - 1].strip() if fix.line <= len(lines) else None
        if printed is None or not _reads(printed, fix.text):
            problems.append(_stale(source, fix, printed))
        elif held.get(fix.line, fix.kind) != fix.kind:
            problems.append(Problem(sidecar_of(source.path), None, f"line {fix.line} is given as both "
                                    f"{held[fix.line]} and {fix.kind}; keep one of the two [[fix]] tables",
                                    severity="error"))
        else:
            held[fix.line] = fix.kind
    return held, problems


def _reads(printed: str, text: str) -> bool:
    bare = printed.lstrip("#").strip()  # a Markdown heading mark is not part of the printed words
    return printed.startswith(text) or bare.startswith(text)


def _stale(source: Source, fix: LineFix, printed: str | None) -> Problem:
    now = (f"the file has only {len(source.lines)} lines" if printed is None
           else f"line {fix.line} reads “{printed[:30]}”" if printed else f"line {fix.line} is blank")
    moved = [n for n, t in enumerate(source.lines, 1) if _reads(t.strip(), fix.text)]
    hint = f" (that text is now at line {', '.join(map(str, moved))})" if moved else ""
    return Problem(sidecar_of(source.path), None,
                   f"[[fix]] line = {fix.line} says the line reads “{fix.text}”, but {now}{hint}: the file changed "
                   f"since the correction was written; correct its line or text, or remove it (it was not applied)",
                   severity="error")
