"""ReadabiliPy in its pure-Python mode (its own port of Readability's cleaning)."""

from __future__ import annotations

from functools import partial

from readabilipy import simple_json_from_html_string

from extractors.base import Extractor


def plain_text(html: str, url: str | None, *, use_readability: bool) -> str:
    """ReadabiliPy's `plain_text` paragraphs, one per line."""
    article = simple_json_from_html_string(html, use_readability=use_readability)
    return "\n".join(block["text"] for block in article.get("plain_text") or ())


readabilipy = Extractor(name="readabilipy", package="readabilipy",
                        extract=partial(plain_text, use_readability=False),
                        description="simple_json_from_html_string(), pure Python")
