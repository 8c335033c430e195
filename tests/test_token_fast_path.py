"""The fast paths of scoring give exactly what the reference computations give: the `unicode`
tokenizer's `\\w+` paths (`regex`'s and the standard `re`'s) against its two-branch pattern on
texts of every script, `normalize` on ASCII, the token-f1 bag counts and the scalar `prf`
against numpy's."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import regex

from bench.gold.format import load_gold
from bench.scoring.metrics.base import GoldTokens, prf, prf_array
from bench.scoring.metrics.token_f1 import bag_counts
from bench.text import tokenizers
from bench.text.normalize import normalize
from bench.text.tokenizers import PLAIN_CANDIDATES, UnicodeTokenizer, plain_ranges
from tests.helpers import full_normalization

_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"
_REFERENCE = regex.compile(rf"(?V1)[{_UNSPACED}]\p{{M}}*|[\w--[{_UNSPACED}]]+")
"""The token definition, written out here so that a change to it fails these tests."""
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_REFERENCE = regex.compile(rf"(?V1)[{_BREAKS}]|{_REFERENCE.pattern[5:]}")


def _reference_lines(text: str) -> list[list[str]]:
    """Line tokens as the tokenizer computed them before its fast path: one pass matching the
    line breaks of `str.splitlines` beside tokens."""
    lines: list[list[str]] = [[]]
    for match in _LINE_REFERENCE.findall(text):
        if match in _BREAKS:
            lines.append([])
        else:
            lines[-1].append(match)
    return [tokens for tokens in lines if tokens]


def _plain(text: str) -> bool:
    return tokenizers._plain().fullmatch(text) is not None


def _standard(text: str) -> bool:
    return tokenizers._standard().fullmatch(text) is not None


def _assert_same(texts: list[str], *, standard: int = 1) -> int:
    """Compare every text on both paths; return how many took a fast one, and check that at
    least `standard` took the standard `re`'s."""
    tokenizer = UnicodeTokenizer()
    for text in texts:
        assert tokenizer(text) == _REFERENCE.findall(text), ascii(text[:80])
        assert tokenizer.lines(text) == _reference_lines(text), ascii(text[:80])
    assert sum(map(_standard, texts)) >= standard
    return sum(map(_plain, texts))


def test_every_code_point_tokenizes_as_the_reference() -> None:
    # Every code point, in runs of 61 with line breaks and marks between: each run in a plain
    # range takes the fast path, the others the reference pattern.
    breaks = [*_BREAKS, "\r\n", " ", "\u0301", "\u200d", "\u200c"]
    texts = []
    for number, start in enumerate(range(0, 0x110000, 61)):
        run = "".join(map(chr, range(start, min(start + 61, 0x110000))))
        texts.append(run[:30] + breaks[number % len(breaks)] + run[30:])
    fast = _assert_same(texts, standard=100)
    assert fast > 300  # the comparison covers the fast paths, not only the reference's


def test_the_standard_path_takes_text_without_marks_and_leaves_marked_text() -> None:
    assert _standard("l’école — “naïve” 1999, Ωmega, жж, عربي, עברית")
    assert not _standard("বিজ্ঞাপন")  # vowel signs and virama: marks
    assert not _standard("x²") and not _standard("e\u0301") and not _standard("北")


def test_the_separators_are_outside_every_word_class_and_split_their_line_whole() -> None:
    for separator in tokenizers.SEPARATORS:
        assert not regex.match(r"(?V1)\w", separator) and not tokenizers.re.match(r"\w", separator)
        assert separator.splitlines() == [separator] and _standard(separator)
    text = "l’école “naïve” — 1999… «Ωmega» · жж • „x“ a–b"
    assert tokenizers._words(tokenizers._spaced(text)) == _REFERENCE.findall(text) == [
        "l", "école", "naïve", "1999", "Ωmega", "жж", "x", "a", "b"]
    # A chunk holding `_` or another sign is not split whole: its line goes to `re`.
    assert tokenizers._words(tokenizers._spaced("snake_case −1 ok")) is None
    tokenizer = UnicodeTokenizer()
    assert tokenizer.lines("a, b\nsnake_case −1\r\nc") == [["a", "b"], ["snake_case", "1"],
                                                           ["c"]]


