"""Run summaries: a metric the gold cannot support is n/a, never zero; undecodable pages are
counted."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console

from bench.data.page import Page, dataset_of
from bench.report.terminal import summary_tables
from bench.run.runner import run
from bench.run.store import RunStore
from bench.scoring.metrics.token_f1 import TokenF1
from bench.scoring.summary import by_f1, summarize
from extractors.base import Extractor


def _echo_body(html: str, url: str | None) -> str:
    return "Body text here."


ECHO = Extractor(name="echo", package="boilerbench", extract=_echo_body)


def _pages(tmp_path: Path) -> list[Page]:
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"
    good.write_text("<p>Body text here.</p>", encoding="utf-8")
    bad.write_bytes(bytes(range(128, 256)) * 3)
    return [Page(id="body", html_path=good, body="Body text here."),
            Page(id="snippets", html_path=good, with_snippets=("Body text",)),
            Page(id="broken", html_path=bad, encoding="ascii", body="Body text here.")]


def test_snippet_only_pages_are_not_scored_and_undecodable_pages_counted(tmp_path: Path) -> None:
    dataset = dataset_of("mixed", _pages(tmp_path), source=tmp_path)
    metric = TokenF1(dataset=dataset.label)
    run(dataset, [ECHO], metric=metric, store=RunStore(tmp_path / "run"))
    records = RunStore(tmp_path / "run").records()
    by_page = {record["page"]: record for record in records}
    assert by_page["snippets"]["f1"] is None and by_page["snippets"]["stats"] is None
    assert by_page["broken"]["f1"] == 0.0
    assert by_page["broken"]["error"].startswith("undecodable: ")
    summary = summarize(run_id="r", dataset=dataset, extractors=[ECHO], records=records,
                        metric=metric)
    (row,) = summary["extractors"]
    assert (row["pages"], row["scored_pages"], row["failures"], row["undecodable"]) == (3, 2, 1, 1)
    assert summary["undecodable"] == 1
    assert row["f1"] == 0.5  # mean of 1.0 (body) and 0.0 (broken); the snippet page is n/a


def test_a_dataset_without_body_gold_shows_n_a(tmp_path: Path) -> None:
    snippets_only = [page for page in _pages(tmp_path) if page.body is None]
    dataset = dataset_of("snippets", snippets_only, source=tmp_path)
    metric = TokenF1(dataset=dataset.label)
    run(dataset, [ECHO], metric=metric, store=RunStore(tmp_path / "run"))
    records = RunStore(tmp_path / "run").records()
    summary = summarize(run_id="r", dataset=dataset, extractors=[ECHO], records=records,
                        metric=metric)
    (row,) = summary["extractors"]
    assert (row["precision"], row["recall"], row["f1"], row["values"]) == (None,) * 4
    console = Console(width=200, color_system=None, record=True, file=io.StringIO())
    for table in summary_tables(summary, width=200):
        console.print(table)
    (line,) = [line for line in console.export_text().splitlines() if "echo" in line]
    cells = [cell.strip() for cell in line.split("│")]
    assert cells[2:8] == ["n/a", "n/a", "n/a", "n/a", "1", "0"]


def test_leak_tables_split_to_fit_the_width() -> None:
    from bench.report.terminal import leaks_tables

    rows = [{"name": f"extractor-{n}", "leaks": {"promo": {"pages": 2, "leaked_pages": 1}},
             "duplication": 0.0} for n in range(10)]
    # The category column takes 22 + 3, each 11-character name 11 + 3, the last border 1:
    # 6 extractors fit in 120 columns.
    assert [len(table.columns) for table in leaks_tables(rows, width=120)] == [7, 5]
    assert [len(table.columns) for table in leaks_tables(rows, width=300)] == [11]
    assert leaks_tables([{"name": "x", "leaks": {}, "duplication": None}]) == []


def test_ranking_tests_each_extractor_against_the_next_one_down() -> None:
    from bench.report.plain import ranking_rows
    from bench.scoring.summary import ranking
    from bench.scoring.tally import tally

    def records(name: str, f1s: list[float]) -> list[dict[str, object]]:
        return [{"page": f"p{i:02d}", "extractor": name, "f1": f1, "stats": None,
                 "duplication": None} for i, f1 in enumerate(f1s)]

    pages = 30
    good = records("good", [0.9] * pages)
    worse = records("worse", [0.6 + 0.01 * (i % 3) for i in range(pages)])
    twin = records("twin", [0.6 + 0.01 * ((i + 1) % 3) for i in range(pages)])
    rows = [{"name": name, "f1": sum(r["f1"] for r in recs) / pages}  # type: ignore[misc]
            for name, recs in (("worse", worse), ("good", good), ("twin", twin))]
    pairs = ranking(rows, {"good": tally(good), "worse": tally(worse),  # type: ignore[arg-type]
                           "twin": tally(twin)})  # type: ignore[arg-type]
    assert pairs[0]["better"] == "good"
    assert {pairs[0]["worse"], pairs[1]["worse"]} == {"worse", "twin"}  # equal means: any order
    assert pairs[1]["better"] == pairs[0]["worse"]
    assert pairs[0]["significant"] and pairs[0]["p_value"] < 0.01
    assert pairs[0]["delta"] == pytest.approx(0.29)
    assert pairs[1]["delta"] == pytest.approx(0.0, abs=1e-9)
    assert not pairs[1]["significant"] and pairs[1]["p_value"] > 0.5
    assert [row[-1] for row in ranking_rows({"ranking": pairs})] == ["better",
                                                                     "not distinguishable"]


def test_by_f1_puts_the_best_first_and_unscored_rows_last() -> None:
    rows = [{"name": "a", "f1": 0.5}, {"name": "none", "f1": None}, {"name": "b", "f1": 0.9},
            {"name": "perfect", "f1": 1.0}]
    assert [row["name"] for row in by_f1(rows)] == ["perfect", "b", "a", "none"]


def test_a_summary_is_the_same_whatever_order_the_records_come_in(tmp_path: Path) -> None:
    from bench.gold.format import load_gold

    dataset = load_gold()
    metric = TokenF1(dataset=dataset.label)
    store = RunStore(tmp_path / "run")
    run(dataset, [ECHO], metric=metric, store=store)
    records = store.records()
    in_order = summarize(run_id="r", dataset=dataset, extractors=[ECHO], metric=metric,
                         records=sorted(records, key=lambda record: record["page"]))
    shuffled = summarize(run_id="r", dataset=dataset, extractors=[ECHO], metric=metric,
                         records=iter(records[1::2] + records[0::2]))
    assert shuffled["extractors"] == in_order["extractors"]
    assert in_order["extractors"][0]["pages"] == len(dataset)


def test_progress_redraws_a_few_times_a_second_however_fast_records_come() -> None:
    from bench.cli._execution import _Redraw

    class Counting:
        refreshes = advances = 0

        def add_task(self, description: str, total: float | None) -> int:
            return 0

        def update(self, task: int, total: float | None) -> None:
            pass

        def advance(self, task: int) -> None:
            self.advances += 1

        def refresh(self) -> None:
            self.refreshes += 1

    progress = Counting()
    redraw = _Redraw(progress, total=10_000, also=None)  # type: ignore[arg-type]
    started = time.monotonic()
    for _ in range(10_000):
        redraw({})  # type: ignore[arg-type]
    elapsed = time.monotonic() - started
    assert progress.advances == 10_000
    assert progress.refreshes <= 1 + elapsed / 0.25  # the first record, then every 0.25 s


def test_a_tally_orders_pages_by_id_whatever_order_records_come_in() -> None:
    """Ids of any length and script sort as Python sorts strings (code points), so a re-run
    whose records come in another order gives the same bootstrap; unscored pages have no row."""
    from bench.scoring.tally import tally

    ids = ["b", "ab", "a", "é", "z", "日本", "a-long-page-id", "x"]
    records = [{"page": page, "extractor": "e", "stats": None if page == "x" else (i, 1, 2),
                "f1": None if page == "x" else i / 10, "duplication": None,
                "peak_mb": None if page == "z" else float(i)} for i, page in enumerate(ids)]
    counted = tally(records)  # type: ignore[arg-type]
    scored = sorted(page for page in ids if page != "x")
    assert counted.page_stats()[:, 0].tolist() == [ids.index(page) for page in scored]
    page_ids, f1 = counted.page_f1()
    assert [page.decode() for page in page_ids] == scored
    assert f1.tolist() == [ids.index(page) / 10 for page in scored]
    assert counted.peak_mb() == 7.0 and len(counted) == len(ids)


def test_first_failures_are_in_page_order_from_one_pass_over_a_stream() -> None:
    from bench.scoring.failures import first_failures

    errors = {"p3": "timeout", "p1": "crash", "p2": "timeout", "p4": None, "p0": None}
    stream = ({"page": page, "extractor": name, "error": error, "output": "x" * 1000}
              for name in ("b", "a") for page, error in errors.items())
    assert first_failures(stream, limit=5) == {  # type: ignore[arg-type]
        "a": [("p1", "crash"), ("p2", "timeout")], "b": [("p1", "crash"), ("p2", "timeout")]}


def test_first_failures_keep_few_reasons_and_equal_sorting_every_failure() -> None:
    import random

    from bench.scoring.failures import FirstFailures

    def by_sorting(records: list[dict[str, str | None]], limit: int
                   ) -> dict[str, list[tuple[str, str]]]:
        reasons: dict[str, dict[str, str]] = {}
        for name, page, error in sorted((r["extractor"], r["page"], r["error"])
                                        for r in records if r["error"] is not None):
            seen = reasons.setdefault(str(name), {})
            if error not in seen and len(seen) < limit:
                seen[str(error)] = str(page)
        return {name: [(page, error) for error, page in seen.items()]
                for name, seen in reasons.items()}

    rng = random.Random(11)
    for _ in range(400):
        records = [{"page": f"p{rng.randrange(40):02d}", "extractor": rng.choice("ab"),
                    "error": rng.choice([None, "e1", "e2", "e3", "e4", "e5", "e6"])}
                   for _ in range(rng.randrange(0, 60))]
        limit = rng.randrange(1, 5)
        counted = FirstFailures(limit=limit)
        for record in records:
            counted.add(record)  # type: ignore[arg-type]
            assert all(len(kept) <= limit for kept in counted._first.values())
        assert counted.reasons() == by_sorting(records, limit)
