"""The metric base class: corpus scoring in chunks (the same floats), the gold memory."""

from __future__ import annotations

import numpy as np
import pytest

from bench.scoring.metrics import METRICS, base, get_metric
from bench.scoring.metrics.base import GOLD_MEMORY, GoldMemory

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


def test_the_gold_memory_keeps_the_last_golds_used_and_forgets_the_oldest() -> None:
    made: list[str] = []
    memory = GoldMemory(lambda gold: made.append(gold) or gold.upper(), size=3)
    assert [memory(gold) for gold in "abcb"] == ["A", "B", "C", "B"] and made == list("abc")
    memory("a")  # used again: now the most recent, so "c" is the oldest
    memory("d")
    assert "c" not in memory and all(gold in memory for gold in "abd") and len(memory) == 3
    memory("c")
    assert made == [*"abc", "d", "c"]


@pytest.mark.parametrize("name", sorted(set(METRICS) - {"snippets"}))  # scores no gold text
def test_a_metric_remembers_gold_memory_golds_unless_asked_for_more(name: str) -> None:
    """Every memory a metric uses (tokens, AEB's index, structures) has the bound, and
    `remembering` raises it for a block only."""
    metric = get_metric(name)
    golds = [f"Gold number {n} of a run." for n in range(GOLD_MEMORY + 1)]
    for gold in golds:
        metric.page_stats(gold, "output")
    memories = [memory for memory in metric._memories if len(memory)]
    assert memories and all(len(memory) == GOLD_MEMORY for memory in memories)
    assert all(golds[0] not in memory and golds[1] in memory for memory in memories)
    with metric.remembering(GOLD_MEMORY * 2):
        for gold in golds:
            metric.page_stats(gold, "output")
        assert all(len(memory) == GOLD_MEMORY + 1 for memory in memories)
    assert all(memory.size == len(memory) == GOLD_MEMORY and golds[-1] in memory
               for memory in memories)
