"""`boilerbench list`: the extractors, installed or not."""

from __future__ import annotations

import argparse

from rich.console import Console


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`list` takes no arguments."""


def execute(args: argparse.Namespace, console: Console) -> int:
    """Print the table of extractors."""
    from bench.report.terminal import extractor_table
    from extractors import registry

    loaded, missing = registry.available()
    rows = [(e.name, e.version, e.package, e.description + (
        f" (also {', '.join(e.formats)}: NAME@FORMAT)" if e.formats else "")
        + ("" if e.output_format == "text" else f" (gives {e.output_format})")) for e in loaded]
    rows += [(m.name, "not installed", "", m.install or m.reason) for m in missing]
    console.print(extractor_table(rows))
    return 0
