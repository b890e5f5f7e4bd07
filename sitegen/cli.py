"""The command line: a thin layer over build, check, serve and new."""
from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from pathlib import Path

from . import __version__
from .errors import SitegenError, UsageError, os_error_message
from .config import CONFIG_FILE, MAX_BYTES, MB, Config
from .model import Article, Issue
from .engine.stopping import Interrupted, stop_on_signals

log = logging.getLogger(__name__)


def _config(args: argparse.Namespace) -> Config:
    """The build's configuration: sitegen.toml, with the flags given over it; refused outside an archive."""
    from .config import load_config

    flags = dict(keep_going=args.keep_going, strict=args.strict, max_file_bytes=int(args.max_file_mb * MB))
    given = (("seeds_dir", args.seeds and Path(args.seeds)), ("out_dir", args.out and Path(args.out)),
             ("base_url", args.base_url), ("site_url", args.site_url))
    flags.update({k: v for k, v in given if v is not None})
    config = load_config(Path(args.config), **flags)
    _refuse_outside_an_archive(config.seeds_dir, Path(args.config))
    return config


def _refuse_outside_an_archive(seeds_dir: Path, config_file: Path) -> None:
    """Say what is missing, and how to start an archive, where there is no folder of issue files."""
    if seeds_dir.is_dir():
        return
    if seeds_dir.exists():
        raise UsageError(f"{seeds_dir}: is a file, not a folder of issue files; give the folder with --seeds")
    here = "" if config_file.exists() else f" and no {CONFIG_FILE}"
    raise UsageError(
        f"{seeds_dir}: no such folder{here} in {Path.cwd()}, so this is not a sitegen archive.\n"
        "Run sitegen in an archive's folder, or give the folder of issue files with --seeds DIR;\n"
        "to start a new archive: sitegen new DIR")


def _progress(args: argparse.Namespace):
    from .engine.progress import NoProgress, Progress

    return NoProgress() if args.quiet else Progress(sys.stderr)


NO_SITE_URL = ("no site URL, so the pages have no canonical link and robots.txt no sitemap line (search engines "
               "take only absolute addresses); to publish, give --site-url https://name.github.io/repo-name "
               "or site_url in sitegen.toml")


