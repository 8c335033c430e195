"""The harness at corpus scale (issue 12), on a synthetic corpus of 2,000 pages made from AEB's
181 (scripts/synthetic_corpus.py, written into a temporary folder): a `--jobs 1` run against
the bare loop for resiliparse and for trafilatura, `--jobs 2` against `--jobs 1`, and (in the
same `--jobs 2` run) the workers' per-page peak RSS over the first and the last 1,000 pages
(README.md, "Benchmarks").

Each run is the whole `boilerbench run --no-cache` command, in a fresh process, in
`BOILERBENCH_SCALE_ROUNDS` interleaved rounds (default 3) with the bare loop; the ratios are of
the medians (scripts/scale_benchmark.py `rounds`; that script also runs larger corpora).
`BOILERBENCH_SCALE_PAGES` sets another corpus size (a quick check of the benchmarks).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from scripts.scale_benchmark import measure_bare, measure_rounds, measure_run
from scripts.synthetic_corpus import write_corpus
from tests.benchmarks.test_speed import report
from tests.helpers import public_data

PAGES = int(os.environ.get("BOILERBENCH_SCALE_PAGES", "2000"))
ROUNDS = int(os.environ.get("BOILERBENCH_SCALE_ROUNDS", "3"))
"""Interleaved rounds of each measurement (this machine's speed drifts by ±20%)."""
TARGET_JOBS_1 = {"resiliparse": 1.25, "trafilatura": 1.05}
"""The issue's targets: a `--jobs 1` run at most this many times the bare loop's wall time."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / f"c{PAGES}.jsonl"
    write_corpus(PAGES, path, public_data("aeb"))
    return path


@pytest.mark.parametrize("name", sorted(TARGET_JOBS_1))
def test_jobs_1_against_a_bare_loop(benchmark: Any, corpus: Path, name: str) -> None:
    measure_bare(corpus, name, limit=100)  # warm up the file cache
    result = benchmark.pedantic(measure_rounds, args=(corpus, name, ROUNDS),
                                kwargs={"jobs": (1,)}, rounds=1, iterations=1)
    target = str(TARGET_JOBS_1[name]).replace(".", "_")
    report(benchmark, bare_loop_median_s=result["bare_median_s"],
           run_jobs_1_median_s=result["jobs_1_median_s"],
           **{f"ratio_target_le_{target}": result["jobs_1_over_bare"]})


def test_resiliparse_jobs_2_against_jobs_1(benchmark: Any, corpus: Path) -> None:
    """Also the workers' per-page peak RSS (each record's `peak_mb`), mean over the first and
    the last 1,000 records of a `--jobs 2` run: flat means within 10%."""
    result = benchmark.pedantic(measure_rounds, args=(corpus, "resiliparse", ROUNDS),
                                kwargs={"jobs": (1, 2)}, rounds=1, iterations=1)
    two = measure_run(corpus, "resiliparse", 2, [])
    first, last = two["worker_peak_first_1000_mb"], two["worker_peak_last_1000_mb"]
    report(benchmark, cores=float(len(os.sched_getaffinity(0))),
           run_jobs_1_median_s=result["jobs_1_median_s"],
           run_jobs_2_median_s=result["jobs_2_median_s"],
           speedup_target_ge_1_8=result["jobs_2_speedup"],
           worker_first_1000_mb=first, worker_last_1000_mb=last,
           worker_growth_target_le_0_10=last / first - 1)
