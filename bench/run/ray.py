"""The Ray executor: the same jobs as the worker pool, run as Ray tasks on a local Ray or a
cluster (`boilerbench[ray]`).

A task carries a batch of jobs (a trivial Ray task costs about 1 ms, as much as resiliparse
spends on a page) and runs them through a one-worker `WorkerPool` on the node that runs it, so
that a page meets exactly the process pool's per-page timeout, memory cap and crash handling,
and its record is the same. A task that fails as a whole (its Ray worker or node died) is run
again one job per task, so that the failure lands on the page that caused it; a one-job task
that fails is a failure of that page, and the run goes on. Results stream back as tasks
finish, at most a few batches per CPU in flight. Batches shrink as the work left does
(`batch_size`), so that no CPU idles at the end of a run while another works through a batch.

Ray stays quiet: its workers' output and its logging stay in its session logs
(/tmp/ray/session_latest/logs); while it starts or connects, this process's stdout and stderr
point at /dev/null (its C++ client writes "Failed to connect to GCS..." straight to file
descriptor 2, and the processes a local start spawns inherit them); and the raylet's messages
that its driver prints on stdout whatever `log_to_driver` says ("A worker died or was killed
while executing a task...") are dropped while the executor runs: the failure each announces is
in the page's record. What goes wrong at the start is one line naming what to do.

Pages are read where the task runs: on a cluster, the dataset's files must be at the same path
on every node (shared storage), and boilerbench installed in every node's Python.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import math
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from bench.errors import BenchError
from bench.run.job import Extraction, Job
from bench.run.workers import WorkerPool, default_jobs, failure

if TYPE_CHECKING:
    import ray

    from bench.scoring.metrics.base import Metric

MAX_BATCH = 256
"""Most jobs per task: enough that Ray's cost per task is small against the extraction."""
BATCHES_PER_CPU = 4
"""A task takes 1 / (BATCHES_PER_CPU x CPUs) of the jobs not yet sent (at most MAX_BATCH):
batches shrink as the work left does, down to one job, so that the CPUs finish together."""
IN_FLIGHT_PER_CPU = 2
_LOCAL_OBJECT_STORE = 256 * 1024 * 1024
"""Bytes of shared memory a local Ray may use for results (outputs of a few batches)."""
START_ATTEMPTS = 2
"""Tries at starting a local Ray: Ray gives its node a fixed 30 s to come up, which a loaded
machine can exceed (seen: 19 s under a load average of 20; at 22, both tries of a run timed
out, which ended with the one-line error)."""
GCS_WAIT_SECONDS = 120
"""How long a local Ray's GCS may take to open its port (Ray's default 30 s; the user's own
RAY_gcs_server_port_wait_time_s is kept)."""


def run_batch(jobs: list[Job], metric: Metric | None, timeout: float | None,
              memory_mb: int | None) -> list[Extraction]:
    """One task: the jobs through a one-worker process pool on this node, scored there with
    `metric` (Ray hands each task the metric unpickled from the run's one copy)."""
    return list(WorkerPool(jobs=1, timeout=timeout, memory_mb=memory_mb).map(jobs,
                                                                            metric=metric))


def batch_size(remaining: int, cpus: int) -> int:
    """The jobs the next task takes when `remaining` are not yet sent (guided scheduling: a
    run of J jobs costs about J / MAX_BATCH + BATCHES_PER_CPU x CPUs x ln(MAX_BATCH) tasks)."""
    return max(1, min(MAX_BATCH, remaining, math.ceil(remaining / (cpus * BATCHES_PER_CPU))))


_PRINTER = "print_to_stdstream"
"""The function of `ray._private.worker` through which the driver prints (Ray 2.x)."""


@contextlib.contextmanager
def _quiet_driver() -> Iterator[None]:
    """Drop what Ray's driver prints from its error thread (see the module docstring)."""
    worker_module = importlib.import_module("ray._private.worker")
    printer = getattr(worker_module, _PRINTER, None)  # None: another Ray, nothing to drop
    if printer is not None:
        setattr(worker_module, _PRINTER, lambda data, ignore_prefix: None)
    try:
        yield
    finally:
        if printer is not None:
            setattr(worker_module, _PRINTER, printer)


