"""The Article Extraction Benchmark layout: `html/<id>.html.gz` and `ground-truth.json`
(`{id: {"articleBody": ..., "url": ...}}`), pages in UTF-8."""

from __future__ import annotations

from pathlib import Path

from bench.dataset import Dataset, Page, hash_pages
from bench.errors import BenchError
from bench.jsonfile import read_json_object


def load(path: Path) -> Dataset:
    """Load an AEB folder."""
    truth = read_json_object(path / "ground-truth.json")
    pages = []
    for page_id, gold in sorted(truth.items()):
        body = gold.get("articleBody") if isinstance(gold, dict) else None
        if not isinstance(body, str):
            raise BenchError(f"{path / 'ground-truth.json'}: {page_id}: field 'articleBody' "
                             "is missing or not a string")
        html_path = path / "html" / f"{page_id}.html.gz"
        if not html_path.is_file():
            raise BenchError(f"{html_path}: missing page for ground-truth id {page_id}")
        pages.append(Page(id=page_id, html_path=html_path, url=gold.get("url"),
                          encoding="utf-8", body=body))
    return Dataset(name="aeb", pages=tuple(pages), content_hash=hash_pages(pages))
