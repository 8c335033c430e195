"""The scale benchmarks' corpus generator (scripts/synthetic_corpus.py), on a made-up AEB
folder of two pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.synthetic_corpus import main


def _aeb(folder: Path) -> Path:
    truth = {"b" * 64: {"articleBody": "Second body.", "url": "https://b.example/"},
             "a" * 64: {"articleBody": "First body.", "url": None}}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def test_pages_cycle_through_aebs_in_id_order_with_unique_ids(tmp_path: Path) -> None:
    aeb, out = _aeb(tmp_path), tmp_path / "c.jsonl"
    assert main(["3", str(out), str(aeb)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {"id": "p0-aaaaaaaaaaaa", "html_path": str(aeb.resolve() / "html" / f"{'a' * 64}.html.gz"),
         "body": "First body.", "url": None},
        {"id": "p1-bbbbbbbbbbbb", "html_path": str(aeb.resolve() / "html" / f"{'b' * 64}.html.gz"),
         "body": "Second body.", "url": "https://b.example/"},
        {"id": "p2-aaaaaaaaaaaa", "html_path": str(aeb.resolve() / "html" / f"{'a' * 64}.html.gz"),
         "body": "First body.", "url": None},
    ]


def test_distinct_golds_end_each_body_in_its_own_line(tmp_path: Path) -> None:
    aeb, out = _aeb(tmp_path), tmp_path / "c.jsonl"
    assert main(["3", str(out), str(aeb), "--distinct-golds"]) == 0
    bodies = [json.loads(line)["body"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert bodies == ["First body.\n\nPage 0.", "Second body.\n\nPage 1.", "First body.\n\nPage 2."]


@pytest.mark.parametrize("arguments", [["many", "c.jsonl"], ["3", "c.jsonl", "--distinct"],
                                       ["3", "c.jsonl", "aeb", "more"]])
def test_a_wrong_call_prints_the_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      arguments: list[str]) -> None:
    _aeb(tmp_path)
    assert main([str(tmp_path / argument) if argument[0].isalpha() else argument
                 for argument in arguments]) == 2
    assert capsys.readouterr().err.startswith("Usage: .venv/bin/python scripts/synthetic_corpus.py")
    assert not (tmp_path / "c.jsonl").exists()


def test_a_folder_without_aebs_gold_is_named(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["3", str(tmp_path / "c.jsonl"), str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"{tmp_path}: no ground-truth.json (AEB_DIR must be "
                                       "AEB's folder)\n")
    assert not (tmp_path / "c.jsonl").exists()
