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
from collections.abc import Iterable, Mapping, Sequence
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


class _Column:
    """What one extractor's profile row is made of, gathered record by record."""

    def __init__(self) -> None:
        self.version: str | None = None
        self.seconds: list[float] = []
        self.peak: float | None = None
        self.failures = dict.fromkeys(FAILURE_KINDS, 0)
        self.tokens: list[int] = []
        """Output tokens of each page extracted without failure..."""
        self.visible: list[int] = []
        """... and that page's visible-text tokens (0: not known)."""

    def add(self, record: PageRecord) -> None:
        self.version = record["version"] if self.version is None else self.version
        self.seconds.append(record["seconds"])
        if (peak := record["peak_mb"]) is not None:
            self.peak = peak if self.peak is None else max(self.peak, peak)
        if record["error"]:
            self.failures[failure_kind(record["error"])] += 1


_Output = tuple[str | None, float | None]
"""What a page's record is kept as until the page's other records arrive: its output (None:
it failed) and its F1."""


class _Pages:
    """Records grouped by page as they stream in: a page is profiled, and forgotten, once its
    record of every extractor of the run has arrived (records of one page arrive close
    together; pages left incomplete, as by an interrupted run, are profiled at the end), so
    that memory holds the outputs of the pages in flight, not of the run."""

    def __init__(self, extractors: Sequence[str], metric: Metric, disputed: int) -> None:
        self.extractors, self.metric, self.keep = extractors, metric, disputed
        self.expected = {*extractors, REFERENCE}
        self.columns = {name: _Column() for name in extractors}
        self.pairs = list(combinations(extractors, 2))
        self.per_pair: dict[tuple[str, str], list[float]] = {pair: [] for pair in self.pairs}
        self.disputed: list[tuple[float, str, dict[str, float]]] = []
        self.agreement_f1: list[tuple[float, float]] = []
        self.pages = 0
        self._open: dict[str, dict[str, _Output]] = {}

    def add(self, record: PageRecord) -> None:
        name, page = record["extractor"], record["page"]
        if name not in self.expected:
            return
        if name in self.columns:
            self.columns[name].add(record)
        group = self._open.setdefault(page, {})
        group[name] = (None if record["error"] else record["output"], record["f1"])
        if len(group) == len(self.expected):
            self._close(page)

    def finish(self) -> None:
        """Profile the pages some extractor's record never came for."""
        for page in sorted(self._open):
            self._close(page)

    def _close(self, page: str) -> None:
        group = self._open.pop(page)
        self.pages += 1
        tokens = {name: self.metric.tokens(output)
                  for name, (output, _f1) in group.items() if output is not None}
        visible = len(tokens.get(REFERENCE, ()))
        for name, column in self.columns.items():
            if name in tokens:
                column.tokens.append(len(tokens[name]))
                column.visible.append(visible)
        values = {}
        for a, b in self.pairs:
            if a in tokens and b in tokens:
                values[f"{a}|{b}"] = value = agreement_f1(tokens[a], tokens[b])
                self.per_pair[a, b].append(value)
        if not values:
            return
        mean = statistics.fmean(values.values())
        self.disputed.append((mean, page, values))
        if len(self.disputed) > 2 * self.keep + 64:  # keep the least agreed, sorted as at the end
            self.disputed = sorted(self.disputed, key=_dispute_order)[:self.keep]
        scores = [f1 for name in self.extractors
                  if name in group and (f1 := group[name][1]) is not None]
        if scores:
            self.agreement_f1.append((mean, statistics.fmean(scores)))


def _dispute_order(entry: tuple[float, str, dict[str, float]]) -> tuple[float, str]:
    return entry[0], entry[1]


def profile(*, run_id: str, dataset: str, records: Iterable[PageRecord],
            extractors: Sequence[str], metric: Metric, urls: Mapping[str, str | None],
            f1: Mapping[str, float | None], disputed: int = 20,
            wall_seconds: float | None = None, skipped: Sequence[Skipped] = ()) -> Profile:
    """The profile of `extractors` (in this order) from a run's records, read in one streamed
    pass (`_Pages`); the REFERENCE extractor's records give each page's visible-text length,
    and it joins the agreement only when it is among `extractors`. `f1` holds each
    extractor's corpus F1 (None: no gold)."""
    pages = _Pages(extractors, metric, disputed)
    for record in records:
        pages.add(record)
    pages.finish()
    ranked = sorted(pages.disputed, key=_dispute_order)[:disputed]
    return {
        "schema": PROFILE_SCHEMA, "run_id": run_id, "dataset": dataset, "reference": REFERENCE,
        "pages": pages.pages, "wall_seconds": wall_seconds,
        "extractors": [_row(name, pages.columns[name], pages.per_pair, f1.get(name))
                       for name in extractors],
        "agreement": _matrix(extractors, pages.per_pair),
        "disputed": [{"page": page, "url": urls.get(page), "agreement": mean, "pairs": pairs}
                     for mean, page, pairs in ranked],
        "agreement_f1_correlation": _correlation(pages.agreement_f1),
        "skipped": _skipped_counts(skipped),
        "damaged": [f"{item.path}: {item.reason}" for item in skipped if item.kind != item.reason],
    }


def _skipped_counts(skipped: Sequence[Skipped]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in skipped:
        counts[item.kind] = counts.get(item.kind, 0) + item.count
    return counts


def _row(name: str, column: _Column, per_pair: Mapping[tuple[str, str], list[float]],
         f1: float | None) -> ProfileRow:
    pages, total = len(column.seconds), sum(column.seconds)
    counts = column.tokens
    mine = [value for pair, values in per_pair.items() if name in pair for value in values]
    return {
        "name": name, "version": column.version or "", "pages": pages,
        "pages_per_second": pages / total if total > 0 else None,
        "ms": _timing(column.seconds), "peak_mb": column.peak, "failures": column.failures,
        "empty_share": sum(1 for n in counts if not n) / len(counts) if counts else None,
        "lengths": _lengths(counts, column.visible),
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


def _correlation(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Pearson r between a page's mean agreement and its extractors' mean F1."""
    if len(pairs) < 3 or len({a for a, _ in pairs}) < 2 or len({b for _, b in pairs}) < 2:
        return None
    return float(np.corrcoef(np.array(pairs).T)[0, 1])
