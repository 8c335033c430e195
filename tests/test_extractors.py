"""Each adapter on the reference page: what it keeps and what it leaks."""

from __future__ import annotations

import pytest

from bench.encoding import decode_html
from bench.errors import BenchError
from bench.gold import bundled_gold_dir, load_page
from bench.metrics.token_f1 import TokenF1
from bench.normalize import collapse_whitespace
from extractors import registry
from extractors.base import Extractor
from tests.conftest import REFERENCE_ID

PAGE = load_page(bundled_gold_dir() / f"{REFERENCE_ID}.toml")
HTML, _ = decode_html(PAGE.read_html(), PAGE.encoding)
CAPTION = "রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের মুখপাত্র দিমিত্রি পেসকভ। ছবি : সংগৃহীত"


def output_of(name: str) -> str:
    return collapse_whitespace(registry.load(name).extract(HTML, PAGE.url))


@pytest.mark.parametrize("name", sorted(registry.BUILTIN))
def test_every_builtin_keeps_the_whole_body(name: str) -> None:
    extractor = registry.load(name)
    assert isinstance(extractor, Extractor)
    assert extractor.name == name
    assert extractor.version not in ("", "unknown")
    score = TokenF1().page_score(PAGE.body or "", extractor.extract(HTML, PAGE.url))
    assert score.recall == 1.0


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
        registry.load_target("bench.normalize:normalize")
