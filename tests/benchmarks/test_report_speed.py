"""Speed of reports on hostile outputs, measured never asserted: the HTML report of a run in
which one output is a 5 MB line and another 50,000 one-line links (README.md, "Benchmarks").
The diff is linear past its limits (bench.report.diff), so these finish; the time is printed
(run with -s) and kept in extra_info."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.gold.format import load_gold
from bench.report.html import render
from bench.run.finished import Run
from tests.helpers import REFERENCE_ID, answering, write_run

LINE = "word " * 1_000_000  # 5 MB on one line
LINKS = "\n".join(f"link number {number}" for number in range(50_000))


@pytest.mark.benchmark(group="report")
def test_html_report_of_a_run_with_a_5_mb_output(benchmark: Any, tmp_path: Path) -> None:
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    run = Run.load(write_run(tmp_path / "run", dataset, [
        answering(dataset, "five-megabytes", lambda _page: LINE),
        answering(dataset, "fifty-thousand-links", lambda _page: LINKS)]))
    html = benchmark.pedantic(render, args=(run, dataset), rounds=1, iterations=1)
    assert "Compared coarsely: a changed passage of 1,000," in html
    assert "Compared coarsely: 50,000 lines, too many to align" in html
    seconds = benchmark.stats.stats.mean
    benchmark.extra_info["seconds"] = seconds
    print(f"\nHTML report of a 5 MB output and 50,000 links: {seconds:.1f} s, "
          f"{len(html) / 1e6:.1f} MB of HTML")
