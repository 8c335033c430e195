"""Uncertainty: seeded bootstrap resampling of pages and a paired test between two extractors.

Every corpus statistic in boilerbench is a function of per-page values weighted by how often
each page is drawn, so one resample is one row of a weight matrix (resamples x pages) and a
whole bootstrap is a few matrix products: no Python loop over resamples. The same seed gives
the same numbers on every machine (NumPy's PCG64 generator).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bench.errors import BenchError

Array = NDArray[np.float64]

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 0
DEFAULT_CONFIDENCE = 0.95
_CHUNK_CELLS = 1_000_000
"""Resample rows are drawn in blocks of at most this many weights (8 MB of float64), so that
the bootstrap's memory is the same for 20,000 pages as for a million (the draws and the weights
of one block, a few dozen megabytes at most); a row of more pages is one block."""


def _check_resamples(resamples: int) -> None:
    if resamples < 1:
        raise BenchError(f"resamples must be at least 1, got {resamples!r}")


def _block_rows(pages: int) -> int:
    """Resample rows per block: as many as fit `_CHUNK_CELLS`, at least one."""
    return max(1, _CHUNK_CELLS // max(pages, 1))


def resample_weights(pages: int, *, resamples: int, seed: int) -> Iterator[Array]:
    """Blocks of bootstrap weights: row r counts how often each page is drawn in resample r
    (pages drawn uniformly with replacement, as many as there are pages). The generator's
    draws are consumed row after row, so the weights do not depend on the block size. A row's
    draws are 4-byte (up to 2**32 pages: NumPy draws the same numbers as 8-byte ones for such
    a range) and counted into the row in place, the only page-long temporary (no bincount)."""
    rng = np.random.default_rng(seed)
    block = _block_rows(pages)
    for start in range(0, resamples, block):
        weights = np.zeros((min(block, resamples - start), pages))
        for row in weights:
            np.add.at(row, rng.integers(0, pages, size=pages, dtype=np.uint32), 1.0)
        yield weights


def bootstrap(statistic: Callable[[Array], Array], pages: int, *,
              resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED) -> Array:
    """The statistic of every resample: `statistic(weights)` maps (rows x pages) weights to
    (rows x values); the result is (resamples x values)."""
    _check_resamples(resamples)
    return np.concatenate([statistic(weights) for weights in
                           resample_weights(pages, resamples=resamples, seed=seed)])


def interval(samples: Array, confidence: float = DEFAULT_CONFIDENCE) -> tuple[Array, Array]:
    """Percentile interval of each column of `samples`."""
    if not 0 < confidence < 1:
        raise BenchError(f"confidence must be between 0 and 1, got {confidence!r}")
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail], axis=0)
    return low, high


@dataclass(frozen=True)
class Comparison:
    """A paired comparison of two systems over the same pages: mean(a) - mean(b)."""

    delta: float
    low: float
    high: float
    p_value: float
    pages: int
    resamples: int
    confidence: float
    seed: int

    @property
    def significant(self) -> bool:
        """Whether both tests agree there is a difference: the interval excludes zero and the
        p-value is below 1 - confidence. On a handful of pages the bootstrap interval of a
        consistent difference excludes zero while the permutation test cannot reach a small
        p-value (3 pages: p >= 0.25); a verdict printed beside that p must not say "better"."""
        return (self.low > 0 or self.high < 0) and self.p_value < 1 - self.confidence

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"delta": self.delta, "ci": [self.low, self.high], "p_value": self.p_value,
                "pages": self.pages, "resamples": self.resamples,
                "confidence": self.confidence, "seed": self.seed}


def compare(per_page_a: Sequence[float] | Array,
            per_page_b: Sequence[float] | Array, *,
            resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED,
            confidence: float = DEFAULT_CONFIDENCE) -> Comparison:
    """Does A beat B on these pages? Both lists hold one score per page, in the same order.

    The interval is a paired bootstrap of the mean difference (the same pages drawn for both);
    the two-sided p-value is a sign-flip permutation test of the mean difference (under "no
    difference", each page's difference is as likely positive as negative), with the
    add-one correction so that it is never 0.
    """
    _check_resamples(resamples)
    a, b = np.asarray(per_page_a, dtype=np.float64), np.asarray(per_page_b, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1 or not len(a):
        raise BenchError(f"compare needs two equally long, non-empty lists of per-page scores, "
                         f"got {a.shape} and {b.shape}")
    diff = a - b
    pages = len(diff)
    observed = float(diff.mean())
    means = bootstrap(lambda w: (w @ diff / pages)[:, None], pages, resamples=resamples,
                      seed=seed)
    low, high = interval(means, confidence)
    rng = np.random.default_rng(seed + 1)
    extreme = 0
    block = _block_rows(pages)
    for start in range(0, resamples, block):
        signs = rng.choice(np.array([-1.0, 1.0]), size=(min(block, resamples - start), pages))
        flipped = signs @ diff / pages
        extreme += int(np.count_nonzero(np.abs(flipped) >= abs(observed) - 1e-12))
    return Comparison(delta=observed, low=float(low[0]), high=float(high[0]),
                      p_value=(extreme + 1) / (resamples + 1), pages=pages,
                      resamples=resamples, confidence=confidence, seed=seed)
