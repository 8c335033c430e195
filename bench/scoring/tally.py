"""A Tally: the numbers of one system's per-page records that its summary needs, kept as
columns (page ids, metric statistics, F1, timing, counts), never the outputs, so that a summary
of any number of pages takes a few dozen bytes per page and its records can be streamed in
(read from `pages.jsonl` one at a time).

Records are counted in, then read. The columns go aside (a spooled temporary file) every
`_ROWS` records as they are counted in, so that no column grows in memory; the first read
sorts them into page-id order once and keeps in memory only the statistics, which the
bootstrap, the summary's peak, reads (issue 12: the main process's peak memory at 200,000
pages within 1.2 times that at 20,000)."""

from __future__ import annotations

import io
import math
import tempfile
import weakref
from array import array
from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from bench.errors import BenchError
from bench.scoring.leakage import add_leaks
from bench.scoring.metrics.base import Metric
from bench.scoring.records import LeakCounts, Noise, PageRecord, ScoresSummary
from bench.scoring.stats import Array
from bench.text.encoding import UNDECODABLE

_NAN = float("nan")
_ROWS = 1 << 16
"""Records per chunk put aside or laid out: no column grows, no page-long mask is made."""
_SPOOL_BYTES = 1 << 20
"""Columns put aside stay in memory up to this size (a breakdown's many small groups open no
files), then go to a temporary file."""


def noise_lines(noise: Noise | None) -> int:
    """How many lines of text a page's captured noise holds."""
    if noise is None:
        return 0
    return (len(noise["stdout"].splitlines()) + len(noise["stderr"].splitlines())
            + sum(len(line.splitlines()) for line in noise["log"]))


def add_exact(partials: list[float], value: float) -> None:
    """Add a finite float to an exact sum kept as non-overlapping partials (Shewchuk's, as
    `math.fsum` keeps them): `math.fsum(partials)` is then `math.fsum` of every value added,
    the same float, without a list of them."""
    kept = 0
    for partial in partials:
        if abs(value) < abs(partial):
            value, partial = partial, value
        high = value + partial
        low = partial - (high - value)
        if low:
            partials[kept] = low
            kept += 1
        value = high
    partials[kept:] = [value]


def _chunks(column: NDArray[Any]) -> Iterator[NDArray[Any]]:
    """A column in views of `_ROWS` pages (a spooled file's memory holds at most one)."""
    return (column[start:start + _ROWS] for start in range(0, len(column), _ROWS))


def _with_f1(order: NDArray[np.intp], f1: Array) -> Iterator[NDArray[np.intp]]:
    """The positions in `order` of the records with an F1, in chunks."""
    return (chunk[~np.isnan(f1[chunk])] for chunk in _chunks(order))


class _Aside:
    """Columns written out in chunks and read back whole, each of one dtype."""

    def __init__(self) -> None:
        # The file lives as long as its columns; the finalizer closes it.
        self._file = cast(io.BufferedRandom,  # typeshed's SpooledTemporaryFile has no readinto
                          tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES))  # noqa: SIM115
        self._columns: dict[str, tuple[np.dtype[Any], list[tuple[int, int]]]] = {}
        """Each column's dtype and where its chunks are (offset, length)."""
        weakref.finalize(self, self._file.close)

    def append(self, name: str, dtype: np.dtype[Any], chunks: Iterable[NDArray[Any]]) -> None:
        """Add these chunks to the end of the column `name`."""
        at = self._columns.setdefault(name, (dtype, []))[1]
        for chunk in chunks:
            at.append((self._file.seek(0, io.SEEK_END), len(chunk)))
            self._file.write(np.ascontiguousarray(chunk, dtype).view(np.uint8).data)

    def read(self, name: str) -> NDArray[Any]:
        """The column `name`, read into a new array."""
        dtype, at = self._columns[name]
        column = np.empty(sum(length for _, length in at), dtype)
        start = 0
        for offset, length in at:
            self._file.seek(offset)
            self._file.readinto(column[start:start + length].view(np.uint8).data)
            start += length
        return column


