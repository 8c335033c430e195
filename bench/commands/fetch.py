"""`boilerbench fetch NAME DEST`: download a public dataset's pinned archive into DEST."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bench.datasets.public import FETCHABLE, PUBLIC


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `fetch`."""
    parser.add_argument("name", choices=FETCHABLE, help="the dataset")
    parser.add_argument("dest", type=Path, metavar="DEST",
                        help="a new or empty folder to unpack it into")
    parser.add_argument("--url", default=None,
                        help="download from this mirror instead of the pinned URL")
    parser.add_argument("--sha256", default=None, metavar="HEX",
                        help="expected SHA-256 of the archive (default: the pinned one)")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Download, check, unpack, and say how to use the result."""
    from bench.fetch import fetch

    files = fetch(args.name, args.dest, url=args.url, sha256=args.sha256,
                  console=Console(stderr=True), quiet=args.no_progress)
    console.print(f"{files} files in {args.dest}; use: boilerbench run --dataset "
                  f"{PUBLIC[args.name].format}:{args.dest}", markup=False, highlight=False)
    return 0
