"""WCXB, the Web Content eXtraction Benchmark: `metadata.json` at the root and, per split
(`dev`, `test`), `<split>/html/<id>.html.gz` beside `<split>/ground-truth/<id>.json`.

A ground-truth file holds a `ground_truth` object (`main_content`: the full text, paragraphs
split by blank lines; `with` / `without` snippets; `title`, `author`, `publish_date`), an
optional `url`, and `_internal.page_type.primary` (or `_internal.page_type` as a string), the
page type (`category`, an older label, is read as `collection`; no page type is `article`).

Every page loads, as WCXB's own `evaluate.py` scores every page: a missing or null
`main_content` is an empty body (such a page scores 1.0 only when the output is empty too), a
missing `ground_truth` an empty gold. The flags WCXB puts on doubtful pages are kept in the
page's meta as `true` / `false`, so that `--by` can break scores down by them: `unextractable`
and `remove` (`_internal.<flag>`), `needs_review` (`_internal.needs_review` or
`_internal.page_type.needs_review`) and `spa` (`_internal.spa`); a flag given as text (a
reason) keeps that text.
`metadata.json`'s `splits.<split>.count`, when given, must match the pages found.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.data.page import Dataset, Page, dataset_of
from bench.errors import BenchError
from bench.files import read_json_object, string_field, string_list_field

SPLITS = ("dev", "test")
_META_FIELDS = ("title", "author", "publish_date")
FLAGS = ("unextractable", "remove", "needs_review", "spa")
"""WCXB's page flags, kept in `Page.meta`."""


def load(path: Path, *, split: str = "all") -> Dataset:
    """Load one split of a WCXB folder, or both (`all`)."""
    if split not in (*SPLITS, "all"):
        raise BenchError(f"--split {split!r}: must be one of {', '.join(SPLITS)}, all")
    metadata = read_json_object(path / "metadata.json")  # a missing one means a wrong PATH
    splits = [name for name in SPLITS if (path / name).is_dir()] if split == "all" else [split]
    if not splits or not (path / splits[0]).is_dir():
        raise BenchError(f"{path}: no {' or '.join(SPLITS) if split == 'all' else split} "
                         "split folder")
    pages = []
    for name in splits:
        gold_paths = sorted((path / name / "ground-truth").glob("*.json"))
        _check_count(metadata, name, len(gold_paths), path / "metadata.json")
        pages += [_page(gold_path, name) for gold_path in gold_paths]
    if not pages:
        raise BenchError(f"{path}: no ground-truth/*.json files in {', '.join(splits)}")
    return dataset_of(f"wcxb-{split}", pages, source=path)


def _page(gold_path: Path, split: str) -> Page:
    record = read_json_object(gold_path)
    where = str(gold_path)
    gold = record.get("ground_truth", {})
    if not isinstance(gold, dict):
        raise BenchError(f"{where}: field 'ground_truth': not an object")
    body = string_field(gold, "main_content", f"{where}: ground_truth", required=False) or ""
    with_snippets = string_list_field(gold, "with", f"{where}: ground_truth")
    without_snippets = string_list_field(gold, "without", f"{where}: ground_truth")
    html_path = gold_path.parent.parent / "html" / f"{gold_path.stem}.html.gz"
    if not html_path.is_file():
        raise BenchError(f"{html_path}: missing page for {gold_path.name}")
    meta = {name: gold[name] for name in _META_FIELDS if isinstance(gold.get(name), str)}
    return Page(id=gold_path.stem, html_path=html_path,
                url=string_field(record, "url", where, required=False),
                page_type=_page_type(record, where), body=body, with_snippets=with_snippets,
                without_snippets=without_snippets,
                meta=meta | _flags(record, where) | {"split": split})


def _flags(record: dict[str, Any], where: str) -> dict[str, str]:
    """WCXB's flags: `true` / `false` (absent or null is false); a flag given as text (a
    reason) or a number keeps that value, so that `--by` still groups by it."""
    internal = record.get("_internal")
    internal = internal if isinstance(internal, dict) else {}
    page_type = internal.get("page_type")
    flags = {}
    for flag in FLAGS:
        values = [internal.get(flag)]
        if flag == "needs_review" and isinstance(page_type, dict):
            values.append(page_type.get("needs_review"))
        given = [value for value in values if value not in (None, False)]
        flags[flag] = ("false" if not given else "true" if given[0] is True
                       else given[0] if isinstance(given[0], str) else json.dumps(given[0]))
    return flags


def _check_count(metadata: dict[str, Any], split: str, found: int, where: Path) -> None:
    """A split holding fewer (or more) pages than `metadata.json` declares is an incomplete or
    mixed copy: scoring it would quietly measure something else."""
    splits = metadata.get("splits")
    entry = splits.get(split) if isinstance(splits, dict) else None
    count = entry.get("count") if isinstance(entry, dict) else None
    if isinstance(count, int) and count != found:
        raise BenchError(f"{where}: field 'splits.{split}.count' is {count}, but "
                         f"{split}/ground-truth holds {found} files")


def _page_type(record: dict[str, Any], where: str) -> str | None:
    """`_internal.page_type.primary` (or `_internal.page_type` as a plain string), `article`
    when there is none, and WCXB's older label `category` as its `collection`: as WCXB's
    `evaluate.py` reads them, so that `--by page_type` gives its per-type table."""
    internal = record.get("_internal")
    page_type = internal.get("page_type") if isinstance(internal, dict) else None
    if page_type is None:
        name: str | None = "article"
    elif isinstance(page_type, str):
        name = page_type
    elif isinstance(page_type, dict):
        name = (string_field(page_type, "primary", f"{where}: _internal.page_type",
                             required=False) if "primary" in page_type else "article")
    else:
        raise BenchError(f"{where}: field '_internal.page_type': must be an object or a string")
    return "collection" if name == "category" else name
