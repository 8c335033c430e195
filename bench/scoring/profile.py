"""A profile of extractors on a dataset with or without gold (`boilerbench profile`): speed,
failures by kind, how much text each keeps against the page's visible text, and how much they
agree with each other. Pure functions from a run's records to `profile.json` (reports/README.md
documents its fields).

Agreement between two extractors on a page is the token F1 of one output against the other
(symmetric), with the metric's tokenizer and normalisation; two empty outputs agree fully. Only
pages both extracted without failing count. The pages where the extractors agree least are
where a person's label is worth most.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import TypedDict

import numpy as np

from bench.data.page import Skipped
from bench.scoring.metrics.base import Metric, prf_array
from bench.scoring.metrics.token_f1 import bag_counts
from bench.scoring.records import PageRecord
from bench.text.encoding import UNDECODABLE

PROFILE_SCHEMA = 1
REFERENCE = "fulltext"
"""The extractor whose output is the page's visible text: the yardstick of output lengths."""
FAILURE_KINDS = ("error", "timeout", "crash", "memory", "undecodable")
RATIO_BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
"""Edges of the output/visible-text length histogram: [0, 0.1), ..., [0.9, 1], then one bin
for outputs longer than the visible text."""


class Timing(TypedDict):
    """Milliseconds per page."""

    median: float | None
    p90: float | None
    p99: float | None
    max: float | None


class Lengths(TypedDict):
    """Output length in tokens, and as a share of the page's visible text."""

    median_tokens: float | None
    ratio_quantiles: list[float] | None
    """The share at the 10th, 25th, 50th, 75th and 90th percentiles of pages."""
    ratio_histogram: list[int]
    """Pages per bin of RATIO_BINS (the last bin: more than the visible text)."""


class ProfileRow(TypedDict):
    """One extractor's line of a profile."""

    name: str
    version: str
    pages: int
    pages_per_second: float | None
    """Pages per second of one worker: pages over the summed extraction time."""
    ms: Timing
    peak_mb: float | None
    failures: dict[str, int]
    empty_share: float | None
    """Share of the pages extracted without failure whose output has no token."""
    lengths: Lengths
    agreement: float | None
    """Mean agreement with the other profiled extractors."""
    f1: float | None
    """The metric's corpus F1 where the dataset has gold, else null."""


class DisputedPage(TypedDict):
    """A page where the extractors disagree: mean agreement and each pair's."""

    page: str
    url: str | None
    agreement: float
    pairs: dict[str, float]
    """`A|B`: the agreement of A and B on this page."""


class Agreement(TypedDict):
    """Mean pairwise agreement: `matrix[i][j]` of `names[i]` and `names[j]` (null where no
    page has both), over `pages[i][j]` pages."""

    names: list[str]
    matrix: list[list[float | None]]
    pages: list[list[int]]


class Profile(TypedDict):
    """`profile.json`."""

    schema: int
    run_id: str
    dataset: str
    reference: str
    pages: int
    wall_seconds: float | None
    extractors: list[ProfileRow]
    agreement: Agreement
    disputed: list[DisputedPage]
    agreement_f1_correlation: float | None
    """Pearson r over pages between mean agreement and mean F1 (gold datasets)."""
    skipped: dict[str, int]
    """Items of the dataset's source that are not pages, by reason (`Dataset.skipped`)."""
    damaged: list[str]
    """The skipped items named with details: each truncated or malformed WARC record."""


def failure_kind(error: str) -> str:
    """The kind of a recorded failure (the messages of `bench.run.workers` and `job`)."""
    if error.startswith("timeout after"):
        return "timeout"
    if error.startswith("MemoryError"):
        return "memory"
    if error.startswith("worker died"):
        return "crash"
    if error.startswith(UNDECODABLE):
        return "undecodable"
    return "error"


def _quantile(values: Sequence[float], q: float) -> float | None:
    return float(np.quantile(values, q)) if values else None


def _timing(seconds: Sequence[float]) -> Timing:
    ms = [1000 * value for value in seconds]
    return {"median": _quantile(ms, 0.5), "p90": _quantile(ms, 0.9), "p99": _quantile(ms, 0.99),
            "max": max(ms) if ms else None}


def _lengths(tokens: Sequence[int], visible: Sequence[int]) -> Lengths:
    ratios = [out / ref for out, ref in zip(tokens, visible, strict=True) if ref]
    histogram = [0] * len(RATIO_BINS)
    for ratio in ratios:
        histogram[min(int(ratio * 10), len(RATIO_BINS) - 2) if ratio <= 1 else -1] += 1
    quantiles = [float(x) for x in np.quantile(ratios, (0.1, 0.25, 0.5, 0.75, 0.9))]
    return {"median_tokens": statistics.median(tokens) if tokens else None,
            "ratio_quantiles": quantiles if ratios else None, "ratio_histogram": histogram}


def agreement_f1(tokens_a: list[str], tokens_b: list[str]) -> float:
    """Token F1 of one output against another (symmetric); 1 when both are empty."""
    return float(prf_array(np.array(bag_counts(tokens_a, tokens_b)))[2])


