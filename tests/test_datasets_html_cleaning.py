"""The html-cleaning importer on the real sample of the merged repository (every subset, its
quirks: a .DS_Store among the pages, an input without gold, CleanPortalEval's leading blank line
and character references, windows-1252 gold) and on small folders written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.data.formats import load_dataset
from bench.data.formats.html_cleaning import SUBSET_DIALECTS, l3s_gold, load
from bench.errors import BenchError
from tests.helpers import public_data, run_cli


@pytest.fixture(scope="module")
def sample() -> Path:
    return public_data("samples") / "html-cleaning"


def test_every_subset_loads_and_the_input_without_gold_is_named(sample: Path) -> None:
    dataset = load(sample)
    subsets = sorted({page.meta["subset"] for page in dataset})
    assert subsets == sorted(SUBSET_DIALECTS)
    assert len(dataset) == 30  # five pages with gold in each of the six
    assert all(page.id.startswith(f"{page.meta['subset']}/") for page in dataset)
    assert [(item.path.relative_to(sample).as_posix(), item.reason) for item in dataset.skipped] \
        == [("cleaneval-final/input/100.html", "page without gold (no GoldStandard/100.txt)")]
    assert all(page.body for page in dataset)
    assert {page.meta["dialect"] for page in dataset} == set(SUBSET_DIALECTS.values())


def test_cleaneval_dialects(sample: Path) -> None:
    pages = {page.id: page for page in load(sample)}
    dev = pages["cleaneval-dev/40"]
    assert dev.url == "http://credit.about.com/cs/frugality/a/042104.htm"
    assert dev.body is not None and dev.body.startswith("What Will Your New Year's Resolutions")
    assert "<p>" not in dev.body and "URL:" not in dev.body
    portal = pages["CleanPortalEval-master/tv.msnbc.com_news_25"]  # opens with a blank line
    assert portal.url is not None and portal.url.startswith("http://tv.msnbc.com/")
    assert portal.body is not None and "&#8220;" not in portal.body and "\u201c" in portal.body
    assert pages["cleaneval-dev/15"].meta["gold_encoding"] == "windows-1252"


def test_l3s_labels_become_body_and_boilerplate(sample: Path) -> None:
    page = load(sample / "page-signal-master").pages[1]
    assert page.id == "35ece29f-38f4-493d-922c-7ea6f6f21e7c"
    assert page.body is not None and page.body.startswith("Federer aiming for more titles\n\n")
    assert {snippet.category for snippet in page.boilerplate} == {"supplemental",
                                                                   "related-content"}
    for snippet in page.boilerplate:
        assert snippet.text not in page.body


def test_l3s_innermost_label_wins() -> None:
    body, boilerplate = l3s_gold(
        '<html><head><style>.x-nc-sel2 {color: red}</style></head><body>'
        '<div>Menu</div><span class="x-nc-sel1">Headline</span>'
        '<span class="x-nc-sel2"><p>First <span class="x-nc-sel2">nested</span> text.</p>'
        '<span class="x-nc-sel5">Nice post!</span><p>After the comment.</p></span>'
        '<span class="x-nc-sel4"><a>Related story</a></span>'
        '<span class="x-nc-sel0">Not content</span></body></html>')
    assert body == "Headline\n\nFirst nested text.\nAfter the comment."
    assert [(s.category, s.text) for s in boilerplate] == [("comments", "Nice post!"),
                                                          ("related-content", "Related story")]


def test_leaks_by_category_on_l3s(sample: Path, tmp_path: Path) -> None:
    code, out = run_cli("run", "--dataset", f"html-cleaning:{sample / 'page-signal-master'}",
                        "-e", "fulltext", "--no-progress", "--reports-dir", str(tmp_path))
    assert code == 0, out
    assert "related-content" in out and "supplemental" in out


def test_readability_and_dragnet_dialects(sample: Path) -> None:
    pages = {page.id: page for page in load(sample)}
    brs = pages["readability/replace-brs"].body
    assert brs is not None and brs.startswith("Lorem ipsum\n\ndolor sit\n\n") and "<" not in brs
    dragnet = pages["dragnet_data/R715"].body
    assert dragnet is not None
    assert dragnet.split("\n\n")[:2] == ["Featured gadget: Periodic Table Interactive",
                                         "Monday, April 20, 2009 1:38 PM"]


def _subset(folder: Path, pages: dict[str, tuple[str, str | None]]) -> Path:
    (folder / "input").mkdir(parents=True)
    (folder / "GoldStandard").mkdir()
    for page_id, (html, gold) in pages.items():
        (folder / "input" / f"{page_id}.html").write_text(html, encoding="utf-8")
        if gold is not None:
            (folder / "GoldStandard" / f"{page_id}.txt").write_text(gold, encoding="utf-8")
    return folder


def test_a_subset_of_unknown_name_needs_a_dialect(tmp_path: Path) -> None:
    folder = _subset(tmp_path / "my-set", {"a": ("<p>Hello there</p>", "Hello there\n")})
    with pytest.raises(BenchError, match=r"my-set: no known gold dialect for a subset named "
                                         r"'my-set'; give --dialect \(cleaneval, plain, l3s, "
                                         r"readability-html\)$"):
        load(folder)
    assert load_dataset(f"html-cleaning:{folder}", dialect="plain").pages[0].body == \
        "Hello there"
    with pytest.raises(BenchError, match=r"^--dialect 'tsv': must be one of"):
        load(folder, dialect="tsv")
    with pytest.raises(BenchError, match=r"^--dialect 'plain': the aeb format has no dialects$"):
        load_dataset(f"aeb:{folder}", dialect="plain")
    code, out = run_cli("run", "--dataset", f"html-cleaning:{folder}", "--dialect", "plain",
                        "-e", "fulltext", "--no-progress", "--reports-dir", str(tmp_path / "r"))
    assert code == 0, out


def test_stray_files_are_reported_hidden_ones_ignored(tmp_path: Path) -> None:
    folder = _subset(tmp_path / "dragnet_data", {"a": ("<p>A</p>", "A"), "b": ("<p>B</p>", None)})
    (folder / "input" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "GoldStandard" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "input" / "notes.md").write_text("not a page")
    (folder / "GoldStandard" / "c.txt").write_text("gold of no page")
    dataset = load(folder)
    assert [page.id for page in dataset] == ["a"]
    assert sorted((item.path.name, item.reason) for item in dataset.skipped) == [
        ("b.html", "page without gold (no GoldStandard/b.txt)"),
        ("c.txt", "gold without its page input/c.html"),
        ("notes.md", "not an .html page")]


def test_a_folder_without_subsets_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"no input/ folder, and no subset folder holding one$"):
        load(tmp_path)
