"""The plain files datasets, predictions and results come in: UTF-8 text, JSON, JSON Lines.

Every problem becomes a one-line DataError naming the file (and the line or field), so that a
malformed dataset never ends in a traceback.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, overload

from bench.errors import DataError


def default_cache_path() -> Path:
    """Where the output cache lives unless `--cache` says otherwise: `$BOILERBENCH_CACHE`,
    else `boilerbench/outputs.sqlite` under `$XDG_CACHE_HOME` or `~/.cache`. Other remembered
    things (page digests: `bench.data.digests`) live beside it."""
    if os.environ.get("BOILERBENCH_CACHE"):
        return Path(os.environ["BOILERBENCH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "boilerbench" / "outputs.sqlite"


def read_text(path: Path) -> str:
    """A UTF-8 text file, or a one-line DataError naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror}") from None


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON file whose top level is an object."""
    try:
        data = json.loads(read_text(path))
    except ValueError as error:
        raise DataError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a JSON object at the top level")
    return data


def read_json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line of a JSON Lines file."""
    for _offset, number, item in stream_json_lines(path):
        yield number, item


def stream_json_lines(path: Path) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """(byte offset, line number, object) for every non-blank line of a UTF-8 JSON Lines
    file, read as a stream (a file of any size takes one line's memory)."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror}") from None
    with handle:
        offset = 0
        for number, raw in enumerate(handle, start=1):
            start, offset = offset, offset + len(raw)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise DataError(f"{path}:{number}: not UTF-8 text ({error.reason} at byte "
                                 f"{start + error.start})") from None
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as error:
                raise DataError(f"{path}:{number}: not valid JSON: {error}") from None
            if not isinstance(item, dict):
                raise DataError(f"{path}:{number}: expected a JSON object")
            yield start, number, item


@overload
def string_field(item: dict[str, Any], name: str, where: str) -> str: ...


@overload
def string_field(item: dict[str, Any], name: str, where: str, *,
                 required: bool) -> str | None: ...


def string_field(item: dict[str, Any], name: str, where: str, *,
                 required: bool = True) -> str | None:
    """`item[name]` as a string; a missing (when required) or non-string value raises."""
    value = item.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        problem = "missing" if value is None else f"must be a string, got {type(value).__name__}"
        raise DataError(f"{where}: field {name!r}: {problem}")
    return value


def string_list_field(item: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    """`item[name]` as a tuple of strings; absent or null is empty."""
    value = item.get(name)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(text, str) for text in value):
        raise DataError(f"{where}: field {name!r}: must be a list of strings")
    return tuple(value)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_json_atomic(path: Path, data: Any) -> None:
    """Write `data` as JSON to `path` so that readers see the old file or the new, never half."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` so that readers see the old file or the new, never half;
    a path that cannot be written is a one-line DataError naming it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                            suffix=".tmp")
    except OSError as error:
        raise DataError(f"{path}: cannot write: {error.strerror}") from None
    try:
        # mkstemp makes the file 0600; what the tool writes gets the usual 0666 minus umask.
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException as error:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DataError(f"{path}: cannot write: {error.strerror}") from None
        raise
