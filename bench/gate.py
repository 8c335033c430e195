"""The regression gate: a baseline of per-extractor scores, and what changed against it.

A baseline holds, per extractor, the corpus scores, the F1 of every page and the leak rate of
every boilerplate category (leaked snippets / labeled snippets), with the run's signature. The
gate compares a run with it and fails when an extractor's corpus F1 drops by more than the
tolerance *and* a paired test over the pages both scored says the drop is real; when one page's
F1 drops by more than the page tolerance; or when a category's leak rate rises by more than the
leak tolerance (except `repeats-body`, which follows the body). `compare` between two runs is
the same comparison with every tolerance zero. Everything here is pure: reading and writing
files is the commands' job. It reads finished runs (`bench.run`) and is rendered by
`bench.report.gate`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bench.errors import BenchError
from bench.gold.format import REPEATS_BODY
from bench.run.finished import Run
from bench.scoring.signature import Signature
from bench.scoring.stats import Comparison, compare

BASELINE_SCHEMA = 1
Verdict = Literal["worse", "better", "same", "noise"]
"""`noise`: the corpus score moved beyond the tolerance but the paired test cannot tell the
move from chance."""

_ROUNDING = 1e-9
"""A change this close to the tolerance counts as within it (0.9 - 0.85 > 0.05 in floats)."""
_COMPARED = ("metric", "tokenizer", "normalization", "dataset")
"""Signature fields that must agree; a different boilerbench version only earns a note."""


@dataclass(frozen=True)
class Tolerance:
    """How far a score may fall before it counts: an absolute amount of the score (0.01) or a
    share of the baseline value (`5%`), in the spirit of pytest-benchmark's `mean:5%`."""

    amount: float
    relative: bool = False

    @classmethod
    def parse(cls, text: str, *, option: str) -> Tolerance:
        """Read `0.01` or `5%`; anything else raises, quoting the value."""
        relative = text.strip().endswith("%")
        number = text.strip().removesuffix("%")
        try:
            amount = float(number)
        except ValueError:
            amount = math.nan
        scale = 100.0 if relative else 1.0
        if not math.isfinite(amount) or not 0 <= amount <= scale:
            hint = "" if relative else " (or a share of the baseline such as 5%)"
            raise BenchError(f"{option} {text!r}: expected a number from 0 to {scale:g}{hint}")
        return cls(amount / 100 if relative else amount, relative)

    def limit(self, baseline: float) -> float:
        """The largest change allowed from `baseline`."""
        return self.amount * baseline if self.relative else self.amount

    def __str__(self) -> str:
        return f"{self.amount * 100:g}%" if self.relative else f"{self.amount:g}"


@dataclass(frozen=True)
class Checks:
    """The gate's tolerances, parsed once at the command line."""

    corpus: Tolerance
    page: Tolerance
    leak: Tolerance

    @classmethod
    def parse(cls, *, corpus: str, page: str, leak: str) -> Checks:
        """Parse the three options."""
        return cls(Tolerance.parse(corpus, option="--tolerance"),
                   Tolerance.parse(page, option="--page-tolerance"),
                   Tolerance.parse(leak, option="--leak-tolerance"))


EXACT = Checks(Tolerance(0.0), Tolerance(0.0), Tolerance(0.0))
"""Every change counts: what `compare` uses."""


@dataclass(frozen=True)
class ExtractorChange:
    """One extractor's corpus F1 before and after, with the paired test over common pages."""

    name: str
    before: float | None
    after: float | None
    comparison: Comparison | None
    verdict: Verdict

    @property
    def delta(self) -> float | None:
        """after - before."""
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class PageChange:
    """One page's F1 for one extractor, before and after."""

    extractor: str
    page: str
    before: float
    after: float
    verdict: Verdict

    @property
    def delta(self) -> float:
        """after - before."""
        return self.after - self.before


