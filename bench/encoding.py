"""Decoding raw HTML bytes to text without ever substituting replacement characters.

Order: a byte-order mark; the charset declared out of band (HTTP header, dataset record); the
`<meta charset>` in the first bytes; UTF-8; then charset-normalizer's best guess. Each candidate
must decode strictly; a page that none decodes raises `UndecodableError`, counted by the runner.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from bench.errors import BenchError

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


UNDECODABLE = "undecodable: "
"""How the runner's record of a page no charset decodes begins (counted in run summaries)."""


class UndecodableError(BenchError):
    """No charset decodes the page without errors."""


def meta_charset(raw: bytes) -> str | None:
    """The charset named by a `<meta>` tag in the first 4 KB, if any."""
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode_html(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `raw`, returning (text, charset used). Raises UndecodableError."""
    candidates = [bom_codec for bom, bom_codec in _BOMS if raw.startswith(bom)][:1]
    candidates += [c for c in (declared, meta_charset(raw), "utf-8") if c]
    for charset in candidates:
        try:
            return raw.decode(charset), charset
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(raw).best()
    if best is not None and best.encoding:
        try:
            return raw.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise UndecodableError(f"no charset decodes the page cleanly (tried {', '.join(candidates)})")
