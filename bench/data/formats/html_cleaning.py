"""The classic boilerplate sets as j-szulc/html-cleaning-dataset-merged arranges them:
`<subset>/input/<id>.html` beside `<subset>/GoldStandard/<id>.txt`, each subset in its own gold
dialect.

`html-cleaning:DIR/<subset>` loads one subset (page ids `<id>`), `html-cleaning:DIR` every
subset folder in DIR (page ids `<subset>/<id>`). The dialect comes from the subset's folder
name, or from `--dialect` (which then applies to every subset loaded):

- `cleaneval` (cleaneval-dev, cleaneval-final, CleanPortalEval-master): CleanEval's text, an
  optional `URL: ...` line, blocks opened by `<p>`, `<h>` or `<l>`; HTML character references
  in it (CleanPortalEval's `&#8220;`) are decoded;
- `plain` (dragnet_data): plain text, one paragraph per non-empty line;
- `l3s` (page-signal-master, L3S-GN1): the page's HTML with blocks wrapped in spans classed
  `x-nc-sel0` ... `x-nc-sel5`, which are, as the dataset's own tools read them: not content,
  headline, full text, supplemental, related content, user comments. The body is the headline
  and the full text (as page-signal scores it); supplemental, related content and comments
  become labeled boilerplate (`supplemental`, `related-content`, `comments`) for the leak
  report. A span's innermost label wins; text in no labeled span is not content;
- `readability-html` (readability): Readability.js's expected output, as HTML; the body is its
  visible text, one paragraph per block.

Gold text is UTF-8, or else windows-1252 (some CleanEval files), the fallback named in the
page's meta `gold_encoding`. Hidden files (a `.DS_Store` among the pages) are ignored; an
input without gold, a gold without input, or another stray file is reported in
`Dataset.skipped` with its reason, never dropped silently.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

from lxml import etree

from bench.data.formats.cleaneval import parse_gold
from bench.data.page import Dataset, Page, Skipped, Snippet, dataset_of
from bench.errors import BenchError
from bench.text.encoding import UndecodableError, decode_html
from bench.text.html import element_text, parse_html

DIALECTS = ("cleaneval", "plain", "l3s", "readability-html")
SUBSET_DIALECTS = {
    "cleaneval-dev": "cleaneval",
    "cleaneval-final": "cleaneval",
    "CleanPortalEval-master": "cleaneval",
    "dragnet_data": "plain",
    "page-signal-master": "l3s",
    "readability": "readability-html",
}
"""The dialect of each subset of the merged repository, by its folder name."""

L3S_LABELS = ("not-content", "headline", "full-text", "supplemental", "related-content",
              "comments")
"""L3S-GN1's labels, by the number of their `x-nc-selN` class."""
_L3S_BODY = (1, 2)
_L3S_BOILERPLATE = (3, 4, 5)
_SELECTED = re.compile(r"\bx-nc-sel([0-5])\b")
_UNSEEN = ("script", "style", "noscript", "template", "head")


def load(path: Path, *, dialect: str | None = None) -> Dataset:
    """Load one subset folder (holding `input/`) or every subset folder under `path`."""
    if dialect is not None and dialect not in DIALECTS:
        raise BenchError(f"--dialect {dialect!r}: must be one of {', '.join(DIALECTS)}")
    if (path / "input").is_dir():
        pages, skipped = _subset(path, dialect, prefix="")
        return dataset_of(f"html-cleaning-{path.name}", pages, source=path, skipped=skipped)
    subsets = sorted(folder for folder in path.iterdir() if (folder / "input").is_dir())
    if not subsets:
        raise BenchError(f"{path}: no input/ folder, and no subset folder holding one")
    pages, skipped = [], []
    for folder in subsets:
        more, missed = _subset(folder, dialect, prefix=f"{folder.name}/")
        pages += more
        skipped += missed
    return dataset_of("html-cleaning", pages, source=path, skipped=skipped)


