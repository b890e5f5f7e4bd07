"""Bad input never loses data and never crashes.

Every case goes through the command line (`sitegen.cli.main`, in this process, its output captured at the
file descriptors; one smoke test runs the real `python -m sitegen`) beside a good issue, over a site built
before: a refused file stops the build with exit status 1, a message that names the file and says what to
do, no traceback, and the previous site exactly as it was; --keep-going builds the rest and lists what it
skipped. Property tests feed random bytes and random Chinese text to
the reader and the parser.

Text fixtures are in tests/fixtures/bad/ (one per case, named for it); fixtures that are bytes rather
than text (other encodings, binary files, damaged UTF-8, huge files) are made here from them or from
the bundled seed they are compared with.
"""
from __future__ import annotations

import codecs
import contextlib
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS
from sitegen.cli import main
from sitegen.errors import SitegenError
from sitegen.issue.parse import parse_text
from sitegen.issue.read import MAX_BYTES, MB, decode
from sitegen.punctuation import fullwidth_marks
from sitegen.search import SearchDoc
from sitegen.search.pagefind import shadow_page
from support import read_catalog

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
GOOD = SEEDS / "002_17d5a1e15a32e4e6.txt"
"""The good issue every case is built beside, and the original the re-encoded copies are compared with."""
GOOD_TEXT = GOOD.read_text(encoding="utf-8")


# --- running the command line ------------------------------------------------------------------------

@dataclass(frozen=True)
class Done:
    """What one run of the command line gave."""
    returncode: int
    stdout: str
    stderr: str


def sitegen(*args: str, cwd: Path) -> int:
    """`sitegen ARGS` run from the folder cwd, in this process: its exit status."""
    with contextlib.chdir(cwd):
        return main(list(args))


@pytest.fixture
def run_cli(capfd) -> Callable[..., Done]:
    """Run `sitegen ARGS` from a folder in this process; what it and the processes it starts print is captured."""
    def run(*args: str, cwd: Path) -> Done:
        capfd.readouterr()
        code = sitegen(*args, cwd=cwd)
        out, err = capfd.readouterr()
        return Done(code, out, err)
    return run


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory) -> Path:
    """A site built from the good issue alone: what a failed build must leave untouched."""
    work = tmp_path_factory.mktemp("previous")
    (work / "seeds").mkdir()
    shutil.copy(GOOD, work / "seeds")
    assert sitegen("build", "--seeds", "seeds", "--out", "site", cwd=work) == 0
    return work / "site"


@pytest.fixture
def work(tmp_path: Path, previous_site: Path) -> Path:
    """A project folder: seeds/ with the good issue, and site/ as the previous build left it."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(GOOD, tmp_path / "seeds")
    shutil.copytree(previous_site, tmp_path / "site")
    return tmp_path


def put(work: Path, name: str, data: bytes | str | None = None, fixture: str | None = None) -> Path:
    """Put a file into seeds/: given bytes or text, or a fixture (with its sidecar) under a new name."""
    target = work / "seeds" / name
    if fixture is not None:
        shutil.copy(BAD / f"{fixture}.txt", target)
        if (BAD / f"{fixture}.toml").exists():
            shutil.copy(BAD / f"{fixture}.toml", target.with_suffix(".toml"))
    elif isinstance(data, str):
        target.write_text(data, encoding="utf-8")
    else:
        target.write_bytes(data or b"")
    return target


def assert_refused(done: Done | subprocess.CompletedProcess, work: Path, previous_site: Path, *messages: str) -> None:
    """Exit status 1, each message on stderr, no traceback, and the previous site exactly as it was."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.startswith("error: the build stopped; nothing was written:\n"), done.stderr
    for message in messages:
        assert message in done.stderr, done.stderr
    assert tree(work / "site") == tree(previous_site)
    assert sorted(p.name for p in work.iterdir() if not p.name.startswith(".sitegen-cache")) == ["seeds", "site"]


def catalog(site: Path) -> dict:
    return read_catalog(site)


# --- refused files ------------------------------------------------------------------------------------

def traditional(text: str) -> str:
    """The text in traditional characters, as a Big5 file from Taiwan or Hong Kong would have it."""
    table = json.loads((ROOT / "sitegen" / "data" / "t2s.json").read_text(encoding="utf-8"))
    s2t: dict[str, str] = {}
    for trad, simp in table.items():
        s2t.setdefault(simp, trad)
    return "".join(s2t.get(ch, ch) for ch in text)


