"""inscriptis: the whole page as laid-out text (a full-text baseline with layout)."""

from __future__ import annotations

from inscriptis import get_text

from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    return str(get_text(html))


inscriptis = Extractor(name="inscriptis", package="inscriptis", extract=_extract,
                       description="get_text(): every visible text, laid out (baseline)")
