"""The Article Extraction Benchmark layout: `html/<id>.html.gz` and `ground-truth.json`
(`{id: {"articleBody": ..., "url": ...}}`), pages in UTF-8.

The same JSON shape holds AEB's prediction files (`output/<system>.json`), bare or wrapped as
`{"version": ..., "output": {...}}`, and the zh-cwce gold (see `bench.data.formats.cwce`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.data.page import Dataset, Page, dataset_of
from bench.errors import BenchError
from bench.files import read_json_object, string_field


def read_aeb_json(path: Path) -> dict[str, dict[str, Any]]:
    """`{id: {"articleBody": ..., ...}}` from an AEB-shaped file, unwrapping `{"version",
    "output"}`; every value must be an object."""
    data = read_json_object(path)
    if "output" in data and set(data) <= {"version", "output"}:
        data = data["output"]
        if not isinstance(data, dict):
            raise BenchError(f"{path}: field 'output': must be an object of page ids")
    for page_id, item in data.items():
        if not isinstance(item, dict):
            raise BenchError(f"{path}: {page_id}: must be an object with 'articleBody'")
    return data


def article_bodies(path: Path) -> dict[str, tuple[str, str | None]]:
    """Gold `{id: (articleBody, url or None)}` of an AEB-shaped ground-truth file."""
    bodies = {}
    for page_id, item in read_aeb_json(path).items():
        where = f"{path}: {page_id}"
        body = string_field(item, "articleBody", where)
        bodies[page_id] = (body, string_field(item, "url", where, required=False))
    return bodies


def load_article_set(name: str, gold_path: Path, html_path: Callable[[str], Path], *,
                     encoding: str | None = None, language: str | None = None) -> Dataset:
    """A dataset of AEB-shaped gold whose page `id` is at `html_path(id)`."""
    pages = []
    for page_id, (body, url) in sorted(article_bodies(gold_path).items()):
        page_path = html_path(page_id)
        if not page_path.is_file():
            raise BenchError(f"{page_path}: missing page for ground-truth id {page_id}")
        pages.append(Page(id=page_id, html_path=page_path, url=url, encoding=encoding,
                          language=language, body=body))
    return dataset_of(name, pages, source=gold_path)


def load(path: Path) -> Dataset:
    """Load an AEB folder."""
    return load_article_set("aeb", path / "ground-truth.json",
                            lambda page_id: path / "html" / f"{page_id}.html.gz", encoding="utf-8")
