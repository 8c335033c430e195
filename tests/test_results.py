"""Run directories: atomic summaries, durable appends, torn lines repaired on resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.run.store import RunStore


def test_torn_last_line_is_dropped_and_appends_continue(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.append({"page": "a", "extractor": "x"})
    with store.pages_path.open("a", encoding="utf-8") as handle:
        handle.write('{"page": "b", "extrac')  # a crash in the middle of a write
    resumed = RunStore(tmp_path)
    assert resumed.done() == {("a", "x")}
    resumed.append({"page": "b", "extractor": "x"})
    lines = store.pages_path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["page"] for line in lines] == ["a", "b"]


def test_resume_refuses_a_different_dataset(tmp_path: Path) -> None:
    RunStore(tmp_path).start({"dataset": "gold-1p-aaa", "signature": "s"})
    with pytest.raises(BenchError, match="cannot resume: dataset"):
        RunStore(tmp_path).start({"dataset": "gold-2p-bbb", "signature": "s"})


def test_missing_summary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"summary\.json: no such file"):
        RunStore(tmp_path).summary()


def test_a_damaged_middle_line_is_an_error_and_nothing_is_cut(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.append({"page": "a", "extractor": "x"})
    with store.pages_path.open("a", encoding="utf-8") as handle:
        handle.write('{"page": "b", "extrac\n')  # damage that no crash explains
    with store.pages_path.open("a", encoding="utf-8") as handle:
        handle.write('{"page": "c", "extractor": "x"}\n["not", "an", "object"]\n')
    before = store.pages_path.read_bytes()
    with pytest.raises(BenchError, match=r"pages\.jsonl:2: not valid JSON .*damaged$"):
        RunStore(tmp_path).records()
    assert store.pages_path.read_bytes() == before
    lines = before.decode().splitlines()
    store.pages_path.write_text("\n".join([lines[0], lines[2], lines[3]]) + "\n",
                                encoding="utf-8")
    with pytest.raises(BenchError, match=r"pages\.jsonl:3: not a JSON object"):
        RunStore(tmp_path).records()
