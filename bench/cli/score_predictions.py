"""`boilerbench score-predictions --dataset FORMAT:PATH PREDICTIONS...`: score prediction files
(AEB's `output/<system>.json` shape) against a dataset's gold, without running extractors."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bench.cli._options import add_dataset_option, add_metric_options
from bench.cli._output import add_output_options, for_people, print_document


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `score-predictions`."""
    add_dataset_option(parser)
    parser.add_argument("predictions", type=Path, nargs="+", metavar="PREDICTIONS.json",
                        help="prediction files, {id: {\"articleBody\": text}}; the file name "
                             "(without .json) names the system")
    add_metric_options(parser)
    parser.add_argument("--leaks", action="store_true",
                        help="also report leaks of labeled boilerplate and duplication")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="prediction files scored in parallel (default: the number of "
                             "cores)")
    add_output_options(parser, what="the summary")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Score every file and print one table (or JSON)."""
    from bench.data.formats import load_dataset
    from bench.report.terminal import leaks_tables, predictions_table
    from bench.run.predictions import score_files
    from bench.run.workers import default_jobs
    from bench.scoring.metrics import get_metric
    from bench.scoring.records import PredictionsSummary
    from bench.scoring.summary import scoring_header

    dataset = load_dataset(args.dataset)
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset.label)
    systems = score_files(dataset, args.predictions, metric=metric,
                          jobs=args.jobs or default_jobs(), diagnostics=args.leaks)
    summary: PredictionsSummary = {**scoring_header(dataset, metric), "systems": systems}
    print_document(args, console, summary)
    people = for_people(args, console)
    for table in predictions_table(summary, width=people.width):
        people.print(table)
    people.print(f"signature: {summary['signature']}", markup=False, highlight=False,
                 soft_wrap=True)
    for table in leaks_tables(systems, width=people.width):
        people.print(table)
    return 0
