"""`boilerbench fetch`: download a public dataset's pinned archive, check it, unpack it.

The only network access boilerbench makes. Downloads go over HTTPS (plain HTTP only to this
machine, for tests and local mirrors); the archive is written to a temporary file and its
SHA-256 compared with the pin (when one is pinned or given) before anything is unpacked;
unpacking refuses members that would land outside the target (see `bench.data.archive`); the
unpacked folder's tree hash (`bench.data.tree_hash`) is compared with the tree pin before
anything reads it; the dataset is then loaded with its format, and its content hash compared
with the content pin (when one is pinned), before it is moved into the target. A check that
fails leaves the target untouched. A dataset with nothing pinned is downloaded only when the
user allows it.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from bench.data.archive import unpack
from bench.data.catalogue import FETCHABLE, PUBLIC
from bench.data.page import Dataset
from bench.data.tree_hash import tree_hash
from bench.errors import BenchError, unknown_name

_CHUNK = 1 << 16
_TIMEOUT_SECONDS = 60


def check_url(url: str) -> None:
    """Allow HTTPS anywhere, HTTP only to a loopback address."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname:
        host = parts.hostname
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if loopback:
            return
    raise BenchError(f"--url {url!r}: must be an https:// URL (http:// only to 127.0.0.1)")


def download(url: str, target: Path, *, console: Console, quiet: bool = False) -> str:
    """Write `url` to `target` with a progress bar; return the SHA-256 of what was written."""
    check_url(url)
    digest = hashlib.sha256()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                        TransferSpeedColumn(), TimeRemainingColumn(), console=console,
                        disable=quiet)
    try:
        with urllib.request.urlopen(url, timeout=_TIMEOUT_SECONDS) as response, \
                target.open("wb") as sink, progress:
            length = response.headers.get("Content-Length")
            task = progress.add_task("downloading", total=int(length) if length else None)
            while chunk := response.read(_CHUNK):
                sink.write(chunk)
                digest.update(chunk)
                progress.advance(task, len(chunk))
    except urllib.error.HTTPError as error:
        raise BenchError(f"{url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise BenchError(f"{url}: download failed: {reason}") from None
    return digest.hexdigest()


@dataclass(frozen=True)
class Fetched:
    """What a fetch put in its target, with the two hashes that identify it."""

    files: int
    pages: int
    archive_sha256: str
    archive_checked: bool
    """Whether `archive_sha256` was compared with a pinned or given checksum."""
    tree_sha256: str
    tree_checked: bool
    """Whether `tree_sha256` was compared with a pinned tree hash."""
    content_sha256: str
    content_checked: bool
    """Whether `content_sha256` was compared with a pinned content hash."""


def fetch(name: str, target: Path, *, url: str | None = None, sha256: str | None = None,
          allow_unpinned: bool = False, console: Console, quiet: bool = False) -> Fetched:
    """Download and unpack the dataset `name` into `target`, checked against its pins.

    With nothing pinned or given to check against, the download is refused unless
    `allow_unpinned`; the hashes returned are then the ones to pin.
    """
    if name not in FETCHABLE:
        raise unknown_name("fetchable dataset", name, FETCHABLE)
    pin = PUBLIC[name]
    url = url or pin.archive_url or ""
    expected = (sha256 or pin.sha256 or "").lower()
    if sha256 is not None and (len(expected) != 64
                               or any(c not in "0123456789abcdef" for c in expected)):
        raise BenchError(f"--sha256 {sha256!r}: must be 64 hexadecimal digits")
    if not expected and not pin.tree_sha256 and not pin.content_sha256 and not allow_unpinned:
        raise BenchError(f"{name}: no checksum is pinned for it yet, so {url} cannot be "
                         "checked; give the archive's --sha256 HEX, or --allow-unpinned to "
                         "download it unchecked and be shown the hashes to pin")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BenchError(f"{target}: exists and is not an empty folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".fetch-", dir=target.parent) as tmp:
        archive = Path(tmp) / "archive"
        actual = download(url, archive, console=console, quiet=quiet)
        if expected and actual != expected:
            raise BenchError(f"{url}: SHA-256 is {actual}, expected {expected}; nothing was "
                             "unpacked")
        staging = Path(tmp) / "content"
        files = unpack(archive, staging)
        tree = tree_hash(staging)
        if pin.tree_sha256 and tree.sha256 != pin.tree_sha256:
            raise BenchError(f"{name}: the archive's files have tree hash {tree.sha256} "
                             f"({tree.files} files), expected {pin.tree_sha256} "
                             f"({pin.tree_files} files); nothing was kept")
        dataset = _load(name, staging, pin.format)
        if pin.content_sha256 and dataset.content_hash != pin.content_sha256:
            raise BenchError(f"{name}: the archive's dataset has content hash "
                             f"{dataset.content_hash}, expected {pin.content_sha256}; nothing "
                             "was kept")
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    return Fetched(files=files, pages=len(dataset), archive_sha256=actual,
                   archive_checked=bool(expected), tree_sha256=tree.sha256,
                   tree_checked=bool(pin.tree_sha256), content_sha256=dataset.content_hash,
                   content_checked=bool(pin.content_sha256))


def _load(name: str, folder: Path, format_name: str) -> Dataset:
    """Load the unpacked dataset with its format: an archive that does not hold one is refused
    before anything reaches the target."""
    from bench.data.formats import load_dataset

    try:
        return load_dataset(f"{format_name}:{folder}")
    except BenchError as error:
        inside = str(error).replace(f"{folder}{os.sep}", "")  # paths as the archive names them
        raise BenchError(f"{name}: the archive does not hold a {format_name} dataset ({inside}); "
                         "nothing was kept") from None
