"""`boilerbench score GOLD.txt OUTPUT.txt`: one pair of text files, one score and signature."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from rich.console import Console

from bench.cli._options import add_metric_options
from bench.cli._output import add_output_options, for_people, print_document
from bench.files import read_text
from bench.scoring.metrics import get_metric


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `score`."""
    parser.add_argument("gold", type=Path, metavar="GOLD.txt")
    parser.add_argument("output", type=Path, metavar="OUTPUT.txt")
    add_metric_options(parser)
    add_output_options(parser, what="the score ({precision, recall, f1, signature})")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Score the pair and print it."""
    gold, output = read_text(args.gold), read_text(args.output)
    dataset = f"file-{hashlib.sha256(gold.encode()).hexdigest()[:12]}"
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset)
    score = metric.page_score(gold, output)
    print_document(args, console, score.to_dict())
    for_people(args, console).print(score.format(), markup=False, highlight=False,
                                    soft_wrap=True)
    return 0
