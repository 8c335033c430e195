"""boilerpy3 (a port of Kohlschütter's boilerpipe): its Article and Default extractors."""

from __future__ import annotations

from functools import partial

from boilerpy3 import extractors

from extractors.base import Extractor


def _extract(html: str, url: str | None, *, kind: str) -> str:
    extractor = getattr(extractors, kind)(raise_on_failure=True)
    return str(extractor.get_content(html))


article = Extractor(name="boilerpy3", package="boilerpy3",
                    extract=partial(_extract, kind="ArticleExtractor"),
                    description="ArticleExtractor")
default = Extractor(name="boilerpy3-default", package="boilerpy3",
                    extract=partial(_extract, kind="DefaultExtractor"),
                    settings={"extractor": "DefaultExtractor"}, description="DefaultExtractor")
