"""The Article Extraction Benchmark layout: `html/<id>.html.gz` and `ground-truth.json`
(`{id: {"articleBody": ..., "url": ...}}`), pages in UTF-8."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.dataset import Dataset, Page, hash_pages
from bench.errors import BenchError


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON file whose top level is an object; errors name the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BenchError(f"{path}: not found") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BenchError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise BenchError(f"{path}: expected a JSON object at the top level")
    return data


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
