"""Read issue files from disk: bytes -> decoded text, plus the keeper's sidecar overrides.

What is read: UTF-8 with or without a byte-order mark, GB18030 (and so GBK and GB2312), UTF-16 and
UTF-32 with a byte-order mark, and UTF-16 without one when the text proves it. Line ends (CRLF, CR,
U+2028, form feeds) become \\n. What carries no text is dropped: NUL padding, stray control characters,
byte-order marks inside the text, Unicode noncharacters. Everything else is refused with a ReadError
that names the file, the line where it helps, and what to do: empty and binary files, documents saved
as .txt (Word, PDF, RTF), undecodable bytes, and text that decodes but reads as nonsense (mojibake).
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
import stat
import tomllib
from pathlib import Path

from ..model import FIX_KINDS, LineFix, Source
from ..config import MAX_BYTES, MB
from ..errors import SitegenError
from ..lexicon import normalize

log = logging.getLogger(__name__)

"""Refuse larger files (raised with --max-file-mb): an issue is a few hundred KB, anything this big is a mistake."""

OVERRIDE_KEYS = ("publication", "date", "issue_no", "total_no", "pages", "district")
FIX_TABLE = "fix"
"""The sidecar's array of tables of line corrections: [[fix]] line = 31, text = "…", is = "headline"."""
_PATHLIKE = re.compile(r"(?:^|[/\\])\.\.(?:[/\\]|$)|^\s*[/\\~]|^[A-Za-z]:")
"""A value that names a place in the file system: ../x, /etc, ~/x, C:\\x."""
MAX_NAME = 40
"""The longest paper or district name a sidecar may give (the longest real one is 13 characters)."""

BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (a Word .docx or similar?)", "open it and save it as plain text (UTF-8)"),
    (b"\xd0\xcf\x11\xe0", "a Word .doc or Excel file", "open it and save it as plain text (UTF-8)"),
    (b"{\\rtf", "an RTF document", "open it and save it as plain text (UTF-8)"),
    (b"%PDF-", "a PDF", "copy or export its text and save that as plain text (UTF-8)"),
    (b"\x89PNG", "a PNG image", "run OCR on it and save the text"),
    (b"\xff\xd8\xff", "a JPEG image", "run OCR on it and save the text"),
    (b"GIF8", "a GIF image", "run OCR on it and save the text"),
    (b"II*\x00", "a TIFF image", "run OCR on it and save the text"),
    (b"MM\x00*", "a TIFF image", "run OCR on it and save the text"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive", "unpack it first"),
    (b"Rar!", "a RAR archive", "unpack it first"),
)
"""How files that are not text start, what they are and what to do instead."""

_LINE_BREAKS = re.compile("\r\n|[\r\v\f\u2028\u2029]")
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufdd0-\ufdef\ufffe\uffff]")
"""Control characters (not tab or line ends), byte-order marks inside the text, noncharacters: none is
text, and HTML and XML forbid most of them. A few are dropped; many mean the file is not text."""
_NONCHAR_ASTRAL = re.compile("[" + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF)
                                           for plane in range(0x10000, 0x110000, 0x10000)) + "]")

COMMON_HANZI = (
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用多你着部能市等业全"
    "里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内"
    "西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老"
    "教万知级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领队直计别女权话少流命至报米"
    "给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
)
"""The 300 commonest characters (by jieba's dictionary): over half of any Chinese text, a tenth of mojibake."""
_COMMON = frozenset(COMMON_HANZI)
SAMPLE_CHARS = 200_000
"""How much of a text the mojibake tests read."""


