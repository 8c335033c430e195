"""The leaderboard of a suite: pure functions from a datasets x extractors table of F1 to ranks,
mean ranks (over all datasets and per group of what their gold keeps) and the rank agreement
between every pair of datasets.

Ranks are 1 for the best F1 of a dataset; tied F1s share the mean of their ranks; an extractor
without a score on a dataset (a metric that does not apply) has no rank there, and its mean
rank is over the datasets that ranked it. Agreement is Spearman's rho: the Pearson correlation
of the two datasets' ranks over the extractors both scored (None below three, or when one side
ranks them all equal): 1 means both datasets order the extractors the same way.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

Table = Mapping[str, Mapping[str, float | None]]
"""F1 by dataset, then by extractor."""


def ranks(scores: Mapping[str, float | None]) -> dict[str, float]:
    """Rank of each scored extractor on one dataset: 1 is the best, ties share their mean."""
    scored = sorted(((value, name) for name, value in scores.items() if value is not None),
                    key=lambda item: -item[0])
    result: dict[str, float] = {}
    start = 0
    while start < len(scored):
        end = start
        while end + 1 < len(scored) and scored[end + 1][0] == scored[start][0]:
            end += 1
        for _value, name in scored[start:end + 1]:
            result[name] = (start + end) / 2 + 1
        start = end + 1
    return result


def mean_ranks(table: Table, datasets: Sequence[str] | None = None
               ) -> dict[str, tuple[float, int]]:
    """Each extractor's mean rank over `datasets` (default all) and how many ranked it."""
    by_extractor: dict[str, list[float]] = {}
    for dataset in datasets if datasets is not None else list(table):
        for name, rank in ranks(table[dataset]).items():
            by_extractor.setdefault(name, []).append(rank)
    return {name: (statistics.fmean(values), len(values))
            for name, values in sorted(by_extractor.items(),
                                       key=lambda item: statistics.fmean(item[1]))}


def spearman(first: Mapping[str, float | None], second: Mapping[str, float | None]
             ) -> float | None:
    """Spearman's rho of two datasets' F1 over the extractors both scored."""
    common = [name for name in first if first[name] is not None
              and second.get(name) is not None]
    if len(common) < 3:
        return None
    a = ranks({name: first[name] for name in common})
    b = ranks({name: second[name] for name in common})
    mean = (len(common) + 1) / 2
    da = [a[name] - mean for name in common]
    db = [b[name] - mean for name in common]
    scale = (sum(x * x for x in da) * sum(y * y for y in db)) ** 0.5
    return sum(x * y for x, y in zip(da, db, strict=True)) / scale if scale else None


def agreement(table: Table) -> dict[str, dict[str, float | None]]:
    """Spearman's rho between every pair of datasets (a symmetric matrix, 1 on the diagonal
    where a dataset ranks at least three extractors)."""
    names = list(table)
    return {a: {b: spearman(table[a], table[b]) for b in names} for a in names}
