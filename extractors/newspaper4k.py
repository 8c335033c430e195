"""newspaper4k: `Article.download(input_html=...)` then `parse()`; nothing is fetched.

The page's language is passed when newspaper4k knows it (otherwise it reads the page's own
`lang`); Bengali, Hindi, Tamil, Nepali need `indic-nlp-library` (the `bn` extra) and raise
ImportError without it.
"""

from __future__ import annotations

import newspaper
from newspaper.languages import get_available_languages

from extractors.base import Extractor


def _extract(html: str, url: str | None, *, language: str | None) -> str:
    code = (language or "").split("-")[0].lower()
    options = {"language": code} if code in get_available_languages() else {}
    article = newspaper.Article(url or "about:blank", fetch_images=False, **options)
    article.download(input_html=html)
    article.parse()
    return str(article.text or "")


newspaper4k = Extractor(name="newspaper4k", package="newspaper4k", extract=_extract,
                        wants_language=True, settings={"language": "page language"},
                        description="Article(language=page language).parse()")
