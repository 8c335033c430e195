"""`boilerbench score GOLD.txt OUTPUT.txt`: one pair of text files, one score and signature
(with `--metric structure`, two Markdown files, and the score of each element kind)."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from rich.console import Console

from bench.cli._options import add_metric_options
from bench.files import read_text
from bench.scoring.metrics import get_metric


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `score`."""
    parser.add_argument("gold", type=Path, metavar="GOLD.txt")
    parser.add_argument("output", type=Path, metavar="OUTPUT.txt")
    add_metric_options(parser)
    parser.add_argument("--json", action="store_true", help="print the score as JSON")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Score the pair and print it."""
    gold, output = read_text(args.gold), read_text(args.output)
    dataset = f"file-{hashlib.sha256(gold.encode()).hexdigest()[:12]}"
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset)
    stats = metric.page_stats(gold, output)
    score, details = metric.score_stats(stats), metric.details(stats)
    if args.json:
        kinds = {"kinds": details} if details else {}
        console.print_json(json.dumps({**score.to_dict(), **kinds}, ensure_ascii=False))
    else:
        console.print(score.format(), markup=False, highlight=False)
        if details:
            from bench.report.terminal import kinds_table

            console.print(kinds_table(details))
    return 0
