"""How much the tokenizer moves token-F1 on non-Latin pages: the table in docs/scoring.md.

Runs extractors on zh-cwce (../shared/datasets/zh-cwce: original/*.html against
eval/cleaned_ground.json) and on the bundled Bengali gold page, then scores every output with
token F1 under each tokenizer. Usage: .venv/bin/python scripts/tokenizer_effect.py [SHARED]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.gold.format import load_gold
from bench.scoring.metrics import get_metric
from bench.text.encoding import UndecodableError, decode_html
from bench.text.tokenizers import TOKENIZERS
from extractors import registry

EXTRACTORS = ("trafilatura", "readability", "fulltext")


def pairs_zh(shared: Path) -> list[tuple[str, bytes]]:
    folder = shared / "datasets" / "zh-cwce"
    truth = json.loads((folder / "eval" / "cleaned_ground.json").read_text(encoding="utf-8"))
    return [(gold["articleBody"], (folder / "original" / f"{uuid}.html").read_bytes())
            for uuid, gold in sorted(truth.items())]


def pairs_bn() -> list[tuple[str, bytes]]:
    return [(page.body or "", page.read_html()) for page in load_gold()]


def _decode(raw: bytes) -> str:
    try:
        return decode_html(raw)[0]
    except UndecodableError:  # a few pages hold stray bytes: decode them with replacement
        return raw.decode("gb18030", errors="replace")


def table(name: str, pairs: list[tuple[str, bytes]], metric_name: str) -> None:
    gold_tokens = {tokenizer: sum(len(get_metric(metric_name, tokenizer=tokenizer).tokens(gold))
                                  for gold, _raw in pairs) for tokenizer in TOKENIZERS}
    print(f"\n{name} ({len(pairs)} pages), {metric_name}: corpus P / R / F1 per tokenizer; "
          f"gold tokens: {gold_tokens}")
    print("| extractor | " + " | ".join(TOKENIZERS) + " |")
    print("|---|" + "---|" * len(TOKENIZERS))
    for extractor_name in EXTRACTORS:
        extractor = registry.load(extractor_name)
        outputs = []
        for _gold, raw in pairs:
            outputs.append(extractor.extract(_decode(raw), None))
        cells = []
        for tokenizer in TOKENIZERS:
            metric = get_metric(metric_name, tokenizer=tokenizer)
            stats = [metric.page_stats(gold, output)
                     for (gold, _raw), output in zip(pairs, outputs, strict=True)]
            score = metric.corpus_score(stats).score
            cells.append(f"{score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f}")
        print(f"| {extractor_name} | " + " | ".join(cells) + " |")


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[2] / "shared"
    for metric_name in ("token-f1", "aeb"):
        table("zh-cwce", pairs_zh(shared), metric_name)
        table("Bengali gold page", pairs_bn(), metric_name)


if __name__ == "__main__":
    main()
