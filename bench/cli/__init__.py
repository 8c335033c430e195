"""Stage 7, the command line: the `boilerbench` parser, one module per command, and dispatch.

Each command module has `add_arguments(parser)` and `execute(args, console)`, and imports what
it needs inside `execute`, so that `boilerbench --help` imports neither numpy nor any
extractor. The CLI may import every stage below it; nothing below imports the CLI. Every user
error (bad option, missing file, malformed gold) ends as one line on stderr and the exit code
of its kind (`bench.errors.ExitCode`), never a traceback.
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
from bench.errors import BenchError

COMMANDS: dict[str, str] = {
    "run": "run extractors on a dataset and print the scores",
    "score": "score one output text file against a gold text file",
    "score-predictions": "score prediction files against a dataset without running extractors",
    "list": "show the extractors, their versions, and how to install missing ones",
    "validate": "check gold records against their pages",
    "add": "draft a gold record for a new page, for a person to correct",
    "datasheet": "print (or --write) the gold set's datasheet counts",
    "datasets": "list the dataset formats and the public datasets, with where to get them",
    "fetch": "download a public dataset's pinned archive, check it and unpack it",
    "cache": "manage the cache of extractor outputs (clear)",
    "baseline": "write the regression gate's baseline (reports/baseline.json) from a run",
    "gate": "compare a run with the baseline; exit 1 on a real regression",
    "compare": "show what changed between two runs (paired test per extractor, pages)",
    "suite": "run extractors on every public dataset present and print the leaderboard",
    "report": "render a run (or a suite's leaderboard) as one self-contained HTML file, or as "
              "Markdown, CSV or JSON",
    "show": "print one page's gold-versus-output diff for one extractor",
    "profile": "profile extractors on any dataset, gold or not: speed, failures, lengths, "
               "agreement",
}


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
    return importlib.import_module(f"bench.cli.{name.replace('-', '_')}")


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
        return int(error.exit_code)
