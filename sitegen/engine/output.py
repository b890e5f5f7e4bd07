"""Everything written into the staged site: each page (rendered, or kept from the previous site when it
would come out the same), the static files, the catalog, the feeds, the sitemap."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import jinja2

from ..archive import Archive
from ..config import Config
from ..lexicon import Lexicon
from ..site import listings, touched, urls
from ..site.catalog import catalog_json, catalog_parts, issue_lines, packed_part
from ..site.feeds import feeds, robots, sitemap
from ..model import Issue
from ..site.pages import Page, Plan, as_whole
from ..site.plan import Planned, plan_lazily
from ..site.render import editorial_pages, environment, render_page
from ..site.write import StagedSite
from .cache import CatalogLines, RenderManifest, context_hash, templates_version
from .parallel import render_all
from .progress import Progress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rendered:
    pages: int
    manifest: RenderManifest | None
    """What the pages were rendered from: kept once the site is published, for the next build."""


def write_site(archive: Archive, lexicon: Lexicon, config: Config, staged: StagedSite, progress: Progress,
               other_core_free: Callable[[], bool] = lambda: False,
               search_shards: Callable[[], Sequence[dict]] | None = None,
               made_from: Mapping[str, str] | None = None,
               whole: Callable[[Issue], Issue] | None = None) -> Rendered:
    """Plan and render every page, feed and data file of the site into staged.

    other_core_free: whether nothing else needs the machine's other core any more (the search index is
    built): the pages left are then rendered by two processes. search_shards: waits for the search
    index and returns its list of shards (build_search_index's answer); the search page is then
    rendered last, naming in its head the files a first search needs (listings.search).
    made_from: issue id → the cache key it was made from (site.pages.Plan.made_from). whole: an issue of the
    archive whole, where the engine loaded it light (site.pages.Plan.whole)."""
    progress.phase("plan")
    base = urls.normalize_base_url(config.base_url)
    site_url = urls.site_root(config.site_url, base)
    site_urls = urls.SiteUrls(base, lexicon, site_url)
    plan = Plan(archive, site_urls, config.title, config.dev, made_from=made_from or {}, whole=whole or as_whole)
    manifest = RenderManifest(config.cache_dir, config.out_dir, templates_version(config.template_dirs)) \
        if config.cache_dir else None
    untouched = carried = touched.NONE
    if manifest:
        manifest.links = touched.links_of(plan)
        untouched = touched.untouched(plan, manifest.links, manifest.links_before)
        carried = carry_untouched(plan, untouched, staged, manifest)
    pages = plan_lazily(plan, editorial_pages(config.template_dirs), search_page=search_shards is None,
                        untouched=untouched, carried=carried)
    env = environment(config.template_dirs, config.cache_dir)
    late = search_shards is not None
    progress.phase("render", len(pages) + late, "pages")
    rendered, paths = render_all(len(pages), _share(pages, env, staged, manifest), staged,
                                 lambda: manifest.current if manifest else {},
                                 lambda entries: manifest.current.update(entries) if manifest else None,
                                 progress, other_core_free)
    listed = [p for _, p in sorted(paths.items())]
    if search_shards is not None:
        search = listings.search(plan, search_shards())
        rendered += write_page(search, env, staged, manifest)
        listed.insert(1, search.path)  # where plan_lazily lists it, after the home page
        progress.advance(1)
    log.info("rendered %d pages; %d had the same content as before and were kept", rendered,
             len(pages) + late - rendered)
    staged.copy_trees(config.static_dirs, urls.STATIC.rstrip("/"))
    write_catalog(archive, base, staged, manifest, made_from, CatalogLines(config.cache_dir) if manifest else None,
                  plan.whole)
    staged.write(urls.NOJEKYLL, b"")
    if config.dev:  # part of the site it publishes, not written after: the folder stays as the manifest has it
        staged.write(urls.PREVIEW_STATUS, b"ok\n")
    for path, data in feeds(archive, config.title, site_urls, plan.whole):
        staged.write(path, data)
    staged.write(urls.SITEMAP, sitemap([p for p in listed if not p.endswith(".html")], site_urls))
    staged.write(urls.ROBOTS, robots(site_urls))
    return Rendered(len(pages) + late, manifest)


def write_catalog(archive: Archive, base_url: str, staged: StagedSite, manifest: RenderManifest | None,
                  made_from: Mapping[str, str] | None, lines_cache: CatalogLines | None = None,
                  whole: Callable[[Issue], Issue] = as_whole) -> None:
    """catalog.json and its parts; a part made from the same issues as the previous site's is kept as it is,
    and catalog.json is put together from the lines its issues made before (lines_cache): after one new
    issue, only its part and its part's issues' lines are made, whatever the archive's size."""
    listed, lines, used = [], {}, set()
    for part in catalog_parts(archive, base_url, made_from if manifest else None):
        known = None
        if lines_cache and part.inputs:
            used.add(part.inputs)
            known = lines_cache.get(part.inputs, {i.id for i in part.issues})
        if known is None:
            known = issue_lines(part, base_url)
            if lines_cache and part.inputs:
                lines_cache.put(part.inputs, known)
        lines.update(known)
        if part.inputs and keep_unchanged(part.path, staged, manifest, part.inputs):
            size = staged.size(part.path)
        else:
            packed = packed_part(archive, part, base_url, whole)
            staged.write(part.path, packed)
            if manifest and part.inputs:
                manifest.record(part.path, part.inputs, hashlib.sha256(packed).hexdigest(), staged.stamp(part.path),
                                part.inputs)
            size = len(packed)
        listed.append(part.listed(base_url, size))
    if lines_cache:
        lines_cache.prune(used)
    staged.write(urls.CATALOG, catalog_json(archive, base_url, lines, listed))


def _share(pages: Sequence[Planned], env: jinja2.Environment, staged: StagedSite,
           manifest: RenderManifest | None):
    def share(indexes: Iterable[int], advance: Callable[[int], None]) -> tuple[int, dict[int, str]]:
        rendered, paths = 0, {}
        for i in indexes:
            planned = pages[i]
            if planned.carried:
                paths[i] = planned.untouched
                advance(1)
                continue
            if manifest and planned.untouched and keep_unchanged(planned.untouched, staged, manifest):
                paths[i] = planned.untouched
                advance(1)
                continue
            known = planned.inputs() if manifest and planned.inputs else None
            if known and keep_unchanged(known[0], staged, manifest, known[1]):
                paths[i] = known[0]
            else:
                page = planned.make()
                paths[i] = page.path
                rendered += write_page(page, env, staged, manifest, known[1] if known else None)
            advance(1)
        return rendered, paths
    return share


def carry_untouched(plan: Plan, untouched: touched.Untouched, staged: StagedSite,
                    manifest: RenderManifest) -> touched.Untouched:
    """Keep the files of the untouched pages (site.touched) that are as the previous build left them, in one
    pass, before the render loop: at 8,000 issues these are some 50,000 pages, and the loop's work for each
    (planning it, checking its record, claiming its file, recording it again) grew the rebuild with the
    archive. A file whose stamp moved (changed by hand) is left to the loop, which reads it again
    (keep_unchanged). Returns the pages carried."""
    a = plan.archive
    issues = {i.id: i for i in a.issues}
    ids: list[tuple[str, str]] = []  # (kind, id), by output file
    rels: list[str] = []
    for kind, pages, path_of in (
            ("articles", untouched.articles, lambda id_: urls.article_path(a.by_id[id_].article)),
            ("issues", untouched.issues, lambda id_: urls.issue_path(issues[id_])),
            ("sources", untouched.sources, lambda id_: urls.source_path(issues[id_]))):
        for id_ in pages:
            ids.append((kind, id_))
            rels.append(urls.output_file(path_of(id_)))
    kept = set(staged.keep_as_stamped(manifest.stamps(rels)))
    manifest.carry(kept)
    carried: dict[str, set[str]] = {"articles": set(), "issues": set(), "sources": set()}
    for (kind, id_), rel in zip(ids, rels):
        if rel in kept:
            carried[kind].add(id_)
    log.debug("carried %d untouched pages as they were; %d left to the render loop", len(kept), len(rels) - len(kept))
    return touched.Untouched(frozenset(carried["articles"]), frozenset(carried["issues"]),
                             frozenset(carried["sources"]))


def keep_unchanged(path: str, staged: StagedSite, manifest: RenderManifest, inputs: str | None = None) -> bool:
    """Keep the previous site's file of a page without making it: one made from these inputs (site.inputs),
    or, with none given, one site.touched knows is made from what it was made from then. False if the
    manifest has no such record, or the file is not what was written."""
    rel = urls.output_file(path)
    previous = manifest.recorded(rel) if inputs is None else manifest.made_from(rel, inputs)
    kept = staged.keep(rel, previous.output_sha, previous.stamp) if previous is not None else None
    if kept is None:
        return False
    manifest.record(rel, previous.context_key, previous.output_sha, kept, previous.inputs)
    return True


def write_page(page: Page, env: jinja2.Environment, staged: StagedSite, manifest: RenderManifest | None,
               inputs: str | None = None) -> bool:
    """Render one page into the staged site, unless the previous site has it rendered from the same context.

    inputs: the key of what the page is made from (site.inputs), recorded beside its context's.
    Return whether it was rendered.
    """
    rel = urls.output_file(page.path)
    key = context_hash(page.context) if manifest else None
    previous = manifest.unchanged(rel, key) if manifest else None
    kept = staged.keep(rel, *previous) if previous else None
    if kept is not None:
        manifest.record(rel, key, previous[0], kept, inputs)
        return False
    data = render_page(env, page)
    staged.write(rel, data)
    if manifest:
        manifest.record(rel, key, hashlib.sha256(data).hexdigest(), staged.stamp(rel), inputs)
    return True
