"""Prediction files in AEB's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.predictions import load_predictions


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_bare_and_wrapped(tmp_path: Path) -> None:
    bare = write(tmp_path / "a.json", {"p1": {"articleBody": "text"}, "p2": {"articleBody": None},
                                       "p3": {}})
    assert load_predictions(bare) == {"p1": "text", "p2": "", "p3": ""}
    wrapped = write(tmp_path / "b.json", {"version": "1.0", "output": {"p1": {"articleBody": "x"}}})
    assert load_predictions(wrapped) == {"p1": "x"}


def test_real_aeb_files(shared: Path) -> None:
    output = shared / "datasets" / "aeb" / "output"
    assert len(load_predictions(output / "trafilatura.json")) == 181  # wrapped
    assert len(load_predictions(output / "Diffbot.json")) == 181  # bare


@pytest.mark.parametrize(("data", "message"), [
    ([1, 2], "expected a JSON object at the top level"),
    ({"p1": "text"}, "p1: expected an object with 'articleBody'"),
    ({"p1": {"articleBody": 3}}, "p1: field 'articleBody' is not a string"),
])
def test_malformed_files_name_file_and_field(tmp_path: Path, data: object, message: str) -> None:
    path = write(tmp_path / "bad.json", data)
    with pytest.raises(BenchError) as caught:
        load_predictions(path)
    assert str(caught.value) == f"{path}: {message}"


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(BenchError, match=r"bad\.json: not valid JSON"):
        load_predictions(path)
