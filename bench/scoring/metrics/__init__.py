"""Metrics, chosen by name with `--metric`; each module is imported only when used, so that
naming the metrics (for `--help`) does not import numpy."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from bench.errors import unknown_name

if TYPE_CHECKING:
    from bench.scoring.metrics.base import Metric

METRICS: dict[str, str] = {
    "token-f1": "bench.scoring.metrics.token_f1:TokenF1",
    "lcs": "bench.scoring.metrics.lcs:LCS",
    "aeb": "bench.scoring.metrics.aeb:AEB",
    "snippets": "bench.scoring.metrics.snippets:Snippets",
    "wcxb": "bench.scoring.metrics.wcxb:WCXB",
    "structure": "bench.scoring.metrics.structure:Structure",
}


def get_metric(name: str, **options: object) -> Metric:
    """Build the metric called `name`; an unknown name raises with a suggestion."""
    if name not in METRICS:
        raise unknown_name("metric", name, METRICS)
    module_name, _, attribute = METRICS[name].partition(":")
    cls: type[Metric] = getattr(importlib.import_module(module_name), attribute)
    return cls(**options)  # type: ignore[arg-type]
