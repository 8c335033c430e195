"""The runner: failures are recorded per page, results are appended, runs resume."""

from __future__ import annotations

from pathlib import Path

from bench.data.page import Page
from bench.gold.format import load_gold
from bench.run.job import Job, extract
from bench.run.runner import run
from bench.run.store import RunStore
from bench.scoring.metrics.token_f1 import TokenF1
from extractors.base import Extractor
from tests.helpers import REFERENCE_ID


def _boom(html: str, url: str | None) -> str:
    raise RuntimeError("adapter exploded")


def _not_text(html: str, url: str | None) -> str:
    return None  # type: ignore[return-value]


def _echo_title(html: str, url: str | None) -> str:
    return "উত্তর কোরিয়ার সঙ্গে সম্পর্ক"


BOOM = Extractor(name="boom", package="boilerbench", extract=_boom)
NOT_TEXT = Extractor(name="not-text", package="boilerbench", extract=_not_text)
TITLE = Extractor(name="title", package="boilerbench", extract=_echo_title)


def test_an_exception_is_a_recorded_failure() -> None:
    (page,) = load_gold().select(page_ids=[REFERENCE_ID]).pages
    extraction = extract(Job(BOOM, page))
    assert extraction.output == ""
    assert extraction.error is not None
    assert extraction.error.startswith("RuntimeError: adapter exploded (at ")


def test_a_non_string_result_is_a_failure() -> None:
    (page,) = load_gold().select(page_ids=[REFERENCE_ID]).pages
    assert extract(Job(NOT_TEXT, page)).error == "TypeError: returned NoneType, not str"


def test_run_goes_on_after_a_failure_and_scores_it_zero(tmp_path: Path) -> None:
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    store = RunStore(tmp_path / "run")
    run(dataset, [BOOM, TITLE], metric=TokenF1(), store=store)
    records = store.records()
    assert [r["extractor"] for r in records] == ["boom", "title"] * len(dataset)
    boom = records[0]
    assert boom["error"].startswith("RuntimeError")
    assert (boom["recall"], boom["f1"]) == (0.0, 0.0)
    assert records[1]["error"] is None
    assert records[1]["precision"] == 1.0


def test_resume_runs_only_what_is_missing(tmp_path: Path) -> None:
    dataset = load_gold()
    store = RunStore(tmp_path / "run")
    run(dataset, [TITLE], metric=TokenF1(), store=store)
    calls: list[str] = []

    def counting(html: str, url: str | None) -> str:
        calls.append(url or "")
        return ""

    counter = Extractor(name="counter", package="boilerbench", extract=counting)
    resumed = RunStore(tmp_path / "run")
    run(dataset, [TITLE, counter], metric=TokenF1(), store=resumed)
    records = RunStore(tmp_path / "run").records()
    assert len(calls) == len(dataset)  # TITLE was not run again
    assert len(records) == 2 * len(dataset)


def test_a_resumed_run_hands_on_its_stored_records_then_each_new_one(tmp_path: Path) -> None:
    """One pass: the stored records reach `on_stored` (before any job runs) in the pass that
    finds them done, and each new one reaches `on_record` once it is appended."""
    dataset = load_gold()
    run(dataset, [TITLE], metric=TokenF1(), store=RunStore(tmp_path / "run"))
    seen: list[tuple[str, str, str]] = []

    def counting(html: str, url: str | None) -> str:
        seen.append(("job", "counter", url or ""))
        return ""

    counter = Extractor(name="counter", package="boilerbench", extract=counting)
    run(dataset, [TITLE, counter], metric=TokenF1(), store=RunStore(tmp_path / "run"),
        on_stored=lambda record: seen.append(("stored", record["extractor"], record["page"])),
        on_record=lambda record: seen.append(("new", record["extractor"], record["page"])))
    pages = [page.id for page in dataset]
    assert seen[:len(pages)] == [("stored", "title", page) for page in pages]
    assert [event for event in seen[len(pages):] if event[0] == "new"] == [
        ("new", "counter", page) for page in pages]
    assert sum(event[0] == "job" for event in seen) == len(pages)


def _kind(html: str | bytes, url: str | None) -> str:
    return type(html).__name__


def test_a_decodable_page_is_given_as_text_to_every_extractor() -> None:
    (page,) = load_gold().pages[:1]
    as_bytes = Extractor(name="b", package="boilerbench", extract=_kind, accepts_bytes=True)
    as_text = Extractor(name="t", package="boilerbench", extract=_kind)
    assert extract(Job(as_bytes, page)).output == "str"
    assert extract(Job(as_text, page)).output == "str"


def test_an_undecodable_page_goes_as_bytes_to_extractors_that_take_them(tmp_path: Path) -> None:
    html_path = tmp_path / "p.html"
    html_path.write_bytes(bytes(range(128, 256)) * 3)
    page = Page(id="p", html_path=html_path, encoding="ascii", body="x")
    as_text = Extractor(name="t", package="boilerbench", extract=_kind)
    as_bytes = Extractor(name="b", package="boilerbench", extract=_kind, accepts_bytes=True)
    text_result, bytes_result = extract(Job(as_text, page)), extract(Job(as_bytes, page))
    assert text_result.output == ""
    assert text_result.error == ("undecodable: no charset decodes the page cleanly (tried "
                                 "cp1252, utf-8)")
    assert (bytes_result.output, bytes_result.error) == ("bytes", None)
