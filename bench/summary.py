"""Corpus summaries of a run: pure functions from per-page records to per-extractor scores."""

from __future__ import annotations

import platform
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from bench import __version__
from bench.dataset import Dataset
from bench.metrics import Metric
from extractors.base import Extractor

SUMMARY_SCHEMA = 1


def extractor_summary(extractor: Extractor, records: Sequence[Mapping[str, Any]],
                      metric: Metric) -> dict[str, Any]:
    """Corpus scores, failures and timing of one extractor over its records."""
    scored = [tuple(record["stats"]) for record in records if record["stats"] is not None]
    corpus = metric.corpus_score(scored) if scored else None
    seconds = [record["seconds"] for record in records]
    peaks = [record["peak_mb"] for record in records if record.get("peak_mb") is not None]
    return {
        "name": extractor.name,
        "version": extractor.version,
        "settings": {key: repr(value) for key, value in extractor.settings.items()},
        "pages": len(records),
        "failures": sum(1 for record in records if record["error"]),
        "precision": corpus.macro.precision if corpus else None,
        "recall": corpus.macro.recall if corpus else None,
        "f1": corpus.macro.f1 if corpus else None,
        "micro": ({"precision": corpus.micro.precision, "recall": corpus.micro.recall,
                   "f1": corpus.micro.f1} if corpus else None),
        "median_ms": round(statistics.median(seconds) * 1000, 3) if seconds else None,
        "peak_mb": max(peaks) if peaks else None,
        "cached": sum(1 for record in records if record.get("cached")),
    }


def summarize(*, run_id: str, dataset: Dataset, extractors: Sequence[Extractor],
              records: Sequence[Mapping[str, Any]], metric: Metric) -> dict[str, Any]:
    """The summary of a run: one entry per extractor, with the signature of every score."""
    by_extractor: dict[str, list[Mapping[str, Any]]] = {e.name: [] for e in extractors}
    for record in records:
        if record["extractor"] in by_extractor:
            by_extractor[record["extractor"]].append(record)
    return {
        "schema": SUMMARY_SCHEMA,
        "run_id": run_id,
        "signature": str(metric.signature),
        "metric": metric.name,
        "averaging": "macro over pages (micro: pooled token counts)",
        "dataset": {"name": dataset.name, "label": dataset.label, "pages": len(dataset),
                    "sha256": dataset.content_hash},
        "extractors": [extractor_summary(e, by_extractor[e.name], metric) for e in extractors],
        "environment": {"boilerbench": __version__, "python": platform.python_version(),
                        "platform": platform.platform()},
    }