@contextlib.contextmanager
def _muted_descriptors() -> Iterator[None]:
    """Point file descriptors 1 and 2 at /dev/null, for the length of Ray's start."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    saved = [os.dup(fd) for fd in (1, 2)]
    with open(os.devnull, "wb") as null:
        for fd in (1, 2):
            os.dup2(null.fileno(), fd)
    try:
        yield
    finally:
        for fd, copy in zip((1, 2), saved, strict=True):
            os.dup2(copy, fd)
            os.close(copy)


def _init(ray_module: Any, **options: Any) -> Exception | None:
    """`ray.init`, muted: None, or the error it raised (what it started is shut down)."""
    with _muted_descriptors():
        try:
            ray_module.init(**options)
        except Exception as error:  # Ray raises ConnectionError, and bare Exceptions
            ray_module.shutdown()
            return error
    return None


def _first_line(error: Exception | None) -> str:
    return " ".join(str(error).split("\n", 1)[0].split())[:300] or type(error).__name__


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise BenchError("--executor ray needs Ray: pip install 'boilerbench[ray]'") from None
    return ray


class RayExecutor:
    """Runs jobs as Ray tasks; see the module docstring."""

    def __init__(self, *, address: str | None = None, jobs: int | None = None,
                 timeout: float | None = None, memory_mb: int | None = None,
                 batch_size: int | None = None) -> None:
        WorkerPool(jobs=jobs, timeout=timeout, memory_mb=memory_mb)  # the same checks
        self.address, self.jobs = address, jobs
        self.timeout, self.memory_mb, self.batch_size = timeout, memory_mb, batch_size

    def _connect(self, ray_module: Any) -> bool:
        """Join the cluster (or start a local Ray); True when this call started it."""
        if ray_module.is_initialized():
            return False
        options: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.CRITICAL,
                                   "include_dashboard": False}
        if self.address is not None:
            error = _init(ray_module, address=self.address, **options)
            if error is not None:
                raise BenchError(f"--ray-address {self.address}: cannot join the Ray cluster "
                                 f"({_first_line(error)}); check that `ray status --address "
                                 f"{self.address}` answers from this machine (a head that "
                                 "`ray start` started wants RAY_AUTH_MODE=token here)")
            return True
        cpus = self.jobs or default_jobs()
        os.environ.setdefault("RAY_gcs_server_port_wait_time_s", str(GCS_WAIT_SECONDS))
        for _attempt in range(START_ATTEMPTS):
            # "local": a Ray of its own, never one that `ray start` left running here
            error = _init(ray_module, address="local", num_cpus=cpus,
                          object_store_memory=_LOCAL_OBJECT_STORE, **options)
            if error is None:
                return True
        raise BenchError(f"cannot start a local Ray ({_first_line(error)}; tried "
                         f"{START_ATTEMPTS} times): on a loaded machine start it once with "
                         f"`ray start --head --num-cpus={cpus}` and pass --ray-address "
                         "127.0.0.1:6379 with RAY_AUTH_MODE=token, or use --executor process")

    def map(self, jobs: Iterable[Job], *, metric: Metric | None = None
            ) -> Iterator[Extraction]:
        """Run every job; yield each extraction (or failure) as its task completes, scored in
        its task with `metric` (None: unscored), so that the main process only writes and
        aggregates, as with the process pool."""
        todo = deque(jobs)
        if not todo:
            return
        ray_module = _import_ray()
        with _quiet_driver():
            yield from self._run(ray_module, todo, metric)

    def _run(self, ray_module: Any, todo: deque[Job], metric: Metric | None
             ) -> Iterator[Extraction]:
        started = self._connect(ray_module)
        in_flight: dict[ray.ObjectRef[list[Extraction]], list[Job]] = {}
        try:
            cpus = max(1, int(ray_module.cluster_resources().get("CPU", 1)))
            task = ray_module.remote(num_cpus=1, max_retries=0)(run_batch)
            shared_metric = ray_module.put(metric)  # pickled once, not once per task
            alone: deque[Job] = deque()  # the jobs of a failed task, one per task again
            while todo or alone or in_flight:
                while (todo or alone) and len(in_flight) < cpus * IN_FLIGHT_PER_CPU:
                    size = min(len(todo), self.batch_size or batch_size(len(todo), cpus))
                    batch = ([alone.popleft()] if alone else
                             [todo.popleft() for _ in range(size)])
                    in_flight[task.remote(batch, shared_metric, self.timeout,
                                         self.memory_mb)] = batch
                done, _ = ray_module.wait(list(in_flight), num_returns=1)
                for ref in done:
                    batch = in_flight.pop(ref)
                    try:
                        results: list[Extraction] = ray_module.get(ref)
                    except ray_module.exceptions.RayError as error:
                        if len(batch) > 1:  # find the page: run each job in a task of its own
                            alone.extend(batch)
                        else:
                            yield failure(batch[0], f"worker died: Ray task failed "
                                                    f"({type(error).__name__})", 0.0)
                        continue
                    yield from results
        finally:
            for ref in in_flight:
                ray_module.cancel(ref, force=True)
            if started:
                ray_module.shutdown()
