"""Breakdowns by page field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from bench.data.page import Dataset, Page
from bench.errors import BenchError
from bench.gold.format import load_gold
from bench.scoring.breakdown import MISSING, breakdowns, page_values
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
            rows.append({"page": page.id, "extractor": name, "language": page.language,
                         "page_type": page.page_type, "leaks": None,
                         "duplication": None, "stats": list(metric.page_stats(page.body or "",
                                                                               output))})
    return rows


def test_groups_by_language_and_list_fields() -> None:
    dataset = two_page_dataset()
    # The records come once, as from a run's pages.jsonl: one pass serves every field.
    both = breakdowns(dataset, iter(records(dataset)), get_metric("token-f1"),
                      ["language", "hard_cases"])
    rows = both["language"]
    assert [(row["value"], row["extractor"], row["pages"], row["f1"]) for row in rows] == [
        ("bn", "good", 1, 1.0), ("bn", "bad", 1, 0.0), ("en", "good", 1, 1.0),
        ("en", "bad", 1, 0.0)]
    by_case = both["hard_cases"]
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
        breakdowns(dataset, [], get_metric("token-f1"), ["language", "body"])


class _Unread(Sequence[Page]):
    """Pages that must not be read."""

    def __len__(self) -> int:
        return 2

    def __getitem__(self, index: object) -> Page:  # type: ignore[override]
        raise AssertionError("the dataset was read")


def test_language_and_page_type_are_read_off_the_records_without_a_pass_over_the_pages(
        ) -> None:
    rows = breakdowns(Dataset("toy", _Unread(), "0" * 64), iter(records(two_page_dataset())),
                      get_metric("token-f1"), ["language", "page_type"])
    assert [(row["value"], row["extractor"], row["pages"]) for row in rows["language"]] == [
        ("bn", "good", 1), ("bn", "bad", 1), ("en", "good", 1), ("en", "bad", 1)]
    assert [(row["value"], row["pages"]) for row in rows["page_type"]] == [("news", 2)] * 2
