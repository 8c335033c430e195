"""Running extractors on pages: jobs go to a pluggable executor, results come back as records.

The runner never imports an adapter by name: it gets Extractor objects from the registry, so
adding an adapter never touches it. Executors (`bench.run.executor`) turn jobs into scored
extractions (`bench.run.job.perform`: scoring happens where the extraction ran); the runner
only turns each into its record and appends it to the run's store. Jobs are made and handed
out as the executor takes them, and records are not kept: memory does not grow with the
number of pages. A run is one pass over its records: a resumed run's stored records are read
once, both to find the jobs already done and to be aggregated (`on_stored`), and each new one
is aggregated as it is appended (`on_record`), so that a summary needs no pass of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from bench.data.page import Dataset, Page
from bench.run.cache import OutputCache
from bench.run.executor import Executor, InlineExecutor
from bench.run.job import Extraction, Job
from bench.run.store import RunStore
from bench.scoring.metrics.base import Metric
from bench.scoring.page_scores import score_fields
from bench.scoring.records import PageRecord, ScoreFields
from extractors.base import Extractor


def page_record(page: Page, extraction: Extraction, metric: Metric, *,
                diagnostics: bool = True, scores: ScoreFields | None = None,
                output_format: str = "text") -> PageRecord:
    """The JSON record of one page and extractor: identity, timing, output, noise and scores
    (the given `scores`, else the extraction's own, else `score_fields` computed here for an
    output of `output_format`)."""
    scores = scores or extraction.scores
    return {
        "page": page.id, "extractor": extraction.extractor, "version": extraction.version,
        "language": page.language, "page_type": page.page_type,
        "seconds": round(extraction.seconds, 6), "peak_mb": extraction.peak_mb,
        "cached": extraction.cached, "error": extraction.error, "output": extraction.output,
        "noise": extraction.noise,
        **(scores if scores is not None else
           score_fields(page.gold, extraction.output, metric, diagnostics=diagnostics,
                        output_format=output_format)),
    }


def run(dataset: Dataset, extractors: Sequence[Extractor], *, metric: Metric,
        store: RunStore, executor: Executor | None = None, cache: OutputCache | None = None,
        on_record: Callable[[PageRecord], None] | None = None,
        on_stored: Callable[[PageRecord], None] | None = None) -> None:
    """Run every extractor on every page not already in `store`.

    Outputs found in `cache` are not computed again, fresh ones are added to it (and so are
    their scores, for as long as the page's gold and the metric stay the same). Each record
    is appended to the store as soon as it arrives, so an interrupted run loses at most the
    jobs in flight, and running again with the same store resumes. `on_stored` is given
    each record already in the store (read in the pass that finds them done), before any job
    runs; `on_record` each new one.
    """
    done = store.done(on_record=on_stored)
    in_flight: dict[tuple[str, str], Job] = {}

    def record(job: Job, extraction: Extraction) -> None:
        scores = cache.scores(job, metric) if cache and extraction.cached else None
        line = page_record(job.page, extraction, metric, scores=scores,
                           output_format=job.extractor.output_format)
        store.append(line)
        if cache is not None:
            cache.put(job, extraction)
            if scores is None:
                cache.put_scores(job, metric, line)
        if on_record is not None:
            on_record(line)

    def to_run() -> Iterator[Job]:
        """The jobs not done yet and not cached; a cached one is recorded on the way."""
        for page in dataset:
            for extractor in extractors:
                if (page.id, extractor.name) in done:
                    continue
                job = Job(extractor, page)
                hit = cache.get(job) if cache is not None else None
                if hit is not None:
                    record(job, hit)
                    continue
                in_flight[page.id, extractor.name] = job
                yield job

    try:
        for extraction in (executor or InlineExecutor()).map(to_run(), metric=metric):
            record(in_flight.pop((extraction.page_id, extraction.extractor)), extraction)
    finally:
        store.sync()
