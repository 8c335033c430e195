"""The Ray executor against the process pool, on a local Ray this module starts (2 CPUs) and
shuts down."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.cli import main
from bench.data.page import Dataset
from bench.gold.format import load_gold
from bench.run.job import Job
from bench.run.ray import RayExecutor
from bench.run.runner import run
from bench.run.store import RunStore
from bench.run.workers import WorkerPool
from bench.scoring.metrics import get_metric
from bench.scoring.records import PageRecord
from extractors import registry
from extractors.base import Extractor

if os.environ.get("CI"):
    import ray
else:  # Ray is an extra; ./setup installs it, and in CI its absence fails
    ray = pytest.importorskip("ray", reason="needs Ray: pip install 'boilerbench[ray]'")

SLOW, CRASH, KILL_TASK = "slow-page", "crash-page", "kill-task-page"


def test_an_executor_that_starts_ray_stops_it(tmp_path: Path) -> None:
    """Without a Ray running (this test comes before the module's Ray starts), the executor
    starts a local one, and stops it with every process it started."""
    assert not ray.is_initialized()
    before = _children()  # e.g. the long-lived Node of an adapter an earlier test ran here
    dataset = _pages(tmp_path, ["ok", "ok"])
    results = list(RayExecutor(jobs=1).map(Job(MISBEHAVING, page) for page in dataset))
    assert [extraction.error for extraction in results] == [None, None]
    assert not ray.is_initialized()
    time.sleep(1)
    assert _children() - before == set()


def _children() -> set[str]:
    """The pids of this process's children."""
    return set(subprocess.run(["pgrep", "-P", str(os.getpid())], capture_output=True,
                              text=True).stdout.split())


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             object_store_memory=128 * 1024 * 1024)
    try:
        yield
    finally:
        ray.shutdown()


def _misbehave(html: str, url: str | None) -> str:
    """Sleeps, crashes its process, or kills the Ray worker above it, by the page's marker."""
    if SLOW in html:
        time.sleep(30)
    if CRASH in html:
        os.kill(os.getpid(), signal.SIGSEGV)
    if KILL_TASK in html:
        os.kill(os.getppid(), signal.SIGKILL)  # the Ray worker running the one-worker pool
        os._exit(1)  # and go too: an orphaned pool worker is issue 12's (parent-death watch)
    return html[-40:]


MISBEHAVING = Extractor(name="misbehaving", package="boilerbench", extract=_misbehave)


def _comparable(records: list[PageRecord]) -> list[dict[str, object]]:
    """Records without what differs between any two runs (time, memory)."""
    return sorted(({key: value for key, value in record.items()
                    if key not in ("seconds", "peak_mb")} for record in records),
                  key=lambda record: (str(record["page"]), str(record["extractor"])))


def test_records_equal_the_process_pools_on_the_gold_set(local_ray: None,
                                                         tmp_path: Path) -> None:
    dataset = load_gold()
    extractors = [registry.load("fulltext"), registry.load("trafilatura")]
    metric = get_metric("token-f1", dataset=dataset.label)
    run(dataset, extractors, metric=metric, store=RunStore(tmp_path / "pool"),
        executor=WorkerPool(jobs=2, timeout=60))
    run(dataset, extractors, metric=metric, store=RunStore(tmp_path / "ray"),
        executor=RayExecutor(jobs=2, timeout=60))
    pool, on_ray = RunStore(tmp_path / "pool").records(), RunStore(tmp_path / "ray").records()
    assert len(on_ray) == len(dataset) * len(extractors)
    assert _comparable(on_ray) == _comparable(pool)
    assert all(record["peak_mb"] for record in on_ray)  # measured per page, as in the pool


def _pages(tmp_path: Path, markers: list[str]) -> Dataset:
    from bench.data.page import Page, dataset_of

    pages = []
    for number, marker in enumerate(markers):
        path = tmp_path / f"p{number}.html"
        path.write_text(f"<html><body><p>page {number} {marker}</p></body></html>")
        pages.append(Page(id=f"p{number}-{marker}", html_path=path, body=f"page {number}"))
    return dataset_of("misbehaving", pages, source=tmp_path)


def test_timeout_crash_and_a_dead_ray_worker_fail_only_their_page(local_ray: None,
                                                                   tmp_path: Path) -> None:
    dataset = _pages(tmp_path, ["ok", SLOW, "ok", CRASH, "ok", KILL_TASK, "ok", "ok"])
    results = {extraction.page_id: extraction for extraction in RayExecutor(
        jobs=2, timeout=2, batch_size=4).map(Job(MISBEHAVING, page) for page in dataset)}
    assert len(results) == len(dataset)
    errors = {page: extraction.error for page, extraction in results.items()}
    assert errors[f"p1-{SLOW}"] == "timeout after 2 s"
    assert errors[f"p3-{CRASH}"] == "worker died: signal 11 (SIGSEGV)"
    assert (errors[f"p5-{KILL_TASK}"] or "").startswith("worker died: Ray task failed")
    assert sorted(page for page, error in errors.items() if error is None) == [
        f"p{n}-ok" for n in (0, 2, 4, 6, 7)]


def test_resume_runs_only_what_is_missing(local_ray: None, tmp_path: Path) -> None:
    dataset = load_gold()
    extractor = registry.load("fulltext")
    metric = get_metric("token-f1", dataset=dataset.label)
    store = RunStore(tmp_path / "run")
    half = Dataset(dataset.name, dataset.pages[:10], dataset.content_hash)
    run(half, [extractor], metric=metric, store=store, executor=WorkerPool(jobs=1))
    run(dataset, [extractor], metric=metric, store=RunStore(tmp_path / "run"),
        executor=RayExecutor(jobs=2))
    records = RunStore(tmp_path / "run").records()
    assert sorted(record["page"] for record in records) == sorted(page.id for page in dataset)


def test_cli_run_and_profile_on_ray(local_ray: None, tmp_path: Path) -> None:
    assert main(["run", "-e", "fulltext", "--page", "en-*", "--executor", "ray",
                 "--reports-dir", str(tmp_path), "--no-progress", "--json"]) == 0
    assert main(["profile", "-e", "fulltext", "-e", "resiliparse", "--page", "en-*",
                 "--executor", "ray", "--reports-dir", str(tmp_path), "--no-progress",
                 "--json"]) == 0
    assert len(list(tmp_path.glob("*/profile.json"))) == 1


def test_ray_address_needs_the_ray_executor(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "-e", "fulltext", "--ray-address", "auto"]) == 2
    assert "--ray-address needs --executor ray" in capsys.readouterr().err
