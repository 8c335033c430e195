"""The metric base class: one place owns per-page and corpus scoring.

A metric fills in small hooks: `_page_stats` turns one (gold, output) pair into a tuple of
sufficient statistics; `_scores` turns statistics into precision, recall and F1 (vectorised:
one row per page); `_corpus` aggregates pages into the corpus values named by `corpus_fields`
(the first three are always precision, recall and F1). `_corpus` receives page weights, one row
per resample, so the same hook gives the corpus score (all weights 1) and its bootstrap
distribution, from which every corpus value gets a confidence interval.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np

from bench import __version__
from bench.data.page import Gold
from bench.scoring.signature import Signature
from bench.scoring.stats import (
    DEFAULT_CONFIDENCE,
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    Array,
    bootstrap,
    interval,
)
from bench.text.normalize import NORMALIZATION, normalize
from bench.text.tokenizers import Tokenizer, UnicodeTokenizer, get_tokenizer

PageStats = tuple[float, ...]
"""Sufficient statistics of one page, summable across pages (e.g. tp, fp, fn)."""

GOLD_MEMORY = 16
"""Golds whose tokens (or index) a metric remembers: a run hands out its jobs page by page,
every extractor of a page in turn, so a worker meets a gold again within a few jobs or never.
Kept small, because a gold's tokens and counts take about 57 KB (AEB's mean): 512 of them
grew a worker by 29 MB over its first 512 pages of a corpus of distinct pages."""

_Made = TypeVar("_Made")


SCORE_ROWS = 1 << 16
"""Pages per chunk of per-page scores in `corpus_score`."""


class GoldMemory(Generic[_Made]):
    """What a metric makes of its last `size` golds (tokens and counts, an index, a parsed
    structure), the least recently used forgotten first: a gold scored against several
    outputs in a row is prepared once, and the memory stays bounded whatever the page count."""

    def __init__(self, make: Callable[[str], _Made], *, size: int = GOLD_MEMORY) -> None:
        self.size = size
        self._make = make
        self._made: dict[str, _Made] = {}  # most recently used last

    def __call__(self, gold: str) -> _Made:
        if gold in self._made:
            made = self._made.pop(gold)
        else:
            made = self._make(gold)
            self._forget(keep=self.size - 1)
        self._made[gold] = made
        return made

    def resize(self, size: int) -> None:
        """Remember `size` golds from now on (forgetting the oldest beyond it)."""
        self.size = size
        self._forget(keep=size)

    def _forget(self, *, keep: int) -> None:
        while len(self._made) > keep:
            del self._made[next(iter(self._made))]

    def __contains__(self, gold: str) -> bool:
        return gold in self._made

    def __len__(self) -> int:
        return len(self._made)


class GoldTokens(list[str]):
    """A gold's tokens as a metric remembers them (`Metric.gold_tokens`), with their counts,
    made once: a run scores each page's gold once per extractor."""

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each token occurs."""
        return Counter(self)


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
    """A corpus score as the metric aggregates it, every corpus value with its bootstrap
    interval and standard deviation, and how the bootstrap was drawn."""

    score: Score
    values: Mapping[str, float]
    intervals: Mapping[str, tuple[float, float]]
    std: Mapping[str, float]
    pages: int
    resamples: int
    seed: int
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {**self.score.to_dict(), "values": dict(self.values),
                "ci": {key: list(pair) for key, pair in self.intervals.items()},
                "std": dict(self.std), "pages": self.pages,
                "bootstrap": {"resamples": self.resamples, "seed": self.seed,
                              "confidence": self.confidence}}


class Metric(ABC):
    """Base of all metrics; subclasses set `name` and fill in the hooks."""

    name: ClassVar[str]
    default_tokenizer: ClassVar[str] = "unicode"
    default_normalized: ClassVar[bool] = True
    corpus_fields: ClassVar[tuple[str, ...]] = ("precision", "recall", "f1")
    averaging: ClassVar[str] = "macro: mean of per-page scores"
    output_formats: ClassVar[frozenset[str] | None] = None
    """The output formats this metric scores (None: any); other outputs are not applicable."""

    def __init__(self, *, tokenizer: str | None = None, normalized: bool | None = None,
                 dataset: str = "adhoc") -> None:
        self.tokenizer: Tokenizer = get_tokenizer(tokenizer or self.default_tokenizer)
        self.normalized = self.default_normalized if normalized is None else normalized
        self.dataset = dataset
        self._memories: list[GoldMemory[Any]] = []
        self._gold_tokens = self.gold_memory(lambda gold: GoldTokens(self.tokens(gold)))
        self._options = {"tokenizer": tokenizer, "normalized": normalized, "dataset": dataset}

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its class and options, so that it travels to a worker on another
        machine (a Ray task) and is built there again, its gold caches empty."""
        return (_rebuild, (type(self), self._options))

    @property
    def signature(self) -> Signature:
        """The signature every score of this metric carries."""
        return Signature(metric=self.name, tokenizer=self.tokenizer.signature,
                         normalization=NORMALIZATION if self.normalized else "none",
                         dataset=self.dataset, version=__version__)

    def tokens(self, text: str) -> list[str]:
        """Normalise (when enabled) and tokenise `text` as this metric sees it."""
        return self.tokenizer(normalize(text) if self.normalized else text)

    @property
    def reads_line_tokens(self) -> bool:
        """Whether this metric's tokens of a text are its normalised `unicode` line tokens
        flattened (`bench.scoring.leakage.line_tokens`), so that one tokenisation of an output
        serves the metric, leaks and duplication."""
        return (self.normalized and type(self.tokenizer) is UnicodeTokenizer
                and type(self).tokens is Metric.tokens)

    @abstractmethod
    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        """Sufficient statistics of one page from its gold and output tokens."""

    @abstractmethod
    def _scores(self, stats: Array) -> Array:
        """Precision, recall and F1 (last axis) from statistics (last axis), row by row."""

    def _corpus(self, weights: Array, stats: Array, scores: Array) -> Array:
        """Corpus values (`corpus_fields`) for each row of page weights (rows x pages), from
        per-page statistics (pages x k) and scores (pages x 3). Default: weighted mean of
        per-page scores (macro)."""
        macro: Array = weights @ scores / weights.sum(axis=1, keepdims=True)
        return macro

    def page_stats(self, gold: str, output: str, *,
                   tokens: list[str] | None = None) -> PageStats:
        """Sufficient statistics of one page from its gold and output text (the gold's tokens
        are remembered: a run scores each page's gold once per extractor); `tokens` are the
        output's `tokens`, when already computed."""
        return self._page_stats(self.gold_tokens(gold),
                                self.tokens(output) if tokens is None else tokens)

    def gold_stats(self, gold: Gold, output: str, *,
                   tokens: list[str] | None = None) -> PageStats | None:
        """Statistics of one output against a dataset page's gold; None when the page's gold
        cannot support this metric (reported as not applicable, never as zero).

        Body-based metrics use `gold.body`; a metric scored on other gold (snippets) overrides
        this hook.
        """
        return None if gold.body is None else self.page_stats(gold.body, output, tokens=tokens)

    def gold_tokens(self, gold: str) -> GoldTokens:
        """`tokens(gold)`, remembered for the last few golds: a run scores each page's gold
        once per extractor, page after page."""
        return self._gold_tokens(gold)

    def gold_memory(self, make: Callable[[str], _Made]) -> GoldMemory[_Made]:
        """A memory of what `make` makes of a gold, sized with the metric's others
        (`remembering`)."""
        memory = GoldMemory(make)
        self._memories.append(memory)
        return memory

    @contextmanager
    def remembering(self, golds: int) -> Iterator[None]:
        """Within the block, remember the last `golds` golds (never fewer than
        `GOLD_MEMORY`): scoring prediction files meets every gold again in each file."""
        sizes = [memory.size for memory in self._memories]
        for memory in self._memories:
            memory.resize(max(golds, GOLD_MEMORY))
        try:
            yield
        finally:
            for memory, size in zip(self._memories, sizes, strict=True):
                memory.resize(size)

    def score_stats(self, stats: PageStats) -> Score:
        """The Score of one page's (or a pooled) statistics."""
        precision, recall, f1 = self._score(stats)
        return Score(precision, recall, f1, signature=self.signature)

    def _score(self, stats: PageStats) -> tuple[float, float, float]:
        """Precision, recall and F1 of one row of statistics: `_scores` of that row, unless a
        metric computes the same floats without numpy (`prf`)."""
        precision, recall, f1 = (float(x) for x in self._scores(np.array([stats]))[0])
        return precision, recall, f1

    def details(self, stats: PageStats) -> dict[str, dict[str, float]] | None:
        """A breakdown of one page's statistics beyond P/R/F1 (structure: per element kind),
        or None for metrics that have none."""
        return None

    def page_score(self, gold: str, output: str) -> Score:
        """Score one output against its gold."""
        return self.score_stats(self.page_stats(gold, output))

    def page_scores(self, page_stats: Sequence[PageStats]) -> Array:
        """Per-page precision, recall and F1 (pages x 3), e.g. for a paired comparison."""
        return self._scores(np.array(page_stats, dtype=np.float64))

    def chunked_scores(self, stats: Array) -> Array:
        """`_scores` of every row, computed `SCORE_ROWS` rows at a time: the same floats (row
        by row), without `_scores`' temporaries over every page at once."""
        scores = np.empty((len(stats), 3))
        for start in range(0, len(stats), SCORE_ROWS):
            scores[start:start + SCORE_ROWS] = self._scores(stats[start:start + SCORE_ROWS])
        return scores

    def corpus_score(self, page_stats: Sequence[PageStats] | Array, *,
                     resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
                     confidence: float = DEFAULT_CONFIDENCE) -> CorpusScore:
        """The corpus score of these pages, with a seeded bootstrap over pages."""
        if len(page_stats) == 0:
            raise ValueError("corpus_score needs at least one page")
        stats = np.asarray(page_stats, dtype=np.float64)  # a Tally's array is not copied
        scores = self.chunked_scores(stats)
        pages = len(stats)
        point = self._corpus(np.ones((1, pages)), stats, scores)[0]
        samples = bootstrap(lambda weights: self._corpus(weights, stats, scores), pages,
                            resamples=resamples, seed=seed)
        low, high = interval(samples, confidence)
        spread = samples.std(axis=0, ddof=1) if resamples > 1 else np.zeros(len(point))
        fields = self.corpus_fields
        precision, recall, f1 = (float(x) for x in point[:3])
        return CorpusScore(
            score=Score(precision, recall, f1, signature=self.signature),
            values={key: float(x) for key, x in zip(fields, point, strict=True)},
            intervals={key: (float(lo), float(hi))
                       for key, lo, hi in zip(fields, low, high, strict=True)},
            std={key: float(x) for key, x in zip(fields, spread, strict=True)},
            pages=pages, resamples=resamples, seed=seed, confidence=confidence)


