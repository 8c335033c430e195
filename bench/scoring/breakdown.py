"""Breakdowns: corpus scores per value of a page field (language, page type, or any field of
the gold record kept in `Page.meta`, such as `hard_cases`), so that a good average cannot hide a
language or page type where an extractor fails."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import fields

from bench.data.page import Dataset, Page
from bench.errors import BenchError
from bench.scoring.metrics.base import Metric
from bench.scoring.records import BreakdownRow, PageRecord
from bench.scoring.tally import Tally

MISSING = "(none)"
"""The group of pages that lack the field."""

_PAGE_FIELDS = ("language", "page_type", "url", "encoding")
_LIST_FIELDS = ("hard_cases",)
"""Fields holding a comma-separated list: a page counts in the group of each item."""


def page_values(page: Page, field: str) -> list[str]:
    """The page's group labels for `field` (one, several for a list field, MISSING if none)."""
    value = getattr(page, field) if field in _PAGE_FIELDS else page.meta.get(field)
    if value in (None, ""):
        return [MISSING]
    return str(value).split(",") if field in _LIST_FIELDS else [str(value)]


def known_fields(dataset: Dataset) -> list[str]:
    """The fields a breakdown can use on this dataset."""
    meta = {key for page in dataset for key in page.meta}
    return [*_PAGE_FIELDS, *sorted(meta)]


def check_field(dataset: Dataset, field: str) -> None:
    """Raise unless a breakdown can use `field` on this dataset (before anything runs)."""
    if field not in known_fields(dataset):
        page_attributes = {f.name for f in fields(Page)}
        hint = " (a Page attribute, not a groupable field)" if field in page_attributes else ""
        raise BenchError(f"--by {field!r}: no such field{hint}; known: "
                         f"{', '.join(known_fields(dataset))}")


def breakdown(dataset: Dataset, records: Iterable[PageRecord], metric: Metric,
              field: str) -> list[BreakdownRow]:
    """One row per (value, extractor): the value, the extractor and its scores summary, values
    sorted, extractors in the order of their first record. Records are read once, their
    numbers counted per group (`Tally`), pages in page order."""
    check_field(dataset, field)
    values = {page.id: page_values(page, field) for page in dataset}
    groups: dict[tuple[str, str], Tally] = {}
    order: dict[str, None] = {}
    for record in records:
        order.setdefault(record["extractor"])
        for value in values.get(record["page"], ()):
            groups.setdefault((value, record["extractor"]), Tally()).add(record)
    extractors = list(order)
    return [{"value": value, "extractor": extractor, "pages": len(group),
             **group.scores(metric)}
            for (value, extractor), group in sorted(
                groups.items(), key=lambda item: (item[0][0], extractors.index(item[0][1])))]


def mean_f1_by(records: Iterable[PageRecord], field: str,
               extractors: Sequence[str]) -> dict[str, dict[str, tuple[float, int]]]:
    """Mean page F1 and scored page count per value of a record field (language,
    page_type) and extractor; the value MISSING ("(none)") groups records without the field."""
    groups: dict[str, dict[str, list[float]]] = {}
    for record in records:
        if record["f1"] is None or record["extractor"] not in extractors:
            continue
        value = record.get(field)
        value = MISSING if value in (None, "") else str(value)
        groups.setdefault(value, {}).setdefault(record["extractor"], []).append(record["f1"])
    return {value: {name: (statistics.fmean(scores), len(scores))
                    for name in extractors if (scores := by_name.get(name))}
            for value, by_name in sorted(groups.items())}
