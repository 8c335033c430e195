"""The regression gate: a baseline of per-extractor scores, and what changed against it.

A baseline holds, per extractor, the corpus scores, the scores of every page and the leak rate
of every boilerplate category (pages leaked / pages labeled), with the run's signature. The
gate compares a run with it and fails closed: when an extractor of the baseline is missing
from the run or failed on every page; when a checked corpus score (F1 by default) drops by more
than the tolerance *and* a paired test over the pages both scored says the drop is real; when
one page's F1 drops by more than the page tolerance; or when a category's leak rate rises by
more than the leak tolerance (except `repeats-body`, which follows the body); with `--metric
structure`, also when one kind of element's F1 (tables, headings, ...) drops by more than the
corpus tolerance or is not scored by the run, naming the kind. `compare`
between two runs is the same comparison with every tolerance zero.
Everything here is pure: reading and writing files is the commands' job. It reads finished
runs (`bench.run`) and is rendered by `bench.report.gate`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypedDict

from bench.errors import BenchError, StaleBaseline
from bench.gold.format import REPEATS_BODY
from bench.run.finished import Run
from bench.schema import checked
from bench.scoring.records import DatasetInfo
from bench.scoring.signature import Signature
from bench.scoring.stats import Comparison, compare

BASELINE_SCHEMA = 2
Verdict = Literal["worse", "better", "same", "noise", "inconclusive"]
"""`noise`: the corpus score moved beyond the tolerance but the paired test's interval holds 0;
`inconclusive`: the interval excludes 0 but the test is not significant (its p-value, or a
paired mean that moved the other way), or there are no pages to pair."""
Score = Literal["precision", "recall", "f1"]
SCORES: tuple[Score, ...] = ("precision", "recall", "f1")

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


def parse_scores(text: str) -> tuple[Score, ...]:
    """`--check f1,recall`: the corpus scores to check, each named once, in SCORES order."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SCORES]
    if unknown or not names:
        raise BenchError(f"--check {text!r}: expected a comma-separated list of "
                         f"{', '.join(SCORES)}")
    return tuple(score for score in SCORES if score in names)


@dataclass(frozen=True)
class Checks:
    """The gate's tolerances and the corpus scores it checks, parsed once at the command
    line."""

    corpus: Tolerance
    page: Tolerance
    leak: Tolerance
    scores: tuple[Score, ...] = ("f1",)

    @classmethod
    def parse(cls, *, corpus: str, page: str, leak: str, scores: str = "f1") -> Checks:
        """Parse the options."""
        return cls(Tolerance.parse(corpus, option="--tolerance"),
                   Tolerance.parse(page, option="--page-tolerance"),
                   Tolerance.parse(leak, option="--leak-tolerance"), parse_scores(scores))


EXACT = Checks(Tolerance(0.0), Tolerance(0.0), Tolerance(0.0), SCORES)
"""Every change counts: what `compare` uses."""


@dataclass(frozen=True)
class ExtractorChange:
    """One extractor's corpus score (F1, precision or recall) before and after, with the paired
    test over common pages."""

    name: str
    score: Score
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
    """One category's leak counts for one extractor: (pages leaked, pages labeled)."""

    extractor: str
    category: str
    before: tuple[int, int]
    after: tuple[int, int]
    verdict: Verdict
    snippets_before: tuple[int, int] = (0, 0)
    """(snippets leaked, snippets labeled), for the JSON verdict."""
    snippets_after: tuple[int, int] = (0, 0)

    @staticmethod
    def rate(counts: tuple[int, int]) -> float:
        """Leaked / labeled (0 when nothing is labeled)."""
        return counts[0] / counts[1] if counts[1] else 0.0


@dataclass(frozen=True)
class KindChange:
    """One kind of element's structure F1 for one extractor, before and after; `after` is
    None when the run did not score that kind (its outputs were not Markdown), which fails
    like a drop."""

    extractor: str
    kind: str
    before: float
    after: float | None
    verdict: Verdict

    @property
    def delta(self) -> float | None:
        """after - before."""
        return None if self.after is None else self.after - self.before


