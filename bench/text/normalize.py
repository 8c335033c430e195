"""Text normalisation applied to gold and output alike before tokenising.

The choice, documented in docs/scoring.md: remove invisible format characters (zero-width
spaces and joiners, bidi controls, soft hyphen, BOM) so that two renderings of one word compare
equal; then case-fold; then NFKC, so that compatibility forms (full-width Latin, ligatures,
presentation forms of Arabic) meet their plain forms. Punctuation is not removed here: the
tokenizers skip it.
"""

from __future__ import annotations

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


_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
"""The same characters as a class: `re.sub` runs in C, `str.translate` with a dict does not."""


def normalize(text: str) -> str:
    """Return `text` with invisible controls removed, case folded and NFKC-normalised."""
    if text.isascii():  # the same result: no invisible control is ASCII, casefold is lower
        return text.lower()  # on ASCII, and NFKC leaves ASCII as it is
    return unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", text).casefold())


def collapse_whitespace(text: str) -> str:
    """Return `text` with every run of white space turned into one space, ends stripped."""
    return " ".join(text.split())


_GRAPHEME = regex.compile(r"\X")


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` grapheme clusters (never inside one), "…" marking a cut."""
    graphemes = _GRAPHEME.findall(text)
    return text if len(graphemes) <= limit else "".join(graphemes[:limit]) + "…"
