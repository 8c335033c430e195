"""A plain-Python re-implementation of the Article Extraction Benchmark's evaluate procedure
(as described in ../shared/datasets/aeb/SOURCE.md), kept only as the speed baseline of
tests/benchmarks/test_scoring_speed.py: dict-based shingle matching per page, then 1,000
bootstrap resamples drawn with `random` and averaged with `statistics.mean`, as AEB does."""

from __future__ import annotations

import json
import random
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+")

Counts = tuple[float, float, float]


def _shingles(text: str, n: int = 4) -> dict[tuple[str, ...], int]:
    tokens = _WORD.findall(text or "")
    grams = [tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return dict(Counter(gram for gram in grams if gram))


def _page_counts(gold: str, pred: str) -> Counts:
    true, predicted = _shingles(gold), _shingles(pred)
    tp = fp = fn = 0.0
    for key in set(true) | set(predicted):
        t, p = true.get(key, 0), predicted.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)


def _corpus(counts: list[Counts]) -> dict[str, float]:
    precision = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0])
    recall = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0])
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall)}


def evaluate(gold: dict[str, Any], pred: dict[str, Any], n_bootstrap: int) -> dict[str, float]:
    """Corpus scores and bootstrap standard deviations of one prediction file."""
    counts, exact = [], []
    for key in gold:
        true, guess = gold[key].get("articleBody", ""), pred[key].get("articleBody", "")
        counts.append(_page_counts(true, guess))
        exact.append(float(_WORD.findall(true or "") == _WORD.findall(guess or "")))
    metrics = _corpus(counts) | {"accuracy": statistics.mean(exact)}
    samples: dict[str, list[float]] = {}
    for _ in range(n_bootstrap):
        indices = [random.randint(0, len(counts) - 1) for _ in range(len(counts))]
        for key, value in _corpus([counts[i] for i in indices]).items():
            samples.setdefault(key, []).append(value)
        samples.setdefault("accuracy", []).append(statistics.mean([exact[i] for i in indices]))
    return metrics | {f"{key}_std": statistics.stdev(values) for key, values in samples.items()}


def evaluate_folder(folder: Path, n_bootstrap: int = 1000) -> dict[str, dict[str, float]]:
    """Every `output/*.json` of an AEB folder, as AEB's evaluate script runs them."""
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    results = {}
    for path in sorted((folder / "output").glob("*.json")):
        pred = json.loads(path.read_text(encoding="utf-8"))
        if "version" in pred and isinstance(pred.get("output"), dict):
            pred = pred["output"]
        results[path.stem] = evaluate(gold, pred, n_bootstrap)
    return results
