"""`boilerbench validate`: check that each gold record agrees with its page.

Beyond what loading checks (fields, vocabularies, language tags), every body paragraph must be
on the page as visible text, and every boilerplate line must be on the page and not in the body,
all compared after normalisation with white space collapsed. A boilerplate line counts as part
of the body when it equals a body paragraph, or when it is longer than six words (a character of
Han, Kana, Thai... counting as a third of a word) and occurs inside one: shorter lines (a list
number "১০", a menu item "জাতীয়", a Thai place name "เชียงใหม่") occur inside
body sentences by coincidence and are only checked for presence. A `repeats-body` snippet (a
pull quote, a contents list) is the other way round: each of its lines must occur in the body.
"""

from __future__ import annotations

import re
from pathlib import Path

import regex

from bench.data.page import Page
from bench.errors import BenchError, GoldError
from bench.gold.format import REPEATS_BODY, bundled_gold_dir, load_page
from bench.gold.page_text import page_text
from bench.text.encoding import UndecodableError, decode_html
from bench.text.normalize import collapse_whitespace, normalize, shorten
from bench.text.tokenizers import UNSPACED, UnicodeTokenizer

_MIN_TOKENS_FOR_BODY_CHECK = 6
_TOKENIZE = UnicodeTokenizer()
_UNSPACED_TOKEN = regex.compile(rf"[{UNSPACED}]")


def _comparable(text: str) -> str:
    return collapse_whitespace(normalize(text))


def _token_run(text: str) -> str:
    """Normalised tokens joined by a separator no token contains, so that `in` finds whole-word
    runs only ("Facebook" is not in "FacebookXWhatsApp")."""
    return "\x1f" + "\x1f".join(_TOKENIZE(normalize(text))) + "\x1f"


def _find(text: str, page_text: str, page_tokens: str) -> str | None:
    """Why `text` is not quotable from the page, or None when it is."""
    if _comparable(text) not in page_text:
        return "not found on the page"
    if _token_run(text) not in page_tokens:
        return "found only inside longer words on the page (text glued by the markup?)"
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?।。！？])\s+")


def _missing_part(paragraph: str, page_text: str, page_tokens: str) -> str:
    """The first line of `paragraph` (or, within it, the first sentence) that is not on the
    page: what to quote, rather than the paragraph's opening, which may well be there."""
    for line in paragraph.splitlines():
        if line.strip() and _find(line, page_text, page_tokens):
            sentences = [part for part in _SENTENCE_END.split(line.strip()) if part]
            return next((sentence for sentence in sentences
                         if _find(sentence, page_text, page_tokens)), line.strip())
    return paragraph.strip()  # each line is there, but not one after the other


def _words(line: str) -> float:
    """The line's length in words: a character of a script written without spaces (one token
    each) counts as a third of a word, so that a Thai or Chinese menu label of seven
    characters ("เชียงใหม่") is short, as its English counterpart is."""
    tokens = _TOKENIZE(normalize(line))
    unspaced = sum(1 for token in tokens if _UNSPACED_TOKEN.match(token))
    return len(tokens) - unspaced + unspaced / 3


def check_page(page: Page, record_path: Path) -> list[str]:
    """Every disagreement between one record and its page, as `file: field: problem` lines."""
    try:
        html, _charset = decode_html(page.read_html(), page.encoding)
    except UndecodableError as error:
        return [str(GoldError(page.html_path, "(html)", str(error)))]
    raw_text = page_text(page, html)
    text_on_page, tokens_on_page = _comparable(raw_text), _token_run(raw_text)
    body_paragraphs = [p for p in (page.body or "").split("\n\n") if p.strip()]
    body_tokens = _token_run(page.body or "")
    whole_paragraphs = {_token_run(paragraph) for paragraph in body_paragraphs}
    problems = []
    for number, paragraph in enumerate(body_paragraphs, start=1):
        if why := _find(paragraph, text_on_page, tokens_on_page):
            missing = _missing_part(paragraph, text_on_page, tokens_on_page)
            problems.append(str(GoldError(record_path, f"body paragraph {number}",
                                          f"{why}: {missing!r}")))
    for index, snippet in enumerate(page.boilerplate, start=1):
        for line in snippet.text.splitlines():
            line_tokens = _token_run(line)
            if line_tokens == "\x1f\x1f":  # punctuation or white space only
                continue
            where = f"boilerplate[{index}].text"
            if why := _find(line, text_on_page, tokens_on_page):
                problems.append(str(GoldError(record_path, where,
                                              f"{why}: {shorten(line, 60)!r}")))
            elif snippet.category == REPEATS_BODY:
                if line_tokens not in body_tokens:
                    problems.append(str(GoldError(record_path, where, "is labeled repeats-body "
                                                  f"but not in the body: {shorten(line, 60)!r}")))
            elif line_tokens in whole_paragraphs or (
                    _words(line) > _MIN_TOKENS_FOR_BODY_CHECK and line_tokens in body_tokens):
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
