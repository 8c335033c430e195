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
        self._ids: list[bytes] = []
        self._stats = array("d")
        self._width = 1
        self._scored = bytearray()
        self._f1, self._duplication = array("d"), array("d")
        self.seconds, self._peaks = array("d"), array("d")
        self.failures = self.cached = self.noisy_pages = self.noise_lines = 0
        self.undecodable: set[str] = set()
        """Pages no charset decodes (an extractor given raw bytes never meets this)."""
        self._leaks: dict[str, LeakCounts] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, record: PageRecord) -> None:
        """Count one record in (scores alone need only `page`, `stats`, `duplication` and
        `leaks`: the other fields are read when present)."""
        self._ids.append(record["page"].encode())
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
        self._peaks.append(_NAN if peak is None else peak)
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

    def _order(self) -> NDArray[np.intp]:
        """Record positions in page-id order (UTF-8 bytes sort as code points do)."""
        ids = np.array(self._ids, dtype=bytes) if self._ids else np.array([], dtype=bytes)
        return np.argsort(ids, kind="stable")

    def page_f1(self) -> dict[str, float]:
        """F1 of every scored page, by page id."""
        return {page.decode(): f1 for page, f1 in zip(self._ids, self._f1, strict=True)
                if not math.isnan(f1)}

    def peak_mb(self) -> float | None:
        """The highest per-page peak memory measured."""
        peaks = [peak for peak in self._peaks if not math.isnan(peak)]
        return max(peaks) if peaks else None

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
