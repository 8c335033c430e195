"""`boilerbench suite` and its leaderboard, on a data folder made here from the WCXB fixture and
the shared samples, with three extractors that differ."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.run.cache import OutputCache
from bench.run.finished import Run
from bench.run.suite import find_members, run_suite
from bench.text.html import visible_text
from extractors.base import Extractor
from tests.helpers import WCXB_FIXTURE, public_data, run_cli


def _extractor(name: str, share: float) -> Extractor:
    """The first `share` of the page's visible text."""
    def extract(html: str, url: str | None) -> str:
        text = visible_text(html)
        return text[: int(len(text) * share)]
    return Extractor(name=name, package="boilerbench", extract=extract)


EXTRACTORS = [_extractor("all", 1.0), _extractor("half", 0.5), _extractor("tenth", 0.1)]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(WCXB_FIXTURE, data / "wcxb")
    samples = public_data("samples") / "html-cleaning"
    for subset in ("page-signal-master", "cleaneval-final"):
        shutil.copytree(samples / subset, data / "samples" / "html-cleaning" / subset)
    return data


def test_members_are_found_under_their_folders(data_dir: Path) -> None:
    members, missing = find_members(data_dir)
    assert [(m.dataset.name, m.path.relative_to(data_dir).as_posix(), m.sample)
            for m in members] == [
        ("wcxb", "wcxb", False),
        ("cleaneval-final", "samples/html-cleaning/cleaneval-final", True),
        ("l3s-gn1", "samples/html-cleaning/page-signal-master", True)]
    assert "aeb" in missing and "html-cleaning" not in missing  # the archive is its parts
    with pytest.raises(BenchError, match=r"unknown suite dataset 'cleaneval'"):
        find_members(data_dir, ["cleaneval"])


def test_a_suite_is_runs_plus_suite_json(data_dir: Path, tmp_path: Path) -> None:
    members, missing = find_members(data_dir)
    cache = OutputCache(tmp_path / "cache.sqlite")
    suite = run_suite(members, EXTRACTORS, directory=tmp_path / "s1", cache=cache,
                      missing=missing)
    written = json.loads((tmp_path / "s1" / "suite.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(suite))
    wcxb = suite["datasets"][0]
    assert (wcxb["name"], wcxb["metric"], wcxb["split"], wcxb["pages"]) == ("wcxb", "wcxb",
                                                                           "dev", 2)
    assert suite["datasets"][1]["skipped"] == 1  # cleaneval-final's input without gold
    for entry in suite["datasets"]:
        assert set(entry["runs"]) == {entry["metric"], "token-f1"}
        for metric, run_dir in entry["runs"].items():
            run = Run.load(tmp_path / "s1" / run_dir)  # an ordinary run directory
            assert {row["name"]: row["f1"] for row in run.summary["extractors"]} == {
                name: score["f1"] for name, score in entry["scores"][metric].items()}
        f1 = {name: entry["scores"][entry["metric"]][name]["f1"] for name in ("all", "tenth")}
        assert f1["all"] is not None and f1["tenth"] is not None
    ranks = suite["leaderboard"]["mean_rank"]
    assert set(ranks) == {"all", "main content, any page type", "all content", "article body"}
    assert suite["leaderboard"]["agreement"]["wcxb"]["wcxb"] == pytest.approx(1.0)
    again = run_suite(members, EXTRACTORS, directory=tmp_path / "s2", cache=cache)
    cache.close()
    assert [e["scores"] for e in again["datasets"]] == [e["scores"] for e in suite["datasets"]]
    rerun = Run.load(tmp_path / "s2" / "wcxb" / "wcxb")
    assert all(row["cached"] == row["pages"] for row in rerun.summary["extractors"])


def test_the_command_and_the_leaderboard_report(data_dir: Path, tmp_path: Path) -> None:
    code, out = run_cli("suite", "-e", "fulltext", "-e", "trafilatura", "-e", "justext",
                        "--data-dir", str(data_dir), "--datasets", "wcxb,l3s-gn1",
                        "--reports-dir", str(tmp_path / "reports"), "--no-progress",
                        "--jobs", "1")
    assert code == 0, out
    assert "suite: F1 by dataset and extractor" in out and "rank agreement" in out
    assert "l3s-gn1 (sample)" in out
    assert "trafilatura" in out and "0.791" in out  # WCXB's published figure beside ours
    suite_dir = next((tmp_path / "reports").glob("suite-*"))
    code, out = run_cli("report", str(suite_dir))
    assert code == 0
    page = (suite_dir / "leaderboard.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "<script" not in page.lower()
    assert "Rank agreement" in page and "hsl(" in page
    markdown = (suite_dir / "leaderboard.md").read_text(encoding="utf-8")
    assert ("| gold keeps | dataset | pages | metric | fulltext | trafilatura | justext |"
            in markdown)


def test_nothing_present_is_one_line(tmp_path: Path) -> None:
    code, _ = run_cli("suite", "-e", "fulltext", "--data-dir", str(tmp_path),
                      "--reports-dir", str(tmp_path / "r"))
    assert code == 2


def test_the_suite_on_the_shared_datasets(tmp_path: Path) -> None:
    """The shared datasets small enough for every test run (AEB, zh-cwce and the samples),
    with the full-text baseline: every one loads and is scored."""
    data = public_data("aeb").parent
    names = "aeb,zh-cwce,cleaneval-dev,cleaneval-final,cleanportaleval,dragnet,l3s-gn1," \
            "readability,readability-tests"
    code, out = run_cli("suite", "-e", "fulltext", "--data-dir", str(data), "--datasets", names,
                        "--reports-dir", str(tmp_path), "--no-progress")
    assert code == 0, out
    suite = json.loads(next(tmp_path.glob("suite-*/suite.json")).read_text(encoding="utf-8"))
    assert [e["name"] for e in suite["datasets"]] == names.split(",")  # the catalogue's order
    for entry in suite["datasets"]:
        assert entry["scores"][entry["metric"]]["fulltext"]["f1"] > 0.3, entry["name"]
