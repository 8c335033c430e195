"""`boilerbench run`: every chosen extractor on every chosen page, then the score table.

`--resume RUN_DIR` takes what the run recorded in `run.json` (extractors, dataset, filters,
metric) and refuses options that contradict it. `perform` is the run itself, which `gate` and
`baseline update` call with the extractors they need."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from bench.cli._output import add_output_options, for_people, print_document
from bench.errors import BenchError, ExitCode

if TYPE_CHECKING:
    from bench.run.store import RunManifest, RunOptions, RunStore
    from bench.scoring.records import ExtractorRow, PageRecord, Summary
    from extractors.base import Extractor

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


class _Records:
    """The records of the run's extractors, streamed from pages.jsonl at each iteration (never
    all held in memory)."""

    def __init__(self, store: RunStore, extractors: Iterable[str]) -> None:
        self._store, self._wanted = store, set(extractors)

    def __iter__(self) -> Iterator[PageRecord]:
        return (record for record in self._store.iter_records()
                if record["extractor"] in self._wanted)


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
    parser.add_argument("--max-failures", default=None, metavar="N|P%",
                        help="exit 1 when an extractor fails on more than N pages (or P%% of "
                             "them); the run is still written")
    add_output_options(parser, what="the run summary (summary.json)")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    add_execution_options(parser)


@dataclass(frozen=True)
class Finished:
    """A run just made: its directory, summary and records (streamed from the run directory
    each time they are iterated)."""

    directory: Path
    summary: Summary
    records: Iterable[PageRecord]
    skipped: list[str]
    """One line per reason files of the dataset are not pages."""


_RECORDED = (("page", "pages", "--page"), ("lang", "languages", "--lang"),
             ("page_type", "page_types", "--type"), ("metric", "metric", "--metric"),
             ("tokenizer", "tokenizer", "--tokenizer"), ("by", "by", "--by"))
"""Options `run.json` records: (argparse dest, RunOptions field, option)."""
_DEFAULTS: dict[str, Any] = {"page": [], "lang": [], "page_type": [], "metric": "token-f1",
                             "tokenizer": None, "by": [], "extractor": [], "extractor_cmd": [],
                             "dataset": None, "split": None, "dialect": None}


def _options(args: argparse.Namespace) -> RunOptions:
    return {"pages": list(args.page), "languages": list(args.lang),
            "page_types": list(args.page_type), "metric": args.metric,
            "tokenizer": args.tokenizer, "by": list(args.by)}


def _take_recorded(args: argparse.Namespace, manifest: RunManifest, where: Path) -> None:
    """Set the options of a resumed run from its run.json, refusing any given option that
    says otherwise (an option left at its default takes the recorded value)."""
    from bench.data.formats import absolute_spec

    if "options" not in manifest:
        raise BenchError(f"{where}: records no options (a run of an older boilerbench), so "
                         "it cannot be resumed safely; start a new run")
    recorded = manifest["options"]
    given_extractors = [*args.extractor, *(f"cmd:{cmd}" for cmd in args.extractor_cmd)]
    pairs: list[tuple[str, str, object, object]] = [
        ("extractor", "--extractor", given_extractors, manifest["extractors"]),
        ("dataset", "--dataset", absolute_spec(args.dataset) if args.dataset else None,
         manifest["dataset_spec"]),
        ("split", "--split", args.split, manifest["split"]),
        ("dialect", "--dialect", args.dialect, manifest.get("dialect")),
        *((dest, option, getattr(args, dest), recorded[field])  # type: ignore[literal-required]
          for dest, field, option in _RECORDED)]
    for dest, option, given, was in pairs:
        if given != _DEFAULTS[dest] and given != was:
            raise BenchError(f"--resume {where}: {option} {given!r} contradicts the run, which "
                             f"recorded {was!r} in run.json; drop the option")
    args.dataset, args.split = manifest["dataset_spec"], manifest["split"]
    args.dialect = manifest.get("dialect")
    for dest, field, _option in _RECORDED:
        setattr(args, dest, recorded[field])  # type: ignore[literal-required]
    args.extractor, args.extractor_cmd = [], []
    args.resumed_extractors = manifest["extractors"]


def chosen_extractors(args: argparse.Namespace) -> list[Extractor]:
    """The extractors the options name (every installed one by default); a name that does
    not load, or a command whose program is not found, stops the run before anything runs."""
    from bench.cli._execution import command_extractors, load_named
    from extractors import registry

    names = getattr(args, "resumed_extractors", None)
    if names is not None:
        return [load_named(name) for name in names]
    if args.extractor or args.extractor_cmd:
        return ([load_named(name) for name in dict.fromkeys(args.extractor)]
                + command_extractors(args))
    return registry.available()[0]


def perform(args: argparse.Namespace, *, extractors: list[Extractor] | None = None
            ) -> Finished:
    """Run (into --resume, or a new directory under --reports-dir) and write the summary."""
    from bench.cli._execution import output_cache, worker_pool
    from bench.data.formats import absolute_spec, load_dataset
    from bench.data.page import skipped_lines
    from bench.run.runner import run
    from bench.run.store import RunStore, manifest_for, new_run_id
    from bench.scoring.breakdown import breakdown, check_field
    from bench.scoring.metrics import get_metric
    from bench.scoring.summary import summarize

    run_dir: Path = args.resume or args.reports_dir / new_run_id()
    store = RunStore(run_dir)
    if args.resume is not None and (run_dir / "run.json").is_file():
        _take_recorded(args, store.manifest(), run_dir)
    dataset = load_dataset(args.dataset, split=args.split, dialect=args.dialect).select(
        page_ids=args.page, languages=args.lang, page_types=args.page_type)
    if not len(dataset):
        raise BenchError("no page matches the --page/--lang/--type filters")
    for field in args.by:
        check_field(dataset, field)
    extractors = chosen_extractors(args) if extractors is None else extractors
    executor = worker_pool(args)
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset.label)
    cache = output_cache(args)
    try:
        store.start(manifest_for(run_id=run_dir.name, dataset=dataset,
                                 dataset_spec=absolute_spec(args.dataset), split=args.split,
                                 dialect=args.dialect, metric=metric, extractors=extractors,
                                 options=_options(args)))
        remaining = len(dataset) * len(extractors) - len(store.done())
        # No refresh thread: workers are forked, and a fork must not copy a thread holding a
        # lock.
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), _Rate(), console=Console(stderr=True),
                            auto_refresh=False,
                            disable=args.no_progress or args.json or args.quiet)
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
    records = _Records(store, (extractor.name for extractor in extractors))
    summary = summarize(run_id=run_dir.name, dataset=dataset, extractors=extractors,
                        records=records, metric=metric)
    if args.by:
        summary["breakdowns"] = {field: breakdown(dataset, records, metric, field)
                                 for field in args.by}
    store.write_summary(summary)
    return Finished(run_dir, summary, records, skipped_lines(dataset))


def print_run(finished: Finished, console: Console) -> None:
    """The tables of a run, the first failure reasons under them, and where it is."""
    from bench.report.terminal import (
        breakdown_table,
        failure_lines,
        leaks_tables,
        ranking_table,
        summary_tables,
    )

    summary = finished.summary
    for table in summary_tables(summary, width=console.width):
        console.print(table)
    console.print(f"signature: {summary['signature']}", markup=False, highlight=False,
                  soft_wrap=True)
    for line in failure_lines(finished.records):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    for table in ranking_table(summary, width=console.width):
        console.print(table)
    for table in leaks_tables(summary["extractors"], width=console.width):
        console.print(table)
    for field, rows in summary.get("breakdowns", {}).items():
        for table in breakdown_table(field, rows, width=console.width):
            console.print(table)
    if (note := noise_note(summary["extractors"])) is not None:
        console.print(note, markup=False, highlight=False)
    if summary["undecodable"]:
        console.print(f"{summary['undecodable']} page(s) undecodable: no charset decodes "
                      "them cleanly (errors in pages.jsonl)", markup=False, highlight=False)
    for line in finished.skipped:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    console.print(f"results: {finished.directory}", markup=False, highlight=False)


def over_limit(args: argparse.Namespace, summary: Summary) -> list[str]:
    """`--max-failures`: one line per extractor over the limit (none without the option)."""
    from bench.scoring.failures import FailureLimit

    if args.max_failures is None:
        return []
    limit = FailureLimit.parse(args.max_failures)
    return [f"{row['name']}: {row['failures']} of {row['pages']} page(s) failed, more than "
            f"--max-failures {limit}" for row in summary["extractors"]
            if limit.exceeded(row["failures"], row["pages"])]


def execute(args: argparse.Namespace, console: Console) -> int:
    """Run, write the run directory, print the table (or JSON); exit 1 past --max-failures."""
    from bench.scoring.failures import FailureLimit

    if args.max_failures is not None:
        FailureLimit.parse(args.max_failures)  # refused before anything runs
    finished = perform(args)
    print_document(args, console, finished.summary)
    people = for_people(args, console)
    print_run(finished, people)
    over = over_limit(args, finished.summary)
    for line in over:
        print(f"boilerbench: {line}", file=sys.stderr)
    return ExitCode.FAILED if over else ExitCode.OK
