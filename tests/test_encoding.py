import codecs

import pytest

from bench.text.encoding import UndecodableError, decode_html, meta_charset


def test_meta_charset_is_used() -> None:
    raw = '<html><head><meta charset="windows-1251"></head><body>Привет</body></html>'.encode(
        "windows-1251")
    assert meta_charset(raw) == "windows-1251"
    text, charset = decode_html(raw)
    assert "Привет" in text
    assert charset == "cp1251"


def test_declared_charset_wins_over_meta() -> None:
    raw = '<meta charset="utf-8"><p>日本語のテキスト</p>'.encode("shift_jis")
    text, charset = decode_html(raw, "shift_jis")
    assert "日本語" in text
    assert charset == "cp932"  # the WHATWG reading of the label


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


def test_labels_are_read_as_browsers_read_them() -> None:
    # "鍾" is in GBK but not in GB2312; pages labeled gb2312 use GBK freely.
    raw = '<meta charset="gb2312"><p>鍾先生说</p>'.encode("gbk")
    text, charset = decode_html(raw)
    assert "鍾先生说" in text
    assert charset == "gb18030"


def test_a_cleaneval_text_wrapper_declares_the_charset() -> None:
    raw = '<text id="x" encoding="windows-1251"><p>Привет</p></text>'.encode("windows-1251")
    assert meta_charset(raw) == "windows-1251"


def test_a_declared_charset_with_a_damaged_byte_is_undecodable_not_mojibake() -> None:
    raw = ('<meta charset="gbk"><p>' + "中文网页的正文内容。" * 200 + "</p>").encode("gbk")
    damaged = raw[:1000] + raw[1000:1001] + b"." + raw[1002:]  # half of a two-byte character
    assert raw.decode("gbk")
    with pytest.raises(UndecodableError, match=r"1 invalid byte sequence.* declared charset gbk"):
        decode_html(damaged)
