"""ReadabiliPy driving Mozilla's Readability.js through Node (jsdom; page scripts never run).

Importing this module fails unless `node` is on PATH and ReadabiliPy's npm packages are
installed, so a run never triggers ReadabiliPy's own `npm install`. Install them once with
the command in `NPM_SETUP` (README.md, "Extractors").
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import readabilipy

from extractors.base import Extractor
from extractors.readabilipy import plain_text

NPM_SETUP = ('cd "$(python -c \'import readabilipy, pathlib; print(pathlib.Path('
             'readabilipy.__file__).parent / "javascript")\')" && npm install --omit=dev')

if shutil.which("node") is None:
    raise ImportError("node is not on PATH")
if not (Path(readabilipy.__file__).parent / "javascript" / "node_modules").is_dir():
    raise ImportError("ReadabiliPy's npm packages are not installed")

readabilipy_js = Extractor(name="readabilipy-js", package="readabilipy",
                           extract=partial(plain_text, use_readability=True),
                           settings={"use_readability": True},
                           description="Readability.js via node (needs the npm setup)")
