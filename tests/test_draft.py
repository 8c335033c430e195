"""Drafting records for new pages."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bench.cli import main
from bench.gold.draft import agreed_body, boilerplate_blocks
from bench.gold.format import load_page
from bench.gold.validate import validate_gold
from tests.helpers import REFERENCE_ID


def test_agreed_body_keeps_lines_two_outputs_share_in_order() -> None:
    outputs = ["Alpha line\nBeta line\nAds here", "beta  LINE\nalpha line", "Gamma"]
    assert agreed_body(outputs) == "Alpha line\n\nBeta line"


def test_boilerplate_blocks_guess_categories() -> None:
    html = ("<html><body><nav class='main-menu'><a>Home</a><a>World</a></nav>"
            "<article><p>The body text here.</p><div class='share-buttons'>Share this</div>"
            "</article><footer>© 2024 Example</footer></body></html>")
    blocks = boilerplate_blocks(html, "The body text here.")
    assert blocks == [{"category": "navigation", "text": "Home\nWorld"},
                      {"category": "share-bar", "text": "Share this"},
                      {"category": "footer", "text": "© 2024 Example"}]


def test_add_drafts_a_record_that_validates(tmp_path: Path, reference_record: Path) -> None:
    buffer = io.StringIO()
    code = main(["add", str(reference_record.with_suffix(".html")), "--lang", "bn", "--type",
                 "news", "--id", "bn-draft", "--out", str(tmp_path), "--url",
                 "https://www.kalbela.com/world/asia/24071"],
                console=Console(file=buffer, width=300))
    assert code == 0
    assert buffer.getvalue().startswith(f"drafted {tmp_path / 'bn-draft.toml'}: 5 body")
    draft = load_page(tmp_path / "bn-draft.toml")
    gold = load_page(reference_record)
    assert draft.body == gold.body  # both draft extractors agree on exactly the body
    categories = {snippet.category for snippet in draft.boilerplate}
    assert {"navigation", "trending-list", "comment-prompt", "footer"} <= categories
    assert validate_gold(tmp_path) == ([], 1)
    assert (tmp_path / "bn-draft.html").read_bytes() == reference_record.with_suffix(
        ".html").read_bytes()


def test_add_refuses_to_overwrite(tmp_path: Path, reference_record: Path,
                                  capsys: object) -> None:
    argv = ["add", str(reference_record.with_suffix(".html")), "--lang", "bn", "--type", "news",
            "--id", REFERENCE_ID, "--out", str(tmp_path), "--url", "https://example.org/a"]
    assert main(argv, console=Console(file=io.StringIO())) == 0
    assert main(argv, console=Console(file=io.StringIO())) == 2