def cmd_build(args: argparse.Namespace) -> int:
    from .engine.build import build

    config = _config(args)
    result = build(config, _progress(args))
    skipped = result.loaded.skipped
    for p in result.loaded.problems:
        print(f"{'skipped' if p.path in skipped else 'warning'}: {p}", file=sys.stderr)
    if not result.site_url:
        print(f"warning: {NO_SITE_URL}", file=sys.stderr)
    if not args.quiet:
        print(result.summary_line())
    if not result.issues and not skipped:
        print(f"The archive has no issues yet: put issue files (NAME.txt) into {config.seeds_dir} "
              "and build again", file=sys.stderr)
    if skipped:
        print(f"Skipped {len(skipped)} file{'s' if len(skipped) > 1 else ''}, not in the site: {', '.join(skipped)}; "
              "fix them as said above and rebuild", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .config import load_config
    from .engine.load import load_archive
    from .site.format import cn_date

    flags = {"seeds_dir": Path(args.seeds)} if args.seeds else {}
    config = load_config(Path(args.config), **flags)
    _refuse_outside_an_archive(config.seeds_dir, Path(args.config))
    loaded = load_archive(config.seeds_dir, max_bytes=int(args.max_file_mb * MB), tables=config.tables)
    for _, issue in loaded.placed:
        inferred = "（据正文推断）" if issue.date_inferred else ""
        print(f"{issue.source.path}: {issue.publication or '未知报刊'}, {cn_date(issue.date)}{inferred}, "
              f"{len(issue.articles)} articles")
        uncertain = []
        for n, a in enumerate(issue.articles, start=1):
            extra = "".join(f" [{k}]" for k in (
                a.continued_from and f"上接{a.continued_from}", a.continued_on and f"下转{a.continued_on}") if k)
            print(f"  {n:2d}. {a.headline}{extra}  (line {a.first_line})")
            if a.call:
                stack = "  ".join(f"{k}「{v}」" for k, v in (("引题", a.kicker), ("主题", a.headline), ("副题", a.deck)) if v)
                print(f"      {stack}: {a.call}")
            if a.call and a.call.endswith("(guess)"):
                uncertain.append(a)
        for line, text in issue.furniture:
            print(f"{issue.source.path}:{line}: furniture: {text[:40]}")
        for a in uncertain:
            print(uncertain_call(issue, a))
        for line, text in issue.unplaced:
            print(f"{issue.source.path}:{line}: could not place this line: {text[:40]}")
    for p in loaded.problems:
        print(f"{p.severity}: {p}")
    return 1 if loaded.errors else 0


def uncertain_call(issue: Issue, a: Article) -> str:
    """Say an uncertain headline call, its evidence, and the sidecar table that would make the other call."""
    from .issue.parse.cuts import BARE_SUBJECT

    # A stack's other line may be the headline; a column label (no kicker, no deck) may be the kicker; so may the
    # first line of a headline taken as a bare subject over its predicate (社区卫生服务中心 / 开展免费义诊).
    if a.call == BARE_SUBJECT:
        role, other = "kicker", a.headline_line
    else:
        role = "headline" if a.kicker or a.deck else "kicker"
        could_be = (a.kicker, a.deck) if role == "headline" else (a.section,)
        other = next((n for n, t in a.head if n != a.headline_line and t.strip() in could_be), None)
    sidecar = Path(issue.source.path).with_suffix(".toml")
    other_text = issue.source.lines[other - 1].strip() if other else ""
    fix = (f'\n    if “{other_text}” is the {role}, add to {sidecar}:\n'
           f'      [[fix]]\n      line = {other}\n      text = {json.dumps(other_text, ensure_ascii=False)}\n'
           f'      is = "{role}"') if other else ""
    return f"{issue.source.path}:{a.headline_line}: uncertain: headline “{a.headline}”: {a.call}{fix}"


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    # Settings are read again before every rebuild, so that an edited sitegen.toml shows at once.
    serve(lambda: _config(args), port=args.port, watch_files=[Path(args.config)], progress=_progress(args))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .project import new_project

    folder = Path(args.folder)
    for path in new_project(folder):
        print(f"made {path}")
    print(f"Next: cd {folder}, put issue files into seeds/, then sitegen serve (preview) or sitegen build")
    return 0


def _megabytes(value: str) -> float:
    try:
        mb = float(value)
    except ValueError:
        mb = 0
    if not 0 < mb < 1e6:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size in MB; give a number such as 32")
    return mb


def _add_max_file_mb(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-file-mb", type=_megabytes, default=MAX_BYTES / MB, metavar="MB",
                   help=f"refuse issue files larger than this (default: {MAX_BYTES // MB})")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="sitegen", description="Build a static archive site from newspaper issue files.")
    ap.add_argument("-v", "--verbose", action="store_true", help="print what each step does")
    ap.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    def site_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--seeds", default=None, help="folder of issue files (default: seeds in sitegen.toml, else seeds)")
        p.add_argument("--out", default=None, help="output folder (default: out in sitegen.toml, else site)")
        p.add_argument("--base-url", default=None,
                       help="path the site is served under, e.g. /repo-name/ (default: base_url in sitegen.toml, else /)")
        p.add_argument("--site-url", default=None,
                       help="absolute address of the site, e.g. https://name.github.io/repo-name (for canonical links and feeds)")
        p.add_argument("--config", default="sitegen.toml", help="settings file (default: sitegen.toml, if present)")
        p.add_argument("--keep-going", action="store_true", help="skip files that cannot be read, build the rest")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.add_argument("-q", "--quiet", action="store_true",
                       help="print only warnings and errors: no progress, no summary line")
        _add_max_file_mb(p)

    b = sub.add_parser("build", help="build the site")
    site_args(b)
    b.set_defaults(func=cmd_build)
    c = sub.add_parser("check", help="read and parse the issues without writing; report what was found")
    c.add_argument("--seeds", default=None, help="folder of issue files (default: seeds in sitegen.toml, else seeds)")
    c.add_argument("--config", default="sitegen.toml", help="settings file (default: sitegen.toml, if present)")
    _add_max_file_mb(c)
    c.set_defaults(func=cmd_check)
    s = sub.add_parser("serve", help="build, serve on localhost and rebuild on changes")
    site_args(s)
    s.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free one)")
    s.set_defaults(func=cmd_serve)
    n = sub.add_parser("new", help="start a new archive project in a new or empty folder")
    n.add_argument("folder", metavar="DIR", help="the folder to make")
    n.set_defaults(func=cmd_new)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    try:
        with stop_on_signals():
            return args.func(args)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except SitegenError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except (Interrupted, KeyboardInterrupt) as e:  # SIGTERM or SIGINT: stopped, the previous site as it was
        print("interrupted", file=sys.stderr)
        return 128 + (e.signum if isinstance(e, Interrupted) else signal.SIGINT)
    except BrokenPipeError:  # the reader of the output left (sitegen build | head -1): the build is done
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so that no later flush fails
        return 1
    except OSError as e:  # the machine refused: a full disk, a read-only folder, a taken port
        log.info("the build stopped", exc_info=True)  # -v shows where
        print(f"error: {os_error_message(e)}", file=sys.stderr)
        return 1


def run() -> None:
    """The command `sitegen` (and `python -m sitegen.cli`): main, then leave without tearing Python down.

    Python's own exit frees every module's tables one object at a time (pypinyin's dictionaries, Jinja's
    and jieba's), a noticeable part of a small rebuild, for nothing: by then the build's processes are
    joined and its files in place; the logs and output are flushed here. Under a profiler or a coverage
    tracer, whose reports are written at exit, Python leaves as usual.
    """
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (sitegen build | head): nothing left to say
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
