"""Checking JSON read back from disk against the TypedDict that describes it.

The files a run writes (`run.json`, `pages.jsonl`, `summary.json`, see reports/README.md) are
described by TypedDicts, so mypy checks every place that reads a field. A file edited by hand or
cut short is checked against the same definition when it is read, so that a missing or
mistyped field is a one-line error naming the file and the field, never a `KeyError` later.
Keys the definition does not name are kept (files written by a newer version still read).

Each definition is compiled once into a yes/no check (`_valid`), which accepts exactly what
`_problem` finds nothing wrong with and runs about ten times faster (a 2,000-page run read
its `pages.jsonl` back in 1.4 s of checking); only a value it refuses goes through `_problem`,
for the message.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin, get_type_hints

from bench.errors import DataError

T = TypeVar("T")

_NAMES: dict[object, str] = {str: "a string", int: "an integer", float: "a number",
                             bool: "true or false", type(None): "null"}
_LISTS = (list, tuple, Sequence)


@functools.cache
def _hints(schema: type) -> dict[str, Any]:
    return get_type_hints(schema)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)


def _plain(value: object, expected: object) -> bool:
    """Whether `value` is the JSON kind `expected` names (any number for float)."""
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is type(None):
        return value is None
    return isinstance(expected, type) and isinstance(value, expected)


def _problem(value: object, expected: Any, field: str) -> tuple[str, str] | None:
    """The first (field, problem) that keeps `value` from being an `expected`, or None."""
    origin = get_origin(expected)
    if expected is Any:
        return None
    if origin in (Union, types.UnionType):
        problems = [_problem(value, option, field) for option in get_args(expected)]
        return None if None in problems else problems[0]
    if origin is Literal:
        choices = get_args(expected)
        return None if value in choices else (
            field, f"must be one of {', '.join(map(repr, choices))}, got {value!r}")
    if typing.is_typeddict(expected) or origin is dict:
        if not isinstance(value, dict):
            return field, f"must be an object, got {_kind(value)}"
        return (_typeddict_problem(value, expected, field) if origin is None else
                _first(_problem(item, get_args(expected)[1], f"{field}.{key}")
                       for key, item in value.items()))
    if origin in _LISTS:
        if not isinstance(value, list):
            return field, f"must be a list, got {_kind(value)}"
        item_type = get_args(expected)[0]
        return _first(_problem(item, item_type, f"{field}[{index}]")
                      for index, item in enumerate(value))
    if _plain(value, expected):
        return None
    return field, f"must be {_NAMES.get(expected, expected)}, got {_kind(value)}"


def _typeddict_problem(value: dict[str, Any], schema: type, field: str) -> tuple[str, str] | None:
    required: frozenset[str] = getattr(schema, "__required_keys__", frozenset())
    for key, hint in _hints(schema).items():
        where = f"{field}.{key}" if field else key
        if key not in value:
            if key in required:
                return where, "missing"
        elif (problem := _problem(value[key], hint, where)) is not None:
            return problem
    return None


def _first(problems: typing.Iterable[tuple[str, str] | None]) -> tuple[str, str] | None:
    return next((problem for problem in problems if problem is not None), None)


Check = Callable[[object], bool]


@functools.cache
def _valid(expected: Any) -> Check:
    """A check that `value` is an `expected`: True exactly where `_problem` gives None (the
    same cases in the same terms, without naming fields)."""
    origin = get_origin(expected)
    if expected is Any:
        return lambda value: True
    if origin in (Union, types.UnionType):
        options = [_valid(option) for option in get_args(expected)]
        exact = frozenset(option for option in get_args(expected) if option in _NAMES)
        return lambda value: type(value) in exact or any(check(value) for check in options)
    if origin is Literal:
        choices = get_args(expected)
        return lambda value: value in choices
    if typing.is_typeddict(expected):
        return _typeddict_check(expected)
    if origin is dict:
        item = _valid(get_args(expected)[1])
        return lambda value: isinstance(value, dict) and all(map(item, value.values()))
    if origin in _LISTS:
        item = _valid(get_args(expected)[0])
        return lambda value: isinstance(value, list) and all(map(item, value))
    # A value of exactly the named type is one (a bool is no int: its type is bool).
    return lambda value: type(value) is expected or _plain(value, expected)


def _typeddict_check(schema: type) -> Check:
    required: frozenset[str] = getattr(schema, "__required_keys__", frozenset())
    fields: list[tuple[str, bool, Check]] = []

    def check(value: object) -> bool:
        if not isinstance(value, dict):
            return False
        if not fields:  # filled on first use: a definition may refer to itself
            fields.extend((key, key in required, _valid(hint))
                          for key, hint in _hints(schema).items())
        for key, needed, valid in fields:
            if key in value:
                if not valid(value[key]):
                    return False
            elif needed:
                return False
        return True

    return check


def checked(value: object, schema: type[T], where: str) -> T:
    """`value` typed as `schema` (a TypedDict) once checked; else a one-line DataError naming
    `where` (the file, and line) and the field."""
    if _valid(cast(Any, schema))(value):
        return cast(T, value)
    problem = _problem(value, schema, "")
    if problem is not None:
        field, text = problem
        named = f"field {field!r}: " if field else ""
        raise DataError(f"{where}: {named}{text} (damaged, or written by another version)")
    return cast(T, value)
