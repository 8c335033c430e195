"""Defuddle (the extractor of the Obsidian web clipper) in this worker's long-lived Node process
(`extractors.node`), on linkedom as Defuddle's own Node entry point sets it up.

It runs with `useAsync: false`: by default Defuddle may fetch from third-party APIs (e.g. a
transcript) when a page yields little, and a run never touches the network. Importing this
module fails unless `node` is on PATH and `./setup` installed the npm packages of
`extractors/js`.
"""

from __future__ import annotations

from functools import partial

from extractors.node import NodeExtractor, content_text, npm_version, require_node

require_node("defuddle", "linkedom")

defuddle = NodeExtractor(name="defuddle", package="defuddle",
                         extract=partial(content_text, program="defuddle", dom="linkedom"),
                         settings={"dom": f"linkedom {npm_version('linkedom')}",
                                   "useAsync": False},
                         description="Defuddle.parse() on linkedom in one Node per worker")
