"""The default metric: token multiset precision, recall and F1.

Tokens are counted with multiplicity, so an output that repeats a caption pays for every copy
in precision, and an output that drops one of two equal sentences pays in recall.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat

import numpy as np

from bench.scoring.metrics.base import GoldTokens, Metric, PageStats, prf, prf_array
from bench.scoring.stats import Array


def bag_counts(gold_tokens: list[str], output_tokens: list[str]) -> tuple[float, float, float]:
    """(tp, fp, fn) of two bags of tokens, counted with multiplicity (a remembered gold's
    counts are made once)."""
    gold = gold_tokens.counts if isinstance(gold_tokens, GoldTokens) else Counter(gold_tokens)
    output = Counter(output_tokens)
    # The size of the multiset intersection, summed in C (Counter's `&` loops in Python).
    tp = sum(map(min, output.values(), map(gold.get, output, repeat(0))))
    return float(tp), float(len(output_tokens) - tp), float(len(gold_tokens) - tp)


class TokenF1(Metric):
    """Bag-of-tokens precision/recall/F1 with multiplicity; page stats are (tp, fp, fn)."""

    name = "token-f1"
    corpus_fields = ("precision", "recall", "f1", "micro_precision", "micro_recall", "micro_f1")
    averaging = "macro: mean of per-page scores (micro_*: from token counts pooled over pages)"

    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        return bag_counts(gold_tokens, output_tokens)

    def _scores(self, stats: Array) -> Array:
        return prf_array(stats)

    def _score(self, stats: PageStats) -> tuple[float, float, float]:
        tp, fp, fn = stats
        return prf(tp, fp, fn)

    def _corpus(self, weights: Array, stats: Array, scores: Array) -> Array:
        macro = super()._corpus(weights, stats, scores)
        return np.concatenate([macro, prf_array(weights @ stats)], axis=1)
