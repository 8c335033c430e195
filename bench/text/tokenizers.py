"""Tokenizers: small classes chosen by name, each turning text into a list of tokens.

The default, `unicode`, keeps words of every script whole (Python's `re` `\\w` splits Bengali
words at vowel signs and viramas; the `regex` module's `\\w` includes combining marks and joiners),
and segments scripts written without spaces (Han, Kana, Thai, Lao, Khmer, Myanmar) into one
token per character with its combining marks. Punctuation, including the danda `।`, is dropped.
Digits of every script are tokens.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import ClassVar

import regex

from bench.errors import unknown_name

_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"


class Tokenizer(ABC):
    """Turns text into tokens; `name` goes into score signatures."""

    name: ClassVar[str]

    @property
    def signature(self) -> str:
        """How this tokenizer is named in score signatures (with what its result depends on)."""
        return self.name

    @abstractmethod
    def __call__(self, text: str) -> list[str]:
        """Return the tokens of `text` in order."""

    def lines(self, text: str) -> list[list[str]]:
        """The tokens of each line of `text` (as `str.splitlines` cuts it) that has any."""
        return [tokens for line in text.splitlines() if (tokens := self(line))]


class UnicodeTokenizer(Tokenizer):
    """Unicode words, and one token per character in scripts written without spaces."""

    name = "unicode"
    _TOKEN = rf"[{UNSPACED}]\p{{M}}*|[\w--[{UNSPACED}]]+"
    _pattern = regex.compile(rf"(?V1){_TOKEN}")
    # The line breaks of str.splitlines, matched beside tokens: one pass over a whole text.
    _line_pattern = regex.compile(rf"(?V1)[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]|{_TOKEN}")

    @property
    def signature(self) -> str:
        # The `regex` release fixes the Unicode data the word classes come from.
        return f"{self.name}-regex{regex.__version__}"

    def __call__(self, text: str) -> list[str]:
        return self._pattern.findall(text)  # type: ignore[no-any-return]

    def lines(self, text: str) -> list[list[str]]:
        lines: list[list[str]] = [[]]
        for match in self._line_pattern.findall(text):
            if match in _LINE_BREAKS:
                lines.append([])
            else:
                lines[-1].append(match)
        return [tokens for tokens in lines if tokens]


class WhitespaceTokenizer(Tokenizer):
    """Runs of non-space characters, punctuation kept: for comparing with naive scorers."""

    name = "whitespace"

    def __call__(self, text: str) -> list[str]:
        return text.split()


class ReWordTokenizer(Tokenizer):
    """Python `re` `\\w+`, as the Article Extraction Benchmark uses. Splits Indic words."""

    name = "re-word"
    _pattern = re.compile(r"\w+")

    def __call__(self, text: str) -> list[str]:
        return self._pattern.findall(text)


TOKENIZERS: dict[str, type[Tokenizer]] = {
    cls.name: cls for cls in (UnicodeTokenizer, WhitespaceTokenizer, ReWordTokenizer)
}


def get_tokenizer(name: str) -> Tokenizer:
    """Return the tokenizer called `name`; an unknown name raises with a suggestion."""
    try:
        return TOKENIZERS[name]()
    except KeyError:
        raise unknown_name("tokenizer", name, TOKENIZERS) from None