def _rebuild(cls: type[Metric], options: dict[str, Any]) -> Metric:
    """A pickled metric, built again from its options."""
    return cls(**options)


def safe_divide(numerator: Array, denominator: Array) -> Array:
    """numerator / denominator, 0 where the denominator is 0."""
    return np.divide(numerator, denominator, out=np.zeros_like(numerator, dtype=np.float64),
                     where=denominator != 0)


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """`prf_array` of one (tp, fp, fn), the same floats bit for bit (the same operations in
    the same order), without numpy's cost for one row (0.075 ms a page)."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp != 0 else 0.0
    recall = tp / (tp + fn) if tp + fn != 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall != 0 else 0.0
    return precision, recall, f1


def prf_array(counts: Array) -> Array:
    """Precision, recall and F1 from (..., tp, fp, fn) counts, row by row.

    Both texts empty (fp = fn = 0) is a perfect score; otherwise a quantity with a zero
    denominator is 0: an empty output scores 0 precision, as in the Article Extraction Benchmark.
    """
    tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
    precision, recall = safe_divide(tp, tp + fp), safe_divide(tp, tp + fn)
    f1 = safe_divide(2 * precision * recall, precision + recall)
    perfect = (fp == 0) & (fn == 0)
    return np.where(perfect[..., None], 1.0, np.stack([precision, recall, f1], axis=-1))
