"""The structure of a Markdown text: headings, list items, table cells, code blocks, links and
block quotes as plain data, and the plain text the text reads as.

Structured gold (a gold record's `body_markdown`, WCXB's `main_content_markdown`) and Markdown
outputs are read the same way, by markdown-it-py (CommonMark with GFM tables; raw HTML is text,
never markup). The plain text follows the gold body's rules (gold/README.md): one block per
paragraph, heading, list, table or code block, blocks separated by a blank line; one line per
list item, per table row (cells joined by one space) and per source line of code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class Heading:
    """A heading and its level (1 for `#`)."""

    text: str
    level: int


@dataclass(frozen=True)
class ListItem:
    """A list item's own text (not its sub-lists'), the list it belongs to (numbered in order of
    appearance; a sub-list is a list of its own) and its depth (1 for a top-level list)."""

    text: str
    list_id: int
    depth: int
    ordered: bool


@dataclass(frozen=True)
class Cell:
    """A table cell at its row and column (from 0; the header row is row 0)."""

    text: str
    row: int
    column: int
    header: bool


@dataclass(frozen=True)
class Link:
    """A link's anchor text and target (percent-escapes decoded, as markdown-it encodes them)."""

    text: str
    target: str


@dataclass(frozen=True)
class Structure:
    """Every structural element of a Markdown text, in document order, and its plain text."""

    headings: tuple[Heading, ...] = ()
    items: tuple[ListItem, ...] = ()
    tables: tuple[tuple[Cell, ...], ...] = ()
    code: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    quotes: tuple[str, ...] = ()
    plain: str = ""


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def inline_text(token: Token) -> str:
    """The text of an inline token as a reader sees it: markup and images dropped, soft line
    breaks as a space, hard ones as a newline."""
    pieces = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type == "softbreak":
            pieces.append(" ")
        elif child.type == "hardbreak":
            pieces.append("\n")
    return "".join(pieces).strip()


@dataclass
class _Walk:
    """The state of one pass over markdown-it's token stream."""

    headings: list[Heading] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    tables: list[list[Cell]] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    blocks: list[list[str]] = field(default_factory=list)
    lists: list[tuple[int, bool]] = field(default_factory=list)  # open lists: (id, ordered)
    list_count: int = 0
    item_text: list[list[str]] = field(default_factory=list)  # one per open item
    quote_text: list[list[str]] = field(default_factory=list)  # one per open quote
    heading_level: int = 0
    cell: tuple[int, int, bool] | None = None
    row: int = -1
    column: int = -1

    def lines(self, lines: list[str]) -> None:
        """Add lines to the plain text: a list's or table's lines join its one block."""
        if self.lists or self.cell is not None:
            self.blocks[-1] += lines
        else:
            self.blocks.append(lines)

    def inline(self, token: Token) -> None:
        text = inline_text(token)
        self.links += _links(token)
        for quote in self.quote_text:
            quote.append(text)
        if self.heading_level:
            self.headings.append(Heading(text, self.heading_level))
        elif self.cell is not None:
            row, column, header = self.cell
            self.tables[-1].append(Cell(text, row, column, header))
            return
        elif self.item_text:
            self.item_text[-1].append(text)
        if text:
            self.lines(text.split("\n"))

    def step(self, token: Token) -> None:
        kind = token.type
        if kind == "inline":
            self.inline(token)
        elif kind == "heading_open":
            self.heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            self.heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if not self.lists:
                self.blocks.append([])
            self.list_count += 1
            self.lists.append((self.list_count, kind == "ordered_list_open"))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_text.append([])
        elif kind == "list_item_close":
            self.close_item()
        elif kind == "table_open":
            self.tables.append([])
            self.blocks.append([])
            self.row = -1
        elif kind == "tr_open":
            self.row, self.column = self.row + 1, -1
        elif kind in ("th_open", "td_open"):
            self.column += 1
            self.cell = (self.row, self.column, kind == "th_open")
        elif kind in ("th_close", "td_close"):
            self.cell = None
        elif kind == "tr_close":
            cells = [cell.text for cell in self.tables[-1] if cell.row == self.row]
            self.blocks[-1].append(" ".join(text for text in cells if text))
        elif kind in ("fence", "code_block"):
            content = token.content.removesuffix("\n")
            self.code.append(content)
            self.lines(content.split("\n"))
        elif kind == "blockquote_open":
            self.quote_text.append([])
        elif kind == "blockquote_close":
            self.quotes.append(" ".join(text for text in self.quote_text.pop() if text))

    def close_item(self) -> None:
        """An item ends: its text is known (a sub-list's items were recorded at their own
        close, so items are recorded in order of their end; re-sorted in `parse`)."""
        list_id, ordered = self.lists[-1]
        text = " ".join(piece for piece in self.item_text.pop() if piece)
        self.items.append(ListItem(text, list_id, len(self.lists), ordered))


def _links(token: Token) -> list[Link]:
    links: list[Link] = []
    open_targets: list[str] = []
    texts: list[list[str]] = []
    for child in token.children or ():
        if child.type == "link_open":
            open_targets.append(unquote(str(child.attrs.get("href", ""))))
            texts.append([])
        elif child.type == "link_close" and open_targets:
            links.append(Link("".join(texts.pop()).strip(), open_targets.pop()))
        elif child.type in ("text", "code_inline") and texts:
            texts[-1].append(child.content)
        elif child.type == "softbreak" and texts:
            texts[-1].append(" ")
    return links


def parse(markdown: str) -> Structure:
    """The structure of a Markdown text."""
    walk = _Walk()
    for token in _parser().parse(markdown):
        walk.step(token)
    blocks = ("\n".join(line.rstrip() for line in block) for block in walk.blocks)
    return Structure(headings=tuple(walk.headings),
                     items=tuple(sorted(walk.items, key=lambda item: item.list_id)),
                     tables=tuple(tuple(table) for table in walk.tables), code=tuple(walk.code),
                     links=tuple(walk.links), quotes=tuple(walk.quotes),
                     plain="\n\n".join(block for block in blocks if block.strip()))


def plain_text(markdown: str) -> str:
    """The plain text a Markdown text reads as (the gold body's layout)."""
    return parse(markdown).plain
