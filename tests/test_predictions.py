"""Prediction files: AEB's output/*.json (bare and wrapped) and JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.data.predictions import load_predictions
from bench.errors import BenchError
from tests.helpers import public_data

AEB_ID = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"


def test_bare_and_wrapped_aeb_files() -> None:
    output = public_data("aeb") / "output"
    bare = load_predictions(output / "AutoExtract.json")
    wrapped = load_predictions(output / "trafilatura.json")
    truth = json.loads((public_data("aeb") / "ground-truth.json").read_text("utf-8"))
    assert set(bare) == set(wrapped) == set(truth)
    assert bare[AEB_ID] == json.loads((output / "AutoExtract.json").read_text("utf-8"))[
        AEB_ID]["articleBody"]
    assert wrapped[AEB_ID] == json.loads((output / "trafilatura.json").read_text("utf-8"))[
        "output"][AEB_ID]["articleBody"]


def test_a_null_article_body_is_an_empty_output() -> None:
    news_please = load_predictions(public_data("aeb") / "output" / "news_please.json")
    assert len(news_please) == 181
    assert sum(1 for text in news_please.values() if text == "") >= 1


def test_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "a", "text": "Hello"}\n{"id": "b", "text": ""}\n', encoding="utf-8")
    assert load_predictions(path) == {"a": "Hello", "b": ""}


@pytest.mark.parametrize(("name", "content", "message"), [
    ("p.json", '{"a": {"text": "x"}}', r"p\.json: a: field 'articleBody': missing$"),
    ("p.json", '{"a": {"articleBody": 3}}', r"p\.json: a: field 'articleBody': must be a string"),
    ("p.json", '{"a": "x"}', r"p\.json: a: must be an object with 'articleBody'$"),
    ("p.json", '{"version": "1", "output": []}', r"p\.json: field 'output': must be an object"),
    ("p.jsonl", '{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n',
     r"p\.jsonl:2: id 'a' appears twice$"),
    ("p.jsonl", '{"id": "a"}\n', r"p\.jsonl:1: a: field 'text': missing$"),
])
def test_malformed_files(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BenchError, match=message):
        load_predictions(path)