@dataclass(frozen=True)
class Missing:
    """An extractor of the baseline that the run does not score, and the run's reason."""

    name: str
    reason: str


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
    missing: tuple[Missing, ...] = ()
    allow_missing: bool = False
    kinds: tuple[KindChange, ...] = ()

    @property
    def failures(self) -> list[str]:
        """One line per reason to fail, empty when the gate passes."""
        lines = ([] if self.allow_missing else
                 [f"{gone.name}: in {self.before} but not scored in {self.after}: {gone.reason}"
                  for gone in self.missing])
        lines += [f"{change.name}: corpus {_LABELS[change.score]} {change.before:.3f} → "
                  f"{change.after:.3f}" for change in self.extractors if change.verdict == "worse"]
        lines += [f"{change.extractor}: page {change.page} F1 {change.before:.3f} → "
                  f"{change.after:.3f}" for change in self.pages if change.verdict == "worse"]
        lines += [f"{change.extractor}: {change.category} leaks {_counts(change.before)} → "
                  f"{_counts(change.after)}" for change in self.leaks if change.verdict == "worse"]
        lines += [f"{change.extractor}: {change.kind} lost structure, F1 {change.before:.3f} → "
                  + ("not scored" if change.after is None else f"{change.after:.3f}")
                  for change in self.kinds if change.verdict == "worse"]
        return lines

    @property
    def passed(self) -> bool:
        """Whether nothing got worse beyond its tolerance."""
        return not self.failures


class BaselineLeak(TypedDict):
    """One boilerplate category of a baseline extractor: pages leaked, pages labeled and their
    share (`rate`, what the gate checks), and the same counted in snippets."""

    leaked_pages: int
    pages: int
    rate: float | None
    leaked_snippets: int
    snippets: int


class _BaselineKinds(TypedDict, total=False):
    kinds: dict[str, float]
    """Structure runs only: F1 per kind of element the gold holds (docs/scoring.md)."""


class BaselineExtractor(_BaselineKinds):
    """One extractor of a baseline: corpus scores, page F1, precision and recall (null: not
    applicable), leaks."""

    version: str
    precision: float | None
    recall: float | None
    f1: float | None
    ci: dict[str, list[float]] | None
    failures: int
    pages: dict[str, float | None]
    page_precision: dict[str, float | None]
    page_recall: dict[str, float | None]
    leaks: dict[str, BaselineLeak]


class Baseline(TypedDict):
    """`reports/baseline.json` (docs/gate.md): what a run gives the gate to compare with."""

    schema: int
    run_id: str
    signature: str
    metric: str
    dataset: DatasetInfo
    extractors: dict[str, BaselineExtractor]


_LABELS: dict[Score, str] = {"f1": "F1", "precision": "precision", "recall": "recall"}
_PAGE_FIELDS: dict[Score, Literal["pages", "page_precision", "page_recall"]] = {
    "f1": "pages", "precision": "page_precision", "recall": "page_recall"}


