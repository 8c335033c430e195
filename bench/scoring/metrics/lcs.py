"""An order-aware metric: ROUGE-L-style precision, recall and F1 from the longest common
subsequence (LCS) of gold and output tokens.

Token F1 cannot see order: an output with the body's paragraphs shuffled, or a sidebar
interleaved sentence by sentence, scores as well as the body. Here a token counts only if it is
part of one common subsequence: P = LCS / output tokens, R = LCS / gold tokens. The LCS length
comes from rapidfuzz's bit-parallel algorithm (O(n * m / 64) word operations, linear memory):
a pair of 50,000-token pages takes well under a second.
"""

from __future__ import annotations

from rapidfuzz.distance import LCSseq

from bench.scoring.metrics.base import PageStats
from bench.scoring.metrics.token_f1 import TokenF1


class LCS(TokenF1):
    """LCS precision/recall/F1; page stats are (lcs, output - lcs, gold - lcs), so the
    scoring and corpus aggregation are those of token F1."""

    name = "lcs"

    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        ids: dict[str, int] = {}
        gold = [ids.setdefault(token, len(ids)) for token in gold_tokens]
        output = [ids.setdefault(token, len(ids)) for token in output_tokens]
        common = LCSseq.similarity(gold, output)
        return float(common), float(len(output) - common), float(len(gold) - common)