@dataclass(frozen=True)
class LeakChange:
    """One category's leak counts for one extractor: (leaked snippets, labeled snippets)."""

    extractor: str
    category: str
    before: tuple[int, int]
    after: tuple[int, int]
    verdict: Verdict

    @staticmethod
    def rate(counts: tuple[int, int]) -> float:
        """Leaked / labeled (0 when nothing is labeled)."""
        return counts[0] / counts[1] if counts[1] else 0.0


@dataclass(frozen=True)
class GateResult:
    """Everything that changed between a baseline and a run, and the verdict."""

    before: str
    after: str
    signature: str
    checks: Checks
    extractors: tuple[ExtractorChange, ...]
    pages: tuple[PageChange, ...]
    leaks: tuple[LeakChange, ...]
    notes: tuple[str, ...]

    @property
    def failures(self) -> list[str]:
        """One line per reason to fail, empty when the gate passes."""
        lines = [f"{change.name}: corpus F1 {change.before:.3f} → {change.after:.3f}"
                 for change in self.extractors if change.verdict == "worse"]
        lines += [f"{change.extractor}: page {change.page} F1 {change.before:.3f} → "
                  f"{change.after:.3f}" for change in self.pages if change.verdict == "worse"]
        lines += [f"{change.extractor}: {change.category} leaks {_counts(change.before)} → "
                  f"{_counts(change.after)}" for change in self.leaks if change.verdict == "worse"]
        return lines

    @property
    def passed(self) -> bool:
        """Whether nothing got worse beyond its tolerance."""
        return not self.failures


