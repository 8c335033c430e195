"""The generic JSON Lines format: inline or file pages, body and/or snippet gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.data.formats import load_dataset
from bench.data.page import Page
from bench.errors import BenchError
from bench.text.encoding import decode_html

FIXTURE = Path(__file__).parent / "fixtures" / "jsonl" / "pages.jsonl"


def test_the_fixture_loads() -> None:
    dataset = load_dataset(f"jsonl:{FIXTURE}")
    assert [page.id for page in dataset] == ["inline-news", "snippets-only", "weather-ru"]
    news, snippets, weather = dataset.pages
    assert (news.language, news.page_type, news.url) == ("en", "news",
                                                          "https://example.org/festival")
    assert news.encoding == "utf-8" and b"harbour festival" in news.read_html()
    assert snippets.body is None
    assert snippets.with_snippets == ("We open at eight",)
    assert snippets.without_snippets == ("Terms of use",)
    # The file's <meta> says utf-8, the record says windows-1251: the record wins.
    assert weather.encoding == "windows-1251"
    text, charset = decode_html(weather.read_html(), weather.encoding)
    assert "тёплая и солнечная погода" in text and charset == "cp1251"


def _write(tmp_path: Path, *items: object) -> str:
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return f"jsonl:{path}"


@pytest.mark.parametrize(("item", "message"), [
    ({"html": "<p>x</p>", "body": "x"}, r"d\.jsonl:1: field 'id': missing$"),
    ({"id": "", "html": "<p>x</p>", "body": "x"}, r"d\.jsonl:1: field 'id': must not be empty$"),
    ({"id": "a", "body": "x"}, r"d\.jsonl:1: a: give exactly one of the fields 'html' and "
                               r"'html_path'$"),
    ({"id": "a", "html": "<p>x</p>", "html_path": "a.html", "body": "x"},
     r"give exactly one of the fields"),
    ({"id": "a", "html_path": "nope.html", "body": "x"},
     r"d\.jsonl:1: a: field 'html_path': .*nope\.html does not exist$"),
    ({"id": "a", "html": "<p>x</p>"}, r"d\.jsonl:1: a: no gold: give 'body' and/or 'with' / "
                                      r"'without'$"),
    ({"id": "a", "html": "<p>x</p>", "body": 3}, r"a: field 'body': must be a string, got int$"),
    ({"id": "a", "html": "<p>x</p>", "with": "x"}, r"a: field 'with': must be a list of strings$"),
])
def test_malformed_lines_name_file_line_and_field(tmp_path: Path, item: object,
                                                  message: str) -> None:
    with pytest.raises(BenchError, match=message):
        load_dataset(_write(tmp_path, item))


def test_duplicate_ids(tmp_path: Path) -> None:
    page = {"id": "a", "html": "<p>x</p>", "body": "x"}
    with pytest.raises(BenchError, match=r"d\.jsonl: two pages have the id 'a'$"):
        load_dataset(_write(tmp_path, page, page))


def test_a_file_in_any_order_is_read_lazily_in_id_order(tmp_path: Path) -> None:
    from bench.data.formats.jsonl import load
    from bench.data.page import hash_pages

    lines = [{"id": f"p{n}", "html": f"<p>page {n}</p>", "body": f"page {n}",
              "language": "en"} for n in range(5)]
    ordered, shuffled = tmp_path / "ordered.jsonl", tmp_path / "shuffled.jsonl"
    ordered.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    shuffled.write_text("".join(json.dumps(lines[n]) + "\n" for n in (3, 0, 4, 1, 2)),
                        encoding="utf-8")
    lazy, indexed = load(ordered), load(shuffled)
    assert not isinstance(lazy.pages, tuple) and not isinstance(indexed.pages, tuple)
    assert lazy.content_hash == indexed.content_hash == hash_pages(tuple(lazy))

    def fields(page: Page) -> tuple[object, ...]:  # html_path: the file holding inline pages
        return page.id, page.html, page.body, page.language

    assert [fields(page) for page in lazy] == [fields(page) for page in indexed]
    assert [page.id for page in indexed] == ["p0", "p1", "p2", "p3", "p4"]
    assert fields(lazy.pages[3]) == fields(indexed.pages[3]) == ("p3", b"<p>page 3</p>",
                                                                "page 3", "en")
    assert (lazy.select(page_ids=["p1", "p2"]).label
            == indexed.select(page_ids=["p1", "p2"]).label)


def test_duplicate_ids_out_of_order(tmp_path: Path) -> None:
    pages = [{"id": name, "html": "<p>x</p>", "body": "x"} for name in ("b", "a", "b")]
    with pytest.raises(BenchError, match=r"d\.jsonl: two pages have the id 'b'$"):
        load_dataset(_write(tmp_path, *pages))


def test_a_sorted_file_holds_few_offsets_and_finds_every_page(tmp_path: Path) -> None:
    from bench.data.formats import jsonl

    lines = [json.dumps({"id": f"p{n:03d}", "html": f"<p>{n}</p>", "body": str(n)})
             for n in range(150)]
    path = tmp_path / "d.jsonl"
    # Blank lines (and a line of only a no-break space) are not pages, and move line numbers.
    path.write_text("\n".join(line + ("\n\n\u00a0" if n % 7 == 3 else "")
                              for n, line in enumerate(lines)) + "\n", encoding="utf-8")
    dataset = jsonl.load(path)
    pages = dataset.pages
    assert len(pages) == 150 and len(pages._offsets) == 3  # type: ignore[attr-defined]
    assert [page.id for page in pages] == [f"p{n:03d}" for n in range(150)]
    assert [pages[n].id for n in range(150)] == [f"p{n:03d}" for n in range(150)]
    assert pages[-1].id == "p149" and [page.id for page in pages[63:66]] == [
        "p063", "p064", "p065"]
    with pytest.raises(IndexError):
        pages[150]
    path.write_text("\n".join(lines[:100]) + "\n", encoding="utf-8")  # cut since loading
    with pytest.raises(BenchError, match=r"d\.jsonl: changed since it was loaded"):
        pages[120]


def test_a_file_rewritten_since_loading_is_a_clear_error(tmp_path: Path) -> None:
    from bench.data.formats import jsonl

    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"id": f"p{n:03d}", "html": "<p>x</p>", "body": "x"})
                            + "\n" for n in range(100)), encoding="utf-8")
    pages = jsonl.load(path).pages
    path.write_text("x" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(BenchError, match=r"d\.jsonl: changed since it was loaded"):
        pages[70]
