"""Options shared by several commands."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bench.errors import BenchError

if TYPE_CHECKING:
    from bench.data.page import Dataset
from bench.scoring.metrics import METRICS
from bench.text.tokenizers import TOKENIZERS


def add_metric_options(parser: argparse.ArgumentParser) -> None:
    """--metric and --tokenizer."""
    parser.add_argument("--metric", default="token-f1", help=f"one of {', '.join(METRICS)}")
    parser.add_argument("--tokenizer", default=None,
                        help=f"one of {', '.join(TOKENIZERS)} (default: the metric's own, "
                             "unicode for all but aeb)")


def add_dataset_option(parser: argparse.ArgumentParser) -> None:
    """--dataset FORMAT:PATH, --split and --dialect."""
    parser.add_argument("--dataset", "--gold", default=None, metavar="FORMAT:PATH",
                        help="dataset to use, e.g. aeb:path/to/aeb or a gold folder "
                             "(default: the bundled gold set)")
    parser.add_argument("--split", default=None, metavar="SPLIT",
                        help="the part of a dataset with splits (wcxb: dev, test or all)")
    parser.add_argument("--dialect", default=None, metavar="DIALECT",
                        help="the gold dialect of an html-cleaning subset whose folder name "
                             "does not say it (cleaneval, plain, l3s, readability-html)")


def add_page_filters(parser: argparse.ArgumentParser) -> None:
    """--page, --lang and --type."""
    parser.add_argument("--page", action="append", default=[], metavar="ID",
                        help="page id or glob pattern (repeatable)")
    parser.add_argument("--lang", action="append", default=[], help="only pages in this language")
    parser.add_argument("--type", action="append", default=[], dest="page_type",
                        help="only pages of this page type")


def selected_dataset(args: argparse.Namespace) -> Dataset:
    """The --dataset (and --split) cut to the pages the filters choose; none is an error."""
    from bench.data.formats import load_dataset

    dataset = load_dataset(args.dataset, split=args.split, dialect=args.dialect).select(
        page_ids=args.page, languages=args.lang, page_types=args.page_type)
    if not len(dataset):
        raise BenchError("no page matches the --page/--lang/--type filters")
    return dataset


def page_limit(args: argparse.Namespace) -> int:
    """--page-limit, refused when negative (a slice would then drop pages from the end)."""
    if args.page_limit < 0:
        raise BenchError(f"--page-limit {args.page_limit}: must be 0 or more")
    return int(args.page_limit)
