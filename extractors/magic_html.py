"""magic-html's GeneralExtractor: its main-content HTML turned into text with lxml.

Its only release needs Python 3.12 or newer: the extra carries that marker, and CI tests this
adapter in a Python 3.12 environment of its own.
"""

from __future__ import annotations

from magic_html import GeneralExtractor

from bench.text.html import element_text, parse_html
from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    result = GeneralExtractor().extract(html, base_url=url or "")
    return element_text(parse_html(str(result.get("html") or "")))


magic_html = Extractor(name="magic-html", package="magic-html", extract=_extract,
                       description="GeneralExtractor().extract(), text by lxml (Python >= 3.12)")
