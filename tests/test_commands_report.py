"""`report` and `show` from the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from bench.cli import main
from bench.gold.format import load_gold
from tests.helpers import REFERENCE_ID, answering, run_cli, write_run


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    (page,) = dataset.pages
    caption = next(s for s in page.boilerplate if s.category == "caption-duplicate")
    rest = (page.body or "").partition("\n\n")[2]
    write_run(tmp_path / "20260101-000000-000000", dataset, [answering(dataset, "gold")])
    write_run(tmp_path / "20260102-000000-000000", dataset, [
        answering(dataset, "gold"),
        answering(dataset, "lossy", lambda _page: f"{caption.text}\n{rest}")])
    return tmp_path


def test_report_writes_each_format(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = reports / "20260102-000000-000000"
    code, out = run_cli("report", str(run))
    assert code == 0 and out == f"wrote {run / 'report.html'}\n"
    assert (run / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, out = run_cli("report", str(run), "--format", "csv", "--out", str(reports / "r.csv"))
    assert code == 0
    assert (reports / "r.csv").read_text(encoding="utf-8").startswith("page,extractor,")
    assert run_cli("report", str(run), "--format", "json", "--out", "-")[0] == 0
    assert json.loads(capsys.readouterr().out)["run"]["run_id"] == run.name
    assert run_cli("report", str(run), "--format", "md", "--out", "-")[0] == 0
    assert capsys.readouterr().out.startswith("# boilerbench token-f1 on gold-1p-")


def test_report_of_an_unfinished_run_is_a_usage_error(reports: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    run = reports / "20260102-000000-000000"
    (run / "summary.json").unlink()
    assert run_cli("report", str(run))[0] == 2
    assert "the run did not finish" in capsys.readouterr().err


def test_show_prints_the_diff_of_the_newest_run(reports: Path) -> None:
    code, out = run_cli("show", REFERENCE_ID, "-e", "lossy", "--reports-dir", str(reports))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{REFERENCE_ID} · lossy 0.1.0 · {reports / '20260102-000000-000000'}"
    assert lines[1].startswith("P ") and "  F1 " in lines[1]
    assert lines[1].endswith("leaked: caption-duplicate 1/1")
    # Not a terminal: the diff is marked in the text, so `show ... | less` keeps it.
    assert lines[2] == ("legend: [-missing from the output-], {+extra in the output+}, "
                        "{+[category] leaked boilerplate+}")
    # The caption is in the gold too; only its credit line is extra, labeled as the leak.
    assert "-]{+[caption-duplicate] ছবি : সংগৃহীত\n+}" in out
    assert "[-" in out and "-]" in out  # the paragraph the output lost
    code, coloured = run_cli("show", REFERENCE_ID, "-e", "lossy", "--reports-dir", str(reports),
                             "--color", "always")
    assert code == 0 and "\x1b[9;31m" in coloured and "[-" not in coloured


def test_show_styles_come_from_the_diff_never_from_page_text(reports: Path) -> None:
    buffer = io.StringIO()
    code = main(["show", REFERENCE_ID, "-e", "lossy", "--reports-dir", str(reports)],
                console=Console(file=buffer, width=200, force_terminal=True,
                                color_system="standard"))
    assert code == 0
    text = buffer.getvalue()
    assert "\x1b[9;31m" in text  # missing: struck through, red
    assert "\x1b[1;30;43m[caption-duplicate] " in text  # the leak label
    buffer = io.StringIO()
    main(["show", REFERENCE_ID, "-e", "lossy", "--reports-dir", str(reports), "--color",
          "never"], console=Console(file=buffer, width=200, force_terminal=True,
                                    color_system="standard"))
    assert "\x1b[9;31m" not in buffer.getvalue() and "{+[caption-duplicate] " in (
        buffer.getvalue())


@pytest.mark.parametrize(("argv", "message"), [
    (["show", "no-such-page", "-e", "gold"], "no page 'no-such-page' among its 1 pages"),
    (["show", REFERENCE_ID, "-e", "gld"], "unknown extractor of this run 'gld'; did you mean "
                                          "'gold'?"),
])
def test_show_errors(reports: Path, argv: list[str], message: str,
                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(*argv, "--reports-dir", str(reports))[0] == 2
    assert message in capsys.readouterr().err


def test_a_run_given_a_relative_dataset_path_reports_from_anywhere(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).parent)
    code, _ = run_cli("run", "--dataset", "wcxb:fixtures/wcxb", "-e", "fulltext",
                      "--no-progress", "--reports-dir", str(tmp_path / "reports"))
    assert code == 0
    (run,) = (tmp_path / "reports").iterdir()
    manifest = json.loads((run / "run.json").read_text(encoding="utf-8"))
    assert manifest["dataset_spec"] == f"wcxb:{Path(__file__).parent / 'fixtures' / 'wcxb'}"
    monkeypatch.chdir(tmp_path)
    code, out = run_cli("report", str(run))
    assert code == 0 and out == f"wrote {run / 'report.html'}\n"
