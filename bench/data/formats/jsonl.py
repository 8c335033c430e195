"""The generic JSON Lines format: one object per line and page, so that any dataset can be
brought without code. PATH is the `.jsonl` file (UTF-8).

Fields: `id` (required, unique); the page as `html` (the HTML text inline) or `html_path` (a
file, relative to the JSONL file's folder, raw bytes, `.gz` decompressed); the gold as `body`
(full text, paragraphs split by blank lines) and/or `with` / `without` (lists of snippets the
extraction must / must not contain), at least one of them; optional `url`, `encoding` (charset
of the `html_path` file), `language` (BCP-47) and `page_type`.

A file is read lazily: one streamed pass checks every line and hashes the dataset, and only
each page's line offset is kept; a page is parsed again when it is needed, so a corpus of any
size loads in a few bytes per page. When its ids come in sorted order (as
`scripts/synthetic_corpus.py` writes them) the pass hashes as it goes; in any other order it
keeps each id and digest until it has sorted them (about 130 bytes a page, for the load).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, overload

from bench.data.page import Dataset, Page, gold_key
from bench.errors import BenchError
from bench.files import stream_json_lines, string_field, string_list_field


def load(path: Path) -> Dataset:
    """Load a JSON Lines dataset file, lazily (its pages are read when they are needed)."""
    return _lazy(path) or _indexed(path)


_STRIDE = 64
"""Pages of a sorted file between two remembered offsets (a page read alone reads on at most
63 lines from the nearest)."""


def _lazy(path: Path) -> Dataset | None:
    """The dataset as lazy pages, hashed in one streamed pass as `hash_pages` hashes it; None
    when the ids are not in sorted order."""
    digest = hashlib.sha256()
    offsets, numbers = array(_typecode(path)), array(_typecode(path))
    previous: str | None = None
    count = 0
    for offset, number, item in stream_json_lines(path):
        page = _page(item, path, f"{path}:{number}")
        if previous is not None and page.id <= previous:
            if page.id == previous:
                raise BenchError(f"{path}: two pages have the id {page.id!r}")
            return None
        previous = page.id
        if count % _STRIDE == 0:
            offsets.append(offset)
            numbers.append(number)
        count += 1
        digest.update(page.id.encode())
        digest.update(page.html_digest())
        digest.update(bytes.fromhex(gold_key(page)))
    if not count:
        raise BenchError(f"{path}: no pages (one JSON object per line)")
    return Dataset(name="jsonl", pages=_LazyPages(path, count, offsets, numbers,
                                                  stride=_STRIDE),
                   content_hash=digest.hexdigest())


def _typecode(path: Path) -> str:
    """The array type for the file's offsets and line numbers: 4 bytes where they fit."""
    try:
        return "I" if path.stat().st_size < 2**32 else "q"
    except OSError:
        return "q"  # reading it says what is wrong


def _indexed(path: Path) -> Dataset:
    """The dataset of a file whose ids are not in sorted order, as lazy pages in id order:
    one streamed pass keeps each page's id, offset and digests (about 130 bytes a page, for
    the sort), not its page."""
    ids: list[str] = []
    offsets, numbers = array(_typecode(path)), array(_typecode(path))
    digests = bytearray()
    for offset, number, item in stream_json_lines(path):
        page = _page(item, path, f"{path}:{number}")
        ids.append(page.id)
        offsets.append(offset)
        numbers.append(number)
        digests += page.html_digest() + bytes.fromhex(gold_key(page))
    order = sorted(range(len(ids)), key=ids.__getitem__)
    for before, after in pairwise(order):
        if ids[before] == ids[after]:
            raise BenchError(f"{path}: two pages have the id {ids[after]!r}")
    digest = hashlib.sha256()
    for index in order:
        digest.update(ids[index].encode())
        digest.update(digests[64 * index:64 * index + 64])
    return Dataset(name="jsonl", content_hash=digest.hexdigest(),
                   pages=_LazyPages(path, len(order),
                                    array(offsets.typecode, (offsets[i] for i in order)),
                                    array(numbers.typecode, (numbers[i] for i in order)),
                                    stride=1))


class _LazyPages(Sequence[Page]):
    """The pages of a JSON Lines file, parsed from their lines when asked for. The offset and
    line number of every `stride`-th page are held (of every page, for a file not in id
    order), and a page is found by reading on from the nearest: a sorted corpus of 200,000
    pages holds 25 KB of them, and is iterated in one sequential read."""

    def __init__(self, path: Path, count: int, offsets: array[int], numbers: array[int], *,
                 stride: int) -> None:
        self._path, self._count, self._stride = path, count, stride
        self._offsets, self._numbers = offsets, numbers

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Page: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Page]: ...

    def __getitem__(self, index: int | slice) -> Page | Sequence[Page]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = index + self._count if index < 0 else index
        if not 0 <= position < self._count:
            raise IndexError(f"page index {index} out of range")
        with self._path.open("rb") as handle:
            return next(self._from(handle, position))

    def __iter__(self) -> Iterator[Page]:
        with self._path.open("rb") as handle:
            if self._stride > 1:  # file order is id order: one sequential read
                yield from self._from(handle, 0)
            else:
                for position in range(self._count):
                    yield next(self._from(handle, position))

    def _item(self, line: str, number: int) -> dict[str, Any]:
        try:
            item = json.loads(line)
        except ValueError:
            item = None
        if not isinstance(item, dict):
            raise BenchError(f"{self._path}: changed since it was loaded (line {number} is no "
                             "longer a JSON object)")
        return item

    def _from(self, handle: Any, position: int) -> Iterator[Page]:
        """The pages from `position` on, in file order, read on from the nearest mark."""
        mark = position // self._stride
        handle.seek(self._offsets[mark])
        number, at = self._numbers[mark], mark * self._stride
        while at < self._count:
            raw = handle.readline()
            if not raw:
                raise BenchError(f"{self._path}: changed since it was loaded (it ends before "
                                 f"page {at + 1})")
            line = raw.decode("utf-8", errors="replace")
            if line.strip():  # as `stream_json_lines` skips blank lines
                if at >= position:
                    yield _page(self._item(line, number), self._path, f"{self._path}:{number}")
                at += 1
            number += 1


def _page(item: dict[str, Any], path: Path, where: str) -> Page:
    page_id = string_field(item, "id", where)
    if not page_id:
        raise BenchError(f"{where}: field 'id': must not be empty")
    where = f"{where}: {page_id}"
    inline = string_field(item, "html", where, required=False)
    relative = string_field(item, "html_path", where, required=False)
    encoding = string_field(item, "encoding", where, required=False)
    if inline is not None and relative is None:
        html_path, html, encoding = path, inline.encode("utf-8"), "utf-8"
    elif relative is not None and inline is None:
        html_path, html = path.parent / relative, None
        if not html_path.is_file():
            raise BenchError(f"{where}: field 'html_path': {html_path} does not exist")
    else:
        raise BenchError(f"{where}: give exactly one of the fields 'html' and 'html_path'")
    body = string_field(item, "body", where, required=False)
    with_snippets = string_list_field(item, "with", where)
    without_snippets = string_list_field(item, "without", where)
    if body is None and not with_snippets and not without_snippets:
        raise BenchError(f"{where}: no gold: give 'body' and/or 'with' / 'without'")
    url, language, page_type = (string_field(item, name, where, required=False)
                                for name in ("url", "language", "page_type"))
    return Page(id=page_id, html_path=html_path, html=html, url=url, encoding=encoding,
                language=language, page_type=page_type, body=body, with_snippets=with_snippets,
                without_snippets=without_snippets)
