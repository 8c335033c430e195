"""A Tally: the numbers of one system's per-page records that its summary needs, kept as
columns (page ids, metric statistics, F1, duplication, timing, peak memory, counts), never the
outputs, so that a summary of any number of pages takes a few dozen bytes per page and its
records can be streamed in (read from `pages.jsonl` one at a time)."""

from __future__ import annotations

import math
import statistics
from array import array
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from bench.scoring.leakage import add_leaks
from bench.scoring.metrics.base import Metric
from bench.scoring.records import LeakCounts, Noise, PageRecord, ScoresSummary
from bench.scoring.stats import Array
from bench.text.encoding import UNDECODABLE

_NAN = float("nan")


def noise_lines(noise: Noise | None) -> int:
    """How many lines of text a page's captured noise holds."""
    if noise is None:
        return 0
    return (len(noise["stdout"].splitlines()) + len(noise["stderr"].splitlines())
            + sum(len(line.splitlines()) for line in noise["log"]))


class Tally:
    """One system's records, counted in; see the module docstring."""

    def __init__(self) -> None:
        self._id_bytes, self._id_ends = bytearray(), array("q")
        """Page ids, UTF-8, one after another, and where each ends (no object per page)."""
        self._stats = array("d")
        self._width = 1
        self._scored = bytearray()
        self._f1, self._duplication = array("d"), array("d")
        self.seconds = array("d")
        self._peak: float | None = None
        self.failures = self.cached = self.noisy_pages = self.noise_lines = 0
        self.undecodable: set[str] = set()
        """Pages no charset decodes (an extractor given raw bytes never meets this)."""
        self._leaks: dict[str, LeakCounts] = {}

    def __len__(self) -> int:
        return len(self._id_ends)

    def add(self, record: PageRecord) -> None:
        """Count one record in (scores alone need only `page`, `stats`, `duplication` and
        `leaks`: the other fields are read when present)."""
        self._id_bytes += record["page"].encode()
        self._id_ends.append(len(self._id_bytes))
        stats = record["stats"]
        self._scored.append(stats is not None)
        if stats is not None:
            self._width = len(stats)
            self._stats.extend(stats)
        f1 = record.get("f1")
        self._f1.append(_NAN if f1 is None else f1)
        self._duplication.append(_NAN if record["duplication"] is None
                                 else record["duplication"])
        self.seconds.append(record.get("seconds", 0.0))
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
        """The metric statistics of the scored pages in page-id order (pages x k): the
        bootstrap draws pages by position, and sums in one order give one float, so a re-run
        (cached, or on other cores, records in another order) gives the same numbers."""
        scored = np.frombuffer(bytes(self._scored), dtype=np.uint8).astype(bool)
        rows = np.frombuffer(self._stats, dtype=np.float64).reshape(-1, self._width)
        row_of = np.cumsum(scored) - 1  # each scored record's row among the stats rows
        order = self._order()
        kept: Array = rows[row_of[order[scored[order]]]]
        return kept

    def _ids(self) -> NDArray[np.bytes_]:
        """Every record's page id (UTF-8, fixed width), in record order."""
        ends = np.frombuffer(self._id_ends, dtype=np.int64)
        lengths = np.diff(ends, prepend=0)
        width = int(lengths.max(initial=1))
        cells = np.zeros((len(ends), width), dtype=np.uint8)
        cells[np.arange(width) < lengths[:, None]] = np.frombuffer(self._id_bytes, np.uint8)
        return cells.view(f"S{width}").ravel()

    def _order(self) -> NDArray[np.intp]:
        """Record positions in page-id order (UTF-8 bytes sort as code points do)."""
        return np.argsort(self._ids(), kind="stable")

    def page_f1(self) -> tuple[NDArray[np.bytes_], Array]:
        """The scored pages' ids (UTF-8) in page-id order, and their F1 in that order."""
        ids, f1 = self._ids(), np.frombuffer(self._f1, dtype=np.float64)
        order = self._order()
        scored = order[~np.isnan(f1[order])]
        return ids[scored], f1[scored]

    def peak_mb(self) -> float | None:
        """The highest per-page peak memory measured."""
        return self._peak

    def scores(self, metric: Metric) -> ScoresSummary:
        """Corpus scores (with bootstrap intervals), leaks by category and duplication; pages
        the metric does not apply to are left out of the scores."""
        scored = self.page_stats()
        corpus = metric.corpus_score(scored) if len(scored) else None
        duplication = [value for value in self._duplication if not math.isnan(value)]
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
            "duplication": statistics.fmean(duplication) if duplication else None,
        }


def tally(records: Iterable[PageRecord]) -> Tally:
    """The Tally of these records."""
    counted = Tally()
    for record in records:
        counted.add(record)
    return counted
