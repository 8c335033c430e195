"""The AEB importer on the real AEB folder, and its errors on broken copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.data.formats import load_dataset
from bench.data.formats.aeb import load
from bench.errors import BenchError
from tests.helpers import public_data


def test_aeb_loads_every_page_with_body_and_url() -> None:
    dataset = load(public_data("aeb"))
    assert len(dataset) == 181
    assert dataset.label.startswith("aeb-181p-")
    page = dataset.pages[0]
    assert page.id == "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
    assert page.url is not None and page.url.startswith("http")
    assert page.body and page.encoding == "utf-8"
    assert page.read_html().lstrip().lower().startswith((b"<!doctype", b"<html"))
    assert all(p.body is not None and not p.with_snippets for p in dataset)


def test_aeb_through_the_registry() -> None:
    assert len(load_dataset(f"aeb:{public_data('aeb')}")) == 181


def _copy(tmp_path: Path, truth: object) -> Path:
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_a_missing_page_is_named(tmp_path: Path) -> None:
    root = _copy(tmp_path, {"abc": {"articleBody": "Text.", "url": "https://example.org/"}})
    with pytest.raises(BenchError, match=r"html/abc\.html\.gz: missing page for ground-truth "
                                         r"id abc$"):
        load(root)


def test_a_bad_body_is_named(tmp_path: Path) -> None:
    root = _copy(tmp_path, {"abc": {"articleBody": None}})
    with pytest.raises(BenchError, match=r"ground-truth\.json: abc: field 'articleBody': missing"):
        load(root)
    (tmp_path / "ground-truth.json").write_text('{"abc": "text"}', encoding="utf-8")
    with pytest.raises(BenchError, match=r"ground-truth\.json: abc: must be an object"):
        load(root)
