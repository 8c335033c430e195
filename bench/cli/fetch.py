"""`boilerbench fetch NAME DEST`: download a public dataset's pinned archive into DEST."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bench.data.catalogue import FETCHABLE, PUBLIC


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `fetch`."""
    parser.add_argument("name", choices=FETCHABLE, help="the dataset")
    parser.add_argument("dest", type=Path, metavar="DEST",
                        help="a new or empty folder to unpack it into")
    parser.add_argument("--url", default=None,
                        help="download from this mirror instead of the pinned URL")
    parser.add_argument("--sha256", default=None, metavar="HEX",
                        help="expected SHA-256 of the archive (default: the pinned one)")
    parser.add_argument("--allow-unpinned", action="store_true",
                        help="download even when nothing is pinned to check it against "
                             "(a mirror of a new dataset), and print the hashes to pin")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Download, check, unpack, and say what arrived and how to use it."""
    from bench.data.fetch import fetch

    errors = Console(stderr=True)
    fetched = fetch(args.name, args.dest, url=args.url, sha256=args.sha256,
                    allow_unpinned=args.allow_unpinned, console=errors, quiet=args.no_progress)
    for line in (
        f"{fetched.pages} pages ({fetched.files} files) in {args.dest}; use: boilerbench run "
        f"--dataset {PUBLIC[args.name].format}:{args.dest}",
        f"archive SHA-256: {fetched.archive_sha256} {_checked(fetched.archive_checked)}",
        f"tree hash:       {fetched.tree_sha256} {_checked(fetched.tree_checked)}",
        f"content hash:    {fetched.content_sha256} {_checked(fetched.content_checked)}",
    ):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    if not (fetched.archive_checked or fetched.tree_checked or fetched.content_checked):
        errors.print(f"warning: nothing was pinned to check this download against; once you "
                     f"trust it, pin the hashes above for {args.name!r} in "
                     "bench/data/catalogue.py", markup=False, highlight=False, soft_wrap=True)
    return 0


def _checked(checked: bool) -> str:
    return "(checked)" if checked else "(not checked)"
