"""Scoring prediction files: id checks, one code path with runs, parallel equals serial."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.gold.format import load_gold
from bench.run.predictions import check_ids, score_files, score_predictions
from bench.scoring.metrics import get_metric
from bench.scoring.metrics.base import GOLD_MEMORY
from tests.helpers import REFERENCE_ID


def test_scores_bundled_page_with_leaks(tmp_path: Path) -> None:
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    (page,) = dataset
    assert page.body is not None
    output = f"মন্তব্য করুন\n{page.body}\nবিজ্ঞাপন"
    row = score_predictions(dataset, {REFERENCE_ID: output}, name="sys",
                            metric=get_metric("token-f1"), diagnostics=True)
    assert row["name"] == "sys" and row["pages"] == 1
    assert row["recall"] == 1.0 and row["precision"] < 1.0
    assert row["leaks"]["comment-prompt"] == {"pages": 1, "leaked_pages": 1, "snippets": 1,
                                              "leaked_snippets": 1}
    assert row["leaks"]["advert"]["leaked_pages"] == 1
    assert row["leaks"]["trending-list"]["leaked_pages"] == 0
    assert row["duplication"] == 0.0


def test_ids_must_match(tmp_path: Path) -> None:
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    with pytest.raises(BenchError, match=r"p.json: no prediction for 1 of 1 pages of gold"):
        check_ids(dataset, {}, Path("p.json"))
    with pytest.raises(BenchError, match=r"p.json: 1 ids are not pages of gold, e.g. 'x'"):
        check_ids(dataset, {REFERENCE_ID: "", "x": ""}, Path("p.json"))


def test_parallel_equals_serial(tmp_path: Path) -> None:
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    (page,) = dataset
    paths = []
    for number, text in enumerate(["", page.body or "", "unrelated words only"]):
        paths.append(tmp_path / f"s{number}.json")
        paths[-1].write_text(json.dumps({REFERENCE_ID: {"articleBody": text}}), encoding="utf-8")
    metric = get_metric("aeb")
    serial = score_files(dataset, paths, metric=metric, jobs=1)
    assert [row["name"] for row in serial] == ["s0", "s1", "s2"]
    assert [row["f1"] for row in serial] == [0.0, 1.0, 0.0]
    assert score_files(dataset, paths, metric=metric, jobs=2) == serial
    with pytest.raises(BenchError, match="--jobs must be at least 1, got 0"):
        score_files(dataset, paths, metric=metric, jobs=0)


def test_scoring_several_files_prepares_each_gold_once(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """More pages than a run's gold memory (GOLD_MEMORY), each met again in the next file."""
    dataset = load_gold()
    golds = {page.body for page in dataset}
    assert len(dataset) > GOLD_MEMORY
    paths = [tmp_path / f"s{number}.json" for number in range(3)]
    for path in paths:
        path.write_text(json.dumps({page.id: {"articleBody": "some words"} for page in dataset}),
                        encoding="utf-8")
    metric = get_metric("token-f1")
    tokenised: list[str] = []
    tokens = metric.tokens
    monkeypatch.setattr(metric, "tokens", lambda text: tokenised.append(text) or tokens(text))
    score_files(dataset, paths, metric=metric, jobs=1)
    assert sorted(text for text in tokenised if text in golds) == sorted(golds)
