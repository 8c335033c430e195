"""Speed of scoring AEB's 32 prediction files with 1,000 bootstrap resamples, against a
plain-Python re-implementation of AEB's evaluate procedure (tests/benchmarks/aeb_reference.py).

Run: .venv/bin/python -m pytest tests/benchmarks --benchmark-only
Each boilerbench round starts cold (a fresh metric, so no gold is cached) and includes loading
the dataset (which hashes all 181 HTML pages) and every prediction file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.data.formats import load_dataset
from bench.run.predictions import score_files
from bench.scoring.metrics import get_metric
from tests.benchmarks.aeb_reference import evaluate_folder
from tests.helpers import public_data

pytestmark = pytest.mark.benchmark


def _aeb() -> Path:
    return public_data("aeb")


def _score_all(folder: Path, jobs: int) -> list[dict[str, Any]]:
    dataset = load_dataset(f"aeb:{folder}")
    metric = get_metric("aeb", dataset=dataset.label)
    return score_files(dataset, sorted((folder / "output").glob("*.json")), metric=metric,
                       jobs=jobs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_boilerbench_scores_32_files(benchmark: Any, jobs: int) -> None:
    rows = benchmark.pedantic(_score_all, args=(_aeb(), jobs), rounds=3, iterations=1)
    assert len(rows) == 32
    assert all(row["values"]["f1"] is not None for row in rows)


def test_aeb_procedure_in_plain_python(benchmark: Any) -> None:
    reference = benchmark.pedantic(evaluate_folder, args=(_aeb(),), rounds=1,
                                   iterations=1)
    ours = {row["name"]: row["values"] for row in _score_all(_aeb(), jobs=2)}
    assert set(reference) == set(ours)
    for name, metrics in reference.items():
        for key in ("precision", "recall", "f1", "accuracy"):
            assert ours[name][key] == pytest.approx(metrics[key], abs=1e-12), (name, key)
