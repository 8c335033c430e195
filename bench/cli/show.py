"""`boilerbench show PAGE --extractor NAME [--run RUN_DIR]`: one page's gold-versus-output
diff in the terminal, after what the extractor printed or logged on the page (captured by its
worker, kept in the page's record)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from bench.cli._options import add_dataset_option
from bench.errors import BenchError

if TYPE_CHECKING:
    from bench.scoring.records import Noise, PageRecord


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `show`."""
    parser.add_argument("page", metavar="PAGE", help="page id")
    parser.add_argument("--extractor", "-e", required=True, metavar="NAME",
                        help="the extractor whose output to show")
    parser.add_argument("--run", type=Path, default=None, metavar="RUN_DIR",
                        help="the run (default: the newest finished run in --reports-dir)")
    parser.add_argument("--reports-dir", type=Path, default=Path("reports"),
                        help="where to look for the newest run (default: reports)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the diff (auto: only on a terminal; otherwise text is "
                             "marked [-missing-] and {+extra+})")
    add_dataset_option(parser)


def _score_line(record: PageRecord) -> str:
    from bench.report.plain import leaked, number

    scores = (f"P {number(record['precision'])}  R {number(record['recall'])}  "
              f"F1 {number(record['f1'])}")
    leaks = leaked(record)
    return scores + (f"  leaked: {leaks}" if leaks else "")


def _noise_text(noise: Noise) -> Text:
    """The captured stdout, stderr and log records, each under its name."""
    text = Text()
    for name, body in (("stdout", noise["stdout"]), ("stderr", noise["stderr"]),
                       ("log", "\n".join(noise["log"]))):
        if body:
            text.append(f"{name}:\n", style="bold yellow")
            text.append(body.rstrip("\n") + "\n")
    return text


def execute(args: argparse.Namespace, console: Console) -> int:
    """Print the page's scores, then its annotated text."""
    from bench.report.diff import diff
    from bench.report.terminal import diff_legend, diff_text
    from bench.run.finished import Run, newest_run, run_dataset

    run = Run.load(args.run or newest_run(args.reports_dir))
    record = run.record(args.page, args.extractor)
    dataset = run_dataset(run, spec=args.dataset, split=args.split,
                          dialect=args.dialect)
    page = next((page for page in dataset if page.id == args.page), None)
    if page is None:  # the run has a record for it, so the gold given is not the run's
        raise BenchError(f"page {args.page!r} is not in the dataset {dataset.label!r}; give the "
                         "run's dataset with --dataset")
    console.print(Text(f"{args.page} · {args.extractor} {record['version']} · "
                       f"{run.directory}", style="bold"))
    console.print(Text(_score_line(record)))
    if record["error"]:
        console.print(Text(f"error: {record['error']}", style="red"))
    if noise := record.get("noise"):
        console.print(Text("captured while extracting:", style="bold"))
        console.print(_noise_text(noise))
    marks = args.color == "never" or (args.color == "auto" and not console.is_terminal)
    if args.color == "always" and not console.is_terminal:
        console = Console(file=console.file, force_terminal=True, width=console.width)
    compared = diff(page.body or "", str(record["output"]), snippets=page.boilerplate)
    if compared.coarse:
        console.print(Text(f"compared coarsely: {compared.coarse}"))
    console.print(diff_legend(marks=marks))
    console.print(diff_text(compared.segments, marks=marks))
    return 0
