"""`boilerbench report RUN_DIR [--format html|md|csv|json] [--out FILE]`: a run for people
(in HTML, a run made by `boilerbench profile` is shown as its profile); `report SUITE_DIR`
writes a suite's leaderboard (`leaderboard.html` and `leaderboard.md`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from bench.cli._options import add_dataset_option
from bench.errors import BenchError

FORMATS = ("html", "md", "csv", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `report`."""
    parser.add_argument("run", type=Path, metavar="RUN_DIR",
                        help="a finished run directory, or a suite folder")
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
    from bench.cli.profile import PROFILE_FILE
    from bench.files import read_json_object, write_text_atomic
    from bench.report.html import render
    from bench.report.plain import to_csv, to_json, to_markdown
    from bench.report.profile import render_profile
    from bench.run.finished import Run, run_dataset
    from bench.run.suite import SUITE_FILE
    from bench.schema import checked
    from bench.scoring.profile import Profile

    if (args.run / SUITE_FILE).is_file():
        return _leaderboard(args, console)
    run = Run.load(args.run)
    profile_path = run.directory / PROFILE_FILE
    if args.format == "html" and profile_path.is_file():  # a run made by `profile`
        text = render_profile(checked(read_json_object(profile_path), Profile,
                                      str(profile_path)))
    elif args.format == "html":
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


def _leaderboard(args: argparse.Namespace, console: Console) -> int:
    """A suite folder: the leaderboard as HTML and Markdown (or the one `--format`/`--out`
    asks for)."""
    from bench.files import read_json_object, write_text_atomic
    from bench.report.leaderboard import render, to_markdown
    from bench.run.suite import SUITE_FILE

    suite = read_json_object(args.run / SUITE_FILE)
    formats = {"html": render, "md": to_markdown}
    if args.format not in formats:
        raise BenchError(f"--format {args.format}: a suite's leaderboard is html or md")
    chosen = [args.format] if args.out or args.format != "html" else list(formats)
    for name in chosen:
        text = formats[name](suite)
        if str(args.out) == "-":
            sys.stdout.write(text)
            continue
        out = args.out or args.run / f"leaderboard.{name}"
        write_text_atomic(out, text)
        console.print(f"wrote {out}", markup=False, highlight=False)
    return 0
