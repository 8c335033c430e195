"""Options of `run` and `profile` that say how extractions execute: which extractors beyond
the registered ones, which executor with how many workers, their limits, and the output cache;
and running the jobs into a run directory with a progress bar."""

from __future__ import annotations

import argparse
import shlex
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
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

from bench.errors import BenchError

if TYPE_CHECKING:  # imported when used, so that `boilerbench --help` stays fast
    from bench.data.page import Dataset
    from bench.run.cache import OutputCache
    from bench.run.executor import Executor
    from bench.run.store import RunOptions, RunStore
    from bench.scoring.metrics.base import Metric
    from bench.scoring.records import PageRecord
    from extractors.base import Extractor

EXECUTORS = ("process", "ray")


def add_execution_options(parser: argparse.ArgumentParser) -> None:
    """--extractor-cmd, --executor, --ray-address, --jobs, --timeout, --max-memory,
    --max-pages-per-worker, --cache,
    --no-cache."""
    parser.add_argument("--extractor-cmd", action="append", default=[], metavar="CMD",
                        help="run a program that reads HTML on stdin and writes text on "
                             "stdout (repeatable; split like a shell, run without one)")
    parser.add_argument("--executor", choices=EXECUTORS, default="process",
                        help="process: worker processes on this machine; ray: Ray tasks, "
                             "on a local Ray or the cluster at --ray-address (needs "
                             "boilerbench[ray])")
    parser.add_argument("--ray-address", default=None, metavar="ADDR",
                        help="with --executor ray: the cluster to join (e.g. 10.0.0.1:6379 "
                             "or auto); default: start a local Ray with --jobs CPUs")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes, or local Ray CPUs (default: the number of "
                             "cores)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="per-page time limit; a page over it is a failure (default: 60)")
    parser.add_argument("--max-memory", type=int, default=4096, metavar="MB",
                        help="memory limit of each worker: what it writes (heap, allocations), "
                             "not address space it only reserves (default: 4096)")
    parser.add_argument("--max-pages-per-worker", type=int, default=None, metavar="N",
                        help="replace a worker after N pages, so that an extractor that leaks "
                             "memory cannot grow without bound (default: 1000)")
    parser.add_argument("--cache", type=Path, default=None, metavar="PATH",
                        help="output cache file (default: $BOILERBENCH_CACHE, else "
                             "$XDG_CACHE_HOME or ~/.cache, then boilerbench/outputs.sqlite)")
    parser.add_argument("--no-cache", action="store_true",
                        help="compute every output, neither reading nor writing the cache")


def add_run_options(parser: argparse.ArgumentParser, *, command: str, prints: str) -> None:
    """--reports-dir, --resume, --json (printing `prints`), --quiet and --no-progress: where a
    run directory goes and what the command prints."""
    from bench.cli._output import add_output_options

    parser.add_argument("--reports-dir", type=Path, default=Path("reports"),
                        help="where run directories are written (default: reports)")
    parser.add_argument("--resume", type=Path, default=None, metavar="RUN_DIR",
                        help=f"continue an interrupted {command} in RUN_DIR")
    add_output_options(parser, what=prints)
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def _from_command(command: str) -> Extractor:
    """The extractor of one `--extractor-cmd`, refused at once when its program is not found
    (rather than failing on every page)."""
    from extractors.adhoc import from_command

    extractor = from_command(command)  # refuses a command that does not split
    program = shlex.split(command)[0]
    if shutil.which(program) is None:
        raise BenchError(f"--extractor-cmd {command!r}: program {program!r} not found "
                         "(not on PATH, or not executable)")
    return extractor


def command_extractors(args: argparse.Namespace) -> list[Extractor]:
    """The extractors given as commands, each program checked before anything runs."""
    return [_from_command(command) for command in args.extractor_cmd]


def load_named(name: str) -> Extractor:
    """The extractor a run recorded by name: registered, `module:function`, or `cmd:...`."""
    from extractors import registry

    return _from_command(name.removeprefix("cmd:")) if name.startswith("cmd:") else (
        registry.load(name))


def executor_for(args: argparse.Namespace) -> Executor:
    """The executor the options ask for."""
    if args.ray_address is not None and args.executor != "ray":
        raise BenchError("--ray-address needs --executor ray")
    if args.executor == "ray":
        from bench.run.ray import RayExecutor

        return RayExecutor(address=args.ray_address, jobs=args.jobs, timeout=args.timeout,
                           memory_mb=args.max_memory)
    from bench.run.workers import MAX_PAGES_PER_WORKER, WorkerPool

    return WorkerPool(jobs=args.jobs, timeout=args.timeout, memory_mb=args.max_memory,
                      max_pages_per_worker=MAX_PAGES_PER_WORKER if args.max_pages_per_worker is None
                      else args.max_pages_per_worker)


def output_cache(args: argparse.Namespace) -> OutputCache | None:
    """The cache the options ask for, or None with --no-cache."""
    from bench.files import default_cache_path
    from bench.run.cache import OutputCache

    return None if args.no_cache else OutputCache(args.cache or default_cache_path())


def start_store(store: RunStore, args: argparse.Namespace, *, dataset: Dataset,
                extractors: Sequence[Extractor], metric: Metric,
                options: RunOptions | None = None) -> None:
    """Start the run directory with the manifest of what the options ask for."""
    from bench.data.formats import absolute_spec
    from bench.run.store import manifest_for

    store.start(manifest_for(run_id=store.directory.name, dataset=dataset,
                             dataset_spec=absolute_spec(args.dataset), split=args.split,
                             dialect=args.dialect, metric=metric, extractors=extractors,
                             options=options))


def run_into(args: argparse.Namespace, store: RunStore, *, dataset: Dataset,
             extractors: Sequence[Extractor], metric: Metric,
             on_record: Callable[[PageRecord], None] | None = None) -> Iterable[PageRecord]:
    """Run the jobs not yet in `store` with the executor, cache and progress bar the options
    ask for; Ctrl-C ends with the command that resumes. `on_record` is given every record of
    the run once, a resumed run's stored ones first, so that a caller can aggregate them with
    no pass of its own. The records come back streamed from the run directory each time they
    are iterated (never all held in memory)."""
    from bench.run.runner import run
    from bench.run.store import StoredRecords

    executor = executor_for(args)
    cache = output_cache(args)
    try:
        # No refresh thread: workers are forked, and a fork must not copy a thread holding a
        # lock.
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), _Rate(), console=Console(stderr=True),
                            auto_refresh=False,
                            disable=args.no_progress or args.json or args.quiet)
        with progress:
            redraw = _Redraw(progress, total=len(dataset) * len(extractors), also=on_record)
            run(dataset, extractors, metric=metric, store=store, executor=executor,
                cache=cache, on_record=redraw, on_stored=redraw.stored)
            redraw.show_total()
            progress.refresh()
    except KeyboardInterrupt:
        raise BenchError(f"interrupted; continue with: boilerbench {args.command} --resume "
                         f"{store.directory}") from None
    finally:
        if cache is not None:
            cache.close()
    return StoredRecords(store, (extractor.name for extractor in extractors))


