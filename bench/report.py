"""Terminal rendering of run summaries and scores (rich tables). Text from pages never goes
through rich markup: every cell is a plain `Text`, so a page cannot inject styles or links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text


def _number(value: float | None, digits: int = 3) -> Text:
    return Text("n/a" if value is None else f"{value:.{digits}f}", justify="right")


def summary_table(summary: Mapping[str, Any]) -> Table:
    """The run table: one row per extractor, best F1 first; the signature as caption."""
    dataset = summary["dataset"]
    table = Table(title=Text(f"boilerbench {summary['metric']} on {dataset['label']}"),
                  caption=Text(str(summary["signature"])), caption_justify="left")
    table.add_column("extractor", no_wrap=True)
    table.add_column("version")
    for header in ("precision", "recall", "F1", "pages", "failures", "median ms", "peak MB"):
        table.add_column(header, justify="right", min_width=len(header))
    rows: Sequence[Mapping[str, Any]] = sorted(
        summary["extractors"], key=lambda row: -1.0 if row["f1"] is None else -row["f1"])
    for row in rows:
        table.add_row(Text(row["name"]), Text(row["version"]), _number(row["precision"]),
                      _number(row["recall"]), _number(row["f1"]), Text(str(row["pages"])),
                      Text(str(row["failures"])), _number(row["median_ms"], 1),
                      _number(row.get("peak_mb"), 0))
    return table


def extractor_table(rows: Sequence[tuple[str, str, str, str]]) -> Table:
    """`boilerbench list`: name, status (version or "not installed"), package, and notes."""
    table = Table(title=Text("extractors"))
    for header in ("name", "version", "package", "notes"):
        table.add_column(header)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table
