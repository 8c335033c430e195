"""The wcxb metric, WCXB's own scoring; the expected values are worked out by hand from the
rules in `bench/metrics/wcxb.py`'s docstring."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.dataset import Page
from bench.metrics import get_metric
from bench.metrics.wcxb import WCXB
from tests.test_cli import first_table, run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def page(body: str | None = "gold", with_snippets: tuple[str, ...] = (),
         without: tuple[str, ...] = ()) -> Page:
    return Page(id="p", html_path=Path("p.html"), body=body, with_snippets=with_snippets,
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
    stats = WCXB().page_stats_for(gold, "The BRIDGE reopened after repairs. subscribe now")
    # with: found, missed, missed (two spaces); without: found, missed.
    assert stats is not None
    assert stats[3:] == (1.0, 3.0, 1.0, 2.0)


def test_a_page_needs_a_body_and_snippets() -> None:
    metric = WCXB()
    assert metric.page_stats_for(page(None, ("a",)), "a") is None
    assert metric.page_stats_for(page("a"), "a") is None
    assert metric.page_stats_for(page("a", without=("b",)), "a") == (1.0, 0.0, 0.0,
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
