"""Failed pages: the first reasons each extractor failed, and how many failures a run may have
(`--max-failures N` or `P%`) before `run` and `gate` exit 1. Pure functions over records."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from bench.errors import BenchError
from bench.scoring.records import PageRecord

FIRST_REASONS = 3
"""Distinct reasons shown per extractor under the run table."""


class FirstFailures:
    """Counts failed records in, one at a time, keeping per extractor only the `limit` distinct
    reasons that fail first in page order (each with its first page): a run where every page
    fails holds `limit` reasons, not its failures."""

    def __init__(self, *, limit: int = FIRST_REASONS) -> None:
        self.limit = limit
        self._first: dict[str, dict[str, str]] = {}
        """Per extractor, reason -> the first page (so far) that gave it."""

    def add(self, record: PageRecord) -> None:
        """Count one record in (a clean one changes nothing)."""
        error = record["error"]
        if error is None:
            return
        page, kept = record["page"], self._first.setdefault(record["extractor"], {})
        if error in kept:
            kept[error] = min(kept[error], page)
        elif len(kept) < self.limit:
            kept[error] = page
        else:
            # The reason failing last is dropped for one failing earlier. Exact: the latest
            # first page kept only falls, so a reason dropped before never failed earlier
            # than a page it comes back with.
            last = max(kept, key=lambda reason: (kept[reason], reason))
            if (page, error) < (kept[last], last):
                del kept[last]
                kept[error] = page

    def reasons(self) -> dict[str, list[tuple[str, str]]]:
        """Per extractor with failures, its first reasons in page order, each with its page."""
        return {name: sorted(((page, error) for error, page in kept.items()))
                for name, kept in sorted(self._first.items())}


def first_failures(records: Iterable[PageRecord], *,
                   limit: int = FIRST_REASONS) -> dict[str, list[tuple[str, str]]]:
    """Per extractor with failures, its first `limit` distinct reasons, each with the first
    page that gave it (in page order), from one pass: `records` may stream a run of any size,
    outputs and all."""
    counted = FirstFailures(limit=limit)
    for record in records:
        counted.add(record)
    return counted.reasons()


@dataclass(frozen=True)
class FailureLimit:
    """The most failed pages an extractor may have: a count (`5`) or a share of its pages
    (`10%`)."""

    amount: float
    relative: bool = False

    @classmethod
    def parse(cls, text: str) -> FailureLimit:
        """Read `N` (a whole number) or `P%`; anything else raises, quoting the value."""
        relative = text.strip().endswith("%")
        number = text.strip().removesuffix("%")
        try:
            amount = float(number) if relative else int(number)
        except ValueError:
            amount = math.nan
        if not math.isfinite(amount) or amount < 0 or (relative and amount > 100):
            raise BenchError(f"--max-failures {text!r}: expected a whole number of pages (5) "
                             "or a share of them from 0% to 100% (10%)")
        return cls(amount / 100 if relative else amount, relative)

    def exceeded(self, failures: int, pages: int) -> bool:
        """Whether `failures` out of `pages` is over the limit."""
        allowed = self.amount * pages if self.relative else self.amount
        return failures > allowed + 1e-9

    def __str__(self) -> str:
        return f"{self.amount * 100:g}%" if self.relative else f"{self.amount:g}"
