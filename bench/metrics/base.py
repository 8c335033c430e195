"""The metric base class: one place owns per-page and corpus scoring.

A metric fills in two hooks: `_page_stats` turns one (gold, output) pair into a tuple of
sufficient statistics, and `_score_from_stats` turns such a tuple (or the sum of many) into
precision, recall and F1. The base class keeps per-page statistics so that corpus scores
(macro and micro), bootstrap resampling and paired comparisons all reuse them.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from bench import __version__
from bench.dataset import Page
from bench.normalize import NORMALIZATION, normalize
from bench.signature import Signature
from bench.tokenizers import Tokenizer, get_tokenizer

PageStats = tuple[float, ...]
"""Sufficient statistics of one page, summable across pages (e.g. tp, fp, fn)."""


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one page or one corpus, with how they were computed."""

    precision: float
    recall: float
    f1: float
    signature: Signature

    def format(self, *, digits: int = 3) -> str:
        """Render as one line of text: the three numbers, then the signature."""
        return (f"P {self.precision:.{digits}f}  R {self.recall:.{digits}f}  "
                f"F1 {self.f1:.{digits}f}  {self.signature}")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "signature": str(self.signature)}

    def to_json(self) -> str:
        """Render as a JSON object."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass(frozen=True)
class CorpusScore:
    """Corpus scores: macro (mean of per-page scores) and micro (pooled statistics)."""

    macro: Score
    micro: Score
    pages: int

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"macro": self.macro.to_dict(), "micro": self.micro.to_dict(), "pages": self.pages}


class Metric(ABC):
    """Base of all metrics; subclasses set `name` and fill in the two hooks."""

    name: ClassVar[str]

    def __init__(self, *, tokenizer: str = "unicode", normalized: bool = True,
                 dataset: str = "adhoc") -> None:
        self.tokenizer: Tokenizer = get_tokenizer(tokenizer)
        self.normalized = normalized
        self.dataset = dataset
        self._gold_tokens: dict[str, list[str]] = {}

    @property
    def signature(self) -> Signature:
        """The signature every score of this metric carries."""
        return Signature(metric=self.name, tokenizer=self.tokenizer.signature,
                         normalization=NORMALIZATION if self.normalized else "none",
                         dataset=self.dataset, version=__version__)

    def tokens(self, text: str) -> list[str]:
        """Normalise (when enabled) and tokenise `text` as this metric sees it."""
        return self.tokenizer(normalize(text) if self.normalized else text)

    @abstractmethod
    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        """Sufficient statistics of one page from its gold and output tokens."""

    @abstractmethod
    def _score_from_stats(self, stats: PageStats) -> tuple[float, float, float]:
        """Precision, recall and F1 from (summed) statistics."""

    def page_stats(self, gold: str, output: str) -> PageStats:
        """Sufficient statistics of one page from its gold and output text."""
        return self._page_stats(self.tokens(gold), self.tokens(output))

    def page_stats_for(self, page: Page, output: str) -> PageStats | None:
        """Statistics of one output against a dataset page's gold; None when the page's gold
        cannot support this metric (reported as not applicable, never as zero).

        Body-based metrics use `page.body`; a metric scored on other gold (snippets) overrides
        this hook.
        """
        if page.body is None:
            return None
        return self._page_stats(self.gold_tokens(page.body), self.tokens(output))

    def gold_tokens(self, gold: str) -> list[str]:
        """`tokens(gold)`, remembered: a run scores each page's gold once per extractor."""
        if gold not in self._gold_tokens:
            self._gold_tokens[gold] = self.tokens(gold)
        return self._gold_tokens[gold]

    def score_stats(self, stats: PageStats) -> Score:
        """The Score of one page's (or a pooled) statistics."""
        return Score(*self._score_from_stats(stats), signature=self.signature)

    def page_score(self, gold: str, output: str) -> Score:
        """Score one output against its gold."""
        return self.score_stats(self.page_stats(gold, output))

    def corpus_score(self, page_stats: Sequence[PageStats]) -> CorpusScore:
        """Macro and micro corpus scores from per-page statistics."""
        if not page_stats:
            raise ValueError("corpus_score needs at least one page")
        per_page = [self._score_from_stats(stats) for stats in page_stats]
        n = len(per_page)
        precision, recall, f1 = (sum(values) / n for values in zip(*per_page, strict=True))
        macro = Score(precision, recall, f1, signature=self.signature)
        pooled = tuple(sum(values) for values in zip(*page_stats, strict=True))
        return CorpusScore(macro=macro, micro=self.score_stats(pooled), pages=n)
