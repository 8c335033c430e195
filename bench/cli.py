"""The `boilerbench` command line: builds the parser from `bench.commands` and dispatches.

Every user error (bad option, missing file, malformed gold) ends as one line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from rich.console import Console

from bench import __version__
from bench.commands import COMMANDS
from bench.errors import BenchError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerbench", description="Benchmark main-content extractors on labeled pages.")
    parser.add_argument("--version", action="version", version=f"boilerbench {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        command = subparsers.add_parser(name, help=help_text, description=help_text)
        _module(name).add_arguments(command)
    return parser


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"bench.commands.{name.replace('-', '_')}")


def _console() -> Console:
    # Logs and pipes get 160 columns (rich's default of 80 crops the score table).
    if sys.stdout.isatty() or "COLUMNS" in os.environ:
        return Console()
    return Console(width=160)


def main(argv: Sequence[str] | None = None, *, console: Console | None = None) -> int:
    """Run the command line and return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(_module(args.command).execute(args, console or _console()))
    except BenchError as error:
        print(f"boilerbench: error: {error}", file=sys.stderr)
        return 2