def big5(text: str) -> bytes:
    return traditional(text).encode("big5", "ignore")


def with_bad_byte(raw: bytes, line: int) -> bytes:
    """Put one byte that is valid in no encoding at the start of the given line."""
    lines = raw.split(b"\n")
    lines[line - 1] = b"\xff" + lines[line - 1]
    return b"\n".join(lines)


GOOD_UTF8 = GOOD.read_bytes()
CUT = GOOD_UTF8.rstrip()[:-1]  # the last character of the seed is "。", three bytes in UTF-8
LAST_LINE = GOOD_UTF8.rstrip().count(b"\n") + 1

REFUSED: list[tuple[str, str, Callable[[], bytes] | None, str | None, str]] = [
    # (case, file name, bytes to write, or None to copy the fixture of that name, message on stderr)
    ("empty file", "empty.txt", None, "empty",
     "seeds/empty.txt: the file is empty; add the issue's text or remove the file"),
    ("spaces only", "whitespace_only.txt", None, "whitespace_only",
     "seeds/whitespace_only.txt: the file has no text, only spaces; add the issue's text or remove the file"),
    ("image", "scan.txt", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, None,
     "seeds/scan.txt: this is a PNG image, not the plain text of an issue; run OCR on it and save the text"),
    ("Word file", "issue.txt", lambda: b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8, None,
     "seeds/issue.txt: this is a ZIP archive (a Word .docx or similar?), not the plain text of an issue"),
    ("binary without a signature", "data.txt", lambda: bytes(range(1, 32)) * 40 + b"abc" * 50, None,
     "seeds/data.txt: looks like a binary file, not the text of an issue"),
    ("undecodable bytes", "noise.txt", lambda: bytes(range(128, 256)) * 30, None,
     "seeds/noise.txt:1: neither UTF-8 nor GB18030 text (the first bad bytes are on this line); "
     "save the file as UTF-8 and rebuild"),
    ("Big5 read as GB18030 is nonsense", "big5.txt", lambda: big5(GOOD_TEXT), None,
     "seeds/big5.txt: not UTF-8, and read as GB18030 it is nonsense"),
    ("UTF-8 mojibake saved again", "mojibake.txt", None, "mojibake",
     "seeds/mojibake.txt:1: the text is mojibake: UTF-8 text that was read as Latin-1 and saved again"),
    ("one bad byte in UTF-8", "damaged.txt", lambda: with_bad_byte(GOOD_UTF8, 30), None,
     "seeds/damaged.txt:30: UTF-8 text but for a bad byte on this line; fix or delete it"),
    ("UTF-8 cut short mid-character", "cut.txt", lambda: CUT, None,
     f"seeds/cut.txt:{LAST_LINE}: the file ends in the middle of a character on this line: it may be cut short"),
    ("one bad byte in GB18030", "gbk_damaged.txt",
     lambda: with_bad_byte(GOOD_TEXT.encode("gb18030"), 12), None,
     "seeds/gbk_damaged.txt:12: GB18030 text but for a bad byte on this line; fix or delete it"),
    ("UTF-16 cut short", "utf16_cut.txt", lambda: GOOD_TEXT.rstrip().encode("utf-16")[:-1], None,
     f"seeds/utf16_cut.txt:{LAST_LINE}: the file ends in the middle of a character on this line: it may be cut short"),
    ("sidecar with bad TOML", "bad_toml.txt", None, "bad_toml",
     "seeds/bad_toml.txt: sidecar seeds/bad_toml.toml: is not valid TOML (Illegal character '\\n' (at line 1, "
     "column 20)); fix its syntax"),
    ("sidecar path outside the site", "traversal.txt", None, "traversal",
     "seeds/traversal.txt: sidecar seeds/traversal.toml: publication = '../../outside' looks like a path "
     "(../, /…, C:\\…) or has control characters; write the name as printed"),
    ("sidecar value that is a list", "sidecar_list.txt", None, "sidecar_list",
     "seeds/sidecar_list.txt: sidecar seeds/sidecar_list.toml: publication = ['石景山报', '新东城报'] is not a "
     "single value; write it as publication = \"…\""),
]


