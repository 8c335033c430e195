"""Speed, measured never asserted: extractor time per page on the gold set, the harness's own
cost per job, and the three targets of the runner on AEB's 181 pages (README.md, "Benchmarks").

Each target's ratio is printed (run with -s) and stored in the benchmark's extra_info.
"""

from __future__ import annotations

import contextlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from bench.data.formats import load_dataset
from bench.data.page import Dataset, Page
from bench.gold.format import load_gold
from bench.run.runner import run
from bench.run.store import RunStore
from bench.run.workers import WorkerPool
from bench.scoring.metrics.token_f1 import TokenF1
from bench.text.encoding import decode_html
from extractors import registry
from extractors.base import Extractor
from tests.helpers import builtin_params, public_data

GOLD = load_gold()
FIVE = ["trafilatura", "readability", "resiliparse", "justext", "boilerpy3"]


def _nothing(html: str, url: str | None) -> str:
    return ""


NOTHING = Extractor(name="nothing", package="boilerbench", extract=_nothing)


@pytest.fixture(scope="module")
def aeb() -> Dataset:
    return load_dataset(f"aeb:{public_data('aeb')}")


def best_of(rounds: int, function: Callable[[], object]) -> float:
    """The fastest of `rounds` wall-clock timings, in seconds."""
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def full_run(dataset: Dataset, extractors: Sequence[Extractor], *, jobs: int) -> None:
    """A whole run as `boilerbench run` does it: workers, scoring, records, no cache."""
    with tempfile.TemporaryDirectory() as directory:
        run(dataset, extractors, metric=TokenF1(dataset=dataset.label),
            store=RunStore(Path(directory)), executor=WorkerPool(jobs=jobs))


def bare_loop(pages: Sequence[Page]) -> None:
    """What the harness is compared with: trafilatura.extract on each page, nothing else."""
    import trafilatura

    for page in pages:
        html, _charset = decode_html(page.read_html(), page.encoding)
        trafilatura.extract(html, url=page.url)


def forked_halves(pages: Sequence[Page]) -> None:
    """The machine's own ceiling: the bare loop split over two forked processes."""
    children = []
    for half in (pages[0::2], pages[1::2]):
        pid = os.fork()
        if pid == 0:
            bare_loop(half)
            os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)


def report(benchmark: Any, **ratios: float) -> None:
    benchmark.extra_info.update(ratios)
    print("\n" + "  ".join(f"{name} = {value:.3f}" for name, value in ratios.items()))


@pytest.mark.parametrize("name", builtin_params())
def test_extractor_time_per_page(benchmark: Any, name: str) -> None:
    """One round extracts every page of the bundled gold set; ms_per_page is the median
    round's time over the page count."""
    extractor = registry.load(name)
    pages = [(decode_html(page.read_html(), page.encoding)[0], page) for page in GOLD]

    def every_page() -> None:
        for html, page in pages:
            with contextlib.suppress(Exception):  # a page an extractor fails on still took time
                extractor.apply(html, url=page.url, language=page.language)

    benchmark.pedantic(every_page, rounds=3, iterations=1)
    report(benchmark, ms_per_page=1000 * benchmark.stats.stats.median / len(pages))


def cpu_seconds() -> float:
    """CPU time of this process, its waited-for children, and the Node it keeps running (all
    its threads, from the kernel's nanosecond counters): comparable under a loaded machine,
    where wall time is not."""
    from extractors.node import NODE

    own = resource.getrusage(resource.RUSAGE_SELF)
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime
    for task in Path(f"/proc/{NODE.pid}/task").glob("*") if NODE.pid else ():
        with contextlib.suppress(OSError):
            seconds += int((task / "schedstat").read_text().split()[0]) / 1e9
    return seconds


@pytest.mark.parametrize("name", ["readability-js", "readability-js-jsdom", "defuddle",
                                  "readabilipy-js"])
def test_javascript_median_ms_per_page(benchmark: Any, name: str) -> None:
    """Readability.js's target: at most 50 ms a page, median over the gold set's pages, each
    timed alone after one warm-up page (the long-lived Node has started; readabilipy-js starts
    one for every page). The median CPU time per page is printed beside it."""
    extractor = registry.load(name)
    pages = [(decode_html(page.read_html(), page.encoding)[0], page) for page in GOLD]
    extractor.apply(pages[0][0], url=pages[0][1].url, language=pages[0][1].language)
    wall: list[float] = []
    cpu: list[float] = []

    def every_page() -> None:
        for html, page in pages:
            started, cpu_started = time.perf_counter(), cpu_seconds()
            extractor.apply(html, url=page.url, language=page.language)
            wall.append(time.perf_counter() - started)
            cpu.append(cpu_seconds() - cpu_started)

    benchmark.pedantic(every_page, rounds=1, iterations=1)
    report(benchmark, median_ms_per_page_target_le_50=1000 * statistics.median(wall),
           median_cpu_ms_per_page=1000 * statistics.median(cpu))


def test_harness_cost_per_job(benchmark: Any, aeb: Dataset) -> None:
    benchmark.pedantic(full_run, args=(aeb, [NOTHING]), kwargs={"jobs": 1}, rounds=3,
                       iterations=1)
    report(benchmark, ms_per_job=benchmark.stats.stats.min / len(aeb) * 1000)


def test_trafilatura_jobs_1_against_a_bare_loop(benchmark: Any, aeb: Dataset) -> None:
    bare_loop(aeb.pages)  # warm up trafilatura's lazy initialisation and the file cache
    loop = best_of(3, lambda: bare_loop(aeb.pages))
    benchmark.pedantic(full_run, args=(aeb, [registry.load("trafilatura")]),
                       kwargs={"jobs": 1}, rounds=3, iterations=1)
    report(benchmark, bare_loop_s=loop, run_jobs_1_s=benchmark.stats.stats.min,
           ratio_target_le_1_10=benchmark.stats.stats.min / loop)


def test_trafilatura_jobs_2_against_jobs_1(benchmark: Any, aeb: Dataset) -> None:
    trafilatura = [registry.load("trafilatura")]
    one = best_of(3, lambda: full_run(aeb, trafilatura, jobs=1))
    loop = best_of(3, lambda: bare_loop(aeb.pages))
    halves = best_of(3, lambda: forked_halves(aeb.pages))
    benchmark.pedantic(full_run, args=(aeb, trafilatura), kwargs={"jobs": 2}, rounds=3,
                       iterations=1)
    two = benchmark.stats.stats.min
    report(benchmark, cores=float(len(os.sched_getaffinity(0))), run_jobs_1_s=one,
           run_jobs_2_s=two, speedup_target_ge_1_7=one / two,
           machine_ceiling_speedup=loop / halves)


def test_fully_cached_rerun_of_five_extractors(benchmark: Any, tmp_path: Path) -> None:
    argv = [str(Path(sys.executable).parent / "boilerbench"), "run", "--dataset",
            f"aeb:{public_data('aeb')}", "--no-progress", "--cache",
            str(tmp_path / "cache.sqlite"), "--reports-dir", str(tmp_path / "reports"),
            *(arg for name in FIVE for arg in ("-e", name))]

    def command() -> None:
        subprocess.run(argv, check=True, capture_output=True)

    command()  # fills the cache
    benchmark.pedantic(command, rounds=3, iterations=1)
    report(benchmark, cached_rerun_s_target_le_2=benchmark.stats.stats.min)
