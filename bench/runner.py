"""Running extractors on pages: jobs go to a pluggable executor, results come back as records.

The runner never imports an adapter by name: it gets Extractor objects from the registry, so
adding an adapter never touches it. An executor only has to turn jobs into extractions; the
inline one runs them here, others (worker processes, a Dask cluster) plug in the same way.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bench.dataset import Dataset, Page
from bench.encoding import UNDECODABLE, UndecodableError, decode_html
from bench.leakage import duplication, leaks
from bench.metrics import Metric
from bench.results import RunStore
from extractors.base import Extractor


@dataclass(frozen=True)
class Job:
    """One extractor to run on one page."""

    extractor: Extractor
    page: Page


@dataclass(frozen=True)
class Extraction:
    """What one job produced: the output text, or the reason it failed, and how long it took."""

    page_id: str
    extractor: str
    version: str
    output: str
    error: str | None
    seconds: float


class Executor(Protocol):
    """Turns jobs into extractions, in any order."""

    def map(self, jobs: Iterable[Job]) -> Iterator[Extraction]:
        """Run every job and yield its extraction as it completes."""
        ...


def _page_input(page: Page, extractor: Extractor) -> str | bytes:
    """The page as strictly decoded text; the raw bytes instead, for an extractor that takes
    them, when no charset decodes the page (measured: trafilatura's own charset detection
    does worse than ours on GB2312 pages, so it gets text whenever there is text to give)."""
    raw = page.read_html()
    try:
        return decode_html(raw, page.encoding)[0]
    except UndecodableError:
        if extractor.accepts_bytes:
            return raw
        raise


def extract(job: Job) -> Extraction:
    """Run one job in this process; any exception becomes a recorded failure."""
    extractor, page = job.extractor, job.page
    started = time.perf_counter()
    try:
        html: str | bytes = _page_input(page, extractor)
        started = time.perf_counter()
        output, error = extractor.extract(html, page.url), None
        if not isinstance(output, str):
            output, error = "", f"TypeError: returned {type(output).__name__}, not str"
    except UndecodableError as undecodable:
        output, error = "", f"{UNDECODABLE}{undecodable}"
    except Exception as exception:  # an extractor failing on a page must not stop the run
        frame = traceback.extract_tb(exception.__traceback__)[-1]
        output, error = "", (f"{type(exception).__name__}: {exception} "
                             f"(at {frame.filename}:{frame.lineno})")
    return Extraction(page_id=page.id, extractor=extractor.name, version=extractor.version,
                      output=output, error=error, seconds=time.perf_counter() - started)


class InlineExecutor:
    """Runs jobs one after another in this process."""

    def map(self, jobs: Iterable[Job]) -> Iterator[Extraction]:
        """Run every job in order."""
        return map(extract, jobs)


def page_record(page: Page, extraction: Extraction, metric: Metric, *,
                diagnostics: bool = True) -> dict[str, Any]:
    """The JSON record of one page and extractor: identity, timing, output and scores, and
    (with `diagnostics`) the leaks of labeled boilerplate and the duplication of the output."""
    record: dict[str, Any] = {
        "page": page.id, "extractor": extraction.extractor, "version": extraction.version,
        "language": page.language, "page_type": page.page_type,
        "seconds": round(extraction.seconds, 6), "error": extraction.error,
        "output": extraction.output, "stats": None, "precision": None, "recall": None,
        "f1": None, "duplication": duplication(extraction.output) if diagnostics else None,
        "leaks": (leaks(page.boilerplate, extraction.output)
                  if diagnostics and page.boilerplate else None),
    }
    stats = metric.page_stats_for(page, extraction.output)
    if stats is not None:  # None: this page's gold cannot support the metric
        score = metric.score_stats(stats)
        record |= {"stats": list(stats), "precision": score.precision, "recall": score.recall,
                   "f1": score.f1}
    return record


def run(dataset: Dataset, extractors: Sequence[Extractor], *, metric: Metric,
        store: RunStore, executor: Executor | None = None,
        on_record: Callable[[dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    """Run every extractor on every page not already in `store`; return all records.

    Each record is appended to the store as soon as it is scored, so an interrupted run loses
    at most the jobs in flight, and running again with the same store resumes.
    """
    pages = {page.id: page for page in dataset}
    done = store.done()
    jobs = [Job(extractor, page) for page in dataset for extractor in extractors
            if (page.id, extractor.name) not in done]
    for extraction in (executor or InlineExecutor()).map(jobs):
        record = page_record(pages[extraction.page_id], extraction, metric)
        store.append(record)
        if on_record is not None:
            on_record(record)
    wanted = {extractor.name for extractor in extractors}
    return [record for record in store.records() if record["extractor"] in wanted]
