"""WCXB's own scoring (`--metric wcxb`), as its `evaluate.py` computes it.

Read from WCXB's repository (github.com/Murrough-Foley/web-content-extraction-benchmark,
`evaluate.py`): a text is lower-cased with `str.lower` and tokenised with Python `re` `\\w+`;
per page, precision = overlap / output tokens and recall = overlap / gold tokens, where the
overlap counts tokens with multiplicity (both texts empty: 1; gold empty and output not, or
output empty: 0), and F1 is their harmonic mean. A `with` (or `without`) snippet counts as found
when its lower-cased text is a substring of the lower-cased output, nothing else normalised; a
page's with rate (without rate) is the share of its snippets found. The corpus values are plain
means over pages: precision, recall, F1 (the mean of per-page F1, not the F1 of the means), with
rate and without rate (lower is better).

Every page counts, as in WCXB's script: an empty gold body scores 1.0 when the output is empty
too, else 0.0, and a page with no snippets of a kind has rate 1.0 for that kind (so a page
without a `without` list reads as "all boilerplate leaked": that is WCXB's procedure, kept as it
is; `token-f1` and `snippets` are boilerbench's own). Only a page with no body gold at all (a
dataset that has none, such as trafilatura's) is not applicable.

Choosing another tokenizer or `--normalize` keeps the procedure and says so in the signature.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from bench.data.page import Gold
from bench.scoring.metrics.base import Metric, PageStats, prf_array, safe_divide
from bench.scoring.metrics.token_f1 import bag_counts
from bench.scoring.signature import Signature
from bench.scoring.stats import Array
from bench.text.normalize import normalize


class WCXB(Metric):
    """WCXB-exact scoring; page stats are (tp, fp, fn, with found, with total, without found,
    without total)."""

    name = "wcxb"
    default_tokenizer = "re-word"
    default_normalized = False
    corpus_fields = ("precision", "recall", "f1", "with_rate", "without_rate")
    averaging = ("WCXB: means over pages of per-page precision, recall, F1 and snippet rates "
                 "(a page with no snippets of a kind has rate 1)")

    @property
    def signature(self) -> Signature:
        """The normalisation is WCXB's lower-casing, or boilerbench's when enabled."""
        lowered = super().signature.normalization if self.normalized else "lower"
        return dataclasses.replace(super().signature, normalization=lowered)

    def _comparable(self, text: str) -> str:
        return normalize(text) if self.normalized else text.lower()

    def tokens(self, text: str) -> list[str]:
        return self.tokenizer(self._comparable(text))

    def gold_stats(self, gold: Gold, output: str, *,
                   tokens: list[str] | None = None) -> PageStats | None:
        if gold.body is None:
            return None
        text = self._comparable(output)
        found_with = sum(self._comparable(snippet) in text for snippet in gold.with_snippets)
        found_without = sum(self._comparable(snippet) in text
                            for snippet in gold.without_snippets)
        return (*bag_counts(self.gold_tokens(gold.body), self.tokens(output)),
                float(found_with), float(len(gold.with_snippets)),
                float(found_without), float(len(gold.without_snippets)))

    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        """(tp, fp, fn) of the word bags; a bare gold text has no snippets (totals 0: rates 1)."""
        return (*bag_counts(gold_tokens, output_tokens), 0.0, 0.0, 0.0, 0.0)

    def _scores(self, stats: Array) -> Array:
        return prf_array(stats[..., :3])

    def _corpus(self, weights: Array, stats: Array, scores: Array) -> Array:
        macro = super()._corpus(weights, stats, scores)
        rates = [np.where(total > 0, safe_divide(found, total), 1.0)
                 for found, total in ((stats[:, 3], stats[:, 4]), (stats[:, 5], stats[:, 6]))]
        means = weights @ np.stack(rates, axis=1) / weights.sum(axis=1, keepdims=True)
        return np.concatenate([macro, means], axis=1)
