"""Keep work done for unchanged issue files between builds, in `.sitegen-cache/` (git-ignored).

An entry is found by a key made of everything its result depends on: the file's bytes, its sidecar's
bytes, the name it is shown under, and the code version — a hash of every source and data file of
the sitegen package, so that any change to the code or to its tables (places, topics, user
dictionary) starts afresh. The cache only ever saves time: a missing, damaged or foreign entry is
a miss, and the work is done again.

Entries are pickles of the project's own frozen dataclasses. Only sitegen writes them, in the
project's own folder; whoever can write there can change the code too.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import marshal
import os
import pickle
import stat
import time
import zlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..archive.related import Related
from ..files import current_code_version, remove_other_files, remove_other_folders, write_atomically
from ..issue.enrich.words import ArticleWords, fingerprint, segment_issue
from ..lexicon import BUILT_IN, Tables
from ..model import EnrichedIssue
from ..site.catalog import IssueLines
from ..site.touched import Links
from ..site.write import Stamp

log = logging.getLogger(__name__)

ISSUES = "issues"
SEGMENTS = "segments"
SHOWN = "shown"
RELATED = "related"


class Kept:
    """Cache entries a long-lived process (`sitegen serve`) keeps in memory from one build to the next, by
    key, so that a rebuild does not read the whole archive from disk again. Entries are frozen values and
    keys say everything an entry depends on, so a kept entry is what the disk would give. Only the
    entries the last build used are kept."""

    def __init__(self) -> None:
        self._entries: dict[str, Any] = {}
        self._used: set[str] = set()

    def get(self, key: str) -> Any | None:
        value = self._entries.get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self._entries[key] = value
        self._used.add(key)

    def keep_used(self) -> None:
        """Let go of the entries no lookup asked for since the last call (removed or changed files)."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries


def load_pickle(path: Path, what: str) -> Any | None:
    """The value pickled at path; None when there is none or it is damaged (of any kind: a miss, never
    a failed build — the caller makes it again)."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001
        log.info("%s %s is damaged; it is made again", what, path.name[:12], exc_info=True)
        return None


class _Pickles:
    """Entries pickled one a file under root (root/KE/KEY.pickle), each looked up in kept first; an entry
    that cannot be read, or that sound() refuses, is a miss: the caller makes it again."""

    def __init__(self, root: Path, kept: Kept | None, prefix: str):
        self.root = root
        self.kept = kept
        self._prefix = prefix
        """Before a key in kept, which the caches share: their keys are made in different ways."""

    def get(self, key: str, sound: Callable[[Any], bool]) -> Any | None:
        value = self.kept.get(self._prefix + key) if self.kept is not None else None
        if value is not None and sound(value):
            return value
        value = load_pickle(self.root / key[:2] / f"{key}.pickle", "cache entry")
        if value is None or not sound(value):
            return None
        if self.kept is not None:
            self.kept.put(self._prefix + key, value)
        return value

    def put(self, key: str, value: Any) -> None:
        """Store an entry atomically; a cache that cannot be written only costs time."""
        if self.kept is not None:
            self.kept.put(self._prefix + key, value)
        write_atomically(self.root / key[:2] / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def remove_other_versions(self) -> None:
        """Drop the entries made by other code versions (the folders beside root)."""
        remove_other_folders(self.root)


FileStamp = tuple[int, int, int, int]
"""A file's inode, size, modification and change times (ns)."""


