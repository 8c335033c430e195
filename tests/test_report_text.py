"""Markdown, CSV and JSON reports of a run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from bench.data.formats import load_dataset
from bench.report.plain import to_csv, to_json, to_markdown
from bench.run.finished import Run
from tests.helpers import answering, write_run


@pytest.fixture
def run(tmp_path: Path) -> Run:
    pages = [{"id": "=cmd|' /C calc'!A0", "url": "https://example.org/1", "language": "en",
              "page_type": "news", "html": "<p>x</p>", "body": "one two three four"},
             {"id": "b", "url": "https://example.org/2", "language": "de",
              "page_type": "blog", "html": "<p>y</p>", "body": "eins zwei drei vier"}]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(page) + "\n" for page in pages), encoding="utf-8")
    dataset = load_dataset(f"jsonl:{path}")
    return Run.load(write_run(tmp_path / "run-1", dataset, [
        answering(dataset, "gold"),
        answering(dataset, "half|x", lambda page: " ".join((page.body or "").split()[:2]))]))


def test_markdown(run: Run) -> None:
    label = run.summary["dataset"]["label"]
    text = to_markdown(run)
    assert text.startswith(f"# boilerbench token-f1 on {label}\n\nRun `run-1`; signature "
                           f"`{run.signature}`.\n\n")
    tables = text.split("\n\n", 2)[2]
    # Without the timing column, which varies.
    rows = [line.rsplit(" | ", 1)[0] for line in tables.splitlines() if line.startswith("| ")]
    version = run.summary["extractors"][0]["version"]
    assert "\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n" in tables
    assert rows[:3] == [
        "| extractor | version | precision | recall | F1 | F1 95% CI | pages | failures",
        f"| gold | {version} | 1.000 | 1.000 | 1.000 | 1.000–1.000 | 2 | 0",
        rf"| half\|x | {version} | 1.000 | 0.500 | 0.667 | 0.667–0.667 | 2 | 0"]
    assert "## Mean page F1 by language (scored pages)" in text
    assert "| language | gold | half\\|x |\n|---|---:|---:|\n| de | 1.000 (1) | 0.667 (1) |\n" \
           "| en | 1.000 (1) | 0.667 (1) |\n" in text
    assert "## Mean page F1 by page type (scored pages)" in text
    assert "Leaks" not in text  # no labeled boilerplate in this dataset


def test_csv_has_a_row_per_page_and_extractor_and_no_formulas(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(run))))
    assert [(row["page"], row["extractor"]) for row in rows] == [
        ("'=cmd|' /C calc'!A0", "gold"), ("'=cmd|' /C calc'!A0", "half|x"), ("b", "gold"),
        ("b", "half|x")]
    assert rows[1]["f1"] == str(2 / 3) and rows[1]["recall"] == "0.5"
    assert rows[1]["error"] == "" and rows[1]["leaked"] == ""
    assert "output" not in rows[0]


def test_json_has_breakdowns_and_records_without_outputs(run: Run) -> None:
    data = json.loads(to_json(run))
    assert set(data) == {"schema", "run", "summary", "mean_page_f1_by", "pages"}
    assert data["mean_page_f1_by"]["language"]["de"]["half|x"] == {"f1": 2 / 3, "pages": 1}
    assert data["mean_page_f1_by"]["page_type"]["blog"]["gold"] == {"f1": 1.0, "pages": 1}
    assert len(data["pages"]) == 4 and all("output" not in page for page in data["pages"])
    assert data["summary"]["signature"] == run.signature


def test_markdown_shows_the_metrics_extra_corpus_values(tmp_path: Path) -> None:
    from bench.scoring.metrics.wcxb import WCXB

    dataset = load_dataset(f"wcxb:{Path(__file__).parent / 'fixtures' / 'wcxb'}")
    run = Run.load(write_run(tmp_path / "run-w", dataset, [answering(dataset, "gold")],
                             metric=WCXB(dataset=dataset.label)))
    lines = to_markdown(run).splitlines()
    assert lines[4] == ("| extractor | version | precision | recall | F1 | F1 95% CI | "
                        "with\\_rate | without\\_rate | pages | failures | median ms |")
    assert lines[6].startswith("| gold | 0.1.0 | 1.000 | 1.000 | 1.000 | 1.000–1.000 | 1.000 | "
                               "0.000 | 3 | 0 | ")