def _counts(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def baseline_of(run: Run) -> dict[str, Any]:
    """The baseline a run gives: per extractor, its corpus scores and intervals, the F1 of
    every page (null where the metric does not apply) and the leak counts and rate per
    category; the run's signature and dataset say what it may be compared with."""
    extractors = {}
    for row in run.summary["extractors"]:
        leaks = {category: {"leaked": counts["leaked_snippets"], "snippets": counts["snippets"],
                            "rate": LeakChange.rate((counts["leaked_snippets"],
                                                     counts["snippets"]))}
                 for category, counts in (row.get("leaks") or {}).items()}
        extractors[row["name"]] = {
            "version": row["version"], "precision": row["precision"], "recall": row["recall"],
            "f1": row["f1"], "ci": row.get("ci"), "failures": row["failures"],
            "pages": {str(record["page"]): record["f1"] for record in run.records_of(row["name"])},
            "leaks": leaks}
    return {"schema": BASELINE_SCHEMA, "run_id": run.summary["run_id"],
            "signature": run.signature, "metric": run.summary["metric"],
            "dataset": dict(run.summary["dataset"]), "extractors": extractors}


def check_baseline(baseline: Mapping[str, Any], where: str) -> None:
    """A baseline file must have this module's schema."""
    if baseline.get("schema") != BASELINE_SCHEMA:
        raise BenchError(f"{where}: field 'schema': expected {BASELINE_SCHEMA}, got "
                         f"{baseline.get('schema')!r}")
    for field, kind in (("signature", str), ("extractors", dict)):
        if not isinstance(baseline.get(field), kind):
            raise BenchError(f"{where}: field {field!r}: missing or not a {kind.__name__}")


def comparable(before: str, after: str, *, before_name: str, after_name: str) -> list[str]:
    """Refuse two signatures that differ in what is measured (metric, tokenizer,
    normalisation, data), naming both; a tool version change is returned as a note."""
    old, new = Signature.parse(before), Signature.parse(after)
    differ = [field for field in _COMPARED if getattr(old, field) != getattr(new, field)]
    if differ:
        raise BenchError(f"{before_name} has signature {before} but {after_name} has {after}: "
                         f"they differ in {', '.join(differ)}, so their scores are not "
                         "comparable (update the baseline with: boilerbench baseline update)")
    if old.version != new.version:
        return [f"boilerbench {old.version} made {before_name}, {new.version} {after_name}"]
    return []


def _verdict(change: float, limit: float) -> Verdict:
    if change < -limit - _ROUNDING:
        return "worse"
    return "better" if change > limit + _ROUNDING else "same"


def _corpus_change(name: str, before: Mapping[str, Any], after: Mapping[str, Any],
                   tolerance: Tolerance) -> ExtractorChange:
    pages = sorted(page for page, f1 in before["pages"].items()
                   if f1 is not None and after["pages"].get(page) is not None)
    comparison = (compare([after["pages"][page] for page in pages],
                          [before["pages"][page] for page in pages]) if pages else None)
    old, new = before["f1"], after["f1"]
    verdict: Verdict = "same"
    if old is not None and new is not None:
        verdict = _verdict(new - old, tolerance.limit(old))
        real = comparison is not None and comparison.significant and (
            (comparison.delta < 0) == (verdict == "worse"))
        if verdict != "same" and not real:
            verdict = "noise"
    return ExtractorChange(name, old, new, comparison, verdict)


def _page_changes(name: str, before: Mapping[str, Any], after: Mapping[str, Any],
                  tolerance: Tolerance) -> list[PageChange]:
    changes = []
    for page, old in sorted(before["pages"].items()):
        new = after["pages"].get(page)
        if old is not None and new is not None and new != old:
            changes.append(PageChange(name, page, old, new,
                                      _verdict(new - old, tolerance.limit(old))))
    return changes


def _leak_counts(side: Mapping[str, Any], category: str) -> tuple[int, int]:
    counts = side["leaks"].get(category) or {"leaked": 0, "snippets": 0}
    return int(counts["leaked"]), int(counts["snippets"])


def _leak_changes(name: str, before: Mapping[str, Any], after: Mapping[str, Any],
                  tolerance: Tolerance) -> list[LeakChange]:
    changes = []
    # repeats-body "leaks" move with the body (an output holding the body holds them): not gated.
    for category in sorted({*before["leaks"], *after["leaks"]} - {REPEATS_BODY}):
        old, new = _leak_counts(before, category), _leak_counts(after, category)
        if old != new:
            old_rate = LeakChange.rate(old)
            # For leaks, a rise is the bad direction.
            verdict = _verdict(old_rate - LeakChange.rate(new), tolerance.limit(old_rate))
            changes.append(LeakChange(name, category, old, new, verdict))
    return changes


def gate(before: Mapping[str, Any], after: Mapping[str, Any], *, checks: Checks,
         before_name: str, after_name: str) -> GateResult:
    """Compare two baselines (the second usually made from a fresh run) under `checks`."""
    notes = comparable(before["signature"], after["signature"], before_name=before_name,
                       after_name=after_name)
    old, new = before["extractors"], after["extractors"]
    common = [name for name in new if name in old]
    if not common:
        raise BenchError(f"no extractor of {after_name} ({', '.join(new) or 'none'}) is in "
                         f"{before_name} ({', '.join(old) or 'none'})")
    notes += [f"{name}: not in {before_name}, nothing to compare" for name in new
              if name not in old]
    notes += [f"{name}: in {before_name} but not in {after_name}" for name in old
              if name not in new]
    for name in common:
        before_pages, after_pages = old[name]["pages"], new[name]["pages"]
        missing = [page for page in before_pages if page not in after_pages]
        if missing:
            notes.append(f"{name}: {len(missing)} page(s) of {before_name} missing from "
                         f"{after_name}, e.g. {missing[0]}")
        unscored = [page for page, f1 in before_pages.items()
                    if f1 is not None and page in after_pages and after_pages[page] is None]
        if unscored:
            notes.append(f"{name}: {len(unscored)} page(s) scored in {before_name} are not "
                         f"scored in {after_name}, e.g. {unscored[0]}")
    return GateResult(
        before=before_name, after=after_name, signature=after["signature"], checks=checks,
        extractors=tuple(_corpus_change(name, old[name], new[name], checks.corpus)
                         for name in common),
        pages=tuple(change for name in common
                    for change in _page_changes(name, old[name], new[name], checks.page)),
        leaks=tuple(change for name in common
                    for change in _leak_changes(name, old[name], new[name], checks.leak)),
        notes=tuple(notes))
