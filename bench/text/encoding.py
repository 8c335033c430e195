"""Decoding raw HTML bytes to text without ever substituting replacement characters.

Order: a byte-order mark; the charset declared out of band (HTTP header, dataset record); the
charset the document declares in its first bytes (`<meta charset>`, an XML declaration, or the
`encoding` of a CleanEval `<text>` wrapper); UTF-8; then charset-normalizer's best guess. Labels
are read as browsers read them (WHATWG): `gb2312` and `gbk` mean GB18030, `iso-8859-1` and
`ascii` mean windows-1252, `shift_jis` means cp932, and so on.

Each candidate must decode strictly. When a declared charset fails on only a few bytes (under
one in a thousand), the declaration is right and the page is damaged: a detector's guess would
be mojibake, so the page is undecodable. A page that nothing decodes raises `UndecodableError`,
which the runner records and counts.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from bench.errors import BenchError

_DECLARED_CHARSET = re.compile(
    rb"""<(?:meta[^>]+charset|\?xml[^>]+encoding|text[^>]+encoding)\s*=\s*["']?\s*"""
    rb"""([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Labels whose WHATWG decoder is a superset of Python's codec of the same name.
_WHATWG = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
           "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252",
           "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
           "iso-8859-9": "cp1254", "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932",
           "x-sjis": "cp932", "euc-kr": "cp949", "big5": "big5hkscs", "tis-620": "cp874",
           "iso-8859-11": "cp874"}
_DAMAGED_PAGE_RATIO = 0.001
UNDECODABLE = "undecodable: "
"""How the runner's record of a page no charset decodes begins (counted in run summaries)."""


class UndecodableError(BenchError):
    """No charset decodes the page without errors."""


def meta_charset(raw: bytes) -> str | None:
    """The charset the document declares in its first 4 KB, if any."""
    match = _DECLARED_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _invalid_sequences(raw: bytes, charset: str, *, limit: int) -> int:
    """How many invalid byte sequences `raw` has in `charset`, counting up to `limit` + 1."""
    count, start = 0, 0
    while count <= limit:
        try:
            raw[start:].decode(charset)
            break
        except UnicodeDecodeError as error:
            count, start = count + 1, start + error.end
    return count


def decode_html(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `raw`, returning (text, codec used). Raises UndecodableError."""
    candidates = [bom_codec for bom, bom_codec in _BOMS if raw.startswith(bom)][:1]
    labels = [label for label in (declared, meta_charset(raw)) if label]
    candidates += [_WHATWG.get(label.lower(), label) for label in labels] + ["utf-8"]
    for charset in candidates:
        try:
            return raw.decode(charset), codecs.lookup(charset).name
        except (UnicodeDecodeError, LookupError):
            continue
    tried = ", ".join(dict.fromkeys(candidates))
    for label in labels:
        charset = _WHATWG.get(label.lower(), label)
        limit = int(_DAMAGED_PAGE_RATIO * len(raw))
        try:
            invalid = _invalid_sequences(raw, charset, limit=limit)
        except LookupError:
            continue
        if invalid <= limit:
            raise UndecodableError(f"no charset decodes the page cleanly: {invalid} invalid byte "
                                   f"sequence(s) for its declared charset {label}")
    best = from_bytes(raw).best()
    if best is not None and best.encoding:
        try:
            return raw.decode(best.encoding), codecs.lookup(best.encoding).name
        except (UnicodeDecodeError, LookupError):
            pass
    raise UndecodableError(f"no charset decodes the page cleanly (tried {tried})")
