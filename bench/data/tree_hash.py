"""The tree hash: a dataset folder pinned by its bytes, whatever importer reads it.

The SHA-256 of the lines `<sha256 of the file's bytes>  <path>\\n`, one per regular file under
the folder (symbolic links and folders are not files), paths relative and `/`-separated, sorted
by their bytes: the same as, in that folder,
`find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum`.
Unlike a hash of the parsed dataset it does not change when an importer does, and it can be
pinned from the archive alone.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from bench.errors import BenchError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class TreeHash:
    """A folder's tree hash and how many files it covers."""

    sha256: str
    files: int


def tree_hash(folder: Path) -> TreeHash:
    """The tree hash of `folder` (see the module docstring)."""
    if not folder.is_dir():
        raise BenchError(f"{folder}: not a folder")
    paths: list[bytes] = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                paths.append(os.fsencode(path.relative_to(folder).as_posix()))
    digest = hashlib.sha256()
    for relative in sorted(paths):
        digest.update(_file_sha256(folder / os.fsdecode(relative)).encode() + b"  " + relative
                      + b"\n")
    return TreeHash(sha256=digest.hexdigest(), files=len(paths))


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
