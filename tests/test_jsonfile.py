"""Atomic JSON writes and one-line errors on reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.jsonfile import read_json_object, write_json_atomic


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "summary.json"
    write_json_atomic(target, {"f1": 0.5, "text": "বাংলা"})
    write_json_atomic(target, {"f1": 0.75})
    assert json.loads(target.read_text(encoding="utf-8")) == {"f1": 0.75}
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def test_failed_atomic_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.json"
    write_json_atomic(target, {"f1": 0.5})
    with pytest.raises(TypeError):
        write_json_atomic(target, {"f1": object()})
    assert json.loads(target.read_text(encoding="utf-8")) == {"f1": 0.5}
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def test_read_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(BenchError, match=r"broken\.json: not valid JSON"):
        read_json_object(broken)
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(BenchError, match="expected a JSON object"):
        read_json_object(listed)
