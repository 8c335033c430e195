"""The Article Extraction Benchmark's scoring, reproduced exactly (`--metric aeb`).

Facts from ../shared/datasets/aeb/SOURCE.md (AEB's evaluate script): tokens are Python `re`
`\\w+` matches with case kept; shingles are 4-token tuples counted with multiplicity (a text of
fewer than 4 tokens is one shingle, an empty text none); per page tp, fp and fn are the clipped
differences of the shingle counts, then divided by their sum so that long pages weigh no more
than short ones. Corpus precision is the mean of per-page precision over pages with tp + fp > 0,
recall the mean of per-page recall over pages with tp + fn > 0, and F1 is computed from those two
means. Accuracy is the share of pages whose token list equals the gold's. AEB's "±" is the
standard deviation over 1,000 bootstrap resamples of pages: `CorpusScore.std` here.

Choosing another tokenizer (`--tokenizer unicode`) keeps the procedure and says so in the
signature; the default is AEB's own, without boilerbench's normalisation.
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat

import numpy as np
from numpy.typing import NDArray

from bench.scoring.metrics.base import Metric, PageStats, prf_array, safe_divide
from bench.scoring.stats import Array

SHINGLE = 4
_MAX_BASE = 55_000
"""Shingles of gold token ids are coded as base-`vocabulary + 1` numbers of 4 digits, exact in
int64 while the base stays below 55,109; a larger page vocabulary takes the Counter path."""

Shingles = Counter[tuple[str, ...]]


def shingles(tokens: list[str], size: int = SHINGLE) -> Shingles:
    """Counts of the `size`-token shingles of `tokens` (one shingle if shorter, none if empty)."""
    if len(tokens) < size:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(zip(*(tokens[start:] for start in range(size)), strict=False))


def shingle_counts(gold: Shingles, output: Shingles) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) from shingle counts."""
    common = gold.keys() & output.keys()
    tp = float(sum(map(min, map(gold.__getitem__, common), map(output.__getitem__, common))))
    return tp, float(sum(output.values())) - tp, float(sum(gold.values())) - tp


def _normalised(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Divide the counts by their sum (unchanged when it is 0), as AEB does."""
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


IntArray = NDArray[np.int64]


def _codes(ids: IntArray, base: int) -> IntArray:
    return ((ids[:-3] * base + ids[1:-2]) * base + ids[2:-1]) * base + ids[3:]


class GoldIndex:
    """One gold text prepared for scoring many outputs: its tokens, and its shingles coded as
    integers (sorted, with counts) so that an output's shingles are matched with NumPy.

    The coding is exact (no hashing): gold tokens get ids 1..V, other tokens 0, and a shingle
    of ids is a 4-digit number in base V + 1; an output shingle holding a 0 cannot be a gold
    shingle and is not looked up. Texts of fewer than 4 tokens, and pages with too large a
    vocabulary, use Counter matching instead; tests check that both agree.
    """

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.vocabulary: dict[str, int] = {}
        for token in tokens:
            self.vocabulary.setdefault(token, len(self.vocabulary) + 1)
        self.base = len(self.vocabulary) + 1
        self.coded = len(tokens) >= SHINGLE and self.base <= _MAX_BASE
        if self.coded:
            ids = np.fromiter(map(self.vocabulary.__getitem__, tokens), dtype=np.int64,
                              count=len(tokens))
            self.codes, self.counts = np.unique(_codes(ids, self.base), return_counts=True)

    def stats(self, tokens: list[str]) -> PageStats:
        """(tp, fp, fn, exact) of an output's tokens, the counts normalised to sum 1."""
        if tokens == self.tokens:  # all shingles match: tp is everything, or both are empty
            return (1.0 if tokens else 0.0, 0.0, 0.0, 1.0)
        if not self.coded or len(tokens) < SHINGLE:
            return (*_normalised(*shingle_counts(shingles(self.tokens), shingles(tokens))), 0.0)
        ids = np.fromiter(map(self.vocabulary.get, tokens, repeat(0)), dtype=np.int64,
                          count=len(tokens))
        known = ids > 0
        codes = _codes(ids, self.base)[known[:-3] & known[1:-2] & known[2:-1] & known[3:]]
        output_codes, output_counts = np.unique(codes, return_counts=True)
        where = np.searchsorted(self.codes, output_codes).clip(max=len(self.codes) - 1)
        hit = self.codes[where] == output_codes
        tp = float(np.minimum(self.counts[where[hit]], output_counts[hit]).sum())
        fp = float(len(tokens) - SHINGLE + 1) - tp
        fn = float(len(self.tokens) - SHINGLE + 1) - tp
        return (*_normalised(tp, fp, fn), 0.0)


class AEB(Metric):
    """AEB-exact scoring; page stats are (tp, fp, fn, exact) with tp + fp + fn = 1 (or 0)."""

    name = "aeb"
    default_tokenizer = "re-word"
    default_normalized = False
    corpus_fields = ("precision", "recall", "f1", "accuracy")
    averaging = ("AEB: mean per-page precision (pages with output shingles) and recall (pages "
                 "with gold shingles), F1 of the two means")

    def __init__(self, *, tokenizer: str | None = None, normalized: bool | None = None,
                 dataset: str = "adhoc") -> None:
        super().__init__(tokenizer=tokenizer, normalized=normalized, dataset=dataset)
        # The gold of a page is scored against every extractor's output: index it once.
        self._gold = self.gold_memory(lambda text: GoldIndex(self.tokens(text)))

    def page_stats(self, gold: str, output: str, *,
                   tokens: list[str] | None = None) -> PageStats:
        return self._gold(gold).stats(self.tokens(output) if tokens is None else tokens)

    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        return GoldIndex(gold_tokens).stats(output_tokens)

    def _scores(self, stats: Array) -> Array:
        return prf_array(stats[..., :3])

    def _corpus(self, weights: Array, stats: Array, scores: Array) -> Array:
        tp, fp, fn, exact = stats.T
        has_output, has_gold = (tp + fp > 0).astype(float), (tp + fn > 0).astype(float)
        precision = safe_divide(weights @ (scores[:, 0] * has_output), weights @ has_output)
        recall = safe_divide(weights @ (scores[:, 1] * has_gold), weights @ has_gold)
        f1 = safe_divide(2 * precision * recall, precision + recall)
        accuracy = weights @ exact / weights.sum(axis=1)
        return np.stack([precision, recall, f1, accuracy], axis=1)
