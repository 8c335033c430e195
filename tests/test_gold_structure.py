"""`validate` checks the structure of `body_markdown` against the page's markup: each change
below keeps the plain text (so loading accepts it) but claims markup the page does not have."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.gold.format import bundled_gold_dir
from bench.gold.validate import validate_gold

DOCS = "en-kestrel-docs-retrying-jobs"
PARAGRAPH = "You can change the default for the whole application when you create the queue:"


@pytest.fixture
def docs_page(tmp_path: Path) -> Path:
    for suffix in (".html", ".toml"):
        shutil.copy(bundled_gold_dir() / f"{DOCS}{suffix}", tmp_path / f"{DOCS}{suffix}")
    return tmp_path / f"{DOCS}.toml"


def _problems_after(record: Path, old: str, new: str) -> list[str]:
    text = record.read_text(encoding="utf-8")
    at = text.rindex(old)  # body_markdown follows body
    record.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    problems, _ = validate_gold(record.parent)
    return [problem.removeprefix(f"{record}: field 'body_markdown': ") for problem in problems]


def test_the_docs_page_is_valid(docs_page: Path) -> None:
    assert validate_gold(docs_page.parent) == ([], 1)


@pytest.mark.parametrize(("old", "new", "problem"), [
    ("## The default policy", "### The default policy",
     "heading 'The default policy' is not an h3 on the page"),
    (f"\n{PARAGRAPH}\n", f"\n## {PARAGRAPH}\n",
     "heading 'You can change the default for the whole applicati…' is not an "
     "h2 on the page"),
    (f"\n{PARAGRAPH}\n", f"\n- {PARAGRAPH}\n",
     "list item 'You can change the default for the whole applicati…' is not in "
     "an li on the page"),
    (f"\n{PARAGRAPH}\n", f"\n| {PARAGRAPH} |\n|---|\n",
     "table cell 'You can change the default for the whole applicati…' (row 1, "
     "column 1) is not a td or th on the page"),
    (f"\n{PARAGRAPH}\n", f"\n```\n{PARAGRAPH}\n```\n",
     "code block 'You can change the default for the whole applicati…' is not in "
     "a pre or code element, white space as written"),
    (f"\n{PARAGRAPH}\n", f"\n> {PARAGRAPH}\n",
     "block quote 'You can change the default for the whole applicati…' is not a "
     "blockquote on the page"),
    ("[Dead letters](../dead-letters/)", "[Dead letters](../dead-letter/)",
     "link target '../dead-letter/' is not an href on the page"),
    ("[Dead letters](../dead-letters/)", "[Dead](../dead-letters/) letters",
     "link 'Dead' is not the text of an a with href '../dead-letters/'"),
])
def test_structure_the_page_does_not_have(docs_page: Path, old: str, new: str,
                                          problem: str) -> None:
    assert _problems_after(docs_page, old, new) == [problem]
