"""Jobs and extractions: one extractor on one page, and what it produced.

`extract` runs a job in the calling process; every executor (inline, worker processes) calls it
wherever the job runs, so an extractor is run, timed and has its exceptions recorded one way.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass

from bench.data.page import Page
from bench.text.encoding import UNDECODABLE, UndecodableError, decode_html
from extractors.base import Extractor


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
