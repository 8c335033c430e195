"""Prediction files: what an extractor produced for each page of a dataset, scored without
running it (`boilerbench score-predictions`).

The format is AEB's `output/<system>.json`: `{id: {"articleBody": text}}`, or the same mapping
wrapped as `{"version": "...", "output": {...}}`. A null or missing articleBody is an empty
output (AEB's evaluate script reads it so).
"""

from __future__ import annotations

from pathlib import Path

from bench.errors import BenchError
from bench.jsonfile import read_json_object


def load_predictions(path: Path) -> dict[str, str]:
    """Page id -> predicted text; a malformed file raises BenchError naming file and field."""
    data = read_json_object(path)
    if isinstance(data.get("output"), dict) and "version" in data:
        data = data["output"]
    predictions = {}
    for page_id, item in data.items():
        if not isinstance(item, dict):
            raise BenchError(f"{path}: {page_id}: expected an object with 'articleBody'")
        text = item.get("articleBody")
        if text is not None and not isinstance(text, str):
            raise BenchError(f"{path}: {page_id}: field 'articleBody' is not a string")
        predictions[page_id] = text or ""
    return predictions
