"""`boilerbench report RUN_DIR [--format html|md|csv|json] [--out FILE]`: a run for people."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from bench.cli._options import add_dataset_option

FORMATS = ("html", "md", "csv", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `report`."""
    parser.add_argument("run", type=Path, metavar="RUN_DIR", help="a finished run directory")
    parser.add_argument("--format", choices=FORMATS, default="html",
                        help="html (one self-contained file), md, csv (per page) or json")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="where to write (default: RUN_DIR/report.FORMAT)")
    parser.add_argument("--pages", type=_positive, default=None, metavar="N",
                        help="html: drill down into only the N pages with the lowest mean F1 "
                             "(default: every page)")
    add_dataset_option(parser)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, got {text!r}")
    return value


def execute(args: argparse.Namespace, console: Console) -> int:
    """Render and write the report (`--out -` writes to standard output)."""
    from bench.files import write_text_atomic
    from bench.report.html import render
    from bench.report.plain import to_csv, to_json, to_markdown
    from bench.run.finished import Run, run_dataset

    run = Run.load(args.run)
    if args.format == "html":
        text = render(run, run_dataset(run, spec=args.dataset, split=args.split,
                                           dialect=args.dialect),
                      page_limit=args.pages)
    else:
        text = {"md": to_markdown, "csv": to_csv, "json": to_json}[args.format](run)
    if str(args.out) == "-":
        sys.stdout.write(text)
        return 0
    out = args.out or run.directory / f"report.{args.format}"
    write_text_atomic(out, text)
    console.print(f"wrote {out}", markup=False, highlight=False)
    return 0
