"""Pagefind's own file format (gzip, "pagefind_dcd", then CBOR), read and written back in sorted order.

Pagefind 1.5.2 lists filters and their values in hash-map order, which changes from run to run, and
the file names follow: make_filters_deterministic sorts them so that the same input gives the same
bytes. Only the CBOR subset those files use is known here; anything else is refused, never guessed.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

PF_MAGIC = b"pagefind_dcd"
"""What Pagefind's files start with, once un-gzipped."""


def _cbor_read(b: bytes, i: int = 0) -> tuple[object, int]:
    """Decode the CBOR subset Pagefind's filter and meta files use: unsigned ints, text, arrays."""
    major, info = b[i] >> 5, b[i] & 31
    i += 1
    if info >= 24:
        if info > 27:
            raise ValueError(f"unexpected CBOR byte {b[i - 1]:#x}")
        size = 1 << (info - 24)
        info, i = int.from_bytes(b[i : i + size], "big"), i + size
    if major == 0:
        return info, i
    if major == 3:
        return b[i : i + info].decode("utf-8"), i + info
    if major != 4:
        raise ValueError(f"unexpected CBOR major type {major}")
    items = []
    for _ in range(info):
        item, i = _cbor_read(b, i)
        items.append(item)
    return items, i


def _cbor_write(v: object) -> bytes:
    if isinstance(v, str):
        major, n, body = 3, len(v.encode()), v.encode()
    elif isinstance(v, list):
        major, n, body = 4, len(v), b"".join(_cbor_write(x) for x in v)
    else:
        major, n, body = 0, int(v), b""
    if n < 24:
        return bytes([major << 5 | n]) + body
    size = next(s for s in (1, 2, 4, 8) if n < 1 << (8 * s))
    return bytes([major << 5 | (23 + size.bit_length())]) + n.to_bytes(size, "big") + body


def read_pf(path: Path) -> object:
    """A Pagefind filter or meta file, refused unless it encodes back to the same bytes."""
    raw = gzip.decompress(path.read_bytes())
    value, end = _cbor_read(raw, len(PF_MAGIC))
    if not raw.startswith(PF_MAGIC) or end != len(raw) or _cbor_write(value) != raw[len(PF_MAGIC) :]:
        raise ValueError(f"{path.name} is not in the format this code knows")
    return value


def pf_file(value: object, like: str) -> tuple[str, bytes]:
    """Encode a Pagefind file; name it by its content, in the shape of like ("zh-cn_" + hex digits)."""
    data = PF_MAGIC + _cbor_write(value)
    lang, _, digits = like.rpartition("_")
    return f"{lang}_{hashlib.sha256(data).hexdigest()[: len(digits)]}", gzip.compress(data, mtime=0)


def make_filters_deterministic(bundle: Path) -> None:
    """Rewrite Pagefind's filter files and pf_meta with filters and their values in sorted order.

    Everything is read and checked before anything is written."""
    writes: dict[Path, bytes] = {}
    renames: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = read_pf(path)
        new, data = pf_file([name, sorted([v, sorted(pages)] for v, pages in values)], path.stem)
        renames[path.stem] = new
        writes[path] = b""
        writes[path.with_name(f"{new}.pf_filter")] = data
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang in entry["languages"].values():
        meta_path = bundle / f"pagefind.{lang['hash']}.pf_meta"
        meta = read_pf(meta_path)  # [version, pages, index chunks, filters, sorts, meta fields]
        meta[3] = sorted([name, renames[old]] for name, old in meta[3])
        lang["hash"], data = pf_file(meta, lang["hash"])
        writes[meta_path] = b""
        writes[bundle / f"pagefind.{lang['hash']}.pf_meta"] = data
    writes[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    for path, data in writes.items():  # deletions (b"") come before the file that replaces them
        if data:
            path.write_bytes(data)
        else:
            path.unlink()
