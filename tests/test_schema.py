from __future__ import annotations

from typing import TypedDict

import pytest

from bench.errors import BenchError
from bench.run.store import RunManifest
from bench.schema import checked
from bench.scoring.records import PageRecord, Summary


class _Inner(TypedDict):
    score: float | None
    tags: list[str]


class _Outer(TypedDict):
    name: str
    count: int
    inner: _Inner
    by_key: dict[str, list[int]]


def _outer() -> dict[str, object]:
    return {"name": "a", "count": 2, "inner": {"score": 1, "tags": ["x"]},
            "by_key": {"k": [1, 2]}, "newer_field": True}


def test_a_valid_object_is_returned_as_it_is() -> None:
    value = _outer()
    assert checked(value, _Outer, "f.json") is value


@pytest.mark.parametrize(("change", "message"), [
    ({"name": None}, "f.json: field 'name': must be a string, got null"),
    ({"count": True}, "f.json: field 'count': must be an integer, got true or false"),
    ({"count": 1.5}, "f.json: field 'count': must be an integer, got a number"),
    ({"inner": {"score": "high", "tags": []}}, "f.json: field 'inner.score': must be a number, "
                                                "got a string"),
    ({"inner": {"score": None}}, "f.json: field 'inner.tags': missing"),
    ({"inner": {"score": None, "tags": ["a", 3]}}, "f.json: field 'inner.tags[1]': must be a "
                                                   "string, got a number"),
    ({"by_key": {"k": "1"}}, "f.json: field 'by_key.k': must be a list, got a string"),
])
def test_the_first_problem_names_the_field(change: dict[str, object], message: str) -> None:
    with pytest.raises(BenchError) as raised:
        checked({**_outer(), **change}, _Outer, "f.json")
    assert str(raised.value) == f"{message} (damaged, or written by another version)"


def test_a_missing_field_and_a_non_object() -> None:
    value = _outer()
    del value["count"]
    with pytest.raises(BenchError, match=r"^f.json:3: field 'count': missing \(damaged"):
        checked(value, _Outer, "f.json:3")
    with pytest.raises(BenchError, match=r"^f.json: must be an object, got a list \(damaged"):
        checked([], _Outer, "f.json")


def test_the_run_files_schemas_resolve() -> None:
    """Every annotation of the run's files resolves at run time (the checker needs them)."""
    for schema in (PageRecord, Summary, RunManifest):
        with pytest.raises(BenchError, match="missing"):
            checked({}, schema, "x")
