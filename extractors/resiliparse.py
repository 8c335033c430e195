"""Resiliparse's plain-text extraction with its main-content heuristics on."""

from __future__ import annotations

from resiliparse.extract.html2text import extract_plain_text

from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    return str(extract_plain_text(html, main_content=True))


resiliparse = Extractor(name="resiliparse", package="resiliparse", extract=_extract,
                        settings={"main_content": True},
                        description="extract_plain_text(main_content=True)")
