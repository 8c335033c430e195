"""`boilerbench baseline update [--run RUN_DIR | run options]`: write the gate's baseline."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bench.cli._run_source import add_run_source

DEFAULT_BASELINE = Path("reports") / "baseline.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`baseline update` and its options."""
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    update = actions.add_parser("update", help="write the baseline from a run",
                                description="Write the baseline (scores per extractor, page "
                                            "and leak category, with the signature) from a "
                                            "finished run or a new one.")
    update.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE,
                        help=f"the file to write (default: {DEFAULT_BASELINE})")
    add_run_source(update)


def execute(args: argparse.Namespace, console: Console) -> int:
    """Build the baseline from the run and replace the file atomically."""
    from bench.cli._run_source import run_source
    from bench.files import write_json_atomic
    from bench.gate import baseline_of
    from bench.run.finished import Run

    run = Run.load(run_source(args, console))
    baseline = baseline_of(run)
    write_json_atomic(args.baseline, baseline)
    console.print(f"wrote {args.baseline}: {len(baseline['extractors'])} extractor(s) on "
                  f"{run.summary['dataset']['label']} from {run.directory}", markup=False,
                  highlight=False)
    return 0