def _counts(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def baseline_of(run: Run) -> Baseline:
    """The baseline a run gives: per extractor, its corpus scores and intervals, the F1 of
    every page (null where the metric does not apply) and the leak counts and rate per
    category; the run's signature and dataset say what it may be compared with."""
    extractors: dict[str, BaselineExtractor] = {}
    for row in run.summary["extractors"]:
        leaks: dict[str, BaselineLeak] = {
            category: {"leaked_pages": counts["leaked_pages"], "pages": counts["pages"],
                       "rate": LeakChange.rate((counts["leaked_pages"], counts["pages"])),
                       "leaked_snippets": counts["leaked_snippets"],
                       "snippets": counts["snippets"]}
            for category, counts in row["leaks"].items()}
        records = run.records_of(row["name"])
        extractors[row["name"]] = {
            "version": row["version"], "precision": row["precision"], "recall": row["recall"],
            "f1": row["f1"], "ci": row["ci"], "failures": row["failures"],
            "pages": {record["page"]: record["f1"] for record in records},
            "page_precision": {record["page"]: record["precision"] for record in records},
            "page_recall": {record["page"]: record["recall"] for record in records},
            "leaks": leaks}
        values = row["values"] or {}
        kinds = {key.removesuffix("_gold"): values[key.replace("_gold", "_f1")]
                 for key, gold in values.items() if key.endswith("_gold") and gold > 0}
        if kinds:
            extractors[row["name"]]["kinds"] = kinds
    return {"schema": BASELINE_SCHEMA, "run_id": run.summary["run_id"],
            "signature": run.signature, "metric": run.summary["metric"],
            "dataset": run.summary["dataset"], "extractors": extractors}


def check_baseline(data: Mapping[str, object], where: str) -> Baseline:
    """A baseline file read back, checked to have this module's schema."""
    if data.get("schema") != BASELINE_SCHEMA:
        raise StaleBaseline(f"{where}: field 'schema': expected {BASELINE_SCHEMA}, got "
                            f"{data.get('schema')!r} (a baseline of another boilerbench "
                            "version: make it again with `boilerbench baseline update` from "
                            "the commit it was made on, then compare)")
    return checked(data, Baseline, where)


def comparable(before: str, after: str, *, before_name: str, after_name: str) -> list[str]:
    """Refuse two signatures that differ in what is measured (metric, tokenizer,
    normalisation, data), naming both; a tool version change is returned as a note."""
    old, new = Signature.parse(before), Signature.parse(after)
    differ = [field for field in _COMPARED if getattr(old, field) != getattr(new, field)]
    if differ:
        raise StaleBaseline(
            f"{before_name} has signature {before} but {after_name} has {after}: they differ "
            f"in {', '.join(differ)}, so their scores are not comparable. Updating the "
            "baseline now would hide any regression: run the old commit and this one with the "
            "same options and `boilerbench compare OLD_RUN NEW_RUN` to see what really "
            "changed, then update the baseline in its own commit")
    if old.version != new.version:
        return [f"boilerbench {old.version} made {before_name}, {new.version} {after_name}"]
    return []


def _verdict(change: float, limit: float) -> Verdict:
    if change < -limit - _ROUNDING:
        return "worse"
    return "better" if change > limit + _ROUNDING else "same"


def _tested(verdict: Verdict, comparison: Comparison | None) -> Verdict:
    """A move beyond the tolerance stands when the paired test agrees; otherwise `noise` when
    its interval holds 0, `inconclusive` when it does not (or there is nothing to pair)."""
    if verdict == "same":
        return verdict
    if comparison is None:
        return "inconclusive"
    if comparison.low <= 0 <= comparison.high:
        return "noise"
    agrees = comparison.significant and (comparison.delta < 0) == (verdict == "worse")
    return verdict if agrees else "inconclusive"


def _corpus_change(name: str, score: Score, before: BaselineExtractor,
                   after: BaselineExtractor, tolerance: Tolerance) -> ExtractorChange:
    field = _PAGE_FIELDS[score]
    pairs = [(old, new) for page, old in sorted(before[field].items())
             if old is not None and (new := after[field].get(page)) is not None]
    comparison = (compare([new for _, new in pairs], [old for old, _ in pairs])
                  if pairs else None)
    old, new = before[score], after[score]
    verdict: Verdict = "same"
    if old is not None and new is not None:
        verdict = _tested(_verdict(new - old, tolerance.limit(old)), comparison)
    return ExtractorChange(name, score, old, new, comparison, verdict)


def _page_changes(name: str, before: BaselineExtractor, after: BaselineExtractor,
                  tolerance: Tolerance) -> list[PageChange]:
    changes = []
    for page, old in sorted(before["pages"].items()):
        new = after["pages"].get(page)
        if old is not None and new is not None and new != old:
            changes.append(PageChange(name, page, old, new,
                                      _verdict(new - old, tolerance.limit(old))))
    return changes


def _leak_counts(side: BaselineExtractor, category: str, *,
                 snippets: bool = False) -> tuple[int, int]:
    counts = side["leaks"].get(category)
    if counts is None:
        return (0, 0)
    return ((counts["leaked_snippets"], counts["snippets"]) if snippets
            else (counts["leaked_pages"], counts["pages"]))


def _leak_changes(name: str, before: BaselineExtractor, after: BaselineExtractor,
                  tolerance: Tolerance) -> list[LeakChange]:
    changes = []
    # repeats-body "leaks" move with the body (an output holding the body holds them): not gated.
    for category in sorted({*before["leaks"], *after["leaks"]} - {REPEATS_BODY}):
        old, new = _leak_counts(before, category), _leak_counts(after, category)
        if old != new:
            old_rate = LeakChange.rate(old)
            # For leaks, a rise is the bad direction.
            verdict = _verdict(old_rate - LeakChange.rate(new), tolerance.limit(old_rate))
            changes.append(LeakChange(
                name, category, old, new, verdict,
                _leak_counts(before, category, snippets=True),
                _leak_counts(after, category, snippets=True)))
    return changes


def _missing(old: Mapping[str, BaselineExtractor], new: Mapping[str, BaselineExtractor],
             reasons: Mapping[str, str], after_name: str) -> list[Missing]:
    """Extractors of the baseline the run has not, or that failed on every page it ran."""
    missing = []
    for name in old:
        if name not in new:
            missing.append(Missing(name, reasons.get(name, f"{after_name} did not run it")))
        elif new[name]["pages"] and new[name]["failures"] >= len(new[name]["pages"]):
            why = f"every page failed ({new[name]['failures']})"
            missing.append(Missing(name, why + (f": {reasons[name]}" if name in reasons
                                                else "")))
    return missing


def _kind_changes(name: str, before: BaselineExtractor, after: BaselineExtractor,
                  tolerance: Tolerance) -> list[KindChange]:
    """Every kind the baseline scored, changed or not: each is a check of its own."""
    old, new = before.get("kinds", {}), after.get("kinds", {})
    return [KindChange(name, kind, old[kind], new.get(kind),
                       "worse" if kind not in new else
                       _verdict(new[kind] - old[kind], tolerance.limit(old[kind])))
            for kind in old]


def gate(before: Baseline, after: Baseline, *, checks: Checks, before_name: str,
         after_name: str, reasons: Mapping[str, str] | None = None,
         allow_missing: bool = False) -> GateResult:
    """Compare two baselines (the second usually made from a fresh run) under `checks`.
    `reasons` say why an extractor did not run or failed (not installed, its first error):
    a baseline extractor without scores in `after` fails the gate unless `allow_missing`."""
    notes = comparable(before["signature"], after["signature"], before_name=before_name,
                       after_name=after_name)
    old, new = before["extractors"], after["extractors"]
    missing = _missing(old, new, reasons or {}, after_name)
    gone = {entry.name for entry in missing}
    common = [name for name in new if name in old and name not in gone]
    if not common and (allow_missing or not missing):
        raise BenchError(f"no extractor of {after_name} ({', '.join(new) or 'none'}) is in "
                         f"{before_name} ({', '.join(old) or 'none'})")
    notes += [f"{name}: not in {before_name}, nothing to compare" for name in new
              if name not in old]
    if allow_missing:
        notes += [f"{entry.name}: not scored in {after_name} ({entry.reason}), allowed by "
                  "--allow-missing" for entry in missing]
    for name in common:
        before_pages, after_pages = old[name]["pages"], new[name]["pages"]
        lost = [page for page in before_pages if page not in after_pages]
        if lost:
            notes.append(f"{name}: {len(lost)} page(s) of {before_name} missing from "
                         f"{after_name}, e.g. {lost[0]}")
        unscored = [page for page, f1 in before_pages.items()
                    if f1 is not None and page in after_pages and after_pages[page] is None]
        if unscored:
            notes.append(f"{name}: {len(unscored)} page(s) scored in {before_name} are not "
                         f"scored in {after_name}, e.g. {unscored[0]}")
    return GateResult(
        before=before_name, after=after_name, signature=after["signature"], checks=checks,
        extractors=tuple(_corpus_change(name, score, old[name], new[name], checks.corpus)
                         for name in common for score in checks.scores),
        pages=tuple(change for name in common
                    for change in _page_changes(name, old[name], new[name], checks.page)),
        leaks=tuple(change for name in common
                    for change in _leak_changes(name, old[name], new[name], checks.leak)),
        notes=tuple(notes), missing=tuple(missing), allow_missing=allow_missing,
        kinds=tuple(change for name in common
                    for change in _kind_changes(name, old[name], new[name], checks.corpus)))
