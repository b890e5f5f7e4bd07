"""Every issue file on its own: read, parsed and enriched, from the cache where its bytes were seen
before, the others in a pool of processes; then each issue given its id, and its text as the site and the
search index show it."""
from __future__ import annotations

import logging
from functools import partial
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..archive.finish import shown_text
from ..archive.ids import assign_ids
from ..config import MAX_BYTES, Config
from ..errors import Problem, SitegenError
from ..issue.enrich import warm_up
from ..issue.enrich.words import segment_issue
from ..issue.read import find_sources
from ..issue.step import IssueStep
from ..lexicon import BUILT_IN, Tables, load_lexicon
from ..model import EnrichedIssue, ParsedIssue
from ..search import DocStub, SearchDoc, search_docs, stub_of
from ..site import urls
from .cache import IssueCache, SegmentCache, ShownCache
from .parallel import map_issues
from .progress import NoProgress, Progress

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Loaded:
    """Every usable issue file, read (and enriched), each issue with its id; and what was found wrong."""

    placed: list[tuple[str, ParsedIssue | EnrichedIssue]]
    """(id, issue) pairs (sitegen.archive.ids.assign_ids)."""
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """The files left out (with --keep-going)."""
    keys: tuple[str | None, ...] = ()
    """Each placed issue's cache key (engine.cache.IssueCache.key), None where it has none; empty
    without a cache."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def load_archive(seeds_dir: Path, keep_going: bool = False, max_bytes: int = MAX_BYTES,
                 cache: IssueCache | None = None, progress: Progress | None = None,
                 classified: bool = False, workers: int | None = None, tables: Tables = BUILT_IN) -> Loaded:
    """Read and parse every issue file and give each issue its id; a file that cannot be used is an error
    unless keep_going skips it.

    classified: also do for each issue what needs only that issue (segmentation, districts, topics,
    people, keyword candidates: sitegen.issue.enrich), giving EnrichedIssues; the keywords, which weigh
    words against the whole archive, are chosen after (sitegen.archive.finish). With a cache, an issue file whose bytes (and
    sidecar) were seen before is taken from it as it was left. The other files are done in a pool of
    processes, one per core, when there are enough of them to pay for it.
    """
    progress = progress or NoProgress()
    sources = find_sources(seeds_dir)
    progress.phase("read", len(sources), "files")
    lexicon = load_lexicon(tables)
    step = IssueStep(seeds_dir, max_bytes, classified, SegmentCache(cache.cache_dir) if cache else segment_issue,
                     tables)
    results: list[tuple[ParsedIssue | EnrichedIssue | None, Problem | None]] = [(None, None)] * len(sources)
    keys = [cache.key(path, step.shown(path), max_bytes, step.kind) if cache else None for path in sources]
    todo = []
    for i, key in enumerate(keys):
        issue = cache.get(key, EnrichedIssue if classified else ParsedIssue) if cache else None
        if issue is None:
            todo.append(i)
        else:
            results[i] = issue, None
            progress.advance()
    for i, result in zip(todo, map_issues(step, [sources[i] for i in todo], workers,
                                          partial(warm_up, lexicon) if classified else None)):
        results[i] = result
        if cache and result[0] is not None:
            cache.put(keys[i], result[0])
        progress.advance()
    if cache:
        log.info("read %d issue files, %d from the cache", len(sources), len(sources) - len(todo))
    issues: list[ParsedIssue | EnrichedIssue] = []
    problems: list[Problem] = []
    skipped: list[str] = []
    key_of: dict[int, str | None] = {}
    for (issue, problem), key in zip(results, keys):
        if problem is not None:
            problems.append(replace(problem, severity="warning" if keep_going else "error"))
            skipped.append(problem.path)
        else:
            assert issue is not None
            found = issue.parsed.problems if isinstance(issue, EnrichedIssue) else issue.problems
            # An error found in a usable file (a sidecar correction that no longer holds, and so was not
            # applied) stops the build, unless keep_going builds the issue without it.
            problems.extend(replace(p, severity="warning") if keep_going and p.severity == "error" else p for p in found)
            issues.append(issue)
            key_of[id(issue)] = key
    placed, id_problems = assign_ids(issues, lexicon.places)
    return Loaded(placed, problems + id_problems, skipped,
                  tuple(key_of[id(issue)] for _, issue in placed) if cache else ())


@dataclass(frozen=True)
class Shown:
    """Each placed issue's text as the site shows it and what the search index makes of it."""

    issues: list[ParsedIssue]
    """Each placed issue's text as the site shows it (archive.finish.shown_text), in the order of
    Loaded.placed."""
    articles: list[tuple[DocStub, ...]]
    """Each placed issue's articles as the search index plans them (search.DocStub)."""
    docs: dict[str, SearchDoc]
    """The search documents made by this build (of the issues not found in the cache), by URL path."""


def shown_issues(loaded: Loaded, cache: IssueCache | None) -> Shown:
    """Each placed issue's text as the site shows it and its articles' DocStubs: from the cache where the
    issue's file and id were seen before."""
    shown: list[ParsedIssue] = []
    articles: list[tuple[DocStub, ...]] = []
    docs: dict[str, SearchDoc] = {}
    store = ShownCache(cache) if cache else None
    for n, (issue_id, issue) in enumerate(loaded.placed):
        issue_key = loaded.keys[n] if store and n < len(loaded.keys) else None
        key = store.key(issue_key, issue_id) if store and issue_key else None
        entry = store.get(key, issue.parsed.source) if store and key else None
        if entry is None:
            made = _search_docs(issue_id, issue)
            docs.update((d.url_path, d) for d in made)
            entry = shown_text(issue.parsed), tuple(stub_of(d) for d in made)
            if store and key:
                store.put(key, entry)
        shown.append(entry[0])
        articles.append(entry[1])
    return Shown(shown, articles, docs)


def _search_docs(issue_id: str, issue: EnrichedIssue) -> list[SearchDoc]:
    return search_docs([(issue_id, issue)], urls.article_path_at, urls.UNKNOWN_PAPER)


def search_documents(loaded: Loaded, shown: Shown, url_paths: set[str]) -> dict[str, SearchDoc]:
    """The search documents of the articles at url_paths (and of the others of their issues)."""
    docs = {}
    for (issue_id, issue), articles in zip(loaded.placed, shown.articles):
        if any(a.url_path in url_paths for a in articles):
            made = [shown.docs.get(a.url_path) for a in articles]
            docs.update((d.url_path, d) for d in (
                made if all(made) else _search_docs(issue_id, issue)))
    return docs


def refuse_unusable(loaded: Loaded, config: Config) -> None:
    """Stop the build, before anything is written, on errors (and warnings with --strict) or when nothing is left."""
    failing = loaded.errors + (loaded.warnings if config.strict else [])
    if failing:
        raise SitegenError(
            "the build stopped; nothing was written:\n" + "\n".join(f"  {p}" for p in failing)
            + ("\n(--strict turns warnings into errors)" if config.strict and loaded.warnings else "")
            + ("\nuse --keep-going to build the other files anyway" if loaded.skipped or loaded.errors else ""))
    if not loaded.placed and loaded.skipped:
        raise SitegenError(
            f"every issue file in {config.seeds_dir} was skipped; nothing was written:\n"
            + "\n".join(f"  {p}" for p in loaded.problems) + "\nfix them as said above and rebuild")
