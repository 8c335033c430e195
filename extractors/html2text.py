"""html2text: the whole page as Markdown (a full-text baseline; markup counts as tokens)."""

from __future__ import annotations

import html2text

from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    return str(html2text.html2text(html))


html2text_extractor = Extractor(name="html2text", package="html2text", extract=_extract,
                                description="html2text(): the page as Markdown (baseline)",
                                output_format="markdown")