def profile(*, run_id: str, dataset: str, records: Sequence[PageRecord],
            extractors: Sequence[str], metric: Metric, urls: Mapping[str, str | None],
            f1: Mapping[str, float | None], disputed: int = 20,
            wall_seconds: float | None = None, skipped: Sequence[Skipped] = ()) -> Profile:
    """The profile of `extractors` (in this order) from a run's records; the REFERENCE
    extractor's records give each page's visible-text length, and it joins the agreement only
    when it is among `extractors`. `f1` holds each extractor's corpus F1 (None: no gold)."""
    by_page: dict[str, dict[str, PageRecord]] = {}
    for record in records:
        by_page.setdefault(record["page"], {})[record["extractor"]] = record
    pairs = list(combinations(extractors, 2))
    per_pair: dict[tuple[str, str], list[float]] = {pair: [] for pair in pairs}
    page_pairs: dict[str, dict[str, float]] = {}
    lengths: dict[tuple[str, str], int] = {}
    for page in sorted(by_page):  # one page's tokens at a time: memory stays flat
        tokens = {name: metric.tokens(record["output"])
                  for name, record in by_page[page].items()
                  if not record["error"] and (name in extractors or name == REFERENCE)}
        lengths.update(((page, name), len(words)) for name, words in tokens.items())
        for a, b in pairs:
            if a in tokens and b in tokens:
                value = agreement_f1(tokens[a], tokens[b])
                per_pair[a, b].append(value)
                page_pairs.setdefault(page, {})[f"{a}|{b}"] = value
    mean_agreement = {page: statistics.fmean(values.values())
                      for page, values in page_pairs.items()}
    ranked = sorted(mean_agreement, key=lambda page: (mean_agreement[page], page))
    rows = [_row(name, [by_page[page][name] for page in sorted(by_page)
                        if name in by_page[page]], lengths, per_pair, f1.get(name))
            for name in extractors]
    return {
        "schema": PROFILE_SCHEMA, "run_id": run_id, "dataset": dataset, "reference": REFERENCE,
        "pages": len(by_page), "wall_seconds": wall_seconds, "extractors": rows,
        "agreement": _matrix(extractors, per_pair),
        "disputed": [{"page": page, "url": urls.get(page), "agreement": mean_agreement[page],
                      "pairs": page_pairs[page]} for page in ranked[:disputed]],
        "agreement_f1_correlation": _correlation(mean_agreement, by_page, extractors),
        "skipped": _skipped_counts(skipped),
        "damaged": [f"{item.path}: {item.reason}" for item in skipped if item.kind != item.reason],
    }


def _skipped_counts(skipped: Sequence[Skipped]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in skipped:
        counts[item.kind] = counts.get(item.kind, 0) + item.count
    return counts


def _row(name: str, records: Sequence[PageRecord], lengths: Mapping[tuple[str, str], int],
         per_pair: Mapping[tuple[str, str], list[float]], f1: float | None) -> ProfileRow:
    ok = [record for record in records if not record["error"]]
    counts = [lengths[record["page"], name] for record in ok]
    visible = [lengths.get((record["page"], REFERENCE), 0) for record in ok]
    failures = dict.fromkeys(FAILURE_KINDS, 0)
    for record in records:
        if record["error"]:
            failures[failure_kind(record["error"])] += 1
    seconds = [record["seconds"] for record in records]
    peaks = [peak for record in records if (peak := record["peak_mb"]) is not None]
    mine = [value for pair, values in per_pair.items() if name in pair for value in values]
    return {
        "name": name, "version": records[0]["version"] if records else "",
        "pages": len(records),
        "pages_per_second": len(records) / sum(seconds) if sum(seconds) > 0 else None,
        "ms": _timing(seconds), "peak_mb": max(peaks) if peaks else None,
        "failures": failures,
        "empty_share": sum(1 for n in counts if not n) / len(counts) if counts else None,
        "lengths": _lengths(counts, visible),
        "agreement": statistics.fmean(mine) if mine else None, "f1": f1,
    }


def _matrix(names: Sequence[str],
            per_pair: Mapping[tuple[str, str], list[float]]) -> Agreement:
    matrix: list[list[float | None]] = [[1.0 if a == b else None for b in names] for a in names]
    pages = [[0] * len(names) for _ in names]
    for (a, b), values in per_pair.items():
        i, j = names.index(a), names.index(b)
        matrix[i][j] = matrix[j][i] = statistics.fmean(values) if values else None
        pages[i][j] = pages[j][i] = len(values)
    return {"names": list(names), "matrix": matrix, "pages": pages}


def _correlation(agreement: Mapping[str, float], by_page: Mapping[str, Mapping[str, PageRecord]],
                 extractors: Sequence[str]) -> float | None:
    """Pearson r between a page's mean agreement and its extractors' mean F1."""
    pairs = []
    for page, value in agreement.items():
        scores = [f1 for name in extractors if (record := by_page[page].get(name)) is not None
                  and (f1 := record["f1"]) is not None]
        if scores:
            pairs.append((value, statistics.fmean(scores)))
    if len(pairs) < 3 or len({a for a, _ in pairs}) < 2 or len({b for _, b in pairs}) < 2:
        return None
    return float(np.corrcoef(np.array(pairs).T)[0, 1])
