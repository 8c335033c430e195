"""The LCS metric: order matters, counts are those of one common subsequence."""

from __future__ import annotations

import random

import pytest

from bench.scoring.metrics import get_metric
from bench.scoring.metrics.lcs import LCS
from bench.scoring.metrics.token_f1 import TokenF1


def test_shuffled_paragraphs_cost_lcs_but_not_token_f1() -> None:
    gold = "alpha beta gamma delta\n\nepsilon zeta eta theta"
    shuffled = "epsilon zeta eta theta\n\nalpha beta gamma delta"
    assert TokenF1().page_score(gold, shuffled).f1 == 1.0
    assert LCS().page_stats(gold, shuffled) == (4.0, 4.0, 4.0)
    assert LCS().page_score(gold, shuffled).f1 == 0.5


def test_interleaved_output() -> None:
    # LCS of a b c d e and a x c e d is a c e (or a c d): 3 of 5 on both sides.
    assert LCS().page_stats("a b c d e", "a x c e d") == (3.0, 2.0, 2.0)


def test_bengali_words_are_whole_tokens() -> None:
    score = LCS().page_score("রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের।", "প্রেসিডেন্ট পুতিনের মুখপাত্র")
    assert (score.precision, score.recall) == (pytest.approx(2 / 3), 0.5)
    assert str(score.signature).startswith("metric:lcs|tok:unicode-regex")


def test_long_pages_match_a_reference_dynamic_programme() -> None:
    rng = random.Random(5)
    gold = [rng.choice("abcdefgh") for _ in range(300)]
    output = [rng.choice("abcdefghij") for _ in range(250)]
    previous = [0] * (len(output) + 1)
    for token in gold:
        row = [0]
        for j, other in enumerate(output):
            row.append(previous[j] + 1 if token == other else max(previous[j + 1], row[j]))
        previous = row
    expected = previous[-1]
    stats = get_metric("lcs").page_stats(" ".join(gold), " ".join(output))
    assert stats == (float(expected), 250.0 - expected, 300.0 - expected)


def test_corpus_has_macro_and_micro() -> None:
    metric = LCS()
    corpus = metric.corpus_score([metric.page_stats("a b", "b a"), metric.page_stats("c", "c")])
    assert corpus.values["f1"] == 0.75
    assert corpus.values["micro_precision"] == pytest.approx(2 / 3)
