"""`baseline update`, `gate` and `compare` end to end, with an extractor made worse on purpose.

Runs on the whole bundled gold set come from the real runner and summary: `mine` answers with
the gold body (the baseline), then with a damaged copy (the regression): the second half of the
text dropped on every third page, and a labeled boilerplate snippet added to one page.
`steady` answers with the gold both times.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.data.page import Dataset, Page
from bench.gold.format import load_gold
from tests.helpers import REFERENCE_ID, answering, run_cli, write_run


def _damaged(dataset: Dataset) -> tuple[set[str], str, str]:
    """Which pages lose paragraphs, and the page and category of the added leak."""
    cut = {page.id for number, page in enumerate(dataset) if number % 3 == 0}
    leaky = next(page for page in dataset if page.id not in cut and any(
        len(snippet.text.split()) >= 4 for snippet in page.boilerplate))
    return cut, leaky.id, next(snippet.category for snippet in leaky.boilerplate
                               if len(snippet.text.split()) >= 4)


def _rows(out: str, title: str) -> list[list[str]]:
    """The cells of each row of the rich table whose title starts with `title`."""
    lines = out.splitlines()
    start = next(number for number, line in enumerate(lines) if line.strip().startswith(title))
    rows = []
    for line in lines[start:]:
        if line.startswith("└"):
            break
        if line.startswith("│"):
            rows.append([cell.strip() for cell in line.strip("│").split("│")])
    return rows


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dataset = load_gold()
    cut, leaky, category = _damaged(dataset)

    def worse(page: Page) -> str:
        body = page.body or ""
        if page.id in cut:  # about half the tokens: F1 near 0.67
            return body[:len(body) // 2]
        if page.id == leaky:
            snippet = next(s for s in page.boilerplate if s.category == category
                           and len(s.text.split()) >= 4)
            return f"{page.body}\n{snippet.text}"
        return page.body or ""

    root = tmp_path_factory.mktemp("runs")
    base = write_run(root / "base", dataset, [answering(dataset, "mine"),
                                              answering(dataset, "steady")])
    regressed = write_run(root / "worse", dataset, [answering(dataset, "mine", worse),
                                                    answering(dataset, "steady")])
    baseline = root / "baseline.json"
    code, out = run_cli("baseline", "update", "--run", str(base), "--baseline", str(baseline))
    assert code == 0
    assert out == f"wrote {baseline}: 2 extractor(s) on {dataset.label} from {base}\n"
    return {"base": base, "worse": regressed, "baseline": baseline}


def test_the_same_run_passes(runs: dict[str, Path], tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    step_summary = tmp_path / "step.md"
    step_summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    code, out = run_cli("gate", "--run", str(runs["base"]), "--baseline", str(runs["baseline"]))
    assert code == 0
    assert out.splitlines()[-1] == (
        "gate passed: 2 extractor(s): 0 worse, 0 better, 0 within noise, 0 inconclusive; "
        "pages: 0 worse, 0 better; leak categories: 0 worse, 0 better")
    summary = step_summary.read_text(encoding="utf-8")
    assert summary.startswith("earlier step\n## ✅ boilerbench gate passed: ")


def test_the_worse_extractor_fails_the_gate(runs: dict[str, Path], tmp_path: Path) -> None:
    dataset = load_gold()
    cut, leaky, category = _damaged(dataset)
    markdown = tmp_path / "gate.md"
    code, out = run_cli("gate", "--run", str(runs["worse"]), "--baseline",
                        str(runs["baseline"]), "--markdown", str(markdown), "--page-limit",
                        "100")
    assert code == 1
    # extractor, score, before, after, Δ, verdict, Δ 95% CI, p, pages
    rows = {cells[0]: cells for cells in _rows(out, "corpus scores: ")}
    assert rows["mine"][1:3] == ["f1", "1.000"]
    assert float(rows["mine"][3]) < 0.95
    assert rows["mine"][5] == "worse"
    assert float(rows["mine"][7]) < 0.05  # the paired test's p
    assert rows["steady"][1:6] == ["f1", "1.000", "1.000", "+0.000", "same"]
    moved = {cells[0] for cells in _rows(out, "pages moved beyond 0.05") if cells[3] == "worse"}
    assert cut <= moved <= cut | {leaky}
    assert [cells[0] for cells in _rows(out, "leaks by category: pages leaked")] == [category]
    assert f"mine: {category} leaks" in out
    assert "mine: corpus F1 1.000 → " in out
    assert out.splitlines()[-1].startswith("gate FAILED: 2 extractor(s): 1 worse, 0 better, "
                                           "0 within noise, 0 inconclusive; pages: ")
    assert out.splitlines()[-1].endswith("worse, 0 better; leak categories: 1 worse, 0 better")
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("## ❌ boilerbench gate FAILED: ")
    assert "| mine | f1 | 1.000 | " in text and "🔴 worse" in text
    assert f"| mine | {category} | " in text


def test_wide_tolerances_let_it_pass(runs: dict[str, Path]) -> None:
    code, out = run_cli("gate", "--run", str(runs["worse"]), "--baseline", str(runs["baseline"]),
                        "--tolerance", "100%", "--page-tolerance", "1", "--leak-tolerance", "1")
    assert code == 0
    assert "gate passed: 2 extractor(s): 0 worse, 0 better, 0 within noise" in out


def test_compare_shows_what_changed(runs: dict[str, Path], tmp_path: Path) -> None:
    markdown = tmp_path / "compare.md"
    code, out = run_cli("compare", str(runs["base"]), str(runs["worse"]), "--page-limit", "3",
                        "--markdown", str(markdown))
    assert code == 0
    cut, _leaky, _category = _damaged(load_gold())
    assert f"pages moved beyond 0 (3 of {len(cut) + 1} shown)" in out  # and the leaky page
    assert out.splitlines()[-1].startswith("compare compared: 2 extractor(s): 1 worse")
    assert markdown.read_text(encoding="utf-8").startswith("## boilerbench compare compared: ")


@pytest.mark.parametrize(("argv", "message", "status"), [
    (["--tolerance", "2"], "--tolerance '2': expected a number from 0 to 1", 2),
    (["--leak-tolerance", "x%"], "--leak-tolerance 'x%': expected a number from 0 to 100", 2),
    (["--check", "f2"], "--check 'f2': expected a comma-separated list of precision, recall", 2),
    (["--max-failures", "many"], "--max-failures 'many': expected a whole number", 2),
    (["--page", "en-*"], "--page does not apply with --run", 2),
    (["--reports-dir", "elsewhere"], "--reports-dir does not apply with --run", 2),
    (["--metric", "lcs"], "--metric does not apply with --run", 2),
    (["-e", "nosuch"], "--extractor 'nosuch': not in ", 2),
    (["--baseline", "/no/such/baseline.json"], "/no/such/baseline.json: no such file", 3),
    (["--page-limit", "-1"], "--page-limit -1: must be 0 or more", 2),
])
def test_usage_and_data_errors_have_their_exit_codes(
        runs: dict[str, Path], argv: list[str], message: str, status: int,
        capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["gate", "--run", str(runs["worse"]), "--baseline", str(runs["baseline"])]
    code, _ = run_cli(*arguments, *argv)
    assert code == status
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_compare_refuses_a_negative_page_limit(runs: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run_cli("compare", str(runs["base"]), str(runs["worse"]), "--page-limit", "-3")
    assert code == 2
    assert capsys.readouterr().err == "boilerbench: error: --page-limit -3: must be 0 or more\n"


@pytest.mark.parametrize("command", ["gate", "compare", "baseline"])
def test_an_unwritable_output_is_a_one_line_error(runs: dict[str, Path], tmp_path: Path,
                                                 command: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    arguments = {"gate": ["gate", "--run", str(runs["base"]), "--baseline",
                          str(runs["baseline"]), "--markdown", str(folder)],
                 "compare": ["compare", str(runs["base"]), str(runs["base"]),
                             "--markdown", str(folder)],
                 "baseline": ["baseline", "update", "--run", str(runs["base"]),
                              "--baseline", str(folder)]}[command]
    code, _ = run_cli(*arguments)
    assert code == 3  # a data error: a file that cannot be written
    assert capsys.readouterr().err == (f"boilerbench: error: {folder}: cannot write: "
                                       "Is a directory\n")


def test_gate_runs_the_extractors_itself_and_refuses_other_data(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "baseline.json"
    reports = ["--reports-dir", str(tmp_path / "reports"), "--no-progress"]
    code, out = run_cli("baseline", "update", "-e", "fulltext", "--page", REFERENCE_ID,
                        "--baseline", str(baseline), *reports)
    assert code == 0 and "fulltext" in out and f"wrote {baseline}: 1 extractor(s)" in out
    code, out = run_cli("gate", "-e", "fulltext", "--page", REFERENCE_ID, "--baseline",
                        str(baseline), *reports)
    assert code == 0
    assert "gate passed: 1 extractor(s)" in out
    assert len(list((tmp_path / "reports").iterdir())) == 2  # each made its own run
    capsys.readouterr()
    code, _ = run_cli("gate", "-e", "fulltext", "--page", "en-*-water-rate-increase",
                      "--baseline", str(baseline), *reports)
    assert code == 4  # a stale baseline, told apart from a usage error (2)
    err = capsys.readouterr().err
    signature = json.loads(baseline.read_text(encoding="utf-8"))["signature"]
    assert err.startswith(f"boilerbench: error: {baseline} has signature {signature} but ")
    assert "they differ in dataset, so their scores are not comparable" in err
    assert "`boilerbench compare OLD_RUN NEW_RUN` to see what really changed" in err
    assert err.count("\n") == 1


GOOD = '''import lxml.html


def extract(html: str) -> str:
    return "\\n".join(p.text_content() for p in lxml.html.fromstring(html).iter("p"))
'''
WORSE = '''import lxml.html


def extract(html: str) -> str:
    return next((p.text_content() for p in lxml.html.fromstring(html).iter("p")), "")
'''


def test_a_maintainer_gates_their_own_function(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/gate.md's workflow: `--extractor module:function`, baseline, then a worse commit."""
    import sys

    from extractors.adhoc import resolve

    def commit(source: str, version: str) -> None:
        folder = tmp_path / version
        folder.mkdir()
        (folder / "my_extractor.py").write_text(source, encoding="utf-8")
        monkeypatch.syspath_prepend(str(folder))
        monkeypatch.delitem(sys.modules, "my_extractor", raising=False)
        resolve.cache_clear()

    options = ["--extractor", "my_extractor:extract", "--page", "en-*", "--no-progress",
               "--reports-dir", str(tmp_path / "reports"), "--baseline",
               str(tmp_path / "baseline.json")]
    commit(GOOD, "v1")
    assert run_cli("baseline", "update", *options)[0] == 0
    code, out = run_cli("gate", *options)
    assert code == 0, out
    commit(WORSE, "v2")
    code, out = run_cli("gate", *options, "--markdown", str(tmp_path / "gate.md"))
    assert code == 1
    assert "\nmy_extractor:extract: corpus F1 " in out
    assert out.splitlines()[-1].startswith("gate FAILED: 1 extractor(s): 1 worse, ")
    assert (tmp_path / "gate.md").read_text(encoding="utf-8").startswith("## ❌ ")
    resolve.cache_clear()
