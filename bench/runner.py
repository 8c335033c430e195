"""Running extractors on pages: jobs go to a pluggable executor, results come back as records.

The runner never imports an adapter by name: it gets Extractor objects from the registry, so
adding an adapter never touches it. An executor only has to turn jobs into extractions; the
inline one runs them here, others (worker processes, a Dask cluster) plug in the same way.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol

from bench.dataset import Dataset, Page
from bench.encoding import UNDECODABLE, UndecodableError, decode_html
from bench.leakage import duplication, leaks
from bench.metrics import Metric
from bench.results import RunStore
from extractors.base import Extractor

if TYPE_CHECKING:
    from bench.cache import OutputCache


@dataclass(frozen=True)
class Job:
    """One extractor to run on one page."""

    extractor: Extractor
    page: Page


@dataclass(frozen=True)
class Extraction:
    """What one job produced: the output text, or the reason it failed, how long it took, the
    peak resident memory of the process that ran it (None when not measured), and whether it
    came from the output cache."""

    page_id: str
    extractor: str
    version: str
    output: str
    error: str | None
    seconds: float
    peak_mb: float | None = None
    cached: bool = False


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
        output, error = extractor.apply(html, url=page.url, language=page.language), None
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


def score_fields(page: Page, output: str, metric: Metric, *,
                 diagnostics: bool = True) -> dict[str, Any]:
    """The scores of one output: the metric's statistics and P/R/F1 (None where the page's gold
    cannot support the metric), and with `diagnostics` the duplication of the output and the
    leaks of the page's labeled boilerplate."""
    fields: dict[str, Any] = {
        "stats": None, "precision": None, "recall": None, "f1": None,
        "duplication": duplication(output) if diagnostics else None,
        "leaks": leaks(page.boilerplate, output) if diagnostics and page.boilerplate else None,
    }
    stats = metric.page_stats_for(page, output)
    if stats is not None:
        score = metric.score_stats(stats)
        fields |= {"stats": list(stats), "precision": score.precision, "recall": score.recall,
                   "f1": score.f1}
    return fields


def page_record(page: Page, extraction: Extraction, metric: Metric, *,
                diagnostics: bool = True, scores: Mapping[str, Any] | None = None
                ) -> dict[str, Any]:
    """The JSON record of one page and extractor: identity, timing, output and scores (the
    given `scores`, or `score_fields` computed here)."""
    return {
        "page": page.id, "extractor": extraction.extractor, "version": extraction.version,
        "language": page.language, "page_type": page.page_type,
        "seconds": round(extraction.seconds, 6), "peak_mb": extraction.peak_mb,
        "cached": extraction.cached, "error": extraction.error, "output": extraction.output,
        **(scores if scores is not None else
           score_fields(page, extraction.output, metric, diagnostics=diagnostics)),
    }


def run(dataset: Dataset, extractors: Sequence[Extractor], *, metric: Metric,
        store: RunStore, executor: Executor | None = None, cache: OutputCache | None = None,
        on_record: Callable[[dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    """Run every extractor on every page not already in `store`; return all records.

    Outputs found in `cache` are not computed again, fresh ones are added to it (and so are
    their scores, for as long as the page's gold and the metric stay the same). Each record
    is appended to the store as soon as it is scored, so an interrupted run loses at most the
    jobs in flight, and running again with the same store resumes.
    """
    done = store.done()
    jobs = {(page.id, extractor.name): Job(extractor, page) for page in dataset
            for extractor in extractors if (page.id, extractor.name) not in done}
    hits, to_run = cache.split(list(jobs.values())) if cache else ([], list(jobs.values()))
    try:
        for extraction in chain(hits, (executor or InlineExecutor()).map(to_run)):
            job = jobs[extraction.page_id, extraction.extractor]
            scores = cache.scores(job, metric) if cache and extraction.cached else None
            record = page_record(job.page, extraction, metric, scores=scores)
            store.append(record)
            if cache is not None:
                cache.put(job, extraction)
                if scores is None:
                    cache.put_scores(job, metric, record)
            if on_record is not None:
                on_record(record)
    finally:
        store.sync()
    wanted = {extractor.name for extractor in extractors}
    return [record for record in store.records() if record["extractor"] in wanted]
