"""readability-lxml: its article HTML turned into text with lxml, paragraph breaks kept."""

from __future__ import annotations

from readability import Document

from bench.text.html import element_text, parse_html
from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    article_html = Document(html, url=url).summary(html_partial=True)
    return element_text(parse_html(article_html))


readability = Extractor(name="readability", package="readability-lxml", extract=_extract,
                        description="Document.summary(), text by lxml")
