"""Text normalisation applied to gold and output alike before tokenising.

The choice, documented in docs/scoring.md: remove invisible format characters (zero-width
spaces and joiners, bidi controls, soft hyphen, BOM) so that two renderings of one word compare
equal; then case-fold; then NFKC, so that compatibility forms (full-width Latin, ligatures,
presentation forms of Arabic) meet their plain forms. Punctuation is not removed here: the
tokenizers skip it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

NORMALIZATION = "nfkc-casefold-nocf"
"""Name of the normalisation in score signatures: NFKC, case fold, no Cf controls."""

_INVISIBLE = tuple(
    [
        0x00AD,  # soft hyphen
        0x061C,  # Arabic letter mark
        0x180E,  # Mongolian vowel separator
        *range(0x200B, 0x2010),  # zero-width space, ZWNJ, ZWJ, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2060, 0x2065),  # word joiner, invisible operators
        *range(0x2066, 0x206A),  # bidi isolates
        0xFEFF,  # byte order mark / zero-width no-break space
    ]
)


_ASCII_FORMS_IN = ((0x00A0, 0x00FF), (0x2000, 0x214F), (0x2460, 0x24FF), (0x3000, 0x3000),
                   (0xFF01, 0xFF5E))
"""Where the compatibility characters common in text are: the no-break and other spaces, the
ellipsis, ™, circled digits, the ideographic space, full-width ASCII."""


@functools.cache
def _replacements() -> tuple[re.Pattern[str], dict[str, str]]:
    """What `normalize` replaces before it folds case, as a class and a table: each invisible
    control by nothing, and each character of `_ASCII_FORMS_IN` that NFKC turns into ASCII
    (case folding keeping both) by that ASCII: the result is the same (NFKC decomposes
    character by character before it reorders and composes, and case folding maps character
    by character), and NFKC's quick check then finds most texts normalised already."""
    table = dict.fromkeys(map(chr, _INVISIBLE), "")
    for low, high in _ASCII_FORMS_IN:
        for char in map(chr, range(low, high + 1)):
            ascii_form = unicodedata.normalize("NFKD", char)
            if (ascii_form != char and ascii_form.isascii() and char.casefold() == char
                    and ascii_form.casefold() == ascii_form):
                table[char] = ascii_form
    return re.compile("[" + re.escape("".join(table)) + "]"), table


def normalize(text: str) -> str:
    """Return `text` with invisible controls removed, case folded and NFKC-normalised."""
    if text.isascii():  # the same result: no invisible control is ASCII, casefold is lower
        return text.lower()  # on ASCII, and NFKC leaves ASCII as it is
    # A no-break space or an ellipsis sends NFKC down its slow path for the whole text: 0.06
    # ms a page, where its quick check takes 0.003.
    pattern, table = _replacements()
    for char in set(pattern.findall(text)):
        text = text.replace(char, table[char])
    return unicodedata.normalize("NFKC", text.casefold())


def collapse_whitespace(text: str) -> str:
    """Return `text` with every run of white space turned into one space, ends stripped."""
    return " ".join(text.split())


_GRAPHEME = regex.compile(r"\X")


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` grapheme clusters (never inside one), "…" marking a cut."""
    graphemes = _GRAPHEME.findall(text)
    return text if len(graphemes) <= limit else "".join(graphemes[:limit]) + "…"
