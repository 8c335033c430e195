"""The worker-process executor: extractions run in child processes with a per-page timeout
and a memory cap, so an extractor that raises, hangs or kills its process costs one page.

Each worker reads its pages from disk itself (jobs carry paths, not HTML), runs
`bench.run.job.perform` on each (extraction with its noise captured, then scoring) and measures
its peak resident memory per job. A page whose worker times out or dies is recorded as a
failure with the reason ("timeout after 5 s", "worker died: signal 11 (SIGSEGV)"); the worker is
replaced and the run goes on. A worker is also replaced, between pages, after
`max_pages_per_worker` pages, so that an extractor that leaks cannot grow without bound.
Workers are forked where the platform allows it, so they start in milliseconds with every
adapter already imported; each runs in its own session, so Ctrl-C reaches only the parent,
which stops them. A worker dies with its parent however the parent dies (even SIGKILL): on
Linux the kernel signals it (`PR_SET_PDEATHSIG`), elsewhere and as a fallback a thread watches
the parent's pid; either way it kills its whole process group, the extractor's own child
processes included. Jobs are taken from the iterable as workers need them, never all at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import multiprocessing
import os
import pickle
import resource
import selectors
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import TYPE_CHECKING

from bench.errors import BenchError
from bench.run.job import Extraction, Job, perform

if TYPE_CHECKING:
    from bench.scoring.metrics.base import Metric

_PREFETCH = 2
"""Jobs queued per worker, so that a worker never waits for the parent between pages."""


_JOIN_SECONDS = 5.0
"""How long a worker whose pipe closed may take to exit before it is killed."""

MAX_PAGES_PER_WORKER = 1000
"""Pages a worker runs before it is replaced: a forked worker starts in milliseconds, so this
costs resiliparse nothing measurable (trafilatura's set-up on its first page: 0.16 s a start),
and with it two 20,000-page resiliparse runs kept their workers' per-page RSS within 3.5% and
4.8% from the first 1,000 pages to the last (README, "Benchmarks")."""

_WATCH_SECONDS = 0.5
"""How often a worker's fallback thread checks that its parent is alive."""
_PR_SET_PDEATHSIG = 1


def _send(connection: Connection, message: object) -> None:
    """Send a job or a result as a plain pickle: `Connection.send` builds a ForkingPickler,
    with its own copy of the copyreg table, on every call (a sixth of a job's send)."""
    connection.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


class _PeakWindow:
    """This process's peak resident memory per job: VmHWM reset before a job and read after
    it (Linux >= 4.0), through two /proc files kept open (opening them for every page took
    three times as long); elsewhere the lifetime peak."""

    def __init__(self) -> None:
        self._clear = self._status = None
        with contextlib.suppress(OSError):
            self._clear = os.open("/proc/self/clear_refs", os.O_WRONLY)
            self._status = os.open("/proc/self/status", os.O_RDONLY)

    def reset(self) -> bool:
        """Start a new window; False where that is not possible."""
        if self._clear is None or self._status is None:
            return False
        try:
            os.write(self._clear, b"5")
        except OSError:
            return False
        return True

    def peak_mb(self, *, since_reset: bool) -> float:
        """The peak in MB since the last `reset` (when it succeeded), else since the start."""
        if since_reset and self._status is not None:
            status = os.pread(self._status, 8192, 0)
            start = status.find(b"VmHWM:")
            if start >= 0:
                return int(status[start + 6:status.index(b"kB", start)]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _end_group(_signum: int = 0, _frame: FrameType | None = None) -> None:
    """Kill this worker's process group: itself and every process its extractor started."""
    os.killpg(os.getpid(), signal.SIGKILL)


def _watch(parent: int) -> None:
    """Fallback for PR_SET_PDEATHSIG: end the group once the parent is gone (re-parented)."""
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    _end_group()


def _die_with(parent: int) -> None:
    """Make this worker die with `parent`, however the parent dies."""
    signal.signal(signal.SIGTERM, _end_group)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    threading.Thread(target=_watch, args=(parent,), daemon=True,
                     name="boilerbench-parent-watch").start()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        _end_group()


def _serve(connection: Connection, memory_mb: int | None, metric: Metric | None,
           parent: int) -> None:
    """A worker's life: run jobs from the parent until told to stop or the pipe closes."""
    os.setsid()  # own session: terminal Ctrl-C goes to the parent; killpg reaches subprocesses
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    faulthandler.disable()  # a crash is recorded with its signal; no stack dump on stderr
    if memory_mb is not None:
        limit = memory_mb * 1024 * 1024
        # RLIMIT_DATA counts memory a process writes (heap, anonymous maps), not address space
        # it only reserves: Node.js reserves gigabytes for WebAssembly and fails under
        # RLIMIT_AS, yet an extractor that really allocates too much still meets the cap.
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    window = _PeakWindow()
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if job is None:
            return
        resettable = window.reset()
        extraction = perform(job, metric)
        _send(connection, replace(extraction,
                                  peak_mb=round(window.peak_mb(since_reset=resettable), 1)))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: Connection
    queue: deque[Job] = field(default_factory=deque)
    sent: int = 0
    """Jobs sent to it in its life (it is replaced after `max_pages_per_worker`)."""
    started: float = 0.0
    """When the job at the head of the queue started (approximately: when its predecessor
    finished or when it was sent)."""

    def stop(self, *, kill: bool) -> None:
        if kill and self.process.pid is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # with its subprocesses
            except (ProcessLookupError, PermissionError):  # not yet its own session leader
                self.process.kill()
        else:
            with contextlib.suppress(OSError):
                _send(self.connection, None)
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.stop(kill=True)
        self.connection.close()


def _death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"worker died: signal {-exitcode} ({signal.Signals(-exitcode).name})"
        except ValueError:
            return f"worker died: signal {-exitcode}"
    return f"worker died: exit status {exitcode}"


def failure(job: Job, reason: str, seconds: float) -> Extraction:
    """The record of a job that produced nothing, for `reason`."""
    return Extraction(page_id=job.page.id, extractor=job.extractor.name,
                      version=job.extractor.version, output="", error=reason, seconds=seconds)


class _Pending:
    """The jobs still to send: those given back by a dead worker first, then the caller's,
    taken one at a time."""

    def __init__(self, jobs: Iterable[Job]) -> None:
        self.requeued: deque[Job] = deque()
        self._source = iter(jobs)
        self._next: list[Job] = []

    def __bool__(self) -> bool:
        if not self.requeued and not self._next:
            job = next(self._source, None)
            if job is not None:
                self._next.append(job)
        return bool(self.requeued or self._next)

    def peek(self) -> Job:
        """The next job (the pool is not empty)."""
        return self.requeued[0] if self.requeued else self._next[0]

    def pop(self) -> Job:
        """Take the job `peek` gave."""
        return self.requeued.popleft() if self.requeued else self._next.pop()


class _Readable:
    """Which workers have something to read (a result, or the end of their pipe), from one
    selector kept for a whole `map`: `multiprocessing.connection.wait`, and `poll` through it,
    build a selector on every call, four calls a record."""

    def __init__(self) -> None:
        # poll(2), not epoll: an epoll set keeps watching a closed descriptor that a forked
        # worker still holds open, and would report its events under a reused number.
        self._selector = selectors.PollSelector()

    def among(self, workers: list[_Worker], *, timeout: float | None) -> list[_Worker]:
        """The `workers` that are readable, waiting up to `timeout` seconds (None: until one
        is)."""
        current = {worker.connection.fileno(): worker for worker in workers}
        for key in list(self._selector.get_map().values()):
            if current.get(key.fd) is not key.data:  # stopped, its number perhaps reused
                self._selector.unregister(key.fd)
        watched = self._selector.get_map()
        for fd, worker in current.items():
            if fd not in watched:
                self._selector.register(fd, selectors.EVENT_READ, worker)
        return [key.data for key, _events in self._selector.select(timeout)]

    def close(self) -> None:
        """Release the selector (the workers' pipes are theirs to close)."""
        self._selector.close()


class WorkerPool:
    """Runs jobs in `jobs` worker processes; see the module docstring."""

    def __init__(self, *, jobs: int | None = None, timeout: float | None = None,
                 memory_mb: int | None = None,
                 max_pages_per_worker: int = MAX_PAGES_PER_WORKER) -> None:
        self.jobs = default_jobs() if jobs is None else jobs
        if self.jobs < 1:
            raise BenchError(f"--jobs {jobs!r}: need at least one worker")
        if timeout is not None and not timeout > 0:
            raise BenchError(f"--timeout {timeout!r}: must be a positive number of seconds")
        if memory_mb is not None and memory_mb < 64:
            raise BenchError(f"--max-memory {memory_mb!r}: must be at least 64 MB")
        if max_pages_per_worker < 1:
            raise BenchError(f"--max-pages-per-worker {max_pages_per_worker!r}: must be at "
                             "least 1")
        self.timeout, self.memory_mb = timeout, memory_mb
        self.max_pages_per_worker = max_pages_per_worker
        self._context = (multiprocessing.get_context("fork")
                         if "fork" in multiprocessing.get_all_start_methods()
                         else multiprocessing.get_context("spawn"))

    def _start(self, metric: Metric | None) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is printed twice by a fork
            if stream is not None:
                stream.flush()
        process = self._context.Process(target=_serve,
                                        args=(child_end, self.memory_mb, metric, os.getpid()),
                                        daemon=True, name="boilerbench-worker")
        process.start()
        child_end.close()
        return _Worker(process=process, connection=parent_end)

    def map(self, jobs: Iterable[Job], *, metric: Metric | None = None
            ) -> Iterator[Extraction]:
        """Run every job (`perform(job, metric)`); yield each extraction (or failure) as it
        completes."""
        pending = _Pending(jobs)
        workers: list[_Worker] = []
        readable = _Readable()
        try:
            while pending or any(worker.queue for worker in workers):
                self._dispatch(pending, workers, metric)
                ready = readable.among(workers, timeout=self._wait_time(workers))
                for worker in list(workers):
                    # Asked again before a timeout is declared: while the caller handled a
                    # result yielded above, the worker may have finished its job in time.
                    overdue = self._overdue(worker)
                    if worker in ready or (overdue and worker.connection.poll()):
                        yield from self._receive(worker, workers, pending)
                    elif overdue:
                        yield self._give_up(worker, workers, pending,
                                            f"timeout after {self.timeout:g} s")
                    if (worker in workers and not worker.queue
                            and worker.sent >= self.max_pages_per_worker):
                        workers.remove(worker)  # retired: a fresh one takes its place
                        worker.stop(kill=False)
        finally:
            readable.close()
            for worker in workers:
                worker.stop(kill=bool(worker.queue))

    def _dispatch(self, pending: _Pending, workers: list[_Worker],
                  metric: Metric | None) -> None:
        while len(workers) < self.jobs and pending:
            workers.append(self._start(metric))
        for worker in workers:
            while (pending and len(worker.queue) < _PREFETCH
                   and worker.sent < self.max_pages_per_worker):
                if not worker.queue:
                    worker.started = time.monotonic()
                try:
                    _send(worker.connection, pending.peek())
                except OSError:  # it just died; `map` learns why from its connection
                    break
                worker.queue.append(pending.pop())
                worker.sent += 1

    def _wait_time(self, workers: list[_Worker]) -> float | None:
        if self.timeout is None:
            return None
        deadlines = [w.started + self.timeout for w in workers if w.queue]
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None

    def _overdue(self, worker: _Worker) -> bool:
        return (self.timeout is not None and bool(worker.queue)
                and time.monotonic() - worker.started >= self.timeout)

    def _receive(self, worker: _Worker, workers: list[_Worker],
                 pending: _Pending) -> Iterator[Extraction]:
        try:
            extraction: Extraction = worker.connection.recv()
            worker.queue.popleft()
            worker.started = time.monotonic()
            yield extraction
        except (EOFError, OSError):
            worker.process.join(timeout=_JOIN_SECONDS)
            if worker.process.exitcode is None:  # closed its pipe but lives on: end it
                worker.stop(kill=True)
                worker.process.join()
            if not worker.queue:  # died between jobs: nothing to record
                workers.remove(worker)
                worker.stop(kill=True)
                return
            yield self._give_up(worker, workers, pending,
                                _death_reason(worker.process.exitcode))

    def _give_up(self, worker: _Worker, workers: list[_Worker], pending: _Pending,
                 reason: str) -> Extraction:
        """Fail the worker's current job, requeue the ones behind it, and drop the worker."""
        workers.remove(worker)
        worker.stop(kill=True)
        job = worker.queue.popleft()
        pending.requeued.extendleft(reversed(worker.queue))
        worker.queue.clear()
        return failure(job, reason, time.monotonic() - worker.started)
