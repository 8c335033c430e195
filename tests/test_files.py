"""Plain file readers: every problem is one line naming the file and the line or field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.files import (
    read_json_lines,
    read_json_object,
    string_field,
    string_list_field,
    write_json_atomic,
    write_text_atomic,
)


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


def test_unwritable_paths_are_one_line_errors(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(BenchError, match=r"a-folder: cannot write: Is a directory"):
        write_text_atomic(folder, "text")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(BenchError, match=r"a-file/out\.md: cannot write: File exists"):
        write_text_atomic(blocker / "out.md", "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "a-folder"]
    assert list(folder.iterdir()) == []


def test_read_json_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(BenchError, match=r"broken\.json: not valid JSON"):
        read_json_object(broken)
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(BenchError, match="expected a JSON object"):
        read_json_object(listed)


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    """0644 under the usual umask 022 (mkstemp alone would leave 0600)."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        write_json_atomic(tmp_path / "baseline.json", {"a": 1})
        write_text_atomic(tmp_path / "report.html", "<p>")
    finally:
        os.umask(old)
    for name in ("baseline.json", "report.html"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644
