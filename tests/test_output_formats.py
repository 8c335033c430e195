"""Output formats: an adapter says which formats it gives, and an extractor in another format
is another extractor (name, settings, cache key), scored on structure only in Markdown."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from bench.cli import main
from bench.errors import BenchError
from bench.gold.format import bundled_gold_dir
from bench.run.cache import _extractor_key
from bench.text.markdown import parse
from extractors import registry
from extractors.base import Extractor, in_output_format

LOOMWRIGHT = bundled_gold_dir() / "en-loomwright-felted-merino-blanket.html"


def test_adapters_say_what_they_give() -> None:
    assert registry.load("trafilatura").output_formats == ("text", "markdown", "html")
    assert registry.load("readability").output_formats == ("text", "html", "markdown")
    assert registry.load("html2text").output_formats == ("markdown",)
    assert registry.load("justext").output_formats == ("text",)


def test_the_format_is_part_of_the_identity() -> None:
    text = registry.load("trafilatura")
    markdown = text.in_format("markdown")
    assert markdown.name == "trafilatura@markdown"
    assert markdown.output_format == "markdown"
    assert dict(markdown.settings) == {"output_format": "markdown"}
    assert _extractor_key(markdown) != _extractor_key(text)
    assert text.in_format("text") is text
    assert registry.load("trafilatura-precision@markdown").settings == {
        "favor_precision": True, "output_format": "markdown"}


def test_a_converted_format_carries_its_converter_release(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import version

    from extractors import base

    markdown = registry.load("readability@markdown")
    assert dict(markdown.settings) == {"output_format": "markdown",
                                       "converter": f"markdownify {version('markdownify')}"}
    assert "converter" not in registry.load("readability@html").settings
    monkeypatch.setattr(base, "package_version", lambda package: "99.0")
    upgraded = registry.load("readability").in_format("markdown")
    assert _extractor_key(upgraded) != _extractor_key(markdown)  # not served from the cache


def test_a_format_the_adapter_cannot_give_is_refused() -> None:
    with pytest.raises(BenchError, match=r"^extractor 'justext' cannot give markdown "
                                         r"\(it gives text\)$"):
        registry.load("justext@markdown")


def test_in_output_format_keeps_those_that_can() -> None:
    extractors = [registry.load(name) for name in ("trafilatura", "justext", "html2text")]
    able, unable = in_output_format(extractors, "markdown", strict=False)
    assert [e.name for e in able] == ["trafilatura@markdown", "html2text"]
    assert [e.name for e in unable] == ["justext"]
    with pytest.raises(BenchError, match="'justext' cannot give markdown"):
        in_output_format(extractors, "markdown", strict=True)


@pytest.mark.parametrize("name", ["readability@markdown", "html2text"])
def test_markdown_outputs_keep_the_table_and_headings(name: str) -> None:
    # (trafilatura 2.3 writes this header-less table without the |---| row, so it is no table)
    html = LOOMWRIGHT.read_text(encoding="utf-8")
    structure = parse(registry.load(name).apply(html, url=None, language="en"))
    cells = {cell.text for table in structure.tables for cell in table}
    assert {"Weight", "3.1 lb (1.4 kg)"} <= cells
    assert "Care" in {heading.text for heading in structure.headings}


def test_run_in_markdown_runs_named_extractors_in_it(tmp_path: Path) -> None:
    code = main(["run", "-e", "html2text", "-e", "trafilatura", "--output-format", "markdown",
                 "--page", "en-loomwright-*", "--no-progress", "--reports-dir", str(tmp_path)],
                console=Console(file=io.StringIO(), width=200))
    assert code == 0
    summary = json.loads(next(tmp_path.glob("*/summary.json")).read_text(encoding="utf-8"))
    assert [row["name"] for row in summary["extractors"]] == ["html2text",
                                                               "trafilatura@markdown"]


def test_run_refuses_a_named_extractor_without_the_format(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "-e", "justext", "--output-format", "markdown", "--page", "en-loom*",
                 "--no-progress", "--reports-dir", str(tmp_path)],
                console=Console(file=io.StringIO()))
    assert code == 2
    assert capsys.readouterr().err == ("boilerbench: error: extractor 'justext' cannot give "
                                       "markdown (it gives text)\n")


def test_an_extractor_is_text_unless_it_says_otherwise() -> None:
    plain = Extractor(name="x", package="x", extract=lambda html, url: html)
    assert plain.output_formats == ("text",)
