"""Finished run directories made with the real runner and summary on real pages, from
extractors that answer with the gold (or a damaged copy of it), for the gate and report tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from bench.data.page import Dataset, Page
from bench.run.runner import run
from bench.run.store import RunStore, manifest_for
from bench.scoring.metrics.base import Metric
from bench.scoring.metrics.token_f1 import TokenF1
from bench.scoring.summary import summarize
from extractors.base import Extractor

Answer = Callable[[Page], str]


def gold_answer(page: Page) -> str:
    """The gold body itself: a perfect extractor."""
    return page.body or ""


def answering(dataset: Dataset, name: str, answer: Answer = gold_answer) -> Extractor:
    """An extractor that looks the page up by its URL and returns `answer(page)`."""
    by_url = {page.url: page for page in dataset}
    assert len(by_url) == len(dataset), "page URLs must be unique to look pages up"
    return Extractor(name=name, package="boilerbench",
                     extract=lambda _html, url: answer(by_url[url]))


def write_run(directory: Path, dataset: Dataset, extractors: Sequence[Extractor], *,
              dataset_spec: str | None = None, metric: Metric | None = None) -> Path:
    """Run, summarise and write a run directory as `boilerbench run` does (token-f1 unless
    another metric is given)."""
    metric = metric or TokenF1(dataset=dataset.label)
    store = RunStore(directory)
    store.start(manifest_for(run_id=directory.name, dataset=dataset, dataset_spec=dataset_spec,
                             split=None, metric=metric, extractors=extractors))
    run(dataset, extractors, metric=metric, store=store)
    store.write_summary(summarize(run_id=directory.name, dataset=dataset,
                                  extractors=extractors, records=store.records(),
                                  metric=metric))
    return directory
