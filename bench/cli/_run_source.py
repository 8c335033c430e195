"""Where `gate` and `baseline update` get their run: a finished run directory (`--run`), or
a fresh run made by `boilerbench run` itself with the same options (every `run` option works,
and nothing about running is duplicated here). With `--run`, the options that say how to run
are refused rather than ignored; `--extractor` then selects extractors of the run."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console

from bench.cli import run as run_command
from bench.errors import BenchError

_WITH_RUN = {"extractor", "json", "quiet", "no_progress", "max_failures"}
"""`run` options that still mean something with `--run`."""
_SPELLING = {"page_type": "--type", "extractor_cmd": "--extractor-cmd", "jobs": "--jobs"}


def add_run_source(parser: argparse.ArgumentParser) -> None:
    """--run RUN_DIR, and every option of `run` for when it is not given."""
    parser.add_argument("--run", type=Path, default=None, metavar="RUN_DIR",
                        help="use this finished run (the options that say how to run are "
                             "then refused; --extractor selects extractors of the run)")
    run_command.add_arguments(parser)


def _run_defaults() -> dict[str, Any]:
    probe = argparse.ArgumentParser(add_help=False)
    run_command.add_arguments(probe)
    return vars(probe.parse_args([]))


def refuse_run_options(args: argparse.Namespace) -> None:
    """With --run, any run option given (not at its default) is an error naming it."""
    for dest, default in _run_defaults().items():
        if dest not in _WITH_RUN and getattr(args, dest) != default:
            option = _SPELLING.get(dest, "--" + dest.replace("_", "-"))
            raise BenchError(f"{option} does not apply with --run {args.run}: the run was "
                             "made with the options in its run.json")


def run_source(args: argparse.Namespace, console: Console, *,
               names: list[str] | None = None) -> tuple[Path | None, dict[str, str]]:
    """The run directory (`--run`, or a new run whose table is printed on `console` as `run`
    prints it) and why extractors did not run. With `names` (the baseline's extractors),
    those are run, and one that does not load is left out with its reason; when none loads
    there is no run (None)."""
    from bench.cli._execution import load_named
    from bench.run.store import new_run_id

    if args.run is not None:
        refuse_run_options(args)
        return Path(args.run), {}
    reasons: dict[str, str] = {}
    extractors = None
    if names is not None:
        extractors = []
        for name in names:
            try:
                extractors.append(load_named(name))
            except BenchError as error:
                reasons[name] = str(error)
        if not extractors:
            return None, reasons
    args.resume = args.resume or args.reports_dir / new_run_id()
    finished = run_command.perform(args, extractors=extractors)
    run_command.print_run(finished, console)
    return finished.directory, reasons
