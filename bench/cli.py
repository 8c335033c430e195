"""The `boilerbench` command line. Parsing and printing live here; the work is elsewhere.

Every user error (bad option, missing file, malformed gold) ends as one line on stderr and
exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path


from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bench import __version__
from bench.errors import BenchError
from bench.gold import load_gold
from bench.metrics import METRICS, get_metric
from bench.report import extractor_table, summary_table
from bench.results import RunStore, new_run_id
from bench.summary import summarize
from bench.tokenizers import TOKENIZERS
from extractors import registry


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerbench", description="Benchmark main-content extractors on labeled pages.")
    parser.add_argument("--version", action="version", version=f"boilerbench {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run extractors on a gold set and print the scores")
    run.add_argument("--gold", type=Path, default=None,
                     help="gold folder or record file (default: the bundled gold set)")
    run.add_argument("--extractor", "-e", action="append", default=[], metavar="NAME",
                     help="extractor to run (repeatable; default: every installed one)")
    run.add_argument("--page", action="append", default=[], metavar="ID",
                     help="page id or glob pattern (repeatable)")
    run.add_argument("--lang", action="append", default=[], help="only pages in this language")
    run.add_argument("--type", action="append", default=[], dest="page_type",
                     help="only pages of this page type")
    _add_metric_options(run)
    run.add_argument("--reports-dir", type=Path, default=Path("reports"),
                     help="where run directories are written (default: reports)")
    run.add_argument("--resume", type=Path, default=None, metavar="RUN_DIR",
                     help="continue an interrupted run in RUN_DIR")
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    run.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    score = commands.add_parser("score", help="score one output text file against a gold text")
    score.add_argument("gold", type=Path, metavar="GOLD.txt")
    score.add_argument("output", type=Path, metavar="OUTPUT.txt")
    _add_metric_options(score)
    score.add_argument("--json", action="store_true", help="print the score as JSON")

    commands.add_parser("list", help="show the extractors and their versions")

    validate = commands.add_parser("validate", help="check gold records against their pages")
    validate.add_argument("path", type=Path, nargs="?", default=None,
                          help="gold folder or record (default: the bundled gold set)")
    return parser


def _add_metric_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--metric", default="token-f1", help=f"one of {', '.join(METRICS)}")
    parser.add_argument("--tokenizer", default="unicode", help=f"one of {', '.join(TOKENIZERS)}")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BenchError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise BenchError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise BenchError(f"{path}: cannot read: {error.strerror}") from None


def _cmd_score(args: argparse.Namespace, console: Console) -> int:
    gold, output = _read_text(args.gold), _read_text(args.output)
    dataset = f"file-{hashlib.sha256(gold.encode()).hexdigest()[:12]}"
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset)
    score = metric.page_score(gold, output)
    if args.json:
        console.print_json(score.to_json())
    else:
        console.print(score.format(), markup=False, highlight=False)
    return 0


def _cmd_list(args: argparse.Namespace, console: Console) -> int:
    loaded, missing = registry.available()
    rows = [(e.name, e.version, e.package, e.description) for e in loaded]
    rows += [(m.name, "not installed", "", m.install or m.reason) for m in missing]
    console.print(extractor_table(rows))
    return 0


def _cmd_run(args: argparse.Namespace, console: Console) -> int:
    dataset = load_gold(args.gold).select(page_ids=args.page, languages=args.lang,
                                          page_types=args.page_type)
    if not len(dataset):
        raise BenchError("no page matches the --page/--lang/--type filters")
    if args.extractor:
        extractors = [registry.load(name) for name in dict.fromkeys(args.extractor)]
    else:
        extractors, _missing = registry.available()
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset.label)
    run_dir = args.resume or args.reports_dir / new_run_id()
    store = RunStore(run_dir)
    store.start({"run_id": run_dir.name, "dataset": dataset.label,
                 "signature": str(metric.signature),
                 "extractors": [e.name for e in extractors], "boilerbench": __version__})

    from bench.runner import run  # imported here: `score` and `list` need not load it

    total = len(dataset) * len(extractors) - len(store.done())
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=Console(stderr=True),
                        disable=args.no_progress or args.json)
    with progress:
        task = progress.add_task("extracting", total=total)
        records = run(dataset, extractors, metric=metric, store=store,
                      on_record=lambda _record: progress.advance(task))
    summary = summarize(run_id=run_dir.name, dataset=dataset, extractors=extractors,
                        records=records, metric=metric)
    store.write_summary(summary)
    if args.json:
        console.print_json(json.dumps(summary, ensure_ascii=False))
    else:
        console.print(summary_table(summary))
        console.print(f"results: {run_dir}", markup=False, highlight=False)
    return 0


def _cmd_validate(args: argparse.Namespace, console: Console) -> int:
    from bench.validate import validate_gold

    problems, checked = validate_gold(args.path)
    for problem in problems:
        console.print(problem, markup=False, highlight=False)
    console.print(f"{checked} page(s) checked, {len(problems)} problem(s)", markup=False,
                  highlight=False)
    return 1 if problems else 0


_COMMANDS = {"run": _cmd_run, "score": _cmd_score, "list": _cmd_list, "validate": _cmd_validate}


def main(argv: Sequence[str] | None = None, *, console: Console | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    console = console or Console()
    try:
        return _COMMANDS[args.command](args, console)
    except BenchError as error:
        print(f"boilerbench: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("boilerbench: interrupted; run again with --resume to continue", file=sys.stderr)
        return 130


