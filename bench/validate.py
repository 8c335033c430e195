"""`boilerbench validate`: check that each gold record agrees with its page.

Beyond what loading checks (fields, vocabularies, language tags), every body paragraph must be
on the page as visible text, and every boilerplate line must be on the page and not in the body,
all compared after normalisation with white space collapsed. A boilerplate line counts as part
of the body when it equals a body paragraph, or when it has six tokens or more and occurs inside
one: shorter lines (a list number "১০", a menu item "জাতীয়", three Han characters) occur inside
body sentences by coincidence and are only checked for presence.
"""

from __future__ import annotations

from pathlib import Path

from bench.dataset import Page
from bench.encoding import UndecodableError, decode_html
from bench.errors import BenchError, GoldError
from bench.gold import bundled_gold_dir, load_page
from bench.normalize import collapse_whitespace, normalize, shorten
from bench.page_text import page_text
from bench.tokenizers import UnicodeTokenizer

_MIN_TOKENS_FOR_BODY_CHECK = 6


def _comparable(text: str) -> str:
    return collapse_whitespace(normalize(text))


def check_page(page: Page, record_path: Path) -> list[str]:
    """Every disagreement between one record and its page, as `file: field: problem` lines."""
    try:
        html, _charset = decode_html(page.read_html(), page.encoding)
    except UndecodableError as error:
        return [str(GoldError(page.html_path, "(html)", str(error)))]
    text_on_page = _comparable(page_text(page, html))
    body = _comparable(page.body or "")
    paragraphs = {_comparable(paragraph) for paragraph in (page.body or "").split("\n\n")}
    problems = []
    for number, paragraph in enumerate((page.body or "").split("\n\n"), start=1):
        if paragraph.strip() and _comparable(paragraph) not in text_on_page:
            problems.append(str(GoldError(record_path, f"body paragraph {number}",
                                          f"not found on the page: {shorten(paragraph, 60)!r}")))
    tokens = UnicodeTokenizer()
    for index, snippet in enumerate(page.boilerplate, start=1):
        for line in snippet.text.splitlines():
            line_text = _comparable(line)
            if not line_text:
                continue
            where = f"boilerplate[{index}].text"
            if line_text not in text_on_page:
                problems.append(str(GoldError(record_path, where,
                                              f"not found on the page: {shorten(line, 60)!r}")))
            elif line_text in paragraphs or (
                    len(tokens(line_text)) >= _MIN_TOKENS_FOR_BODY_CHECK and line_text in body):
                problems.append(str(GoldError(record_path, where,
                                              f"is part of the body: {shorten(line, 60)!r}")))
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