def test_random_mixes_of_scripts_marks_joiners_and_breaks_tokenize_as_the_reference() -> None:
    plain = ("abcXYZé ßİıǅ ЖжѣΩωἀ عربي עברית हिन्दी বিজ্ঞাপন ਪੰਜਾਬੀ தமிழ் සිංහල 한국어 가 ১০ ٣٤ ६७ "
             "\u0300\u0301\u0327\u093c\u09cd\u200c\u200d\u00ad\ufe0f\u2019\u201c… _-.,;!?()—"
             "🙂👍🏽🇩🇪\U0001f9d1\u200d\U0001f4bb\ufffd0123")
    unspaced = "北京東京テストひらがなカタカナ𠀋ที่นี่ລາວខ្មែរမြန်မာབོད་ཡིག🈀ｱｲ々〆"
    rng = random.Random(12)
    texts = []
    for size in (1, 2, 5, 40, 400):
        for _ in range(300):
            pool = plain if rng.random() < 0.6 else plain + unspaced + _BREAKS
            texts.append("".join(rng.choice(pool) for _ in range(size)))
    texts += ["", "\n", "\r\n\r\n", "a\r\nb", "x\u2028y\u2029z\x85w\x1cv\x1dt\x1eu", "e\u0301",
              "\u0301", "北\u0301京", "ก\u0e48", "a\u200db", "😀北"]
    assert _assert_same(texts, standard=300) > 700


def test_the_bundled_gold_pages_tokenize_as_the_reference() -> None:
    texts = []
    for page in load_gold():
        gold = page.gold
        texts += [normalize(gold.body or ""), gold.body or "",
                  *(normalize(snippet.text) for snippet in gold.boilerplate)]
        texts.append(page.read_html()[:8000].decode("utf-8", "replace"))  # markup, scripts
    assert _assert_same(texts) > len(texts) // 2


def test_a_range_holding_an_unspaced_character_is_left_out_of_the_fast_path() -> None:
    # Enclosed Ideographic Supplement holds the Hiragana 🈀 (U+1F200).
    assert plain_ranges([(0x41, 0x5A), (0x1F200, 0x1F2FF), (0x0E00, 0x0E7F)]) == [(0x41, 0x5A)]
    # With this release of `regex`, every candidate is free of them (else the fast path
    # narrows: exact, but slower; this says so).
    assert plain_ranges(PLAIN_CANDIDATES) == list(PLAIN_CANDIDATES)


def test_normalize_on_ascii_is_the_full_normalisation() -> None:
    everything = "".join(map(chr, range(128)))
    rng = random.Random(3)
    texts = [everything, *everything, *("".join(rng.choices(everything, k=50))
                                        for _ in range(200))]
    for text in texts:
        assert text.isascii() and normalize(text) == full_normalization(text)


def test_bag_counts_equal_the_multiset_intersection() -> None:
    rng = random.Random(5)
    words = ["a", "b", "c", "d", "e", "f"]
    for _ in range(500):
        gold = rng.choices(words, k=rng.randrange(0, 30))
        output = rng.choices(words, k=rng.randrange(0, 30))
        tp = sum((Counter(gold) & Counter(output)).values())
        expected = (float(tp), float(len(output) - tp), float(len(gold) - tp))
        assert bag_counts(gold, output) == bag_counts(GoldTokens(gold), output) == expected


@pytest.mark.parametrize("seed", range(3))
def test_prf_gives_numpys_floats_bit_for_bit(seed: int) -> None:
    rng = random.Random(seed)
    rows = [(0.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0), (1.0, 0.0, 0.0)]
    rows += [tuple(float(rng.choice([0, rng.randrange(1, 10), rng.randrange(1, 10**6)]))
                   for _ in range(3)) for _ in range(2000)]
    expected = prf_array(np.array(rows, dtype=np.float64))
    for row, numpy_row in zip(rows, expected, strict=True):
        assert [x.hex() for x in prf(*row)] == [float(x).hex() for x in numpy_row], row


def test_gold_tokens_are_remembered_with_their_counts(tmp_path: Path) -> None:
    from bench.scoring.metrics import get_metric

    metric = get_metric("token-f1")
    tokens = metric.gold_tokens("A b a")
    assert isinstance(tokens, GoldTokens) and tokens == ["a", "b", "a"]
    assert tokens.counts == Counter({"a": 2, "b": 1})
    assert metric.gold_tokens("A b a") is tokens
