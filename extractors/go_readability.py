"""go-readability (the Go port of Readability.js) through its ctypes bindings, pygoreadability:
its article HTML turned into text with lxml, as for the other Readability ports.

Loading the bindings starts Go's runtime, whose threads do not survive `fork`: a forked worker
calling a library its parent had loaded hangs for good. So this module only checks that the
package is there; each process loads it on its own first page, and a process that inherited a
loaded library fails the page with that reason instead of hanging.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import Any

from bench.text.html import element_text, parse_html
from extractors.base import Extractor

if importlib.util.find_spec("pygoreadability") is None:
    raise ImportError("No module named 'pygoreadability'")

_loaded_by: list[int] = []
"""The process that loaded the bindings (Go's runtime), once one has."""


def _from_string() -> Any:
    if "pygoreadability" in sys.modules and _loaded_by != [os.getpid()]:
        raise RuntimeError("go-readability was loaded before this process was forked; "
                           "Go's runtime does not survive fork")
    from pygoreadability import from_string

    _loaded_by[:] = [os.getpid()]
    return from_string


def _extract(html: str, url: str | None) -> str:
    return element_text(parse_html(_from_string()(html, url).content_html))


go_readability = Extractor(name="go-readability", package="pygoreadability", extract=_extract,
                           description="from_string().content_html, text by lxml")
