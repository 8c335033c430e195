"""`boilerbench compare RUN_A RUN_B`: what changed from one run to the other."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from bench.cli._output import add_output_options

if TYPE_CHECKING:
    from bench.gate import GateResult


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `compare`."""
    parser.add_argument("before", type=Path, metavar="RUN_A", help="the earlier run directory")
    parser.add_argument("after", type=Path, metavar="RUN_B", help="the later run directory")
    parser.add_argument("--page-limit", type=int, default=15, metavar="N",
                        help="show the N pages that changed most (default: 15)")
    parser.add_argument("--markdown", type=Path, default=None, metavar="FILE",
                        help="also write the comparison as Markdown")
    add_output_options(parser, what="the comparison (the gate's verdict document)")


def print_result(console: Console, result: GateResult, *, page_limit: int,
                 lines: list[str], headline: str) -> None:
    """What `compare` and `gate` print: the two sides, the tables, the signature, `lines`
    (notes, failures) and the headline."""
    from bench.report.gate import tables

    console.print(f"{result.after} against {result.before}", markup=False, highlight=False,
                  soft_wrap=True)
    for table in tables(result, page_limit=page_limit, width=console.width):
        console.print(table)
    console.print(f"signature: {result.signature}", markup=False, highlight=False,
                  soft_wrap=True)
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    console.print(headline, markup=False, highlight=False)


def execute(args: argparse.Namespace, console: Console) -> int:
    """Per extractor: F1 before and after with the paired test; then the pages and leak
    categories that moved most."""
    from bench.cli._options import page_limit
    from bench.cli._output import for_people, print_document
    from bench.files import write_text_atomic
    from bench.gate import EXACT, baseline_of, gate
    from bench.report.gate import headline, markdown, verdict_document
    from bench.run.finished import Run

    limit = page_limit(args)
    before, after = Run.load(args.before), Run.load(args.after)
    result = gate(baseline_of(before), baseline_of(after), checks=EXACT,
                  before_name=str(before.directory), after_name=str(after.directory),
                  allow_missing=True)
    print_document(args, console, verdict_document(result, exit_status=0, title="compare"))
    print_result(for_people(args, console), result, page_limit=limit, lines=list(result.notes),
                 headline=headline(result, title="compare"))
    if args.markdown is not None:
        write_text_atomic(args.markdown,
                          markdown(result, title="compare", page_limit=limit))
    return 0
