"""`boilerbench baseline update [--run RUN_DIR | run options]`: write the gate's baseline.

Its location is one option, `--baseline FILE` (default `reports/baseline.json`), for both
`baseline update` and `gate`; `--reports-dir` only says where a new run directory goes."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from bench.cli._run_source import add_run_source
from bench.errors import BenchError

DEFAULT_BASELINE = Path("reports") / "baseline.json"


def add_baseline_option(parser: argparse.ArgumentParser, *, help_text: str) -> None:
    """--baseline FILE, the one option that says where the baseline is."""
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, metavar="FILE",
                        help=f"{help_text} (default: {DEFAULT_BASELINE}, whatever "
                             "--reports-dir says)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`baseline update` and its options."""
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    update = actions.add_parser("update", help="write the baseline from a run",
                                description="Write the baseline (scores per extractor, page "
                                            "and leak category, with the signature) from a "
                                            "finished run or a new one.")
    add_baseline_option(update, help_text="the file to write")
    update.add_argument("--allow-failures", action="store_true",
                        help="write it even when some pages failed (their zero scores become "
                             "the reference)")
    add_run_source(update)


def execute(args: argparse.Namespace, console: Console) -> int:
    """Build the baseline from the run and replace the file atomically; a run with failed
    pages is refused unless --allow-failures (a baseline of zeros hides every regression)."""
    from bench.cli._output import for_people
    from bench.cli._run_source import run_source
    from bench.files import write_json_atomic
    from bench.gate import baseline_of
    from bench.run.finished import Run
    from bench.scoring.failures import first_failures

    people = for_people(args, console)
    directory, _reasons = run_source(args, people)
    assert directory is not None  # no `names`: the run command chose and loaded them
    run = Run.load(directory)
    baseline = baseline_of(run)
    if args.run is not None and args.extractor:
        unknown = [name for name in args.extractor if name not in baseline["extractors"]]
        if unknown:
            raise BenchError(f"--extractor {unknown[0]!r}: not in {run.directory} (it has "
                             f"{', '.join(baseline['extractors'])})")
        baseline["extractors"] = {name: baseline["extractors"][name] for name in args.extractor}
    failed = {name: entry["failures"] for name, entry in baseline["extractors"].items()
              if entry["failures"]}
    if failed and not args.allow_failures:
        reasons = first_failures(record for record in run.records
                                 if record["extractor"] in failed)
        first = ", ".join(f"{name}: {count} (first: {reasons[name][0][1]})"
                          for name, count in failed.items())
        raise BenchError(f"{run.directory}: pages failed ({first}); fix them, or write the "
                         "baseline anyway with --allow-failures")
    write_json_atomic(args.baseline, baseline)
    people.print(f"wrote {args.baseline}: {len(baseline['extractors'])} extractor(s) on "
                 f"{run.summary['dataset']['label']} from {run.directory}", markup=False,
                 highlight=False)
    return 0
