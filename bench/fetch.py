"""`boilerbench fetch`: download a public dataset's pinned archive, check it, unpack it.

The only network access boilerbench makes. Downloads go over HTTPS (plain HTTP only to this
machine, for tests and local mirrors); the archive is written to a temporary file and its
SHA-256 compared with the pin (when one is pinned or given) before anything is unpacked;
unpacking refuses members that would land outside the target (see `bench.archive`); the
unpacked dataset is loaded and its content hash compared with the content pin (when one is
pinned) before it is moved into the target. A check that fails leaves the target untouched.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import tempfile
import urllib.error
import urllib.request
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

from bench.archive import unpack
from bench.datasets.public import FETCHABLE, PUBLIC
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


def fetch(name: str, target: Path, *, url: str | None = None, sha256: str | None = None,
          console: Console, quiet: bool = False) -> int:
    """Download and unpack the dataset `name` into `target`; return the number of files."""
    if name not in FETCHABLE:
        raise unknown_name("fetchable dataset", name, FETCHABLE)
    pin = PUBLIC[name]
    url = url or pin.archive_url
    if url is None:
        raise BenchError(f"{name}: no archive is pinned yet; give --url and --sha256")
    expected = (sha256 or pin.sha256 or "").lower()
    if sha256 is not None and (len(expected) != 64
                               or any(c not in "0123456789abcdef" for c in expected)):
        raise BenchError(f"--sha256 {sha256!r}: must be 64 hexadecimal digits")
    if not expected and not pin.content_sha256:
        raise BenchError(f"{name}: nothing is pinned to check {url} against; check the "
                         "archive yourself and give its SHA-256 with --sha256")
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
        if pin.content_sha256:
            _check_content(name, staging, pin.format, pin.content_sha256)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
        return files


def _check_content(name: str, folder: Path, format_name: str, expected: str) -> None:
    """Load the unpacked dataset with its format and compare its content hash with the pin."""
    from bench.datasets import load_dataset

    try:
        actual = load_dataset(f"{format_name}:{folder}").content_hash
    except BenchError as error:
        raise BenchError(f"{name}: the archive does not hold the pinned dataset ({error}); "
                         "nothing was kept") from None
    if actual != expected:
        raise BenchError(f"{name}: the archive's dataset has content hash {actual}, expected "
                         f"{expected}; nothing was kept")
