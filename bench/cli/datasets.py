"""`boilerbench datasets`: the dataset formats, and the public datasets with where to get them;
`datasets --hash DIR` prints a folder's tree hash, the pin `fetch` checks."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bench.data.catalogue import FETCHABLE, PUBLIC, PublicDataset
from bench.data.formats import FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`--hash DIR`, else the tables."""
    parser.add_argument("--hash", type=Path, default=None, metavar="DIR",
                        help="print the tree hash of DIR (the SHA-256 over its files' SHA-256 "
                             "and paths that fetch pins) and its file count")


def _summary(format_name: str) -> str:
    """The first sentence of the format module's docstring."""
    module = importlib.import_module(FORMATS[format_name].partition(":")[0])
    doc = " ".join((module.__doc__ or "").split())
    return doc.split(". ")[0].rstrip(".")


def _fetch_hint(dataset: PublicDataset) -> str:
    """The fetch command of a fetchable dataset."""
    if dataset.sha256 is None and dataset.tree_sha256 is None and dataset.content_sha256 is None:
        return (f"boilerbench fetch {dataset.name} DEST --allow-unpinned (archive pinned to a "
                "commit, no checksum pinned yet)")
    return f"boilerbench fetch {dataset.name} DEST"


def execute(args: argparse.Namespace, console: Console) -> int:
    """Print the two tables, or the tree hash of `--hash DIR`."""
    if args.hash is not None:
        from bench.data.tree_hash import tree_hash

        tree = tree_hash(args.hash)
        console.print(f"{tree.sha256}  {tree.files} files  {args.hash}", markup=False,
                      highlight=False, soft_wrap=True)
        return 0
    formats = Table(title=Text("dataset formats (--dataset FORMAT:PATH)"))
    for header in ("format", "layout"):
        formats.add_column(header)
    for name in FORMATS:
        formats.add_row(Text(name), Text(_summary(name)))
    public = Table(title=Text("public datasets"))
    for header in ("name", "dataset", "format", "pages", "gold", "gold keeps", "metric",
                   "licence"):
        public.add_column(header)
    for dataset in PUBLIC.values():
        public.add_row(*(Text(cell) for cell in (dataset.name, dataset.title, dataset.format,
                                                  dataset.pages, dataset.gold, dataset.keeps,
                                                  dataset.metric, dataset.licence)))
    console.print(formats)
    console.print(public)
    console.print("where to get them:", markup=False, highlight=False)
    for dataset in PUBLIC.values():  # plain lines, so that URLs and commands copy whole
        console.print(f"  {dataset.name}: {dataset.source}", markup=False, highlight=False,
                      soft_wrap=True)
        if dataset.name in FETCHABLE:
            console.print(f"    {_fetch_hint(dataset)}", markup=False, highlight=False,
                          soft_wrap=True)
        elif dataset.part_of:
            console.print(f"    in boilerbench fetch {dataset.part_of} DEST", markup=False,
                          highlight=False, soft_wrap=True)
    return 0
