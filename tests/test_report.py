"""Terminal rendering: the diff as styled rich Text, page text never read as markup."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bench.gold.format import load_gold
from bench.report.diff import Segment
from bench.report.terminal import diff_text, summary_tables
from bench.run.finished import Run
from tests.helpers import REFERENCE_ID, answering, write_run


def test_diff_text_styles_each_kind_and_keeps_markup_literal() -> None:
    text = diff_text([Segment("[bold]kept[/bold] ", "same"), Segment("gone ", "missing"),
                      Segment("added\n", "extra"), Segment("Share", "extra", "share-bar")])
    assert text.plain == "[bold]kept[/bold] gone added\n[share-bar] Share"
    styles = [(text.plain[span.start:span.end], str(span.style)) for span in text.spans]
    assert styles == [("gone ", "red strike"), ("added\n", "green underline"),
                      ("[share-bar] ", "bold black on yellow"), ("Share", "black on yellow")]


def test_diff_text_marks_kinds_when_there_is_no_colour() -> None:
    text = diff_text([Segment("kept ", "same"), Segment("gone ", "missing"),
                      Segment("added\n", "extra"), Segment("Share", "extra", "share-bar")],
                     marks=True)
    assert text.plain == "kept [-gone -]{+added\n+}{+[share-bar] Share+}"
    assert not text.spans


def test_the_run_table_at_80_columns_crops_nothing(tmp_path: Path) -> None:
    """Names, versions and numbers whole: what does not fit moves to a second table."""
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    run = Run.load(write_run(tmp_path / "run", dataset, [
        answering(dataset, "a-rather-long-extractor-name"),
        answering(dataset, "returns-nothing", lambda _page: "")]))
    summary = run.summary
    summary["dataset"]["label"] = "gold-1p-0123456789ab"
    for row in summary["extractors"]:
        row["median_ms"], row["peak_mb"], row["version"] = 12.5, 81.0, "2026.11.19"
    console = Console(width=80, color_system=None, record=True, file=io.StringIO())
    for table in summary_tables(summary, width=console.width):
        console.print(table)
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines())
    assert text + "\n" == """\
               boilerbench token-f1 on gold-1p-0123456789ab
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━┳━━━━━━━━━━━━━┓
┃ extractor                    ┃ precision ┃ recall ┃    F1 ┃   F1 95% CI ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━╇━━━━━━━━━━━━━┩
│ a-rather-long-extractor-name │     1.000 │  1.000 │ 1.000 │ 1.000–1.000 │
│ returns-nothing              │     0.000 │  0.000 │ 0.000 │ 0.000–0.000 │
└──────────────────────────────┴───────────┴────────┴───────┴─────────────┘
CI: 95% bootstrap over pages, 1000 resamples, seed 0
            boilerbench token-f1 on gold-1p-0123456789ab (continued)
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━┓
┃                              ┃       ┃          ┃            ┃ median ┃ peak ┃
┃ extractor                    ┃ pages ┃ failures ┃ version    ┃     ms ┃   MB ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━┩
│ a-rather-long-extractor-name │     1 │        0 │ 2026.11.19 │   12.5 │   81 │
│ returns-nothing              │     1 │        0 │ 2026.11.19 │   12.5 │   81 │
└──────────────────────────────┴───────┴──────────┴────────────┴────────┴──────┘
"""
