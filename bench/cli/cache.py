"""`boilerbench cache clear [--extractor NAME]`: forget cached extractor outputs."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `cache`."""
    parser.add_argument("action", choices=["clear"], help="clear: delete cached outputs")
    parser.add_argument("--extractor", "-e", action="append", default=[], metavar="NAME",
                        help="only this extractor's outputs (repeatable; default: all)")
    parser.add_argument("--cache", type=Path, default=None, metavar="PATH",
                        help="cache file (default: $BOILERBENCH_CACHE, else "
                             "$XDG_CACHE_HOME or ~/.cache, then boilerbench/outputs.sqlite)")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Clear the cache and say how many outputs went."""
    from bench.files import default_cache_path
    from bench.run.cache import OutputCache

    cache = OutputCache(args.cache or default_cache_path())
    try:
        removed = cache.clear(args.extractor)
    finally:
        cache.close()
    console.print(f"{cache.path}: {removed} cached output(s) removed", markup=False,
                  highlight=False)
    return 0
