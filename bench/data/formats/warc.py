"""WARC files (`.warc`, `.warc.gz`): a crawl as a dataset without gold. PATH is a file, a
folder (its WARC files, sorted) or a glob pattern.

Only HTML responses become pages: `response` records of HTTP status 200 whose content type is
HTML. Every other record is counted under its reason (`request record`, `HTTP 404`, `content
type image/png`); a truncated or malformed record is counted and named by file, offset and
record id, and reading goes on from the next record (the next gzip member, or the next
`WARC/1.` line). A page's id is its WARC-Record-ID, its URL the WARC-Target-URI, its declared
charset the HTTP header's (then the page's own declaration, then detection, as for every
dataset). Pages have no gold: every metric reports n/a.

A page holds its file and its record's offset, not its bytes: `read_html` seeks there and
reads that one record, so a dataset of a million pages costs a million small objects, not the
crawl (measured in README.md, "WARC input"); the payload's hash, for the dataset's content
hash, is taken in the same pass. Only a `.warc.gz` compressed as one stream (not a
gzip member per record, as crawlers write them) cannot be entered at a record: its pages hold
their bytes.
"""

from __future__ import annotations

import glob
import hashlib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from bench.data.page import Dataset, Page, Skipped, dataset_of
from bench.errors import BenchError

if TYPE_CHECKING:  # fastwarc is imported when a WARC is read
    from fastwarc.warc import WarcRecord

SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RESYNC_CHUNK = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b\x08"


@dataclass(frozen=True)
class WarcPage(Page):
    """A page stored as one record of a WARC file, at `offset` in `html_path`."""

    offset: int = 0
    digest: bytes = b""
    """The SHA-256 of the payload, taken when the record was first read."""

    def html_digest(self) -> bytes:
        """The payload's SHA-256 from loading: hashing the dataset reads no record again."""
        return self.digest

    def read_html(self) -> bytes:
        """The record's HTTP payload (content and transfer encodings undone)."""
        from fastwarc.warc import ArchiveIterator

        if self.html is not None:
            return self.html
        with self.html_path.open("rb") as handle:
            handle.seek(self.offset)
            for record in ArchiveIterator(handle, auto_decode="all"):
                payload: bytes = record.reader.read()
                return payload
        raise BenchError(f"{self.html_path}:{self.offset}: no WARC record here any more")


class _Skip(NamedTuple):
    """A record that is not a page: its reason, and for a damaged one where it is."""

    reason: str
    where: str | None = None
    """`offset record-id` of a truncated or malformed record."""


def response_record(url: str, payload: bytes, *, status: int = 200,
                    content_type: str = "text/html", compress: bool = False) -> bytes:
    """One WARC `response` record of an HTTP response (as fastwarc writes it), a gzip member
    of its own when `compress` (as crawls store them): for building test and benchmark
    WARCs."""
    import gzip

    from fastwarc.warc import WarcRecord, WarcRecordType

    record = WarcRecord()
    record.init_headers(WarcRecordType.response)
    record.headers["WARC-Target-URI"] = url
    record.headers["Content-Type"] = "application/http; msgtype=response"
    head = f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\n\r\n".encode("latin-1")
    record.set_bytes_content(head + payload)
    buffer = io.BytesIO()
    record.write(buffer)
    return (gzip.compress(buffer.getvalue(), compresslevel=6, mtime=0) if compress
            else buffer.getvalue())


