"""`boilerbench profile --dataset SPEC -e A -e B`: speed, failures, output lengths and agreement
of extractors on any dataset, gold or not (a WARC crawl), as a run directory with
`profile.json` beside the run's usual files."""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from bench.cli._execution import add_execution_options, add_run_options
from bench.cli._options import add_dataset_option, add_metric_options, add_page_filters
from bench.cli._output import for_people, print_document
from bench.errors import BenchError, unknown_name

if TYPE_CHECKING:  # imported when used, so that `boilerbench --help` stays fast
    from bench.data.page import Dataset
    from bench.scoring.profile import DisputedPage
    from extractors.base import Extractor

PROFILE_FILE = "profile.json"
SAMPLE_LANGUAGE = "und"
"""The language of a sampled draft until a person labels it (BCP-47: undetermined)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `profile`."""
    add_dataset_option(parser)
    parser.add_argument("--extractor", "-e", action="append", default=[], metavar="NAME",
                        required=True, help="extractor to profile (repeatable)")
    add_page_filters(parser)
    add_metric_options(parser)
    parser.add_argument("--disputed", type=int, default=20, metavar="K",
                        help="how many of the most disputed pages to list (default: 20)")
    parser.add_argument("--sample", type=int, default=None, metavar="N",
                        help="write the N most disputed pages as draft gold records to --out")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR",
                        help="with --sample: the folder for the drafts (boilerbench add's "
                             "format)")
    parser.add_argument("--sample-type", default="news", metavar="TYPE",
                        help="page type written into drafts of pages without one (a person "
                             "corrects it; default: news)")
    add_run_options(parser, command="profile", prints="profile.json")
    add_execution_options(parser)


def execute(args: argparse.Namespace, console: Console) -> int:
    """Run the extractors (and the visible-text reference), then profile their records."""
    from bench.cli._execution import command_extractors, run_into, start_store
    from bench.cli._options import selected_dataset
    from bench.data.page import skipped_lines
    from bench.files import write_json_atomic
    from bench.gold.format import PAGE_TYPES
    from bench.report.profile import profile_tables
    from bench.run.store import RunStore, new_run_id
    from bench.scoring.metrics import get_metric
    from bench.scoring.profile import REFERENCE, profile
    from bench.scoring.summary import RunTally, summarize
    from extractors import registry

    if (args.sample is None) != (args.out is None):
        raise BenchError("--sample N and --out DIR go together")
    if args.sample is not None and args.sample < 1:
        raise BenchError(f"--sample {args.sample}: must be at least 1")
    if args.sample_type not in PAGE_TYPES:
        raise unknown_name("page type", args.sample_type, PAGE_TYPES)
    dataset = selected_dataset(args)
    profiled = [registry.load(name) for name in dict.fromkeys(args.extractor)]
    profiled += command_extractors(args)
    names = [extractor.name for extractor in profiled]
    extractors = [*profiled, *([] if REFERENCE in names else [registry.load(REFERENCE)])]
    metric = get_metric(args.metric, tokenizer=args.tokenizer, dataset=dataset.label)
    store = RunStore(args.resume or args.reports_dir / new_run_id())
    start_store(store, args, dataset=dataset, extractors=extractors, metric=metric)
    run_dir = store.directory
    started = time.perf_counter()
    counted = RunTally(extractor.name for extractor in extractors)  # as the run goes
    records = run_into(args, store, dataset=dataset, extractors=extractors, metric=metric,
                       on_record=counted.add)
    wall = time.perf_counter() - started
    summary = summarize(run_id=run_dir.name, dataset=dataset, extractors=extractors,
                        records=counted, metric=metric)
    store.write_summary(summary)
    result = profile(run_id=run_dir.name, dataset=dataset.label, records=records,
                     extractors=names, metric=metric, urls={p.id: p.url for p in dataset},
                     f1={row["name"]: row["f1"] for row in summary["extractors"]},
                     disputed=max(args.disputed, args.sample or 0), wall_seconds=wall,
                     skipped=dataset.skipped)
    write_json_atomic(run_dir / PROFILE_FILE, result)
    if args.sample is not None:
        written, undecodable = _write_drafts(args.out, dataset,
                                             result["disputed"][:args.sample], profiled,
                                             page_type=args.sample_type)
    print_document(args, console, result)
    console = for_people(args, console)
    for table in profile_tables(result):
        console.print(table)
    for line in skipped_lines(dataset):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    if args.sample is not None:
        left_out = f" ({undecodable} undecodable page(s) left out)" if undecodable else ""
        console.print(f"wrote {written} draft(s) to {args.out}{left_out}: label them, then "
                      f"boilerbench validate {args.out}", markup=False, highlight=False)
    console.print(f"results: {run_dir} (boilerbench report {run_dir})", markup=False,
                  highlight=False)
    return 0


def _write_drafts(out: Path, dataset: Dataset, disputed: Sequence[DisputedPage],
                  extractors: Sequence[Extractor], *, page_type: str) -> tuple[int, int]:
    """The disputed pages as `<id>.html` + draft `<id>.toml`, as `boilerbench add` writes
    them, the body being what the profiled extractors agree on; returns (written, pages left
    out because no charset decodes them)."""
    from bench.gold.draft import draft_record, write_draft
    from bench.text.encoding import UndecodableError, decode_html

    pages = {page.id: page for page in dataset}
    written = undecodable = 0
    for entry in disputed:
        page = pages[entry["page"]]
        raw = page.read_html()
        try:
            html, _codec = decode_html(raw, page.encoding)
        except UndecodableError:
            undecodable += 1
            continue
        record = draft_record(html, page_id=re.sub(r"[^a-z0-9-]+", "-", page.id.lower()
                                                   ).strip("-"),
                              url=page.url or "", language=page.language or SAMPLE_LANGUAGE,
                              page_type=page.page_type or page_type, extractors=extractors)
        record["notes"] += (f"; sampled by boilerbench profile from {page.id}: agreement "
                            f"{entry['agreement']:.3f}")
        write_draft(out, record, raw)
        written += 1
    return written, undecodable
