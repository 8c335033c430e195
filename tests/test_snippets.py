"""The snippets metric, trafilatura's with/without method."""

from __future__ import annotations

import pytest

from bench.data.page import Gold
from bench.errors import BenchError
from bench.scoring.metrics import get_metric
from bench.scoring.metrics.snippets import Snippets


def page(with_snippets: tuple[str, ...] = (), without: tuple[str, ...] = ()) -> Gold:
    return Gold(with_snippets=with_snippets,
                without_snippets=without)


def test_counts_with_whitespace_collapsed_and_case_kept() -> None:
    metric = Snippets()
    gold = page(("The body  text\nof the page", "Second part"), ("Share this", "Menu"))
    output = "The body text of the page. second part.\nShare   this"
    # with: first found, second missed (case); without: one found, one not.
    assert metric.gold_stats(gold, output) == (1.0, 1.0, 1.0, 1.0)


def test_failed_extraction_misses_every_with_snippet() -> None:
    assert Snippets().gold_stats(page(("a b",), ("c",)), "") == (0.0, 0.0, 1.0, 1.0)


def test_page_without_snippets_is_not_applicable() -> None:
    assert Snippets().gold_stats(page(), "anything") is None


def test_corpus_pools_counts() -> None:
    metric = Snippets()
    stats = [(3.0, 1.0, 1.0, 2.0), (0.0, 0.0, 2.0, 1.0)]
    corpus = metric.corpus_score(stats)
    # pooled tp 3, fp 1, fn 3, tn 3: P .75, R .5, F 2*3/(6+1+3) = .6, accuracy 6/10.
    assert corpus.values == {"precision": 0.75, "recall": 0.5, "f1": pytest.approx(0.6),
                             "accuracy": 0.6}
    assert metric.averaging.startswith("pooled")


def test_signature_names_no_tokenizer() -> None:
    assert str(get_metric("snippets").signature).startswith(
        "metric:snippets|tok:none|norm:ws-collapse|")
    assert "norm:ws-collapse+nfkc-casefold-nocf|" in str(Snippets(normalized=True).signature)


def test_scoring_a_gold_text_is_a_user_error() -> None:
    with pytest.raises(BenchError, match="snippets metric scores with/without snippets"):
        Snippets().page_score("gold", "output")
