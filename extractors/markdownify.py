"""readability-lxml's article HTML written as Markdown by markdownify (BeautifulSoup), with ATX
headings (`# Title`) as html-to-markdown writes them."""

from __future__ import annotations

from markdownify import markdownify

from extractors.base import Extractor, package_version
from extractors.readability import article_html


def _extract(html: str, url: str | None) -> str:
    return str(markdownify(article_html(html, url), heading_style="ATX")).strip()


readability_markdownify = Extractor(
    name="readability-markdownify", package="markdownify", extract=_extract,
    settings={"article": f"readability-lxml {package_version('readability-lxml')}",
              "heading_style": "ATX"},
    description="readability-lxml's article HTML → Markdown by markdownify")
