"""Jobs and extractions: one extractor on one page, and what it produced.

`perform(job, metric)` is what every executor (inline, worker processes, and any other backend)
runs wherever the job runs: the extraction (`extract`: run, timed, exceptions recorded) with the
extractor's stdout, stderr and log records captured (`bench.run.noise`), then the output scored
against the page's gold, so that a worker sends back numbers plus the output and the main
process only writes and aggregates. Changed from `extract(job)` alone: executors now call
`perform`, and an Extraction carries its `scores` and `noise`.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bench.data.page import Page
from bench.run.noise import capture
from bench.scoring.page_scores import score_fields
from bench.scoring.records import Noise, ScoreFields
from bench.text.encoding import UNDECODABLE, UndecodableError, decode_html
from extractors.base import Extractor

if TYPE_CHECKING:
    from bench.scoring.metrics.base import Metric


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
    scores: ScoreFields | None = None
    """The output's scores, when the job was performed with a metric."""
    noise: Noise | None = None
    """What the extractor printed or logged (None: nothing, or not run here)."""


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


def perform(job: Job, metric: Metric | None) -> Extraction:
    """Run one job as a worker does: extract with the extractor's noise captured, then score
    the output with `metric` (None: leave it unscored)."""
    with capture().around() as noise:
        extraction = extract(job)
    scores = None if metric is None else score_fields(
        job.page.gold, extraction.output, metric, output_format=job.extractor.output_format)
    return replace(extraction, scores=scores, noise=noise[0])
