"""Write a synthetic crawl for benchmarks: N pages taken in turn from a dataset's pages (AEB's,
by default) as HTTP 200 `response` records of one WARC file, each with a unique target URI,
plus one HTTP 404 record per 100 pages so that skipping is exercised. OUT ending in `.gz` is
compressed a gzip member per record, as crawlers write them (slow to write: about 5 ms a page);
`.warc` is plain. The pages are the dataset's; never commit the output.

    python scripts/make_warc.py 20000 /tmp/aeb-20000.warc /work/shared/datasets/aeb
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.data.formats import load_dataset
from bench.data.formats.warc import response_record


def main() -> None:
    """Write the WARC."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int, help="how many HTML pages to write")
    parser.add_argument("out", type=Path, help="the .warc or .warc.gz to write")
    parser.add_argument("source", help="the dataset whose pages are repeated (FORMAT:PATH; a "
                                       "bare path is an AEB folder)")
    args = parser.parse_args()
    spec = args.source if ":" in args.source else f"aeb:{args.source}"
    pages = [(page.url or page.id, page.read_html()) for page in load_dataset(spec)]
    compress = args.out.name.endswith(".gz")
    with args.out.open("wb") as handle:
        for number in range(args.pages):
            url, html = pages[number % len(pages)]
            handle.write(response_record(f"{url}#copy-{number}", html, compress=compress,
                                         content_type="text/html; charset=utf-8"))
            if number % 100 == 99:
                handle.write(response_record(f"{url}#gone-{number}", b"<html>not found</html>",
                                             status=404, compress=compress))
    print(f"wrote {args.pages} pages to {args.out} ({args.out.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
