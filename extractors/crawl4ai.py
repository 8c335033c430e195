"""crawl4ai's pruning content filter on the raw page, without its browser or crawler: the
blocks `PruningContentFilterLXML().filter_content()` keeps (crawl4ai's `fit_html`), turned into
text with lxml.

The lxml filter is the one crawl4ai recommends (its BeautifulSoup `PruningContentFilter` is
deprecated as giving the same output ~10x slower). Importing crawl4ai creates
`$CRAWL4_AI_BASE_DIRECTORY/.crawl4ai` (default: the home folder) with empty cache folders; this
module points that variable, unless the user set it, at one folder under the temp directory,
so that a run writes nothing to $HOME. Nothing here starts a browser or opens a connection.

crawl4ai pins `snowballstemmer~=2.2` and brings ~50 packages (~890 MB): it is not in `all`, and
CI tests it in an environment of its own, `.venv-crawl4ai` (.ci/run).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench.text.html import element_text, parse_html
from extractors.base import Extractor

os.environ.setdefault("CRAWL4_AI_BASE_DIRECTORY",
                      str(Path(tempfile.gettempdir()) / "boilerbench-crawl4ai"))

from crawl4ai.content_filter_strategy_lxml import PruningContentFilterLXML


def _fit_html(html: str, url: str | None) -> str:
    # As crawl4ai's own markdown generator joins the kept blocks into its fit_html.
    blocks = PruningContentFilterLXML().filter_content(html)
    return "\n".join(f"<div>{block}</div>" for block in blocks)


def _extract(html: str, url: str | None) -> str:
    return element_text(parse_html(_fit_html(html, url)))


crawl4ai_extractor = Extractor(name="crawl4ai", package="crawl4ai", extract=_extract,
                               description="PruningContentFilterLXML().filter_content() on the "
                                           "raw page (no browser), text by lxml",
                               formats={"html": _fit_html})
