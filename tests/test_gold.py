"""The gold loader: the bundled reference page, and one clear error per malformed field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.errors import BenchError, GoldError
from bench.gold.format import bundled_gold_dir, load_gold, load_page
from tests.helpers import REFERENCE_ID, seed


def test_bundled_gold_has_the_reference_page() -> None:
    dataset = load_gold()
    page = next(page for page in dataset if page.id == REFERENCE_ID)
    assert page.language == "bn"
    assert page.page_type == "news"
    assert page.meta["headline"] == "উত্তর কোরিয়ার সঙ্গে সম্পর্ক আরও জোরদারের ঘোষণা রাশিয়ার"
    assert len(page.body.split("\n\n")) == 5
    assert {s.category for s in page.boilerplate} >= {
        "caption-duplicate", "comment-prompt", "trending-list", "promo", "navigation", "footer"}
    assert bundled_gold_dir() == Path(__file__).resolve().parents[1] / "gold"


def test_reference_body_is_the_seed_body() -> None:
    seed_lines = [line.strip() for line in seed().read_text(encoding="utf-8").splitlines()]
    page = load_page(bundled_gold_dir() / f"{REFERENCE_ID}.toml")
    for paragraph in page.body.split("\n\n"):
        assert paragraph in seed_lines


def test_reference_trending_list_has_twenty_headlines() -> None:
    page = load_page(bundled_gold_dir() / f"{REFERENCE_ID}.toml")
    trending = [s for s in page.boilerplate if s.category == "trending-list"]
    headlines = [line for s in trending for line in s.text.splitlines() if len(line) > 3]
    assert len(headlines) == 20


@pytest.fixture
def copy_reference(reference_copy: Path) -> Path:
    return reference_copy


def _edit(record: Path, old: str, new: str, *, count: int = 1) -> None:
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "field", "problem"), [
    ('language = "bn"', 'language = "Bengali"', "language", "not a BCP-47 tag"),
    ('page_type = "news"', 'page_type = "article"', "page_type", "not one of"),
    ('language = "bn"', "language = 7", "language", "must be a string"),
    ('language = "bn"', "", "language", "missing"),
    ("schema = 1", "schema = 2", "schema", "must be 1"),
    ('category = "promo"', 'category = "promotion"', "boilerplate[", "not one of"),
])
def test_malformed_record_names_file_and_field(copy_reference: Path, old: str, new: str,
                                               field: str, problem: str) -> None:
    _edit(copy_reference, old, new)
    with pytest.raises(GoldError) as caught:
        load_page(copy_reference)
    message = str(caught.value)
    assert message.startswith(f"{copy_reference}: field '{field}")
    assert problem in message


def test_id_must_match_file_name(copy_reference: Path) -> None:
    _edit(copy_reference, f'id = "{REFERENCE_ID}"', 'id = "something-else"')
    with pytest.raises(GoldError, match="differs from the file name"):
        load_page(copy_reference)


def test_toml_syntax_error(copy_reference: Path) -> None:
    _edit(copy_reference, "schema = 1", "schema = = 1")
    with pytest.raises(GoldError, match=r"field '\(syntax\)': not valid TOML"):
        load_page(copy_reference)


def test_missing_html(copy_reference: Path) -> None:
    copy_reference.with_suffix(".html").unlink()
    with pytest.raises(GoldError, match="is missing"):
        load_page(copy_reference)


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match="no gold records"):
        load_gold(tmp_path)


def test_content_hash_changes_with_the_gold(copy_reference: Path) -> None:
    before = load_gold(copy_reference.parent).content_hash
    _edit(copy_reference, "পেসকভ বলেন", "পেসকভ বললেন", count=2)  # body and body_markdown
    assert load_gold(copy_reference.parent).content_hash != before


def test_body_markdown_must_read_as_the_body(copy_reference: Path) -> None:
    _edit(copy_reference, "পেসকভ বলেন", "পেসকভ বললেন")  # the body only
    with pytest.raises(GoldError) as caught:
        load_page(copy_reference)
    message = str(caught.value)
    assert message.startswith(f"{copy_reference}: field 'body_markdown': line 2 of its plain "
                              "text reads 'পেসকভ বলেন, পিয়ংইয়ংয়ের")
    assert "where body has 'পেসকভ বললেন, পিয়ংইয়ংয়ের" in message


def test_content_hash_changes_with_the_structure_alone(copy_reference: Path) -> None:
    before = load_gold(copy_reference.parent)
    text = copy_reference.read_text(encoding="utf-8")
    first = before.pages[0].body.split("\n\n")[0]
    at = text.rindex(f"\n{first}\n")  # in body_markdown, which follows body
    copy_reference.write_text(f"{text[:at]}\n## {text[at + 1:]}", encoding="utf-8")
    after = load_gold(copy_reference.parent)
    assert after.pages[0].body == before.pages[0].body
    assert after.content_hash != before.content_hash


def test_every_bundled_page_carries_its_structure() -> None:
    assert [page.id for page in load_gold() if page.markdown is None] == []
