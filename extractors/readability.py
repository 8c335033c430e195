"""readability-lxml: its article HTML turned into text with lxml, paragraph breaks kept; it
can also give that HTML, or the HTML as Markdown (markdownify)."""

from __future__ import annotations

from readability import Document

from bench.text.html import element_text, parse_html
from extractors.base import Extractor
from extractors.converter import html_to_markdown


def article_html(html: str, url: str | None) -> str:
    """readability-lxml's article, as HTML (the Markdown adapters convert it too)."""
    return str(Document(html, url=url).summary(html_partial=True))


def _extract(html: str, url: str | None) -> str:
    return element_text(parse_html(article_html(html, url)))


def _markdown(html: str, url: str | None) -> str:
    return html_to_markdown(article_html(html, url))


readability = Extractor(name="readability", package="readability-lxml", extract=_extract,
                        description="Document.summary(), text by lxml",
                        formats={"html": article_html, "markdown": _markdown},
                        converters={"markdown": "markdownify"})
