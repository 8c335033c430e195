"""Bootstrap weights, intervals and the paired comparison."""

from __future__ import annotations

import numpy as np
import pytest

from bench.errors import BenchError
from bench.scoring import stats
from bench.scoring.stats import bootstrap, compare, interval, resample_weights


def test_weights_draw_as_many_pages_as_there_are() -> None:
    (weights,) = resample_weights(5, resamples=300, seed=1)
    assert weights.shape == (300, 5)
    assert (weights.sum(axis=1) == 5).all()
    again = np.concatenate(list(resample_weights(5, resamples=300, seed=1)))
    assert (weights == again).all()
    other = np.concatenate(list(resample_weights(5, resamples=300, seed=2)))
    assert not (weights == other).all()


def test_large_bootstraps_come_in_blocks_with_the_same_total() -> None:
    blocks = list(resample_weights(100_000, resamples=100, seed=0))
    assert len(blocks) == 10
    assert sum(len(block) for block in blocks) == 100


def _one_matrix(pages: int, *, resamples: int, seed: int) -> np.ndarray:
    """The weights as one matrix of draws (resamples x pages), counted row by row: the
    bootstrap as it was computed before it came in blocks of rows."""
    drawn = np.random.default_rng(seed).integers(0, pages, size=(resamples, pages))
    offsets = pages * np.arange(resamples)[:, None]
    return np.bincount((drawn + offsets).ravel(), minlength=resamples * pages).reshape(
        resamples, pages).astype(np.float64)


@pytest.mark.parametrize("cells", [1, 7, 150, 1_000_000])
@pytest.mark.parametrize("pages", [1, 3, 150, 151])
def test_weights_do_not_depend_on_the_block_size(monkeypatch: pytest.MonkeyPatch,
                                                 cells: int, pages: int) -> None:
    """Bit for bit: intervals of the gold set (150 pages) stay those of the baseline."""
    monkeypatch.setattr(stats, "_CHUNK_CELLS", cells)
    blocks = list(resample_weights(pages, resamples=101, seed=4))
    assert len(blocks) == -(-101 // max(1, cells // pages))
    assert (np.concatenate(blocks) == _one_matrix(pages, resamples=101, seed=4)).all()


def test_weights_are_those_of_eight_byte_draws_counted_by_bincount() -> None:
    """The 4-byte draws counted in place give the weights of the int64 draws and bincount
    they replaced (issue 12: one page-long temporary of 4 bytes a page instead of 16)."""
    (weights,) = resample_weights(100_003, resamples=3, seed=7)
    assert (weights == _one_matrix(100_003, resamples=3, seed=7)).all()


def test_comparisons_do_not_depend_on_the_block_size(monkeypatch: pytest.MonkeyPatch) -> None:
    a = np.random.default_rng(1).random(151)
    b = a - 0.05 + 0.2 * np.random.default_rng(2).random(151)
    whole = compare(list(a), list(b), resamples=300)
    monkeypatch.setattr(stats, "_CHUNK_CELLS", 500)
    assert compare(list(a), list(b), resamples=300) == whole


def test_bootstrap_mean_interval_covers_the_mean() -> None:
    values = np.linspace(0, 1, 101)
    samples = bootstrap(lambda w: (w @ values / 101)[:, None], 101, resamples=2000, seed=0)
    low, high = interval(samples, 0.95)
    assert low[0] < 0.5 < high[0]
    assert 0.08 < high[0] - low[0] < 0.15  # about 4 standard errors (0.029 each)


def test_compare_clear_win() -> None:
    a = [0.9, 0.8, 0.95, 0.85, 0.9, 0.88, 0.92, 0.91, 0.87, 0.93]
    b = [score - 0.1 for score in a]
    result = compare(a, b, resamples=999)
    assert result.delta == pytest.approx(0.1)
    assert result.low == pytest.approx(0.1) and result.high == pytest.approx(0.1)
    assert result.significant
    assert result.p_value == pytest.approx(2 / 1000, abs=0.004)  # only all-same-sign flips


def test_three_pages_cannot_be_called_a_win() -> None:
    """Every bootstrap resample of three positive differences is positive, but a sign-flip test
    on three pages cannot go below p = 2/8: the verdict follows the weaker of the two."""
    result = compare([0.9, 0.8, 0.7], [0.8, 0.7, 0.5], resamples=999)
    assert result.low > 0
    assert result.p_value == pytest.approx(0.25, abs=0.05)
    assert not result.significant


def test_compare_no_difference() -> None:
    a = [0.5, 0.7, 0.6, 0.4, 0.8, 0.55]
    b = [0.7, 0.5, 0.4, 0.6, 0.55, 0.8]
    result = compare(a, b, resamples=1000, seed=3)
    assert result.delta == pytest.approx(0.0, abs=1e-12)
    assert result.low < 0 < result.high
    assert not result.significant
    assert result.p_value == 1.0
    assert result.to_dict()["ci"] == [result.low, result.high]
    assert compare(a, b, resamples=1000, seed=3) == result


@pytest.mark.parametrize(("a", "b", "kwargs", "message"), [
    ([0.1], [0.1, 0.2], {}, "equally long"),
    ([], [], {}, "non-empty"),
    ([0.1], [0.2], {"resamples": 0}, "resamples must be at least 1, got 0"),
    ([0.1], [0.2], {"confidence": 1.5}, "confidence must be between 0 and 1, got 1.5"),
])
def test_bad_arguments_raise(a: list[float], b: list[float], kwargs: dict[str, float],
                             message: str) -> None:
    with pytest.raises(BenchError, match=message):
        compare(a, b, **kwargs)  # type: ignore[arg-type]
