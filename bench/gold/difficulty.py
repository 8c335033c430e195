"""How hard a page is: the share of the page's text that is body.

A page whose text is mostly body (a long article under a thin header) is easy: even the
full-text baseline scores well. A page where the body is a small island in menus, comments and
trending lists is hard. The share is counted in Unicode tokens; for pages whose body lives only
in a script (JSON-LD, `__NEXT_DATA__`) the script text counts as page text.
"""

from __future__ import annotations

from bench.data.page import Page
from bench.gold.page_text import page_text
from bench.text.encoding import UndecodableError, decode_html
from bench.text.tokenizers import UnicodeTokenizer

BANDS = (("hard", 0.25), ("medium", 0.5), ("easy", 1.01))
"""Upper bounds (exclusive) of the body share for each difficulty band."""


def body_share(page: Page) -> float | None:
    """Body tokens over page-text tokens, in [0, 1]; None without a body or a decodable page."""
    if page.body is None:
        return None
    try:
        html, _charset = decode_html(page.read_html(), page.encoding)
    except UndecodableError:
        return None
    tokenize = UnicodeTokenizer()
    page_tokens = len(tokenize(page_text(page, html)))
    return min(1.0, len(tokenize(page.body)) / page_tokens) if page_tokens else None


def band(share: float | None) -> str:
    """The difficulty band of a body share: hard, medium or easy ("unknown" for None)."""
    if share is None:
        return "unknown"
    return next(name for name, upper in BANDS if share < upper)
