"""`boilerbench gate [--run RUN_DIR | run options]`: fail (exit 1) on a real regression
against the baseline; exit 0 with a short summary otherwise."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rich.console import Console

from bench.cli._run_source import add_run_source
from bench.cli.baseline import DEFAULT_BASELINE
from bench.errors import BenchError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `gate`."""
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE,
                        help=f"the baseline to compare with (default: {DEFAULT_BASELINE})")
    parser.add_argument("--tolerance", default="0.01", metavar="TOL",
                        help="largest corpus F1 drop allowed, absolute (0.01) or a share of "
                             "the baseline (2%%); a larger drop fails only when the paired "
                             "test says it is real (default: 0.01)")
    parser.add_argument("--page-tolerance", default="0.05", metavar="TOL",
                        help="largest F1 drop allowed on any single page (default: 0.05)")
    parser.add_argument("--leak-tolerance", default="0", metavar="TOL",
                        help="largest rise allowed in a category's share of leaked snippets "
                             "(default: 0)")
    parser.add_argument("--markdown", type=Path, default=None, metavar="FILE",
                        help="also write the Markdown summary here (it is appended to "
                             "$GITHUB_STEP_SUMMARY whenever that is set)")
    parser.add_argument("--page-limit", type=int, default=20, metavar="N",
                        help="show at most N moved pages (default: 20)")
    add_run_source(parser)


def write_markdown(text: str, path: Path | None) -> None:
    """Write the summary to `path`, and append it to $GITHUB_STEP_SUMMARY when set."""
    from bench.files import write_text_atomic

    if path is not None:
        write_text_atomic(path, text)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        try:
            with open(step_summary, "a", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as error:
            raise BenchError(f"$GITHUB_STEP_SUMMARY {step_summary}: cannot append: "
                             f"{error.strerror}") from None


def execute(args: argparse.Namespace, console: Console) -> int:
    """Compare the run with the baseline, print what changed, and return 1 on a regression."""
    from bench.cli._options import page_limit
    from bench.cli._run_source import run_source
    from bench.files import read_json_object
    from bench.gate import Checks, baseline_of, check_baseline, gate
    from bench.report.gate import failure_lines, headline, markdown, tables
    from bench.run.finished import Run

    limit = page_limit(args)
    checks = Checks.parse(corpus=args.tolerance, page=args.page_tolerance,
                          leak=args.leak_tolerance)
    baseline = check_baseline(read_json_object(args.baseline), str(args.baseline))
    run = Run.load(run_source(args, console))
    result = gate(baseline, baseline_of(run), checks=checks, before_name=str(args.baseline),
                  after_name=str(run.directory))
    for table in tables(result, page_limit=limit):
        console.print(table)
    console.print(f"signature: {result.signature}", markup=False, highlight=False,
                  soft_wrap=True)
    for line in [*result.notes, *failure_lines(result, limit)]:
        console.print(line, markup=False, highlight=False)
    console.print(headline(result), markup=False, highlight=False)
    write_markdown(markdown(result, page_limit=limit), args.markdown)
    return 0 if result.passed else 1
