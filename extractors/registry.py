"""The one extractor registry: a name maps to `module:attribute`, imported only when used.

Built-in adapters are listed here; third-party packages add theirs through the
`boilerbench.extractors` entry-point group. Nothing registers itself on import. A name that is
not registered but looks like `module:function` is an ad hoc extractor (`extractors.adhoc`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, entry_points, requires

from packaging.requirements import Requirement

from bench.errors import BenchError, unknown_name
from extractors.adhoc import from_callable, resolve
from extractors.base import Extractor
from extractors.node import NPM_SETUP

ENTRY_POINT_GROUP = "boilerbench.extractors"

BUILTIN: dict[str, str] = {
    "trafilatura": "extractors.trafilatura:default",
    "trafilatura-precision": "extractors.trafilatura:precision",
    "trafilatura-recall": "extractors.trafilatura:recall",
    "trafilatura-no-comments": "extractors.trafilatura:no_comments",
    "readability": "extractors.readability:readability",
    "fulltext": "extractors.fulltext:fulltext",
    "justext": "extractors.justext:by_language",
    "justext-no-stoplist": "extractors.justext:language_independent",
    "boilerpy3": "extractors.boilerpy3:article",
    "boilerpy3-default": "extractors.boilerpy3:default",
    "goose3": "extractors.goose3:goose3",
    "newspaper4k": "extractors.newspaper4k:newspaper4k",
    "news-please": "extractors.news_please:news_please",
    "resiliparse": "extractors.resiliparse:resiliparse",
    "inscriptis": "extractors.inscriptis:inscriptis",
    "html-text": "extractors.html_text:html_text_extractor",
    "html2text": "extractors.html2text:html2text_extractor",
    "readabilipy": "extractors.readabilipy:readabilipy",
    "readabilipy-js": "extractors.readabilipy_js:readabilipy_js",
    "magic-html": "extractors.magic_html:magic_html",
    "readability-js": "extractors.readability_js:readability_js",
    "readability-js-jsdom": "extractors.readability_js:readability_js_jsdom",
    "defuddle": "extractors.defuddle:defuddle",
    "rs-trafilatura": "extractors.rs_trafilatura:rs_trafilatura_extractor",
    "go-readability": "extractors.go_readability:go_readability",
    "trafilaturacore": "extractors.trafilaturacore:trafilaturacore_extractor",
    "readability-html-to-markdown": "extractors.html_to_markdown:readability_html_to_markdown",
    "crawl4ai": "extractors.crawl4ai:crawl4ai_extractor",
}

EXTRAS: dict[str, str] = {
    "justext-no-stoplist": "justext", "boilerpy3-default": "boilerpy3",
    "readabilipy-js": "readabilipy", "go-readability": "pygoreadability",
    "readability-html-to-markdown": "html-to-markdown",
}
"""The pyproject extra of each built-in whose extra is not named after it (the rest are)."""

NODE = frozenset(("readability-js", "readability-js-jsdom", "defuddle"))
"""Built-ins that need no Python package, only Node and the npm packages of `extractors/js`."""

NPM_SETUP_NOTE = "then install its npm packages once (README.md, Extractors)"


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


def install_command(name: str) -> str:
    """The exact `pip install` line for a built-in, read from boilerbench's own extras (for
    the Node adapters, the `npm ci` line that installs their npm packages)."""
    if name not in BUILTIN:
        return ""
    if name in NODE:
        return NPM_SETUP
    extra = EXTRAS.get(name, name)
    try:
        declared = [Requirement(line) for line in requires("boilerbench") or ()]
    except PackageNotFoundError:
        return ""
    # A requirement of the extra holds with it and not without it (core requirements with a
    # Python-version marker, such as tomli on 3.10, hold either way).
    wanted = [req for req in declared if req.marker is not None
              and req.marker.evaluate({"extra": extra})
              and not req.marker.evaluate({"extra": ""})]
    if not wanted:
        return ""
    specs = " ".join(f'"{_without_marker(req)}"' for req in wanted)
    return f"pip install {specs}" + (f"; {NPM_SETUP_NOTE}" if name == "readabilipy-js" else "")


def _without_marker(requirement: Requirement) -> str:
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    return f"{requirement.name}{extras}{requirement.specifier}"


def load_target(target: str) -> Extractor:
    """Import `module:attribute` and return the Extractor it names."""
    extractor = resolve(target)
    if not isinstance(extractor, Extractor):
        raise BenchError(f"{target!r} is a {type(extractor).__name__}, not an Extractor")
    return extractor


def load(name: str) -> Extractor:
    """The extractor called `name` (`NAME@FORMAT`: that extractor in another output format), or
    the ad hoc `module:function`; unknown names raise with a "did you mean"."""
    names = registered()
    base, _, output_format = name.partition("@")
    if output_format and base in names:
        return load(base).in_format(output_format)
    if name not in names:
        if ":" in name:
            return from_callable(name)
        raise unknown_name("extractor", name, names)
    try:
        return load_target(names[name])
    except ImportError as error:
        hint = install_command(name)
        raise BenchError(f"extractor {name!r} is not installed ({error})"
                         + (f"; install it with: {hint}" if hint else "")) from None


def available() -> tuple[list[Extractor], list[Unavailable]]:
    """Every registered extractor, split into those that import here and those that do not."""
    loaded, missing = [], []
    for name in registered():
        try:
            loaded.append(load(name))
        except BenchError as error:
            missing.append(Unavailable(name=name, reason=str(error),
                                       install=install_command(name)))
    return loaded, missing
