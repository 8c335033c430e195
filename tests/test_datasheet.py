"""The datasheet in gold/README.md must match the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.gold.datasheet import END, START, datasheet_block, replace_block
from bench.gold.format import bundled_gold_dir, load_gold


def test_readme_counts_match_the_gold_files() -> None:
    readme = (bundled_gold_dir() / "README.md").read_text(encoding="utf-8")
    block = datasheet_block(load_gold())
    assert block in readme, "gold/README.md is stale: run `boilerbench datasheet --write`"


def test_block_counts_languages_and_categories(gold_dir: Path) -> None:
    block = datasheet_block(load_gold())
    pages = len(list(gold_dir.glob("*.toml")))
    assert block.startswith(START)
    assert block.endswith(END)
    assert f"**{pages} pages**" in block
    assert "| bn |" in block
    assert "| caption-duplicate |" in block
    assert "| utf-8 |" in block


def test_replace_block_needs_markers(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match="markers are missing"):
        replace_block("no markers", "x", path=tmp_path / "README.md")
    assert replace_block(f"a\n{START}\nold\n{END}\nb", "NEW", path=tmp_path) == "a\nNEW\nb"


def test_write_without_a_readme_is_a_one_line_error(reference_copy: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import run_cli

    code, _ = run_cli("datasheet", "--write", str(reference_copy.parent))
    assert code == 3  # a data error (README.md, "Exit codes")
    assert capsys.readouterr().err == (
        f"boilerbench: error: {reference_copy.parent / 'README.md'}: no such file\n")


def test_scripts_count_every_script_with_a_tenth_of_the_letters() -> None:
    from bench.gold.datasheet import page_scripts

    assert page_scripts("東京都の天気は晴れです") == ["Han", "Kana"]
    assert page_scripts("شرکت Casa Transports اعلام کرد که خط جدید در شهر ساخته می‌شود") == [
        "Latin", "Arabic"]
    assert page_scripts("این خط جدید در شهر اصفهان ساخته می‌شود و طول آن ۱۴ کیلومتر است، گفت X") == [
        "Arabic"]
    assert page_scripts("123 456") == []


def test_nearest_rank_percentiles() -> None:
    from bench.gold.datasheet import nearest_rank

    values = list(range(1, 11))
    assert [nearest_rank(values, q) for q in (0.1, 0.5, 0.9, 1.0)] == [1, 5, 9, 10]
    assert nearest_rank([7], 0.5) == 7


def test_block_has_scripts_and_size_percentiles() -> None:
    block = datasheet_block(load_gold())
    assert "#### Scripts" in block
    assert "| Han |" in block
    assert "| pages | p10 | median | p90 | max |" in block