def _file_stamp(info: os.stat_result | None) -> FileStamp | None:
    return None if info is None else (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class FileDigests:
    """The sha256 of each issue file and its sidecar as the last build read them, with the files' stamps:
    while a file and its sidecar still have theirs, they are not read again (a rebuild reads every issue
    file's bytes to key it otherwise). The change time in the stamp is set by the system on every write
    and cannot be set back, so a file rewritten to the same size and modification time is read again; a
    file changed in the last seconds before it was read is not remembered at all, as its next change could
    leave every time in the stamp as it was on a file system that keeps them to the second."""

    SETTLED_NS = 3_000_000_000

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / "digests.pickle"
        self._before: dict[str, tuple] = {}
        self._now: dict[str, tuple] = {}
        value = load_pickle(self.path, "the file digests")
        if isinstance(value, dict):
            self._before = value

    def get(self, path: str, info: os.stat_result, sidecar: os.stat_result | None
            ) -> tuple[bytes, bytes | None] | None:
        """The digests of the file at path and of its sidecar, if both have the stamps they were read with."""
        entry = self._before.get(path)
        if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] == _file_stamp(info)
                and entry[1] == _file_stamp(sidecar)):
            return None
        self._now[path] = entry
        return entry[2]

    def put(self, path: str, info: os.stat_result, sidecar: os.stat_result | None,
            digests: tuple[bytes, bytes | None]) -> None:
        settled = time.time_ns() - self.SETTLED_NS
        if all(i is None or max(i.st_mtime_ns, i.st_ctime_ns) < settled for i in (info, sidecar)):
            self._now[path] = (_file_stamp(info), _file_stamp(sidecar), digests)

    def save(self) -> None:
        """Keep the digests of the files this build keyed (not those of files gone since), if they changed."""
        if self._now != self._before:
            write_atomically(self.path, pickle.dumps(self._now, protocol=pickle.HIGHEST_PROTOCOL), "the file digests")
            self._before = dict(self._now)


class IssueCache:
    """Issues as read, parsed and completed, per issue file; one folder per code version.

    A build uses the folder of its code version and removes those of other versions: after the code
    changes, their entries can never be used again.
    """

    def __init__(self, cache_dir: Path, tables: Tables = BUILT_IN, version: str | None = None,
                 kept: Kept | None = None):
        # The tables are part of what made an entry: an archive's own places.toml changes its issues' districts.
        self.version = version or hashlib.sha256(f"{current_code_version()}\0{tables.stamp}".encode()).hexdigest()
        self.cache_dir = cache_dir
        self.kept = kept
        """Entries kept in memory between builds (Kept), looked up before the disk; None: none are."""
        self._entries = _Pickles(cache_dir / ISSUES / self.version[:24], kept, "")
        self.digests = FileDigests(cache_dir)

    def key(self, path: Path, shown: str, max_bytes: int, kind: str = "") -> str | None:
        """The key of an issue file (and of what was done to it: kind), or None when it is not a plain
        readable file within the limit.

        Such a file is left to the reader, whose messages say what is wrong with it.
        """
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return None
            sidecar = path.with_suffix(".toml")
            try:
                sidecar_info: os.stat_result | None = os.stat(sidecar)
            except OSError:  # none (what is_file says of a path it cannot stat)
                sidecar_info = None
            digests = self.digests.get(str(path), info, sidecar_info)
            if digests is None:
                raw = path.read_bytes()
                extra = sidecar.read_bytes() if sidecar_info is not None and stat.S_ISREG(sidecar_info.st_mode) \
                    else None
                digests = hashlib.sha256(raw).digest(), hashlib.sha256(extra).digest() if extra is not None else None
                self.digests.put(str(path), info, sidecar_info, digests)
        except OSError:
            return None
        h = hashlib.sha256(self.version.encode())
        h.update(b"\0" + kind.encode() + b"\0" + shown.encode("utf-8", "surrogateescape") + b"\0")
        h.update(digests[0])
        h.update(b"\1" + digests[1] if digests[1] is not None else b"\0")
        return h.hexdigest()

    def get(self, key: str | None, kind: type) -> Any | None:
        """The entry for key if there is a sound one of the given type; None otherwise."""
        return None if key is None else self._entries.get(key, lambda value: isinstance(value, kind))

    def put(self, key: str | None, value: Any) -> None:
        """Store an entry atomically; a cache that cannot be written only costs time."""
        if key is not None:
            self._entries.put(key, value)

    def remove_other_versions(self) -> None:
        """Drop the entries made by other code versions."""
        self._entries.remove_other_versions()


Shown = tuple[EnrichedIssue, tuple[tuple[int, bytes], ...]]
"""An issue with its text as the site shows it (archive.finish.shown_text), and its articles as the search
index plans them (engine.load.ArticleMeasure)."""


