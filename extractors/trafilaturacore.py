"""trafilaturacore, a pure-Python re-implementation of trafilatura's main-content path, with
its default ("balanced") settings: its cleaned HTML turned into text with lxml."""

from __future__ import annotations

import trafilaturacore

from bench.text.html import element_text, parse_html
from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    return element_text(parse_html(trafilaturacore.clean(html, url=url).html))


trafilaturacore_extractor = Extractor(name="trafilaturacore", package="trafilaturacore",
                                      extract=_extract,
                                      description="clean().html, text by lxml")
