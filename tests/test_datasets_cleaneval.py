"""The CleanEval importer: markers stripped, paragraph breaks kept, the URL header read."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.data.formats import load_dataset
from bench.data.formats.cleaneval import parse_gold
from bench.errors import BenchError

FIXTURE = Path(__file__).parent / "fixtures" / "cleaneval"


def test_parse_gold_strips_markers_and_keeps_paragraphs() -> None:
    text = ("URL: http://www.example.org/a\n<h>Title\n<p>First line\n  wrapped   here.\n"
            "<l>Item one\n<L>Item two\n")
    assert parse_gold(text) == ("Title\n\nFirst line wrapped here.\n\nItem one\n\nItem two",
                                "http://www.example.org/a")


def test_text_before_any_marker_and_no_url() -> None:
    assert parse_gold("Loose text\n<p>Then a paragraph\n\n") == (
        "Loose text\n\nThen a paragraph", None)


def test_the_fixture_loads() -> None:
    dataset = load_dataset(f"cleaneval:{FIXTURE}")
    assert [page.id for page in dataset] == ["101", "102"]
    first, second = dataset.pages
    assert first.url == "http://www.example.org/coast-path"
    assert first.body == ("Walking the coast path\n\nThe coast path runs for sixty miles between "
                          "the two harbours.\n\nMost walkers need four days.\n\nDay one: harbour "
                          "to cliffs\n\nDay two: cliffs to the bay")
    assert second.url is None
    assert second.body == "Library hours\n\nThe library opens at nine on weekdays."


def test_a_gold_file_without_its_page(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "7.txt").write_text("<p>Text", encoding="utf-8")
    with pytest.raises(BenchError, match=r"html/7\.html: missing page for .*gold/7\.txt$"):
        load_dataset(f"cleaneval:{tmp_path}")


def test_a_folder_without_gold() -> None:
    with pytest.raises(BenchError, match=r"html/html: missing \(a cleaneval folder holds html/ "
                                         r"and gold/\)$"):
        load_dataset(f"cleaneval:{FIXTURE / 'html'}")
