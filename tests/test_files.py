"""Plain file readers: every problem is one line naming the file and the line or field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.files import read_json_lines, read_json_object, string_field, string_list_field


def test_json_lines_skip_blank_lines_and_number_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b"}\n', encoding="utf-8")
    assert list(read_json_lines(path)) == [(1, {"id": "a"}), (3, {"id": "b"})]


def test_a_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(BenchError, match=r"a\.jsonl:2: not valid JSON"):
        list(read_json_lines(path))
    path.write_text('["a"]\n', encoding="utf-8")
    with pytest.raises(BenchError, match=r"a\.jsonl:1: expected a JSON object"):
        list(read_json_lines(path))


def test_json_object_errors(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    with pytest.raises(BenchError, match=r"g\.json: no such file"):
        read_json_object(path)
    path.write_bytes(b'{"a": "\xff"}')
    with pytest.raises(BenchError, match=r"g\.json: not UTF-8 text"):
        read_json_object(path)
    path.write_text("[1]", encoding="utf-8")
    with pytest.raises(BenchError, match=r"g\.json: expected a JSON object at the top level"):
        read_json_object(path)


def test_field_errors_name_the_field() -> None:
    assert string_field({"id": "x"}, "id", "f.json") == "x"
    assert string_field({}, "url", "f.json", required=False) is None
    with pytest.raises(BenchError, match=r"^f\.json: field 'id': missing$"):
        string_field({}, "id", "f.json")
    with pytest.raises(BenchError, match=r"^f\.json: field 'id': must be a string, got int$"):
        string_field({"id": 3}, "id", "f.json")
    assert string_list_field({"with": None}, "with", "f.json") == ()
    with pytest.raises(BenchError, match=r"^f\.json: field 'with': must be a list of strings$"):
        string_list_field({"with": "text"}, "with", "f.json")
