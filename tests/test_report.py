"""Terminal rendering: the diff as styled rich Text, page text never read as markup."""

from __future__ import annotations

from bench.report.diff import Segment
from bench.report.terminal import diff_text


def test_diff_text_styles_each_kind_and_keeps_markup_literal() -> None:
    text = diff_text([Segment("[bold]kept[/bold] ", "same"), Segment("gone ", "missing"),
                      Segment("added\n", "extra"), Segment("Share", "extra", "share-bar")])
    assert text.plain == "[bold]kept[/bold] gone added\n[share-bar] Share"
    styles = [(text.plain[span.start:span.end], str(span.style)) for span in text.spans]
    assert styles == [("gone ", "red strike"), ("added\n", "green underline"),
                      ("[share-bar] ", "bold black on yellow"), ("Share", "black on yellow")]