def _subset(folder: Path, dialect: str | None,
            *, prefix: str) -> tuple[list[Page], list[Skipped]]:
    dialect = dialect or SUBSET_DIALECTS.get(folder.name)
    if dialect is None:
        raise BenchError(f"{folder}: no known gold dialect for a subset named {folder.name!r}; "
                         f"give --dialect ({', '.join(DIALECTS)})")
    inputs, golds = folder / "input", folder / "GoldStandard"
    if not golds.is_dir():
        raise BenchError(f"{golds}: missing (a subset holds input/ and GoldStandard/)")
    pages, skipped = [], []
    gold_ids = set()
    for gold_path in sorted(_visible(golds)):
        if gold_path.suffix != ".txt":
            skipped.append(Skipped(gold_path, "not a .txt gold file"))
            continue
        gold_ids.add(gold_path.stem)
        html_path = inputs / f"{gold_path.stem}.html"
        if not html_path.is_file():
            skipped.append(Skipped(gold_path, f"gold without its page input/{html_path.name}"))
            continue
        pages.append(_page(html_path, gold_path, dialect, f"{prefix}{gold_path.stem}",
                           folder.name))
    for input_path in sorted(_visible(inputs)):
        if input_path.suffix != ".html":
            skipped.append(Skipped(input_path, "not an .html page"))
        elif input_path.stem not in gold_ids:
            skipped.append(Skipped(input_path, "page without gold (no GoldStandard/"
                                               f"{input_path.stem}.txt)"))
    return pages, skipped


def _visible(folder: Path) -> list[Path]:
    """The files of `folder`, hidden ones (`.DS_Store`) left out."""
    return [path for path in folder.iterdir() if not path.name.startswith(".")]


def _page(html_path: Path, gold_path: Path, dialect: str, page_id: str, subset: str) -> Page:
    raw = gold_path.read_bytes()
    meta = {"subset": subset, "dialect": dialect}
    url = None
    boilerplate: tuple[Snippet, ...] = ()
    if dialect == "l3s":
        try:
            text, _codec = decode_html(raw)
        except UndecodableError as error:
            raise BenchError(f"{gold_path}: the annotated page does not decode: {error}") from None
        body, boilerplate = l3s_gold(text)
    else:
        text, encoding = _gold_text(raw)
        if encoding != "utf-8":
            meta["gold_encoding"] = encoding
        if dialect == "cleaneval":
            body, url = parse_gold(text)
            body = html.unescape(body)
        elif dialect == "plain":
            body = "\n\n".join(" ".join(line.split()) for line in text.splitlines()
                               if line.strip())
        else:
            body = element_text(parse_html(text)).replace("\n", "\n\n")
    return Page(id=page_id, html_path=html_path, url=url, body=body, boilerplate=boilerplate,
                meta=meta)


def _gold_text(raw: bytes) -> tuple[str, str]:
    """UTF-8 text (a byte-order mark dropped), else windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "windows-1252"):
        try:
            return raw.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def l3s_gold(annotated: str) -> tuple[str, tuple[Snippet, ...]]:
    """(body, labeled boilerplate) of an L3S-GN1 annotated page."""
    root = parse_html(annotated)
    etree.strip_elements(root, *_UNSEEN, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)
    body: list[str] = []
    boilerplate: list[Snippet] = []
    for element in root.iter():
        label = _label(element)
        if label is None or _label_above(element) == label:
            continue  # unlabeled, or inside a span of the same label (counted there)
        clone = copy.deepcopy(element)
        clone.tail = None
        for inner in [e for e in clone.iter() if e is not clone and _label(e) not in (None, label)]:
            inner.drop_tree()  # another label's text is counted under that label
        text = element_text(clone)
        if not text:
            continue
        if label in _L3S_BODY:
            body.append(text)
        elif label in _L3S_BOILERPLATE:
            boilerplate.append(Snippet(L3S_LABELS[label], text))
    return "\n\n".join(body), tuple(boilerplate)


def _label(element: etree._Element) -> int | None:
    classes = element.get("class") if isinstance(element.tag, str) else None
    match = _SELECTED.search(classes or "")
    return int(match.group(1)) if match else None


def _label_above(element: etree._Element) -> int | None:
    for ancestor in element.iterancestors():
        if (label := _label(ancestor)) is not None:
            return label
    return None
