"""`boilerbench run`: every chosen extractor on every chosen page, then the score table."""

from __future__ import annotations

import argparse
import json

from rich.console import Console

from bench.cli._execution import add_execution_options, add_run_options
from bench.cli._options import add_dataset_option, add_metric_options, add_page_filters


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `run`."""
    add_dataset_option(parser)
    parser.add_argument("--extractor", "-e", action="append", default=[], metavar="NAME",
                        help="extractor to run (repeatable; default: every installed one)")
    add_page_filters(parser)
    add_metric_options(parser)
    parser.add_argument("--by", action="append", default=[], metavar="FIELD",
                        help="also score per value of a page field: language, page_type, or "
                             "any field of the gold record (repeatable)")
    add_run_options(parser, command="run", prints="the run summary")
    add_execution_options(parser)


def execute(args: argparse.Namespace, console: Console) -> int:
    """Run, write the run directory, print the table (or JSON)."""
    from bench.cli._execution import command_extractors, run_into, start_store
    from bench.cli._options import selected_dataset
    from bench.data.page import skipped_lines
    from bench.report.terminal import breakdown_table, leaks_tables, ranking_table, summary_table
    from bench.scoring.breakdown import breakdown, check_field
    from bench.scoring.metrics import get_metric
    from bench.scoring.summary import summarize
    from extractors import registry

    dataset = selected_dataset(args)
    for field in args.by:
        check_field(dataset, field)
    if args.extractor or args.extractor_cmd:
        extractors = [registry.load(name) for name in dict.fromkeys(args.extractor)]
        extractors += command_extractors(args)
    else:
        extractors, _missing = registry.available()
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset.label)
    store = start_store(args, dataset=dataset, extractors=extractors, metric=metric)
    run_dir = store.directory
    records = run_into(args, store, dataset=dataset, extractors=extractors, metric=metric)
    summary = summarize(run_id=run_dir.name, dataset=dataset, extractors=extractors,
                        records=records, metric=metric)
    if args.by:
        summary["breakdowns"] = {field: breakdown(dataset, records, metric, field)
                                 for field in args.by}
    store.write_summary(summary)
    if args.json:
        console.print_json(json.dumps(summary, ensure_ascii=False))
    else:
        console.print(summary_table(summary))
        if (ranking := ranking_table(summary)) is not None:
            console.print(ranking)
        for table in leaks_tables(summary["extractors"], width=console.width):
            console.print(table)
        for field, rows in summary.get("breakdowns", {}).items():
            console.print(breakdown_table(field, rows))
        if summary["undecodable"]:
            console.print(f"{summary['undecodable']} page(s) undecodable: no charset decodes "
                          "them cleanly (errors in pages.jsonl)", markup=False, highlight=False)
        for line in skipped_lines(dataset):
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        console.print(f"results: {run_dir}", markup=False, highlight=False)
    return 0