def warc_files(path: Path) -> list[Path]:
    """The WARC files PATH names: itself, the WARC files of a folder, or a glob's matches."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.name.endswith(SUFFIXES))
    elif path.is_file():
        files = [path]
    else:
        files = sorted(Path(p) for p in glob.glob(str(path), recursive=True)
                       if p.endswith(SUFFIXES))
    if not files:
        raise BenchError(f"{path}: no .warc or .warc.gz file here")
    return files


def load(path: Path) -> Dataset:
    """Load the HTML responses of one or more WARC files."""
    pages: dict[str, WarcPage] = {}
    skipped: list[Skipped] = []
    for file in warc_files(path):
        counts: Counter[str] = Counter()
        for item in _scan(file):
            if isinstance(item, WarcPage) and item.id in pages:
                item = _Skip("malformed: duplicate record id", f"{item.offset} {item.id}")
            if isinstance(item, WarcPage):
                pages[item.id] = item
            elif item.where:  # named: one entry each
                kind, _, details = item.reason.partition(": ")
                skipped.append(Skipped(file, f"{kind} (at {item.where}: {details})"))
            else:  # counted: one entry per reason and file
                counts[item.reason] += 1
        skipped += [Skipped(file, reason, count) for reason, count in counts.most_common()]
    if not pages:
        raise BenchError(f"{path}: no HTML response in its WARC records ("
                         + ", ".join(f"{item.count} {item.reason}" for item in skipped) + ")")
    return dataset_of("warc", list(pages.values()), source=path, skipped=skipped)


def _scan(file: Path) -> Iterator[WarcPage | _Skip]:
    """Each record of `file` as a page, or why it is not one."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    compressed = file.name.endswith(".gz")
    start: int | None = 0
    with file.open("rb") as handle, file.open("rb") as peek:
        while start is not None:
            handle.seek(start)
            last = start
            try:
                for record in ArchiveIterator(handle, auto_decode="all"):
                    last = record.stream_pos
                    record_id = record.record_id or ""
                    where = f"{last} {record_id}"
                    if record.record_type != WarcRecordType.response:
                        yield _Skip(f"{record.record_type.name} record")
                        continue
                    if record.headers.get("WARC-Truncated"):
                        yield _Skip("truncated: WARC-Truncated: "
                                    f"{record.headers.get('WARC-Truncated')}", where)
                        continue
                    if not record.is_http:
                        yield _Skip("malformed: response without HTTP headers", where)
                        continue
                    reason = _not_html(record)
                    if reason:
                        yield _Skip(reason)
                        continue
                    expected = record.content_length
                    payload = record.reader.read()
                    if len(payload) < expected:
                        yield _Skip(f"truncated: {len(payload)} of {expected} payload bytes",
                                    where)
                        continue
                    # A file gzipped whole, not a member per record, cannot be entered at a
                    # record: its pages hold their bytes.
                    seekable = not compressed or _member_starts(peek, last)
                    yield WarcPage(id=record_id, html_path=file, offset=last,
                                   url=record.headers.get("WARC-Target-URI"),
                                   encoding=record.http_charset,
                                   html=None if seekable else payload,
                                   digest=hashlib.sha256(payload).digest())
                start = None
            except OSError as error:
                after = last + 1  # past the last record that began well
                yield _Skip(f"malformed: {error}", f"{after}")
                start = _next_record(handle, after, compressed=compressed)


def _not_html(record: WarcRecord) -> str | None:
    """Why an HTTP response is not an HTML page, or None."""
    status = record.http_headers.status_code
    if status != 200:
        return f"HTTP {status}"
    content_type = (record.http_content_type or "").lower()
    if content_type not in _HTML_TYPES:
        return f"content type {content_type or 'missing'}"
    return None


def _member_starts(handle: io.BufferedReader, offset: int) -> bool:
    """Whether a gzip member begins at `offset`."""
    handle.seek(offset)
    return handle.read(3) == _GZIP_MAGIC


def _next_record(handle: io.BufferedReader, after: int, *, compressed: bool) -> int | None:
    """Where the next record may begin after a damaged one: a gzip member's magic bytes, or a
    `WARC/1.` line; None at the end of the file."""
    marker = _GZIP_MAGIC if compressed else b"\nWARC/1."
    position = after
    while True:
        handle.seek(position)
        chunk = handle.read(_RESYNC_CHUNK + len(marker))
        found = chunk.find(marker)
        if found >= 0:
            return position + found + (0 if compressed else 1)
        if len(chunk) <= len(marker):
            return None
        position += _RESYNC_CHUNK
