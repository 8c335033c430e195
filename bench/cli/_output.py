"""`--json` and `--quiet`: with either, standard output holds one JSON document (or nothing)
and no table, so a script can parse it; errors still go to stderr as one line."""

from __future__ import annotations

import argparse
import io
import json
from typing import Any

from rich.console import Console


def add_output_options(parser: argparse.ArgumentParser, *, what: str) -> None:
    """--json (print `what` as one JSON document instead of tables) and --quiet."""
    parser.add_argument("--json", action="store_true",
                        help=f"print {what} as one JSON document on stdout, nothing else "
                             "(schema: README.md, Machine-readable output)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="print nothing on stdout (errors still go to stderr; the exit "
                             "status says the rest)")


def for_people(args: argparse.Namespace, console: Console) -> Console:
    """The console tables and notes go to: `console`, or a sink with --json or --quiet."""
    if getattr(args, "json", False) or getattr(args, "quiet", False):
        return Console(file=io.StringIO())
    return console


def print_document(args: argparse.Namespace, console: Console, document: Any) -> None:
    """Print `document` as JSON when --json asked for it (never wrapped or highlighted)."""
    if args.json:
        console.out(json.dumps(document, ensure_ascii=False, indent=2), highlight=False)
