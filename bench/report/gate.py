"""What changed, for people: rich tables for the terminal and a Markdown summary for CI
(`$GITHUB_STEP_SUMMARY`, a pull-request comment), both from one GateResult. Names go into plain
rich `Text` and escaped Markdown cells, never into markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from bench.gate import ExtractorChange, GateResult, KindChange, LeakChange, PageChange, Verdict
from bench.report.markdown import cell, table
from bench.report.plain import number
from bench.report.terminal import LEAK_NOTE, LEAK_UNIT, Column, fitted

VERDICT_SCHEMA = 1

_STYLES: dict[Verdict, str] = {"worse": "bold red", "better": "green", "same": "",
                               "noise": "yellow", "inconclusive": "magenta"}
_ICONS: dict[Verdict, str] = {"worse": "🔴 worse", "better": "🟢 better", "same": "same",
                              "noise": "⚪ noise", "inconclusive": "🟡 inconclusive"}


def _delta(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.3f}"


def _counts(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def _leak_counts(pair: tuple[int, int]) -> str:
    return f"{_counts(pair)} ({LeakChange.rate(pair):.0%})"


def _extractor_cells(change: ExtractorChange) -> list[str]:
    test = change.comparison
    return [change.name, change.score, number(change.before), number(change.after),
            _delta(change.delta),
            "n/a" if test is None else f"{test.low:+.3f} to {test.high:+.3f}",
            "n/a" if test is None else f"{test.p_value:.3f}",
            "n/a" if test is None else str(test.pages)]


def _kind_cells(change: KindChange) -> list[str]:
    after = "not scored" if change.after is None else number(change.after)
    return [change.kind, change.extractor, number(change.before), after, _delta(change.delta)]


_KIND_NOTE = ("F1 per kind of element (docs/scoring.md); not scored: the run's outputs were not "
              "Markdown")


def shown_pages(result: GateResult, limit: int) -> list[PageChange]:
    """Pages that moved beyond the page tolerance, largest moves first, at most `limit`."""
    moved = [change for change in result.pages if change.verdict != "same"]
    return sorted(moved, key=lambda change: (-abs(change.delta), change.extractor,
                                             change.page))[:limit]


def failure_lines(result: GateResult, limit: int) -> list[str]:
    """The reasons to fail, at most `limit` of them and a count of the rest."""
    failures = result.failures
    rest = len(failures) - limit
    return failures[:limit] + ([f"... and {rest} more (see the tables)"] if rest > 0 else [])


def headline(result: GateResult, *, title: str = "gate", over: Sequence[str] = ()) -> str:
    """One line: passed or failed, and how many things moved which way (`over`: extractors
    over --max-failures)."""
    def count(changes: Sequence[ExtractorChange | PageChange | LeakChange | KindChange],
              verdict: Verdict) -> int:
        if changes and isinstance(changes[0], ExtractorChange):  # extractors, not scores
            return len({change.name for change in result.extractors
                        if change.verdict == verdict})
        return sum(1 for change in changes if change.verdict == verdict)

    passed = result.passed and not over
    status = ("passed" if passed else "FAILED") if title == "gate" else "compared"
    names = {change.name for change in result.extractors}
    missing = f", {len(result.missing)} missing" if result.missing else ""
    return (f"{title} {status}: {len(names)} extractor(s){missing}: "
            f"{count(result.extractors, 'worse')} worse, {count(result.extractors, 'better')} "
            f"better, {count(result.extractors, 'noise')} within noise, "
            f"{count(result.extractors, 'inconclusive')} inconclusive; pages: "
            f"{count(result.pages, 'worse')} worse, {count(result.pages, 'better')} better; "
            f"leak categories: {count(result.leaks, 'worse')} worse, "
            f"{count(result.leaks, 'better')} better"
            + (f"; structure kinds: {count(result.kinds, 'worse')} worse, "
               f"{count(result.kinds, 'better')} better" if result.kinds else "")
            + (f"; {len(over)} over --max-failures" if over else ""))


def _tolerances(result: GateResult) -> str:
    checks = result.checks
    return (f"tolerances: corpus F1 {checks.corpus}, page F1 {checks.page}, "
            f"leak rate {checks.leak}")


def _verdict_text(verdict: Verdict) -> Text:
    return Text(verdict, style=_STYLES[verdict])


def tables(result: GateResult, *, page_limit: int = 20, width: int = 160) -> list[Table]:
    """The extractor table, the structure kinds (a structure run), then (when anything moved)
    the page and leak tables; columns of lower priority move to a second table when one is
    wider than `width`."""
    title = Text("corpus scores: run against baseline")
    caption = Text(f"{_tolerances(result)}; Δ CI and p from a paired test over the pages "
                   "both scored")
    columns = [Column("extractor", "left"), Column("score", "left"), Column("before"),
               Column("after"), Column("Δ"), Column("verdict", "left"),
               Column("Δ 95% CI", second=True), Column("p", second=True),
               Column("pages", second=True)]
    rows = []
    for change in result.extractors:
        cells = _extractor_cells(change)
        rows.append([*(Text(value) for value in cells[:5]), _verdict_text(change.verdict),
                     *(Text(value) for value in cells[5:])])
    out = fitted(title, columns, rows, width=width, caption=caption)
    if result.kinds:
        kind_columns = [Column("kind", "left"), Column("extractor", "left"), Column("before"),
                        Column("after"), Column("Δ"), Column("verdict", "left")]
        out += fitted(Text(f"structure F1 by element kind: tolerance {result.checks.corpus}"),
                      kind_columns,
                      [[*(Text(value) for value in _kind_cells(change)),
                        _verdict_text(change.verdict)] for change in result.kinds],
                      width=width, caption=Text(_KIND_NOTE))
    pages = shown_pages(result, page_limit)
    if pages:
        moved = sum(1 for change in result.pages if change.verdict != "same")
        page_columns = [Column("page", "left"), Column("extractor", "left"), Column("Δ F1"),
                        Column("verdict", "left"), Column("before", second=True),
                        Column("after", second=True)]
        out += fitted(Text(f"pages moved beyond {result.checks.page} ({len(pages)} of {moved} "
                           "shown)"), page_columns,
                      [[Text(page.page), Text(page.extractor), Text(_delta(page.delta)),
                        _verdict_text(page.verdict), Text(number(page.before)),
                        Text(number(page.after))] for page in pages], width=width)
    if result.leaks:
        leak_columns = [Column("category", "left"), Column("extractor", "left"),
                        Column("before"), Column("after"), Column("verdict", "left")]
        out += fitted(Text(f"leaks by category: {LEAK_UNIT}"), leak_columns,
                      [[Text(leak.category), Text(leak.extractor),
                        Text(_leak_counts(leak.before)), Text(_leak_counts(leak.after)),
                        _verdict_text(leak.verdict)] for leak in result.leaks], width=width,
                      caption=Text(LEAK_NOTE))
    return out


def _check(check: str, extractor: str, verdict: Verdict, reason: str | None,
           **figures: Any) -> dict[str, Any]:
    return {"check": check, "extractor": extractor, **figures, "verdict": verdict,
            "passed": verdict != "worse", "reason": reason}


def _pair(counts: tuple[int, int]) -> dict[str, Any]:
    return {"leaked": counts[0], "labeled": counts[1], "rate": LeakChange.rate(counts)}


def verdict_document(result: GateResult, *, exit_status: int, title: str = "gate",
                     extra_failures: Sequence[str] = ()) -> dict[str, Any]:
    """The gate's verdict as JSON (README.md, Machine-readable output): every check with its
    figures, verdict and reason, the failures, notes and the exit status."""
    checks: list[dict[str, Any]] = [
        {"check": "present", "extractor": gone.name, "verdict": "missing",
         "passed": result.allow_missing, "reason": gone.reason} for gone in result.missing]
    for change in result.extractors:
        test = change.comparison
        checks.append(_check(
            "corpus", change.name, change.verdict,
            None if change.verdict == "same" else f"corpus {change.score} "
            f"{_delta(change.delta)}, tolerance {result.checks.corpus}",
            score=change.score, before=change.before, after=change.after, delta=change.delta,
            tolerance=str(result.checks.corpus), test=None if test is None else test.to_dict()))
    checks += [_check("page", page.extractor, page.verdict,
                      f"page F1 {_delta(page.delta)}, tolerance {result.checks.page}",
                      page=page.page, before=page.before, after=page.after, delta=page.delta,
                      tolerance=str(result.checks.page)) for page in result.pages]
    checks += [_check("leak", leak.extractor, leak.verdict,
                      f"{leak.category}: pages leaked {_counts(leak.before)} → "
                      f"{_counts(leak.after)}, tolerance {result.checks.leak}",
                      category=leak.category, unit="pages leaked / pages labeled",
                      before=_pair(leak.before), after=_pair(leak.after),
                      snippets_before=_pair(leak.snippets_before),
                      snippets_after=_pair(leak.snippets_after),
                      tolerance=str(result.checks.leak)) for leak in result.leaks]
    checks += [_check("kind", change.extractor, change.verdict,
                      None if change.verdict == "same" else f"{change.kind} F1 "
                      + ("not scored" if change.after is None else _delta(change.delta))
                      + f", tolerance {result.checks.corpus}",
                      kind=change.kind, before=change.before, after=change.after,
                      delta=change.delta, tolerance=str(result.checks.corpus))
               for change in result.kinds]
    failures = [*result.failures, *extra_failures]
    return {"schema": VERDICT_SCHEMA, "command": title, "baseline": result.before,
            "run": result.after, "signature": result.signature,
            "passed": not failures, "exit_status": exit_status,
            "scores": list(result.checks.scores), "checks": checks, "failures": failures,
            "notes": list(result.notes),
            "headline": headline(result, title=title, over=extra_failures)}


def markdown(result: GateResult, *, title: str = "gate", page_limit: int = 20) -> str:
    """The Markdown summary: verdict, failures, the tables (extractors, structure kinds,
    pages, leaks) and notes."""
    mark = "" if title != "gate" else ("✅ " if result.passed else "❌ ")
    parts = [f"## {mark}boilerbench {cell(headline(result, title=title))}\n",
             f"{cell(result.after)} against {cell(result.before)}; {cell(_tolerances(result))}."
             f"\n\nSignature: `{result.signature.replace('`', '')}`\n"]
    if result.failures:
        parts.append("### Failures\n\n" + "".join(
            f"- {cell(line)}\n" for line in failure_lines(result, page_limit)))
    parts.append("### Extractors (corpus scores, paired test over common pages)\n\n" + table(
        ["extractor", "score", "before", "after", "Δ", "Δ 95% CI", "p", "pages", "verdict"],
        [[*_extractor_cells(change), _ICONS[change.verdict]] for change in result.extractors],
        right=[False, False, *[True] * 6, False]))
    if result.kinds:
        parts.append(f"### Structure by element kind (tolerance {result.checks.corpus})\n\n"
                     f"{_KIND_NOTE}.\n\n" + table(
                         ["extractor", "kind", "before", "after", "Δ F1", "verdict"],
                         [[change.extractor, change.kind, *_kind_cells(change)[2:],
                           _ICONS[change.verdict]] for change in result.kinds],
                         right=[False, False, True, True, True, False]))
    pages = shown_pages(result, page_limit)
    if pages:
        moved = sum(1 for change in result.pages if change.verdict != "same")
        parts.append(f"### Pages moved beyond {result.checks.page} ({len(pages)} of {moved} "
                     "shown)\n\n" + table(
                         ["extractor", "page", "before", "after", "Δ F1", "verdict"],
                         [[change.extractor, change.page, number(change.before),
                           number(change.after), _delta(change.delta), _ICONS[change.verdict]]
                          for change in pages], right=[False, False, True, True, True, False]))
    if result.leaks:
        parts.append(f"### Leaks by category ({LEAK_UNIT})\n\n{LEAK_NOTE}\n\n" + table(
            ["extractor", "category", "before", "after", "verdict"],
            [[leak.extractor, leak.category, _leak_counts(leak.before),
              _leak_counts(leak.after), _ICONS[leak.verdict]] for leak in result.leaks]))
    if result.notes:
        parts.append("### Notes\n\n" + "".join(f"- {cell(note)}\n" for note in result.notes))
    return "\n".join(parts)
