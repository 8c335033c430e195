"""rs-trafilatura, a Rust port of trafilatura with a page-type classifier, default settings.

Its only wheels are for CPython 3.12 (building it from source needs Rust crates from the
network): the extra carries that marker, and CI tests this adapter in its Python 3.12
environment (as magic-html).
"""

from __future__ import annotations

import rs_trafilatura

from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    return str(rs_trafilatura.extract(html, url=url).main_content or "")


rs_trafilatura_extractor = Extractor(name="rs-trafilatura", package="rs-trafilatura",
                                     extract=_extract,
                                     description="extract().main_content (CPython 3.12 only)")
