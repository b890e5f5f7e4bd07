"""Read issue files from disk: bytes -> decoded text, plus the keeper's sidecar overrides."""
from __future__ import annotations

import codecs
import hashlib
import logging
import tomllib
from pathlib import Path

from .model import SitegenError, Source

log = logging.getLogger(__name__)

MAX_BYTES = 64 * 1024 * 1024
"""Refuse larger files: a newspaper issue is a few hundred KB at most, anything bigger is a mistake."""

OVERRIDE_KEYS = ("publication", "date", "issue_no", "total_no", "pages", "district")


def find_sources(seeds_dir: Path) -> list[Path]:
    """List the issue files in a seeds folder, in a stable order."""
    if not seeds_dir.is_dir():
        raise SitegenError(f"{seeds_dir}: no such folder; give the folder of issue files with --seeds")
    return sorted(p for p in seeds_dir.iterdir() if p.suffix == ".txt" and p.is_file())


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Decode an issue file's bytes, returning (text, encoding); refuse what is not text."""
    if not raw.strip():
        raise SitegenError(f"{path}: the file is empty; add the issue's text or remove the file")
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        text, encoding = raw.decode("utf-16"), "utf-16"
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # gb18030 decodes almost anything; this is for completeness
            raise SitegenError(f"{path}: not UTF-8 or GB18030 text; save it as UTF-8 and rebuild")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise SitegenError(f"{path}: looks like a binary file, not the text of an issue; remove it from the seeds folder")
    # A stray NUL or two (from OCR tools) carries no text; more than that made _looks_binary refuse.
    return text.replace("\x00", ""), encoding


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f\v")
    return controls > max(8, len(text) // 100)


def read_overrides(txt_path: Path, shown_path: str) -> tuple[tuple[str, str], ...]:
    """Read the keeper's sidecar NAME.toml beside NAME.txt, if there is one."""
    sidecar = txt_path.with_suffix(".toml")
    if not sidecar.exists():
        return ()
    shown = str(Path(shown_path).with_suffix(".toml"))
    try:
        with open(sidecar, "rb") as f:
            raw = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SitegenError(f"{shown}: cannot read the sidecar file ({e}); fix its TOML syntax") from None
    unknown = sorted(set(raw) - set(OVERRIDE_KEYS))
    if unknown:
        raise SitegenError(
            f"{shown}: unknown keys {', '.join(unknown)}; allowed are {', '.join(OVERRIDE_KEYS)}"
        )
    return tuple((k, str(raw[k])) for k in OVERRIDE_KEYS if k in raw)


def read_source(path: Path, shown_path: str | None = None) -> Source:
    """Read and decode one issue file; raise SitegenError naming the file when it cannot be used."""
    shown = shown_path or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SitegenError(f"{shown}: {size} bytes is more than the {MAX_BYTES} byte limit; split the file")
        raw = path.read_bytes()
    except OSError as e:
        raise SitegenError(f"{shown}: cannot read the file ({e.strerror}); check its permissions") from None
    text, encoding = decode(raw, shown)
    return Source(
        path=shown,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        overrides=read_overrides(path, shown),
    )