class ReadError(SitegenError):
    """A file that cannot be used as an issue: where it is and why, for Problem and the command line."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")


def find_sources(seeds_dir: Path) -> list[Path]:
    """List the issue files in a seeds folder (NAME.txt, any case), in a stable order.

    Hidden files (.NAME.txt, and the ._NAME.txt that macOS leaves in archives) are not issues. Anything
    else named .txt that is not a folder is listed, so a broken link or unreadable file is reported
    rather than silently left out.
    """
    if not seeds_dir.is_dir():
        raise SitegenError(f"{seeds_dir}: no such folder; give the folder of issue files with --seeds")
    try:
        # scandir: whether an entry is a folder comes with the listing, not from a stat a file (every
        # build lists a folder of thousands of issues).
        with os.scandir(seeds_dir) as listing:
            entries = [(seeds_dir / entry.name, entry) for entry in listing]
    except OSError as e:
        raise SitegenError(f"{seeds_dir}: cannot list the folder ({e.strerror}); check its permissions") from None
    found = []
    for p, entry in entries:
        if p.suffix.lower() != ".txt" or _is_dir(entry):
            continue
        if p.name.startswith("."):
            log.info("%s: hidden file, not read", p)
            continue
        found.append(p)
    return sorted(found)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # as Path.is_dir: what cannot be looked at is no folder (and is reported when read)
        return False


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Decode an issue file's bytes, returning (text, encoding); refuse what is not text with a ReadError.

    The text has \\n line ends and nothing that is not text (see the module docstring); every other
    character is kept exactly.
    """
    if not raw.strip(b" \t\r\n\x00"):
        raise ReadError(path, None, "the file is empty; add the issue's text or remove the file")
    for magic, kind, todo in SIGNATURES:
        if raw.startswith(magic):
            raise ReadError(path, None, f"this is {kind}, not the plain text of an issue; {todo}")
    text, encoding = _decode_bytes(raw, path)
    text = _LINE_BREAKS.sub("\n", text)
    body = text.strip("\x00")  # NUL padding at either end says nothing
    nuls = body.count("\x00")
    controls = len(_NOT_TEXT.findall(body)) - nuls
    if controls > max(8, len(body) // 100) or nuls > len(body) // 4:
        raise ReadError(path, None, f"looks like a binary file, not the text of an issue ({controls + nuls} control "
                                    "characters); remove it from the seeds folder or save it as plain text")
    if controls or nuls or len(body) < len(text):
        log.info("%s: dropped %d NULs and %d other characters that are not text", path,
                 len(text) - len(body) + nuls, controls)
    text = _NONCHAR_ASTRAL.sub("", _NOT_TEXT.sub("", text))
    if not text.strip():
        raise ReadError(path, None, "the file has no text, only spaces; add the issue's text or remove the file")
    return text, encoding


def _clean(text: str) -> str:
    """Make line ends \\n and drop what is not text."""
    return _NONCHAR_ASTRAL.sub("", _NOT_TEXT.sub("", _LINE_BREAKS.sub("\n", text)))


def _decode_bytes(raw: bytes, path: str) -> tuple[str, str]:
    """Pick the encoding: a byte-order mark, else UTF-16 if the text proves it, else UTF-8, else GB18030."""
    marked = [(bom, encoding, name) for bom, encoding, name in BOMS if raw.startswith(bom)]
    readings = []
    for bom, encoding, name in marked:
        data = raw[len(bom):]
        try:
            readings.append((data.decode(encoding), encoding))
        except UnicodeDecodeError as e:
            if len(marked) > 1:
                continue
            line = data[:e.start].decode(encoding, "replace").count("\n") + 1
            if e.end >= len(data):
                raise ReadError(path, line, _CUT_SHORT) from None
            raise ReadError(path, line, f"starts with a {name} byte-order mark, but the bytes on this line are "
                                        f"not {name}; save the file again as UTF-8 and rebuild") from None
    # FF FE 00 00 is UTF-32's mark, or UTF-16's and a NUL: if both read and differ, nothing tells which.
    if len({_clean(text) for text, _ in readings}) > 1:
        raise ReadError(path, None, f"reads both as UTF-32 ({readings[0][0][:12]!r}) and as UTF-16 "
                                    f"({readings[1][0][:12]!r}); save it as UTF-8 and rebuild")
    if readings:
        return readings[0]
    utf8_error: UnicodeDecodeError | None = None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    # UTF-16 with no byte-order mark is told by the NUL beside every ASCII character, line ends included
    # (text with no ASCII at all cannot be told from GB18030 or UTF-8). It is seldom valid UTF-8; where it
    # is (、 is 01 30, 三\n is 09 4E 0A 00) and the UTF-8 reading differs, the file is refused.
    if b"\x00" in raw or (utf8_error is None and _CONTROL.search(text)):
        found = _utf16_without_bom(raw)
        if found and utf8_error is None and _clean(found[0]) != _clean(text):
            raise ReadError(path, None, f"reads both as UTF-16 with no byte-order mark ({found[0][:12]!r}) and as "
                                        f"UTF-8 with control characters ({text[:12]!r}); save it as UTF-8 and rebuild")
        if found:
            return found
    if utf8_error is None:
        if (garbled := _double_encoded(text)) is not None:
            raise ReadError(path, _first_line_with_latin(text), garbled)
        if (both := _also_chinese(raw, text)) is not None:
            raise ReadError(path, None, both)
        return text, "utf-8"
    gb_text: str | None = None
    try:
        gb_text = raw.decode("gb18030")
        if (nonsense := _nonsense(gb_text)) is None:
            return gb_text, "gb18030"
    except UnicodeDecodeError:
        pass
    # Text in one encoding but for a few bad bytes (a damaged or cut-short file): say where they are.
    for encoding, name in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        mostly = raw.decode(encoding, "replace")
        bad = mostly.count("\ufffd") - raw.count("\ufffd".encode(encoding))
        if 0 < bad <= max(3, len(mostly) // 1000) and _nonsense(mostly.replace("\ufffd", "")) is None:
            try:
                raw.decode(encoding)
            except UnicodeDecodeError as e:
                line = raw[:e.start].count(b"\n") + 1
                if bad == 1 and e.end >= len(raw):
                    raise ReadError(path, line, _CUT_SHORT) from None
                where = f"{bad} bad bytes, the first on this line; fix or delete them" if bad > 1 else \
                    "a bad byte on this line; fix or delete it"
                raise ReadError(path, line, f"{name} text but for {where} (an editor shows it as \ufffd) and "
                                            "rebuild") from None
    if gb_text is not None:
        raise ReadError(path, None, f"not UTF-8, and read as GB18030 it is nonsense ({nonsense}): it is in another "
                                    f"encoding{_guess(raw)}; save it as UTF-8 and rebuild")
    line = raw[:utf8_error.start].count(b"\n") + 1
    raise ReadError(path, line, "neither UTF-8 nor GB18030 text (the first bad bytes are on this line); "
                                "save the file as UTF-8 and rebuild")


_CUT_SHORT = ("the file ends in the middle of a character on this line: it may be cut short; "
              "get the whole file, or delete the broken last character, and rebuild")


def _also_chinese(raw: bytes, text: str) -> str | None:
    """Say so if bytes that are UTF-8 without one Chinese character are Chinese text in GB18030 as well.

    A few GB18030 characters are valid UTF-8 two-byte sequences (一 is Cyrillic һ); a whole issue never
    is, but a short file can be, and then nothing tells which reading is right.
    """
    if text.isascii() or _BEYOND_TWO_BYTES.search(text):
        return None
    try:
        chinese = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if _nonsense(chinese) is not None or not _CJK.search(chinese):
        return None
    at = next(i for i, ch in enumerate(text) if ch > "\x7f")
    at_gb = len(raw[:len(text[:at].encode("utf-8"))].decode("gb18030"))
    return (f"reads both as UTF-8 ({text[at:at + 12]!r}, no Chinese at all) and as GB18030 "
            f"({chinese[at_gb:at_gb + 12]!r}); if it is Chinese, convert it from GB18030 to UTF-8, else save it "
            "as UTF-8 with a byte-order mark, and rebuild")


_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f]")
"""Control characters that are never text (NUL aside: files are padded with it)."""
_BEYOND_TWO_BYTES = re.compile("[^\x00-\u07ff]")
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """Decode UTF-16 that has no byte-order mark, if one byte order gives real text; else None."""
    if len(raw) % 2:
        return None
    le = raw[1::2].count(0) >= raw[0::2].count(0)
    for encoding in ("utf-16-le", "utf-16-be") if le else ("utf-16-be", "utf-16-le"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if ("\n" in text or not text.isascii()) and _nonsense(text) is None and not _CONTROL.search(text):
            return text, encoding
    return None


def _is_ordinary(ch: str) -> bool:
    """Tell whether a non-ASCII character is one Chinese text is made of: a GB2312 character that is not
    kana, Greek or Cyrillic (the rows mojibake is full of), or a character GB2312 lacks but print uses."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return ch.isspace() or ch in "·—–…•●○◎■□◆◇★☆※" or "\u2000" <= ch <= "\u206f"
    return b[0] not in (0xA4, 0xA5, 0xA6, 0xA7)


def _nonsense(text: str) -> str | None:
    """Say why a decoded text is not Chinese text (with a sample), or None if it reads as it should."""
    # A sample is enough (mojibake is everywhere or nowhere); traditional characters count as simplified.
    text = normalize(text[:SAMPLE_CHARS])
    wide = [ch for ch in text if ch > "\x7f"]
    if not wide:
        return None
    odd = [ch for ch in wide if not _is_ordinary(ch)]
    if len(odd) > len(wide) // 10:
        return f"{len(odd) * 100 // len(wide)}% unusual characters, such as {_sample(text, odd)}"
    hanzi = [ch for ch in wide if "\u4e00" <= ch <= "\u9fff"]
    common = sum(1 for ch in hanzi if ch in _COMMON)
    distinct = set(hanzi)
    # The 300 commonest characters make up over half of any Chinese text (a third of the characters it
    # uses), and a tenth of mojibake made of valid characters (EUC-KR read as GB18030) (a twentieth of
    # those it uses). A list of names is over a tenth by either count.
    if len(hanzi) >= 200 and common < len(hanzi) * 0.15 and len(distinct & _COMMON) < len(distinct) * 0.1:
        return f"only {common * 100 // len(hanzi)}% common characters, in text such as {_sample(text, hanzi)}"
    return None


def _sample(text: str, chars: list[str]) -> str:
    """A short run of the text around the first of chars, for a message."""
    at = text.find(chars[0])
    return repr(text[at:at + 12])


def _double_encoded(text: str) -> str | None:
    """Say so if UTF-8 text is mojibake saved again: Chinese read as Latin-1 or Windows-1252 and written as UTF-8."""
    ascii_ = len(text.encode("ascii", "ignore"))
    latin = len(text.encode("latin-1", "ignore")) - ascii_
    if latin < 8 or latin * 2 < len(text) - ascii_:
        return None
    for wrong, wrong_name in (("latin-1", "Latin-1"), ("cp1252", "Windows-1252")):
        for right in ("utf-8", "gb18030"):
            try:
                fixed = text[:SAMPLE_CHARS].encode(wrong).decode(right)
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if _nonsense(fixed) is None and any(ord(ch) > 0x2E80 for ch in fixed):
                at = next(i for i, ch in enumerate(text) if "\x80" <= ch <= "\xff")
                was = text[at:at + 12]
                return (f"the text is mojibake: {right.upper()} text that was read as {wrong_name} and saved again "
                        f"({was!r} was {was.encode(wrong, 'ignore').decode(right, 'ignore')!r}); "
                        "get the original file, or convert it back, and rebuild")
    if latin * 4 >= len("".join(text[:SAMPLE_CHARS].split())) and not _CJK.search(text):
        at = next(i for i, ch in enumerate(text) if "\x80" <= ch <= "\xff")
        return (f"the text is mojibake: a quarter of it is accented Latin letters and none is Chinese "
                f"({text[at:at + 12]!r}); it was decoded with the wrong encoding and saved again: get the original "
                "file and rebuild")
    return None


def _first_line_with_latin(text: str) -> int | None:
    at = next((i for i, ch in enumerate(text) if "\x80" <= ch <= "\xff"), None)
    return text.count("\n", 0, at) + 1 if at is not None else None


def _guess(raw: bytes) -> str:
    """Name the encoding the bytes most likely are in, for the message: ' (Big5, traditional Chinese?)', or ''."""
    try:
        text = raw.decode("big5")
    except UnicodeDecodeError:
        return ""
    return " (Big5, traditional Chinese?)" if _nonsense(text) is None else ""


def read_overrides(txt_path: Path, shown_path: str) -> tuple[tuple[str, str], ...]:
    """Read the issue facts the keeper's sidecar NAME.toml gives, if there is one; refuse a bad one with a ReadError."""
    return read_sidecar(txt_path, shown_path)[0]


def read_sidecar(txt_path: Path, shown_path: str) -> tuple[tuple[tuple[str, str], ...], tuple[LineFix, ...]]:
    """Read the keeper's sidecar NAME.toml beside NAME.txt, if there is one: the issue facts it gives and its line
    corrections; refuse a bad one with a ReadError."""
    sidecar = txt_path.with_suffix(".toml")
    if not sidecar.exists():
        return (), ()
    shown = str(Path(shown_path).with_suffix(".toml"))
    try:
        raw_bytes = sidecar.read_bytes()
    except OSError as e:
        raise ReadError(shown, None, f"cannot be read ({e.strerror}); check its permissions") from None
    if not raw_bytes.removeprefix(codecs.BOM_UTF8).strip():
        return (), ()
    text, _ = decode(raw_bytes, shown)  # Notepad writes a BOM, or UTF-16
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ReadError(shown, None, f"is not valid TOML ({e}); fix its syntax") from None
    unknown = sorted(set(raw) - set(OVERRIDE_KEYS) - {FIX_TABLE})
    if unknown:
        raise ReadError(shown, None, f"unknown keys {', '.join(unknown)}; allowed are {', '.join(OVERRIDE_KEYS)} "
                                     f"and [[{FIX_TABLE}]] tables")
    out = []
    for key in (k for k in OVERRIDE_KEYS if k in raw):
        value = raw[key]
        if isinstance(value, (dict, list, bool)):
            raise ReadError(shown, None, f"{key} = {value!r} is not a single value; write it as {key} = \"…\"")
        value = str(value)
        if key in ("publication", "district"):
            _check_name(shown, key, value)
        out.append((key, value))
    return tuple(out), _read_fixes(shown, raw.get(FIX_TABLE, []))


FIX_TEXT_MIN = 2
"""Characters: a correction names at least this much of its line, so that a moved line is noticed."""


def _read_fixes(shown: str, tables: object) -> tuple[LineFix, ...]:
    """The [[fix]] tables of a sidecar, each checked for its shape (not yet against the issue's text)."""
    example = f'[[{FIX_TABLE}]] line = 31, text = "the line as printed", is = "headline"'
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ReadError(shown, None, f"{FIX_TABLE} must be written as tables, each {example}")
    fixes = []
    for i, t in enumerate(tables, 1):
        what = f"[[{FIX_TABLE}]] number {i}"
        if set(t) != {"line", "text", "is"}:
            raise ReadError(shown, None, f"{what} has keys {', '.join(sorted(t)) or 'none'}; it needs exactly "
                                         f"line, text and is: {example}")
        line, text, kind = t["line"], t["text"], t["is"]
        if not isinstance(line, int) or isinstance(line, bool) or line < 1:
            raise ReadError(shown, None, f"{what}: line = {line!r} is not a line number (1, 2, …)")
        if not isinstance(text, str) or len(text.strip()) < FIX_TEXT_MIN or "\n" in text:
            raise ReadError(shown, None, f"{what}: text = {text!r} must be the start of line {line} as printed "
                                         f"(at least {FIX_TEXT_MIN} characters, one line)")
        if kind not in FIX_KINDS:
            raise ReadError(shown, None, f"{what}: is = {kind!r} is not one of {', '.join(FIX_KINDS)}")
        fixes.append(LineFix(line, text.strip(), kind))
    return tuple(fixes)


def _check_name(shown: str, key: str, value: str) -> None:
    """Refuse a paper or district name that could only be a mistake or an attempt to reach outside the site."""
    if _PATHLIKE.search(value) or _NOT_TEXT.search(value) or "\n" in value:
        raise ReadError(shown, None, f"{key} = {value!r} looks like a path (../, /…, C:\\…) or has control "
                                     "characters; write the name as printed")
    if len(value.strip()) > MAX_NAME:
        raise ReadError(shown, None, f"{key} = {value[:20]!r}… is {len(value)} characters long; a name has at most "
                                     f"{MAX_NAME}: write the name as printed")


def _printable_path(shown: str) -> str:
    """The path as a message can show it, even when the file name is not valid UTF-8."""
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_source(path: Path, shown_path: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read and decode one issue file; raise a ReadError naming the file when it cannot be used."""
    shown = shown_path or str(path)
    printable = _printable_path(shown)
    if printable != shown:
        raise ReadError(printable, None, "the file name is not valid UTF-8 (it was made with another encoding); "
                                         "rename the file")
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(shown, None, "not a regular file; put only issue text files in the seeds folder")
        if info.st_size > max_bytes:
            raise ReadError(shown, None, _too_big(info.st_size, max_bytes))
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)
    except OSError as e:
        raise ReadError(shown, None, f"cannot read the file ({e.strerror}); check that it exists and that "
                                     "you may read it") from None
    if len(raw) > max_bytes:  # it grew since stat()
        raise ReadError(shown, None, _too_big(len(raw), max_bytes))
    text, encoding = decode(raw, shown)
    try:
        overrides, fixes = read_sidecar(path, shown)
    except ReadError as e:  # the issue is what is skipped: name it, and the sidecar that is wrong
        raise ReadError(shown, None, f"sidecar {e}") from None
    return Source(
        path=shown,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        overrides=overrides,
        fixes=fixes,
    )


def _too_big(size: int, max_bytes: int) -> str:
    return (f"{size:,} bytes is more than the limit of {max_bytes:,} ({max_bytes / MB:.3g} MB); split the file into "
            f"issues, or raise the limit with --max-file-mb {-(-size // MB)}")
