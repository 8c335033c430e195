"""Remembered page digests: the SHA-256 of a page file's HTML, kept with the file's identity, so
that loading a dataset again does not read and decompress every page to hash it.

A dataset's content hash covers every page's HTML (`bench.data.page.hash_pages`), which on a
corpus of 200,000 gzipped pages means reading and decompressing all of them before the first
job, in the main process. As git's index does, a digest is kept with the file's path, size,
inode, modification and change times (nanoseconds); a file whose identity changed in any of
them is read again. A file modified in the last two seconds is not remembered (it may still be
being written within one timestamp tick). The memo is an optimisation only: when its file
cannot be opened or written (read-only home, another process holding the lock), digests are
computed as before and nothing fails.

Where: `digests.sqlite` beside the output cache (`$BOILERBENCH_CACHE`'s folder, else
`$XDG_CACHE_HOME/boilerbench/`, `~/.cache/boilerbench/` by default); `BOILERBENCH_DIGESTS=off`
turns it off.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from bench.files import default_cache_path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS digests (
    path TEXT PRIMARY KEY, identity TEXT NOT NULL, sha256 BLOB NOT NULL
) WITHOUT ROWID;
"""
_SETTLED_NS = 2_000_000_000
"""A file modified less than this long ago is hashed but not remembered."""


def memo_path() -> Path | None:
    """Where the memo lives (beside the output cache), or None when `BOILERBENCH_DIGESTS=off`."""
    if os.environ.get("BOILERBENCH_DIGESTS", "").lower() == "off":
        return None
    return default_cache_path().parent / "digests.sqlite"


def _settings() -> tuple[str | None, ...]:
    """What `memo_path` depends on (checked for every page: cheaper than the path itself)."""
    return tuple(os.environ.get(name)
                 for name in ("BOILERBENCH_DIGESTS", "BOILERBENCH_CACHE", "XDG_CACHE_HOME", "HOME"))


class _Memo:
    """The open memo of this process (a forked child opens its own, never its parent's)."""

    def __init__(self, path: Path | None) -> None:
        self.pid, self.settings = os.getpid(), _settings()
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=1.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # a lost digest is only computed again
            db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error):
            return
        self._db = db

    def get(self, path: str, identity: str) -> bytes | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT identity, sha256 FROM digests WHERE path = ?",
                                   (path,)).fetchone()
        except sqlite3.Error:
            return None
        return row[1] if row is not None and row[0] == identity else None

    def put(self, path: str, identity: str, digest: bytes) -> None:
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO digests VALUES (?, ?, ?)",
                             (path, identity, digest))
        except sqlite3.Error:
            return


_MEMO: _Memo | None = None


def _memo() -> _Memo:
    global _MEMO
    if _MEMO is None or _MEMO.pid != os.getpid() or _MEMO.settings != _settings():
        _MEMO = _Memo(memo_path())
    return _MEMO


def file_digest(path: Path, read: Callable[[], bytes]) -> bytes:
    """The SHA-256 of `read()` (the HTML held in the file at `path`), remembered with the
    file's identity."""
    try:
        stat = os.stat(path)
    except OSError:
        return hashlib.sha256(read()).digest()  # `read` says what is wrong with the file
    key = os.path.abspath(path)
    identity = (f"{stat.st_size}:{stat.st_ino}:{stat.st_dev}:{stat.st_mtime_ns}:"
                f"{stat.st_ctime_ns}")
    memo = _memo()
    digest = memo.get(key, identity)
    if digest is None:
        digest = hashlib.sha256(read()).digest()
        if time.time_ns() - stat.st_mtime_ns >= _SETTLED_NS:
            memo.put(key, identity, digest)
    return digest
