"""The gate fails closed and says why: a baseline extractor missing from the run, broken on
every page, or not installed; loud failures; the JSON verdict; `baseline update` refusing a
run with failed pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.data.page import Page
from bench.gold.format import load_gold
from tests.helpers import answering, run_cli, write_run


def _broken(_page: Page) -> str:
    raise RuntimeError("the model file is gone")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dataset = load_gold().select(page_ids=["en-*"])
    root = tmp_path_factory.mktemp("closed")
    base = write_run(root / "base", dataset, [answering(dataset, "mine"),
                                              answering(dataset, "steady")])
    alone = write_run(root / "alone", dataset, [answering(dataset, "steady")])
    broken = write_run(root / "broken", dataset, [answering(dataset, "mine", _broken),
                                                  answering(dataset, "steady")])
    baseline = root / "baseline.json"
    assert run_cli("baseline", "update", "--run", str(base), "--baseline", str(baseline))[0] == 0
    return {"base": base, "alone": alone, "broken": broken, "baseline": baseline}


def test_a_baseline_extractor_missing_from_the_run_fails_the_gate(
        runs: dict[str, Path]) -> None:
    code, out = run_cli("gate", "--run", str(runs["alone"]), "--baseline", str(runs["baseline"]))
    assert code == 1
    assert (f"mine: in {runs['baseline']} but not scored in {runs['alone']}: the run did not "
            "include it (its extractors: steady)\n") in out
    assert out.splitlines()[-1].startswith("gate FAILED: 1 extractor(s), 1 missing: 0 worse")
    code, out = run_cli("gate", "--run", str(runs["alone"]), "--baseline", str(runs["baseline"]),
                        "--allow-missing")
    assert code == 0
    assert f"mine: not scored in {runs['alone']} (the run did not include it" in out


def test_an_extractor_failing_on_every_page_fails_with_its_first_reason(
        runs: dict[str, Path]) -> None:
    code, out = run_cli("gate", "--run", str(runs["broken"]), "--baseline",
                        str(runs["baseline"]))
    assert code == 1
    pages = len(load_gold().select(page_ids=["en-*"]))
    assert (f"mine: in {runs['baseline']} but not scored in {runs['broken']}: every page "
            f"failed ({pages}): RuntimeError: the model file is gone") in out


def test_the_gate_runs_the_baseline_extractors_and_names_those_that_do_not_load(
        runs: dict[str, Path], tmp_path: Path) -> None:
    code, out = run_cli("gate", "--baseline", str(runs["baseline"]), "--reports-dir",
                        str(tmp_path), "--no-progress")
    assert code == 1
    assert "mine: in " in out and "unknown extractor 'mine'" in out
    assert "steady: in " in out and "unknown extractor 'steady'" in out
    assert not list(tmp_path.iterdir())  # nothing loaded, so nothing ran


def test_gate_with_run_gates_only_the_extractors_named(runs: dict[str, Path]) -> None:
    code, out = run_cli("gate", "--run", str(runs["alone"]), "--baseline", str(runs["baseline"]),
                        "-e", "steady")
    assert code == 0, out
    assert out.splitlines()[-1].startswith("gate passed: 1 extractor(s): 0 worse")


def test_the_json_verdict_is_the_only_output(runs: dict[str, Path]) -> None:
    code, out = run_cli("gate", "--run", str(runs["broken"]), "--baseline",
                        str(runs["baseline"]), "--json")
    assert code == 1
    verdict = json.loads(out)  # one document, nothing else
    assert (verdict["command"], verdict["passed"], verdict["exit_status"]) == ("gate", False, 1)
    present = [check for check in verdict["checks"] if check["check"] == "present"]
    assert present == [{"check": "present", "extractor": "mine", "verdict": "missing",
                        "passed": False, "reason": present[0]["reason"]}]
    assert present[0]["reason"].startswith("every page failed (")
    (corpus,) = [check for check in verdict["checks"] if check["check"] == "corpus"]
    assert (corpus["extractor"], corpus["score"], corpus["verdict"]) == ("steady", "f1", "same")
    assert corpus["before"] == corpus["after"] == 1.0 and corpus["test"]["p_value"] == 1.0
    assert verdict["failures"][0].startswith("mine: in ")
    code, out = run_cli("gate", "--run", str(runs["base"]), "--baseline", str(runs["baseline"]),
                        "--quiet")
    assert (code, out) == (0, "")


def test_compare_json(runs: dict[str, Path]) -> None:
    code, out = run_cli("compare", str(runs["base"]), str(runs["alone"]), "--json")
    assert code == 0
    document = json.loads(out)
    assert document["command"] == "compare" and document["exit_status"] == 0
    assert document["notes"][-1].startswith("mine: not scored in ")


def test_baseline_update_refuses_failed_pages_unless_told(runs: dict[str, Path],
                                                          tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    target = tmp_path / "b.json"
    code, _ = run_cli("baseline", "update", "--run", str(runs["broken"]), "--baseline",
                      str(target))
    assert code == 2 and not target.exists()
    pages = len(load_gold().select(page_ids=["en-*"]))
    err = capsys.readouterr().err
    assert err.startswith(f"boilerbench: error: {runs['broken']}: pages failed (mine: {pages} "
                          "(first: RuntimeError: the model file is gone (at ")
    assert err.endswith("fix them, or write the baseline anyway with --allow-failures\n")
    assert err.count("\n") == 1
    code, _ = run_cli("baseline", "update", "--run", str(runs["broken"]), "--baseline",
                      str(target), "--allow-failures", "-e", "steady")
    assert code == 0
    assert list(json.loads(target.read_text(encoding="utf-8"))["extractors"]) == ["steady"]


def test_baseline_update_writes_where_baseline_says_not_reports_dir(
        runs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run_cli("baseline", "update", "--run", str(runs["base"]), "--reports-dir",
                      str(tmp_path))
    assert code == 2
    assert capsys.readouterr().err == (f"boilerbench: error: --reports-dir does not apply "
                                       f"with --run {runs['base']}: the run was made with the "
                                       "options in its run.json\n")
