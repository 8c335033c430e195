"""The profile: agreement, lengths, failures by kind (pure), and the `profile` command on a WARC
built from gold pages and on the gold set, with its drafts and its HTML report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.cli import main
from bench.data.formats.warc import response_record
from bench.scoring.metrics import get_metric
from bench.scoring.profile import REFERENCE, agreement_f1, failure_kind, profile
from bench.scoring.records import PageRecord


def _record(page: str, extractor: str, output: str, *, error: str | None = None,
            seconds: float = 0.01, f1: float | None = None) -> PageRecord:
    return {"page": page, "extractor": extractor, "version": "1", "language": None,
            "page_type": None, "seconds": seconds, "peak_mb": 50.0, "cached": False,
            "error": error, "output": output, "stats": None, "precision": None,
            "recall": None, "f1": f1, "duplication": None, "leaks": None}


def test_agreement_is_symmetric_token_f1_with_the_scorers_normalisation() -> None:
    metric = get_metric("token-f1")
    a, b = metric.tokens("The Cat sat on the mat"), metric.tokens("the cat sat")
    assert agreement_f1(a, b) == agreement_f1(b, a) == pytest.approx(2 * 3 / (6 + 3))
    assert agreement_f1([], []) == 1.0
    assert agreement_f1(a, []) == 0.0


def test_failure_kinds_match_the_workers_messages() -> None:
    assert failure_kind("timeout after 5 s") == "timeout"
    assert failure_kind("worker died: signal 11 (SIGSEGV)") == "crash"
    assert failure_kind("worker died: Ray task failed (WorkerCrashedError)") == "crash"
    assert failure_kind("MemoryError:  (at x.py:1)") == "memory"
    assert failure_kind("undecodable: no charset decodes the page cleanly") == "undecodable"
    assert failure_kind("ValueError: bad (at x.py:3)") == "error"


def test_profile_of_records() -> None:
    records = [
        _record("p1", REFERENCE, "one two three four five six seven eight nine ten"),
        _record("p1", "a", "one two three four", seconds=0.002),
        _record("p1", "b", "one two three four", seconds=0.004),
        _record("p2", REFERENCE, "alpha beta gamma delta"),
        _record("p2", "a", "alpha beta", seconds=0.002),
        _record("p2", "b", "gamma delta", seconds=0.006),
        _record("p3", REFERENCE, "x y"),
        _record("p3", "a", "", seconds=0.002),
        _record("p3", "b", "", error="timeout after 5 s", seconds=5.0),
    ]
    result = profile(run_id="r", dataset="d", records=records, extractors=["a", "b"],
                     metric=get_metric("token-f1"), urls={"p2": "https://x.test/2"},
                     f1={"a": None, "b": None})
    a, b = result["extractors"]
    assert a["pages"] == b["pages"] == 3
    assert a["pages_per_second"] == pytest.approx(3 / 0.006)
    assert b["failures"]["timeout"] == 1 and sum(a["failures"].values()) == 0
    assert a["empty_share"] == pytest.approx(1 / 3) and b["empty_share"] == 0.0
    assert a["lengths"]["median_tokens"] == 2
    assert a["lengths"]["ratio_quantiles"][2] == pytest.approx(0.4)  # 4/10, 2/4, 0/2
    assert sum(a["lengths"]["ratio_histogram"]) == 3
    # p1 agrees fully, p2 not at all; p3 is left out (b failed there)
    assert result["agreement"]["matrix"][0][1] == pytest.approx(0.5)
    assert result["agreement"]["pages"][0][1] == 2
    assert [entry["page"] for entry in result["disputed"]] == ["p2", "p1"]
    assert result["disputed"][0]["url"] == "https://x.test/2"
    assert result["agreement_f1_correlation"] is None  # no gold


def test_the_profile_streams_records_in_any_order_and_holds_only_open_pages() -> None:
    """Records come in completion order, not page by page: the profile is the same whatever
    the order (a page is profiled, its outputs let go, as soon as its records are all in), and
    a page an interrupted run left incomplete is profiled at the end."""
    pages = [(f"p{n:02d}", " ".join(f"w{k}" for k in range(n + 2))) for n in range(30)]
    records = [record for page, text in pages for record in (
        _record(page, REFERENCE, text), _record(page, "a", text[: len(text) // 2]),
        _record(page, "b", text, f1=0.5))]
    records.pop()  # p29 has no record of b
    options: dict[str, Any] = {"run_id": "r", "dataset": "d", "extractors": ["a", "b"],
                               "metric": get_metric("token-f1"), "urls": {}, "disputed": 5,
                               "f1": {"a": None, "b": None}}
    in_order = profile(records=records, **options)
    assert profile(records=records[::-1], **options) == in_order
    interleaved = records[1::2] + records[::2]
    assert profile(records=interleaved, **options) == in_order
    assert in_order["pages"] == 30 and in_order["extractors"][1]["pages"] == 29
    assert len(in_order["disputed"]) == 5
    every = profile(records=records, **{**options, "disputed": 30})["disputed"]
    assert len(every) == 29  # not p29: without b it has no pair
    assert in_order["disputed"] == sorted(every, key=lambda d: (d["agreement"], d["page"]))[:5]

    assert profile(records=iter(records), **options) == in_order  # read once, as streamed


def _warc(path: Path, gold_dir: Path, count: int) -> Path:
    with path.open("wb") as handle:
        for page in sorted(gold_dir.glob("*.html"))[:count]:
            handle.write(response_record(f"https://gold.test/{page.stem}", page.read_bytes(),
                                         compress=True))
        handle.write(response_record("https://gold.test/x.css", b"body{}",
                                     content_type="text/css", compress=True))
    return path


def _profile(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["profile", *args, "--json", "--no-progress", "-j", "1"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_profile_of_a_warc_has_no_scores_and_samples_drafts(
        tmp_path: Path, gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warc = _warc(tmp_path / "crawl.warc.gz", gold_dir, 6)
    drafts = tmp_path / "drafts"
    result = _profile(["--dataset", f"warc:{warc}", "-e", "resiliparse", "-e", "fulltext",
                       "--reports-dir", str(tmp_path / "reports"), "--sample", "2",
                       "--out", str(drafts)], capsys)
    assert result["pages"] == 6
    assert [row["name"] for row in result["extractors"]] == ["resiliparse", "fulltext"]
    assert all(row["f1"] is None for row in result["extractors"])
    assert result["skipped"] == {"content type text/css": 1}
    assert len(result["disputed"]) == 6
    assert len(list(drafts.glob("*.toml"))) == len(list(drafts.glob("*.html"))) == 2
    assert main(["validate", str(drafts)]) == 0
    capsys.readouterr()
    (run_dir,) = (tmp_path / "reports").iterdir()
    assert main(["report", str(run_dir)]) == 0
    html = (run_dir / "report.html").read_text()
    assert "<script" not in html and "Agreement" in html and html.count("<svg") == 2
    assert "&lt;urn:uuid:" in html and "<urn:uuid:" not in html  # record ids, escaped


def test_profile_of_the_gold_set_shows_scores_beside_agreement(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = _profile(["-e", "resiliparse", "-e", "trafilatura", "--page", "en-*",
                       "--reports-dir", str(tmp_path)], capsys)
    assert all(row["f1"] is not None for row in result["extractors"])
    assert result["agreement_f1_correlation"] is not None
    assert 0 < result["agreement"]["matrix"][0][1] < 1


def test_profile_tables_print(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "-e", "fulltext", "-e", "resiliparse", "--page", "en-*",
                 "--reports-dir", str(tmp_path), "--no-progress", "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "agreement" in out and "most disputed pages" in out and "results:" in out


def test_sample_needs_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "-e", "fulltext", "--sample", "3"]) == 2
    assert "--sample N and --out DIR go together" in capsys.readouterr().err