class Tally:
    """One system's records, counted in; see the module docstring."""

    def __init__(self) -> None:
        self._id_bytes, self._id_lengths = bytearray(), array("I")
        """Page ids, UTF-8, one after another, and their lengths (no object per page)."""
        self._stats = array("d")
        self._width = 1
        self._scored = bytearray()
        self._f1, self._seconds = array("d"), array("d")
        self._sorted_stats: Array | None = None
        self._duplication: list[float] = []
        """The exact sum of the duplication values (`add_exact`): no column for a mean."""
        self._duplicated = self._pages = 0
        self._peak: float | None = None
        self.failures = self.cached = self.noisy_pages = self.noise_lines = 0
        self.undecodable: set[str] = set()
        """Pages no charset decodes (an extractor given raw bytes never meets this)."""
        self._leaks: dict[str, LeakCounts] = {}
        self._aside = _Aside()

    def __len__(self) -> int:
        return self._pages

    def add(self, record: PageRecord) -> None:
        """Count one record in (scores alone need only `page`, `stats`, `duplication` and
        `leaks`: the other fields are read when present)."""
        if self._sorted_stats is not None:
            raise BenchError("a Tally counts every record in before it is read")
        self._pages += 1
        page = record["page"].encode()
        self._id_bytes += page
        self._id_lengths.append(len(page))
        stats = record["stats"]
        self._scored.append(stats is not None)
        if stats is not None:
            self._width = len(stats)
            self._stats.extend(stats)
        f1 = record.get("f1")
        self._f1.append(_NAN if f1 is None else f1)
        if record["duplication"] is not None:
            add_exact(self._duplication, record["duplication"])
            self._duplicated += 1
        self._seconds.append(record.get("seconds", 0.0))
        if len(self._seconds) == _ROWS:
            self._put_aside()
        peak = record.get("peak_mb")
        if peak is not None and (self._peak is None or peak > self._peak):
            self._peak = peak
        error = record.get("error")
        if error:
            self.failures += 1
            if error.startswith(UNDECODABLE):
                self.undecodable.add(record["page"])
        self.cached += bool(record.get("cached"))
        noise = record.get("noise")
        self.noisy_pages += bool(noise)
        self.noise_lines += noise_lines(noise)
        add_leaks(self._leaks, record.get("leaks"))

    def page_stats(self) -> Array:
        """The metric statistics of the scored pages in page-id order (pages x k), read-only
        and not copied: the bootstrap draws pages by position, and sums in one order give one
        float, so a re-run (cached, or on other cores, records in another order) gives the
        same numbers."""
        rows: Array = self._sort()[0].view()
        rows.flags.writeable = False
        return rows

    def page_f1(self) -> tuple[NDArray[np.bytes_], Array]:
        """The scored pages' ids (UTF-8, fixed width) in page-id order, and their F1 in that
        order."""
        aside = self._sort()[1]
        return aside.read("ids"), aside.read("f1")

    def median_seconds(self) -> float | None:
        """The median of the pages' timings (`statistics.median`'s float), None for none."""
        seconds = self._sort()[1].read("seconds")
        if not len(seconds):
            return None
        seconds.sort()
        middle = len(seconds) // 2
        if len(seconds) % 2:
            return float(seconds[middle])
        return (float(seconds[middle - 1]) + float(seconds[middle])) / 2

    def peak_mb(self) -> float | None:
        """The highest per-page peak memory measured."""
        return self._peak

    def scores(self, metric: Metric) -> ScoresSummary:
        """Corpus scores (with bootstrap intervals), leaks by category and duplication; pages
        the metric does not apply to are left out of the scores."""
        scored = self.page_stats()
        corpus = metric.corpus_score(scored) if len(scored) else None
        return {
            "precision": corpus.score.precision if corpus else None,
            "recall": corpus.score.recall if corpus else None,
            "f1": corpus.score.f1 if corpus else None,
            "scored_pages": len(scored),
            "values": dict(corpus.values) if corpus else None,
            "ci": ({key: list(pair) for key, pair in corpus.intervals.items()}
                   if corpus else None),
            "std": dict(corpus.std) if corpus else None,
            "leaks": dict(sorted(self._leaks.items())),
            "duplication": (math.fsum(self._duplication) / self._duplicated
                            if self._duplicated else None),  # statistics.fmean's float
        }

    def _sort(self) -> tuple[Array, _Aside]:
        """The statistics in page-id order and the columns aside, sorted once at the first
        read (UTF-8 bytes sort as code points do), in steps that keep few page-long arrays
        alive at a time: the ids laid out and sorted, the scored pages' ids and F1 aside in
        that order, then the statistics read back in it."""
        aside = self._aside
        if self._sorted_stats is not None:
            return self._sorted_stats, aside
        self._put_aside()
        ids = self._read_ids()
        order = np.argsort(ids, kind="stable")
        f1 = aside.read("all_f1")
        aside.append("ids", ids.dtype, (ids[chunk] for chunk in _with_f1(order, f1)))
        aside.append("f1", np.dtype(np.float64), (f1[chunk] for chunk in _with_f1(order, f1)))
        del ids, f1
        scored = aside.read("scored")
        row_of = np.cumsum(scored, dtype=np.intp)  # each scored record's stats row, plus 1
        row_of -= 1
        rows = row_of[order[scored[order]]]
        del scored, row_of, order
        self._sorted_stats = aside.read("stats").reshape(-1, self._width)[rows]
        return self._sorted_stats, aside

    def _put_aside(self) -> None:
        """The columns of the records counted in since the last time, aside."""
        columns: tuple[tuple[str, array[Any] | bytearray, type[np.generic]], ...] = (
            ("seconds", self._seconds, np.float64), ("all_f1", self._f1, np.float64),
            ("stats", self._stats, np.float64), ("scored", self._scored, np.bool_),
            ("id_bytes", self._id_bytes, np.uint8), ("id_lengths", self._id_lengths, np.uint32))
        for name, column, dtype in columns:
            self._aside.append(name, np.dtype(dtype), [np.frombuffer(column, dtype)])
        del columns, column
        self._seconds, self._f1, self._stats = array("d"), array("d"), array("d")
        self._scored, self._id_bytes, self._id_lengths = bytearray(), bytearray(), array("I")

    def _read_ids(self) -> NDArray[np.bytes_]:
        """Every record's page id (UTF-8, fixed width), in record order, laid out in chunks."""
        lengths, packed = self._aside.read("id_lengths"), self._aside.read("id_bytes")
        width = int(lengths.max(initial=1))
        cells = np.zeros((len(lengths), width), dtype=np.uint8)
        columns, first = np.arange(width), 0
        for start in range(0, len(lengths), _ROWS):
            chunk = lengths[start:start + _ROWS]
            last = first + int(chunk.sum())
            cells[start:start + _ROWS][columns < chunk[:, None]] = packed[first:last]
            first = last
        return cells.view(f"S{width}").ravel()


def tally(records: Iterable[PageRecord]) -> Tally:
    """The Tally of these records."""
    counted = Tally()
    for record in records:
        counted.add(record)
    return counted
