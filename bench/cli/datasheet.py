"""`boilerbench datasheet [--write] [PATH]`: the gold set's counts, for its README."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `datasheet`."""
    parser.add_argument("path", type=Path, nargs="?", default=None,
                        help="gold folder (default: the bundled gold set)")
    parser.add_argument("--write", action="store_true",
                        help="rewrite the generated block of the folder's README.md")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Print the counts, or write them into README.md."""
    from bench.files import read_text, write_text_atomic
    from bench.gold.datasheet import datasheet_block, replace_block
    from bench.gold.format import bundled_gold_dir, load_gold

    folder = args.path or bundled_gold_dir()
    block = datasheet_block(load_gold(folder))
    if not args.write:
        console.print(block, markup=False, highlight=False, soft_wrap=True)
        return 0
    readme = Path(folder) / "README.md"
    write_text_atomic(readme, replace_block(read_text(readme), block, path=readme))
    console.print(f"updated {readme}", markup=False, highlight=False)
    return 0
