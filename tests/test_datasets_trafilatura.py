"""The trafilatura evaluation set importer: snippet gold, pages in two folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.data.formats import load_dataset
from bench.data.formats.trafilatura import load
from bench.errors import BenchError
from tests.helpers import public_data


def test_trafilatura_eval_has_990_snippet_pages() -> None:
    dataset = load(public_data("trafilatura-eval"))
    assert len(dataset) == 990
    assert sum(len(page.with_snippets) for page in dataset) == 2951
    assert sum(len(page.without_snippets) for page in dataset) == 2966
    assert all(page.body is None for page in dataset)
    folders = [page.html_path.parent.name for page in dataset]
    assert (folders.count("eval"), folders.count("cache")) == (884, 106)
    page = next(p for p in dataset if p.id == "die-partei.net.luebeck")
    assert page.url == ("https://die-partei.net/luebeck/2012/05/31/"
                        "das-ministerium-fur-club-kultur-informiert/")
    assert page.with_snippets == ("Die GEMA dreht völlig am Zeiger!", "http://www.openpetition.de")
    assert page.without_snippets == ("31. Mai", "Impressum", "Steuerdarling")


def test_the_tests_folder_itself_is_accepted() -> None:
    dataset = load_dataset(f"trafilatura:{public_data('trafilatura-eval') / 'tests'}")
    assert dataset.label.startswith("trafilatura-eval-990p-")


def _copy(tmp_path: Path, gold: object) -> Path:
    (tmp_path / "eval").mkdir(parents=True)
    (tmp_path / "eval" / "page.html").write_text("<p>Hallo Welt</p>", encoding="utf-8")
    (tmp_path / "evaldata.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    root = _copy(tmp_path, {"https://a.example/": {"file": "nope.html", "with": ["x"],
                                                    "without": []}})
    with pytest.raises(BenchError, match=r"evaldata\.json: https://a\.example/: field 'file': "
                                         r"'nope\.html' is not in "):
        load(root)


def test_a_path_in_file_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path, {"https://a.example/": {"file": "../eval/page.html", "with": ["x"]}})
    with pytest.raises(BenchError, match=r"field 'file': '\.\./eval/page\.html' is not in"):
        load(root)


def test_bad_snippets_are_named(tmp_path: Path) -> None:
    root = _copy(tmp_path, {"https://a.example/": {"file": "page.html", "with": "Hallo"}})
    with pytest.raises(BenchError, match=r"https://a\.example/: field 'with': must be a list of "
                                         r"strings"):
        load(root)
    _copy(tmp_path / "b", {"https://a.example/": {"file": "page.html", "with": []}})
    with pytest.raises(BenchError, match=r"fields 'with' and 'without' are both empty"):
        load(tmp_path / "b")
