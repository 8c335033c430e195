"""Prediction files: an extractor's outputs made elsewhere, keyed by page id, to be scored
against a dataset without running anything.

Two shapes: AEB's JSON (`{id: {"articleBody": text}}`, bare or wrapped as `{"version": ...,
"output": {...}}`; a null articleBody is an empty output, as AEB's evaluate script reads it),
and JSON Lines (`.jsonl`, one `{"id": ..., "text": ...}` per line).
"""

from __future__ import annotations

from pathlib import Path

from bench.data.formats.aeb import read_aeb_json
from bench.errors import BenchError
from bench.files import read_json_lines, string_field


def load_predictions(path: Path) -> dict[str, str]:
    """Every page id's predicted text from a prediction file."""
    path = Path(path)
    if path.suffix == ".jsonl":
        return _from_json_lines(path)
    predictions = {}
    for page_id, item in read_aeb_json(path).items():
        if "articleBody" not in item:
            raise BenchError(f"{path}: {page_id}: field 'articleBody': missing")
        text = string_field(item, "articleBody", f"{path}: {page_id}", required=False)
        predictions[page_id] = text or ""
    return predictions


def _from_json_lines(path: Path) -> dict[str, str]:
    predictions: dict[str, str] = {}
    for number, item in read_json_lines(path):
        where = f"{path}:{number}"
        page_id = string_field(item, "id", where)
        if page_id in predictions:
            raise BenchError(f"{where}: id {page_id!r} appears twice")
        text = string_field(item, "text", f"{where}: {page_id}")
        predictions[page_id] = text
    return predictions
