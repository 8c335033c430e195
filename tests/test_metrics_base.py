"""The metric base class's corpus scoring: per-page scores in chunks, the same floats."""

from __future__ import annotations

import numpy as np
import pytest

from bench.scoring.metrics import METRICS, base, get_metric

WIDTHS = {"token-f1": 3, "lcs": 3, "aeb": 4, "snippets": 4, "wcxb": 7, "structure": 18}


@pytest.mark.parametrize("name", sorted(METRICS))
def test_chunked_scores_are_scores_of_all_pages_at_once(monkeypatch: pytest.MonkeyPatch,
                                                         name: str) -> None:
    """Bit for bit, with a last chunk of one page and of several, zeros included (perfect
    and empty pages)."""
    metric = get_metric(name)
    stats = np.random.default_rng(0).integers(0, 4, size=(301, WIDTHS[name])).astype(float)
    whole = metric._scores(stats)
    for rows in (1, 3, 300, 1 << 16):
        monkeypatch.setattr(base, "SCORE_ROWS", rows)
        chunked = metric.chunked_scores(stats)
        assert chunked.shape == whole.shape and chunked.tobytes() == whole.tobytes()
    corpus = metric.corpus_score(stats, resamples=50)
    monkeypatch.setattr(base, "SCORE_ROWS", 7)
    assert metric.corpus_score(stats, resamples=50) == corpus
