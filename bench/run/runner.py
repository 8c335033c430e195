"""Running extractors on pages: jobs go to a pluggable executor, results come back as records.

The runner never imports an adapter by name: it gets Extractor objects from the registry, so
adding an adapter never touches it. Executors (`bench.run.executor`) turn jobs into
extractions; the runner scores each one and appends its record to the run's store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain

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
    """The JSON record of one page and extractor: identity, timing, output and scores (the
    given `scores`, or `score_fields` computed here for an output of `output_format`)."""
    return {
        "page": page.id, "extractor": extraction.extractor, "version": extraction.version,
        "language": page.language, "page_type": page.page_type,
        "seconds": round(extraction.seconds, 6), "peak_mb": extraction.peak_mb,
        "cached": extraction.cached, "error": extraction.error, "output": extraction.output,
        **(scores if scores is not None else
           score_fields(page.gold, extraction.output, metric, diagnostics=diagnostics,
                        output_format=output_format)),
    }


def run(dataset: Dataset, extractors: Sequence[Extractor], *, metric: Metric,
        store: RunStore, executor: Executor | None = None, cache: OutputCache | None = None,
        on_record: Callable[[PageRecord], None] | None = None) -> list[PageRecord]:
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
            record = page_record(job.page, extraction, metric, scores=scores,
                                 output_format=job.extractor.output_format)
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
