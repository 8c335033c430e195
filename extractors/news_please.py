"""news-please: `NewsPlease.from_html(...).maintext`, images not fetched, nothing downloaded.

news-please extracts with newspaper4k, so Bengali pages need the `bn` extra too.
"""

from __future__ import annotations

from newsplease import NewsPlease

from extractors.base import Extractor


def _extract(html: str, url: str | None) -> str:
    article = NewsPlease.from_html(html, url=url, fetch_images=False)
    return str(article.maintext or "")


news_please = Extractor(name="news-please", package="news-please", extract=_extract,
                        description="NewsPlease.from_html().maintext")
