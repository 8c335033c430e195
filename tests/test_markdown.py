"""Markdown cells cannot break a table or carry HTML."""

from __future__ import annotations

from bench.report.markdown import cell, table


def test_cells_escape_pipes_html_and_emphasis() -> None:
    assert cell("a|b") == r"a\|b"
    assert cell("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert cell("*bold* _it_ `code` [link](x)") == r"\*bold\* \_it\_ \`code\` \[link\](x)"
    assert cell("two\nlines") == "two lines"


def test_table_aligns_numbers_right() -> None:
    assert table(["name", "F1"], [["x|y", "0.900"]], right=[False, True]) == (
        "| name | F1 |\n|---|---:|\n| x\\|y | 0.900 |\n")
