"""The structured gold checked against the page's markup: what `body_markdown` calls a heading
is a heading element of that level on the page, a list item is an `li`, a table cell is a `td`
or `th`, a code block is (inside) a `pre` or `code`, a link's target is an `href` of an `a`
holding its anchor text, a block quote is a `blockquote` or `q`.

Texts are compared after normalisation with white space collapsed, except code, which must be
on the page with its white space exactly. Heading, item and quote texts may be part of their
element's text (a heading carries a permalink "¶", an item its sub-list); a cell is its cell,
an anchor text its link's.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from bench.errors import GoldError
from bench.text.html import visible_tree
from bench.text.markdown import Structure, parse
from bench.text.normalize import collapse_whitespace, normalize, shorten


def _comparable(text: str) -> str:
    return collapse_whitespace(normalize(text))


def _texts(root: etree._Element, *tags: str) -> list[str]:
    return [_comparable(element.text_content()) for element in root.iter(*tags)]


def check_structure(markdown: str, html: str, record_path: Path) -> list[str]:
    """Every element of `markdown` that the page's markup does not have, as problem lines."""
    root = visible_tree(html)
    structure = parse(markdown)
    problems = [*_headings(structure, root), *_items_and_quotes(structure, root),
                *_cells(structure, root), *_code(structure, root), *_links(structure, root)]
    return [str(GoldError(record_path, "body_markdown", problem)) for problem in problems]


def _headings(structure: Structure, root: etree._Element) -> list[str]:
    by_level = {level: _texts(root, f"h{level}") for level in range(1, 7)}
    return [f"heading {shorten(h.text, 50)!r} is not an h{h.level} on the page"
            for h in structure.headings
            if not any(_comparable(h.text) in text for text in by_level[h.level])]


def _items_and_quotes(structure: Structure, root: etree._Element) -> list[str]:
    items, quotes = _texts(root, "li"), _texts(root, "blockquote", "q")
    problems = [f"list item {shorten(item.text, 50)!r} is not in an li on the page"
                for item in structure.items
                if not any(_comparable(item.text) in text for text in items)]
    return problems + [f"block quote {shorten(quote, 50)!r} is not a blockquote on the page"
                       for quote in structure.quotes
                       if not any(_comparable(quote) in text for text in quotes)]


def _cells(structure: Structure, root: etree._Element) -> list[str]:
    cells = set(_texts(root, "td", "th"))
    return [f"table cell {shorten(cell.text, 50)!r} (row {cell.row + 1}, column "
            f"{cell.column + 1}) is not a td or th on the page"
            for table in structure.tables for cell in table
            if cell.text and _comparable(cell.text) not in cells]


def _code(structure: Structure, root: etree._Element) -> list[str]:
    blocks = [element.text_content() for element in root.iter("pre", "code")]
    return [f"code block {shorten(code, 50)!r} is not in a pre or code element, white space "
            "as written" for code in structure.code if not any(code in text for text in blocks)]


def _links(structure: Structure, root: etree._Element) -> list[str]:
    anchors: dict[str, list[str]] = defaultdict(list)
    for element in root.iter("a"):
        anchors[unquote((element.get("href") or "").strip())].append(_comparable(element.text_content()))
    problems = []
    for link in structure.links:
        if link.target not in anchors:
            problems.append(f"link target {link.target!r} is not an href on the page")
        elif _comparable(link.text) not in anchors[link.target]:
            problems.append(f"link {shorten(link.text, 50)!r} is not the text of an a with "
                            f"href {link.target!r}")
    return problems
