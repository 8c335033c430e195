"""`boilerbench suite`: the extractors on every public dataset present under the data folder,
each with its official metric and token-F1, and the leaderboard."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rich.console import Console

from bench.cli._execution import add_execution_options

DATA_ENV = "BOILERBENCH_DATA"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `suite`."""
    parser.add_argument("--extractor", "-e", action="append", default=[], metavar="NAME",
                        help="extractor to run (repeatable; default: every installed one)")
    parser.add_argument("--datasets", default="", metavar="A,B",
                        help="only these datasets of the catalogue (default: every one present)")
    parser.add_argument("--data-dir", type=Path, default=None, metavar="DIR",
                        help=f"where the fetched datasets are, one folder each (default: "
                             f"${DATA_ENV}, else ./datasets)")
    parser.add_argument("--reports-dir", type=Path, default=Path("reports"),
                        help="where the suite folder is written (default: reports)")
    parser.add_argument("--no-progress", action="store_true", help="say nothing while running")
    add_execution_options(parser)


def execute(args: argparse.Namespace, console: Console) -> int:
    """Run the suite, write its folder, print the leaderboard."""
    from bench.cli._execution import command_extractors, executor_for, output_cache
    from bench.report.leaderboard import NOTE, terminal_tables
    from bench.run.store import new_run_id
    from bench.run.suite import find_members, run_suite
    from extractors import registry

    data_dir = args.data_dir or Path(os.environ.get(DATA_ENV) or "datasets")
    names = [name.strip() for name in args.datasets.split(",") if name.strip()]
    members, missing = find_members(data_dir, names)
    if args.extractor or args.extractor_cmd:
        extractors = [registry.load(name) for name in dict.fromkeys(args.extractor)]
        extractors += command_extractors(args)
    else:
        extractors, _missing = registry.available()
    errors = Console(stderr=True)

    def say(dataset: str, metric: str, pages: int) -> None:
        if not args.no_progress:
            errors.print(f"{dataset}: {pages} pages, {metric}", markup=False, highlight=False)

    directory = args.reports_dir / f"suite-{new_run_id()}"
    cache = output_cache(args)
    try:
        suite = run_suite(members, extractors, directory=directory, executor=executor_for(args),
                          cache=cache, missing=missing, data_dir=data_dir, on_dataset=say)
    finally:
        if cache is not None:
            cache.close()
    for table in terminal_tables(suite):
        console.print(table)
    console.print(NOTE, markup=False, highlight=False, soft_wrap=True)
    for entry in suite["datasets"]:
        if entry["skipped"]:
            console.print(f"{entry['name']}: {entry['skipped']} file(s) are not pages (inputs "
                          f"without gold...); boilerbench run --dataset {entry['spec']} names "
                          "them", markup=False, highlight=False, soft_wrap=True)
    if missing:
        console.print(f"not present under {data_dir}: {', '.join(missing)}", markup=False,
                      highlight=False, soft_wrap=True)
    console.print(f"results: {directory}", markup=False, highlight=False)
    return 0
