"""Options of `run` that say how extractions execute: which extractors beyond the registered
ones, how many workers, their limits, and the output cache."""

from __future__ import annotations

import argparse
import shlex
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from bench.errors import BenchError

if TYPE_CHECKING:  # imported when used, so that `boilerbench --help` stays fast
    from bench.run.cache import OutputCache
    from bench.run.workers import WorkerPool
    from extractors.base import Extractor


def add_execution_options(parser: argparse.ArgumentParser) -> None:
    """--extractor-cmd, --jobs, --timeout, --max-memory, --max-pages-per-worker, --cache,
    --no-cache."""
    parser.add_argument("--extractor-cmd", action="append", default=[], metavar="CMD",
                        help="run a program that reads HTML on stdin and writes text on "
                             "stdout (repeatable; split like a shell, run without one)")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="worker processes (default: the number of cores)")
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


def worker_pool(args: argparse.Namespace) -> WorkerPool:
    """The executor the options ask for."""
    from bench.run.workers import MAX_PAGES_PER_WORKER, WorkerPool

    return WorkerPool(jobs=args.jobs, timeout=args.timeout, memory_mb=args.max_memory,
                      max_pages_per_worker=MAX_PAGES_PER_WORKER if args.max_pages_per_worker is None
                      else args.max_pages_per_worker)


def output_cache(args: argparse.Namespace) -> OutputCache | None:
    """The cache the options ask for, or None with --no-cache."""
    from bench.run.cache import OutputCache, default_path

    return None if args.no_cache else OutputCache(args.cache or default_path())
