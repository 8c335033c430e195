"""Breakdowns: corpus scores per value of a page field (language, page type, or any field of
the gold record kept in `Page.meta`, such as `hard_cases`), so that a good average cannot hide a
language or page type where an extractor fails."""

from __future__ import annotations

import statistics
import sys
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
_RECORD_FIELDS = ("language", "page_type")
"""Fields each record carries as its page has them (`bench.run.runner.page_record`)."""
_LIST_FIELDS = ("hard_cases",)
"""Fields holding a comma-separated list: a page counts in the group of each item."""


def page_values(page: Page, field: str) -> list[str]:
    """The page's group labels for `field` (one, several for a list field, MISSING if none)."""
    return _labels(getattr(page, field) if field in _PAGE_FIELDS else page.meta.get(field),
                   field)


def _labels(value: object, field: str) -> list[str]:
    if value in (None, ""):
        return [MISSING]
    return str(value).split(",") if field in _LIST_FIELDS else [str(value)]


def known_fields(dataset: Dataset) -> list[str]:
    """The fields a breakdown can use on this dataset."""
    return _known(meta for page in dataset for meta in page.meta)


def _known(meta_keys: Iterable[str]) -> list[str]:
    return [*_PAGE_FIELDS, *sorted(set(meta_keys))]


def check_fields(dataset: Dataset, names: Sequence[str]) -> None:
    """Raise unless a breakdown can use each of `names` on this dataset (before anything
    runs; one pass over the dataset when some name is not a page attribute, whatever their
    number)."""
    if any(name not in _PAGE_FIELDS for name in names):
        _check(names, known_fields(dataset))


def _check(names: Sequence[str], known: Sequence[str]) -> None:
    for name in names:
        if name not in known:
            page_attributes = {f.name for f in fields(Page)}
            hint = " (a Page attribute, not a groupable field)" if name in page_attributes else ""
            raise BenchError(f"--by {name!r}: no such field{hint}; known: {', '.join(known)}")


def breakdowns(dataset: Dataset, records: Iterable[PageRecord], metric: Metric,
               names: Sequence[str]) -> dict[str, list[BreakdownRow]]:
    """For each field of `names`, one row per (value, extractor): the value, the extractor
    and its scores summary, values sorted, extractors in the order of their first record.
    One pass over the records, their numbers counted per group (`Tally`), pages in page
    order. Language and page type are read off each record; any other field's values are
    taken in one pass over the dataset and held per page (the only memory here that grows
    with the pages)."""
    on_records = [name for name in names if name in _RECORD_FIELDS]
    from_pages = [name for name in names if name not in _RECORD_FIELDS]
    values: dict[str, tuple[tuple[str, ...], ...]] = {}
    if from_pages:
        meta_keys: set[str] = set()
        for page in dataset:
            meta_keys.update(page.meta)
            values[page.id] = tuple(tuple(map(sys.intern, page_values(page, name)))
                                    for name in from_pages)
        _check(names, _known(meta_keys))
    groups: dict[str, dict[tuple[str, str], Tally]] = {name: {} for name in names}
    order: dict[str, None] = {}
    for record in records:
        extractor = record["extractor"]
        order.setdefault(extractor)
        labels: list[tuple[str, Sequence[str]]] = [
            (name, _labels(record.get(name), name)) for name in on_records]
        if from_pages:
            labels += zip(from_pages, values.get(record["page"], ()), strict=False)
        for name, page_labels in labels:
            for value in page_labels:
                groups[name].setdefault((value, extractor), Tally()).add(record)
    extractors = list(order)
    return {name: [{"value": value, "extractor": extractor, "pages": len(group),
                    **group.scores(metric)}
                   for (value, extractor), group in sorted(
                       by_value.items(), key=lambda item: (item[0][0],
                                                           extractors.index(item[0][1])))]
            for name, by_value in groups.items()}


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
