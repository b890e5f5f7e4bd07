"""Every issue file on its own: read, parsed and enriched, from the cache where its bytes were seen
before, the others in a pool of processes; then each issue given its id, and its text as the site and the
search index show it."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import partial
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..archive.finish import finish_issues, shown_text
from ..archive.ids import assign_ids
from ..config import MAX_BYTES, Config
from ..errors import Problem, SitegenError
from ..issue.enrich import warm_up
from ..issue.enrich.words import segment_issue
from ..issue.read import find_sources
from ..issue.step import IssueStep
from ..lexicon import BUILT_IN, Tables, load_lexicon
from ..model import EnrichedIssue, Issue, ParsedIssue
from ..search import DocStub, SearchDoc, doc_digest, search_docs
from ..site import urls
from .cache import IssueCache, SegmentCache, ShownCache
from .rows import RowCache, is_light
from .parallel import map_issues
from .progress import NoProgress, Progress

log = logging.getLogger(__name__)

ArticleMeasure = tuple[int, bytes]
"""An article as the search index plans it before its issue has an id: the characters of its text and
search.doc_digest."""


@dataclass(frozen=True)
class Loaded:
    """Every usable issue file, read (and enriched), each issue with its id; and what was found wrong."""

    placed: list[tuple[str, ParsedIssue | EnrichedIssue]]
    """(id, issue) pairs (sitegen.archive.ids.assign_ids). With shown (load_archive), the issues' text as
    the site shows it (archive.finish.shown_text), or light, without it (engine.rows)."""
    problems: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """The files left out (with --keep-going)."""
    keys: tuple[str | None, ...] = ()
    """Each placed issue's cache key (engine.cache.IssueCache.key), None where it has none; empty
    without a cache."""
    measures: tuple[tuple[ArticleMeasure, ...], ...] = ()
    """With shown: each placed issue's articles as the search index plans them."""
    docs: Mapping[str, SearchDoc] = field(default_factory=dict)
    """With shown: the search documents of the issues this build read or took from the issue cache (the
    others are taken as shown from the shown cache alone), by URL path."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def search_articles(self) -> list[DocStub]:
        """Every article as the search index plans it (with shown)."""
        return [DocStub(urls.article_path_at(issue_id, n), _date(issue), chars, digest)
                for (issue_id, issue), measures in zip(self.placed, self.measures)
                for n, (chars, digest) in enumerate(measures, start=1)]


def _date(issue: ParsedIssue | EnrichedIssue) -> str:
    day = _parsed(issue).date
    return day.isoformat() if day else ""


def issue_step(seeds_dir: Path, max_bytes: int, cache: IssueCache | None, classified: bool,
               tables: Tables) -> IssueStep:
    return IssueStep(seeds_dir, max_bytes, classified, SegmentCache(cache.cache_dir) if cache else segment_issue,
                     tables)


def load_archive(seeds_dir: Path, keep_going: bool = False, max_bytes: int = MAX_BYTES,
                 cache: IssueCache | None = None, progress: Progress | None = None,
                 classified: bool = False, workers: int | None = None, tables: Tables = BUILT_IN,
                 shown: bool = False) -> Loaded:
    """Read and parse every issue file and give each issue its id; a file that cannot be used is an error
    unless keep_going skips it.

    classified: also do for each issue what needs only that issue (segmentation, districts, topics,
    people, keyword candidates: sitegen.issue.enrich), giving EnrichedIssues; the keywords, which weigh
    words against the whole archive, are chosen after (sitegen.archive.finish). With a cache, an issue file whose bytes (and
    sidecar) were seen before is taken from it as it was left. The other files are done in a pool of
    processes, one per core, when there are enough of them to pay for it.

    shown (with classified): give each issue with its text as the site shows it, and each article's
    measure for the search index (Loaded.measures). With a cache, an issue file seen before is then taken
    from its row (engine.rows), light: without its text, which WholeIssues gives the pages that show it;
    else from the shown cache (engine.cache.ShownCache), never read as it was.
    """
    progress = progress or NoProgress()
    sources = find_sources(seeds_dir)
    progress.phase("read", len(sources), "files")
    lexicon = load_lexicon(tables)
    step = issue_step(seeds_dir, max_bytes, cache, classified, tables)
    results: list[tuple[ParsedIssue | EnrichedIssue | None, Problem | None]] = [(None, None)] * len(sources)
    keys = [cache.key(path, step.shown(path), max_bytes, step.kind) if cache else None for path in sources]
    if cache:
        cache.digests.save()
    store = ShownCache(cache) if cache and shown else None
    rows = RowCache(cache) if store else None
    measured: dict[int, tuple[ArticleMeasure, ...]] = {}  # by id() of the issue as shown
    todo = []
    for i, key in enumerate(keys):
        light = rows.get(key) if rows and key else None
        entry = light if light is not None else store.get(key) if store and key else None
        if entry is not None:
            if light is None:
                rows.put(key, entry)  # type: ignore[union-attr]
            results[i] = entry[0], None
            measured[id(entry[0])] = entry[1]
            progress.advance()
            continue
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
            found = _parsed(issue).problems
            # An error found in a usable file (a sidecar correction that no longer holds, and so was not
            # applied) stops the build, unless keep_going builds the issue without it.
            problems.extend(replace(p, severity="warning") if keep_going and p.severity == "error" else p for p in found)
            issues.append(issue)
            key_of[id(issue)] = key
    placed, id_problems = assign_ids(issues, lexicon.places)
    keys_placed = tuple(key_of[id(issue)] for _, issue in placed) if cache else ()
    loaded = Loaded(placed, problems + id_problems, skipped, keys_placed)
    if not shown:
        return loaded
    loaded = _as_shown(loaded, measured, store, rows)
    if rows:
        rows.save()
    return loaded


def _as_shown(loaded: Loaded, measured: dict[int, tuple[ArticleMeasure, ...]], store: ShownCache | None,
              rows: RowCache | None) -> Loaded:
    """loaded with each issue's text as shown and its articles' measures: those of the issues read (or
    taken from the issue cache) made now, and kept in the shown cache for the next build."""
    placed: list[tuple[str, ParsedIssue | EnrichedIssue]] = []
    measures: list[tuple[ArticleMeasure, ...]] = []
    docs: dict[str, SearchDoc] = {}
    for n, (issue_id, issue) in enumerate(loaded.placed):
        known = measured.get(id(issue))
        if known is None:
            assert isinstance(issue, EnrichedIssue)
            made = _search_docs(issue_id, issue)
            docs.update((d.url_path, d) for d in made)
            known = tuple((len(d.text), doc_digest(d)) for d in made)
            issue = EnrichedIssue(shown_text(issue.parsed), issue.facts)
            key = loaded.keys[n] if loaded.keys else None
            if store and key:
                store.put(key, (issue, known))
                rows.put(key, (issue, known))  # type: ignore[union-attr]
        placed.append((issue_id, issue))
        measures.append(known)
    return replace(loaded, placed=placed, measures=tuple(measures), docs=docs)


def _search_docs(issue_id: str, issue: EnrichedIssue) -> list[SearchDoc]:
    return search_docs([(issue_id, issue)], urls.article_path_at, urls.UNKNOWN_PAPER)


@dataclass(frozen=True)
class DocSources:
    """What the search documents of the placed issues are made from (search_documents), without the
    issues as shown, which the archive holds finished."""

    issues: tuple[tuple[str, str | None, int, str], ...]
    """Each placed issue's id, cache key (None without one), number of articles and file (as shown)."""
    docs: Mapping[str, SearchDoc] = field(default_factory=dict)
    """Loaded.docs."""

    @classmethod
    def of(cls, loaded: Loaded) -> DocSources:
        return cls(tuple((issue_id, key, len(measures), _parsed(issue).source.path) for (issue_id, issue), key, measures
                         in zip(loaded.placed, loaded.keys or [None] * len(loaded.placed), loaded.measures)),
                   loaded.docs)


