"""`boilerbench score GOLD.txt OUTPUT.txt`: one pair of text files, one score and signature."""

from __future__ import annotations

import argparse
import hashlib
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
    score = metric.page_score(gold, output)
    if args.json:
        console.print_json(score.to_json())
    else:
        console.print(score.format(), markup=False, highlight=False)
    return 0
