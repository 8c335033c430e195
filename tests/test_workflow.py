"""examples/github-actions/gate.yml, run: its shell steps in order, as Actions runs them
(`bash -eo pipefail`, a failed step skips the later steps that are not `if: always()`), in a
maintainer's checkout with a committed baseline; an unchanged extractor passes, one made
worse fails the job, and the step summary, report and artifact files exist on every path.

Not run here: the `uses:` actions (checkout, setup-python, upload-artifact: their inputs are
checked instead), the install step (no network: boilerbench is already installed, the step is
checked to install from the repository), and the pull-request comment (no pull request)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT
from tests.test_commands_gate import GOOD, WORSE

WORKFLOW = ROOT / "examples" / "github-actions" / "gate.yml"


def _workflow() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def _steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _workflow()["jobs"]["gate"]["steps"]
    return steps


def _run_steps(checkout: Path, summary: Path) -> list[tuple[str, int | None]]:
    """(step name, exit status or None when skipped) for every shell step after install."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, **_workflow()["env"], "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": os.pathsep.join([str(checkout), str(ROOT)]),
           "BOILERBENCH_CACHE": str(checkout / "cache.sqlite")}
    failed, results = False, []
    for step in _steps():
        if "run" not in step or step["name"].startswith("Install"):
            continue
        condition = str(step.get("if", ""))
        if "pull_request" in condition or (failed and "always()" not in condition):
            results.append((step["name"], None))
            continue
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                               step["run"]], cwd=checkout, env=env, capture_output=True,
                              text=True, check=False)
        failed = failed or done.returncode != 0
        results.append((step["name"], done.returncode))
    return results


def _commit(checkout: Path, source: str) -> None:
    (checkout / "my_pkg").mkdir(exist_ok=True)
    (checkout / "my_pkg" / "__init__.py").write_text("", encoding="utf-8")
    (checkout / "my_pkg" / "extract.py").write_text(
        source.replace("def extract(", "def extract_text("), encoding="utf-8")


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A maintainer's repository with the baseline the workflow's comment says to commit."""
    folder = tmp_path_factory.mktemp("maintainer")
    _commit(folder, GOOD)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]),
           "BOILERBENCH_CACHE": str(folder / "cache.sqlite")}
    done = subprocess.run([str(Path(sys.executable).parent / "boilerbench"), "baseline",
                           "update", "--extractor", _workflow()["env"]["EXTRACTOR"],
                           "--baseline", _workflow()["env"]["BASELINE"], "--reports-dir",
                           "baseline-runs", "--no-progress", "--quiet"],
                          cwd=folder, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return folder


def _fresh(checkout: Path) -> None:
    for leftover in ("gate.md", "gate.err"):
        (checkout / leftover).unlink(missing_ok=True)
    subprocess.run(["rm", "-rf", str(checkout / "gate-runs")], check=True)


def test_the_workflow_installs_from_the_repository_and_uploads_the_run() -> None:
    install = next(step for step in _steps() if step.get("name", "").startswith("Install"))
    assert install["run"] == 'pip install "$BOILERBENCH" "$REGEX" -e .'
    assert "git+https://" in _workflow()["env"]["BOILERBENCH"]
    upload = next(step for step in _steps() if "upload-artifact" in step.get("uses", ""))
    assert upload["if"] == "always()"
    assert upload["with"]["path"].split() == ["gate-runs/", "gate.md"]
    comment = next(step for step in _steps() if step.get("name", "").startswith("Comment"))
    assert comment["continue-on-error"] is True
    assert "head.repo.full_name == github.repository" in comment["if"]
    assert "--edit-last" in comment["run"]


def test_an_unchanged_extractor_passes(checkout: Path, tmp_path: Path) -> None:
    _commit(checkout, GOOD)
    _fresh(checkout)
    summary = tmp_path / "summary.md"
    assert _run_steps(checkout, summary) == [("Gate against the committed baseline", 0),
                                             ("HTML report of the run", 0),
                                             ("Comment on the pull request", None)]
    assert summary.read_text(encoding="utf-8").startswith("## ✅ boilerbench gate passed")
    assert (checkout / "gate-runs" / "report.html").is_file()


def test_an_extractor_made_worse_fails_the_job_and_still_reports(checkout: Path,
                                                                  tmp_path: Path) -> None:
    _commit(checkout, WORSE)
    _fresh(checkout)
    summary = tmp_path / "summary.md"
    assert _run_steps(checkout, summary) == [("Gate against the committed baseline", 1),
                                             ("HTML report of the run", 0),
                                             ("Comment on the pull request", None)]
    assert summary.read_text(encoding="utf-8").startswith("## ❌ boilerbench gate FAILED")
    assert (checkout / "gate-runs" / "report.html").is_file()
    assert (checkout / "gate.md").read_text(encoding="utf-8").startswith("## ❌ ")


def test_a_stale_baseline_still_writes_the_step_summary(checkout: Path, tmp_path: Path) -> None:
    _commit(checkout, GOOD)
    _fresh(checkout)
    baseline = checkout / _workflow()["env"]["BASELINE"]
    original = baseline.read_text(encoding="utf-8")
    try:
        baseline.write_text(original.replace('"metric:token-f1|', '"metric:lcs|'),
                            encoding="utf-8")
        summary = tmp_path / "summary.md"
        assert _run_steps(checkout, summary)[0] == ("Gate against the committed baseline", 4)
        text = summary.read_text(encoding="utf-8")
        assert text.startswith("## ❌ boilerbench gate could not compare (exit 4)\n")
        assert "boilerbench compare OLD_RUN NEW_RUN" in text
    finally:
        baseline.write_text(original, encoding="utf-8")
