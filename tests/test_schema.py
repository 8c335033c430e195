from __future__ import annotations

import random
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


def _mutations(value: object, rng: random.Random) -> object:
    """`value` with one random change somewhere inside: a key dropped, or a value replaced by
    one of another JSON kind."""
    kinds: list[object] = [None, True, 0, 1.5, "s", [], {}, [1], ["x"], {"k": 1}]
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(sorted(value))
        changed = dict(value)
        if rng.random() < 0.2:
            del changed[key]
        else:
            changed[key] = _mutations(value[key], rng)
        return changed
    if isinstance(value, list) and value and rng.random() < 0.8:
        index = rng.randrange(len(value))
        return [*value[:index], _mutations(value[index], rng), *value[index + 1:]]
    return rng.choice(kinds)


def test_the_compiled_check_accepts_exactly_what_finds_no_problem() -> None:
    from bench.schema import _problem, _valid

    record = {"page": "p", "extractor": "e", "version": "1", "language": "en",
              "page_type": None, "seconds": 0.5, "peak_mb": None, "cached": False,
              "error": None, "output": "text", "noise": {"stdout": "", "stderr": "",
                                                          "log": ["x"], "cut": 0},
              "stats": [1.0, 2, 0.0], "precision": 0.5, "recall": 1, "f1": None,
              "duplication": 0.0, "leaks": {"share": [1, 2]}}
    rng = random.Random(7)
    accepted = refused = 0
    for schema, base in ((PageRecord, record), (_Outer, _outer())):
        assert _valid(schema)(base) and _problem(base, schema, "") is None
        for _ in range(3000):
            value = _mutations(_mutations(base, rng), rng)
            fine = _problem(value, schema, "") is None
            assert _valid(schema)(value) == fine, value
            accepted, refused = accepted + fine, refused + (not fine)
    assert accepted > 100 and refused > 1000  # both answers were exercised
