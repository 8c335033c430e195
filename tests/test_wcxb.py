"""The wcxb metric, WCXB's own scoring; the expected values are worked out by hand from the
rules in `bench/scoring/metrics/wcxb.py`'s docstring."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.data.page import Gold
from bench.scoring.metrics import get_metric
from bench.scoring.metrics.wcxb import WCXB
from tests.helpers import first_table, public_data, run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def page(body: str | None = "gold", with_snippets: tuple[str, ...] = (),
         without: tuple[str, ...] = ()) -> Gold:
    return Gold(body=body, with_snippets=with_snippets,
                without_snippets=without)


def test_word_bags_are_lower_cased_re_words() -> None:
    metric = WCXB()
    # gold: the cat sat on the mat (6 tokens); output: the cat sat (3), all found.
    score = metric.page_score("The cat sat on THE mat.", "the CAT, sat!")
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.f1 == pytest.approx(2 / 3)
    # Python `re` `\w` keeps the underscore in a word and splits at an apostrophe.
    assert metric.tokens("Don't snake_case") == ["don", "t", "snake_case"]


@pytest.mark.parametrize(("gold", "output", "expected"), [
    ("", "", (1.0, 1.0, 1.0)),
    ("", "anything", (0.0, 0.0, 0.0)),
    ("some gold", "", (0.0, 0.0, 0.0)),
    ("a a b", "a b b", (2 / 3, 2 / 3, 2 / 3)),  # multiplicity: one a and one b match
])
def test_edge_cases(gold: str, output: str, expected: tuple[float, float, float]) -> None:
    score = WCXB().page_score(gold, output)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


def test_snippets_are_lower_cased_substrings_with_nothing_else_normalised() -> None:
    gold = page("bridge", ("Bridge reopened", "two years", "bridge  reopened"),
                ("Subscribe", "Menu"))
    stats = WCXB().gold_stats(gold, "The BRIDGE reopened after repairs. subscribe now")
    # with: found, missed, missed (two spaces); without: found, missed.
    assert stats is not None
    assert stats[3:] == (1.0, 3.0, 1.0, 2.0)


def test_a_page_needs_a_body_and_snippets() -> None:
    metric = WCXB()
    assert metric.gold_stats(page(None, ("a",)), "a") is None
    assert metric.gold_stats(page("a"), "a") is None
    assert metric.gold_stats(page("a", without=("b",)), "a") == (1.0, 0.0, 0.0,
                                                                      0.0, 0.0, 0.0, 1.0)


def test_corpus_values_are_means_over_pages() -> None:
    metric = WCXB()
    stats = [
        (1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0),  # P 1, R .5, F1 2/3; with 1/1; no without list
        (1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 2.0),  # P .5, R 1, F1 2/3; no with list; without 1/2
    ]
    corpus = metric.corpus_score(stats, resamples=10)
    assert corpus.values["precision"] == corpus.values["recall"] == pytest.approx(0.75)
    assert corpus.values["f1"] == pytest.approx(2 / 3)  # the mean of F1s, not F1 of the means
    assert corpus.values["with_rate"] == 1.0  # over the one page with `with` snippets
    assert corpus.values["without_rate"] == 0.5  # over the one page with `without` snippets


def test_signature_names_the_lower_casing() -> None:
    assert str(get_metric("wcxb", dataset="d").signature).startswith(
        "metric:wcxb|tok:re-word|norm:lower|data:d|")
    assert "|norm:nfkc-casefold" in str(get_metric("wcxb", normalized=True).signature)


def test_run_on_a_wcxb_folder_shows_the_snippet_rates(tmp_path: Path) -> None:
    code, out = run_cli("run", "--dataset", f"wcxb:{FIXTURES / 'wcxb'}", "--metric", "wcxb",
                        "-e", "fulltext", "--no-progress", "--reports-dir", str(tmp_path))
    assert code == 0
    header = out.splitlines()[2]
    assert "with_rate" in header and "without_rate" in header
    row = first_table(out)["fulltext"]
    # The full text of each fixture page holds every `with` snippet and every `without` one.
    assert row[5:8] == ["1.000", "1.000", "3"]


def _plain_wcxb(pairs: list[tuple[Gold, str]]) -> dict[str, float]:
    """WCXB's procedure written out as plain loops, to check the metric on real text."""
    import re
    from collections import Counter

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    per_page, with_rates, without_rates = [], [], []
    for gold, output in pairs:
        reference, predicted = words(gold.body or ""), words(output)
        if not reference:
            per_page.append((1.0, 1.0, 1.0) if not predicted else (0.0, 0.0, 0.0))
        elif not predicted:
            per_page.append((0.0, 0.0, 0.0))
        else:
            overlap = sum((Counter(reference) & Counter(predicted)).values())
            p, r = overlap / len(predicted), overlap / len(reference)
            per_page.append((p, r, 2 * p * r / (p + r) if p + r else 0.0))
        for snippets, rates in ((gold.with_snippets, with_rates),
                                (gold.without_snippets, without_rates)):
            if snippets:
                rates.append(sum(s.lower() in output.lower() for s in snippets) / len(snippets))
    means = [sum(column) / len(per_page) for column in zip(*per_page, strict=True)]
    return {"precision": means[0], "recall": means[1], "f1": means[2],
            "with_rate": sum(with_rates) / len(with_rates),
            "without_rate": sum(without_rates) / len(without_rates)}


def test_equals_the_plain_procedure_on_real_pages_and_predictions() -> None:
    """AEB's 181 gold bodies as WCXB gold, two snippets each (a sentence of the body; a line
    that is not in it), against the predictions of three systems in AEB's output/."""
    import json

    from bench.data.predictions import load_predictions

    aeb = public_data("aeb")
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [page(item["articleBody"], (item["articleBody"].split("\n")[0][:60],),
                  ("Subscribe to our newsletter", "All rights reserved"))
             for item in truth.values()]
    metric = WCXB()
    for system in ("trafilatura", "readability", "html-text"):
        predictions = load_predictions(aeb / "output" / f"{system}.json")
        pairs = [(gold, predictions.get(page_id, "")) for gold, page_id in zip(pages, truth,
                                                                               strict=True)]
        stats = [metric.gold_stats(gold, output) for gold, output in pairs]
        corpus = metric.corpus_score([s for s in stats if s is not None], resamples=10)
        expected = _plain_wcxb(pairs)
        assert corpus.values == pytest.approx(expected, abs=1e-12), system
