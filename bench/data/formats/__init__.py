"""Dataset formats, chosen as `FORMAT:PATH` (`--dataset aeb:../aeb`); a bare path is `gold`.

Each format is a function `load(path) -> Dataset` in its own module, named here and imported
only when used; a format with splits takes a keyword `split` too, one with gold dialects a
keyword `dialect`. The README's "Datasets"
section documents the folder layout each expects.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from pathlib import Path

from bench.data.page import Dataset
from bench.errors import BenchError, unknown_name

FORMATS: dict[str, str] = {
    "gold": "bench.gold.format:load_gold",
    "aeb": "bench.data.formats.aeb:load",
    "cwce": "bench.data.formats.cwce:load",
    "trafilatura": "bench.data.formats.trafilatura:load",
    "wcxb": "bench.data.formats.wcxb:load",
    "cleaneval": "bench.data.formats.cleaneval:load",
    "html-cleaning": "bench.data.formats.html_cleaning:load",
    "readability-tests": "bench.data.formats.readability_tests:load",
    "jsonl": "bench.data.formats.jsonl:load",
    "pairs": "bench.data.formats.pairs:load",
    "warc": "bench.data.formats.warc:load",
}
GLOB_FORMATS = frozenset({"warc"})
"""Formats whose PATH may be a glob pattern (`warc:crawl/*.warc.gz`)."""

DEFAULT_FORMAT = "gold"


def loader(format_name: str) -> Callable[..., Dataset]:
    """The load function of a format."""
    if format_name not in FORMATS:
        raise unknown_name("dataset format", format_name, FORMATS)
    module_name, _, attribute = FORMATS[format_name].partition(":")
    load: Callable[..., Dataset] = getattr(importlib.import_module(module_name), attribute)
    return load


def _parse(spec: str | None) -> tuple[str, str]:
    """`FORMAT:PATH` as (format, path); a bare or Windows path is the default format, and
    None (or an empty path) the bundled set."""
    if spec in FORMATS:
        raise BenchError(f"--dataset {spec!r}: give a path: {spec}:PATH")
    format_name, sep, path = (spec or f"{DEFAULT_FORMAT}:").partition(":")
    if spec is not None and (not sep or (len(format_name) == 1 and path.startswith("\\"))):
        format_name, path = DEFAULT_FORMAT, spec  # a bare or Windows path
    if spec is not None and not path:
        raise BenchError(f"--dataset {spec!r}: give a path: {format_name}:PATH")
    return format_name, path


def load_dataset(spec: str | None, *, split: str | None = None,
                 dialect: str | None = None) -> Dataset:
    """Load `FORMAT:PATH` (or a bare PATH of the bundled gold format; None: the bundled set),
    restricted to `split` for formats that have splits, its gold read in `dialect` for formats
    that have dialects."""
    format_name, path = _parse(spec)
    if path and not Path(path).exists() and not (format_name in GLOB_FORMATS
                                                 and any(c in path for c in "*?[")):
        raise BenchError(f"--dataset {spec!r}: {path} does not exist")
    load = loader(format_name)
    options = {key: value for key, value in (("split", split), ("dialect", dialect))
               if value is not None}
    parameters = inspect.signature(load).parameters
    for key, value in options.items():
        if key not in parameters:
            raise BenchError(f"--{key} {value!r}: the {format_name} format has no {key}s")
    return load(Path(path) if path else None, **options)


def absolute_spec(spec: str | None) -> str | None:
    """`spec` with its path made absolute, so that a run's record of its dataset still finds
    it from another working directory (`report`, `gate --run`)."""
    if spec is None:
        return None
    format_name, path = _parse(spec)
    return f"{format_name}:{Path(path).resolve()}"
