"""Metrics, chosen by name with `--metric`."""

from __future__ import annotations

from bench.errors import unknown_name
from bench.metrics.base import CorpusScore, Metric, PageStats, Score
from bench.metrics.token_f1 import TokenF1

METRICS: dict[str, type[Metric]] = {cls.name: cls for cls in (TokenF1,)}


def get_metric(name: str, **options: object) -> Metric:
    """Build the metric called `name`; an unknown name raises with a suggestion."""
    try:
        cls = METRICS[name]
    except KeyError:
        raise unknown_name("metric", name, METRICS) from None
    return cls(**options)  # type: ignore[arg-type]


__all__ = ["METRICS", "CorpusScore", "Metric", "PageStats", "Score", "get_metric"]
