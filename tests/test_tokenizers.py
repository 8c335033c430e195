import re

import pytest

from bench.errors import BenchError
from bench.text.tokenizers import (
    ReWordTokenizer,
    UnicodeTokenizer,
    WhitespaceTokenizer,
    get_tokenizer,
)


def test_bengali_words_stay_whole_and_danda_is_punctuation() -> None:
    tokens = UnicodeTokenizer()("রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের মুখপাত্র দিমিত্রি পেসকভ। ছবি : সংগৃহীত")
    assert tokens == ["রুশ", "প্রেসিডেন্ট", "ভ্লাদিমির", "পুতিনের", "মুখপাত্র", "দিমিত্রি",
                      "পেসকভ", "ছবি", "সংগৃহীত"]


def test_python_re_splits_the_same_bengali_word() -> None:
    # The reason the default tokenizer is not `re`: \w misses vowel signs and the virama.
    assert re.findall(r"\w+", "প্রেসিডেন্ট") == ["প", "র", "স", "ড", "ন", "ট"]
    assert ReWordTokenizer()("প্রেসিডেন্ট") == ["প", "র", "স", "ড", "ন", "ট"]


def test_digits_of_every_script_are_tokens() -> None:
    assert UnicodeTokenizer()("১০ ২০, ٣٤ 56 ६७") == ["১০", "২০", "٣٤", "56", "६७"]


def test_han_kana_and_thai_are_segmented_per_character() -> None:
    assert UnicodeTokenizer()("北京天气，東京テスト") == ["北", "京", "天", "气", "東", "京", "テ",
                                                        "ス", "ト"]
    # Thai combining vowels stay on their consonant.
    assert UnicodeTokenizer()("ที่นี่") == ["ที่", "นี่"]


def test_latin_next_to_han_is_split_at_the_script_change() -> None:
    assert UnicodeTokenizer()("iPhone手机") == ["iPhone", "手", "机"]


def test_arabic_and_hebrew_words() -> None:
    assert UnicodeTokenizer()("مرحبا بالعالم! שלום, עולם.") == ["مرحبا", "بالعالم", "שלום", "עולם"]


def test_whitespace_tokenizer_keeps_punctuation() -> None:
    assert WhitespaceTokenizer()("a, b.") == ["a,", "b."]


def test_unknown_tokenizer_suggests() -> None:
    with pytest.raises(BenchError, match="did you mean 'unicode'"):
        get_tokenizer("unicod")


def test_signature_names_the_regex_release() -> None:
    import regex

    assert UnicodeTokenizer().signature == f"unicode-regex{regex.__version__}"


@pytest.mark.parametrize(
    "text", ["a b\nc\r\n\nদিমিত্রি পেসকভ।\u2028北京 x\x85y\n", "", "\n\n", "one"])
def test_lines_match_line_by_line(text: str) -> None:
    tokenizer = UnicodeTokenizer()
    expected = [tokens for line in text.splitlines() if (tokens := tokenizer(line))]
    assert tokenizer.lines(text) == expected
    assert WhitespaceTokenizer().lines("a b\n\nc") == [["a", "b"], ["c"]]
