"""HTML to Markdown, for adapters whose extractor gives its main content as HTML (Readability,
magic-html): markdownify with ATX headings (`##`), `-` bullets and a table's first row as its
header row (as the gold has it). Imported only when a Markdown output is asked for:
markdownify is an extra (`pip install "boilerbench[markdownify]"`)."""

from __future__ import annotations


def html_to_markdown(html: str) -> str:
    """The Markdown of an HTML fragment."""
    try:
        from markdownify import markdownify
    except ImportError:
        raise ImportError('markdownify is not installed; install it with: pip install '
                          '"boilerbench[markdownify]"') from None

    return str(markdownify(html, heading_style="ATX", bullets="-", table_infer_header=True))