@pytest.mark.parametrize("case, name, make, fixture, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_file_stops_the_build_and_names_the_file(run_cli, work, previous_site, case, name, make, fixture, message):
    put(work, name, make() if make else None, fixture=fixture)
    done = run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work)
    assert_refused(done, work, previous_site, f"  {message}", "use --keep-going to build the other files anyway")


def test_unreadable_file_is_refused(run_cli, work, previous_site):
    (work / "seeds" / "gone.txt").symlink_to(work / "nowhere.txt")  # readable by nobody, root included
    done = run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work)
    assert_refused(done, work, previous_site, "  seeds/gone.txt: cannot read the file (No such file or directory); "
                                              "check that it exists and that you may read it")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission_is_refused(run_cli, work, previous_site):
    put(work, "locked.txt", GOOD_TEXT).chmod(0)
    done = run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work)
    assert_refused(done, work, previous_site, "  seeds/locked.txt: cannot read the file (Permission denied)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_waiting_on_it(run_cli, work, previous_site):
    os.mkfifo(work / "seeds" / "pipe.txt")
    done = run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work)
    assert_refused(done, work, previous_site, "  seeds/pipe.txt: not a regular file")


def test_file_name_that_is_not_utf8_is_refused(run_cli, work, previous_site):
    name = "石景山报".encode("gb18030") + b".txt"  # as a Windows zip file names it
    try:
        with open(os.path.join(os.fsencode(work / "seeds"), name), "wb") as f:
            f.write(GOOD_UTF8)
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    shown = name.decode("utf-8", "backslashreplace")  # bytes that are not UTF-8 as \xNN
    done = run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work)
    assert_refused(done, work, previous_site, f"  seeds/{shown}: the file name is not valid UTF-8 (it was made "
                                              "with another encoding); rename the file")


def test_too_large_file_is_refused_until_the_limit_is_raised(run_cli, work, previous_site):
    assert MAX_BYTES == 16 * MB
    put(work, "big.txt", GOOD_TEXT.replace("2020年4月16日", "2020年4月17日") * 3)
    done = run_cli("build", "--seeds", "seeds", "--out", "site", "--max-file-mb", "0.02", cwd=work)
    assert_refused(done, work, previous_site, "  seeds/big.txt: 26,529 bytes is more than the limit of 20,971 "
                                              "(0.02 MB); split the file into issues, or raise the limit with "
                                              "--max-file-mb 1")
    done = run_cli("build", "--seeds", "seeds", "--out", "site", "--max-file-mb", "0.03", cwd=work)
    assert done.returncode == 0, done.stderr
    assert len(catalog(work / "site")["issues"]) == 2


def test_max_file_mb_must_be_a_size(work, capfd):
    with pytest.raises(SystemExit) as usage:  # argparse's way out of main: the process exits with its code
        sitegen("build", "--seeds", "seeds", "--out", "site", "--max-file-mb", "lots", cwd=work)
    assert usage.value.code == 2
    assert "argument --max-file-mb: 'lots' is not a size in MB; give a number such as 32" in capfd.readouterr().err


def test_keep_going_builds_the_rest_and_lists_what_it_skipped(run_cli, work):
    skipped = []
    for case, name, make, fixture, message in REFUSED:
        put(work, name, make() if make else None, fixture=fixture)
        skipped.append(f"seeds/{name}")
    (work / "seeds" / "gone.txt").symlink_to(work / "nowhere.txt")
    skipped.append("seeds/gone.txt")
    done = run_cli("build", "--seeds", "seeds", "--out", "site", "--keep-going", cwd=work)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for case, name, make, fixture, message in REFUSED:
        assert f"skipped: {message}" in done.stderr
    assert done.stderr.rstrip().endswith(f"Skipped {len(skipped)} files, not in the site: {', '.join(sorted(skipped))}; "
                                         "fix them as said above and rebuild")
    assert [i["source_file"] for i in catalog(work / "site")["issues"]] == [f"seeds/{GOOD.name}"]
    # --strict makes a skipped file an error again.
    before = tree(work / "site")
    strict = run_cli("build", "--seeds", "seeds", "--out", "site", "--keep-going", "--strict", cwd=work)
    assert strict.returncode == 1 and "(--strict turns warnings into errors)" in strict.stderr
    assert tree(work / "site") == before


