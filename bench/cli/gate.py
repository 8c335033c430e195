"""`boilerbench gate [--run RUN_DIR | run options]`: fail (exit 1) when an extractor of the
baseline is missing or broken, or on a real regression against the baseline; exit 0 with a
short summary otherwise; exit 4 when the baseline measures something else (ExitCode)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from bench.cli._run_source import add_run_source
from bench.cli.baseline import add_baseline_option
from bench.errors import BenchError, ExitCode

if TYPE_CHECKING:
    from bench.gate import Baseline


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `gate`."""
    add_baseline_option(parser, help_text="the baseline to compare with")
    parser.add_argument("--check", default="f1", metavar="SCORES",
                        help="corpus scores to check, comma-separated: f1, precision, recall "
                             "(default: f1)")
    parser.add_argument("--tolerance", default="0.01", metavar="TOL",
                        help="largest corpus score drop allowed, absolute (0.01) or a share of "
                             "the baseline (2%%); a larger drop fails only when the paired "
                             "test says it is real (default: 0.01)")
    parser.add_argument("--page-tolerance", default="0.05", metavar="TOL",
                        help="largest F1 drop allowed on any single page (default: 0.05)")
    parser.add_argument("--leak-tolerance", default="0", metavar="TOL",
                        help="largest rise allowed in a category's share of pages leaked "
                             "(default: 0)")
    parser.add_argument("--allow-missing", action="store_true",
                        help="let an extractor of the baseline that the run lacks (or that "
                             "failed on every page) pass, as a note")
    parser.add_argument("--markdown", type=Path, default=None, metavar="FILE",
                        help="also write the Markdown summary here (it is appended to "
                             "$GITHUB_STEP_SUMMARY whenever that is set)")
    parser.add_argument("--page-limit", type=int, default=20, metavar="N",
                        help="show at most N moved pages (default: 20)")
    add_run_source(parser)


def write_markdown(text: str, path: Path | None) -> None:
    """Write the summary to `path`, and append it to $GITHUB_STEP_SUMMARY when set."""
    from bench.files import write_text_atomic

    if path is not None:
        write_text_atomic(path, text)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        try:
            with open(step_summary, "a", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as error:
            raise BenchError(f"$GITHUB_STEP_SUMMARY {step_summary}: cannot append: "
                             f"{error.strerror}") from None


def selected(baseline: Baseline, names: list[str], where: str) -> Baseline:
    """The baseline cut to the extractors named by --extractor (each must be in it)."""
    if not names:
        return baseline
    unknown = [name for name in names if name not in baseline["extractors"]]
    if unknown:
        raise BenchError(f"--extractor {unknown[0]!r}: not in {where} (it has "
                         f"{', '.join(baseline['extractors'])})")
    return {**baseline, "extractors": {name: baseline["extractors"][name] for name in names}}


def execute(args: argparse.Namespace, console: Console) -> int:
    """Compare the run with the baseline, print what changed, and return 1 on a regression
    or a missing extractor."""
    from bench.cli._options import page_limit
    from bench.cli._output import for_people, print_document
    from bench.cli._run_source import run_source
    from bench.cli.compare import print_result
    from bench.cli.run import over_limit
    from bench.files import read_json_object
    from bench.gate import Checks, baseline_of, check_baseline, gate
    from bench.report.gate import failure_lines, headline, markdown, verdict_document
    from bench.run.finished import Run
    from bench.scoring.failures import FailureLimit, first_failures

    limit = page_limit(args)
    checks = Checks.parse(corpus=args.tolerance, page=args.page_tolerance,
                          leak=args.leak_tolerance, scores=args.check)
    if args.max_failures is not None:
        FailureLimit.parse(args.max_failures)
    people = for_people(args, console)
    baseline = check_baseline(read_json_object(args.baseline), str(args.baseline))
    # Exactly the baseline's extractors unless the options name others.
    explicit = bool(args.extractor or args.extractor_cmd)
    wanted = None if explicit or args.run else list(baseline["extractors"])
    directory, reasons = run_source(args, people, names=wanted)
    if directory is None:  # nothing of the baseline loads: every extractor is missing
        after: Baseline = {**baseline, "extractors": {}}
        after_name, over = "this run (nothing ran)", []
    else:
        run = Run.load(directory)
        after, after_name = baseline_of(run), str(run.directory)
        over = over_limit(args, run.summary)
        for name in baseline["extractors"]:
            reasons.setdefault(name, "the run did not include it (its extractors: "
                                     f"{', '.join(run.manifest['extractors'])})")
        for name, found in first_failures(run.records).items():
            reasons[name] = found[0][1]
    if args.run is not None:
        baseline = selected(baseline, args.extractor, str(args.baseline))
        after = {**after, "extractors": {name: entry for name, entry in
                                         after["extractors"].items()
                                         if not args.extractor or name in args.extractor}}
    if explicit and args.run is None:
        baseline = {**baseline, "extractors": {
            name: entry for name, entry in baseline["extractors"].items()
            if name in after["extractors"]}}
    result = gate(baseline, after, checks=checks, before_name=str(args.baseline),
                  after_name=after_name, reasons=reasons, allow_missing=args.allow_missing)
    passed = result.passed and not over
    status = ExitCode.OK if passed else ExitCode.FAILED
    print_result(people, result, page_limit=limit,
                 lines=[*result.notes, *failure_lines(result, limit), *over],
                 headline=headline(result, over=over))
    write_markdown(markdown(result, page_limit=limit), args.markdown)
    print_document(args, console, verdict_document(result, exit_status=status,
                                                   extra_failures=over))
    return status
