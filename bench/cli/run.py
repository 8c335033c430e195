"""`boilerbench run`: every chosen extractor on every chosen page, then the score table."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from bench.cli._execution import add_execution_options
from bench.cli._options import add_dataset_option, add_metric_options
from bench.errors import BenchError

if TYPE_CHECKING:
    from bench.scoring.records import ExtractorRow, PageRecord

_REDRAW_SECONDS = 0.25
"""The progress bar is redrawn at most this often (a redraw per record slowed fast runs)."""


class _Rate(ProgressColumn):
    """Pages (jobs) per second so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.1f} pages/s", style="progress.data.speed")


class _Redraw:
    """Advances the bar on each record; redraws it only every `_REDRAW_SECONDS`."""

    def __init__(self, progress: Progress) -> None:
        self.progress, self.task = progress, progress.add_task("extracting", total=None)
        self._last = 0.0

    def __call__(self, _record: PageRecord) -> None:
        self.progress.advance(self.task)
        now = time.monotonic()
        if now - self._last >= _REDRAW_SECONDS:
            self._last = now
            self.progress.refresh()


def noise_note(rows: list[ExtractorRow]) -> str | None:
    """One line under the table: how much each extractor printed or logged (captured)."""
    noisy = [f"{row['name']} {row.get('noise_lines', 0)} lines on "
             f"{row.get('noisy_pages', 0)} page(s)" for row in rows if row.get("noisy_pages")]
    if not noisy:
        return None
    return ("captured extractor output: " + ", ".join(noisy)
            + " (boilerbench show PAGE -e NAME prints a page's)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `run`."""
    add_dataset_option(parser)
    parser.add_argument("--extractor", "-e", action="append", default=[], metavar="NAME",
                        help="extractor to run (repeatable; default: every installed one)")
    parser.add_argument("--page", action="append", default=[], metavar="ID",
                        help="page id or glob pattern (repeatable)")
    parser.add_argument("--lang", action="append", default=[], help="only pages in this language")
    parser.add_argument("--type", action="append", default=[], dest="page_type",
                        help="only pages of this page type")
    add_metric_options(parser)
    parser.add_argument("--by", action="append", default=[], metavar="FIELD",
                        help="also score per value of a page field: language, page_type, or "
                             "any field of the gold record (repeatable)")
    parser.add_argument("--reports-dir", type=Path, default=Path("reports"),
                        help="where run directories are written (default: reports)")
    parser.add_argument("--resume", type=Path, default=None, metavar="RUN_DIR",
                        help="continue an interrupted run in RUN_DIR")
    parser.add_argument("--json", action="store_true",
                        help="print the run summary as JSON instead of the table")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    add_execution_options(parser)


def execute(args: argparse.Namespace, console: Console) -> int:
    """Run, write the run directory, print the table (or JSON)."""
    from bench.cli._execution import command_extractors, output_cache, worker_pool
    from bench.data.formats import absolute_spec, load_dataset
    from bench.data.page import skipped_lines
    from bench.report.terminal import breakdown_table, leaks_tables, ranking_table, summary_table
    from bench.run.runner import run
    from bench.run.store import RunStore, manifest_for, new_run_id
    from bench.scoring.breakdown import breakdown, check_field
    from bench.scoring.metrics import get_metric
    from bench.scoring.summary import summarize
    from extractors import registry

    dataset = load_dataset(args.dataset, split=args.split, dialect=args.dialect).select(
        page_ids=args.page, languages=args.lang, page_types=args.page_type)
    if not len(dataset):
        raise BenchError("no page matches the --page/--lang/--type filters")
    for field in args.by:
        check_field(dataset, field)
    if args.extractor or args.extractor_cmd:
        extractors = [registry.load(name) for name in dict.fromkeys(args.extractor)]
        extractors += command_extractors(args)
    else:
        extractors, _missing = registry.available()
    executor = worker_pool(args)
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset.label)
    run_dir: Path = args.resume or args.reports_dir / new_run_id()
    cache = output_cache(args)
    try:
        store = RunStore(run_dir)
        store.start(manifest_for(run_id=run_dir.name, dataset=dataset,
                                 dataset_spec=absolute_spec(args.dataset), split=args.split,
                                 dialect=args.dialect, metric=metric, extractors=extractors))
        remaining = len(dataset) * len(extractors) - len(store.done())
        # No refresh thread: workers are forked, and a fork must not copy a thread holding a
        # lock.
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), _Rate(), console=Console(stderr=True),
                            auto_refresh=False, disable=args.no_progress or args.json)
        with progress:
            redraw = _Redraw(progress)
            progress.update(redraw.task, total=remaining)
            run(dataset, extractors, metric=metric, store=store, executor=executor,
                cache=cache, on_record=redraw)
            progress.refresh()
    except KeyboardInterrupt:
        raise BenchError(f"interrupted; continue with: boilerbench run --resume {run_dir}"
                         ) from None
    finally:
        if cache is not None:
            cache.close()
    wanted = {extractor.name for extractor in extractors}

    def records() -> Iterator[PageRecord]:
        """The run's records of the extractors asked for, streamed from pages.jsonl."""
        return (record for record in store.iter_records() if record["extractor"] in wanted)

    summary = summarize(run_id=run_dir.name, dataset=dataset, extractors=extractors,
                        records=records(), metric=metric)
    if args.by:
        summary["breakdowns"] = {field: breakdown(dataset, records(), metric, field)
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
        if (note := noise_note(summary["extractors"])) is not None:
            console.print(note, markup=False, highlight=False)
        if summary["undecodable"]:
            console.print(f"{summary['undecodable']} page(s) undecodable: no charset decodes "
                          "them cleanly (errors in pages.jsonl)", markup=False, highlight=False)
        for line in skipped_lines(dataset):
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        console.print(f"results: {run_dir}", markup=False, highlight=False)
    return 0