def _is_shown(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], EnrichedIssue) \
        and isinstance(value[1], tuple) and len(value[1]) == len(value[0].parsed.articles) \
        and all(isinstance(m, tuple) and len(m) == 2 and isinstance(m[0], int) and isinstance(m[1], bytes)
                for m in value[1])


class ShownCache:
    """Per issue file, what the site and the search index make of its text alone (Shown), kept beside the
    issue cache under the same key: the full-width marks are found once an issue, not once a build, and
    a rebuild loads this entry alone of an issue seen before, not the issue as read besides."""

    def __init__(self, issues: IssueCache):
        self._entries = _Pickles(issues.cache_dir / SHOWN / issues.version[:24], issues.kept, SHOWN)

    def get(self, key: str) -> Shown | None:
        """The entry for key if there is a sound one; None otherwise."""
        return self._entries.get(key, _is_shown)

    def put(self, key: str, value: Shown) -> None:
        self._entries.put(key, value)

    def remove_other_versions(self) -> None:
        """Drop the entries made by other code versions."""
        self._entries.remove_other_versions()


class RelatedCache:
    """The archive's related lists with the index they were found with (archive.related.Related), one
    file a code version: the next build updates the index for what changed and finds again only the lists
    its changes can alter, where finding every list costs a rebuild in proportion to the archive.

    The file is the index as plain data in marshal's format (which reads tens of thousands of small
    lists back several times faster than pickle reads objects), after a header and a checksum of it: a
    file cut short or damaged is a miss, and the lists are found anew."""

    HEADER = b"sitegen related\1"

    def __init__(self, issues: IssueCache):
        self._path = issues.cache_dir / RELATED / f"{issues.version[:24]}.marshal"
        self._kept = issues.kept

    def get(self) -> Related | None:
        """The lists of the last build, if there are sound ones."""
        value = self._kept.get(RELATED) if self._kept is not None else None
        if isinstance(value, Related) and value.usable:
            return value
        try:
            data = self._path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            log.info("the related lists cannot be read; they are found anew", exc_info=True)
            return None
        body = data[len(self.HEADER) + 4:]
        try:
            if data[:len(self.HEADER)] != self.HEADER or \
                    int.from_bytes(data[len(self.HEADER):len(self.HEADER) + 4], "big") != zlib.crc32(body):
                raise ValueError("not a file of related lists, or a damaged one")
            return Related.restored(marshal.loads(body))
        except Exception:  # noqa: BLE001
            log.info("the related lists %s are damaged; they are found anew", self._path.name[:12], exc_info=True)
            return None

    def put(self, value: Related) -> None:
        if self._kept is not None:
            self._kept.put(RELATED, value)
        body = marshal.dumps(value.saved())
        write_atomically(self._path, self.HEADER + zlib.crc32(body).to_bytes(4, "big") + body)

    def remove_other_versions(self) -> None:
        """Drop the lists of other code versions."""
        remove_other_files(self._path)


