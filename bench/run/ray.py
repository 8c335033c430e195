"""The Ray executor: the same jobs as the worker pool, run as Ray tasks on a local Ray or a
cluster (`boilerbench[ray]`).

A task carries a batch of jobs (a trivial Ray task costs about 1 ms, as much as resiliparse
spends on a page) and runs them through a one-worker `WorkerPool` on the node that runs it, so
that a page meets exactly the process pool's per-page timeout, memory cap and crash handling,
and its record is the same. A task that fails as a whole (its Ray worker or node died) is run
again one job per task, so that the failure lands on the page that caused it; a one-job task
that fails is a failure of that page, and the run goes on. Results stream back as tasks
finish, at most a few batches per CPU in flight.

Pages are read where the task runs: on a cluster, the dataset's files must be at the same path
on every node (shared storage), and boilerbench installed in every node's Python.
"""

from __future__ import annotations

import logging
import math
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
"""Batches per CPU a dataset is cut into at least, so that the CPUs share the end of a run."""
IN_FLIGHT_PER_CPU = 2
_LOCAL_OBJECT_STORE = 256 * 1024 * 1024
"""Bytes of shared memory a local Ray may use for results (outputs of a few batches)."""


def run_batch(jobs: list[Job], timeout: float | None, memory_mb: int | None
              ) -> list[Extraction]:
    """One task: the jobs through a one-worker process pool on this node."""
    return list(WorkerPool(jobs=1, timeout=timeout, memory_mb=memory_mb).map(jobs))


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
        options: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR,
                                   "include_dashboard": False}
        if self.address is None:
            options.update(num_cpus=self.jobs or default_jobs(),
                           object_store_memory=_LOCAL_OBJECT_STORE)
        try:
            ray_module.init(address=self.address, **options)
        except Exception as error:  # Ray raises bare Exceptions (a local start timed out)
            where = ("cannot start a local Ray" if self.address is None else
                     f"--ray-address {self.address}: cannot join the Ray cluster")
            raise BenchError(f"{where}: {error}") from None
        return True

    def _batches(self, jobs: list[Job], cpus: int) -> deque[list[Job]]:
        size = self.batch_size or max(1, min(MAX_BATCH,
                                             math.ceil(len(jobs) / (cpus * BATCHES_PER_CPU))))
        return deque(jobs[start:start + size] for start in range(0, len(jobs), size))

    def map(self, jobs: Iterable[Job], *, metric: Metric | None = None
            ) -> Iterator[Extraction]:
        """Run every job; yield each extraction (or failure) as its task completes. `metric`
        is not sent to the tasks yet (a metric's gold caches do not pickle): Ray's extractions
        come back unscored and the runner scores them in the main process."""
        todo = list(jobs)
        if not todo:
            return
        ray_module = _import_ray()
        started = self._connect(ray_module)
        in_flight: dict[ray.ObjectRef[list[Extraction]], list[Job]] = {}
        try:
            cpus = max(1, int(ray_module.cluster_resources().get("CPU", 1)))
            task = ray_module.remote(num_cpus=1, max_retries=0)(run_batch)
            pending = self._batches(todo, cpus)
            while pending or in_flight:
                while pending and len(in_flight) < cpus * IN_FLIGHT_PER_CPU:
                    batch = pending.popleft()
                    in_flight[task.remote(batch, self.timeout, self.memory_mb)] = batch
                done, _ = ray_module.wait(list(in_flight), num_returns=1)
                for ref in done:
                    batch = in_flight.pop(ref)
                    try:
                        results: list[Extraction] = ray_module.get(ref)
                    except ray_module.exceptions.RayError as error:
                        if len(batch) > 1:  # find the page: run each job in a task of its own
                            pending.extendleft([job] for job in reversed(batch))
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
