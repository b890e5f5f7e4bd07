"""The build, top to bottom: each issue file on its own, then the whole archive once, then the site beside
its search index, then what changed moved into the site.

How fast each step goes (caches, processes) is decided beside it: engine/load.py, engine/parallel.py,
engine/output.py and engine/cache.py.
"""
from __future__ import annotations

import logging
import time
from concurrent.futures import wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from tempfile import TemporaryDirectory

from ..archive import build_archive
from ..archive.finish import finish_issues
from ..config import Config
from ..errors import SitegenError
from ..lexicon import load_lexicon
from ..issue.enrich import release
from ..model import Issue
from ..search import BUNDLE_DIR, DocsWanted, Joined, articles_to_index, hand_over, index_handed_over
from ..site.write import StagedSite, WriteSummary, output_locked, previous_site_files, stamp_of
from .cache import IssueCache, Kept, RelatedCache, SegmentCache, ShownCache
from .rows import RowCache
from .load import DocSources, Loaded, WholeIssues, issue_step, load_archive, refuse_unusable, search_documents
from .output import write_site
from .parallel import collector_kept_off, search_process
from .progress import NoProgress, Progress
from .stopping import held

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    loaded: Loaded
    """What was found wrong and the files skipped (its issues are let go once the archive holds them)."""
    issues: list[Issue]
    pages: int
    written: WriteSummary
    seconds: float
    site_url: str
    """The site's absolute address as given ("" when none was: the pages then have no canonical link)."""

    def summary_line(self) -> str:
        n_articles = sum(len(i.articles) for i in self.issues)
        return (f"Built {len(self.issues)} issues, {n_articles} articles, {self.pages} pages: "
                f"{self.written.written} written, {self.written.unchanged} unchanged, {self.written.removed} removed; "
                f"{len(self.loaded.warnings)} warnings, {len(self.loaded.errors)} errors in {self.seconds:.1f} s")


def build(config: Config, progress: Progress | None = None, kept: Kept | None = None) -> BuildResult:
    """Build the whole site into config.out_dir, replacing it only if everything succeeded.

    kept: cache entries kept in memory from a previous build of the same process (`sitegen serve`)."""
    started = time.monotonic()
    progress = progress or NoProgress()
    if config.cache_dir:  # every step finds the same cache, whatever folder it runs a tool in
        config = replace(config, cache_dir=config.cache_dir.resolve())
    tables = config.tables
    cache = IssueCache(config.cache_dir, tables, kept=kept) if config.cache_dir else None
    lexicon = load_lexicon(tables)  # the tables every stage reads, read once and handed to each
    # handover: where documents are written for the search process (search.hand_over); left after it.
    with output_locked(config.out_dir), TemporaryDirectory(prefix="sitegen-handover-") as handover, \
            search_process() as searcher, collector_kept_off() as set_apart:
        # 1. Every issue file on its own.
        try:
            loaded = load_archive(config.seeds_dir, config.keep_going, config.max_file_bytes, cache, progress,
                                  classified=True, tables=tables, shown=True)
            refuse_unusable(loaded, config)
        except BaseException:
            progress.stop()  # the error says it all
            raise
        progress.end()
        if not config.dev:  # jieba is done with; a preview (sitegen serve) keeps it for its next rebuild
            release()
        if cache:
            cache.remove_other_versions()
            ShownCache(cache).remove_other_versions()
            RelatedCache(cache).remove_other_versions()
            RowCache(cache).remove_other_versions()
            SegmentCache(cache.cache_dir).remove_other_versions(tables)
        # 2. The search index, in a process of its own beside everything below: it needs only the
        # articles as read, not what the whole archive adds to them.
        staged = StagedSite(config.out_dir)
        articles = loaded.search_articles()
        step = issue_step(config.seeds_dir, config.max_file_bytes, cache, True, tables)
        # Only the shards not in the cache are indexed: only their articles' documents are made and sent.
        sources = DocSources.of(loaded)
        docs_files = [hand_over(search_documents(sources, articles_to_index(articles, config.cache_dir), cache,
                                                 step).values(), Path(handover))]
        # For a search index that finds a cached shard damaged: what its documents are made from, but this
        # build's documents, which go with the issues as read (the issue cache has those).
        sources = replace(sources, docs={})
        # It stages only the search files the published site lacks, and names the ones it keeps.
        searching = searcher.submit(index_handed_over, articles, docs_files, staged.root, config.cache_dir,
                                    staged.out_dir)
        joined: Joined | None = None

        def search_index() -> list[dict]:
            nonlocal searching, joined
            try:
                while joined is None:
                    try:
                        found = searching.result()
                    except DocsWanted as wanted:  # a cached shard counted on is gone or damaged
                        log.info("search: %s", wanted)
                        docs_files.append(hand_over(search_documents(sources, set(wanted.url_paths), cache,
                                                                     step).values(), Path(handover)))
                        searching = searcher.submit(index_handed_over, articles, docs_files, staged.root,
                                                    config.cache_dir, staged.out_dir)
                        continue
                    staged.take_folder(BUNDLE_DIR, found.staged, found.unchanged)
                    joined = found
            except BrokenProcessPool as e:
                raise SitegenError(f"the process building the search index died ({e}); the machine may be "
                                   "out of memory: close other programs and build again") from e
            return joined.listed
        try:
            # 3. The whole archive, once.
            progress.phase("classify", len(loaded.placed), "issues")
            issues = finish_issues(loaded.placed, [issue.parsed for _, issue in loaded.placed])
            related_cache = RelatedCache(cache) if cache else None
            related_before = related_cache.get() if related_cache else None
            archive = build_archive(issues, lexicon, related_before)
            if related_cache and archive.relatedness is not related_before:
                related_cache.put(archive.relatedness)
            set_apart()  # the archive is whole: what renders the pages comes and goes
            progress.advance(len(issues))
            made_from = {issue_id: key for (issue_id, _), key in zip(loaded.placed, loaded.keys) if key}
            # The issues as read are done with (the archive holds them finished, the search process has their
            # documents): let them go before the pages are made, the build's fullest stretch.
            loaded = replace(loaded, placed=[], keys=(), docs={})
            # 4. The site.
            whole = WholeIssues(made_from, cache, step)
            rendered = write_site(archive, lexicon, config, staged, progress, searching.done, search_index, made_from,
                                  whole)
            progress.phase("search", len(articles), "articles")
            search_index()
            progress.advance(len(articles))
            # 5. The new and changed files moved into the site, the ones nothing claimed removed.
            progress.phase("publish")
            manifest = rendered.manifest
            written = staged.publish(uninterrupted=held(), previous_files=previous_site_files(
                config.out_dir, manifest.published if manifest else None))
            if manifest:
                manifest.save(written.claimed, stamp_of(config.out_dir))
            if kept is not None:  # what this build asked for, the next will ask for again
                kept.keep_used()
            progress.end()
        except BaseException as e:
            progress.stop()
            searching.cancel()
            wait([searching])  # a Pagefind run under way writes into the staged folder until it ends
            staged.discard()
            if isinstance(e, OSError) and (e.filename is None or str(e.filename).startswith(str(staged.root))):
                # Named by the folder the keeper chose, not by the staging folder, now gone.
                log.info("writing the site failed", exc_info=True)
                raise OSError(e.errno, e.strerror, str(config.out_dir)) from None
            raise
    return BuildResult(loaded, issues, rendered.pages, written, time.monotonic() - started,
                       config.site_url)
