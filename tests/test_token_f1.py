"""Scorer vectors worked out by hand."""

import numpy as np
import pytest

from bench.scoring.metrics import get_metric
from bench.scoring.metrics.base import prf_array
from bench.scoring.metrics.token_f1 import TokenF1
from bench.scoring.signature import Signature


def scores(gold: str, output: str) -> tuple[float, float, float]:
    score = TokenF1().page_score(gold, output)
    return score.precision, score.recall, score.f1


def test_bengali_pair() -> None:
    # gold: 4 tokens; output: 3 tokens of which 2 are in the gold -> tp 2, fp 1, fn 2.
    stats = TokenF1().page_stats("রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের।", "প্রেসিডেন্ট পুতিনের মুখপাত্র")
    assert stats == (2.0, 1.0, 2.0)
    p, r, f = scores("রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের।", "প্রেসিডেন্ট পুতিনের মুখপাত্র")
    assert (p, r) == (pytest.approx(2 / 3), pytest.approx(0.5))
    assert f == pytest.approx(4 / 7)


def test_chinese_is_scored_per_character() -> None:
    # gold 北京天气 (4 chars); output 北京的天气 (5 chars): tp 4, fp 1, fn 0.
    assert scores("北京天气。", "北京的天气") == (pytest.approx(0.8), 1.0, pytest.approx(8 / 9))


def test_duplicated_caption_costs_precision_twice() -> None:
    body = "অন্য দেশকে পরোয়া না করে রাশিয়া"  # 6 tokens
    caption = "ছবি : সংগৃহীত"  # 2 tokens
    once = TokenF1().page_stats(body, f"{caption}\n{body}")
    twice = TokenF1().page_stats(body, f"{caption}\n{caption}\n{body}")
    assert once == (6.0, 2.0, 0.0)
    assert twice == (6.0, 4.0, 0.0)
    assert scores(body, f"{caption}\n{caption}\n{body}")[0] == pytest.approx(0.6)


def test_repeated_gold_sentence_output_once_costs_recall() -> None:
    assert TokenF1().page_stats("a b a b", "a b") == (2.0, 0.0, 2.0)


def test_empty_output() -> None:
    assert scores("some gold text", "") == (0.0, 0.0, 0.0)


def test_empty_gold_and_empty_output_is_perfect() -> None:
    assert scores("", "  ") == (1.0, 1.0, 1.0)


def test_empty_gold_with_output() -> None:
    assert scores("", "boilerplate only") == (0.0, 0.0, 0.0)


def test_normalisation_makes_case_and_width_irrelevant() -> None:
    assert scores("Hello World", "hello ＷＯＲＬＤ") == (1.0, 1.0, 1.0)


def test_prf_zero_denominators() -> None:
    rows = prf_array(np.array([[0.0, 0.0, 0.0], [0.0, 3.0, 0.0], [2.0, 2.0, 0.0]]))
    assert rows.tolist() == [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [0.5, 1.0, pytest.approx(2 / 3)]]


def test_corpus_macro_and_micro_differ() -> None:
    metric = TokenF1(dataset="toy")
    stats = [metric.page_stats("a b c d", "a b c d"), metric.page_stats("x y", "x z")]
    corpus = metric.corpus_score(stats)
    # page 1: 1/1/1; page 2: P .5 R .5 F .5 -> macro .75; micro: tp 5, fp 1, fn 1 -> 5/6.
    assert corpus.score.f1 == pytest.approx(0.75)
    assert corpus.values["micro_precision"] == pytest.approx(5 / 6)
    assert corpus.values["micro_recall"] == pytest.approx(5 / 6)
    assert corpus.pages == 2
    # Two pages: a resample holds page 1 twice (F1 1), page 2 twice (.5), or both (.75).
    assert corpus.intervals["f1"] == (0.5, 1.0)
    assert metric.corpus_score(stats).std == corpus.std  # seeded: the same every time


def test_score_carries_signature_and_renders() -> None:
    score = get_metric("token-f1", dataset="toy").page_score("a b", "a b c")
    assert isinstance(score.signature, Signature)
    text = score.format()
    assert text.startswith("P 0.667  R 1.000  F1 0.800  metric:token-f1|tok:unicode-regex")
    assert "|data:toy|" in text
    assert Signature.parse(str(score.signature)) == score.signature
    assert score.to_dict()["signature"] == str(score.signature)


def test_per_page_scores_feed_a_paired_comparison() -> None:
    from bench.scoring.stats import compare

    metric = TokenF1()
    gold = ["a b c d", "e f g h", "i j k l"]
    better = [metric.page_stats(g, g) for g in gold]
    worse = [metric.page_stats(g, g + " x x x x") for g in gold]
    f1_better, f1_worse = metric.page_scores(better)[:, 2], metric.page_scores(worse)[:, 2]
    assert f1_worse.tolist() == [pytest.approx(2 / 3)] * 3
    assert compare(f1_better, f1_worse).delta == pytest.approx(1 / 3)
