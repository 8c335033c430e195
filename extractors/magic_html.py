"""magic-html's GeneralExtractor: its main-content HTML turned into text with lxml; it can also
give that HTML, or the HTML as Markdown (markdownify).

Its only release needs Python 3.12 or newer: the extra carries that marker, and CI tests this
adapter in a Python 3.12 environment of its own.
"""

from __future__ import annotations

from magic_html import GeneralExtractor

from bench.text.html import element_text, parse_html
from extractors.base import Extractor
from extractors.converter import html_to_markdown


def _main_html(html: str, url: str | None) -> str:
    return str(GeneralExtractor().extract(html, base_url=url or "").get("html") or "")


def _extract(html: str, url: str | None) -> str:
    return element_text(parse_html(_main_html(html, url)))


def _markdown(html: str, url: str | None) -> str:
    return html_to_markdown(_main_html(html, url))


magic_html = Extractor(name="magic-html", package="magic-html", extract=_extract,
                       description="GeneralExtractor().extract(), text by lxml (Python >= 3.12)",
                        formats={"html": _main_html, "markdown": _markdown},
                        converters={"markdown": "markdownify"})
