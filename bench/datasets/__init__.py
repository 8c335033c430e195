"""Dataset formats, chosen as `FORMAT:PATH` (`--dataset aeb:../aeb`); a bare path is `gold`.

Each format is a function `load(path) -> Dataset` in its own module, named here and imported
only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from bench.dataset import Dataset
from bench.errors import BenchError, unknown_name

FORMATS: dict[str, str] = {
    "gold": "bench.gold:load_gold",
    "aeb": "bench.datasets.aeb:load",
}

DEFAULT_FORMAT = "gold"


def _loader(format_name: str) -> Callable[[Path], Dataset]:
    if format_name not in FORMATS:
        raise unknown_name("dataset format", format_name, FORMATS)
    module_name, _, attribute = FORMATS[format_name].partition(":")
    loader: Callable[[Path], Dataset] = getattr(importlib.import_module(module_name), attribute)
    return loader


def load_dataset(spec: str | None) -> Dataset:
    """Load `FORMAT:PATH` (or a bare PATH of the bundled gold format; None: the bundled set)."""
    if spec is None:
        from bench.gold import load_gold

        return load_gold()
    format_name, sep, path = spec.partition(":")
    if not sep or (len(format_name) == 1 and path.startswith("\\")):  # bare or Windows path
        format_name, path = DEFAULT_FORMAT, spec
    if not path:
        raise BenchError(f"--dataset {spec!r}: give a path after {format_name}:")
    if not Path(path).exists():
        raise BenchError(f"--dataset {spec!r}: {path} does not exist")
    return _loader(format_name)(Path(path))
