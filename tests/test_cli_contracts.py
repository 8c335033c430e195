"""What every command promises: --json is one JSON document on stdout and nothing else,
--quiet prints nothing, the exit codes of README.md, --resume keeps to run.json, damaged run
files are one-line data errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.errors import ExitCode
from tests.helpers import REFERENCE_ID, run_cli

RUN = ("--no-progress", "-e", "fulltext", "--page", REFERENCE_ID)


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reports = tmp_path_factory.mktemp("reports")
    code, out = run_cli("run", "--reports-dir", str(reports), *RUN, "--quiet")
    assert (code, out) == (0, "")
    (run_dir,) = reports.iterdir()
    return run_dir


def test_exit_codes_are_distinct() -> None:
    assert [int(code) for code in ExitCode] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("argv", [
    ["list", "--json"],
    ["validate", "--json"],
    ["score", "gold/README.md", "gold/README.md", "--json"],
])
def test_json_is_one_document_and_nothing_else(argv: list[str]) -> None:
    code, out = run_cli(*argv)
    assert code == 0
    document = json.loads(out)
    assert isinstance(document, dict)


def test_list_and_validate_json_shapes() -> None:
    extractors = json.loads(run_cli("list", "--json")[1])["extractors"]
    fulltext = next(entry for entry in extractors if entry["name"] == "fulltext")
    assert fulltext["installed"] is True and fulltext["version"]
    report = json.loads(run_cli("validate", "--json")[1])
    assert report["problems"] == [] and report["checked"] > 0 and report["exit_status"] == 0
    assert json.loads(run_cli("score", "gold/README.md", "gold/README.md", "--json")[1])[
        "f1"] == 1.0


def test_run_json_is_the_summary_alone(tmp_path: Path) -> None:
    code, out = run_cli("run", "--reports-dir", str(tmp_path), *RUN, "--json")
    assert code == 0
    summary = json.loads(out)
    assert [row["name"] for row in summary["extractors"]] == ["fulltext"]


def test_run_json_is_not_wrapped_at_80_columns(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    argv = [str(Path(sys.executable).parent / "boilerbench"), "run", "--reports-dir",
            str(tmp_path), *RUN, "--json"]
    done = subprocess.run(argv, capture_output=True, text=True, check=False,
                          env=os.environ | {"COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["signature"].startswith("metric:token-f1|")


def test_max_failures_exits_1_and_says_why(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli("run", "--reports-dir", str(tmp_path), "--no-progress", "-e",
                        "tests.test_workers:RAISE", "--page", REFERENCE_ID, "--max-failures",
                        "0")
    assert code == 1
    assert "results: " in out  # the run is still written and shown
    assert capsys.readouterr().err == (
        "boilerbench: raise: 1 of 1 page(s) failed, more than --max-failures 0\n")
    code, _ = run_cli("run", "--reports-dir", str(tmp_path), "--no-progress", "-e",
                      "tests.test_workers:RAISE", "--page", REFERENCE_ID, "--max-failures",
                      "100%")
    assert code == 0


def test_resume_takes_extractors_and_filters_from_run_json(finished: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    code, out = run_cli("run", "--resume", str(finished), "--no-progress", "--json")
    assert code == 0
    summary = json.loads(out)
    assert [row["name"] for row in summary["extractors"]] == ["fulltext"]
    assert summary["dataset"]["pages"] == 1
    manifest = json.loads((finished / "run.json").read_text(encoding="utf-8"))
    assert manifest["options"]["pages"] == [REFERENCE_ID]
    assert manifest["extractors"] == ["fulltext"]
    for option in (["--page", "en-*"], ["-e", "trafilatura"], ["--lang", "en"]):
        code, _ = run_cli("run", "--resume", str(finished), "--no-progress", *option)
        assert code == 2
        assert "contradicts the run, which recorded" in capsys.readouterr().err


def test_a_run_json_without_options_is_not_resumed(tmp_path: Path, finished: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    old = tmp_path / "old"
    shutil.copytree(finished, old)
    manifest = json.loads((old / "run.json").read_text(encoding="utf-8"))
    del manifest["options"]
    (old / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert run_cli("run", "--resume", str(old), "--no-progress")[0] == 2
    assert "records no options (a run of an older boilerbench)" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "damage", "message"), [
    ("summary.json", lambda text: text[:len(text) // 2], "summary.json: not valid JSON: "),
    ("summary.json", lambda text: text.replace('"f1"', '"f_1"'),
     "summary.json: field 'extractors[0].f1': missing (damaged, or written by another "
     "version)"),
    ("pages.jsonl", lambda text: text.replace('"page"', '"pgae"', 1) + "\n",
     "pages.jsonl:1: field 'page': missing (damaged, or written by another version)"),
    ("pages.jsonl", lambda text: "{not json\n" + text, "pages.jsonl:1: not valid JSON"),
])
@pytest.mark.parametrize("command", ["report", "gate", "compare", "show"])
def test_a_damaged_run_file_is_a_one_line_data_error(
        tmp_path: Path, finished: Path, name: str, damage: object, message: str,
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    damaged = tmp_path / "damaged"
    shutil.copytree(finished, damaged)
    path = damaged / name
    assert callable(damage)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    argv = {"report": ["report", str(damaged)],
            "gate": ["gate", "--run", str(damaged), "--baseline", "reports/baseline.json"],
            "compare": ["compare", str(finished), str(damaged)],
            "show": ["show", REFERENCE_ID, "-e", "fulltext", "--run", str(damaged)]}[command]
    code, _ = run_cli(*argv)
    err = capsys.readouterr().err
    assert code == ExitCode.DATA, err
    assert err.startswith(f"boilerbench: error: {path}") and message in err
    assert err.count("\n") == 1
