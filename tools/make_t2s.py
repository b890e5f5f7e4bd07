"""Generate sitegen/data/t2s.json, the traditional -> simplified character table, from OpenCC's data.

Run once with the `opencc-python-reimplemented` package installed and commit the output:

    python tools/make_t2s.py            # writes sitegen/data/t2s.json
    python tools/make_t2s.py --check    # exits 1 if the committed file is out of date

The table must keep search text position-aligned in Python (code points) and in JavaScript (UTF-16
code units), so only single-character entries are kept whose source and target have the same UTF-16
length: a BMP character maps to a BMP character, an astral one to an astral one. Where OpenCC lists
several candidates the first one is kept. CJK compatibility ideographs (U+F900-FAFF, U+2F800-2FA1F)
are added as their canonical equivalents, and chains are resolved so that applying the table twice
changes nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "sitegen" / "data" / "t2s.json"


def _utf16_len(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def read_opencc() -> dict[str, str]:
    """Read OpenCC's TSCharacters.txt as {traditional: first simplified candidate}."""
    import opencc  # the PyPI package opencc-python-reimplemented

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        key, _, values = line.partition("\t")
        if not values:
            raise SystemExit(f"{path}:{n}: expected 'traditional<TAB>simplified', got {line!r}")
        table[key] = values.split(" ")[0]
    return table


def compat_ideographs() -> dict[str, str]:
    """Map CJK compatibility ideographs to their canonical (NFC) unified ideograph."""
    out = {}
    for lo, hi in ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            canon = unicodedata.normalize("NFC", ch)
            if len(canon) == 1 and canon != ch:
                out[ch] = canon
    return out


def make_table() -> dict[str, str]:
    """Build the single-char, length-preserving, idempotent table."""
    raw = compat_ideographs()
    raw.update(read_opencc())
    table = {
        k: v
        for k, v in raw.items()
        if len(k) == 1 and len(v) == 1 and k != v and _utf16_len(k) == _utf16_len(v)
    }
    # Resolve chains (A -> B, B -> C becomes A -> C) so one lookup is enough; stop on cycles.
    for key in list(table):
        seen = {key}
        target = table[key]
        while target in table and target not in seen and _utf16_len(table[target]) == _utf16_len(key):
            seen.add(target)
            target = table[target]
        table[key] = target
    return {k: v for k, v in sorted(table.items()) if k != v}


def render(table: dict[str, str]) -> str:
    """One entry a line, sorted by code point: stable bytes and readable diffs."""
    lines = [f"{json.dumps(k, ensure_ascii=False)}:{json.dumps(v, ensure_ascii=False)}" for k, v in table.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed table is out of date")
    args = parser.parse_args(argv)
    text = render(make_table())
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT}: out of date; run python tools/make_t2s.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.splitlines()) - 2} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
