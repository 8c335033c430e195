"""What changed, for people: rich tables for the terminal and a Markdown summary for CI
(`$GITHUB_STEP_SUMMARY`, a pull-request comment), both from one GateResult. Names go into plain
rich `Text` and escaped Markdown cells, never into markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from bench.gate import ExtractorChange, GateResult, LeakChange, PageChange, Verdict
from bench.report.markdown import cell, table
from bench.report.plain import number

_STYLES: dict[Verdict, str] = {"worse": "bold red", "better": "green", "same": "",
                               "noise": "yellow"}
_ICONS: dict[Verdict, str] = {"worse": "🔴 worse", "better": "🟢 better", "same": "same",
                              "noise": "⚪ noise"}


def _delta(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.3f}"


def _leak_counts(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]} ({LeakChange.rate(pair):.0%})"


def _extractor_cells(change: ExtractorChange) -> list[str]:
    test = change.comparison
    return [change.name, number(change.before), number(change.after), _delta(change.delta),
            "n/a" if test is None else f"{test.low:+.3f} to {test.high:+.3f}",
            "n/a" if test is None else f"{test.p_value:.3f}",
            "n/a" if test is None else str(test.pages)]


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


def headline(result: GateResult, *, title: str = "gate") -> str:
    """One line: passed or failed, and how many things moved which way."""
    def count(changes: Sequence[ExtractorChange | PageChange | LeakChange],
              verdict: Verdict) -> int:
        return sum(1 for change in changes if change.verdict == verdict)

    status = ("passed" if result.passed else "FAILED") if title == "gate" else "compared"
    return (f"{title} {status}: {len(result.extractors)} extractor(s): "
            f"{count(result.extractors, 'worse')} worse, {count(result.extractors, 'better')} "
            f"better, {count(result.extractors, 'noise')} within noise; pages: "
            f"{count(result.pages, 'worse')} worse, {count(result.pages, 'better')} better; "
            f"leak categories: {count(result.leaks, 'worse')} worse, "
            f"{count(result.leaks, 'better')} better")


def _tolerances(result: GateResult) -> str:
    checks = result.checks
    return (f"tolerances: corpus F1 {checks.corpus}, page F1 {checks.page}, "
            f"leak rate {checks.leak}")


def _verdict_text(verdict: Verdict) -> Text:
    return Text(verdict, style=_STYLES[verdict])


def tables(result: GateResult, *, page_limit: int = 20) -> list[Table]:
    """The extractor table, then (when anything moved) the page and leak tables."""
    extractors = Table(title=Text(f"corpus F1: {result.after} vs {result.before}"),
                       caption=Text(f"{_tolerances(result)}; Δ CI and p from a paired test "
                                    "over the pages both scored"),
                       caption_justify="left")
    extractors.add_column("extractor", no_wrap=True)
    for header in ("before", "after", "Δ F1", "Δ 95% CI", "p", "pages"):
        extractors.add_column(header, justify="right")
    extractors.add_column("verdict")
    for change in result.extractors:
        extractors.add_row(*(Text(value) for value in _extractor_cells(change)),
                           _verdict_text(change.verdict))
    out = [extractors]
    pages = shown_pages(result, page_limit)
    if pages:
        moved = sum(1 for change in result.pages if change.verdict != "same")
        page_table = Table(title=Text(f"pages moved beyond {result.checks.page} "
                                      f"({len(pages)} of {moved} shown)"))
        for header in ("extractor", "page", "before", "after", "Δ F1", "verdict"):
            named = header in ("extractor", "page", "verdict")
            page_table.add_column(header, justify="left" if named else "right")
        for page in pages:
            page_table.add_row(Text(page.extractor), Text(page.page), Text(number(page.before)),
                               Text(number(page.after)), Text(_delta(page.delta)),
                               _verdict_text(page.verdict))
        out.append(page_table)
    if result.leaks:
        leak_table = Table(title=Text("leaked snippets by category (leaked/labeled)"))
        for header in ("extractor", "category", "before", "after", "verdict"):
            leak_table.add_column(header)
        for leak in result.leaks:
            leak_table.add_row(Text(leak.extractor), Text(leak.category),
                               Text(_leak_counts(leak.before)), Text(_leak_counts(leak.after)),
                               _verdict_text(leak.verdict))
        out.append(leak_table)
    return out


def markdown(result: GateResult, *, title: str = "gate", page_limit: int = 20) -> str:
    """The Markdown summary: verdict, failures, the three tables and notes."""
    mark = "" if title != "gate" else ("✅ " if result.passed else "❌ ")
    parts = [f"## {mark}boilerbench {cell(headline(result, title=title))}\n",
             f"{cell(result.after)} against {cell(result.before)}; {cell(_tolerances(result))}."
             f"\n\nSignature: `{result.signature.replace('`', '')}`\n"]
    if result.failures:
        parts.append("### Failures\n\n" + "".join(
            f"- {cell(line)}\n" for line in failure_lines(result, page_limit)))
    parts.append("### Extractors (corpus F1, paired test over common pages)\n\n" + table(
        ["extractor", "before", "after", "Δ F1", "Δ 95% CI", "p", "pages", "verdict"],
        [[*_extractor_cells(change), _ICONS[change.verdict]] for change in result.extractors],
        right=[False, *[True] * 6, False]))
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
        parts.append("### Leaked snippets by category\n\n" + table(
            ["extractor", "category", "before", "after", "verdict"],
            [[leak.extractor, leak.category, _leak_counts(leak.before),
              _leak_counts(leak.after), _ICONS[leak.verdict]] for leak in result.leaks]))
    if result.notes:
        parts.append("### Notes\n\n" + "".join(f"- {cell(note)}\n" for note in result.notes))
    return "\n".join(parts)
