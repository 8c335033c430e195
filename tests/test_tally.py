"""The Tally: sorted once at the first read, ids, F1 and timings put aside, the same numbers
as the per-record computation it replaced (issue 12: the summary's memory)."""

from __future__ import annotations

import math
import random
import statistics

import numpy as np
import pytest

from bench.errors import BenchError
from bench.scoring import tally as tally_module
from bench.scoring.metrics.token_f1 import TokenF1
from bench.scoring.summary import common
from bench.scoring.tally import add_exact, tally


def _records(pages: int, seed: int) -> list[dict[str, object]]:
    draw = random.Random(seed)
    records: list[dict[str, object]] = []
    for number in range(pages):
        tp, fp, fn = draw.randint(0, 50), draw.randint(0, 20), draw.randint(0, 20)
        scored = draw.random() > 0.2
        records.append({
            "page": f"p{number}" + "é日" * (number % 3), "extractor": "e",
            "stats": (tp, fp, fn) if scored else None,
            "f1": draw.random() if scored and draw.random() > 0.1 else None,
            "duplication": (None if draw.random() < 0.3
                            else draw.random() * 10 ** draw.randint(-9, 3)),
            "seconds": round(draw.random() / 50, 6)})
    draw.shuffle(records)
    return records


def test_exact_partials_give_fsum_and_fmean_of_every_value() -> None:
    draw = random.Random(3)
    for size in (1, 2, 10, 1000):
        values = [draw.random() * 10 ** draw.randint(-20, 20) for _ in range(size)]
        values += [1e16, 1.0, -1e16] if size > 2 else []  # cancellation that plain sums lose
        partials: list[float] = []
        for value in values:
            add_exact(partials, value)
        assert math.fsum(partials) == math.fsum(values)
        assert math.fsum(partials) / len(values) == statistics.fmean(values)


@pytest.mark.parametrize("rows", [1, 3, 1 << 16])
@pytest.mark.parametrize("spool", [1, 1 << 20])
def test_chunks_and_spooling_change_no_number(monkeypatch: pytest.MonkeyPatch, rows: int,
                                              spool: int) -> None:
    """Whatever the chunk or the spool size, the same pages in the same order, the same F1,
    the mean duplication `statistics.fmean` gives and the median `statistics.median` gives."""
    monkeypatch.setattr(tally_module, "_ROWS", rows)
    monkeypatch.setattr(tally_module, "_SPOOL_BYTES", spool)
    records = _records(301, seed=rows)
    counted = tally(records)  # type: ignore[arg-type]
    by_id = sorted(records, key=lambda record: str(record["page"]))
    stats = [record["stats"] for record in by_id if record["stats"] is not None]
    assert counted.page_stats().tolist() == [list(row) for row in stats]  # type: ignore[arg-type]
    ids, f1 = counted.page_f1()
    assert [page.decode() for page in ids] == [record["page"] for record in by_id
                                               if record["f1"] is not None]
    assert f1.tolist() == [record["f1"] for record in by_id if record["f1"] is not None]
    duplication = [record["duplication"] for record in records
                   if record["duplication"] is not None]
    assert counted.scores(TokenF1())["duplication"] == statistics.fmean(duplication)  # type: ignore[arg-type]
    assert counted.median_seconds() == statistics.median(
        record["seconds"] for record in records)  # type: ignore[type-var]
    assert len(counted) == 301


def test_the_statistics_are_read_in_place_and_a_read_tally_takes_no_more_records() -> None:
    counted = tally(_records(5, seed=1))  # type: ignore[arg-type]
    rows = counted.page_stats()
    assert not rows.flags.writeable and not rows.flags.owndata
    assert np.shares_memory(rows, counted.page_stats())
    with pytest.raises(BenchError, match="before it is read"):
        counted.add(_records(1, seed=2)[0])  # type: ignore[arg-type]


def test_an_empty_tally_has_no_scores_and_no_median() -> None:
    counted = tally([])
    assert counted.page_stats().shape == (0, 1) and counted.median_seconds() is None
    assert counted.page_f1()[0].tolist() == [] and len(counted) == 0
    assert counted.scores(TokenF1())["duplication"] is None


def test_common_ids_are_those_intersect1d_finds() -> None:
    """Sorted unique ids of two widths: the same indices as `np.intersect1d`."""
    a = np.array(sorted({b"a", b"ab", b"b", b"bc", b"z", "日".encode()}), dtype="S3")
    b = np.array(sorted({b"", b"ab", b"b", b"ba", b"z", b"zz"}), dtype="S2")
    _, in_a, in_b = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    found_a, found_b = common(a, b)
    assert found_a.tolist() == in_a.tolist() == [1, 2, 4]
    assert found_b.tolist() == in_b.tolist()
    assert [len(found) for found in common(a, b[:0])] == [0, 0]
