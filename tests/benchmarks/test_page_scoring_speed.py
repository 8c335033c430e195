"""Speed of scoring one page in the worker (`score_fields`: tokens, duplication, leaks and the
token-f1 statistics) on resiliparse's outputs of AEB's 181 pages, in ms per page, beside its
parts and the extraction itself (issue 12: scoring must cost little next to extracting).

Run: .venv/bin/python -m pytest tests/benchmarks/test_page_scoring_speed.py --benchmark-only -s
Each round scores every page once. The metric remembers the last GOLD_MEMORY (16) golds, as
in a run, so each of the 181 golds is tokenised again in every round: the cost of a page's
first extractor, and of every page of a corpus whose golds are all different. A second figure
remembers all 181 (`Metric.remembering`): the cost of a page's other extractors.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from bench.data.formats import load_dataset
from bench.data.page import Page
from bench.run.job import Job, extract
from bench.scoring.leakage import duplication, line_tokens
from bench.scoring.metrics import get_metric
from bench.scoring.metrics.base import Metric
from bench.scoring.page_scores import score_fields
from extractors import registry
from extractors.base import Extractor
from tests.helpers import public_data

pytestmark = pytest.mark.benchmark


@pytest.fixture(scope="module")
def scored() -> tuple[list[Page], list[str], Metric, Extractor]:
    dataset = load_dataset(f"aeb:{public_data('aeb')}")
    extractor = registry.load("resiliparse")
    pages = list(dataset)
    outputs = [extract(Job(extractor, page)).output for page in pages]
    metric = get_metric("token-f1", dataset=dataset.label)
    for page, output in zip(pages, outputs, strict=True):
        score_fields(page.gold, output, metric)
    return pages, outputs, metric, extractor


def _ms_per_page(function: Callable[[], object], pages: int, rounds: int = 5) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return round(min(timings) / pages * 1000, 3)


def test_score_fields_per_page(benchmark: Any,
                               scored: tuple[list[Page], list[str], Metric, Extractor]) -> None:
    pages, outputs, metric, extractor = scored

    def score_all() -> list[object]:
        return [score_fields(page.gold, output, metric)
                for page, output in zip(pages, outputs, strict=True)]

    fields = benchmark.pedantic(score_all, rounds=5, iterations=1)
    assert len(fields) == len(pages)
    lines = [line_tokens(output) for output in outputs]
    tokens = [[token for line in page_lines for token in line] for page_lines in lines]
    stats = [metric.gold_stats(page.gold, output, tokens=page_tokens)
             for page, output, page_tokens in zip(pages, outputs, tokens, strict=True)]
    with metric.remembering(len(pages)):
        score_all()
        remembered = _ms_per_page(score_all, len(pages))
    parts = {
        "score_fields": benchmark.stats.stats.min / len(pages) * 1000,
        "score_fields, gold remembered": remembered,
        "extract (resiliparse, for scale)": _ms_per_page(
            lambda: [extract(Job(extractor, page)) for page in pages],
            len(pages), rounds=2),
        "line_tokens (normalise, tokenise)": _ms_per_page(
            lambda: [line_tokens(output) for output in outputs], len(pages)),
        "gold_stats (token-f1, gold tokenised)": _ms_per_page(
            lambda: [metric.gold_stats(page.gold, output, tokens=page_tokens)
                     for page, output, page_tokens in zip(pages, outputs, tokens, strict=True)],
            len(pages)),
        "duplication": _ms_per_page(
            lambda: [duplication(output, lines=page_lines)
                     for output, page_lines in zip(outputs, lines, strict=True)], len(pages)),
        "score_stats": _ms_per_page(lambda: [metric.score_stats(row) for row in stats
                                             if row is not None], len(pages)),
    }
    benchmark.extra_info.update({f"{name} ms/page": round(ms, 3) for name, ms in parts.items()})
    for name, ms in parts.items():
        print(f"\n{name}: {ms:.3f} ms/page", end="")
    print(f"\n({sum(map(len, outputs)) / len(outputs):,.0f} output characters a page)")
