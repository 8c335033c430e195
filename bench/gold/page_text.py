"""The text of a page that its gold may quote: what a reader sees, and for pages whose only copy
of the body sits in a script (JSON-LD `articleBody`, `__NEXT_DATA__`,
`__NUXT_DATA__`), that script's strings."""

from __future__ import annotations

from bench.data.page import Page
from bench.text.html import text_with_scripts, visible_text

SCRIPT_BODY_CASES = frozenset({"json-ld-body", "next-data-body", "nuxt-data-body"})


def page_text(page: Page, html: str) -> str:
    """The decoded page's visible text, plus script strings for script-only bodies."""
    script_body = bool(SCRIPT_BODY_CASES & set(page.meta.get("hard_cases", "").split(",")))
    return text_with_scripts(html) if script_body else visible_text(html)
