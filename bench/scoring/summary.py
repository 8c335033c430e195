"""Corpus summaries of a run: pure functions from per-page records to per-extractor scores.

Records are counted into a `Tally` (`bench.scoring.tally`: per-page numbers, no outputs) as
they are read. Changed: every function here takes any iterable of records, such as a stream
read from `pages.jsonl`, not only a list held in memory; `summarize` also takes a `RunTally`
that a run counted its records into as they were made (no pass of its own).
"""

from __future__ import annotations

import platform
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from bench import __version__
from bench.data.page import Dataset
from bench.scoring.failures import FirstFailures
from bench.scoring.metrics.base import Metric
from bench.scoring.records import (
    ExtractorRow,
    PageRecord,
    RankingPair,
    ScoresSummary,
    ScoringHeader,
    Summary,
)
from bench.scoring.stats import DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED, compare
from bench.scoring.tally import Tally, tally

SUMMARY_SCHEMA = 1
RowT = TypeVar("RowT", bound=ScoresSummary)


class System(Protocol):
    """What a summary names a system by (an extractor, or a prediction file's system)."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def settings(self) -> Mapping[str, object]: ...


class RunTally:
    """A run's records counted in as they come, those of `extractors` only: a Tally each and
    their first failure reasons, all that `summarize` and the lines under the table need."""

    def __init__(self, extractors: Iterable[str]) -> None:
        self.tallies = {name: Tally() for name in extractors}
        self.failures = FirstFailures()

    def add(self, record: PageRecord) -> None:
        """Count one record in (one of another extractor changes nothing)."""
        counted = self.tallies.get(record["extractor"])
        if counted is not None:
            counted.add(record)
            self.failures.add(record)


def scores_summary(records: Iterable[PageRecord], metric: Metric) -> ScoresSummary:
    """Corpus scores (with bootstrap intervals), leaks by category and duplication of one
    system's records; pages the metric does not apply to are left out of the scores."""
    return tally(records).scores(metric)


def extractor_summary(extractor: System, records: Iterable[PageRecord] | Tally,
                      metric: Metric) -> ExtractorRow:
    """Corpus scores, failures and timing of one extractor over its records (or their Tally)."""
    counted = records if isinstance(records, Tally) else tally(records)
    scores = counted.scores(metric)
    median = counted.median_seconds()
    return {
        "name": extractor.name,
        "version": extractor.version,
        "settings": {key: repr(value) for key, value in extractor.settings.items()},
        "pages": len(counted),
        "failures": counted.failures,
        "undecodable": len(counted.undecodable),
        **scores,
        "median_ms": None if median is None else round(median * 1000, 3),
        "peak_mb": counted.peak_mb(),
        "cached": counted.cached,
        "noisy_pages": counted.noisy_pages,
        "noise_lines": counted.noise_lines,
    }


def by_f1(rows: Sequence[RowT]) -> list[RowT]:
    """Extractor (or system) rows, best F1 first, unscored last."""
    return sorted(rows, key=lambda row: (row["f1"] is None, -(row["f1"] or 0.0)))


def common(ids_a: NDArray[np.bytes_], ids_b: NDArray[np.bytes_]
           ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Where the ids two sorted arrays of unique ids share are in each, in id order
    (`np.intersect1d`'s indices, from a binary search: no page-long sorted copy of both)."""
    at = np.searchsorted(ids_b, ids_a)
    found = at < len(ids_b)
    found[found] = ids_b[at[found]] == ids_a[found]
    in_a = np.flatnonzero(found)
    return in_a, at[in_a]


def ranking(extractors: Sequence[ExtractorRow], tallies: Mapping[str, Tally]
            ) -> list[RankingPair]:
    """Does each extractor really beat the next one down the table? A paired test
    (`bench.scoring.stats.compare`) of per-page F1 over the pages both scored, for each
    neighbouring pair in F1 order: a report can then say which differences are more than
    chance."""
    scored = by_f1([row for row in extractors if row["f1"] is not None])
    pairs: list[RankingPair] = []
    for better, worse in pairwise(scored):
        (ids_a, f1_a), (ids_b, f1_b) = (tallies[better["name"]].page_f1(),
                                        tallies[worse["name"]].page_f1())
        in_a, in_b = common(ids_a, ids_b)
        if not len(in_a):
            continue
        result = compare(f1_a[in_a], f1_b[in_b])  # pages both scored, in page-id order
        pairs.append({"better": better["name"], "worse": worse["name"], "delta": result.delta,
                      "ci": [result.low, result.high], "p_value": result.p_value,
                      "pages": result.pages, "significant": result.significant})
    return pairs


def scoring_header(dataset: Dataset, metric: Metric) -> ScoringHeader:
    """What every summary says about how it scored: the signature, the metric, the bootstrap
    and the dataset (shared by runs and `score-predictions`)."""
    return {
        "signature": str(metric.signature),
        "metric": metric.name,
        "averaging": metric.averaging,
        "bootstrap": {"resamples": DEFAULT_RESAMPLES, "seed": DEFAULT_SEED,
                      "confidence": DEFAULT_CONFIDENCE},
        "dataset": {"name": dataset.name, "label": dataset.label, "pages": len(dataset),
                    "sha256": dataset.content_hash},
    }


def summarize(*, run_id: str, dataset: Dataset, extractors: Sequence[System],
              records: Iterable[PageRecord] | RunTally, metric: Metric) -> Summary:
    """The summary of a run: one entry per extractor, with the signature of every score.
    `records` are read once, as they come (e.g. streamed from `pages.jsonl`), or were counted
    in already (a `RunTally` of these extractors): only their numbers are kept (`Tally`), in
    page order whatever order they come in."""
    if isinstance(records, RunTally):
        counted = records
    else:
        counted = RunTally(e.name for e in extractors)
        for record in records:
            counted.add(record)
    tallies = counted.tallies
    rows = [extractor_summary(e, tallies[e.name], metric) for e in extractors]
    header = scoring_header(dataset, metric)
    undecodable: set[str] = set().union(*(counted.undecodable for counted in tallies.values()))
    return {
        "schema": SUMMARY_SCHEMA,
        "run_id": run_id,
        "signature": header["signature"],
        "metric": header["metric"],
        "averaging": header["averaging"],
        "bootstrap": header["bootstrap"],
        "dataset": header["dataset"],
        "extractors": rows,
        "ranking": ranking(rows, tallies),
        "undecodable": len(undecodable),
        "environment": {"boilerbench": __version__, "python": platform.python_version(),
                        "platform": platform.platform()},
    }
