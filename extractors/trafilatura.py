"""trafilatura, with its default settings and three documented variants. It takes raw bytes
too (and detects their charset), so pages that no charset decodes cleanly still reach it. Each
can also give Markdown or HTML (trafilatura's own `output_format`, links kept: without
`include_links` it drops every link)."""

from __future__ import annotations

from functools import partial
from typing import Any

import trafilatura

from extractors.base import Extractor


def _extract(html: str | bytes, url: str | None, **options: Any) -> str:
    return trafilatura.extract(html, url=url, **options) or ""


def _variant(name: str, description: str, **options: Any) -> Extractor:
    formats = {form: partial(_extract, output_format=form, include_links=True, **options)
               for form in ("markdown", "html")}
    return Extractor(name=name, package="trafilatura", extract=partial(_extract, **options),
                     settings=options, description=description, accepts_bytes=True,
                     formats=formats)


default = _variant("trafilatura", "default settings (comments included)")
precision = _variant("trafilatura-precision", "favor_precision=True", favor_precision=True)
recall = _variant("trafilatura-recall", "favor_recall=True", favor_recall=True)
no_comments = _variant("trafilatura-no-comments", "include_comments=False",
                       include_comments=False)
