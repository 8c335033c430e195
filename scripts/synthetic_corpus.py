"""A synthetic corpus of any size for the scale benchmarks (README, "Benchmarks"): N pages made
from AEB's 181 pages, repeated in order, as one JSON Lines dataset (`--dataset jsonl:OUT`).

Each line points at AEB's own `.html.gz` (`html_path`, absolute: no page is copied) and carries
AEB's gold body (`body`, from ground-truth.json) and URL; ids are unique (`p000001-<aeb id>`).
With `--distinct-golds` every body ends in a line of its own ("Page N."), so that no two golds
are the same, as in a real corpus: a worker then meets each gold once (what it keeps per gold
shows; the HTML does not hold that line, so every page's recall loses its tokens).
Usage: .venv/bin/python scripts/synthetic_corpus.py N OUT.jsonl [AEB_DIR] [--distinct-golds]
(AEB_DIR defaults to ../shared/datasets/aeb beside the checkout).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT_AEB = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "aeb"


def write_corpus(pages: int, out: Path, aeb: Path, *, distinct_golds: bool = False) -> None:
    """Write `pages` lines to `out`, cycling through AEB's pages in id order (each body with
    its own last line, with `distinct_golds`)."""
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    sources = sorted(truth.items())
    width = len(str(pages))
    with out.open("w", encoding="utf-8") as handle:
        for number in range(pages):
            aeb_id, gold = sources[number % len(sources)]
            line = {"id": f"p{number:0{width}d}-{aeb_id[:12]}",
                    "html_path": str((aeb / "html" / f"{aeb_id}.html.gz").resolve()),
                    "body": gold["articleBody"] + (f"\n\nPage {number}." if distinct_golds
                                                   else ""),
                    "url": gold.get("url")}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def main(argv: list[str]) -> int:
    distinct = "--distinct-golds" in argv
    argv = [argument for argument in argv if argument != "--distinct-golds"]
    if (len(argv) not in (2, 3) or not argv[0].isdigit()
            or any(argument.startswith("-") for argument in argv)):
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    aeb = Path(argv[2]) if len(argv) == 3 else DEFAULT_AEB
    if not (aeb / "ground-truth.json").is_file():
        print(f"{aeb}: no ground-truth.json (AEB_DIR must be AEB's folder)", file=sys.stderr)
        return 2
    write_corpus(int(argv[0]), Path(argv[1]), aeb, distinct_golds=distinct)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
