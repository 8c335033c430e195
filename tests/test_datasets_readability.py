"""The readability-tests importer on the real sample of Mozilla's test pages and on folders
written here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.data.formats.readability_tests import load
from bench.errors import BenchError
from tests.helpers import public_data


def test_the_sample_loads_with_metadata() -> None:
    dataset = load(public_data("samples") / "readability-test-pages")
    assert [page.id for page in dataset] == ["gitlab-blog", "lifehacker-working", "medium-1",
                                             "reordering-paragraphs", "replace-brs", "yahoo-3"]
    assert dataset.skipped == ()  # LICENSE.md beside the folders is not a page
    gitlab = dataset.pages[0]
    assert gitlab.language == "en-us"
    assert gitlab.meta["title"] == "3 surprising findings from our 2024 Global DevSecOps Survey"
    assert gitlab.meta["site_name"] == "GitLab"
    assert all(page.body and "<" not in page.body for page in dataset)
    assert dataset.pages[2].language is None  # medium-1's metadata has no lang


def test_a_checkout_layout_and_a_folder_without_gold(tmp_path: Path) -> None:
    pages = tmp_path / "readability" / "test" / "test-pages"
    shutil.copytree(public_data("samples") / "readability-test-pages" / "replace-brs",
                    pages / "replace-brs")
    (pages / "no-gold").mkdir()
    (pages / "no-gold" / "source.html").write_text("<p>x</p>")
    (pages / "empty").mkdir()
    dataset = load(tmp_path / "readability")
    assert [page.id for page in dataset] == ["replace-brs"]
    assert sorted((item.path.name, item.reason) for item in dataset.skipped) == [
        ("empty", "no source.html"), ("no-gold", "page without gold (no expected.html)")]


def test_no_test_folders(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"no <name>/source\.html \+ expected\.html test folders$"):
        load(tmp_path)
