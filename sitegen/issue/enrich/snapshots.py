"""jieba's dictionary as loaded for the archive, kept between processes: speed only.

The snapshots lie in the temporary folder, where jieba keeps its own cache (jieba.cache), as marshal
files named by SNAPSHOT_PREFIX, what they hold, the user's id (a shared /tmp lets no one else replace
them) and the segmentation's fingerprint (sitegen.issue.enrich.words.fingerprint). Reading them is
several times quicker than loading jieba's dictionary, adding the archive's words and reading its
tags. A missing or damaged snapshot is None: the caller loads from jieba again and saves a new one.
"""
from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from ...files import write_atomically

SNAPSHOT_PREFIX = "sitegen-jieba-"


def load_snapshot(what: str, fingerprint: str) -> Any:
    """What save_snapshot() kept, or None. Read whole, then unmarshalled: marshal.load on a file reads it in small
    pieces, which is much slower (and is how jieba's own cache loads)."""
    try:
        return marshal.loads(_path(what, fingerprint).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # none yet, or damaged: loaded from jieba's dictionary again


def save_snapshot(what: str, fingerprint: str, value: Any) -> None:
    """Keep value as the snapshot of what, and drop those of other fingerprints (never used again)."""
    path = _path(what, fingerprint)
    if write_atomically(path, marshal.dumps(value), "jieba's dictionary"):
        for other in path.parent.glob(f"{SNAPSHOT_PREFIX}{what}-{os.getuid()}-*.marshal"):
            if other != path:
                other.unlink(missing_ok=True)


def _path(what: str, fingerprint: str) -> Path:
    return Path(tempfile.gettempdir()) / f"{SNAPSHOT_PREFIX}{what}-{os.getuid()}-{fingerprint[:24]}.marshal"
