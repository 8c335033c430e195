"""Each adapter on the reference page: what it keeps and what it leaks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.gold.format import bundled_gold_dir, load_gold, load_page
from bench.scoring.metrics.token_f1 import TokenF1
from bench.text.encoding import decode_html
from bench.text.normalize import collapse_whitespace
from extractors import registry
from extractors.base import Extractor
from extractors.node import NPM_SETUP
from tests.helpers import (
    HTML,
    NEEDS_PYTHON,
    PAGE,
    ROOT,
    adapter_param,
    builtin_params,
    raw_output_of,
)

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CAPTION = "রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের মুখপাত্র দিমিত্রি পেসকভ। ছবি : সংগৃহীত"


LATEST = "শক্তিশালী ভূমিকম্পে কেঁপে উঠল চীন"  # one of the 20 "latest" headlines
COMMENT_PROMPT = "মন্তব্য করুন"


def output_of(name: str) -> str:
    return collapse_whitespace(raw_output_of(name))


# What each adapter does on the reference page (a Bengali news article): does it keep the
# whole body, how many copies of the photo caption, does it keep the "comment" prompt and the
# "latest" list. Measured; README.md, "Extractors", has the same table.
BEHAVIOUR: dict[str, tuple[bool, int, bool, bool]] = {
    "trafilatura": (True, 0, True, False),
    "trafilatura-precision": (True, 0, True, False),
    "trafilatura-recall": (True, 0, True, False),
    "trafilatura-no-comments": (True, 0, False, False),
    "readability": (True, 0, False, False),
    "fulltext": (True, 2, True, True),
    "justext": (False, 0, False, False),
    "justext-no-stoplist": (True, 2, False, False),
    "boilerpy3": (True, 2, True, False),
    "boilerpy3-default": (True, 2, True, False),
    "goose3": (False, 0, False, False),
    "newspaper4k": (True, 0, False, False),
    "news-please": (True, 0, False, False),
    "resiliparse": (True, 0, False, False),
    "inscriptis": (True, 2, True, True),
    "html-text": (True, 2, True, True),
    "html2text": (True, 2, True, True),
    "readabilipy": (True, 2, True, True),
    "readabilipy-js": (True, 0, False, False),
    "magic-html": (True, 0, False, False),
    "readability-js": (True, 0, False, False),
    "readability-js-jsdom": (True, 0, False, False),
    "defuddle": (True, 0, False, False),
    "rs-trafilatura": (True, 0, False, False),
    "go-readability": (True, 0, False, False),
    "trafilaturacore": (True, 0, True, False),
    "readability-html-to-markdown": (True, 0, False, False),
    "crawl4ai": (True, 2, True, False),
}


def test_the_behaviour_table_covers_every_builtin() -> None:
    assert set(BEHAVIOUR) == set(registry.BUILTIN)


@pytest.mark.parametrize("name", builtin_params())
def test_each_builtin_on_the_reference_page(name: str) -> None:
    extractor = registry.load(name)
    assert isinstance(extractor, Extractor)
    assert extractor.name == name
    assert extractor.version not in ("", "unknown")
    output = raw_output_of(name)
    whole_body, captions, comment, latest = BEHAVIOUR[name]
    assert (TokenF1().page_score(PAGE.body or "", output).recall == 1.0) is whole_body
    flat = collapse_whitespace(output)
    assert (flat.count(CAPTION), COMMENT_PROMPT in flat, LATEST in flat) == (
        captions, comment, latest)


def paragraphs_kept(output: str) -> list[int]:
    flat = collapse_whitespace(output)
    paragraphs = (PAGE.body or "").split("\n\n")
    return [i for i, text in enumerate(paragraphs) if collapse_whitespace(text) in flat]


def test_justext_bengali_stoplist_drops_one_paragraph() -> None:
    assert paragraphs_kept(raw_output_of("justext")) == [0, 1, 3, 4]


def test_justext_without_stoplist_keeps_every_paragraph() -> None:
    assert paragraphs_kept(raw_output_of("justext-no-stoplist")) == [0, 1, 2, 3, 4]


def test_justext_english_stoplist_on_bengali_returns_nothing() -> None:
    assert raw_output_of("justext", language="en") == ""


def test_justext_falls_back_without_a_language() -> None:
    assert raw_output_of("justext", language=None) == raw_output_of("justext-no-stoplist")
    assert raw_output_of("justext", language="x-klingon") == raw_output_of("justext-no-stoplist")


def test_justext_stoplist_names() -> None:
    from extractors.justext import STOPLISTS, stoplist_name

    assert (stoplist_name("bn"), stoplist_name("pt-BR"), stoplist_name("zh")) == (
        "Bengali", "Portuguese", None)
    import justext

    assert set(STOPLISTS.values()) <= set(justext.get_stoplists())


def test_goose3_returns_nothing_on_bengali_silently() -> None:
    assert raw_output_of("goose3") == ""


def test_html2text_writes_markdown() -> None:
    assert "[ই-পেপার](https://epaper.kalbela.com)" in raw_output_of("html2text")


def test_list_install_commands_come_from_the_extras() -> None:
    assert registry.install_command("goose3") == 'pip install "goose3>=3.1.19"'
    assert registry.install_command("justext-no-stoplist") == 'pip install "justext>=3.0"'
    assert registry.install_command("readabilipy-js").endswith(registry.NPM_SETUP_NOTE)
    assert registry.install_command("trafilatura") == ""  # a core dependency
    assert registry.install_command("readability-js") == NPM_SETUP
    assert NPM_SETUP.endswith("npm ci --omit=dev")


def test_crawl4ai_install_line_comes_from_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # From pyproject.toml itself: an installed boilerbench's metadata may predate the extra.
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    declared = [f'{line}; extra == "crawl4ai"' for line in extras["crawl4ai"]]
    monkeypatch.setattr(registry, "requires", lambda package: declared)
    assert registry.install_command("crawl4ai") == 'pip install "crawl4ai<0.10,>=0.9.5"'


def test_trafilatura_default_leaks_the_comment_prompt_only() -> None:
    output = output_of("trafilatura")
    assert output.endswith("মন্তব্য করুন")
    assert CAPTION not in output


def test_trafilatura_no_comments_is_exact() -> None:
    assert output_of("trafilatura-no-comments") == collapse_whitespace(PAGE.body or "")


def test_readability_keeps_paragraph_breaks() -> None:
    raw = registry.load("readability").extract(HTML, PAGE.url)
    assert [line for line in raw.splitlines() if line.strip()] == (PAGE.body or "").split("\n\n")


def test_fulltext_keeps_everything_visible() -> None:
    output = output_of("fulltext")
    assert output.count(CAPTION) == 2
    assert "মন্তব্য করুন" in output
    assert "Google News" in output
    assert "শক্তিশালী ভূমিকম্পে কেঁপে উঠল চীন" in output


def test_registry_did_you_mean() -> None:
    with pytest.raises(BenchError, match="did you mean 'readability'"):
        registry.load("readabilty")


def test_load_target_rejects_non_extractors() -> None:
    with pytest.raises(BenchError, match="not an Extractor"):
        registry.load_target("bench.text.normalize:normalize")


@pytest.mark.parametrize("page_id", ["zh-donghai-chenbao-elevator-retrofit",
                                     "ja-minato-shimpo-bus-route-cuts",
                                     "ar-alrafed-desalination-plant"])
def test_newspaper4k_reads_chinese_japanese_arabic_with_its_language_extra(page_id: str) -> None:
    page = load_page(bundled_gold_dir() / f"{page_id}.toml")
    html, _ = decode_html(page.read_html(), page.encoding)
    output = registry.load("newspaper4k").apply(html, url=page.url, language=page.language)
    assert TokenF1().page_score(page.body or "", output).recall > 0.5


SCRIPTED = """<html><head><title>t</title></head><body><article>
<p>The council approved the new bridge on Tuesday after a long debate about its cost and its
route through the old harbour district, which residents had opposed for years.</p>
<p>Construction starts in spring and should take three years, the mayor said at the meeting,
adding that the ferry will keep running until the bridge opens to traffic.</p></article>
<script>document.body.innerHTML = "<p>INJECTED BY A SCRIPT</p>";</script></body></html>"""


@pytest.mark.parametrize("name", ["readability-js", "readability-js-jsdom", "defuddle"])
def test_node_adapters_never_run_page_scripts(name: str) -> None:
    output = registry.load(name).apply(SCRIPTED, url="https://example.org/a", language="en")
    assert "bridge on Tuesday" in output
    assert "INJECTED" not in output


PERMALINK = re.compile(r"\[¶\]\([^)]*\)$")
"""A docs theme's permalink at a heading's end, which magic-html keeps: `policy[¶](...)`."""


@pytest.mark.parametrize("name", [
    "readability-html-to-markdown", "readability@markdown",
    pytest.param("magic-html@markdown", marks=pytest.mark.skipif(
        sys.version_info < NEEDS_PYTHON["magic-html"], reason="magic-html needs Python 3.12"))])
def test_markdown_adapters_write_the_headings_as_markdown(name: str) -> None:
    page = load_page(bundled_gold_dir() / "en-kestrel-docs-retrying-jobs.toml")
    html, _ = decode_html(page.read_html(), page.encoding)
    output = registry.load(name).apply(html, url=page.url, language=page.language)
    headings = [line for line in output.splitlines() if line.startswith("#")][:2]
    assert [PERMALINK.sub("", line) for line in headings] == [
        "# Retrying failed jobs", "## The default policy"]


ON_GOLD_SET = ["readability-js", "readability-js-jsdom", "defuddle", "rs-trafilatura",
               "go-readability", "trafilaturacore", "readability-html-to-markdown",
               "readability@markdown", "crawl4ai"]
"""Adapters run over the whole bundled gold set, through `boilerbench run` in a fresh process
(its worker processes, as a user runs them): each must extract every page."""
GOLD_F1_FLOOR = {"crawl4ai": 0.65}
"""Below the others' 0.8: crawl4ai's pruning keeps much of a page's navigation (0.72 measured)."""


@pytest.mark.parametrize("name", [adapter_param(name) for name in ON_GOLD_SET])
def test_adapter_extracts_every_gold_page_in_workers(name: str, tmp_path: Path) -> None:
    command = [str(Path(sys.executable).parent / "boilerbench"), "run", "-e", name,
               "--no-cache", "--no-progress", "--jobs", "2", "--timeout", "120",
               "--reports-dir", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True)
    (summary,) = tmp_path.glob("*/summary.json")
    (result,) = json.loads(summary.read_text())["extractors"]
    assert (result["pages"], result["failures"]) == (len(load_gold()), 0)
    # Each measured 0.81-0.87 on the 150 pages, crawl4ai 0.72 (README.md, "Extractors").
    assert result["f1"] > GOLD_F1_FLOOR.get(name, 0.8)
