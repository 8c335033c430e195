"""Terminal rendering of run summaries and scores (rich tables). Text from pages never goes
through rich markup: every cell is a plain `Text`, so a page cannot inject styles or links."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from bench.report.diff import Segment
from bench.report.plain import RANKING_HEADERS, extra_fields, interval, number, ranking_rows
from bench.scoring.records import (
    BreakdownRow,
    PredictionsSummary,
    ScoresSummary,
    ScoringHeader,
    Summary,
    SystemRow,
)
from bench.scoring.summary import by_f1


def _number(value: float | None, digits: int = 3) -> Text:
    return Text(number(value, digits), justify="right")


def _interval(row: ScoresSummary) -> Text:
    return Text(interval((row["ci"] or {}).get("f1")), justify="right")


def _title(summary: ScoringHeader) -> Text:
    return Text(f"boilerbench {summary['metric']} on {summary['dataset']['label']}")


def _caption(summary: ScoringHeader) -> Text:
    boot = summary["bootstrap"]
    return Text(f"{summary['signature']}\nCI: {boot['confidence']:.0%} bootstrap over pages, "
                f"{boot['resamples']} resamples, seed {boot['seed']}")


def summary_table(summary: Summary) -> Table:
    """The run table: one row per extractor, best F1 first; the signature as caption."""
    rows = by_f1(summary["extractors"])
    extra = extra_fields(rows)
    table = Table(title=_title(summary), caption=_caption(summary), caption_justify="left")
    table.add_column("extractor", no_wrap=True)
    table.add_column("version")
    for header in ("precision", "recall", "F1", "F1 95% CI", *extra, "pages", "failures",
                   "median ms", "peak MB"):
        table.add_column(header, justify="right", min_width=len(header))
    for row in rows:
        values = row["values"] or {}
        table.add_row(Text(row["name"]), Text(row["version"]), _number(row["precision"]),
                      _number(row["recall"]), _number(row["f1"]), _interval(row),
                      *(_number(values.get(key)) for key in extra), Text(str(row["pages"])),
                      Text(str(row["failures"])), _number(row["median_ms"], 1),
                      _number(row["peak_mb"], 0))
    return table


def predictions_table(summary: PredictionsSummary) -> Table:
    """`score-predictions`: one row per prediction file, best F1 first; ± is the bootstrap
    standard deviation (AEB's "±")."""
    rows = by_f1(summary["systems"])
    extra = extra_fields(rows)
    table = Table(title=_title(summary), caption=_caption(summary), caption_justify="left")
    table.add_column("system", no_wrap=True)
    for header in ("precision", "recall", "F1", "±", "F1 95% CI", *extra, "pages"):
        table.add_column(header, justify="right", min_width=len(header))
    for row in rows:
        values, std = row["values"] or {}, row["std"] or {}
        table.add_row(Text(row["name"]), _number(row["precision"]), _number(row["recall"]),
                      _number(row["f1"]), _number(std.get("f1")), _interval(row),
                      *(_number(values.get(key)) for key in extra), Text(str(row["pages"])))
    return table


def ranking_table(summary: Summary) -> Table | None:
    """Whether each extractor beats the next one down, by a paired test (None without pairs)."""
    rows = ranking_rows(summary)
    if not rows:
        return None
    table = Table(title=Text("does each extractor beat the next one? (paired test over pages)"))
    for header in RANKING_HEADERS:
        table.add_column(header, justify="left" if header in ("extractor", "next below",
                                                               "verdict") else "right")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def leaks_tables(rows: Sequence[SystemRow], *, width: int = 120) -> list[Table]:
    """Leaks by category: per extractor, on how many of the pages labeled with a category some
    snippet of it leaked; the last row is the mean duplication. As many tables as it takes to
    fit `width` columns of text (none without labeled pages)."""
    categories = sorted({category for row in rows for category in row["leaks"]})
    if not categories:
        return []
    per_table = max(1, (width - 26) // 12)
    return [_leaks_table(rows[start:start + per_table], categories)
            for start in range(0, len(rows), per_table)]


def _leaks_table(rows: Sequence[SystemRow], categories: Sequence[str]) -> Table:
    table = Table(title=Text("leaks by category (pages leaked / pages labeled)"))
    table.add_column("category", no_wrap=True)
    for row in rows:
        table.add_column(Text(row["name"]), justify="right", overflow="fold", min_width=7)
    for category in categories:
        cells = []
        for row in rows:
            counts = row["leaks"].get(category)
            cells.append(Text("" if counts is None else
                              f"{counts['leaked_pages']}/{counts['pages']}", justify="right"))
        table.add_row(Text(category), *cells)
    table.add_row(Text("duplication (% tokens)"),
                  *(_number(None if (duplication := row["duplication"]) is None
                            else 100 * duplication, 1) for row in rows))
    return table


def breakdown_table(field: str, rows: Sequence[BreakdownRow]) -> Table:
    """Scores per value of a page field: one row per value and extractor."""
    table = Table(title=Text(f"by {field}"))
    table.add_column(field, no_wrap=True)
    table.add_column("extractor", no_wrap=True)
    for header in ("pages", "precision", "recall", "F1", "F1 95% CI"):
        table.add_column(header, justify="right", min_width=len(header))
    for row in rows:
        table.add_row(Text(row["value"]), Text(row["extractor"]), Text(str(row["pages"])),
                      _number(row["precision"]), _number(row["recall"]), _number(row["f1"]),
                      _interval(row))
    return table


def extractor_table(rows: Sequence[tuple[str, str, str, str]]) -> Table:
    """`boilerbench list`: name, status (version or "not installed"), package, and notes."""
    table = Table(title=Text("extractors"))
    for header in ("name", "version", "package", "notes"):
        table.add_column(header)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


DIFF_STYLES = {"same": "", "missing": "red strike", "extra": "green underline"}
LEAK_STYLE = "black on yellow"


def diff_text(segments: Sequence[Segment]) -> Text:
    """The annotated gold-versus-output text: missing gold struck through in red, extra output
    underlined in green, leaked boilerplate on yellow after its `[category]` label."""
    text = Text()
    for segment in segments:
        if segment.category is None:
            text.append(segment.text, style=DIFF_STYLES[segment.kind])
        else:
            text.append(f"[{segment.category}] ", style="bold " + LEAK_STYLE)
            text.append(segment.text, style=LEAK_STYLE)
    return text


def diff_legend() -> Text:
    """What the styles of `diff_text` mean."""
    return Text.assemble("legend: ", ("missing from the output", DIFF_STYLES["missing"]), ", ",
                         ("extra in the output", DIFF_STYLES["extra"]), ", ",
                         ("[category] leaked boilerplate", LEAK_STYLE))

