"""The pairs importer: `<id>.html` + `<id>.txt`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.data.formats import load_dataset
from bench.errors import BenchError

FIXTURE = Path(__file__).parent / "fixtures" / "pairs"


def test_pairs_load() -> None:
    dataset = load_dataset(f"pairs:{FIXTURE}")
    assert [page.id for page in dataset] == ["garden", "museum"]
    assert dataset.pages[1].body == "The museum reopens on Saturday with a new wing.\n"
    assert dataset.pages[0].html_path == FIXTURE / "garden.html"


def test_an_unpaired_file_is_named(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "p")
    (tmp_path / "p" / "garden.txt").unlink()
    with pytest.raises(BenchError, match=r"p/garden\.html: no garden\.txt beside it$"):
        load_dataset(f"pairs:{tmp_path / 'p'}")
    (tmp_path / "p" / "garden.html").unlink()
    (tmp_path / "p" / "museum.html").unlink()
    with pytest.raises(BenchError, match=r"p/museum\.txt: no museum\.html beside it$"):
        load_dataset(f"pairs:{tmp_path / 'p'}")


def test_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"no <id>\.html \+ <id>\.txt pairs$"):
        load_dataset(f"pairs:{tmp_path}")
