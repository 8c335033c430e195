"""`boilerbench validate`: check that each gold record agrees with its page.

Beyond what loading checks (fields, vocabularies, language tags), every body paragraph must be
on the page as visible text, and every boilerplate line must be on the page and not in the body,
all compared after normalisation with white space collapsed. Short boilerplate lines (under
three tokens, such as a list number "১০" or "Share") may occur inside the body's words and are
only checked for presence.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.dataset import Page
from bench.encoding import UndecodableError, decode_html
from bench.errors import BenchError, GoldError
from bench.gold import bundled_gold_dir, load_page
from bench.html_text import parse_html, visible_text
from bench.normalize import collapse_whitespace, normalize
from bench.tokenizers import UnicodeTokenizer

_MIN_TOKENS_FOR_BODY_CHECK = 3
_SCRIPT_BODY_CASES = {"json-ld-body", "next-data-body"}


def _comparable(text: str) -> str:
    return collapse_whitespace(normalize(text))


def _page_text(page: Page, html: str) -> str:
    """What the gold may quote: the visible text, plus script data for script-only bodies."""
    text = visible_text(html)
    if _SCRIPT_BODY_CASES & set(page.meta.get("hard_cases", "").split(",")):
        for script in parse_html(html).iter("script"):
            source = script.text or ""
            try:
                text += "\n" + "\n".join(_json_strings(json.loads(source)))
            except ValueError:
                text += "\n" + source
    return text


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    return []


def check_page(page: Page, record_path: Path) -> list[str]:
    """Every disagreement between one record and its page, as `file: field: problem` lines."""
    try:
        html, _charset = decode_html(page.read_html(), page.encoding)
    except UndecodableError as error:
        return [str(GoldError(page.html_path, "(html)", str(error)))]
    page_text = _comparable(_page_text(page, html))
    body = _comparable(page.body or "")
    problems = []
    for number, paragraph in enumerate((page.body or "").split("\n\n"), start=1):
        if paragraph.strip() and _comparable(paragraph) not in page_text:
            problems.append(str(GoldError(record_path, f"body paragraph {number}",
                                          f"not found on the page: {paragraph[:60]!r}")))
    tokens = UnicodeTokenizer()
    for index, snippet in enumerate(page.boilerplate, start=1):
        for line in snippet.text.splitlines():
            line_text = _comparable(line)
            if not line_text:
                continue
            where = f"boilerplate[{index}].text"
            if line_text not in page_text:
                problems.append(str(GoldError(record_path, where,
                                              f"not found on the page: {line[:60]!r}")))
            elif len(tokens(line_text)) >= _MIN_TOKENS_FOR_BODY_CHECK and line_text in body:
                problems.append(str(GoldError(record_path, where,
                                              f"is part of the body: {line[:60]!r}")))
    return problems


def validate_gold(path: Path | None = None) -> tuple[list[str], int]:
    """Check every record under `path` (the bundled set by default); return problems, count."""
    root = bundled_gold_dir() if path is None else Path(path)
    records = [root] if root.is_file() else sorted(root.glob("*.toml"))
    if not records:
        raise BenchError(f"{root}: no gold records (*.toml) found")
    problems: list[str] = []
    for record_path in records:
        try:
            page = load_page(record_path)
        except GoldError as error:
            problems.append(str(error))
            continue
        problems += check_page(page, record_path)
    return problems, len(records)
