"""The executor interface, and the executor that runs jobs inline.

An executor only has to turn jobs into extractions, in any order, by calling
`bench.run.job.perform(job, metric)` wherever it runs them (that one function extracts,
captures the extractor's noise and scores the output): the inline one runs them here, the
worker pool (`bench.run.workers`) in child processes with limits; other backends plug in the
same way. Changed: `map` takes the `metric` to score with (None: extractions come back
unscored), so that scoring happens where the extraction ran.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from bench.run.job import Extraction, Job, perform

if TYPE_CHECKING:
    from bench.scoring.metrics.base import Metric


class Executor(Protocol):
    """Turns jobs into extractions, in any order."""

    def map(self, jobs: Iterable[Job], *, metric: Metric | None = None
            ) -> Iterator[Extraction]:
        """Run every job (`perform(job, metric)`) and yield its extraction as it completes."""
        ...


class InlineExecutor:
    """Runs jobs one after another in this process."""

    def map(self, jobs: Iterable[Job], *, metric: Metric | None = None
            ) -> Iterator[Extraction]:
        """Run every job in order."""
        return (perform(job, metric) for job in jobs)
