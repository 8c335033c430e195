"""The generic JSON Lines format: one object per line and page, so that any dataset can be
brought without code. PATH is the `.jsonl` file (UTF-8).

Fields: `id` (required, unique); the page as `html` (the HTML text inline) or `html_path` (a
file, relative to the JSONL file's folder, raw bytes, `.gz` decompressed); the gold as `body`
(full text, paragraphs split by blank lines) and/or `with` / `without` (lists of snippets the
extraction must / must not contain), at least one of them; optional `url`, `encoding` (charset
of the `html_path` file), `language` (BCP-47) and `page_type`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.data.page import Dataset, Page, dataset_of
from bench.errors import BenchError
from bench.files import read_json_lines, string_field, string_list_field


def load(path: Path) -> Dataset:
    """Load a JSON Lines dataset file."""
    pages = [_page(item, path, f"{path}:{number}") for number, item in read_json_lines(path)]
    if not pages:
        raise BenchError(f"{path}: no pages (one JSON object per line)")
    return dataset_of("jsonl", pages, source=path)


def _page(item: dict[str, Any], path: Path, where: str) -> Page:
    page_id = string_field(item, "id", where)
    if not page_id:
        raise BenchError(f"{where}: field 'id': must not be empty")
    where = f"{where}: {page_id}"
    inline = string_field(item, "html", where, required=False)
    relative = string_field(item, "html_path", where, required=False)
    encoding = string_field(item, "encoding", where, required=False)
    if inline is not None and relative is None:
        html_path, html, encoding = path, inline.encode("utf-8"), "utf-8"
    elif relative is not None and inline is None:
        html_path, html = path.parent / relative, None
        if not html_path.is_file():
            raise BenchError(f"{where}: field 'html_path': {html_path} does not exist")
    else:
        raise BenchError(f"{where}: give exactly one of the fields 'html' and 'html_path'")
    body = string_field(item, "body", where, required=False)
    with_snippets = string_list_field(item, "with", where)
    without_snippets = string_list_field(item, "without", where)
    if body is None and not with_snippets and not without_snippets:
        raise BenchError(f"{where}: no gold: give 'body' and/or 'with' / 'without'")
    url, language, page_type = (string_field(item, name, where, required=False)
                                for name in ("url", "language", "page_type"))
    return Page(id=page_id, html_path=html_path, html=html, url=url, encoding=encoding,
                language=language, page_type=page_type, body=body, with_snippets=with_snippets,
                without_snippets=without_snippets)
