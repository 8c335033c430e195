"""Drafting a gold record for a new page (`boilerbench add`), for a person to correct.

The body is pre-filled with the lines that at least two extractors agree on, in page order;
the rest of the visible text is listed as boilerplate, each block given a category guessed from
the tag, class and id of its nearest telling ancestor (`nav`, `footer`, `.share`, `#comments`...),
`other` when nothing tells. The draft is a starting point: a person must check every line, then
run `boilerbench validate`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from bench.text.html import parse_html, visible_text
from bench.text.normalize import collapse_whitespace, normalize
from extractors.base import Extractor

# Checked in order: the first pattern found in an element's tag, id or class wins.
_CATEGORY_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern)) for category, pattern in (
        ("cookie-banner", r"cookie|consent|gdpr"),
        ("newsletter", r"newsletter|subscribe"),
        ("comment-prompt", r"comment|disqus|respond|reply"),
        ("share-bar", r"share|social|print"),
        ("advert", r"\bad\b|ads|advert|sponsor|banner|dfp|gpt"),
        ("trending-list", r"trending|popular|latest|most-?read|sorbo|tab"),
        ("related-links", r"related|read-?more|more-news|recommend|teaser"),
        ("caption-duplicate", r"caption|credit|figcaption"),
        ("byline-meta", r"byline|author|date|time|meta|tags?\b"),
        ("promo", r"promo|follow|app-?download|google-?news"),
        ("navigation", r"^nav|menu|breadcrumb|header|navbar|pagination"),
        ("footer", r"footer|copyright"),
        ("title", r"^h1$|headline|title"),
    ))


def agreed_body(outputs: Sequence[str], *, min_votes: int = 2) -> str:
    """Lines found in at least `min_votes` outputs, in the order of the first output that has
    them, as paragraphs separated by blank lines."""
    votes: Counter[str] = Counter()
    order: dict[str, str] = {}
    for output in outputs:
        seen = set()
        for line in output.splitlines():
            key = collapse_whitespace(normalize(line))
            if key and key not in seen:
                seen.add(key)
                votes[key] += 1
                order.setdefault(key, collapse_whitespace(line))
    return "\n\n".join(line for key, line in order.items() if votes[key] >= min_votes)


def _category(element: etree._Element) -> str:
    for node in (element, *element.iterancestors()):
        if not isinstance(node.tag, str):
            continue
        names = " ".join((node.tag, node.get("id") or "", node.get("class") or "")).lower()
        for category, pattern in _CATEGORY_HINTS:
            if any(pattern.search(name) for name in names.split()):
                return category
    return "other"


def boilerplate_blocks(html: str, body: str) -> list[dict[str, str]]:
    """Visible lines that are not in `body`, grouped by guessed category, in page order."""
    body_key = collapse_whitespace(normalize(body))
    visible = {collapse_whitespace(normalize(line)) for line in visible_text(html).splitlines()}
    root = parse_html(html)
    etree.strip_elements(root, "script", "style", "noscript", "template", "head",
                         etree.Comment, with_tail=False)
    by_category: dict[str, list[str]] = {}
    seen: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        own = [element.text or "", *(child.tail or "" for child in element)]
        line = collapse_whitespace(" ".join(own))
        key = collapse_whitespace(normalize(line))
        if not key or key in seen or key in body_key or not any(key in v for v in visible):
            continue
        seen.add(key)
        by_category.setdefault(_category(element), []).append(line)
    return [{"category": category, "text": "\n".join(lines)}
            for category, lines in by_category.items()]


def draft_record(html: str, *, page_id: str, url: str, language: str, page_type: str,
                 extractors: Sequence[Extractor]) -> dict[str, Any]:
    """A record dict in the gold format, ready to be written as TOML and corrected by hand."""
    outputs = []
    for extractor in extractors:
        try:
            outputs.append(extractor.extract(html, url or None))
        except Exception:  # a failing extractor just casts no vote
            outputs.append("")
    body = agreed_body(outputs, min_votes=min(2, len(outputs)))
    title_match = parse_html(html).findtext(".//title") or ""
    return {
        "schema": 1, "id": page_id, "url": url, "language": language, "page_type": page_type,
        "title": collapse_whitespace(title_match), "headline": "", "byline": "",
        "dateline": "", "encoding": "", "hard_cases": [],
        "notes": "DRAFT by boilerbench add: check every line, then run boilerbench validate",
        "body": body + "\n", "boilerplate": boilerplate_blocks(html, body),
    }


def write_draft(directory: Path, record: dict[str, Any], raw: bytes) -> Path:
    """Write a drafted record as `<id>.toml` beside its page's bytes as `<id>.html`, and check
    that the draft loads; return the record's path."""
    import tomli_w

    from bench.files import write_text_atomic
    from bench.gold.format import page_from_record

    directory.mkdir(parents=True, exist_ok=True)
    html_path, record_path = (directory / f"{record['id']}{suffix}" for suffix in (".html",
                                                                                    ".toml"))
    if not html_path.is_file() or html_path.read_bytes() != raw:
        html_path.write_bytes(raw)
    write_text_atomic(record_path, tomli_w.dumps(record, multiline_strings=True))
    page_from_record(record, record_path)  # the draft must at least load
    return record_path
