"""What an extractor adapter is: a name, the package whose version it reports, and a function."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version


@cache
def package_version(package: str) -> str:
    """The installed version of `package`, or "unknown"; looked up once per process."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class Extractor:
    """A main-content extractor as the benchmark runs it.

    `extract(html, url)` gets the page and its URL (or None) and returns plain text,
    paragraphs separated by newlines. The page is strictly decoded text (`str`); with
    `accepts_bytes` set, a page that no charset decodes cleanly is given as its raw bytes
    instead of being recorded as undecodable, for extractors that detect charsets themselves.
    An adapter that needs the page's language (a stoplist, a tokenizer) sets `wants_language`
    and is called as `extract(html, url, language=TAG)`, TAG being the page's BCP-47 tag or
    None. `settings` names the non-default options, so that two configurations of one package
    are told apart in results and caches. `cacheable` is False for ad hoc extractors whose code
    can change without their version changing.
    """

    name: str
    package: str
    extract: Callable[..., str]
    settings: Mapping[str, object] = field(default_factory=dict)
    description: str = ""
    accepts_bytes: bool = False
    wants_language: bool = False
    cacheable: bool = True

    @property
    def version(self) -> str:
        """The installed version of the package doing the work."""
        return package_version(self.package)

    def apply(self, html: str | bytes, *, url: str | None, language: str | None) -> str:
        """Run the extractor on one page, passing the language only to those that want it."""
        if self.wants_language:
            return self.extract(html, url, language=language)
        return self.extract(html, url)
