"""A page source: the gold record's fields plus the template-only text of one page.

The format is documented in gold/README.md ("Page sources"). A source names its language kit
(`kits/<kit>.toml`: menu labels, cookie text, footer links... in that language); any kit key may
be overridden in the source. Loading raises SourceError naming the file and the field.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.gold.format import HARD_CASES, PAGE_TYPES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
FAMILIES = ("wordpress", "nextjs", "nuxt", "drupal", "discourse", "phpbb", "shop", "mediawiki",
            "docs", "amp", "table")
REQUIRED = ("id", "url", "language", "family", "page_type", "site", "title", "headline")
KIT_LISTS = ("menu", "share", "cookie", "newsletter", "comment_prompt", "footer", "reply",
             "cart", "paywall", "toc_title", "consent_purposes")
KIT_STRINGS = ("advert", "related_title", "trending_title", "comments_title", "copyright",
               "next_title", "skip", "search", "breadcrumb_home")


class SourceError(Exception):
    """A page source that cannot be rendered: `file: field: problem`."""

    def __init__(self, path: Path, field: str, problem: str) -> None:
        super().__init__(f"{path}: field '{field}': {problem}")


@dataclass(frozen=True)
class Source:
    """One page source, merged with its kit: `fields` as written, `path` for errors."""

    path: Path
    fields: dict[str, Any]

    def text(self, name: str, default: str = "") -> str:
        value = self.fields.get(name, default)
        if not isinstance(value, str):
            raise SourceError(self.path, name, f"must be a string, got {type(value).__name__}")
        return value

    def lines(self, name: str) -> list[str]:
        value = self.fields.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SourceError(self.path, name, "must be a list of strings")
        return list(value)

    def tables(self, name: str, keys: tuple[str, ...]) -> list[dict[str, str]]:
        value = self.fields.get(name, [])
        if not isinstance(value, list):
            raise SourceError(self.path, name, "must be an array of tables")
        for number, item in enumerate(value, start=1):
            if not isinstance(item, dict) or any(not isinstance(item.get(k), str) for k in keys):
                raise SourceError(self.path, f"{name}[{number}]",
                                  f"must be a table with string keys {', '.join(keys)}")
        return value

    @property
    def hard_cases(self) -> list[str]:
        return self.lines("hard_cases")

    @property
    def rtl(self) -> bool:
        return self.text("direction", "ltr") == "rtl"


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            fields: dict[str, Any] = tomllib.load(handle)
            return fields
    except OSError as error:
        raise SourceError(path, "(file)", error.strerror or "cannot be read") from None
    except tomllib.TOMLDecodeError as error:
        raise SourceError(path, "(syntax)", f"not valid TOML: {error}") from None


def load_source(path: Path, *, kits: Path = HERE / "kits") -> Source:
    """Read a source and its kit, and check the fields the renderer relies on."""
    fields = _toml(path)
    for name in REQUIRED:
        if not isinstance(fields.get(name), str) or not fields[name]:
            raise SourceError(path, name, "missing or not a non-empty string")
    if fields["id"] != path.stem:
        raise SourceError(path, "id", f"{fields['id']!r} differs from the file name")
    if fields["family"] not in FAMILIES:
        raise SourceError(path, "family", f"{fields['family']!r} is not one of "
                          f"{', '.join(FAMILIES)}")
    if fields["page_type"] not in PAGE_TYPES:
        raise SourceError(path, "page_type", f"{fields['page_type']!r} is not a page type")
    if fields.get("direction", "ltr") not in ("ltr", "rtl"):
        raise SourceError(path, "direction", "must be 'ltr' or 'rtl'")
    unknown = [case for case in fields.get("hard_cases", []) if case not in HARD_CASES]
    if unknown:
        raise SourceError(path, "hard_cases", f"{unknown!r} not in bench.gold.format.HARD_CASES")
    if not any(fields.get(name) for name in ("body", "posts", "entries")):
        raise SourceError(path, "body", "a source needs a body, posts or entries")
    kit_name = fields.get("kit", fields["language"].split("-")[0])
    kit_path = kits / f"{kit_name}.toml"
    if not kit_path.is_file():
        raise SourceError(path, "kit", f"no kit {kit_path}")
    return Source(path=path, fields={**_toml(kit_path), **fields})
