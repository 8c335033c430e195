"""The worker pool: a page that raises, hangs, kills or bloats its worker is one failure."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.gold.format import load_gold
from bench.run.job import Job
from bench.run.workers import WorkerPool, _Worker, default_jobs
from extractors.base import Extractor
from tests.conftest import ROOT

PAGE = load_gold().pages[0]


def _text(html: str, url: str | None) -> str:
    return "text"


def _raise(html: str, url: str | None) -> str:
    raise ValueError("bad page")


def _hang(html: str, url: str | None) -> str:
    time.sleep(60)
    return "never"


def _nap(html: str, url: str | None) -> str:
    time.sleep(0.2)
    return "nap"


def _segfault(html: str, url: str | None) -> str:
    ctypes.string_at(0)  # reads address 0: SIGSEGV
    return "never"


def _exit(html: str, url: str | None) -> str:
    os._exit(3)


def _bloat(html: str, url: str | None) -> str:
    return str(len(bytearray(2048 * 1024 * 1024)))


def _allocate(html: str, url: str | None) -> str:
    block = bytearray(200 * 1024 * 1024)
    return str(len(block))


def _make(name: str, function: object) -> Extractor:
    return Extractor(name=name, package="boilerbench", extract=function)  # type: ignore[arg-type]


TEXT, RAISE, HANG = _make("text", _text), _make("raise", _raise), _make("hang", _hang)
NAP = _make("nap", _nap)
SEGFAULT, EXIT = _make("segfault", _segfault), _make("exit", _exit)
BLOAT, ALLOCATE = _make("bloat", _bloat), _make("allocate", _allocate)


def errors(pool: WorkerPool, extractors: list[Extractor], copies: int = 1) -> dict[str, list]:
    jobs = [Job(extractor, PAGE) for extractor in extractors for _ in range(copies)]
    found: dict[str, list] = {}
    for extraction in pool.map(jobs):
        found.setdefault(extraction.extractor, []).append(extraction.error or extraction.output)
    return found


def test_every_kind_of_failure_costs_one_page_and_the_run_completes() -> None:
    pool = WorkerPool(jobs=2, timeout=1)
    found = errors(pool, [TEXT, RAISE, HANG, SEGFAULT, EXIT, TEXT], copies=2)
    assert found["text"] == ["text"] * 4
    assert all(error.startswith("ValueError: bad page (at ") for error in found["raise"])
    assert found["hang"] == ["timeout after 1 s"] * 2
    assert found["segfault"] == ["worker died: signal 11 (SIGSEGV)"] * 2
    assert found["exit"] == ["worker died: exit status 3"] * 2


def test_a_job_done_in_time_is_not_timed_out_while_the_caller_handles_another() -> None:
    # Worker 1 gets the two `text` jobs, worker 2 `nap` (0.2 s) and `text`. The caller spends
    # longer than the timeout on the first result; worker 2 finished meanwhile.
    results = []
    for extraction in WorkerPool(jobs=2, timeout=1).map(
            [Job(TEXT, PAGE), Job(TEXT, PAGE), Job(NAP, PAGE), Job(TEXT, PAGE)]):
        results.append((extraction.extractor, extraction.error or extraction.output))
        if len(results) == 1:
            time.sleep(1.5)
    assert sorted(results) == [("nap", "nap"), ("text", "text"), ("text", "text"),
                               ("text", "text")]


def test_the_memory_cap_turns_a_huge_allocation_into_a_memory_error() -> None:
    found = errors(WorkerPool(jobs=1, memory_mb=1024), [BLOAT, TEXT])
    assert found["bloat"][0].startswith("MemoryError")
    assert found["text"] == ["text"]


def test_peak_memory_is_measured_per_page() -> None:
    pool = WorkerPool(jobs=1)
    small, big = pool.map([Job(TEXT, PAGE), Job(ALLOCATE, PAGE)])
    assert small.peak_mb is not None and big.peak_mb is not None
    assert big.peak_mb - small.peak_mb > 150  # the 200 MB block, not the worker's whole life
    again = list(pool.map([Job(ALLOCATE, PAGE), Job(TEXT, PAGE)]))
    assert again[1].peak_mb is not None and again[1].peak_mb < big.peak_mb - 150


def _dead(pid: int) -> bool:
    """Whether process `pid` has exited (gone, or a zombie nobody has reaped yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_a_hung_command_is_killed_with_its_worker(tmp_path: Path) -> None:
    from extractors.adhoc import from_command

    pid_file = tmp_path / "pid"
    sleeper = from_command(f"sh -c 'echo $$ > {pid_file}; exec sleep 30'")
    started = time.monotonic()
    (extraction,) = WorkerPool(jobs=1, timeout=0.5).map([Job(sleeper, PAGE)])
    assert extraction.error == "timeout after 0.5 s"
    assert time.monotonic() - started < 10
    pid = int(pid_file.read_text())
    # SIGKILL has been sent to the worker's whole process group; give it time to land.
    deadline = time.monotonic() + 20
    while not _dead(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _dead(pid), f"the command's process {pid} outlived its worker"


@pytest.mark.parametrize(("options", "message"), [
    ({"jobs": 0}, "--jobs 0: need at least one worker"),
    ({"timeout": -1.0}, "--timeout -1.0: must be a positive number of seconds"),
    ({"memory_mb": 10}, "--max-memory 10: must be at least 64 MB"),
    ({"max_pages_per_worker": 0}, "--max-pages-per-worker 0: must be at least 1"),
])
def test_bad_options_raise_at_once(options: dict, message: str) -> None:
    with pytest.raises(BenchError) as raised:
        WorkerPool(**options)
    assert str(raised.value) == message


def test_default_jobs_is_the_usable_cores() -> None:
    assert default_jobs() == len(os.sched_getaffinity(0))


def test_a_worker_dying_while_jobs_are_sent_to_it_loses_no_job() -> None:
    # One worker, many crashing jobs: sends often race with the death of the worker.
    found = errors(WorkerPool(jobs=1), [EXIT, TEXT] * 20)
    assert found["exit"] == ["worker died: exit status 3"] * 20
    assert found["text"] == ["text"] * 20


_SLOW_MODULE = textwrap.dedent("""
    import os, subprocess, time

    def extract(html):
        child = subprocess.Popen(["sleep", "300"])
        with open(os.environ["PIDS"], "a") as handle:
            handle.write(f"{os.getpid()} {child.pid}\\n")
        time.sleep(300)
        return ""
""")


def test_a_runner_killed_with_sigkill_leaves_no_process_behind(tmp_path: Path) -> None:
    (tmp_path / "slowmod.py").write_text(_SLOW_MODULE, encoding="utf-8")
    pids_file = tmp_path / "pids"
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
                        "PIDS": str(pids_file)}
    runner = subprocess.Popen(
        [str(Path(sys.executable).parent / "boilerbench"), "run", "-e", "slowmod:extract",
         "--page", "bn-*", "--jobs", "2", "--no-progress", "--reports-dir",
         str(tmp_path / "reports")], env=env, cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while (not pids_file.exists() or len(pids_file.read_text().splitlines()) < 2) and (
            time.monotonic() < deadline and runner.poll() is None):
        time.sleep(0.05)
    pids = [int(pid) for line in pids_file.read_text().splitlines() for pid in line.split()]
    assert len(pids) == 4, "two workers should each be running a page"
    runner.kill()
    runner.wait()
    deadline = time.monotonic() + 20
    while not all(map(_dead, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in pids if not _dead(pid)] == [], "outlived the killed runner"


def test_a_worker_is_replaced_after_its_page_quota() -> None:
    extractor = _make("pid", _pid)
    found = [extraction.output for extraction in
             WorkerPool(jobs=1, max_pages_per_worker=2).map([Job(extractor, PAGE)] * 5)]
    assert len(found) == 5
    assert found[0] == found[1] != found[2] == found[3] != found[4]


def _pid(html: str, url: str | None) -> str:
    return str(os.getpid())


class _DeadlineBetweenChecks(WorkerPool):
    """A pool whose `nap` job, once armed, is found in time by one deadline check and late by
    any after it: as if its deadline passed between two checks of one pass."""

    armed = False
    checks = 0

    def _overdue(self, worker: _Worker) -> bool:
        if self.armed and worker.queue and worker.queue[0].extractor.name == "nap":
            self.checks += 1
            if self.checks > 1:
                self.armed = False
            return self.checks > 1
        return super()._overdue(worker)


def test_a_result_waiting_when_its_deadline_passes_between_checks_is_not_a_timeout() -> None:
    pool = _DeadlineBetweenChecks(jobs=2, timeout=1)
    results = []
    for extraction in pool.map(
            [Job(TEXT, PAGE), Job(TEXT, PAGE), Job(NAP, PAGE), Job(TEXT, PAGE)]):
        results.append((extraction.extractor, extraction.error or extraction.output))
        if len(results) == 1:
            time.sleep(0.6)  # `nap` (0.2 s) finishes meanwhile: its result waits in the pipe
            pool.armed = True
    assert sorted(results) == [("nap", "nap"), ("text", "text"), ("text", "text"),
                               ("text", "text")]


def test_a_worker_that_replaces_a_failed_one_beside_a_live_one_is_read_when_it_is_ready(
        ) -> None:
    # A worker is killed or dies, and its replacement's pipe takes the closed pipe's
    # descriptor number while the other worker (forked holding the old pipe) lives on: the pool
    # must not take the old pipe's end for news from the new worker (an epoll set does).
    found: dict[str, list[str]] = {}

    def run() -> None:
        found.update(errors(WorkerPool(jobs=2, timeout=1), [HANG, SEGFAULT, EXIT, TEXT],
                            copies=2))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the pool blocked"
    assert found["text"] == ["text"] * 2
    assert found["hang"] == ["timeout after 1 s"] * 2
