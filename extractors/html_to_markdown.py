"""readability-lxml's article HTML written as Markdown by html-to-markdown (Rust): the main
content with its headings, lists and emphasis, for metrics that read structure."""

from __future__ import annotations

from html_to_markdown import convert

from extractors.base import Extractor, package_version
from extractors.readability import article_html


def _extract(html: str, url: str | None) -> str:
    return str(convert(article_html(html, url)).content)


readability_html_to_markdown = Extractor(
    name="readability-html-to-markdown", package="html-to-markdown", extract=_extract,
    settings={"article": f"readability-lxml {package_version('readability-lxml')}"},
    description="readability-lxml's article HTML → Markdown by html-to-markdown")
