"""Mozilla Readability's test pages: `test-pages/<name>/source.html` (the page) beside
`expected.html` (Readability.js's output: the gold, as HTML) and `expected-metadata.json`
(`title`, `byline`, `lang`, `excerpt`, `siteName`, ...).

PATH is a checkout of mozilla/readability, its `test/` folder, or a folder of test folders.
The body is the visible text of `expected.html`, one paragraph per block element; the
metadata's `lang` becomes the page language, `title`, `byline` and `siteName` its meta. A
folder without `source.html` or without `expected.html` is reported in `Dataset.skipped`;
files beside the folders (LICENSE.md) are not pages.
"""

from __future__ import annotations

from pathlib import Path

from bench.data.page import Dataset, Page, Skipped, dataset_of
from bench.errors import BenchError
from bench.files import read_json_object, read_text, string_field
from bench.text.html import element_text, parse_html

_META = {"title": "title", "byline": "byline", "siteName": "site_name"}


def load(path: Path) -> Dataset:
    """Load the test pages under `path`."""
    root = next((candidate for candidate in (path / "test" / "test-pages", path / "test-pages")
                 if candidate.is_dir()), path)
    pages, skipped = [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        source, expected = folder / "source.html", folder / "expected.html"
        if not source.is_file():
            skipped.append(Skipped(folder, "no source.html"))
        elif not expected.is_file():
            skipped.append(Skipped(folder, "page without gold (no expected.html)"))
        else:
            pages.append(_page(folder, source, expected))
    if not pages:
        raise BenchError(f"{root}: no <name>/source.html + expected.html test folders")
    return dataset_of("readability-tests", pages, source=root, skipped=skipped)


def _page(folder: Path, source: Path, expected: Path) -> Page:
    metadata_path = folder / "expected-metadata.json"
    metadata = read_json_object(metadata_path) if metadata_path.is_file() else {}
    where = str(metadata_path)
    meta = {name: value for key, name in _META.items()
            if (value := string_field(metadata, key, where, required=False))}
    return Page(id=folder.name, html_path=source,
                language=string_field(metadata, "lang", where, required=False) or None,
                body=element_text(parse_html(read_text(expected))).replace("\n", "\n\n"),
                meta=meta)
