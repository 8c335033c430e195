"""goose3 with its default configuration (it has no Bengali stopwords and returns "" there)."""

from __future__ import annotations

from functools import cache

from goose3 import Goose

from extractors.base import Extractor


@cache
def _goose() -> Goose:
    return Goose()  # one per process: building it loads its configuration and stopwords


def _extract(html: str, url: str | None) -> str:
    return str(_goose().extract(url=url, raw_html=html).cleaned_text or "")


goose3 = Extractor(name="goose3", package="goose3", extract=_extract,
                   description="Goose().extract(raw_html=...).cleaned_text")
