"""Breakdowns by page field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.data.page import Dataset
from bench.errors import BenchError
from bench.gold.format import load_gold
from bench.scoring.breakdown import MISSING, breakdown, page_values
from bench.scoring.metrics import get_metric
from tests.helpers import REFERENCE_ID


def two_page_dataset() -> Dataset:
    (page,) = load_gold().select(page_ids=[REFERENCE_ID])
    english = replace(page, id="en-page", language="en", meta={**page.meta, "hard_cases": ""})
    return Dataset("toy", (page, english), "0" * 64)


def records(dataset: Dataset) -> list[dict[str, object]]:
    metric = get_metric("token-f1")
    rows = []
    for page in dataset:
        for name, output in (("good", page.body or ""), ("bad", "")):
            rows.append({"page": page.id, "extractor": name, "leaks": None,
                         "duplication": None, "stats": list(metric.page_stats(page.body or "",
                                                                               output))})
    return rows


def test_groups_by_language_and_list_fields() -> None:
    dataset = two_page_dataset()
    rows = breakdown(dataset, records(dataset), get_metric("token-f1"), "language")
    assert [(row["value"], row["extractor"], row["pages"], row["f1"]) for row in rows] == [
        ("bn", "good", 1, 1.0), ("bn", "bad", 1, 0.0), ("en", "good", 1, 1.0),
        ("en", "bad", 1, 0.0)]
    by_case = breakdown(dataset, records(dataset), get_metric("token-f1"), "hard_cases")
    case = "caption-alt-figcaption-paragraph"
    assert [row["value"] for row in by_case] == [MISSING, MISSING, case, case]


def test_page_values() -> None:
    (page,) = load_gold().select(page_ids=[REFERENCE_ID])
    assert page_values(page, "page_type") == ["news"]
    assert page_values(replace(page, meta={"hard_cases": "a,b"}), "hard_cases") == ["a", "b"]


def test_unknown_field_lists_known_ones() -> None:
    dataset = two_page_dataset()
    with pytest.raises(BenchError, match=r"--by 'body': no such field \(a Page attribute.*"
                                         r"known: language, page_type, url, encoding, "
                                         r"body_share, byline"):
        breakdown(dataset, [], get_metric("token-f1"), "body")