def test_keep_going_with_every_file_skipped_lists_them_and_keeps_the_site(run_cli, work, previous_site):
    (work / "seeds" / GOOD.name).unlink()
    put(work, "empty.txt", fixture="empty")
    put(work, "scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    done = run_cli("build", "--seeds", "seeds", "--out", "site", "--keep-going", cwd=work)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr == (
        "error: every issue file in seeds was skipped; nothing was written:\n"
        "  seeds/empty.txt: the file is empty; add the issue's text or remove the file\n"
        "  seeds/scan.txt: this is a PNG image, not the plain text of an issue; run OCR on it and save the text\n"
        "fix them as said above and rebuild\n")
    assert tree(work / "site") == tree(previous_site)


def test_check_reports_refused_files_too(run_cli, work):
    put(work, "empty.txt", fixture="empty")
    done = run_cli("check", "--seeds", "seeds", cwd=work)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "error: seeds/empty.txt: the file is empty" in done.stdout


def test_the_real_command_refuses_a_bad_file_with_status_1_and_no_traceback(work, previous_site):
    """The one run through `python -m sitegen` in a process of its own: its exit status and output are those
    main gives the cases above."""
    put(work, "empty.txt", fixture="empty")
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "--seeds", "seeds", "--out", "site"], cwd=work,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=600)
    assert_refused(done, work, previous_site, "  seeds/empty.txt: the file is empty; add the issue's text or remove "
                                              "the file", "use --keep-going to build the other files anyway")
    assert done.stdout == ""


# --- warned and built ---------------------------------------------------------------------------------

WARNED = [
    ("impossible date", "impossible_date",
     ["seeds/impossible_date.txt:3: date 2020年13月45日 is not a date; it was not used — correct it in the file",
      "seeds/impossible_date.txt: no date printed and none found in the text; give one as date = YYYY-MM-DD"]),
    ("no masthead", "no_masthead",
     ["seeds/no_masthead.txt: no masthead: paper 石景山报 inferred from the text; date 2020-04-15 inferred from the "
      'text (line 3); check, and where wrong or unknown set publication = "…" and date = YYYY-MM-DD in seeds/no_masthead.toml']),
    ("no headline", "no_headline",
     ["seeds/no_headline.txt:6: text with no headline (lines 6-6) is shown as “4月16日,区里召开会议,部署今…”; "
      "add its headline if the file lost it"]),
    ("no articles", "no_articles",
     ["seeds/no_articles.txt: no articles found: no line reads as a headline or paragraph; check that this is "
      "the text of an issue"]),
    ("unplaced lines", "unplaced_lines",
     ["seeds/unplaced_lines.txt:6: line not placed in any article, masthead or colophon: 田甜摄; it is listed on "
      "the issue page — check the lines around it",
      "seeds/unplaced_lines.txt:12: line not placed in any article, masthead or colophon: 【空栏目】"]),
]


@pytest.mark.parametrize("case, fixture, warnings", WARNED, ids=[w[0] for w in WARNED])
def test_warned_file_is_built_and_strict_refuses_it(run_cli, work, previous_site, case, fixture, warnings):
    put(work, f"{fixture}.txt", fixture=fixture)
    strict = run_cli("build", "--seeds", "seeds", "--out", "site", "--strict", cwd=work)
    assert_refused(strict, work, previous_site, *(f"  {w}" for w in warnings), "(--strict turns warnings into errors)")
    done = run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for w in warnings:
        assert f"warning: {w}" in done.stderr
    assert f"seeds/{fixture}.txt" in [i["source_file"] for i in catalog(work / "site")["issues"]]


def test_impossible_date_is_never_written_as_a_date(run_cli, work):
    put(work, "impossible_date.txt", fixture="impossible_date")
    assert run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work).returncode == 0
    issue = next(i for i in catalog(work / "site")["issues"] if i["source_file"] == "seeds/impossible_date.txt")
    assert issue["date"] is None and issue["id"].startswith("shijingshan-bao/undated-")
    assert issue["masthead"][1] == "2020年13月45日 星期四"  # shown as printed, in the masthead lines only
    for path in (work / "site").rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"2020-13|2020年13月45日(?! 星期四)", text), path


