"""The visible text of an HTML page, with block elements on their own lines.

Used by the full-page-text baseline (the recall ceiling) and by `validate`, which checks that
gold text is really on the page. Nothing on the page is executed: lxml only parses.
"""

from __future__ import annotations

import json

import lxml.html
from lxml import etree

INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "label", "li", "main", "nav", "ol", "option",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))


def parse_html(html: str) -> etree._Element:
    """Parse HTML text into an lxml tree (an empty document for empty input)."""
    if not html.strip():
        return lxml.html.fromstring("<html></html>")
    # lxml refuses str input that carries an XML encoding declaration; bytes are fine.
    return lxml.html.document_fromstring(html.encode("utf-8"),
                                         parser=lxml.html.HTMLParser(encoding="utf-8"))


def visible_tree(html: str) -> etree._Element:
    """The page's tree without what a reader does not see (scripts, styles, hidden elements)."""
    root = parse_html(html)
    etree.strip_elements(root, *INVISIBLE_TAGS, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)
    for hidden in root.xpath('//*[@hidden or contains(translate(@style," ",""),"display:none")]'):
        hidden.drop_tree()
    return root


def visible_text(html: str) -> str:
    """All text a reader sees, one line per block element, white space inside lines collapsed."""
    return element_text(visible_tree(html))


def text_with_scripts(html: str) -> str:
    """The visible text followed by the strings held in the page's scripts (JSON values, or the
    raw script text): for pages whose only copy of the body is JSON-LD or `__NEXT_DATA__`."""
    texts = [visible_text(html)]
    for script in parse_html(html).iter("script"):
        source = script.text or ""
        try:
            texts += _json_strings(json.loads(source))
        except ValueError:
            texts.append(source)
    return "\n".join(texts)


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return []


def element_text(root: etree._Element) -> str:
    """Text of an element, one line per block element, white space inside lines collapsed."""
    pieces: list[str] = []
    # iterwalk rather than recursion: real pages nest deeper than Python's recursion limit.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS
        if event == "start":
            pieces.append("\n" if block else "")
            pieces.append(element.text or "")
        else:
            pieces.append("\n" if block else "")
            if element is not root:
                pieces.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)
