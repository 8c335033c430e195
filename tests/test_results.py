"""Run directories: atomic summaries, durable appends, torn lines repaired on resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.run.store import RunManifest, RunStore
from bench.scoring.records import PageRecord


def _record(page: str, extractor: str = "x") -> PageRecord:
    return {"page": page, "extractor": extractor, "version": "1", "language": None,
            "page_type": None, "seconds": 0.1, "peak_mb": None, "cached": False, "error": None,
            "output": "text", "stats": None, "precision": None, "recall": None, "f1": None,
            "duplication": None, "leaks": None}


def _manifest(dataset: str) -> RunManifest:
    return {"run_id": "r", "dataset": dataset, "dataset_spec": None, "split": None,
            "signature": "s", "extractors": ["x"], "boilerbench": "0"}


def test_torn_last_line_is_dropped_and_appends_continue(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.append(_record("a"))
    with store.pages_path.open("a", encoding="utf-8") as handle:
        handle.write('{"page": "b", "extrac')  # a crash in the middle of a write
    resumed = RunStore(tmp_path)
    done = resumed.done()
    assert len(done) == 1 and ("a", "x") in done and ("b", "x") not in done
    resumed.append(_record("b"))
    lines = store.pages_path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["page"] for line in lines] == ["a", "b"]


def test_resume_refuses_a_different_dataset(tmp_path: Path) -> None:
    RunStore(tmp_path).start(_manifest("gold-1p-aaa"))
    with pytest.raises(BenchError, match="cannot resume: dataset"):
        RunStore(tmp_path).start(_manifest("gold-2p-bbb"))


def test_missing_summary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"summary\.json: no such file"):
        RunStore(tmp_path).summary()


def test_a_damaged_middle_line_is_an_error_and_nothing_is_cut(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.append(_record("a"))
    with store.pages_path.open("a", encoding="utf-8") as handle:
        handle.write('{"page": "b", "extrac\n')  # damage that no crash explains
    with store.pages_path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(_record("c")) + '\n["not", "an", "object"]\n')
    before = store.pages_path.read_bytes()
    with pytest.raises(BenchError, match=r"pages\.jsonl:2: not valid JSON .*damaged$"):
        RunStore(tmp_path).records()
    assert store.pages_path.read_bytes() == before
    lines = before.decode().splitlines()
    store.pages_path.write_text("\n".join([lines[0], lines[2], lines[3]]) + "\n",
                                encoding="utf-8")
    with pytest.raises(BenchError, match=r"pages\.jsonl:3: must be an object, got a list"):
        RunStore(tmp_path).records()


def test_a_record_missing_a_field_names_line_and_field(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.append(_record("a"))
    broken = _record("b")
    del broken["f1"]  # type: ignore[misc]
    with store.pages_path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(broken) + "\n")
    with pytest.raises(BenchError, match=r"pages\.jsonl:2: field 'f1': missing \(damaged"):
        RunStore(tmp_path).records()


def test_done_pairs_hold_exactly_the_recorded_pairs() -> None:
    from bench.run.store import DonePairs

    pairs = [(f"page-{number}", extractor) for number in range(3000)
             for extractor in ("trafilatura", "resiliparse") if number % 3]
    done = DonePairs(iter(pairs + pairs[:10]))  # a pair recorded twice counts once
    assert len(done) == len(pairs)
    assert all(pair in done for pair in pairs)
    assert not any((f"page-{number}", "trafilatura") in done for number in range(0, 3000, 3))
    assert ("page-1", "justext") not in done and ("page-1",) not in done
    assert len(DonePairs([])) == 0 and ("a", "b") not in DonePairs([])
