"""The one extractor registry: a name maps to `module:attribute`, imported only when used.

Built-in adapters are listed here; third-party packages add theirs through the
`boilerbench.extractors` entry-point group. Nothing registers itself on import.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import entry_points

from bench.errors import BenchError, unknown_name
from extractors.base import Extractor

ENTRY_POINT_GROUP = "boilerbench.extractors"

BUILTIN: dict[str, str] = {
    "trafilatura": "extractors.trafilatura:default",
    "trafilatura-precision": "extractors.trafilatura:precision",
    "trafilatura-recall": "extractors.trafilatura:recall",
    "trafilatura-no-comments": "extractors.trafilatura:no_comments",
    "readability": "extractors.readability:readability",
    "fulltext": "extractors.fulltext:fulltext",
}

INSTALL_HINTS: dict[str, str] = {
    "trafilatura": "pip install trafilatura",
    "readability": "pip install readability-lxml",
}


@dataclass(frozen=True)
class Unavailable:
    """An extractor that is registered but cannot be imported here, and why."""

    name: str
    reason: str
    install: str


def registered() -> dict[str, str]:
    """Every known extractor name and its `module:attribute` target."""
    names = dict(BUILTIN)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        names.setdefault(entry.name, entry.value)
    return names


def load_target(target: str) -> Extractor:
    """Import `module:attribute` and return the Extractor it names."""
    module_name, _, attribute = target.partition(":")
    if not attribute:
        raise BenchError(f"extractor target {target!r} is not of the form module:attribute")
    module = importlib.import_module(module_name)
    try:
        extractor = getattr(module, attribute)
    except AttributeError:
        raise BenchError(f"module {module_name!r} has no attribute {attribute!r}") from None
    if not isinstance(extractor, Extractor):
        raise BenchError(f"{target!r} is a {type(extractor).__name__}, not an Extractor")
    return extractor


def load(name: str) -> Extractor:
    """The extractor called `name`; unknown names raise with a "did you mean"."""
    names = registered()
    if name not in names:
        raise unknown_name("extractor", name, names)
    try:
        return load_target(names[name])
    except ImportError as error:
        hint = INSTALL_HINTS.get(name.split("-")[0], "")
        raise BenchError(f"extractor {name!r} is not installed ({error})"
                         + (f"; install it with: {hint}" if hint else "")) from None


def available() -> tuple[list[Extractor], list[Unavailable]]:
    """Every registered extractor, split into those that import here and those that do not."""
    loaded, missing = [], []
    for name in registered():
        try:
            loaded.append(load(name))
        except BenchError as error:
            hint = INSTALL_HINTS.get(name.split("-")[0], "")
            missing.append(Unavailable(name=name, reason=str(error), install=hint))
    return loaded, missing
