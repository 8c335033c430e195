"""Tokenizers: small classes chosen by name, each turning text into a list of tokens.

The default, `unicode`, keeps words of every script whole (Python's `re` `\\w` splits Bengali
words at vowel signs and viramas; the `regex` module's `\\w` includes combining marks and joiners),
and segments scripts written without spaces (Han, Kana, Thai, Lao, Khmer, Myanmar) into one
token per character with its combining marks. Punctuation, including the danda `।`, is dropped.
Digits of every script are tokens.

A text with no character of those scripts (most texts) takes a fast path with the same tokens:
`\\w+` alone, 2.6 times faster than the two-branch pattern; and a text whose every character
the standard `re` classes as `regex` does (no combining mark, no ², most Latin, Cyrillic,
Greek, Arabic and Hebrew text) takes the standard `re`'s `\\w+` tokens, found faster again by
splitting: its ASCII punctuation and a few common marks (`SEPARATORS`) turned into spaces in
one pass, its whitespace-separated chunks are its tokens wherever they hold only word
characters (most lines: 0.15 ms a page where `findall` took 0.23). Tests compare every path
with the two-branch pattern on every code point.
"""

from __future__ import annotations

import functools
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import ClassVar

import regex

from bench.errors import unknown_name

UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"
PLAIN_CANDIDATES = ((0x0000, 0x0DFF), (0x1E00, 0x2BFF), (0xAC00, 0xD7FF), (0xFE00, 0xFE0F),
                    (0xFFFD, 0xFFFD), (0x1F000, 0x1F1FF), (0x1F300, 0x1FAFF))
"""Code point ranges most texts stay within (Latin to Sinhala, Latin and Greek extended,
punctuation, symbols, arrows; Hangul; variation selectors; emoji), each inclusive. Only those
that `plain_ranges` finds free of `UNSPACED` characters make the fast path (1F200-1F2FF, not
a candidate, holds the Hiragana 🈀)."""


SEPARATORS = "\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u00b7\u2022\u201e"
"""Non-ASCII punctuation common in text (’‘“”–—…«»·•„), outside `\\w` (tested), turned into
spaces before splitting so that a line holding it still splits whole."""
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e"
"""The ASCII line breaks of `str.splitlines`, kept where other ASCII non-word characters become
spaces."""
_SPACES = bytes(32 if chr(byte).isascii() and not (chr(byte).isalnum() or chr(byte) == "_")
                and chr(byte) not in _LINE_BREAKS else byte for byte in range(256))
"""A `bytes.translate` table for UTF-8: every ASCII character outside `\\w` but the line breaks
to a space, every other byte (those of non-ASCII characters among them) kept."""


def _spaced(text: str) -> str:
    """`text` with its ASCII non-word characters (line breaks aside) and `SEPARATORS` turned
    into spaces: its lines are `text`'s, and each of its whitespace-separated chunks made of
    word characters only is one `\\w+` token of `text`."""
    spaced = text.encode("utf-8").translate(_SPACES).decode("utf-8")
    for separator in SEPARATORS:
        if separator in spaced:
            spaced = spaced.replace(separator, " ")
    return spaced


def _words(spaced: str) -> list[str] | None:
    """The chunks of a `_spaced` text, when each is one `\\w+` token (all ASCII: word
    characters only; else `isalnum`, `re`'s `\\w` but for `_`); None when some chunk holds
    another character."""
    chunks = spaced.split()
    return chunks if spaced.isascii() or "".join(chunks).isalnum() else None


def plain_ranges(candidates: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The `candidates` in which `regex` (this release, its Unicode data) finds no `UNSPACED`
    character: a newer Unicode can narrow the fast path, never make it wrong."""
    unspaced = regex.compile(rf"[{UNSPACED}]")
    return [(low, high) for low, high in candidates
            if unspaced.search("".join(map(chr, range(low, high + 1)))) is None]


@functools.cache
def _free_ranges() -> tuple[tuple[int, int], ...]:
    """`plain_ranges(PLAIN_CANDIDATES)`, worked out once for both fast paths."""
    return tuple(plain_ranges(PLAIN_CANDIDATES))


@functools.cache
def _plain() -> re.Pattern[str]:
    """Matches a whole text made of `plain_ranges` characters only (checked once, lazily: it
    reads 21,000 code points). The standard `re` runs a small class in a tight C loop: 0.014 ms
    on a 5,000-character page, where a `regex` search for `UNSPACED` takes 0.45 ms."""
    ranges = _class(_free_ranges())
    return re.compile(f"[{ranges}]*" if ranges else "(?!)")


def _class(ranges: Iterable[tuple[int, int]]) -> str:
    """The body of a character class of these inclusive code point ranges."""
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


def _runs(points: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive ranges."""
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return ranges


@functools.cache
def _standard() -> re.Pattern[str]:
    """Matches a whole text made of `plain_ranges` characters on which the standard `re`'s
    `\\w` and `regex`'s agree (they differ on combining marks, which `re` leaves out of words,
    and on digits such as ², which `regex` leaves out): on such a text `re`'s `\\w+` gives the
    same tokens as `regex`'s, about 1.4 times faster. Worked out once, lazily (30,000 code
    points, a few milliseconds)."""
    points = [point for low, high in _free_ranges()
              for point in range(low, high + 1)]
    text = "".join(map(chr, points))
    in_regex = {match.start() for match in regex.finditer(r"(?V1)\w", text)}
    in_re = {match.start() for match in re.finditer(r"\w", text)}
    agreed = [point for index, point in enumerate(points)
              if (index in in_regex) == (index in in_re)]
    return re.compile(f"[{_class(_runs(agreed))}]*" if agreed else "(?!)")


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
    _word = regex.compile(r"(?V1)\w+")
    """The same tokens as `_pattern` on a text without `UNSPACED` characters."""
    _standard_word = re.compile(r"\w+")
    """The same tokens as `_word` on a text of characters `_standard` accepts."""

    @property
    def signature(self) -> str:
        # The `regex` release fixes the Unicode data the word classes come from.
        return f"{self.name}-regex{regex.__version__}"

    def _findall_for(self, text: str) -> Callable[[str], list[str]] | None:
        """None when `_standard` accepts `text` (its `\\w+` tokens: the standard `re`'s,
        found by splitting), else the `findall` of `_word` when it has no `UNSPACED`
        character, else of `_pattern`."""
        if _standard().fullmatch(text):
            return None
        pattern = self._word if _plain().fullmatch(text) else self._pattern
        findall: Callable[[str], list[str]] = pattern.findall
        return findall

    def __call__(self, text: str) -> list[str]:
        findall = self._findall_for(text)
        if findall is not None:
            return findall(text)
        words = _words(_spaced(text))
        return self._standard_word.findall(text) if words is None else words

    def lines(self, text: str) -> list[list[str]]:
        # One guard for the whole text; then line by line in a comprehension, faster than
        # one pass matching line breaks beside tokens (no token holds a line break).
        findall = self._findall_for(text)
        if findall is not None:
            return [tokens for line in text.splitlines() if (tokens := findall(line))]
        lines: list[list[str]] = []
        original = None
        for number, spaced in enumerate(_spaced(text).splitlines()):
            words = _words(spaced)
            if words is None:  # a chunk holds `_` or a sign such as −: this line by `re`
                original = text.splitlines() if original is None else original
                words = self._standard_word.findall(original[number])
            if words:
                lines.append(words)
        return lines


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
