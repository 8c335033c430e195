"""Snippet scores, trafilatura's evaluation method (`--metric snippets`).

Gold given as `with` snippets (text a correct extraction must contain) and `without` snippets
(boilerplate it must not contain), as in ../shared/datasets/trafilatura-eval/SOURCE.md. Each
snippet and the output are whitespace-collapsed, and the snippet is looked up as a substring,
case kept: a found `with` snippet is a true positive, a missing one a false negative; a found
`without` snippet a false positive, a missing one a true negative. The corpus score pools the
four counts over pages: precision = tp / (tp + fp), recall = tp / (tp + fn), F = 2tp / (2tp +
fp + fn), accuracy = (tp + tn) / all. A failed extraction is an empty output, so it misses every
`with` snippet and no `without` one, as in trafilatura's script. A page without snippets is not
applicable.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from bench.data.page import Gold
from bench.errors import BenchError
from bench.scoring.metrics.base import Metric, PageStats, prf_array, safe_divide
from bench.scoring.signature import Signature
from bench.scoring.stats import Array
from bench.text.normalize import collapse_whitespace, normalize


class Snippets(Metric):
    """Substring presence of with/without snippets; page stats are (tp, fp, fn, tn)."""

    name = "snippets"
    default_normalized = False
    corpus_fields = ("precision", "recall", "f1", "accuracy")
    averaging = "pooled: snippet counts summed over pages"

    @property
    def signature(self) -> Signature:
        """No tokenizer; the normalisation is white-space collapsing (plus NFKC and case
        folding when enabled)."""
        spaces = "ws-collapse" + (f"+{super().signature.normalization}" if self.normalized else "")
        return dataclasses.replace(super().signature, tokenizer="none", normalization=spaces)

    def _comparable(self, text: str) -> str:
        return collapse_whitespace(normalize(text) if self.normalized else text)

    def snippet_stats(self, with_snippets: tuple[str, ...], without_snippets: tuple[str, ...],
                      output: str) -> PageStats:
        """(tp, fp, fn, tn) of one output."""
        text = self._comparable(output)
        found_with = sum(self._comparable(snippet) in text for snippet in with_snippets)
        found_without = sum(self._comparable(snippet) in text for snippet in without_snippets)
        return (float(found_with), float(found_without),
                float(len(with_snippets) - found_with),
                float(len(without_snippets) - found_without))

    def gold_stats(self, gold: Gold, output: str, *,
                   tokens: list[str] | None = None) -> PageStats | None:
        if not gold.with_snippets and not gold.without_snippets:
            return None
        return self.snippet_stats(gold.with_snippets, gold.without_snippets, output)

    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        raise BenchError("the snippets metric scores with/without snippets of a dataset page, "
                         "not a gold text: use it with `run` or `score-predictions`")

    def _scores(self, stats: Array) -> Array:
        return prf_array(stats[..., :3])

    def _corpus(self, weights: Array, stats: Array, scores: Array) -> Array:
        tp, fp, fn, tn = (weights @ stats).T
        pooled = prf_array(np.stack([tp, fp, fn], axis=1))
        accuracy = safe_divide(tp + tn, tp + fp + fn + tn)
        return np.concatenate([pooled, accuracy[:, None]], axis=1)
