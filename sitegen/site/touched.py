"""Which article, issue and source pages a change of the archive can alter, found from what changed, not by
keying every page: a rebuild after one new issue at 8,000 issues would otherwise key 56,000 pages to find
the hundred or so whose key (site.inputs) moved.

The previous build leaves what it rendered from as Links: the key each issue was made from, and the
archive's links the keys of site.inputs hold (related lists, continuations, person slugs, the paper's
issues before and after each issue). A page is untouched when nothing its key holds differs from then:
- its issue is unchanged (same key of what the engine made it from) and so is every issue it shows
  something of (its related articles', its continuations', the paper's neighbouring issues');
- its links are the same: the related list, the continuations, the slugs of the people its article
  names, the neighbouring issues.
An untouched page's key is the one it was rendered from (tests/test_incremental.py checks this against
the keys themselves over added, edited and removed issues), so it is kept without being keyed or made.
The pages of the long lists (site.inputs' district, topic and person pages) are few, and keyed every time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .inputs import paper_neighbour_ids
from .pages import Plan


@dataclass(frozen=True)
class Links:
    """What a build rendered its article, issue and source pages from, besides each issue's own content."""

    constant: str
    """Plan.constant: the settings and tables every page reads."""
    made_from: Mapping[str, str]
    """Issue id → what the engine made it from (Plan.made_from)."""
    related: Mapping[str, tuple[str, ...]]
    """Every article's id → its related articles' ids."""
    continued: Mapping[str, tuple[str | None, str | None]]
    """An article's id → the parts it continues from and on to, for the articles that have one."""
    slugs: Mapping[str, str]
    """A person's name → the slug of their page."""
    neighbours: Mapping[str, tuple[str | None, str | None]]
    """An issue's id → the ids of the same paper's issues before and after it."""


@dataclass(frozen=True)
class Untouched:
    """The pages whose keys are the ones the previous build rendered them from."""

    articles: frozenset[str]
    """Article ids."""
    issues: frozenset[str]
    """Issue ids whose issue page is untouched."""
    sources: frozenset[str]
    """Issue ids whose source page is untouched."""


NONE = Untouched(frozenset(), frozenset(), frozenset())


def links_of(plan: Plan) -> Links:
    a = plan.archive
    continued = {id_: (a.continued_from.get(id_), a.continued_on.get(id_))
                 for id_ in a.continued_from.keys() | a.continued_on.keys()}
    return Links(plan.constant, dict(plan.made_from), dict(a.related), continued,
                 {p.name: p.slug for p in a.people}, {i.id: paper_neighbour_ids(plan, i) for i in a.issues})


def untouched(plan: Plan, now: Links, before: Links | None) -> Untouched:
    """The pages of plan's archive that nothing changed since before (the Links of the site's last build)."""
    if before is None or before.constant != now.constant:
        return NONE
    a = plan.archive
    made_from, old_made_from = now.made_from, before.made_from
    issue_ids = [i.id for i in a.issues]
    # Issues whose content changed, or that are new or gone, or that the engine made from nothing it can key.
    changed = {i for i in issue_ids if i not in made_from or made_from[i] != old_made_from.get(i)}
    changed |= old_made_from.keys() - made_from.keys()
    changed_articles = {e.article.id for i in changed if i in a.by_issue for e in a.by_issue[i]}
    changed_articles |= before.related.keys() - now.related.keys()

    def shows_changed(ids: tuple[str | None, ...]) -> bool:
        return not changed_articles.isdisjoint(ids)

    touched_issues = set(changed)
    for i in issue_ids:
        n = now.neighbours[i]
        if n != before.neighbours.get(i) or not changed.isdisjoint(n):
            touched_issues.add(i)
    touched = {e.article.id for i in touched_issues if i in a.by_issue for e in a.by_issue[i]}
    old_related, old_continued = before.related, before.continued
    touched.update(id_ for id_, listed in now.related.items()
                   if listed != old_related.get(id_) or shows_changed(listed))
    touched.update(id_ for id_ in now.continued.keys() | old_continued.keys()
                   if now.continued.get(id_) != old_continued.get(id_) or shows_changed(now.continued.get(id_, ())))
    old_slugs = before.slugs
    for name, slug in now.slugs.items():
        if old_slugs.get(name) != slug:
            touched.update(m.article_id for m in a.person_named[name].mentions)
    untouched_issues = frozenset(i for i in issue_ids if i not in touched_issues)
    return Untouched(frozenset(a.by_id.keys() - touched), untouched_issues,
                     frozenset(i for i in issue_ids if i not in changed))
