"""Metrics, chosen by name with `--metric`; each module is imported only when used."""

from __future__ import annotations

import importlib

from bench.errors import unknown_name
from bench.metrics.base import CorpusScore, Metric, PageStats, Score

METRICS: dict[str, str] = {
    "token-f1": "bench.metrics.token_f1:TokenF1",
    "lcs": "bench.metrics.lcs:LCS",
    "aeb": "bench.metrics.aeb:AEB",
    "snippets": "bench.metrics.snippets:Snippets",
    "wcxb": "bench.metrics.wcxb:WCXB",
}


def get_metric(name: str, **options: object) -> Metric:
    """Build the metric called `name`; an unknown name raises with a suggestion."""
    if name not in METRICS:
        raise unknown_name("metric", name, METRICS)
    module_name, _, attribute = METRICS[name].partition(":")
    cls: type[Metric] = getattr(importlib.import_module(module_name), attribute)
    return cls(**options)  # type: ignore[arg-type]


__all__ = ["METRICS", "CorpusScore", "Metric", "PageStats", "Score", "get_metric"]