def wall_of_text() -> str:
    """An issue whose one paragraph lost its line breaks: 6,000 characters on one line."""
    sentence = "区防汛办在永定河畔组织防汛应急演练,各单位参加,检验了应急处置能力。"
    return "石景山报\n\n2020年4月24日 星期五\n\n防汛演练举行\n\n本报讯(记者 乔斐)" + sentence * 180 + "\n"


def test_paragraph_without_line_breaks_is_warned_about(run_cli, work):
    put(work, "wall.txt", wall_of_text())
    done = run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work)
    assert done.returncode == 0, done.stderr
    length = len(wall_of_text().split("\n")[6])
    assert length > 6000
    assert f"warning: seeds/wall.txt:7: a paragraph of {length} characters (lines 7-7); check that the file kept " \
           "its line breaks" in done.stderr


def test_the_same_issue_twice_is_built_once_with_a_warning_naming_both(run_cli, work):
    shutil.copy(GOOD, work / "seeds" / "zz copy of 002.txt")
    done = run_cli("build", "--seeds", "seeds", "--out", "site", cwd=work)
    assert done.returncode == 0, done.stderr
    assert (f"warning: seeds/zz copy of 002.txt: the same issue as seeds/{GOOD.name} (same paper, date and number); "
            "only that one is built — remove one of the two files") in done.stderr
    assert [i["source_file"] for i in catalog(work / "site")["issues"]] == [f"seeds/{GOOD.name}"]
    strict = run_cli("build", "--seeds", "seeds", "--out", "site", "--strict", cwd=work)
    assert strict.returncode == 1 and "the same issue as" in strict.stderr


# --- decoded right: the same articles as the UTF-8 original -------------------------------------------

def _nuls(text: str) -> bytes:
    return b"\x00" * 16 + text.replace("\n\n", "\n\x00\n").encode("utf-8") + b"\x00" * 4096


ENCODED: dict[str, Callable[[str], bytes]] = {
    "utf-8 with BOM": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16 little-endian with BOM": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16 big-endian with BOM": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16 without BOM": lambda t: t.encode("utf-16-le"),
    "utf-32 with BOM": lambda t: t.encode("utf-32"),
    "CRLF line ends": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "CR line ends": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "full-width space indents": lambda t: "\n".join("\u3000\u3000" + ln if ln else ln for ln in t.split("\n")).encode(),
    "NUL bytes": _nuls,
    "form feeds and a BOM between pages": lambda t: t.replace("\n\n区委常委会召开会议", "\f\ufeff区委常委会召开会议").encode(),
    "Windows: GB18030, CRLF, indents": lambda t: "\r\n".join("\u3000" + ln for ln in t.split("\n")).encode("gb18030"),
}
ARTICLE_FIELDS = ("headline", "kicker", "deck", "byline", "section", "kind", "continued_from", "continued_on", "text")


