"""Finished runs: loading, the newest run, the run's gold checked, breakdown means."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.gold.format import load_gold
from bench.run.finished import Run, newest_run, run_dataset
from bench.scoring.breakdown import mean_f1_by
from tests.helpers import REFERENCE_ID, ROOT, answering, write_run


@pytest.fixture
def two_pages(tmp_path: Path) -> Path:
    dataset = load_gold().select(page_ids=[REFERENCE_ID, "en-*-water-rate-increase"])
    return write_run(tmp_path / "20260101-000000-000000", dataset, [
        answering(dataset, "gold"),
        answering(dataset, "half", lambda page: (page.body or "").split("\n\n")[0])])


def test_load_reads_the_three_files(two_pages: Path) -> None:
    run = Run.load(two_pages)
    assert run.extractors == ["gold", "half"]
    assert [record["page"] for record in run.records_of("half")] == [
        REFERENCE_ID, "en-cvcourier-water-rate-increase"]
    assert run.record(REFERENCE_ID, "gold")["f1"] == 1.0


def test_records_are_read_from_the_run_at_each_use_never_held(two_pages: Path) -> None:
    run = Run.load(two_pages)
    assert not isinstance(run.records, (list, tuple))
    first = [(record["page"], record["extractor"]) for record in run.records]
    assert len(first) == 4 and first == [(r["page"], r["extractor"]) for r in run.records]
    assert all("output" not in record for record in run.records_of("gold"))
    assert run.record(REFERENCE_ID, "half")["output"]  # the one asked for keeps its output
    pages = two_pages / "pages.jsonl"
    pages.write_text("\n".join(pages.read_text(encoding="utf-8").splitlines()[:2]) + "\n",
                     encoding="utf-8")
    assert len(list(run.records)) == 2  # read again from the file


def test_unknown_names_get_a_suggestion(two_pages: Path) -> None:
    run = Run.load(two_pages)
    typo = REFERENCE_ID[:-1]
    with pytest.raises(BenchError, match=rf"no page '{typo}' among its 2 pages; did you "
                                         rf"mean '{REFERENCE_ID}'\?"):
        run.record(typo, "gold")
    with pytest.raises(BenchError, match=r"unknown extractor of this run 'hal'; did you mean "
                                         r"'half'\?"):
        run.record(REFERENCE_ID, "hal")


def test_unfinished_and_missing_runs_are_named(two_pages: Path, tmp_path: Path) -> None:
    (two_pages / "summary.json").unlink()
    with pytest.raises(BenchError, match=r"did not finish .*boilerbench run --resume"):
        Run.load(two_pages)
    with pytest.raises(BenchError, match=r"nowhere: not a run directory \(no run.json\)"):
        Run.load(tmp_path / "nowhere")


def test_newest_run_skips_unfinished_ones(two_pages: Path, tmp_path: Path) -> None:
    later = tmp_path / "20270101-000000-000000"
    later.mkdir()
    (later / "run.json").write_text("{}", encoding="utf-8")  # started, never finished
    assert newest_run(tmp_path) == two_pages
    with pytest.raises(BenchError, match="no finished run here"):
        newest_run(tmp_path / "empty")


def test_run_dataset_is_the_run_pages_with_their_gold(two_pages: Path) -> None:
    dataset = run_dataset(Run.load(two_pages))
    assert [page.id for page in dataset] == [REFERENCE_ID, "en-cvcourier-water-rate-increase"]


def test_run_dataset_refuses_gold_changed_since(two_pages: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for page_id in (REFERENCE_ID, "en-cvcourier-water-rate-increase"):
        for suffix in (".html", ".toml"):
            shutil.copy(ROOT / "gold" / f"{page_id}{suffix}", gold)
    run = Run.load(two_pages)
    assert run_dataset(run, spec=str(gold)).label == run.manifest["dataset"]
    with (gold / f"{REFERENCE_ID}.html").open("ab") as html:
        html.write(b"<!-- edited after the run -->")
    with pytest.raises(BenchError) as error:
        run_dataset(run, spec=str(gold))
    assert str(error.value).startswith(
        f"{two_pages}: the run scored {run.manifest['dataset']}, but {gold} now gives gold-2p-")
    assert str(error.value).endswith("pass --dataset with the data the run used")


def test_mean_f1_by_groups_scored_records() -> None:
    records = [{"extractor": "a", "f1": 1.0, "language": "bn"},
               {"extractor": "a", "f1": 0.5, "language": "bn"},
               {"extractor": "b", "f1": 0.25, "language": "bn"},
               {"extractor": "a", "f1": None, "language": "en"},
               {"extractor": "a", "f1": 0.0, "language": None},
               {"extractor": "c", "f1": 1.0, "language": "bn"}]
    assert mean_f1_by(records, "language", ["a", "b"]) == {
        "(none)": {"a": (0.0, 1)}, "bn": {"a": (0.75, 2), "b": (0.25, 1)}}
