"""The bundled gold format: `<id>.html` (raw bytes as served) beside `<id>.toml` (the record).

The format and the labeling rules are documented in gold/README.md. Loading checks every
field and raises GoldError naming the file and the field; `validate` checks the rest (that the
gold text is really on the page).
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.data.page import Dataset, Page, Snippet, hash_pages
from bench.errors import BenchError, GoldError
from bench.gold.difficulty import band, body_share

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SCHEMA = 1
PAGE_TYPES = ("news", "blog", "opinion", "forum", "product", "recipe", "documentation",
              "encyclopedia", "listing", "live-blog", "press-release")
REPEATS_BODY = "repeats-body"
"""The category of text that repeats the body word for word (pull quotes, contents lists): an
output holding the body holds it, so it is checked and counted apart from real leaks."""
CATEGORIES = ("caption-duplicate", "comment-prompt", "comments", "trending-list", "promo",
              "navigation", "footer", "related-links", "share-bar", "advert", "cookie-banner",
              "newsletter", "byline-meta", "title", REPEATS_BODY, "other")
HARD_CASES = ("split-body", "long-comments", "related-in-article", "table-layout",
              "json-ld-body", "next-data-body", "paginated", "paywall", "short-body",
              "long-body", "heavy-page", "wrong-charset", "trending-in-article",
              "caption-alt-figcaption-paragraph", "teaser-between-paragraphs",
              "nuxt-data-body", "pull-quote", "table-of-contents", "next-article-teaser",
              "listing-items-body", "short-description-long-reviews", "forum-thread",
              "live-blog", "mega-menu", "consent-frame", "bidi-runs")
_REQUIRED_STR = ("id", "url", "language", "page_type", "title", "body")
_OPTIONAL_STR = ("headline", "byline", "dateline", "encoding", "notes")
_FIELDS = ("schema", *_REQUIRED_STR, *_OPTIONAL_STR, "hard_cases", "boilerplate")
_SNIPPET_FIELDS = ("category", "text")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
# BCP-47 shape: language, optional script, optional region, optional variants.
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-[a-z0-9]{5,8})*")


def bundled_gold_dir() -> Path:
    """The gold set shipped with boilerbench: `bench/_gold` in a wheel, `gold/` in a checkout."""
    package_dir = Path(__file__).resolve().parents[1]  # bench/
    installed = package_dir / "_gold"
    return installed if installed.is_dir() else package_dir.parent / "gold"


def load_record(record_path: Path) -> dict[str, Any]:
    """Parse a record file, raising GoldError on TOML syntax errors."""
    try:
        with record_path.open("rb") as handle:
            record: dict[str, Any] = tomllib.load(handle)
            return record
    except tomllib.TOMLDecodeError as error:
        raise GoldError(record_path, "(syntax)", f"not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise GoldError(record_path, "(file)", "not UTF-8") from None


def _check_str(record: Mapping[str, Any], path: Path, name: str, *, required: bool) -> str:
    value = record.get(name)
    if value is None:
        if required:
            raise GoldError(path, name, "missing")
        return ""
    if not isinstance(value, str):
        raise GoldError(path, name, f"must be a string, got {type(value).__name__}")
    if required and not value.strip():
        raise GoldError(path, name, "must not be empty")
    return value


def _check_keys(record: Mapping[str, Any], path: Path, known: tuple[str, ...],
                where: str = "") -> None:
    """A key the format does not define (a misspelt field) is refused, with a suggestion."""
    for key in record:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
            raise GoldError(path, f"{where}{key}", "unknown field" + hint)


def page_from_record(record: Mapping[str, Any], record_path: Path) -> Page:
    """Check a parsed record field by field and build the Page it describes."""
    path = record_path
    if record.get("schema") != SCHEMA:
        raise GoldError(path, "schema", f"must be {SCHEMA}, got {record.get('schema')!r}")
    _check_keys(record, path, _FIELDS)
    fields = {name: _check_str(record, path, name, required=True) for name in _REQUIRED_STR}
    fields |= {name: _check_str(record, path, name, required=False) for name in _OPTIONAL_STR}
    if not _ID.fullmatch(fields["id"]):
        raise GoldError(path, "id", f"{fields['id']!r} is not lower-case letters, digits, '-'")
    if fields["id"] != path.stem:
        raise GoldError(path, "id", f"{fields['id']!r} differs from the file name {path.stem!r}")
    if not _LANGUAGE_TAG.fullmatch(fields["language"]):
        raise GoldError(path, "language", f"{fields['language']!r} is not a BCP-47 tag")
    if fields["page_type"] not in PAGE_TYPES:
        raise GoldError(path, "page_type",
                        f"{fields['page_type']!r} is not one of {', '.join(PAGE_TYPES)}")
    hard_cases = record.get("hard_cases", [])
    if not isinstance(hard_cases, list) or not all(case in HARD_CASES for case in hard_cases):
        raise GoldError(path, "hard_cases", f"{hard_cases!r}: each must be one of "
                        f"{', '.join(HARD_CASES)}")
    boilerplate = _snippets(record.get("boilerplate"), path)
    html_path = path.with_suffix(".html")
    if not html_path.is_file():
        raise GoldError(path, "(html)", f"the page {html_path.name} is missing")
    meta = {name: fields[name] for name in ("title", "headline", "byline", "dateline")}
    meta["hard_cases"] = ",".join(hard_cases)
    return Page(id=fields["id"], html_path=html_path, url=fields["url"],
                encoding=fields["encoding"] or None, language=fields["language"],
                page_type=fields["page_type"], body=fields["body"].strip(),
                boilerplate=boilerplate, meta=meta)


def _snippets(value: Any, path: Path) -> tuple[Snippet, ...]:
    if value is None:
        raise GoldError(path, "boilerplate", "missing (use [[boilerplate]] tables)")
    if not isinstance(value, list):
        raise GoldError(path, "boilerplate", "must be an array of tables")
    snippets = []
    for number, item in enumerate(value, start=1):
        where = f"boilerplate[{number}]"
        if not isinstance(item, dict):
            raise GoldError(path, where, "must be a table with category and text")
        _check_keys(item, path, _SNIPPET_FIELDS, f"{where}.")
        category, text = item.get("category"), item.get("text")
        if category not in CATEGORIES:
            raise GoldError(path, f"{where}.category",
                            f"{category!r} is not one of {', '.join(CATEGORIES)}")
        if not isinstance(text, str) or not text.strip():
            raise GoldError(path, f"{where}.text", "must be a non-empty string")
        snippets.append(Snippet(category=category, text=text.strip()))
    return tuple(snippets)


def load_page(record_path: Path) -> Page:
    """Load one gold page from its record path."""
    return page_from_record(load_record(record_path), record_path)


def _with_difficulty(page: Page) -> Page:
    """The page with its body share and difficulty band in `meta`, for breakdowns."""
    share = body_share(page)
    meta = {**page.meta, "difficulty": band(share),
            "body_share": "" if share is None else f"{share:.3f}"}
    return replace(page, meta=meta)


def load_gold(path: Path | None = None) -> Dataset:
    """Load every page of a gold folder (the bundled set by default), or one record file."""
    root = bundled_gold_dir() if path is None else Path(path)
    if root.is_file():
        records = [root]
    elif root.is_dir():
        records = sorted(root.glob("*.toml"))
    else:
        raise BenchError(f"{root}: no such gold file or folder")
    if not records:
        raise BenchError(f"{root}: no gold records (*.toml) found")
    # Ids equal file stems, so ids in one folder are unique by construction.
    pages = tuple(_with_difficulty(load_page(record)) for record in records)
    return Dataset(name="gold", pages=pages, content_hash=hash_pages(pages))
