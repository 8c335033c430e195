"""A folder of pairs: `<id>.html` (the page) beside `<id>.txt` (its gold body, UTF-8 text,
paragraphs separated by blank lines). Every page needs its text and every text its page."""

from __future__ import annotations

from pathlib import Path

from bench.data.page import Dataset, Page, dataset_of
from bench.errors import BenchError
from bench.files import read_text


def load(path: Path) -> Dataset:
    """Load a folder of `<id>.html` + `<id>.txt` pairs."""
    html_paths = {p.stem: p for p in path.glob("*.html")}
    text_paths = {p.stem: p for p in path.glob("*.txt")}
    for stem in sorted(html_paths.keys() ^ text_paths.keys()):
        have, need = ((html_paths[stem], ".txt") if stem in html_paths
                      else (text_paths[stem], ".html"))
        raise BenchError(f"{have}: no {stem}{need} beside it")
    if not html_paths:
        raise BenchError(f"{path}: no <id>.html + <id>.txt pairs")
    pages = [Page(id=page_id, html_path=html_paths[page_id], body=read_text(text_path))
             for page_id, text_path in text_paths.items()]
    return dataset_of("pairs", pages, source=path)