def search_documents(sources: DocSources, url_paths: set[str], cache: IssueCache | None,
                     step: IssueStep) -> dict[str, SearchDoc]:
    """The search documents of the articles at url_paths (and of the others of their issues), made from
    the issues as read: those made by this build (sources.docs), else from the issue cache, else from the file
    read again (step)."""
    docs = {}
    for issue_id, key, n_articles, path in sources.issues:
        articles = [urls.article_path_at(issue_id, n) for n in range(1, n_articles + 1)]
        if not any(a in url_paths for a in articles):
            continue
        made = [sources.docs.get(a) for a in articles]
        if not all(made):
            made = _search_docs(issue_id, _as_read(key, path, cache, step))
        docs.update((d.url_path, d) for d in made)
    return docs


class WholeIssues:
    """Each issue of the archive whole, for the pages, feeds and catalog parts that show its text (called
    as site.pages.Plan.whole): an issue loaded light (engine.rows) is taken again from the shown cache,
    else from the issue cache, else from its file read again, and finished as the archive finished it."""

    def __init__(self, keys: Mapping[str, str], cache: IssueCache | None, step: IssueStep):
        self._keys, self._cache, self._step = keys, cache, step
        self._store = ShownCache(cache) if cache else None
        self._whole: dict[str, Issue] = {}

    def __call__(self, issue: Issue) -> Issue:
        if not is_light(issue):
            return issue
        whole = self._whole.get(issue.id)
        if whole is None:
            shown = self._shown(issue)
            whole = self._whole[issue.id] = finish_issues([(issue.id, shown)], [shown.parsed])[0]
        return whole

    def _shown(self, issue: Issue) -> EnrichedIssue:
        key = self._keys.get(issue.id)
        entry = self._store.get(key) if self._store and key else None
        if entry is not None:
            return entry[0]
        as_read = _as_read(key, issue.source.path, self._cache, self._step, issue.source.sha256)
        return EnrichedIssue(shown_text(as_read.parsed), as_read.facts)


def _as_read(key: str | None, path: str, cache: IssueCache | None, step: IssueStep,
             sha256: str | None = None) -> EnrichedIssue:
    """An issue as read, from the issue cache, else from its file read again (its entry went missing since
    the build began); an error if the file no longer reads as an issue (or, given sha256, as these bytes)."""
    as_read = cache.get(key, EnrichedIssue) if cache and key else None
    if as_read is not None:
        return as_read
    found, problem = step(Path(path))
    if not isinstance(found, EnrichedIssue) or (sha256 is not None and found.parsed.source.sha256 != sha256):
        raise SitegenError(f"{path} changed while the site was built: build again"
                           + (f" ({problem})" if problem else ""))
    return found


def _parsed(issue: ParsedIssue | EnrichedIssue) -> ParsedIssue:
    return issue.parsed if isinstance(issue, EnrichedIssue) else issue


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
