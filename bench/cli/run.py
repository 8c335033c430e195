"""`boilerbench run`: every chosen extractor on every chosen page, then the score table.

`--resume RUN_DIR` takes what the run recorded in `run.json` (extractors, dataset, filters,
metric) and refuses options that contradict it. `perform` is the run itself, which `gate` and
`baseline update` call with the extractors they need."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from bench.cli._execution import add_execution_options, add_run_options
from bench.cli._options import add_dataset_option, add_metric_options, add_page_filters
from bench.cli._output import for_people, print_document
from bench.errors import BenchError, ExitCode

if TYPE_CHECKING:
    from bench.run.store import RunManifest, RunOptions
    from bench.scoring.records import ExtractorRow, PageRecord, Summary
    from extractors.base import Extractor


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `run`."""
    add_dataset_option(parser)
    parser.add_argument("--extractor", "-e", action="append", default=[], metavar="NAME",
                        help="extractor to run (repeatable; default: every installed one)")
    add_page_filters(parser)
    add_metric_options(parser)
    parser.add_argument("--output-format", choices=("text", "markdown", "html"), default=None,
                        help="run the extractors that can give this format in it (NAME@FORMAT; "
                             "default: each its own)")
    parser.add_argument("--by", action="append", default=[], metavar="FIELD",
                        help="also score per value of a page field: language, page_type, or "
                             "any field of the gold record (repeatable)")
    add_run_options(parser, command="run", prints="the run summary (summary.json)")
    parser.add_argument("--max-failures", default=None, metavar="N|P%",
                        help="exit 1 when an extractor fails on more than N pages (or P%% of "
                             "them); the run is still written")
    add_execution_options(parser)


@dataclass(frozen=True)
class Finished:
    """A run just made: its directory, summary and records."""

    directory: Path
    summary: Summary
    records: Iterable[PageRecord]
    """Streamed from the run directory each time they are iterated."""
    failures: dict[str, list[tuple[str, str]]]
    """Per extractor, its first failure reasons with a page of each (`FirstFailures`)."""
    skipped: list[str]
    """One line per reason files of the dataset are not pages."""
    notes: list[str]
    """What the options left out (extractors that cannot give --output-format)."""


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
    from bench.cli._execution import run_into, start_store
    from bench.cli._options import selected_dataset
    from bench.data.page import skipped_lines
    from bench.run.store import RunStore, new_run_id
    from bench.scoring.breakdown import breakdowns, check_fields
    from bench.scoring.metrics import get_metric
    from bench.scoring.summary import RunTally, summarize
    from extractors.base import in_output_format

    run_dir: Path = args.resume or args.reports_dir / new_run_id()
    store = RunStore(run_dir)
    if args.resume is not None and (run_dir / "run.json").is_file():
        _take_recorded(args, store.manifest(), run_dir)
    dataset = selected_dataset(args)
    check_fields(dataset, args.by)
    extractors = chosen_extractors(args) if extractors is None else extractors
    notes: list[str] = []
    if args.output_format:
        extractors, unable = in_output_format(extractors, args.output_format,
                                              strict=bool(args.extractor or args.extractor_cmd))
        if unable:
            notes.append(f"--output-format {args.output_format}: not run by "
                         f"{', '.join(e.name for e in unable)} (they cannot give it)")
        if not extractors:
            raise BenchError(f"no extractor here can give {args.output_format}")
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset.label)
    start_store(store, args, dataset=dataset, extractors=extractors, metric=metric,
                options=_options(args))
    counted = RunTally(extractor.name for extractor in extractors)  # as the run goes: no
    records = run_into(args, store, dataset=dataset, extractors=extractors,  # pass after it
                       metric=metric, on_record=counted.add)
    summary = summarize(run_id=run_dir.name, dataset=dataset, extractors=extractors,
                        records=counted, metric=metric)
    if args.by:
        summary["breakdowns"] = breakdowns(dataset, records, metric, args.by)
    store.write_summary(summary)
    return Finished(run_dir, summary, records, counted.failures.reasons(), skipped_lines(dataset),
                    notes)


def noise_note(rows: list[ExtractorRow]) -> str | None:
    """One line under the table: how much each extractor printed or logged (captured)."""
    noisy = [f"{row['name']} {row.get('noise_lines', 0)} lines on "
             f"{row.get('noisy_pages', 0)} page(s)" for row in rows if row.get("noisy_pages")]
    if not noisy:
        return None
    return ("captured extractor output: " + ", ".join(noisy)
            + " (boilerbench show PAGE -e NAME prints a page's)")


def print_run(finished: Finished, console: Console) -> None:
    """The tables of a run, the first failure reasons under them, and where it is."""
    from bench.report.terminal import (
        breakdown_table,
        failure_lines,
        leaks_tables,
        ranking_table,
        structure_table,
        summary_tables,
    )

    summary = finished.summary
    for table in summary_tables(summary, width=console.width):
        console.print(table)
    console.print(f"signature: {summary['signature']}", markup=False, highlight=False,
                  soft_wrap=True)
    for line in failure_lines(finished.failures):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    for table in ranking_table(summary, width=console.width):
        console.print(table)
    if (kinds := structure_table(summary["extractors"])) is not None:
        console.print(kinds)
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
    for line in [*finished.skipped, *finished.notes]:
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
