"""What an extractor adapter is: a name, the package whose version it reports, and a function."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version


@dataclass(frozen=True)
class Extractor:
    """A main-content extractor as the benchmark runs it.

    `extract(html, url)` gets the decoded page and its URL (or None) and returns plain text,
    paragraphs separated by newlines. `settings` names the non-default options, so that two
    configurations of one package are told apart in results and caches.
    """

    name: str
    package: str
    extract: Callable[[str, str | None], str]
    settings: Mapping[str, object] = field(default_factory=dict)
    description: str = ""

    @property
    def version(self) -> str:
        """The installed version of the package doing the work."""
        try:
            return version(self.package)
        except PackageNotFoundError:
            return "unknown"
