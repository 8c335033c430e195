"""The default metric: token multiset precision, recall and F1.

Tokens are counted with multiplicity, so an output that repeats a caption pays for every copy
in precision, and an output that drops one of two equal sentences pays in recall.
"""

from __future__ import annotations

from collections import Counter

from bench.metrics.base import Metric, PageStats


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts.

    Both texts empty (fp = fn = 0, tp = 0) is a perfect score; otherwise a quantity with a zero
    denominator is 0: an empty output scores 0 precision, as in the Article Extraction Benchmark.
    """
    if fp == 0 and fn == 0:
        return 1.0, 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


class TokenF1(Metric):
    """Bag-of-tokens precision/recall/F1 with multiplicity."""

    name = "token-f1"

    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        gold_counts, output_counts = Counter(gold_tokens), Counter(output_tokens)
        tp = sum((gold_counts & output_counts).values())
        return float(tp), float(len(output_tokens) - tp), float(len(gold_tokens) - tp)

    def _score_from_stats(self, stats: PageStats) -> tuple[float, float, float]:
        tp, fp, fn = stats
        return prf(tp, fp, fn)
