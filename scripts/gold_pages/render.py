"""Render page sources into gold pages: `gold/<id>.html` and the record `gold/<id>.toml`.

Usage: python -m scripts.gold_pages.render [SOURCE.toml ...] [--out DIR] [--check]
Without sources, renders every file in scripts/gold_pages/sources/. `--check` writes nothing
and fails when a committed page or record differs from what its source renders to. Every
written page is checked with `boilerbench validate`'s rules before the command succeeds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import tomli_w

from bench.gold.format import load_page
from bench.gold.validate import check_page
from bench.text.html import visible_text
from scripts.gold_pages import articles, sites
from scripts.gold_pages.block import body_markdown
from scripts.gold_pages.builder import Builder
from scripts.gold_pages.source import HERE, Source, SourceError, load_source

FAMILY: dict[str, Callable[[Builder], str]] = {
    "wordpress": articles.wordpress, "drupal": articles.drupal, "nextjs": articles.nextjs,
    "nuxt": articles.nuxt, "amp": articles.amp, "discourse": sites.discourse,
    "phpbb": sites.phpbb, "shop": sites.shop, "mediawiki": sites.mediawiki, "docs": sites.docs,
    "table": sites.table,
}
GOLD = HERE.parents[1] / "gold"


def render(source: Source) -> tuple[bytes, dict[str, Any]]:
    """The page's HTML bytes (in the source's `charset`) and its gold record."""
    builder = Builder(source)
    page = FAMILY[source.text("family")](builder)
    charset = source.text("charset", "utf-8")
    declared = source.text("meta_charset", charset)
    notes = " ".join(filter(None, [
        source.text("notes"),
        f"Rendered by scripts/gold_pages ({source.text('family')} family) from "
        f"scripts/gold_pages/sources/{source.text('id')}.toml."]))
    record: dict[str, Any] = {
        "schema": 1, **{name: source.text(name) for name in ("id", "url", "language",
                                                            "page_type", "title", "headline",
                                                            "byline", "dateline")},
        "encoding": charset if declared != charset else "",
        "hard_cases": list(dict.fromkeys([*source.hard_cases, *builder.features])), "notes": notes,
        "body": "\n\n".join(builder.body) + "\n",
        "body_markdown": body_markdown(builder.blocks, markup=builder.body_shown),
        "boilerplate": [{"category": category, "text": "\n".join(lines)}
                        for category, lines in _in_page_order(builder.snippets, page)]}
    try:
        return page.encode(charset, errors="xmlcharrefreplace"), record
    except LookupError:
        raise SourceError(source.path, "charset", f"unknown charset {charset!r}") from None


def _in_page_order(snippets: list[tuple[str, list[str]]],
                   page: str) -> list[tuple[str, list[str]]]:
    """Snippets sorted by where their first line shows on the page, so a reviewer reads the
    record top to bottom alongside the page."""
    lines = visible_text(page).splitlines()
    taken: set[int] = set()
    positions = []
    for _category, snippet_lines in snippets:
        first = " ".join(snippet_lines[0].split())
        where = next((n for n, line in enumerate(lines) if line == first and n not in taken),
                     len(lines))
        taken.add(where)
        positions.append(where)
    order = sorted(range(len(snippets)), key=positions.__getitem__)
    return [snippets[n] for n in order]


def record_text(record: dict[str, Any]) -> str:
    return tomli_w.dumps(record, multiline_strings=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.gold_pages.render")
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=GOLD)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    paths = args.sources or sorted((HERE / "sources").glob("*.toml"))
    problems: list[str] = []
    for path in paths:
        try:
            page, record = render(load_source(path))
        except SourceError as error:
            problems.append(str(error))
            continue
        html_path, record_path = (args.out / f"{path.stem}{ext}" for ext in (".html", ".toml"))
        text = record_text(record)
        if args.check:
            for target, wanted in ((html_path, page), (record_path, text.encode())):
                if not target.is_file() or target.read_bytes() != wanted:
                    problems.append(f"{target}: differs from what {path} renders to")
            continue
        html_path.write_bytes(page)
        record_path.write_text(text, encoding="utf-8")
        problems += check_page(load_page(record_path), record_path)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(paths)} sources, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
