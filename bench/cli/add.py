"""`boilerbench add PAGE.html --lang bn --type news`: draft a gold record for a new page."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from rich.console import Console

from bench.errors import BenchError, unknown_name

DRAFT_EXTRACTORS = ("trafilatura-no-comments", "readability", "trafilatura-precision")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `add`."""
    parser.add_argument("page", type=Path, metavar="PAGE.html")
    parser.add_argument("--lang", required=True, help="BCP-47 language tag of the body")
    parser.add_argument("--type", required=True, dest="page_type", help="page type")
    parser.add_argument("--id", default=None, dest="page_id",
                        help="page id (default: LANG-<file name>)")
    parser.add_argument("--url", required=True,
                        help="the page's URL (a gold record needs it; extractors get it)")
    parser.add_argument("--out", type=Path, default=None,
                        help="gold folder to write to (default: the bundled gold folder)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing record")


def execute(args: argparse.Namespace, console: Console) -> int:
    """Write `<id>.html` (the bytes as given) and a drafted `<id>.toml`."""
    from bench.gold.draft import draft_record, write_draft
    from bench.gold.format import PAGE_TYPES, bundled_gold_dir
    from bench.text.encoding import decode_html
    from extractors import registry

    if args.page_type not in PAGE_TYPES:
        raise unknown_name("page type", args.page_type, PAGE_TYPES)
    try:
        raw = args.page.read_bytes()
    except OSError as error:
        raise BenchError(f"{args.page}: cannot read: {error.strerror}") from None
    page_id = args.page_id or f"{args.lang}-{args.page.stem}".lower()
    page_id = re.sub(r"[^a-z0-9-]+", "-", page_id).strip("-")
    out = args.out or bundled_gold_dir()
    record_path = out / f"{page_id}.toml"
    if record_path.exists() and not args.force:
        raise BenchError(f"{record_path} exists (use --force to overwrite)")
    html, _charset = decode_html(raw)
    extractors = [registry.load(name) for name in DRAFT_EXTRACTORS]
    record = draft_record(html, page_id=page_id, url=args.url, language=args.lang,
                          page_type=args.page_type, extractors=extractors)
    write_draft(out, record, raw)
    categories = sorted({block["category"] for block in record["boilerplate"]})
    console.print(f"drafted {record_path}: {len(record['body'].split(chr(10) * 2))} body "
                  f"paragraph(s), boilerplate: {', '.join(categories)}", markup=False,
                  highlight=False)
    console.print(f"now check it by hand, then: boilerbench validate {record_path}",
                  markup=False, highlight=False)
    return 0
