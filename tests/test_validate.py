"""`validate`: every disagreement between a record and its page, with file and field."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from bench.cli import main
from bench.gold.validate import validate_gold


@pytest.fixture
def record(reference_copy: Path) -> Path:
    return reference_copy


def _append_snippet(record: Path, category: str, text: str) -> None:
    with record.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[[boilerplate]]\ncategory = "{category}"\ntext = "{text}"\n')


def test_reference_page_is_valid(record: Path) -> None:
    assert validate_gold(record.parent) == ([], 1)


def test_body_paragraph_not_on_the_page(record: Path) -> None:
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("পেসকভ বলেন,", "পেসকভ জানান,", 1), encoding="utf-8")
    problems, _ = validate_gold(record.parent)
    # The sentence that is not on the page, whole, not the paragraph's opening.
    assert problems == [f"{record}: field 'body paragraph 2': not found on the page: "
                        "'পেসকভ জানান, পিয়ংইয়ংয়ের সঙ্গে আমাদের নিজস্ব সম্পর্ক রয়েছে।'"]


def test_an_invented_line_inside_a_paragraph_is_quoted_exactly(record: Path) -> None:
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("আমরা এই সম্পর্ককে মূল্য দিই।",
                                   "আমরা এই সম্পর্ককে মূল্য দিই।\nThis line was never on the page.",
                                   1), encoding="utf-8")
    problems, _ = validate_gold(record.parent)
    assert problems == [f"{record}: field 'body paragraph 2': not found on the page: "
                        "'This line was never on the page.'"]


@pytest.mark.parametrize(("edit", "problem"), [
    (("byline =", "bylin ="), "field 'bylin': unknown field; did you mean 'byline'?"),
    (('category = "', 'categroy = "'), "field 'boilerplate[1].categroy': unknown field; did "
                                       "you mean 'category'?"),
    (('url = "https://www.kalbela.com/world/asia/24071"', 'url = "  "'),
     "field 'url': must not be empty"),
])
def test_unknown_keys_and_empty_required_fields_are_refused(
        record: Path, edit: tuple[str, str], problem: str) -> None:
    text = record.read_text(encoding="utf-8")
    assert edit[0] in text
    record.write_text(text.replace(*edit, 1), encoding="utf-8")
    problems, _ = validate_gold(record.parent)
    assert problems == [f"{record}: {problem}"]


def test_snippet_not_on_the_page_and_snippet_in_body(record: Path) -> None:
    _append_snippet(record, "promo", "Download our app today")
    _append_snippet(record, "other",
                    "উত্তর কোরিয়া আমাদের প্রতিবেশী হওয়ায় আমরা এই সম্পর্ককে মূল্য দিই")
    problems, _ = validate_gold(record.parent)
    count = len(record.read_text(encoding="utf-8").split("[[boilerplate]]")) - 1
    assert problems == [
        f"{record}: field 'boilerplate[{count - 1}].text': not found on the page: "
        "'Download our app today'",
        f"{record}: field 'boilerplate[{count}].text': is part of the body: "
        "'উত্তর কোরিয়া আমাদের প্রতিবেশী হওয়ায় আমরা এই সম্পর্ককে মূল্য দিই'",
    ]


def test_short_line_inside_a_body_word_is_allowed(record: Path) -> None:
    _append_snippet(record, "navigation", "জাতীয়")  # also inside "মার্কিন জাতীয় নিরাপত্তা"
    assert validate_gold(record.parent) == ([], 1)


def test_cli_exits_1_and_reports_every_problem(record: Path) -> None:
    _append_snippet(record, "promo", "Download our app today")
    buffer = io.StringIO()
    assert main(["validate", str(record.parent)], console=Console(file=buffer, width=300)) == 1
    assert buffer.getvalue().splitlines()[-1] == "1 page(s) checked, 1 problem(s)"
    broken = record.parent / "broken.toml"
    broken.write_text("schema = 1\n", encoding="utf-8")
    buffer = io.StringIO()
    assert main(["validate", str(record.parent)], console=Console(file=buffer, width=300)) == 1
    assert f"{broken}: field 'id': missing" in buffer.getvalue()


def test_repeats_body_must_repeat_the_body(record: Path) -> None:
    from bench.gold.format import load_page

    trending = next(s for s in load_page(record).boilerplate if s.category == "trending-list")
    headline = next(line for line in trending.text.splitlines() if len(line) > 10)
    _append_snippet(record, "repeats-body",
                    "উত্তর কোরিয়া আমাদের প্রতিবেশী হওয়ায় আমরা এই সম্পর্ককে মূল্য দিই")
    assert validate_gold(record.parent) == ([], 1)
    _append_snippet(record, "repeats-body", headline)
    problems, _ = validate_gold(record.parent)
    assert len(problems) == 1
    assert "is labeled repeats-body but not in the body" in problems[0]


def test_unspaced_script_labels_are_measured_in_words(tmp_path: Path, gold_dir: Path) -> None:
    """A seven-character Thai place name is a short label (it may occur inside the body); a
    twenty-character run of a Thai body sentence is long, and is caught."""
    import shutil

    stem = "th-chiangmai-rai-wan-fun-pm25"
    for suffix in (".html", ".toml"):
        shutil.copy(gold_dir / f"{stem}{suffix}", tmp_path / f"{stem}{suffix}")
    record = tmp_path / f"{stem}.toml"
    _append_snippet(record, "navigation", "เชียงใหม่")
    assert validate_gold(tmp_path) == ([], 1)
    _append_snippet(record, "other", "ประกาศให้โรงเรียน 40 แห่งในอำเภอเมือง")
    problems, _ = validate_gold(tmp_path)
    assert len(problems) == 1
    assert "is part of the body" in problems[0]
