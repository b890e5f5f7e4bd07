"""Score the parser on the labelled layouts: precision and recall per field, and every miss.

    .venv/bin/python benchmarks/parse_eval.py                 # tests/fixtures/layouts (and its pending/)
    .venv/bin/python benchmarks/parse_eval.py DIR [-q]

Each issue file `NAME.txt` has its truth beside it in `NAME.truth.toml`, written by hand:

    [issue]                       # the issue's facts, printed or to be inferred
    publication = "朝阳报"
    district = "朝阳区"            # "" for a city-wide paper
    date = "2016-03-04"
    pages = 8                     # issue_no, total_no likewise; a key left out is not scored
    furniture = ["…", …]          # every line (as printed, stripped) that is page furniture

    [[article]]                   # every article, in print order
    headline = "…"                # left out: no headline printed (a continued fragment)
    kicker = "…"                  # kicker, deck, byline, continued_from, continued_on: left out = none
    first = "本报讯（记者 王晓雨）3月3日"   # the words the body opens with
    paragraphs = 3                # the body's paragraphs (a photo's caption counts) once layout breaks are joined
    subheads = ["…"]              # sub-headings inside the body, in order

The parser's articles are matched to the truth's in order, by headline (by first words where none is
printed). Per field, recall is the share of the truth's values the parser gave exactly and precision
the share of the parser's values that are right; a field left out of the truth counts as "none", and
the parser giving one there is a miss against precision. Furniture is scored by line: the lines the
parser put in the masthead, the colophon or among its furniture against the truth's list. Every miss
is printed as `file:line: field: expected … got …`. Files under `pending/` are scored and printed
apart (tests/test_parse_eval.py requires 100 % of the others only). Exit status 0 always: this is a
measurement.
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.issue.complete import complete_issue  # noqa: E402
from sitegen.issue.parse import parse_issue  # noqa: E402
from sitegen.issue.read import read_source  # noqa: E402
from sitegen.lexicon import load_places  # noqa: E402
from sitegen.model import ParsedArticle, ParsedIssue  # noqa: E402

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
ARTICLE_FIELDS = ("headline", "kicker", "deck", "byline", "first", "paragraphs", "subheads",
                  "continued_from", "continued_on")
ISSUE_FIELDS = ("publication", "district", "date", "pages", "issue_no", "total_no")
FIELDS = ("article", *ARTICLE_FIELDS, "furniture", *ISSUE_FIELDS)


@dataclass
class Tally:
    """Counts for one field: right values, values the truth has, values the parser gave."""

    right: int = 0
    expected: int = 0
    given: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.given if self.given else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


@dataclass
class Score:
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)
    files: int = 0

    def add(self, name: str, want: object, got: object, where: str) -> None:
        t = self.tallies[name]
        t.expected += want not in (None, "", ())
        t.given += got not in (None, "", ())
        if want == got:
            t.right += want not in (None, "", ())
        else:
            self.misses.append(f"{where}: {name}: expected {_show(want)} got {_show(got)}")

    @property
    def perfect(self) -> bool:
        return not self.misses


def _show(value: object) -> str:
    if value in (None, "", ()):
        return "nothing"
    if isinstance(value, tuple):
        return "[" + " | ".join(map(str, value)) + "]"
    return f"“{value}”" if isinstance(value, str) else str(value)


def article_values(a: ParsedArticle | None, truth: dict | None, first_len: int) -> dict[str, object]:
    """The scored fields of a parsed article (a) or of a truth entry."""
    if truth is not None:
        return {
            "headline": truth.get("headline", ""), "kicker": truth.get("kicker", ""), "deck": truth.get("deck", ""),
            "byline": truth.get("byline", ""), "first": truth.get("first", ""),
            "paragraphs": truth.get("paragraphs"), "subheads": tuple(truth.get("subheads", ())),
            "continued_from": truth.get("continued_from", ""), "continued_on": truth.get("continued_on", ""),
        }
    assert a is not None
    body = [b for b in a.blocks if b.kind in ("p", "caption")]
    opening = [b for b in a.blocks if b.kind not in ("h2", "h3")]  # a sub-heading over the first paragraph is not its words
    return {
        "headline": a.headline if a.headline_line is not None else "", "kicker": a.kicker or "",
        "deck": a.deck or "", "byline": a.byline or "",
        "first": opening[0].text[:first_len] if opening else "",
        "paragraphs": len(body), "subheads": tuple(b.text for b in a.blocks if b.kind in ("h2", "h3")),
        "continued_from": a.continued_from or "", "continued_on": a.continued_on or "",
    }


def _line_of(lines: list[str], text: str) -> int | None:
    if not text:
        return None
    return next((n for n, t in enumerate(lines, 1) if t.strip().startswith(text[:12])), None)


def match(truths: list[dict], parsed: tuple[ParsedArticle, ...]) -> list[tuple[int | None, int | None]]:
    """Pair truth articles with parsed ones in order (by headline, else by first words)."""
    def key_of_truth(t: dict) -> tuple[str, str]:
        return ("h", t["headline"]) if t.get("headline") else ("f", t.get("first", ""))

    def fits(t: dict, a: ParsedArticle) -> bool:
        kind, text = key_of_truth(t)
        if kind == "h":
            return a.headline_line is not None and a.headline == text
        return bool(a.blocks) and a.blocks[0].text.startswith(text)

    pairs: list[tuple[int | None, int | None]] = []
    j = 0
    for i, t in enumerate(truths):
        k = next((k for k in range(j, len(parsed)) if fits(t, parsed[k])), None)
        if k is None:
            pairs.append((i, None))
            continue
        pairs.extend((None, extra) for extra in range(j, k))
        pairs.append((i, k))
        j = k + 1
    pairs.extend((None, extra) for extra in range(j, len(parsed)))
    return pairs


def shown_path(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def parse_file(path: Path) -> ParsedIssue:
    places = load_places()
    return complete_issue(parse_issue(read_source(path, shown_path(path)), places), places)


def furniture_lines(issue: ParsedIssue) -> set[int]:
    """The line numbers the parser took as page furniture."""
    return {n for n, _ in issue.masthead} | {n for n, _ in issue.colophon} | {
        n for n, _ in getattr(issue, "furniture", ())}


def score_file(path: Path, score: Score, truth: dict | None = None) -> None:
    """Score one issue file against its truth: `truth` where given (a test's transformed copy), else the
    NAME.truth.toml beside it."""
    if truth is None:
        truth = tomllib.loads(path.with_suffix("").with_suffix(".truth.toml").read_text(encoding="utf-8"))
    issue = parse_file(path)
    shown = shown_path(path)
    lines = issue.source.lines
    score.files += 1
    facts = truth.get("issue", {})
    for name in ISSUE_FIELDS:
        if name in facts:
            got = getattr(issue, name)
            got = got.isoformat() if name == "date" and got else got
            score.add(name, facts[name] or None, got or None, f"{shown}:1")
    # Furniture, line by line.
    want_lines = {n for n, t in enumerate(lines, 1) if t.strip() and t.strip() in set(facts.get("furniture", ()))}
    got_lines = furniture_lines(issue)
    for n in sorted(want_lines | got_lines):
        score.add("furniture", "furniture" if n in want_lines else None, "furniture" if n in got_lines else None,
                  f"{shown}:{n}: “{lines[n - 1].strip()[:30]}”")
    truths = truth.get("article", [])
    for i, k in match(truths, issue.articles):
        t = truths[i] if i is not None else None
        a = issue.articles[k] if k is not None else None
        first_len = len(t.get("first", "")) if t else 12
        want = article_values(None, t, first_len) if t else {f: None for f in ARTICLE_FIELDS}
        got = article_values(a, None, first_len) if a else {f: None for f in ARTICLE_FIELDS}
        line = (_line_of(lines, t.get("headline") or t.get("first", "")) if t else None) or (a.first_line if a else 0)
        where = f"{shown}:{line}"
        score.add("article", "article" if t else None, "article" if a else None,
                  f"{where}: “{(t or {}).get('headline') or (t or {}).get('first') or (a.headline if a else '')}”")
        if t is None or a is None:
            # An article missed or made up: its values count against recall or precision, one miss shown above.
            for f in ARTICLE_FIELDS:
                tal = score.tallies[f]
                tal.expected += want[f] not in (None, "", ())
                tal.given += got[f] not in (None, "", ())
            continue
        for f in ARTICLE_FIELDS:
            score.add(f, want[f], got[f], where)


def evaluate(folder: Path) -> Score:
    score = Score()
    for path in sorted(folder.glob("*.txt")):
        score_file(path, score)
    return score


def report(title: str, score: Score, quiet: bool) -> None:
    print(f"{title}: {score.files} files")
    print(f"  {'field':<16}{'precision':>10}{'recall':>10}{'right':>8}{'truth':>8}{'given':>8}")
    for name in FIELDS:
        t = score.tallies[name]
        print(f"  {name:<16}{t.precision:>10.1%}{t.recall:>10.1%}{t.right:>8}{t.expected:>8}{t.given:>8}")
    if not quiet:
        for miss in score.misses:
            print(miss)
    print(f"  {len(score.misses)} misses")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=LAYOUTS)
    ap.add_argument("-q", "--quiet", action="store_true", help="print the figures only, not every miss")
    args = ap.parse_args(argv)
    folder = args.folder.resolve()
    report(str(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder), evaluate(folder), args.quiet)
    if (folder / "pending").is_dir():
        report("pending", evaluate(folder / "pending"), args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
