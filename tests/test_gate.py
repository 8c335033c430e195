"""The gate's logic: tolerances, baselines from runs, and the three checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.errors import BenchError, StaleBaseline
from bench.gate import (
    EXACT,
    Checks,
    Tolerance,
    baseline_of,
    check_baseline,
    gate,
)
from bench.gold.format import CATEGORIES, load_gold
from bench.run.finished import Run
from bench.scoring.signature import Signature
from tests.helpers import GATE_DEFAULT as DEFAULT
from tests.helpers import GATE_SIGNATURE as SIGNATURE
from tests.helpers import ROOT, answering, compared, pages, side, write_run


@pytest.mark.parametrize(("text", "amount", "relative", "shown"), [
    ("0.01", 0.01, False, "0.01"), ("0", 0.0, False, "0"), (" 5% ", 0.05, True, "5%"),
    ("100%", 1.0, True, "100%"), ("1", 1.0, False, "1")])
def test_tolerances_parse_absolute_or_relative(text: str, amount: float, relative: bool,
                                               shown: str) -> None:
    tolerance = Tolerance.parse(text, option="--tolerance")
    assert (tolerance.amount, tolerance.relative, str(tolerance)) == (amount, relative, shown)


def test_a_relative_tolerance_scales_with_the_baseline() -> None:
    assert Tolerance.parse("5%", option="-t").limit(0.8) == pytest.approx(0.04)
    assert Tolerance.parse("0.05", option="-t").limit(0.2) == 0.05


@pytest.mark.parametrize(("text", "message"), [
    ("5", "--page-tolerance '5': expected a number from 0 to 1 (or a share of the baseline "
          "such as 5%)"),
    ("-0.1", "--page-tolerance '-0.1': expected a number from 0 to 1 (or a share"),
    ("abc", "--page-tolerance 'abc': expected a number"),
    ("nan", "--page-tolerance 'nan': expected a number"),
    ("", "--page-tolerance '': expected a number"),
    ("150%", "--page-tolerance '150%': expected a number from 0 to 100"),
    ("mean:5%", "--page-tolerance 'mean:5%': expected a number from 0 to 100")])
def test_bad_tolerances_raise_quoting_the_value(text: str, message: str) -> None:
    with pytest.raises(BenchError) as error:
        Checks.parse(corpus="0.01", page=text, leak="0")
    assert str(error.value).startswith(message)


def test_a_real_corpus_drop_fails() -> None:
    result = compared(side(pages([0.9] * 15 + [0.8] * 15)),
                      side(pages([0.85] * 15 + [0.75] * 15)))
    (change,) = result.extractors
    assert change.verdict == "worse"
    assert change.delta == pytest.approx(-0.05)
    assert change.comparison is not None and change.comparison.significant
    assert change.comparison.pages == 30
    assert result.failures == ["x: corpus F1 0.850 → 0.800"]
    assert not result.passed
    # No single page fell by more than 0.05.
    assert {page.verdict for page in result.pages} == {"same"}


def test_one_page_collapsing_fails_the_page_check_not_the_corpus_one() -> None:
    result = compared(side(pages([0.9] * 30)), side(pages([0.9] * 29 + [0.0])))
    (change,) = result.extractors
    assert change.delta == pytest.approx(-0.03)
    # Beyond the tolerance, but one page of thirty: the paired test cannot call it real.
    assert change.verdict == "noise"
    assert change.comparison is not None and not change.comparison.significant
    assert result.failures == ["x: page p29 F1 0.900 → 0.000"]


def test_small_moves_within_tolerances_pass() -> None:
    result = compared(side(pages([0.9] * 30)), side(pages([0.9] * 28 + [0.86, 0.95])))
    assert result.passed
    assert [(page.page, page.verdict) for page in result.pages] == [("p28", "same"),
                                                                    ("p29", "same")]
    assert result.extractors[0].verdict == "same"


def test_improvements_are_reported_and_pass() -> None:
    result = compared(side(pages([0.7] * 30)), side(pages([0.9] * 30)))
    assert result.passed
    assert result.extractors[0].verdict == "better"
    assert {page.verdict for page in result.pages} == {"better"}


def test_a_leak_rate_rise_fails_at_zero_tolerance() -> None:
    before = side(pages([0.9] * 30), leaks={"navigation": (0, 4), "footer": (2, 4)})
    after = side(pages([0.9] * 30), leaks={"navigation": (1, 4), "footer": (1, 4)})
    result = compared(before, after)
    assert [(leak.category, leak.verdict) for leak in result.leaks] == [("footer", "better"),
                                                                        ("navigation", "worse")]
    assert result.failures == ["x: navigation leaks 0/4 → 1/4"]
    loose = Checks.parse(corpus="0.01", page="0.05", leak="0.25")
    assert compared(before, after, loose).passed


def test_repeats_body_leaks_follow_the_body_and_are_not_gated() -> None:
    before = side(pages([0.9] * 30), leaks={"repeats-body": (3, 4), "footer": (0, 4)})
    after = side(pages([0.9] * 30), leaks={"repeats-body": (4, 4), "footer": (0, 4)})
    result = compared(before, after)
    assert result.leaks == ()
    assert result.failures == []


def test_signatures_must_measure_the_same_thing() -> None:
    other = SIGNATURE.replace("tok:unicode-regex2026.11.19", "tok:re-word")
    with pytest.raises(BenchError) as error:
        compared(side(pages([0.9])), side(pages([0.9]), signature=other))
    assert isinstance(error.value, StaleBaseline)
    assert str(error.value).startswith(
        f"base.json has signature {SIGNATURE} but run has {other}: they differ in tokenizer, "
        "so their scores are not comparable. Updating the baseline now would hide any "
        "regression: run the old commit and this one with the same options and "
        "`boilerbench compare OLD_RUN NEW_RUN`")
    newer = SIGNATURE.replace("bb:0.1.0", "bb:0.2.0")
    result = compared(side(pages([0.9])), side(pages([0.9]), signature=newer))
    assert result.notes == ("boilerbench 0.1.0 made base.json, 0.2.0 run",)


def test_a_baseline_extractor_missing_from_the_run_fails_unless_allowed() -> None:
    before = side(pages([0.9] * 3), name="a")
    before["extractors"]["b"] = before["extractors"]["a"]
    after = side(pages([0.9] * 3), name="a")
    after["extractors"]["c"] = after["extractors"]["a"]
    result = gate(before, after, checks=DEFAULT, before_name="base.json", after_name="run",
                  reasons={"b": "extractor 'b' is not installed"})
    assert result.notes == ("c: not in base.json, nothing to compare",)
    assert [(gone.name, gone.reason) for gone in result.missing] == [
        ("b", "extractor 'b' is not installed")]
    assert result.failures == ["b: in base.json but not scored in run: extractor 'b' is not "
                               "installed"]
    assert not result.passed
    allowed = gate(before, after, checks=DEFAULT, before_name="base.json", after_name="run",
                   allow_missing=True)
    assert allowed.passed
    assert allowed.notes[-1] == ("b: not scored in run (run did not run it), allowed by "
                                 "--allow-missing")
    nothing = compared(before, {**after, "extractors": {"c": after["extractors"]["c"]}})
    assert [gone.name for gone in nothing.missing] == ["a", "b"] and not nothing.passed
    with pytest.raises(BenchError, match=r"no extractor of run \(c\) is in base.json \(a, b\)"):
        gate(before, {**after, "extractors": {"c": after["extractors"]["c"]}}, checks=DEFAULT,
             before_name="base.json", after_name="run", allow_missing=True)


def test_an_extractor_that_failed_on_every_page_is_missing_with_its_reason() -> None:
    result = gate(side(pages([0.9] * 3)), side(pages([0.0] * 3), failures=3), checks=DEFAULT,
                  before_name="base.json", after_name="run",
                  reasons={"x": "FileNotFoundError: nonexistent-prog"})
    assert result.extractors == () and not result.passed
    assert result.failures == ["x: in base.json but not scored in run: every page failed (3): "
                               "FileNotFoundError: nonexistent-prog"]


def test_recall_is_checked_when_asked() -> None:
    before = side(pages([0.9] * 30))
    after = side(pages([0.9] * 30), recall=pages([0.8] * 30))
    assert compared(before, after).passed
    result = compared(before, after, Checks.parse(corpus="0.01", page="0.05", leak="0",
                                                  scores="f1,recall"))
    assert [(change.score, change.verdict) for change in result.extractors] == [
        ("recall", "worse"), ("f1", "same")]
    assert result.failures == ["x: corpus recall 0.900 → 0.800"]
    with pytest.raises(BenchError, match=r"^--check 'f1,accuracy': expected a comma-sep"):
        Checks.parse(corpus="0", page="0", leak="0", scores="f1,accuracy")


def test_a_move_whose_interval_excludes_zero_but_is_not_significant_is_inconclusive() -> None:
    # Three pages that all drop: the bootstrap interval excludes 0, the permutation test
    # cannot reach p < 0.05 on three pages.
    result = compared(side(pages([0.9] * 3)), side(pages([0.8] * 3)),
                      Checks.parse(corpus="0.01", page="0.5", leak="0"))
    (change,) = result.extractors
    assert change.comparison is not None and change.comparison.high < 0
    assert change.comparison.p_value >= 0.05
    assert change.verdict == "inconclusive"


def test_pages_missing_or_no_longer_scored_are_notes() -> None:
    before = side(pages([0.9, 0.8, 0.7, 0.6]))
    after_pages: dict[str, Any] = {"p00": 0.9, "p01": None, "p02": 0.7}
    after = side({"p00": 0.9, "p02": 0.7})
    after["extractors"]["x"]["pages"] = after_pages
    assert compared(before, after).notes == (
        "x: 1 page(s) of base.json missing from run, e.g. p03",
        "x: 1 page(s) scored in base.json are not scored in run, e.g. p01")


def test_exact_checks_count_every_change() -> None:
    result = compared(side(pages([0.9] * 3)), side(pages([0.9, 0.9, 0.89])), EXACT)
    assert [page.verdict for page in result.pages] == ["worse"]


def test_baseline_of_a_run(tmp_path: Path) -> None:
    dataset = load_gold().select(page_ids=["en-*"])
    first = dataset.pages[0].id

    def lossy(page: Any) -> str:
        return "" if page.id == first else page.body

    run = Run.load(write_run(tmp_path / "run", dataset, [
        answering(dataset, "gold"), answering(dataset, "lossy", lossy)]))
    baseline = baseline_of(run)
    check_baseline(baseline, "here")
    assert baseline["signature"] == run.signature
    assert baseline["dataset"]["label"] == dataset.label
    gold, lossy_side = baseline["extractors"]["gold"], baseline["extractors"]["lossy"]
    assert set(gold["pages"]) == {page.id for page in dataset}
    assert set(gold["pages"].values()) == {1.0}
    assert lossy_side["pages"][first] == 0.0
    assert lossy_side["f1"] == pytest.approx((len(dataset) - 1) / len(dataset))
    (row, _lossy_row) = run.summary["extractors"]
    assert gold["leaks"] == {category: {
        "leaked_pages": counts["leaked_pages"], "pages": counts["pages"],
        "rate": counts["leaked_pages"] / counts["pages"],
        "leaked_snippets": counts["leaked_snippets"], "snippets": counts["snippets"]}
        for category, counts in row["leaks"].items()}
    assert lossy_side["page_recall"][first] == 0.0
    assert set(gold["leaks"]) <= set(CATEGORIES)
    json.dumps(baseline)  # plain JSON


def test_check_baseline_names_the_file_and_field() -> None:
    with pytest.raises(StaleBaseline, match=r"^b.json: field 'schema': expected 2, got 1 "):
        check_baseline({"schema": 1}, "b.json")
    dataset = {"name": "gold", "label": "gold-1p-abc", "pages": 1, "sha256": "abc"}
    header = {"schema": 2, "run_id": "r", "signature": "s", "metric": "token-f1",
              "dataset": dataset}
    with pytest.raises(BenchError, match=r"^b.json: field 'extractors': missing \(damaged"):
        check_baseline(header, "b.json")
    broken = {**header, "extractors": {"x": {"version": "1", "precision": 1, "recall": 1,
                                             "f1": "0.9", "ci": None, "failures": 0,
                                             "pages": {}, "page_precision": {},
                                             "page_recall": {}, "leaks": {}}}}
    with pytest.raises(BenchError, match=r"^b.json: field 'extractors.x.f1': must be a number, "
                                         r"got a string"):
        check_baseline(broken, "b.json")


def test_the_committed_baseline_has_the_schema_and_signature_shape() -> None:
    """Only its shape: the gold set grows, and the baseline is regenerated after merges."""
    path = ROOT / "reports" / "baseline.json"
    baseline = json.loads(path.read_text(encoding="utf-8"))
    check_baseline(baseline, str(path))
    signature = Signature.parse(baseline["signature"])
    assert signature.metric == "token-f1" and signature.tokenizer.startswith("unicode-regex")
    assert signature.dataset == baseline["dataset"]["label"]
    assert signature.dataset.startswith("gold-")
    assert {"trafilatura", "trafilatura-precision", "trafilatura-recall",
            "trafilatura-no-comments", "readability", "fulltext"} <= set(baseline["extractors"])
    for entry in baseline["extractors"].values():
        assert 0 <= entry["f1"] <= 1
        assert len(entry["pages"]) == baseline["dataset"]["pages"]
        assert all(f1 is None or 0 <= f1 <= 1 for f1 in entry["pages"].values())
        for category, leak in entry["leaks"].items():
            assert category in CATEGORIES
            assert 0 <= leak["leaked_pages"] <= leak["pages"]
            assert 0 <= leak["leaked_snippets"] <= leak["snippets"]
            assert leak["rate"] == leak["leaked_pages"] / leak["pages"]


def test_the_committed_baseline_is_of_the_bundled_gold_set() -> None:
    """The gate compares with this file: after any gold change it must be regenerated
    (`boilerbench baseline update -e ...`, see docs/gate.md), or every gate run refuses it."""
    from bench.gold.format import load_gold

    baseline = json.loads((ROOT / "reports" / "baseline.json").read_text(encoding="utf-8"))
    assert baseline["dataset"]["label"] == load_gold().label
