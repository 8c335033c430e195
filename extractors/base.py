"""What an extractor adapter is: a name, the package whose version it reports, and a function."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from bench.errors import BenchError

OUTPUT_FORMATS = ("text", "markdown", "html")
"""What an extractor can return: plain text, Markdown or HTML."""


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

    `output_format` is what `extract` returns (plain text unless said otherwise); `formats`
    maps the other formats the adapter can give to the function giving each. `in_format` makes
    the extractor that gives one of them: a different extractor, by name and settings.
    """

    name: str
    package: str
    extract: Callable[..., str]
    settings: Mapping[str, object] = field(default_factory=dict)
    description: str = ""
    accepts_bytes: bool = False
    wants_language: bool = False
    cacheable: bool = True
    output_format: str = "text"
    formats: Mapping[str, Callable[..., str]] = field(default_factory=dict)
    converters: Mapping[str, str] = field(default_factory=dict)
    """The package that converts the output into each of `formats` where another package
    does (markdownify for readability's Markdown): its version joins that format's settings,
    so that a new converter release is never served from the cache."""

    @property
    def output_formats(self) -> tuple[str, ...]:
        """Every format this extractor can give, its own first."""
        return (self.output_format, *self.formats)

    def cannot_give(self, output_format: str) -> BenchError:
        """The error for asking this extractor for a format it does not give."""
        return BenchError(f"extractor {self.name!r} cannot give {output_format} (it gives "
                          f"{', '.join(self.output_formats)})")

    def in_format(self, output_format: str) -> Extractor:
        """This extractor giving `output_format`. The format joins its name
        (`trafilatura@markdown`) and settings, so that results, caches and summaries of two
        formats never mix."""
        if output_format == self.output_format:
            return self
        if output_format not in self.formats:
            raise self.cannot_give(output_format)
        settings = {**self.settings, "output_format": output_format}
        if (converter := self.converters.get(output_format)) is not None:
            settings["converter"] = f"{converter} {package_version(converter)}"
        return replace(self, name=f"{self.name}@{output_format}",
                       extract=self.formats[output_format], output_format=output_format,
                       formats={}, converters={}, settings=settings)

    @property
    def version(self) -> str:
        """The installed version of the package doing the work."""
        return package_version(self.package)

    def apply(self, html: str | bytes, *, url: str | None, language: str | None) -> str:
        """Run the extractor on one page, passing the language only to those that want it."""
        if self.wants_language:
            return self.extract(html, url, language=language)
        return self.extract(html, url)


def in_output_format(extractors: Sequence[Extractor], output_format: str, *,
                     strict: bool) -> tuple[list[Extractor], list[Extractor]]:
    """The extractors that can give `output_format`, in it, and those that cannot (with
    `strict`, any that cannot raises: it was asked for by name)."""
    if output_format not in OUTPUT_FORMATS:
        raise BenchError(f"--output-format {output_format!r}: must be one of "
                         f"{', '.join(OUTPUT_FORMATS)}")
    able = [e for e in extractors if output_format in e.output_formats]
    unable = [e for e in extractors if output_format not in e.output_formats]
    if strict and unable:
        raise unable[0].cannot_give(output_format)
    return [extractor.in_format(output_format) for extractor in able], unable
