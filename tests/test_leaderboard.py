"""Ranks, mean ranks and rank agreement, worked out by hand."""

from __future__ import annotations

import pytest

from bench.scoring.leaderboard import agreement, mean_ranks, ranks, spearman


def test_ranks_best_first_ties_share_their_mean_unscored_unranked() -> None:
    assert ranks({"a": 0.9, "b": 0.7, "c": 0.9, "d": None, "e": 0.1}) == {
        "a": 1.5, "c": 1.5, "b": 3.0, "e": 4.0}


def test_mean_ranks_over_the_datasets_that_ranked_each() -> None:
    table = {"d1": {"a": 0.9, "b": 0.8, "c": 0.7},
             "d2": {"a": 0.5, "b": 0.6, "c": None}}
    assert mean_ranks(table) == {"a": (1.5, 2), "b": (1.5, 2), "c": (3.0, 1)}
    assert mean_ranks(table, ["d2"]) == {"b": (1.0, 1), "a": (2.0, 1)}


def test_spearman() -> None:
    same = {"a": 0.9, "b": 0.8, "c": 0.7, "d": 0.6}
    assert spearman(same, {"a": 0.5, "b": 0.4, "c": 0.3, "d": 0.2}) == pytest.approx(1.0)
    assert spearman(same, {"a": 0.2, "b": 0.3, "c": 0.4, "d": 0.5}) == pytest.approx(-1.0)
    # ranks (1, 2, 3, 4) against (2, 1, 4, 3): 1 - 6 * 4 / (4 * 15) = 0.6
    assert spearman(same, {"a": 0.8, "b": 0.9, "c": 0.6, "d": 0.7}) == pytest.approx(0.6)
    assert spearman(same, {"a": 0.8, "b": 0.9, "c": None}) is None  # two in common
    assert spearman(same, {"a": 0.5, "b": 0.5, "c": 0.5}) is None  # no order on one side


def test_agreement_is_a_symmetric_matrix() -> None:
    table = {"x": {"a": 0.9, "b": 0.8, "c": 0.7}, "y": {"a": 0.7, "b": 0.8, "c": 0.9}}
    matrix = agreement(table)
    assert matrix["x"]["x"] == pytest.approx(1.0)
    assert matrix["x"]["y"] == matrix["y"]["x"] == pytest.approx(-1.0)
