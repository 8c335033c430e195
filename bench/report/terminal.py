"""Terminal rendering of run summaries and scores (rich tables). Text from pages never goes
through rich markup: every cell is a plain `Text`, so a page cannot inject styles or links.

Tables are readable at 80 columns: numbers and ids are never cropped (a column is never
narrower than its widest cell; headers wrap instead), and when a table is wider than the
terminal its lower-priority columns move to a second table keyed by the same first column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.table import Table
from rich.text import Text

from bench.report.diff import Segment
from bench.report.plain import (
    RANKING_HEADERS,
    extra_fields,
    interval,
    kind_rows,
    number,
    ranking_rows,
)
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
    return Text(f"CI: {boot['confidence']:.0%} bootstrap over pages, "
                f"{boot['resamples']} resamples, seed {boot['seed']}")


@dataclass(frozen=True)
class Column:
    """A column of a table that may be split: `second` columns go to the second table."""

    header: str
    justify: Literal["left", "right"] = "right"
    second: bool = False
    words: bool = False
    """Text that may wrap between words (a verdict, notes); other cells never wrap."""


def _packed(widths: Sequence[int], groups: Sequence[Sequence[int]], width: int
            ) -> list[list[int]]:
    """Column indexes per table: column 0 in each, then each group's columns in order, as
    many per table as fit in `width` (each group starts a table of its own)."""
    parts: list[list[int]] = []
    for group in groups:
        part: list[int] = [0]
        for index in group:
            used = sum(widths[i] + 3 for i in part) + 1
            if len(part) > 1 and used + widths[index] + 3 > width:
                parts.append(part)
                part = [0]
            part.append(index)
        if len(part) > 1:
            parts.append(part)
    return parts or [[0]]


def fitted(title: Text, columns: Sequence[Column], rows: Iterable[Sequence[Text]], *,
           width: int, caption: Text | None = None) -> list[Table]:
    """One table, or more when it is wider than `width`: the first column (the row's name) in
    each, the main columns first, the `second` ones after them. No column is narrower than
    its widest cell (its longest word for text that may wrap)."""
    cells = [list(row) for row in rows]
    full = [max([len(column.header), *(row[index].cell_len for row in cells)])
            for index, column in enumerate(columns)]
    least = [max([max(map(len, column.header.split()), default=0),
                  *((max(map(len, row[index].plain.split()), default=0) if column.words
                     else row[index].cell_len) for row in cells)])
             for index, column in enumerate(columns)]
    if sum(full) + 3 * len(columns) + 1 <= width:
        parts = [list(range(len(columns)))]
    else:
        parts = _packed(least, [[i for i, c in enumerate(columns) if i and not c.second],
                                [i for i, c in enumerate(columns) if i and c.second]], width)
    tables = []
    for position, part in enumerate(parts):
        table = Table(title=title if position == 0 else Text(f"{title.plain} (continued)"),
                      caption=caption if position == 0 else None, caption_justify="left")
        # A part too wide at its cells' full width gets fixed widths (rich's own shrinking
        # can crop): each column as narrow as its least, headers wrapped.
        tight = sum(full[index] + 3 for index in part) + 1 > width
        for index in part:
            column = columns[index]
            table.add_column(column.header, justify=column.justify, overflow="fold",
                             min_width=least[index] or None,
                             width=least[index] if tight else None)
        for row in cells:
            table.add_row(*(row[index] for index in part))
        tables.append(table)
    return tables


_RUN_COLUMNS = (Column("extractor", "left"), Column("precision"), Column("recall"),
                Column("F1"), Column("F1 95% CI"))
_RUN_TAIL = (Column("pages", second=True), Column("failures", second=True),
             Column("version", "left", second=True), Column("median ms", second=True),
             Column("peak MB", second=True))


def summary_tables(summary: Summary, *, width: int) -> list[Table]:
    """The run table: one row per extractor, best F1 first; version, the metric's extra
    values, time and memory move to a second table when it is wider than `width`."""
    rows = by_f1(summary["extractors"])
    extra = extra_fields(rows)
    columns = [*_RUN_COLUMNS, *(Column(key, second=True) for key in extra), *_RUN_TAIL]
    cells = []
    for row in rows:
        values = row["values"] or {}
        cells.append([Text(row["name"]), _number(row["precision"]), _number(row["recall"]),
                      _number(row["f1"]), _interval(row),
                      *(_number(values.get(key)) for key in extra), Text(str(row["pages"])),
                      Text(str(row["failures"])), Text(row["version"]),
                      _number(row["median_ms"], 1), _number(row["peak_mb"], 0)])
    return fitted(_title(summary), columns, cells, width=width, caption=_caption(summary))


def failure_lines(failures: Mapping[str, Sequence[tuple[str, str]]]) -> list[str]:
    """Under the run table: each extractor's first failure reasons (`first_failures`), with
    a page of each."""
    return [f"{name} failed: {error} (e.g. page {page})"
            for name, reasons in failures.items() for page, error in reasons]


def predictions_table(summary: PredictionsSummary, *, width: int = 160) -> list[Table]:
    """`score-predictions`: one row per prediction file, best F1 first; ± is the bootstrap
    standard deviation (AEB's "±")."""
    rows = by_f1(summary["systems"])
    extra = extra_fields(rows)
    columns = [Column("system", "left"), Column("precision"), Column("recall"), Column("F1"),
               Column("±"), Column("F1 95% CI"), *(Column(key, second=True) for key in extra),
               Column("pages", second=True)]
    cells = []
    for row in rows:
        values, std = row["values"] or {}, row["std"] or {}
        cells.append([Text(row["name"]), _number(row["precision"]), _number(row["recall"]),
                      _number(row["f1"]), _number(std.get("f1")), _interval(row),
                      *(_number(values.get(key)) for key in extra), Text(str(row["pages"]))])
    return fitted(_title(summary), columns, cells, width=width, caption=_caption(summary))


def ranking_table(summary: Summary, *, width: int = 160) -> list[Table]:
    """Whether each extractor beats the next one down, by a paired test (none without
    pairs)."""
    rows = ranking_rows(summary)
    if not rows:
        return []
    second = ("95% CI", "p", "pages")
    columns = [Column(header, "left" if header in ("extractor", "next below", "verdict")
                      else "right", second=header in second, words=header == "verdict")
               for header in RANKING_HEADERS]
    return fitted(Text("does each extractor beat the next one? (paired test over pages)"),
                  columns, [[Text(cell) for cell in row] for row in rows], width=width)


LEAK_UNIT = "pages leaked / pages labeled"
LEAK_NOTE = ("On how many of the pages labeled with a category some of its snippets reached "
             "the output; lower is better.")


def leaks_tables(rows: Sequence[SystemRow], *, width: int = 120) -> list[Table]:
    """Leaks by category: per extractor, on how many of the pages labeled with a category some
    snippet of it leaked; the last row is the mean duplication. As many tables as it takes to
    fit `width` columns of text, names whole (none without labeled pages)."""
    categories = sorted({category for row in rows for category in row["leaks"]})
    if not categories:
        return []
    widths = [len("duplication (% tokens)"), *(max(7, len(row["name"])) for row in rows)]
    parts = _packed(widths, [range(1, len(widths))], width)
    return [_leaks_table([rows[index - 1] for index in part[1:]], categories)
            for part in parts]


def _leaks_table(rows: Sequence[SystemRow], categories: Sequence[str]) -> Table:
    table = Table(title=Text(f"leaks by category ({LEAK_UNIT})"), caption=Text(LEAK_NOTE),
                  caption_justify="left")
    table.add_column("category", no_wrap=True)
    for row in rows:
        table.add_column(Text(row["name"]), justify="right", overflow="fold",
                         min_width=max(7, len(row["name"])))
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


def breakdown_table(field: str, rows: Sequence[BreakdownRow], *,
                    width: int = 160) -> list[Table]:
    """Scores per value of a page field: one row per value and extractor."""
    columns = [Column(field, "left"), Column("extractor", "left"), Column("pages"),
               Column("precision"), Column("recall"), Column("F1"),
               Column("F1 95% CI", second=True)]
    return fitted(Text(f"by {field}"), columns,
                  [[Text(row["value"]), Text(row["extractor"]), Text(str(row["pages"])),
                    _number(row["precision"]), _number(row["recall"]), _number(row["f1"]),
                    _interval(row)] for row in rows], width=width)


def extractor_table(rows: Sequence[tuple[str, str, str, str]], *,
                    width: int = 160) -> list[Table]:
    """`boilerbench list`: name, status (version or "not installed"), package, and notes (in
    a second table when they do not fit); names, the ones to type, are never cut."""
    columns = [Column("name", "left"), Column("version", "left", words=True),
               Column("package", "left", words=True),
               Column("notes", "left", second=True, words=True)]
    return fitted(Text("extractors"), columns, [[Text(cell) for cell in row] for row in rows],
                  width=width)


DIFF_STYLES = {"same": "", "missing": "red strike", "extra": "green underline"}
LEAK_STYLE = "black on yellow"


MARKS = {"same": ("", ""), "missing": ("[-", "-]"), "extra": ("{+", "+}")}
"""How a diff reads without colour (a pipe, `less`, a log): wdiff's notation."""


def diff_text(segments: Sequence[Segment], *, marks: bool = False) -> Text:
    """The annotated gold-versus-output text: missing gold struck through in red, extra output
    underlined in green, leaked boilerplate on yellow after its `[category]` label; with
    `marks`, no styles but `[-missing-]` and `{+extra+}`."""
    text = Text()
    for segment in segments:
        start, end = MARKS[segment.kind] if marks else ("", "")
        label = "" if segment.category is None else f"[{segment.category}] "
        if marks:
            text.append(f"{start}{label}{segment.text}{end}")
        elif segment.category is None:
            text.append(segment.text, style=DIFF_STYLES[segment.kind])
        else:
            text.append(label, style="bold " + LEAK_STYLE)
            text.append(segment.text, style=LEAK_STYLE)
    return text


def diff_legend(*, marks: bool = False) -> Text:
    """What the styles (or marks) of `diff_text` mean."""
    if marks:
        return Text("legend: [-missing from the output-], {+extra in the output+}, "
                    "{+[category] leaked boilerplate+}")
    return Text.assemble("legend: ", ("missing from the output", DIFF_STYLES["missing"]), ", ",
                         ("extra in the output", DIFF_STYLES["extra"]), ", ",
                         ("[category] leaked boilerplate", LEAK_STYLE))


def kinds_table(details: Mapping[str, Mapping[str, float]]) -> Table:
    """One output's structure score per element kind: counts and P/R/F1."""
    table = Table(title=Text("structure by element kind"))
    table.add_column("kind")
    for header in ("tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(header, justify="right")
    for kind, row in details.items():
        table.add_row(Text(kind), *(_number(row[key], 2) for key in ("tp", "fp", "fn")),
                      *(_number(row[key]) for key in ("precision", "recall", "f1")))
    return table


def structure_table(systems: Sequence[SystemRow]) -> Table | None:
    """Structure F1 per element kind (rows) and extractor or system (columns, best F1 first),
    precision and recall beside it; None unless the metric scores structure."""
    rows = by_f1(systems)
    kinds = kind_rows(rows)
    if not kinds:
        return None
    table = Table(title=Text("structure F1 by element kind (precision/recall)"),
                  caption=Text("gold: elements of that kind in the scored pages' gold; "
                               "n/a: the extractor's outputs were not scored (not Markdown)"),
                  caption_justify="left")
    table.add_column("kind")
    table.add_column("gold", justify="right")
    for row in rows:
        table.add_column(Text(row["name"]), justify="right")
    for kind, gold, scores in kinds:
        table.add_row(Text(kind), Text(str(gold)), *(
            Text("n/a" if score is None else f"{score[0]:.3f} ({score[1]:.2f}/{score[2]:.2f})",
                 justify="right") for score in scores))
    return table