@dataclass(frozen=True)
class SegmentCache:
    """Each issue's words, kept under a key made of its text and of the segmentation's fingerprint
    (jieba's version, the dictionary, the words the archive adds): jieba is the costliest step of a
    build, and its words outlive most changes to the rest of the code, which start the issue cache
    afresh. Called as segment_issue is; a missing or damaged entry is segmented again."""

    cache_dir: Path

    def __call__(self, texts: Sequence[tuple[str, str]], tables: Tables = BUILT_IN) -> list[ArticleWords]:
        h = hashlib.sha256(fingerprint(tables).encode())
        for body, headline in texts:
            h.update(b"\1" + body.encode() + b"\0" + headline.encode())
        key = h.hexdigest()
        path = self._folder(tables) / key[:2] / f"{key}.json"
        words = self._load(path)
        if words is None or len(words) != len(texts):
            words = segment_issue(texts, tables)
            write_atomically(path, json.dumps(words, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        return words

    def remove_other_versions(self, tables: Tables = BUILT_IN) -> None:
        """Drop the words kept under another fingerprint (another jieba or dictionary): never used again."""
        remove_other_folders(self._folder(tables))

    def _folder(self, tables: Tables) -> Path:
        return self.cache_dir / SEGMENTS / fingerprint(tables)[:24]

    @staticmethod
    def _load(path: Path) -> list[ArticleWords] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [(tuple(w), tuple(h)) for w, h in data]
        except (OSError, ValueError, TypeError):
            return None  # missing or damaged: segment again


RENDERED = "rendered"


def context_hash(context: Any) -> str | None:
    """A hash of a page's plain-data context; None if it cannot be serialised (then the page is rendered).

    marshal, version 2: it writes plain data (dicts, lists, strings, numbers) by value, whether a string
    is interned or a value is shared or not — unlike pickle, or marshal's later versions, which write a
    value seen twice as a reference, so that the same context built from freshly parsed issues and
    from cached ones would come out apart — and much faster than JSON, which matters as a rebuild hashes
    every page's context. A context holding anything else (dates, frozen dataclasses) is hashed as
    JSON, with those as their repr; a repr that holds an address differs every build, which only costs
    a rendering.
    """
    try:
        data = b"m" + marshal.dumps(context, 2)
    except ValueError:  # not plain data
        try:
            text = json.dumps(context, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=repr)
        except (TypeError, ValueError):  # keys that cannot be sorted, circular data: rendered
            return None
        data = b"j" + text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def templates_version(template_dirs: Sequence[Path]) -> str:
    """The code version together with the templates' bytes, each folder in lookup order: what, besides a
    context, makes a page."""
    h = hashlib.sha256(current_code_version().encode())
    for layer, folder in enumerate(template_dirs):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{layer}/{path.relative_to(folder).as_posix()}"
            h.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@dataclass(frozen=True)
class Recorded:
    """What the manifest holds of one page."""

    context_key: str
    output_sha: str
    stamp: Stamp | None
    inputs: str | None


class RenderManifest:
    """What the pages of the site in an output folder were rendered from: per page, the hash of its context,
    of the bytes written and, where known, the key of its inputs (site.inputs); and the archive's links
    and issue keys they were made from (site.touched.Links). A page whose inputs, or else whose context,
    and templates are unchanged is not rendered again: the previous site's file is kept, once its bytes
    are checked against the manifest.

    Pickled: a rebuild reads and writes an entry for every page of the archive, and JSON took several
    times as long."""

    def __init__(self, cache_dir: Path, out_dir: Path, version: str):
        name = hashlib.sha256(str(out_dir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
        self.path = cache_dir / RENDERED / f"{name}.pickle"
        self.version = version
        self.previous: dict[str, list] = {}
        self.current: dict[str, list] = {}
        self.published: tuple[frozenset[str], Stamp] | None = None
        """The files written or kept into the site the manifest describes (write.WriteSummary.claimed) and the
        stamp of its folder just after it was published (write.previous_site_files)."""
        self.links_before: Links | None = None
        """What the previous site's article, issue and source pages were made from (site.touched)."""
        self.links: Links | None = None
        """The same of this build's, kept by save."""
        data = load_pickle(self.path, "the render manifest")
        if isinstance(data, dict) and data.get("version") == version and isinstance(data.get("pages"), dict):
            self.previous = data["pages"]
            site = data.get("site")
            if isinstance(site, tuple) and len(site) == 2 and isinstance(site[0], frozenset) and \
                    all(isinstance(x, str) for x in site[0]) and isinstance(site[1], tuple) and \
                    len(site[1]) == 3 and all(type(x) is int for x in site[1]):
                self.published = site[0], site[1]
            if isinstance(data.get("links"), Links):
                self.links_before = data["links"]

    def recorded(self, rel: str) -> Recorded | None:
        """What rel was rendered to and from, by the previous build; None if there is no sound record."""
        # Checked field by field without generators: a rebuild asks this of every page it keeps.
        entry = self.previous.get(rel)
        if type(entry) is not list or len(entry) != 4:
            return None
        context_key, output_sha, stamp, inputs = entry
        if type(context_key) is not str or type(output_sha) is not str:
            return None
        if not (type(stamp) in (list, tuple) and len(stamp) == 3 and type(stamp[0]) is int
                and type(stamp[1]) is int and type(stamp[2]) is int):
            stamp = None
        return Recorded(context_key, output_sha, tuple(stamp) if stamp is not None else None,
                        inputs if type(inputs) is str else None)

    def unchanged(self, rel: str, context_key: str | None) -> tuple[str, Stamp | None] | None:
        """If rel was rendered from this very context: the sha256 of what it rendered to, and the file's
        stamp when published (write.StagedSite.stamp); else None."""
        entry = self.recorded(rel) if context_key is not None else None
        if entry is None or entry.context_key != context_key:
            return None
        return entry.output_sha, entry.stamp

    def made_from(self, rel: str, inputs: str) -> Recorded | None:
        """What rel was rendered to, if it was made from these very inputs; else None."""
        entry = self.recorded(rel)
        return entry if entry is not None and entry.inputs == inputs else None

    def stamps(self, rels: Iterable[str]) -> list[tuple[str, Stamp]]:
        """(rel, the stamp its file had when recorded) for those of rels with a record and a stamp."""
        # No Recorded made for each: a rebuild asks this of every page it carries. A record of the wrong
        # shape is left out (its page then goes through the render loop).
        previous = self.previous
        out = []
        for rel in rels:
            entry = previous.get(rel)
            if type(entry) is list and len(entry) == 4 and type(entry[2]) is tuple and len(entry[2]) == 3:
                out.append((rel, entry[2]))
        return out

    def carry(self, rels: Iterable[str]) -> None:
        """Record these pages as the previous build did: their files were kept as they are, unchanged."""
        previous = self.previous
        self.current.update((rel, previous[rel]) for rel in rels)

    def record(self, rel: str, context_key: str | None, output_sha: str, stamp: Stamp | None,
               inputs: str | None = None) -> None:
        if context_key is not None:
            self.current[rel] = [context_key, output_sha, stamp, inputs]

    def save(self, files: Collection[str] | None = None, site: Stamp | None = None) -> None:
        """Keep the manifest of the site just published (call only after publishing it): files, those written
        or kept into it (write.WriteSummary.claimed), and site, its folder's stamp (write.stamp_of)."""
        data: dict[str, Any] = {"version": self.version, "pages": self.current, "links": self.links}
        if files is not None and site is not None:
            data["site"] = (frozenset(files), tuple(site))
        write_atomically(self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), "the render manifest")

    def forget(self) -> None:
        """Drop the manifest: the output folder is about to change in ways it does not describe."""
        self.path.unlink(missing_ok=True)


CATALOG = "catalog"


class CatalogLines:
    """The lines of catalog.json that each catalog part's issues make (site.catalog.IssueLines), under the
    part's key (Part.inputs), so that catalog.json is put together from the lines of unchanged parts, not
    made from their issues again. Entries this build did not use are dropped (prune): a part's key changes
    with any of its issues."""

    def __init__(self, cache_dir: Path):
        self.root = cache_dir / CATALOG

    def get(self, key: str, issue_ids: set[str]) -> IssueLines | None:
        """The entry for key if there is a sound one with these issues' lines; None otherwise."""
        value = load_pickle(self.root / f"{key}.pickle", "catalog cache entry")
        sound = isinstance(value, dict) and value.keys() == issue_ids and all(
            isinstance(line, bytes) for line in value.values())
        return value if sound else None

    def put(self, key: str, lines: IssueLines) -> None:
        write_atomically(self.root / f"{key}.pickle", pickle.dumps(lines, protocol=pickle.HIGHEST_PROTOCOL),
                         "the catalog's lines")

    def prune(self, used: set[str]) -> None:
        """Drop the entries of parts not in this build's catalog."""
        try:
            names = os.listdir(self.root)
        except OSError:
            return
        for name in names:
            if name.endswith(".pickle") and name[:-len(".pickle")] not in used:
                with contextlib.suppress(OSError):
                    os.unlink(self.root / name)
