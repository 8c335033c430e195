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


def first_failures(records: Iterable[PageRecord], *,
                   limit: int = FIRST_REASONS) -> dict[str, list[tuple[str, str]]]:
    """Per extractor with failures, its first `limit` distinct reasons, each with the first
    page that gave it (in page order). Only the failed records' names are kept: `records` may
    stream a run of any size, outputs and all."""
    reasons: dict[str, dict[str, str]] = {}
    failed = sorted((record["extractor"], record["page"], record["error"]) for record in records
                    if record["error"] is not None)
    for extractor, page, error in failed:
        seen = reasons.setdefault(extractor, {})
        if error not in seen and len(seen) < limit:
            seen[error] = page
    return {name: [(page, error) for error, page in seen.items()]
            for name, seen in reasons.items()}


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
