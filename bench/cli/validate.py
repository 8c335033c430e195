"""`boilerbench validate [PATH]`: every problem of every gold record, with file and field."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bench.cli._output import add_output_options, for_people, print_document


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `validate`."""
    parser.add_argument("path", type=Path, nargs="?", default=None,
                        help="gold folder or record (default: the bundled gold set)")
    add_output_options(parser, what="the problems ({checked, problems: [...]})")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Print each problem; exit 1 if there is any."""
    from bench.gold.validate import validate_gold

    problems, checked = validate_gold(args.path)
    print_document(args, console, {"checked": checked, "problems": problems,
                                   "exit_status": 1 if problems else 0})
    people = for_people(args, console)
    for problem in problems:
        people.print(problem, markup=False, highlight=False, soft_wrap=True)
    people.print(f"{checked} page(s) checked, {len(problems)} problem(s)", markup=False,
                 highlight=False)
    return 1 if problems else 0
