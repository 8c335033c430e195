"""Corpus summaries of a run: pure functions from per-page records to per-extractor scores."""

from __future__ import annotations

import platform
import statistics
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Protocol, TypeVar

from bench import __version__
from bench.data.page import Dataset
from bench.scoring.leakage import leak_summary
from bench.scoring.metrics.base import Metric
from bench.scoring.records import (
    ExtractorRow,
    Noise,
    PageRecord,
    RankingPair,
    ScoresSummary,
    ScoringHeader,
    Summary,
)
from bench.scoring.stats import DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED, compare
from bench.text.encoding import UNDECODABLE

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


def scores_summary(records: Sequence[PageRecord], metric: Metric) -> ScoresSummary:
    """Corpus scores (with bootstrap intervals), leaks by category and duplication of one
    system's records; pages the metric does not apply to are left out of the scores."""
    scored = [tuple(record["stats"]) for record in records if record["stats"] is not None]
    corpus = metric.corpus_score(scored) if scored else None
    return {
        "precision": corpus.score.precision if corpus else None,
        "recall": corpus.score.recall if corpus else None,
        "f1": corpus.score.f1 if corpus else None,
        "scored_pages": len(scored),
        "values": dict(corpus.values) if corpus else None,
        "ci": {key: list(pair) for key, pair in corpus.intervals.items()} if corpus else None,
        "std": dict(corpus.std) if corpus else None,
        "leaks": leak_summary(record.get("leaks") for record in records),
        "duplication": statistics.fmean(dup) if (dup := [
            value for record in records if (value := record["duplication"]) is not None]
        ) else None,
    }


def extractor_summary(extractor: System, records: Sequence[PageRecord],
                      metric: Metric) -> ExtractorRow:
    """Corpus scores, failures and timing of one extractor over its records."""
    seconds = [record["seconds"] for record in records]
    peaks = [peak for record in records if (peak := record["peak_mb"]) is not None]
    return {
        "name": extractor.name,
        "version": extractor.version,
        "settings": {key: repr(value) for key, value in extractor.settings.items()},
        "pages": len(records),
        "failures": sum(1 for record in records if record["error"]),
        "undecodable": len(_undecodable(records)),
        **scores_summary(records, metric),
        "median_ms": round(statistics.median(seconds) * 1000, 3) if seconds else None,
        "peak_mb": max(peaks) if peaks else None,
        "cached": sum(1 for record in records if record.get("cached")),
        "noisy_pages": sum(1 for record in records if record.get("noise")),
        "noise_lines": sum(noise_lines(record.get("noise")) for record in records),
    }


def noise_lines(noise: Noise | None) -> int:
    """How many lines of text a page's captured noise holds."""
    if noise is None:
        return 0
    return (len(noise["stdout"].splitlines()) + len(noise["stderr"].splitlines())
            + sum(len(line.splitlines()) for line in noise["log"]))


def by_f1(rows: Sequence[RowT]) -> list[RowT]:
    """Extractor (or system) rows, best F1 first, unscored last."""
    return sorted(rows, key=lambda row: (row["f1"] is None, -(row["f1"] or 0.0)))


def ranking(extractors: Sequence[ExtractorRow],
            records: Mapping[str, Sequence[PageRecord]]) -> list[RankingPair]:
    """Does each extractor really beat the next one down the table? A paired test
    (`bench.scoring.stats.compare`) of per-page F1 over the pages both scored, for each
    neighbouring pair in F1 order: a report can then say which differences are more than
    chance."""
    scored = by_f1([row for row in extractors if row["f1"] is not None])
    pairs: list[RankingPair] = []
    for better, worse in pairwise(scored):
        f1_a = {r["page"]: r["f1"] for r in records[better["name"]] if r["f1"] is not None}
        f1_b = {r["page"]: r["f1"] for r in records[worse["name"]] if r["f1"] is not None}
        pages = sorted(f1_a.keys() & f1_b.keys())
        if not pages:
            continue
        result = compare([f1_a[page] for page in pages], [f1_b[page] for page in pages])
        pairs.append({"better": better["name"], "worse": worse["name"], "delta": result.delta,
                      "ci": [result.low, result.high], "p_value": result.p_value,
                      "pages": result.pages, "significant": result.significant})
    return pairs


def _undecodable(records: Sequence[PageRecord]) -> set[str]:
    """Pages no charset decodes (an extractor given raw bytes never meets this)."""
    return {record["page"] for record in records
            if (record["error"] or "").startswith(UNDECODABLE)}


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
              records: Sequence[PageRecord], metric: Metric) -> Summary:
    """The summary of a run: one entry per extractor, with the signature of every score."""
    by_extractor: dict[str, list[PageRecord]] = {e.name: [] for e in extractors}
    # Page order, not completion order: the bootstrap draws pages by position, and sums in one
    # order give one float, so a re-run (cached or on other cores) prints the same numbers.
    for record in sorted(records, key=lambda record: record["page"]):
        if record["extractor"] in by_extractor:
            by_extractor[record["extractor"]].append(record)
    rows = [extractor_summary(e, by_extractor[e.name], metric) for e in extractors]
    header = scoring_header(dataset, metric)
    return {
        "schema": SUMMARY_SCHEMA,
        "run_id": run_id,
        "signature": header["signature"],
        "metric": header["metric"],
        "averaging": header["averaging"],
        "bootstrap": header["bootstrap"],
        "dataset": header["dataset"],
        "extractors": rows,
        "ranking": ranking(rows, by_extractor),
        "undecodable": len(_undecodable(records)),
        "environment": {"boilerbench": __version__, "python": platform.python_version(),
                        "platform": platform.platform()},
    }