_REDRAW_SECONDS = 0.25
"""The progress bar is redrawn at most this often (a redraw per record slowed fast runs)."""


class _Rate(ProgressColumn):
    """Pages (jobs) per second so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.1f} pages/s", style="progress.data.speed")


class _Redraw:
    """Advances the bar on each new record (a stored one only shortens it: the bar counts the
    jobs left); redraws it only every `_REDRAW_SECONDS`; hands each record on to `also`."""

    def __init__(self, progress: Progress, *, total: int,
                 also: Callable[[PageRecord], None] | None) -> None:
        self.progress, self.task = progress, progress.add_task("extracting", total=total)
        self._total = self._shown = total
        self._also = also
        self._last = 0.0

    def stored(self, record: PageRecord) -> None:
        """A record the run already had."""
        self._total -= 1
        if self._also is not None:
            self._also(record)

    def __call__(self, record: PageRecord) -> None:
        if self._also is not None:
            self._also(record)
        self.show_total()
        self.progress.advance(self.task)
        now = time.monotonic()
        if now - self._last >= _REDRAW_SECONDS:
            self._last = now
            self.progress.refresh()

    def show_total(self) -> None:
        """Give the bar the number of jobs left, once the stored records are counted."""
        if self._shown != self._total:
            self._shown = self._total
            self.progress.update(self.task, total=self._total)
