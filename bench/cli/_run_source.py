"""Where `gate` and `baseline update` get their run: a finished run directory (`--run`), or
a fresh run made by `boilerbench run` itself with the same options (every `run` option works,
and nothing about running is duplicated here)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bench.cli import run as run_command


def add_run_source(parser: argparse.ArgumentParser) -> None:
    """--run RUN_DIR, and every option of `run` for when it is not given."""
    parser.add_argument("--run", type=Path, default=None, metavar="RUN_DIR",
                        help="use this finished run (the run options below are then ignored)")
    run_command.add_arguments(parser)


def run_source(args: argparse.Namespace, console: Console) -> Path:
    """The run directory: `--run`, or a new run (into --resume or a new directory under
    --reports-dir) whose table is printed as `run` prints it."""
    from bench.run.store import new_run_id

    if args.run is not None:
        return Path(args.run)
    args.resume = args.resume or args.reports_dir / new_run_id()
    run_command.execute(args, console)
    return Path(args.resume)
