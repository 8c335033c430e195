"""html-text: the whole page's text with guessed layout (a full-text baseline)."""

from __future__ import annotations

import html_text

from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    return str(html_text.extract_text(html))


html_text_extractor = Extractor(name="html-text", package="html-text", extract=_extract,
                                description="extract_text(): every visible text (baseline)")