def test_every_encoding_gives_the_same_articles_as_the_utf8_original(run_cli, tmp_path):
    """One build of the seed in every encoding (file names with spaces and Chinese), dated apart by sidecars."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(GOOD, seeds / "original.txt")
    names = {}
    for n, (case, encode) in enumerate(ENCODED.items(), start=1):
        name = f"石景山报 {n:02d} {case}.txt"
        (seeds / name).write_bytes(encode(GOOD_TEXT))
        (seeds / name).with_suffix(".toml").write_text(f'date = "2021-01-{n:02d}"\n', encoding="utf-8")
        names[f"seeds/{name}"] = case
    done = run_cli("build", "--seeds", "seeds", "--out", "site", "--strict", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = catalog(tmp_path / "site")
    articles = {a["id"]: a for a in data["articles"]}

    def shown(issue: dict) -> list[tuple]:
        return [tuple(articles[aid][k] for k in ARTICLE_FIELDS) for aid in issue["articles"]]

    issues = {i["source_file"]: i for i in data["issues"]}
    original = issues.pop("seeds/original.txt")
    assert sorted(issues) == sorted(names)
    for source_file, issue in issues.items():
        assert shown(issue) == shown(original), names[source_file]
        assert (issue["masthead"], issue["colophon"], issue["publication"], issue["total_no"]) == \
            (original["masthead"], original["colophon"], original["publication"], original["total_no"])


def test_full_width_indents_change_nothing_the_parser_finds():
    indented = (BAD / "fullwidth_indent.txt").read_text(encoding="utf-8")
    plain = "\n".join(line.lstrip("\u3000") for line in indented.split("\n"))
    a, b = parse_text(indented, "x.txt"), parse_text(plain, "x.txt")
    assert [(x.headline, x.text, x.byline) for x in a.articles] == [(x.headline, x.text, x.byline) for x in b.articles]
    assert [x.headline for x in a.articles] == ["防汛演练在永定河畔举行", "区委常委会召开会议"]
    assert a.articles[0].text.endswith("组织防汛应急演练,各单位参加。演练模拟了强降雨后的险情处置。")
    assert (a.publication, a.date, a.issue_no, a.problems) == (b.publication, b.date, b.issue_no, b.problems)


# --- text that looks like markup ----------------------------------------------------------------------

LIVE_SCHEMES = re.compile(r"^\s*(?:javascript|data|vbscript):", re.I)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "xlink:href")


def assert_no_live_markup(html: str, where: str) -> None:
    """No element, attribute or link that the text put there: markup from the text is text."""
    page = BeautifulSoup(html, "html.parser")
    for tag in page.find_all(True):
        assert tag.name not in ("iframe", "b") or not tag.attrs, f"{where}: {tag}"
        assert not (tag.name == "img" and tag.get("src") == "x"), f"{where}: {tag}"
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on") and attr.lower() != "srcdoc", f"{where}: {tag}"
            if attr.lower() in URL_ATTRIBUTES:
                assert not LIVE_SCHEMES.match(value), f"{where}: {tag}"
    for script in page.find_all("script"):
        body = script.string or ""
        assert "alert(" not in body or script.get("type") == "application/ld+json", f"{where}: {script}"
        if script.get("type") == "application/ld+json":
            json.loads(body)  # data, and all of it: no </script> ended it early
            assert "</" not in body and "<!--" not in body, where


def test_text_that_looks_like_markup_is_shown_literally_everywhere(run_cli, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    name = "<img src=x onerror=alert(9)> 报.txt"
    shutil.copy(BAD / "markup.txt", seeds / name)
    shutil.copy(BAD / "markup.toml", (seeds / name).with_suffix(".toml"))
    done = run_cli("build", "--seeds", "seeds", "--out", "site", "--site-url", "https://example.org", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    checked = Counter()
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            assert_no_live_markup(path.read_text(encoding="utf-8"), str(path))
            checked["html"] += 1
        elif path.suffix == ".xml":
            ET.parse(path)  # well-formed: every < in the text was escaped
            checked["xml"] += 1
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
            checked["json"] += 1
    assert checked["html"] > 5 and checked["xml"] >= 2 and checked["json"] >= 2

    data = catalog(site)
    [article] = data["articles"]
    assert (article["kicker"], article["headline"], article["deck"]) == (
        "<img src=x onerror=alert(2)>引题", "<script>alert(1)</script>标题", "——副题</p><iframe src=javascript:alert(3)>")
    # as printed, with the full-width marks of Chinese context (sitegen.punctuation) and no markup read
    assert fullwidth_marks("[点这里](javascript:alert(4))和</p><b onmouseover=alert(5)>标记</b>") in article["text"]
    assert data["issues"][0]["publication"] == "<script>alert(8)</script>报"
    assert data["issues"][0]["source_file"] == f"seeds/{name}"

    page = BeautifulSoup((site / article["url"].lstrip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == "<script>alert(1)</script>标题"
    body = page.select_one(".article .body").get_text()
    assert fullwidth_marks("</script><script>alert(6)</script>和<!-- 注释 -->以及&amp;与&lt;。") in body
    assert '<a href="javascript:alert(7)">链接</a>' in body
    assert "<script>alert(8)</script>报" in page.select_one(".article .meta").get_text()
    [jsonld] = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    assert (jsonld["headline"], jsonld["isPartOf"]["isPartOf"]["name"]) == ("<script>alert(1)</script>标题",
                                                                            "<script>alert(8)</script>报")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("正文里有") and "和</p><b onmouseover=" in description
    assert page.find("meta", property="og:description")["content"] == description
    issue_page = (site / data["issues"][0]["url"].lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert f"seeds/{name}" in BeautifulSoup(issue_page, "html.parser").get_text()

    feed = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:entry/a:title", ns).text == "<script>alert(1)</script>标题"
    assert fullwidth_marks("[点这里](javascript:alert(4))和") in feed.find("a:entry/a:summary", ns).text
    docs = [json.loads(gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes())
            for p in (site / "pagefind").rglob("sitegen-docs/*.json*")]
    assert [(d["title"], d["publication"]) for d in docs] == [("<script>alert(1)</script>标题",
                                                                "<script>alert(8)</script>报")]


def test_search_shadow_page_shows_markup_as_text():
    """The HTML Pagefind indexes is written to a temporary folder during the build: check it directly."""
    doc = SearchDoc(url_path="p/2020-04-20/1/", title="<script>alert(1)</script>标题",
                    text="<script>alert(1)</script>标题\n正文<img src=x onerror=alert(2)>", date="2020-04-20",
                    publication='<script>alert(8)</script>报"><b onclick=x>', districts=("<i>区</i>",),
                    topics=('"><script>',))
    html = shadow_page(doc)
    assert_no_live_markup(html, "shadow page")
    page = BeautifulSoup(html, "html.parser")
    assert page.find(attrs={"data-pagefind-meta": "publication"}).get_text() == doc.publication
    assert page.find(attrs={"data-pagefind-filter": "topic"}).get_text() == '"><script>'


# --- size: no hang, no blow-up ------------------------------------------------------------------------

def test_parser_is_linear_on_a_paragraph_cut_into_thousands_of_lines():
    """One unfinished paragraph over 30,000 lines, and as many unclosed brackets: this took minutes when each
    joined line re-read the whole paragraph."""
    clause = "区防汛办在永定河畔组织防汛应急演练,各单位参加,检验了应急处置能力,"
    cut = "石景山报\n\n2020年4月16日\n\n" + "\n".join(clause[i % 7:] + clause[:i % 7] for i in range(30_000))
    brackets = "石景山报\n\n2020年4月16日\n\n" + ("（" + "演练" * 20 + "\n") * 30_000
    for text in (cut, brackets):
        started = time.perf_counter()
        issue = parse_text(text)
        assert time.perf_counter() - started < 20
        assert sum(len(b.lines) for a in issue.articles for b in a.blocks) == 30_000


@pytest.mark.parametrize("line", [
    "记者 王慧雯 摄影报道动如了文列类型产型律思值东干展参，一一一一七值元农切力厂发取命展府影往劳劳成步知见。",
    "本报记者 " + "张三 记者李四、" * 2000 + "。",
    "记者 " + "张三，" * 5000 + "。",
], ids=["comma", "roles", "commas"])
def test_a_line_that_starts_like_a_byline_is_not_tried_every_which_way(line):
    """The byline pattern once split a long run of characters into names in every possible way (minutes for
    the 60 characters of the first line, which a property test found)."""
    started = time.perf_counter()
    parse_text(f"石景山报\n\n2020年4月16日\n\n{line}\n")
    assert time.perf_counter() - started < 5


# --- properties: the reader and the parser ------------------------------------------------------------

HAN = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
       "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合"
       "还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只"
       "石景山报区委书记防汛演练疫情社区街道")
PUNCT = "，。、“”《》（）：；！？,.()!?:;…—●【】"
NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufdd0-\ufdef\ufffe\uffff"
                      + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000))
                      + "]")
"""Characters that are not text: control characters but tab and line ends, byte-order marks, noncharacters."""

chinese_text = st.text(st.sampled_from(list(HAN + PUNCT + "0123456789 abcXYZ\n\n\u3000\t")), min_size=1, max_size=400)


def expected(text: str) -> str:
    """What decode must give for a text: line ends made \\n, and nothing else changed but non-text dropped."""
    text = re.sub("\r\n|[\r\v\f\u2028\u2029]", "\n", text)
    return NOT_TEXT.sub("", text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_property_random_bytes_decode_or_are_refused(raw: bytes):
    try:
        text, encoding = decode(raw, "seeds/x.txt")
    except SitegenError as e:
        assert str(e).startswith("seeds/x.txt")
        return
    assert text.strip() and "\r" not in text and not NOT_TEXT.search(text)
    assert text == expected(raw.decode(encoding.removesuffix("-sig")))


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_property_any_utf8_text_comes_back_whole_or_is_refused(text: str):
    for raw in (text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8"), text.encode("utf-16"),
                text.encode("utf-32")):
        try:
            got, _ = decode(raw, "seeds/x.txt")
        except SitegenError:
            continue  # empty, control characters, mojibake: refused, never altered
        assert got == expected(text)


@settings(max_examples=300, deadline=None)
@given(chinese_text.filter(lambda t: t.strip()))
def test_property_chinese_text_comes_back_whole_in_every_encoding(text: str):
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32"):
        raw = codecs.BOM_UTF16_BE + text.encode(encoding) if encoding == "utf-16-be" else text.encode(encoding)
        assert decode(raw, "seeds/x.txt")[0] == expected(text), encoding
    for raw in (text.encode("gb18030"), text.replace("\n", "\r\n").encode("gbk")):
        try:
            assert decode(raw, "seeds/x.txt")[0] == expected(text)
        except SitegenError as e:  # only when the bytes are UTF-8 too, with no Chinese in them
            assert "reads both as UTF-8" in str(e) and not re.search("[\u0800-\uffff]", raw.decode("utf-8"))
    for raw in ((text + "\n").encode("utf-16-le"), (text + "\n").encode("utf-16-be")):
        try:  # UTF-16 without a byte-order mark (a file has line ends): the same text, or refused
            assert decode(raw, "seeds/x.txt")[0] == expected(text + "\n")
        except SitegenError as e:
            assert "reads both as UTF-16 with no byte-order mark" in str(e)


SEED_PARAGRAPHS = sorted({p for f in SEEDS.glob("*.txt") for p in f.read_text(encoding="utf-8").split("\n")
                          if len(p) > 40})


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(SEED_PARAGRAPHS), min_size=1, max_size=20))
def test_property_big5_is_never_read_as_gb18030(paragraphs: list[str]):
    raw = big5("\n".join(paragraphs))
    with pytest.raises(SitegenError, match=r"not UTF-8, and read as GB18030 it is nonsense|neither UTF-8 nor GB18030"):
        decode(raw, "seeds/x.txt")


def produced(issue) -> str:
    """Everything the parser put somewhere (masthead, colophon, page furniture, unplaced, heads, blocks), heading
    marks restored."""
    out = [t for _, t in issue.masthead + issue.colophon + issue.furniture + issue.unplaced]
    for article in issue.articles:
        out += [t for _, t in article.head]
        for block in article.blocks:
            marks = [re.match(r"^(?:#{1,6}(?=\s))?", issue.source.lines[n - 1].strip()).group(0) for n in block.lines]
            out.append("".join(marks) + block.text)
    return "".join(out)


def nonspace(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


lines_of_news = st.lists(st.one_of(
    st.text(st.sampled_from(list(HAN + PUNCT)), min_size=1, max_size=80),
    st.sampled_from(["本报讯(记者 张三)", "(上接1版)", "(下转2版)", "●李四", "田甜摄", "【文明创建】", "## 标题",
                     "2020年4月16日 星期四", "2020年13月45日", "第30期(总第1907期)本期8版", "石景山报", "责编：王五",
                     "一、总体要求", "(区文明办)", "<script>alert(1)</script>", ""]),
), max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_of_news, st.sampled_from(["\n", "\r\n", "\r"]), st.sampled_from(["", "\u3000\u3000", "  ", "\t"]))
def test_property_parser_loses_no_character_and_indents_change_nothing(lines: list[str], newline: str, indent: str):
    text = newline.join(indent + line if line else line for line in lines)
    try:
        issue = parse_text(text)
    except SitegenError:
        return
    assert nonspace(produced(issue)) == nonspace(text)
    plain = parse_text("\n".join(lines))
    assert [(a.headline, a.text) for a in issue.articles] == [(a.headline, a.text) for a in plain.articles]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000) | chinese_text.map(lambda t: t.encode("gb18030")))
def test_property_reader_then_parser_raise_nothing_but_sitegen_errors(raw: bytes):
    try:
        text, _ = decode(raw, "seeds/x.txt")
        issue = parse_text(text, "seeds/x.txt")
    except SitegenError:
        return
    assert nonspace(produced(issue)) == nonspace(text)
