"""All visible text of the page: no boilerplate removed, the recall ceiling."""

from __future__ import annotations

from bench.text.html import visible_text
from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    return visible_text(html)


fulltext = Extractor(name="fulltext", package="lxml", extract=_extract,
                     description="every visible text node (baseline)")
