"""The Chinese Web Content Extraction dataset (zh-cwce): `original/<id>.html` and
`eval/cleaned_ground.json` (`{id: {"articleBody": ...}}`, the AEB shape without urls).

Pages are in GB2312, GBK or UTF-8 as their `<meta charset>` says; the gold is Chinese.
"""

from __future__ import annotations

from pathlib import Path

from bench.data.formats.aeb import load_article_set
from bench.data.page import Dataset


def load(path: Path) -> Dataset:
    """Load a zh-cwce folder."""
    return load_article_set("cwce", path / "eval" / "cleaned_ground.json",
                            lambda page_id: path / "original" / f"{page_id}.html", language="zh")
