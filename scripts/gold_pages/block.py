"""A body block as the renderer emits it (paragraph, heading, list, table, code block, block
quote), and the two gold texts it is written as: the plain `body` and the structured
`body_markdown` (gold/README.md, "Structured body").

The builder records what markup it emits for each block, so the Markdown says what the page's
markup is, not what its text looks like; `validate` checks it against the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["paragraph", "heading", "list", "table", "code", "quote"]


@dataclass(frozen=True)
class Block:
    """One body block: `lines` are a paragraph's, heading's or quote's text (one line), a
    list's items, a code block's source lines, a table's rows (`cells` per row)."""

    kind: Kind
    lines: tuple[str, ...] = ()
    cells: tuple[tuple[str, ...], ...] = ()
    level: int = 0
    """A heading's level (2 for `h2`)."""
    ordered: bool = False
    """A list's element: `ol` (True) or `ul`."""

    @property
    def plain(self) -> str:
        """The block in the plain body: one line per item, per table row (cells joined by a
        space), per line of code."""
        if self.kind == "table":
            return "\n".join(" ".join(row) for row in self.cells)
        return "\n".join(self.lines)


_INLINE = re.compile(r"([\\`*_\[\]<&])")
"""Inline markup: emphasis, code, links, autolinks and entities, and the escape itself."""
_LINE_START = re.compile(r"^(#|>|[-+]|\d{1,9}[.)](?=\s|$)|~)")
"""What opens a block at a line start: a heading, quote, list item, break or fence."""


def escape(text: str) -> str:
    """Text as Markdown that reads as that text: punctuation that would be markup escaped with
    a backslash, and a line start that would open a block (`#`, `>`, `-`, `1.`) too."""
    text = _INLINE.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match is None:
        return text
    marker = match.group(1)
    if marker[0].isdigit():  # `1.` -> `1\.`: only the punctuation can be escaped
        return f"{marker[:-1]}\\{marker[-1]}{text[len(marker):]}"
    return f"\\{text}"


def _fence(code: str) -> str:
    """A backtick fence longer than any run of backticks in the code."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _table(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    """A GFM table: the first row is its header row, as the gold's tables have it."""
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape_cell(cell) for cell in cells) + " |"

    header, *body = rows
    return [row(header), "| " + " | ".join("---" for _ in header) + " |", *map(row, body)]


def escape_cell(text: str) -> str:
    """A table cell's text: inline escapes and `|` (a cell opens no block)."""
    return _INLINE.sub(r"\\\1", text).replace("|", r"\|")


def markdown(block: Block, *, marker: str = "-") -> str:
    """The block in Markdown; `marker` is a bullet list's (`-` or `*`: two lists in a row need
    different ones, or Markdown reads them as one)."""
    if block.kind == "heading":
        return "#" * block.level + " " + _INLINE.sub(r"\\\1", block.lines[0]).replace("#", r"\#")
    if block.kind == "list":
        if block.ordered:
            return "\n".join(f"{n}{marker} {escape(item)}"
                             for n, item in enumerate(block.lines, start=1))
        return "\n".join(f"{marker} {escape(item)}" for item in block.lines)
    if block.kind == "table":
        return "\n".join(_table(block.cells))
    if block.kind == "code":
        code = "\n".join(block.lines)
        fence = _fence(code)
        return f"{fence}\n{code}\n{fence}"
    if block.kind == "quote":
        return "> " + escape(block.lines[0])
    return escape(block.lines[0])


def body_markdown(blocks: list[Block], *, markup: bool) -> str:
    """The body's Markdown. Without `markup` (a body held only in a script, which has no markup
    for it) every line of the plain body is a paragraph."""
    if not markup:
        return "\n\n".join(escape(line) for block in blocks for line in block.plain.splitlines()
                           if line.strip()) + "\n"
    out: list[str] = []
    previous: tuple[Block, str] | None = None
    for block in blocks:
        marker = ""
        if block.kind == "list":
            first, second = (".", ")") if block.ordered else ("-", "*")
            follows = (previous is not None and previous[0].kind == "list"
                       and previous[0].ordered == block.ordered)
            marker = second if follows and previous is not None and previous[1] == first \
                else first
        out.append(markdown(block, marker=marker or "-"))
        previous = (block, marker)
    return "\n\n".join(out) + "\n"
