"""GitHub-flavoured Markdown tables whose cells cannot break the table or inject HTML.

Names (extractors, pages, categories) can come from untrusted data: a `|` would split a cell,
a newline would end the table, and `<`, `>`, `&` would be HTML to GitHub's renderer; Markdown
emphasis characters are escaped too so that a name is shown as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|#!~])")


def cell(text: str) -> str:
    """`text` as one literal table cell."""
    flat = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
          right: Sequence[bool] | None = None) -> str:
    """A table; `right[i]` right-aligns column i (numbers)."""
    aligns = right or [False] * len(headers)
    lines = ["| " + " | ".join(cell(header) for header in headers) + " |",
             "|" + "|".join("---:" if flag else "---" for flag in aligns) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
