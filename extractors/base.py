"""What an extractor adapter is: a name, the package whose version it reports, and a function."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any


@dataclass(frozen=True)
class Extractor:
    """A main-content extractor as the benchmark runs it.

    `extract(html, url)` gets the page and its URL (or None) and returns plain text,
    paragraphs separated by newlines. The page is strictly decoded text (`str`); with
    `accepts_bytes` set, a page that no charset decodes cleanly is given as its raw bytes
    instead of being recorded as undecodable, for extractors that detect charsets themselves.
    `settings` names the non-default options, so that two configurations of one package are
    told apart in results and caches.
    """

    name: str
    package: str
    extract: Callable[[Any, str | None], str]
    settings: Mapping[str, object] = field(default_factory=dict)
    description: str = ""
    accepts_bytes: bool = False

    @property
    def version(self) -> str:
        """The installed version of the package doing the work."""
        try:
            return version(self.package)
        except PackageNotFoundError:
            return "unknown"
