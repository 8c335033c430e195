"""The Ray executor against the process pool, on a local Ray this module starts (2 CPUs) and
shuts down."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.cli import main
from bench.data.page import Dataset
from bench.errors import BenchError
from bench.gold.format import load_gold
from bench.run.job import Job
from bench.run.ray import MAX_BATCH, START_ATTEMPTS, RayExecutor, batch_size
from bench.run.runner import run
from bench.run.store import RunStore
from bench.run.workers import WorkerPool
from bench.scoring.metrics import METRICS, get_metric
from bench.scoring.records import PageRecord
from extractors import registry
from extractors.base import Extractor
from tests.helpers import ROOT

if os.environ.get("CI"):
    import ray
else:  # Ray is an extra; ./setup installs it, and in CI its absence fails
    ray = pytest.importorskip("ray", reason="needs Ray: pip install 'boilerbench[ray]'")

SLOW, CRASH, KILL_TASK = "slow-page", "crash-page", "kill-task-page"


def test_an_executor_that_starts_ray_stops_it(tmp_path: Path,
                                              capfd: pytest.CaptureFixture[str]) -> None:
    """Without a Ray running (this test comes before the module's Ray starts), the executor
    starts a local one, quietly (nothing on file descriptors 1 and 2), and stops it with
    every process it started."""
    assert not ray.is_initialized()
    before = _children()  # e.g. the long-lived Node of an adapter an earlier test ran here
    dataset = _pages(tmp_path, ["ok", "ok"])
    results = list(RayExecutor(jobs=1).map(Job(MISBEHAVING, page) for page in dataset))
    assert [extraction.error for extraction in results] == [None, None]
    assert not ray.is_initialized()
    assert capfd.readouterr() == ("", "")
    time.sleep(1)
    assert _children() - before == set()


def _children() -> set[str]:
    """The pids of this process's children."""
    return set(subprocess.run(["pgrep", "-P", str(os.getpid())], capture_output=True,
                              text=True).stdout.split())


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
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


def _no_scoring_here(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("scored in the main process")


def test_records_equal_the_process_pools_on_the_gold_set(
        local_ray: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs and scores equal the pool's, and the scores were computed in the Ray tasks:
    scoring is made to fail in this process (Ray's workers are not forked from it)."""
    dataset = load_gold()
    extractors = [registry.load("fulltext"), registry.load("trafilatura")]
    metric = get_metric("token-f1", dataset=dataset.label)
    run(dataset, extractors, metric=metric, store=RunStore(tmp_path / "pool"),
        executor=WorkerPool(jobs=2, timeout=60))
    monkeypatch.setattr("bench.run.runner.score_fields", _no_scoring_here)
    monkeypatch.setattr("bench.run.job.score_fields", _no_scoring_here)
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


def test_a_killed_ray_worker_says_nothing_on_the_terminal(local_ray: None,
                                                          tmp_path: Path) -> None:
    """A whole `run --json` in a subprocess, joined to this module's Ray (one start fewer:
    a start on a loaded machine is what fails), where a page kills its Ray worker and another
    crashes: stdout is the JSON document alone, stderr is empty, and the failures are in the
    records. (The raylet's message of a dead worker goes to the job's driver: the
    subprocess.)"""
    pages = tmp_path / "pages.jsonl"
    markers = ["ok"] * 12
    markers[3], markers[8] = KILL_TASK, CRASH
    pages.write_text("".join(json.dumps({
        "id": f"p{n:02d}-{marker}", "body": f"page {n}",
        "html": f"<html><body><p>page {n} {marker}</p></body></html>"}) + "\n"
        for n, marker in enumerate(markers)))
    done = subprocess.run(
        [sys.executable, "-m", "bench", "run", "--dataset", f"jsonl:{pages}", "-e",
         "tests.test_ray:MISBEHAVING", "--executor", "ray", "--ray-address",
         ray.get_runtime_context().gcs_address, "--no-cache",
         "--no-progress", "--json", "--reports-dir", str(tmp_path / "reports")],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stderr == ""
    assert done.returncode == 0
    summary = json.loads(done.stdout)
    assert summary["extractors"][0]["failures"] == 2
    (records,) = (tmp_path / "reports").glob("*/pages.jsonl")
    errors = {json.loads(line)["page"]: json.loads(line)["error"]
              for line in records.read_text().splitlines()}
    assert (errors[f"p03-{KILL_TASK}"] or "").startswith("worker died: Ray task failed")
    assert errors[f"p08-{CRASH}"] == "worker died: signal 11 (SIGSEGV)"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_ray_address_joins_a_ray_started_with_ray_start(tmp_path: Path) -> None:
    """`ray start --head --block` in a session of its own (stopped through its process group:
    `ray stop` would stop every Ray on the machine), then a `run --ray-address` subprocess
    with RAY_AUTH_MODE=token, as README says: such a head uses token authentication (Ray
    2.60), which a driver joining it does not pick up by itself."""
    port, log = _free_port(), tmp_path / "head.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("w") as out:
        head = subprocess.Popen(
            [str(Path(sys.executable).with_name("ray")), "start", "--head", f"--port={port}",
             "--num-cpus=2", "--include-dashboard=false", "--disable-usage-stats", "--block"],
            stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while "Ray runtime started" not in log.read_text() and head.poll() is None:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(1)
        assert head.poll() is None, log.read_text()  # it came up (a loaded machine: it may not)
        done = subprocess.run(
            [sys.executable, "-m", "bench", "run", "-e", "fulltext", "--page", "en-*",
             "--executor", "ray", "--ray-address", f"127.0.0.1:{port}", "--no-cache",
             "--no-progress", "--json", "--reports-dir", str(tmp_path / "reports")],
            capture_output=True, text=True, cwd=ROOT, timeout=600,
            env={**env, "RAY_AUTH_MODE": "token"})
        assert (done.returncode, done.stderr) == (0, "")
        assert json.loads(done.stdout)["extractors"][0]["failures"] == 0
    finally:
        _stop_group(head)


def _stop_group(leader: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group of `leader` (`ray start --block` then stops what it
    started), wait until the group is gone, SIGKILL what is left after two minutes."""
    try:
        os.killpg(leader.pid, signal.SIGTERM)
    except ProcessLookupError:  # it failed to start, and took its processes with it
        leader.wait()
        return
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        leader.poll()  # reap the leader, or the group never empties
        try:
            os.killpg(leader.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(leader.pid, signal.SIGKILL)
    leader.wait()


class _StartsNever:
    """A stand-in for the ray module whose local start times out as Ray's does."""

    def __init__(self) -> None:
        self.inits = self.shutdowns = 0

    def is_initialized(self) -> bool:
        return False

    def init(self, **_options: object) -> None:
        self.inits += 1
        os.write(2, b"ray's own chatter\n")
        raise Exception("The current node timed out during startup. This could happen "
                        "because some of the raylet failed to startup or the GCS has become "
                        "overloaded.")

    def shutdown(self) -> None:
        self.shutdowns += 1


def test_a_local_ray_that_does_not_start_is_one_line_naming_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    fake = _StartsNever()
    monkeypatch.setattr("bench.run.ray._import_ray", lambda: fake)
    with pytest.raises(BenchError) as raised:
        list(RayExecutor(jobs=2).map(Job(MISBEHAVING, page)
                                     for page in _pages(tmp_path, ["ok"])))
    assert fake.inits == fake.shutdowns == START_ATTEMPTS
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("cannot start a local Ray (The current node timed out")
    assert "ray start --head --num-cpus=2" in message and "--ray-address" in message
    assert capfd.readouterr().err == ""  # Ray's own output went to /dev/null
    assert main(["run", "-e", "fulltext", "--page", "en-*", "--executor", "ray",
                 "--no-progress", "--reports-dir", str(tmp_path)]) == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "cannot start a local Ray" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", sorted(METRICS))
def test_a_metric_pickles_as_its_class_and_options(name: str) -> None:
    """What lets a Ray task score: the metric arrives built again from its options, and
    scores every page as the original does."""
    metric = get_metric(name, tokenizer="whitespace", normalized=False, dataset="d")
    copy = pickle.loads(pickle.dumps(metric))
    assert type(copy) is type(metric) and copy.signature == metric.signature
    for page in load_gold().pages[:8]:
        output = (page.body or "")[: len(page.body or "") // 2]
        assert copy.gold_stats(page.gold, output) == metric.gold_stats(page.gold, output)


def test_batches_shrink_with_the_work_left() -> None:
    """Guided scheduling: full batches while there is much to do, then smaller ones, down to
    one job, so that the CPUs finish together; few tasks in all (each costs about 1 ms)."""
    sizes, left = [], 60_000
    while left:
        sizes.append(batch_size(left, 2))
        left -= sizes[-1]
    assert sizes[0] == MAX_BATCH and sizes[-1] == 1
    assert sizes == sorted(sizes, reverse=True)
    assert len(sizes) < 300  # 60,000 / 256 = 235 full batches, then the shrinking tail
    tail = sum(sizes[-8:])  # the last round over 2 CPUs, 4 batches each: a few jobs
    assert tail <= 10


def test_ray_address_needs_the_ray_executor(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "-e", "fulltext", "--ray-address", "auto"]) == 2
    assert "--ray-address needs --executor ray" in capsys.readouterr().err
