import codecs

import pytest

from bench.encoding import UndecodableError, decode_html, meta_charset


def test_meta_charset_is_used() -> None:
    raw = '<html><head><meta charset="windows-1251"></head><body>Привет</body></html>'.encode(
        "windows-1251")
    assert meta_charset(raw) == "windows-1251"
    text, charset = decode_html(raw)
    assert "Привет" in text
    assert charset == "windows-1251"


def test_declared_charset_wins_over_meta() -> None:
    raw = '<meta charset="utf-8"><p>日本語のテキスト</p>'.encode("shift_jis")
    text, charset = decode_html(raw, "shift_jis")
    assert "日本語" in text
    assert charset == "shift_jis"


def test_wrong_meta_charset_falls_back_to_a_strict_decode() -> None:
    raw = '<meta charset="utf-8"><p>Ceci est une très belle journée à Paris.</p>'.encode("latin-1")
    text, _ = decode_html(raw)
    assert "très belle journée" in text
    assert "\ufffd" not in text


def test_utf16_with_bom() -> None:
    raw = codecs.BOM_UTF16_LE + "<p>مرحبا بالعالم</p>".encode("utf-16-le")
    assert "مرحبا" in decode_html(raw)[0]


def test_undecodable_is_an_error_not_replacement_characters() -> None:
    with pytest.raises(UndecodableError, match="no charset decodes the page cleanly"):
        decode_html(bytes(range(128, 256)) * 3, "ascii")
