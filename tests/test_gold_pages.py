"""The gold-page renderer (scripts/gold_pages): every family renders a page that validates,
text is escaped, bulk is invisible, the body's Markdown is the markup it was rendered to, and
the committed pages are what their sources render to."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.gold.format import load_page
from bench.gold.validate import check_page
from bench.text.html import text_with_scripts, visible_text
from bench.text.markdown import Heading, parse
from scripts.gold_pages.block import Block, body_markdown, escape
from scripts.gold_pages.render import FAMILY, main, record_text, render
from scripts.gold_pages.source import SourceError, load_source

_SOURCE = '''
id = "fr-test-page"
url = "https://www.exemple.fr/a/b"
language = "fr"
family = "{family}"
page_type = "{page_type}"
site = "Le Journal <Test> & Cie"
title = "Un titre – Le Journal"
headline = "Un titre avec <b>des balises</b> & des \\"guillemets\\""
byline = "Par Anne Test"
dateline = "1 mars 2025"
hard_cases = {hard_cases}
breadcrumbs = ["Région"]
captions = ["Une légende de photo"]
pullquote = "La première phrase du corps"
tags = ["Étiquette"]
related = ["Un titre lié"]
trending = ["Un titre populaire"]
next_article = ["Le titre suivant"]
sidebar = ["Introduction", "Installation"]
price = ["19,90 €", "En stock"]
toc = true
comments = [{{ author = "Lecteur", date = "2 mars 2025", text = "Un commentaire assez long." }}]
posts = [{{ author = "Auteur", date = "3 mars", text = "Le premier message du fil." }},
         {{ author = "Autre", date = "4 mars", text = "Une réponse au message." }}]
entries = [{{ time = "10 h 05", text = "Une entrée du direct." }}]
body = """
[figure]

La première phrase du corps, avec <script>alert(1)</script> & "guillemets".

[pullquote]

## Un intertitre

- un élément
- un autre élément

| Colonne | Valeur |
| a | 1 |

[advert]

