"""`boilerbench list`: the extractors, installed or not."""

from __future__ import annotations

import argparse

from rich.console import Console

from bench.cli._output import add_output_options, for_people, print_document


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`list` options: only how to print."""
    add_output_options(parser, what="the extractors ([{name, installed, version, package, "
                                    "notes}])")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Print the table of extractors."""
    from bench.report.terminal import extractor_table
    from extractors import registry

    loaded, missing = registry.available()
    print_document(args, console, {"extractors": [
        *({"name": e.name, "installed": True, "version": e.version, "package": e.package,
           "notes": e.description} for e in loaded),
        *({"name": m.name, "installed": False, "version": None, "package": None,
           "notes": m.install or m.reason} for m in missing)]})
    rows = [(e.name, e.version, e.package, e.description) for e in loaded]
    rows += [(m.name, "not installed", "", m.install or m.reason) for m in missing]
    people = for_people(args, console)
    for table in extractor_table(rows, width=people.width):
        people.print(table)
    return 0
