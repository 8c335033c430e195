"""CleanEval-style folders: `html/<id>.html` (the pages) and `gold/<id>.txt` (the cleaned
text, UTF-8).

Gold lines start with a `<p>`, `<h>` or `<l>` marker (paragraph, heading, list item); a line
without a marker continues the one before. An optional first line `URL: ...` gives the page's
address. The markers are stripped and each marked block becomes one paragraph of the body,
paragraphs separated by blank lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from bench.data.page import Dataset, Page, dataset_of
from bench.errors import BenchError
from bench.files import read_text

_MARKER = re.compile(r"\s*<(p|h|l)>", re.IGNORECASE)
_URL_HEADER = re.compile(r"\s*URL:\s*(\S+)\s*$", re.IGNORECASE)


def parse_gold(text: str) -> tuple[str, str | None]:
    """(body, url or None) of a CleanEval gold text."""
    lines = text.splitlines()
    while lines and not lines[0].strip():  # CleanPortalEval's files open with a blank line
        lines = lines[1:]
    url = None
    if lines and (header := _URL_HEADER.match(lines[0])):
        url, lines = header.group(1), lines[1:]
    paragraphs: list[list[str]] = []
    for line in lines:
        marker = _MARKER.match(line)
        if marker or not paragraphs:
            paragraphs.append([])
        words = line[marker.end():] if marker else line
        if words.strip():
            paragraphs[-1].append(" ".join(words.split()))
    body = "\n\n".join(" ".join(block) for block in paragraphs if block)
    return body, url


def load(path: Path) -> Dataset:
    """Load a CleanEval-style folder."""
    html_dir, gold_dir = path / "html", path / "gold"
    for folder in (html_dir, gold_dir):
        if not folder.is_dir():
            raise BenchError(f"{folder}: missing (a cleaneval folder holds html/ and gold/)")
    pages = []
    for gold_path in sorted(gold_dir.glob("*.txt")):
        html_path = html_dir / f"{gold_path.stem}.html"
        if not html_path.is_file():
            raise BenchError(f"{html_path}: missing page for {gold_path}")
        body, url = parse_gold(read_text(gold_path))
        pages.append(Page(id=gold_path.stem, html_path=html_path, url=url, body=body))
    if not pages:
        raise BenchError(f"{gold_dir}: no gold *.txt files")
    return dataset_of("cleaneval", pages, source=path)
