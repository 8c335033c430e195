"""The zh-cwce importer: AEB-shaped gold without urls, pages in GB2312, GBK or UTF-8."""

from __future__ import annotations

import pytest

from bench.data.formats import load_dataset
from bench.text.encoding import UndecodableError, decode_html
from tests.helpers import public_data


def test_cwce_loads_69_chinese_pages() -> None:
    dataset = load_dataset(f"cwce:{public_data('zh-cwce')}")
    assert len(dataset) == 69
    assert dataset.name == "cwce"
    assert {page.language for page in dataset} == {"zh"}
    assert all(page.url is None and page.body for page in dataset)


# Two pages have a few broken byte sequences in their declared GB2312 (a title cut in the middle
# of a character): strict decoding refuses them instead of guessing a wrong charset.
DAMAGED = {"6dc2d508-abb9-467c-bbea-1fedfcec5f9d": 2, "b70f455d-50d6-4c8c-a450-07d8e5ca2e06": 12}


def test_cwce_pages_decode_strictly_to_chinese_or_are_undecodable() -> None:
    dataset = load_dataset(f"cwce:{public_data('zh-cwce')}")
    charsets = set()
    for page in dataset:
        if page.id in DAMAGED:
            with pytest.raises(UndecodableError, match=f": {DAMAGED[page.id]} invalid byte "
                                                       "sequence.*declared charset gb2312"):
                decode_html(page.read_html(), page.encoding)
            continue
        text, charset = decode_html(page.read_html(), page.encoding)
        charsets.add(charset)
        assert "\ufffd" not in text
        assert page.body is not None
        assert page.body.split()[0][:4] in text, page.id  # the gold's first characters
    assert charsets == {"gb18030", "utf-8", "utf-8-sig"}
