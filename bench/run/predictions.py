"""Scoring prediction files against a dataset without running extractors.

Each file is treated as one system: its texts become the same per-page records a run writes
(bench.run.runner.page_record) and the same summary (bench.scoring.summary.scores_summary), so
scores of predictions and of runs are computed by one code path. Files are scored in parallel
worker processes when asked (`jobs`), one file per task.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.data.page import Dataset
from bench.data.predictions import load_predictions
from bench.errors import BenchError
from bench.run.job import Extraction
from bench.run.runner import page_record
from bench.scoring.metrics.base import Metric
from bench.scoring.records import SystemRow
from bench.scoring.summary import scores_summary


def check_ids(dataset: Dataset, predictions: Mapping[str, str], path: Path) -> None:
    """A prediction file must cover exactly the dataset's pages (as AEB's evaluate requires)."""
    wanted = {page.id for page in dataset}
    missing, extra = sorted(wanted - set(predictions)), sorted(set(predictions) - wanted)
    if missing:
        raise BenchError(f"{path}: no prediction for {len(missing)} of {len(wanted)} pages of "
                         f"{dataset.name}, e.g. {missing[0]!r}")
    if extra:
        raise BenchError(f"{path}: {len(extra)} ids are not pages of {dataset.name}, "
                         f"e.g. {extra[0]!r}")


def score_predictions(dataset: Dataset, predictions: Mapping[str, str], *, name: str,
                      metric: Metric, diagnostics: bool = False,
                      output_format: str = "text") -> SystemRow:
    """The summary row of one system's predictions (with `diagnostics`: leaks and duplication),
    texts of `output_format`."""
    records = [page_record(page, Extraction(page_id=page.id, extractor=name, version="",
                                            output=predictions[page.id], error=None,
                                            seconds=0.0), metric, diagnostics=diagnostics,
                           output_format=output_format)
               for page in dataset]
    return {"name": name, "pages": len(records), **scores_summary(records, metric)}


def score_file(dataset: Dataset, path: Path, *, metric: Metric, diagnostics: bool = False,
               output_format: str = "text") -> SystemRow:
    """Load, check and score one prediction file; the file name without .json names it."""
    predictions = load_predictions(path)
    check_ids(dataset, predictions, path)
    return score_predictions(dataset, predictions, name=path.stem, metric=metric,
                             diagnostics=diagnostics, output_format=output_format)


FILES_GOLD_MEMORY = 1024
"""Golds a metric remembers while scoring prediction files: each file meets every gold again,
so a dataset of up to this many pages has its golds prepared once per process, not once per
file (at AEB's 57 KB a gold, 58 MB at most; a bigger dataset pays once per file)."""

_FORKED: tuple[Dataset, Metric, bool, str] | None = None
"""What forked workers score against, inherited from the parent (nothing is pickled)."""


def _score_in_worker(path: Path) -> SystemRow:
    assert _FORKED is not None
    dataset, metric, diagnostics, output_format = _FORKED
    return score_file(dataset, path, metric=metric, diagnostics=diagnostics,
                      output_format=output_format)


def score_files(dataset: Dataset, paths: Sequence[Path], *, metric: Metric, jobs: int = 1,
                diagnostics: bool = False, output_format: str = "text") -> list[SystemRow]:
    """Summary rows of every file, in order; `jobs` > 1 scores files in forked processes
    (where the platform cannot fork, in this process)."""
    if jobs < 1:
        raise BenchError(f"--jobs must be at least 1, got {jobs!r}")
    with metric.remembering(min(len(dataset), FILES_GOLD_MEMORY)):
        return _score_files(dataset, paths, metric=metric, jobs=jobs, diagnostics=diagnostics,
                            output_format=output_format)


def _score_files(dataset: Dataset, paths: Sequence[Path], *, metric: Metric, jobs: int,
                 diagnostics: bool, output_format: str) -> list[SystemRow]:
    global _FORKED
    if jobs == 1 or len(paths) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [score_file(dataset, path, metric=metric, diagnostics=diagnostics,
                           output_format=output_format) for path in paths]
    _FORKED = (dataset, metric, diagnostics, output_format)
    try:
        with ProcessPoolExecutor(min(jobs, len(paths)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_score_in_worker, paths))
    finally:
        _FORKED = None
