"""The executor interface, and the executor that runs jobs inline.

An executor only has to turn jobs into extractions, in any order: the inline one runs them
here, the worker pool (`bench.run.workers`) in child processes with limits; other backends
plug in the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from bench.run.job import Extraction, Job, extract


class Executor(Protocol):
    """Turns jobs into extractions, in any order."""

    def map(self, jobs: Iterable[Job]) -> Iterator[Extraction]:
        """Run every job and yield its extraction as it completes."""
        ...


class InlineExecutor:
    """Runs jobs one after another in this process."""

    def map(self, jobs: Iterable[Job]) -> Iterator[Extraction]:
        """Run every job in order."""
        return map(extract, jobs)
