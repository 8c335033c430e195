"""Mozilla's Readability.js in this worker's long-lived Node process (`extractors.node`).

`readability-js` parses the page with linkedom, `readability-js-jsdom` with jsdom (the DOM
that ReadabiliPy and Readability's own tests use): linkedom is about seven times faster and
gave the same text on every bundled gold page (README.md, "Extractors"). Page scripts never
run. Importing this module fails unless `node` is on PATH and `./setup` installed the npm
packages of `extractors/js`.
"""

from __future__ import annotations

from functools import partial

from extractors.node import NodeExtractor, content_text, npm_version, require_node

require_node("@mozilla/readability", "linkedom", "jsdom")


def _readability(name: str, dom: str) -> NodeExtractor:
    return NodeExtractor(name=name, package="@mozilla/readability",
                         extract=partial(content_text, program="readability", dom=dom),
                         settings={"dom": f"{dom} {npm_version(dom)}"},
                         description=f"Readability.parse() on {dom} in one Node per worker")


readability_js = _readability("readability-js", "linkedom")
readability_js_jsdom = _readability("readability-js-jsdom", "jsdom")