[teaser]
"""
teaser = ["À lire aussi : un teaser"]
'''


def _render(tmp_path: Path, family: str, *, page_type: str = "news",
            hard_cases: str = "[]") -> Path:
    source = tmp_path / "fr-test-page.toml"
    source.write_text(_SOURCE.format(family=family, page_type=page_type,
                                     hard_cases=hard_cases), encoding="utf-8")
    out = tmp_path / "gold"
    out.mkdir()
    assert main([str(source), "--out", str(out)]) == 0
    return out / "fr-test-page.toml"


@pytest.mark.parametrize("family", sorted(FAMILY))
def test_every_family_renders_a_page_that_validates(tmp_path: Path, family: str) -> None:
    page_type = {"discourse": "forum", "phpbb": "forum", "shop": "product"}.get(family, "news")
    record = _render(tmp_path, family, page_type=page_type)
    page = load_page(record)
    assert check_page(page, record) == []
    html = record.with_suffix(".html").read_text(encoding="utf-8")
    assert len(html.encode()) > 50_000, "the bulk must make the page heavy"
    if family in ("discourse", "phpbb"):
        assert page.body.split("\n\n")[:2] == ["Le premier message du fil.",
                                               "Une réponse au message."]
    else:
        assert "Un intertitre" in page.body.split("\n\n")


def test_text_is_escaped_and_bulk_is_invisible(tmp_path: Path) -> None:
    record = _render(tmp_path, "wordpress")
    html = record.with_suffix(".html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = visible_text(html)
    assert 'avec <script>alert(1)</script> & "guillemets".' in text
    assert "Le Journal <Test> & Cie" in text
    # What a reader sees is the labeled text and the body, nothing the bulk added.
    page = load_page(record)
    labeled = {line for s in page.boilerplate for line in s.text.splitlines()}
    body_lines = {line for p in page.body.split("\n\n") for line in p.splitlines()}
    known = "\n".join(labeled | body_lines)  # table cells are lines of their own on the page
    assert [line for line in text.splitlines() if line not in known] == []


def test_pull_quote_and_contents_are_labeled_repeats_body(tmp_path: Path) -> None:
    page = load_page(_render(tmp_path, "wordpress"))
    repeats = [s.text for s in page.boilerplate if s.category == "repeats-body"]
    assert repeats == ["Un intertitre", "La première phrase du corps"]


@pytest.mark.parametrize(("family", "case"), [("nextjs", "next-data-body"),
                                              ("nuxt", "nuxt-data-body"),
                                              ("wordpress", "json-ld-body")])
def test_script_only_body_lives_in_the_data_script(tmp_path: Path, family: str,
                                                   case: str) -> None:
    record = _render(tmp_path, family, hard_cases=f'["{case}"]')
    html = record.with_suffix(".html").read_text(encoding="utf-8")
    assert "Un intertitre" not in visible_text(html)
    assert "Un intertitre" in text_with_scripts(html)
    assert check_page(load_page(record), record) == []


def test_a_wrong_meta_charset_is_recorded_as_the_served_charset(tmp_path: Path) -> None:
    source = tmp_path / "fr-test-page.toml"
    source.write_text(_SOURCE.format(family="table", page_type="news", hard_cases="[]")
                      + 'charset = "cp1252"\nmeta_charset = "utf-8"\n', encoding="utf-8")
    out = tmp_path / "gold"
    out.mkdir()
    assert main([str(source), "--out", str(out)]) == 0
    page = load_page(out / "fr-test-page.toml")
    assert page.encoding == "cp1252"
    raw = page.read_html()
    assert b'<meta charset="utf-8">' in raw
    assert "La première phrase".encode("cp1252") in raw


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    source = tmp_path / "fr-test-page.toml"
    source.write_text(_SOURCE.format(family="drupal", page_type="news", hard_cases="[]"),
                      encoding="utf-8")
    first, second = render(load_source(source)), render(load_source(source))
    assert first[0] == second[0]
    assert record_text(first[1]) == record_text(second[1])


def test_bad_source_names_file_and_field(tmp_path: Path) -> None:
    source = tmp_path / "fr-test-page.toml"
    source.write_text(_SOURCE.format(family="tumblr", page_type="news", hard_cases="[]"),
                      encoding="utf-8")
    with pytest.raises(SourceError, match=r"fr-test-page.toml: field 'family': 'tumblr'"):
        load_source(source)


def test_committed_pages_are_what_their_sources_render_to() -> None:
    assert main(["--check"]) == 0


def test_every_visible_line_of_a_rendered_page_is_body_or_labeled(gold_dir: Path) -> None:
    """The renderer writes no unlabeled text: what a reader sees on each committed rendered
    page is its gold body or one of its labeled snippets."""
    from bench.text.encoding import decode_html
    from scripts.gold_pages.source import HERE

    stems = sorted(path.stem for path in (HERE / "sources").glob("*.toml"))
    assert len(stems) >= 80
    unaccounted = {}
    for stem in stems:
        page = load_page(gold_dir / f"{stem}.toml")
        html, _ = decode_html(page.read_html(), page.encoding)
        labeled = {line for s in page.boilerplate for line in s.text.splitlines()}
        body = {line for p in page.body.split("\n\n") for line in p.splitlines()}
        known = "\n".join(labeled | body)
        if missing := [line for line in visible_text(html).splitlines() if line not in known]:
            unaccounted[stem] = missing
    assert unaccounted == {}


def test_body_markdown_is_the_markup_the_body_was_rendered_to(tmp_path: Path) -> None:
    page = load_page(_render(tmp_path, "wordpress"))
    assert page.markdown == (
        'La première phrase du corps, avec \\<script>alert(1)\\</script> \\& "guillemets".\n\n'
        "## Un intertitre\n\n- un élément\n- un autre élément\n\n"
        "| Colonne | Valeur |\n| --- | --- |\n| a | 1 |\n\nUne entrée du direct.")
    structure = parse(page.markdown)
    assert structure.headings == (Heading("Un intertitre", 2),)
    assert [(item.text, item.depth, item.ordered) for item in structure.items] == [
        ("un élément", 1, False), ("un autre élément", 1, False)]
    assert [(c.text, c.row, c.column, c.header) for c in structure.tables[0]] == [
        ("Colonne", 0, 0, True), ("Valeur", 0, 1, True), ("a", 1, 0, False), ("1", 1, 1, False)]


def test_a_body_only_in_a_script_has_paragraphs_only(tmp_path: Path) -> None:
    page = load_page(_render(tmp_path, "nextjs", hard_cases='["next-data-body"]'))
    assert page.markdown is not None
    structure = parse(page.markdown)
    assert (structure.headings, structure.items, structure.tables) == ((), (), ())
    assert page.markdown.split("\n\n")[1:4] == ["Un intertitre", "un élément",
                                                "un autre élément"]


def test_every_block_kind_in_markdown_reads_as_its_plain_text() -> None:
    blocks = [Block("heading", ("C# en 10 étapes #",), level=3),
              Block("list", ("1. pas une sous-liste", "*gras*"), ordered=False),
              Block("list", ("une deuxième liste",), ordered=False),
              Block("list", ("étape", "suivante"), ordered=True),
              Block("list", ("autre liste",), ordered=True),
              Block("table", cells=(("a|b", "[c]"), ("d", "e_f"))),
              Block("code", ("x = `y`", "", "```", "  fin")),
              Block("quote", ("- cité",)),
              Block("paragraph", ("2024. Une année & <b>demi</b>",))]
    markdown = body_markdown(blocks, markup=True)
    structure = parse(markdown)
    assert structure.plain.splitlines() == "\n\n".join(block.plain for block in blocks).splitlines()
    assert structure.headings == (Heading("C# en 10 étapes #", 3),)
    assert [(item.text, item.list_id, item.ordered) for item in structure.items] == [
        ("1. pas une sous-liste", 1, False), ("*gras*", 1, False),
        ("une deuxième liste", 2, False), ("étape", 3, True), ("suivante", 3, True),
        ("autre liste", 4, True)]
    assert [cell.text for cell in structure.tables[0]] == ["a|b", "[c]", "d", "e_f"]
    assert structure.code == ("x = `y`\n\n```\n  fin",)
    assert structure.quotes == ("- cité",)
    assert structure.links == ()


def test_escape_keeps_text_text() -> None:
    assert escape("1. x") == "1\\. x"
    assert escape("# x") == "\\# x"
    assert escape("- x") == "\\- x"
    assert escape("1.5 kg") == "1.5 kg"
    assert escape("a *b* [c](d) &amp; <e>") == "a \\*b\\* \\[c\\](d) \\&amp; \\<e>"
