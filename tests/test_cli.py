"""The command line end to end, with output captured through an injected console."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bench.cli import main
from bench.data.tree_hash import tree_hash
from bench.gold.format import load_gold
from tests.helpers import (
    REFERENCE_ID,
    WCXB_FIXTURE,
    first_table,
    pin,
    public_data,
    run_cli,
    wcxb_tar,
)


def test_run_prints_the_table_for_five_configurations(tmp_path: Path) -> None:
    names = ["trafilatura", "trafilatura-precision", "trafilatura-recall",
             "trafilatura-no-comments", "readability", "fulltext"]
    code, out = run_cli("run", "--reports-dir", str(tmp_path), "--no-progress",
                        "--page", REFERENCE_ID, *(arg for name in names for arg in ("-e", name)))
    assert code == 0
    header = out.splitlines()[2]
    for column in ("extractor", "version", "precision", "recall", "F1", "F1 95% CI", "pages",
                   "failures", "median ms"):
        assert column in header
    rows = {name: "│".join(["", name, *cells, ""]) for name, cells in first_table(out).items()}
    assert set(names) <= set(rows)
    # extractor, precision, recall, F1, F1 95% CI, pages, failures, version, median ms, peak MB
    no_comments = [cell.strip() for cell in rows["trafilatura-no-comments"].split("│")]
    assert no_comments[2:8] == ["1.000", "1.000", "1.000", "1.000–1.000", "1", "0"]
    fulltext = [cell.strip() for cell in rows["fulltext"].split("│")]
    assert fulltext[3] == "1.000"  # the recall ceiling
    assert float(fulltext[2]) < 0.5  # and most of the page is boilerplate
    assert "metric:token-f1|tok:unicode-regex" in out
    (run_dir,) = tmp_path.iterdir()
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["dataset"]["pages"] == 1
    records = [json.loads(line) for line in (run_dir / "pages.jsonl").read_text().splitlines()]
    assert len(records) == len(names)
    assert {r["page"] for r in records} == {REFERENCE_ID}


def test_run_json_is_the_summary(tmp_path: Path) -> None:
    code, out = run_cli("run", "--reports-dir", str(tmp_path), "-e", "trafilatura", "--json",
                        "--page", REFERENCE_ID)
    assert code == 0
    summary = json.loads(out)
    (row,) = summary["extractors"]
    # trafilatura's default keeps the comment prompt (2 tokens) after the whole body.
    assert row["recall"] == 1.0
    assert row["values"]["micro_precision"] == pytest.approx(row["precision"])
    assert 0.98 < row["precision"] < 1.0
    assert summary["signature"].startswith("metric:token-f1|")
    assert summary["dataset"]["label"] in summary["signature"]


def test_score_keeps_bengali_words_whole(tmp_path: Path) -> None:
    gold, output = tmp_path / "gold.txt", tmp_path / "output.txt"
    gold.write_text("রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের।", encoding="utf-8")
    output.write_text("প্রেসিডেন্ট পুতিনের মুখপাত্র", encoding="utf-8")
    code, out = run_cli("score", str(gold), str(output))
    assert code == 0
    assert out.startswith("P 0.667  R 0.500  F1 0.571  metric:token-f1|tok:unicode-regex")
    code, out = run_cli("score", str(gold), str(output), "--json")
    assert json.loads(out)["recall"] == 0.5
    # With Python's \w the same pair scores differently: the word is cut into letters.
    code, out = run_cli("score", str(gold), str(output), "--tokenizer", "re-word")
    assert not out.startswith("P 0.667  R 0.500")


def test_list_shows_versions() -> None:
    code, out = run_cli("list")
    assert code == 0
    assert "trafilatura-no-comments" in out
    assert "readability-lxml" in out


def test_validate_bundled_gold_passes() -> None:
    code, out = run_cli("validate")
    assert code == 0
    assert out.rstrip().endswith("0 problem(s)")


@pytest.mark.parametrize(("argv", "message", "status"), [
    (["run", "-e", "trafilatur"], "unknown extractor 'trafilatur'; did you mean 'trafilatura'?",
     2),
    (["run", "--page", "no-such-page"], "no page matches", 2),
    (["run", "--metric", "bleu"], "unknown metric 'bleu'", 2),
    (["run", "--dataset", "aeb:/no/such/dir"], "/no/such/dir does not exist", 2),
    (["run", "--dataset", "nosuch:."], "unknown dataset format 'nosuch'", 2),
    (["run", "--extractor-cmd", "nonexistent-prog --flag"],
     "--extractor-cmd 'nonexistent-prog --flag': program 'nonexistent-prog' not found", 2),
    (["run", "--max-failures", "5.5"], "--max-failures '5.5': expected a whole number", 2),
    (["score", "/no/such/gold.txt", "/no/such/out.txt"], "/no/such/gold.txt: no such file", 3),
])
def test_user_errors_are_one_line_with_their_exit_code(
        argv: list[str], message: str, status: int, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run_cli(*argv, *(["--reports-dir", str(tmp_path)] if argv[0] == "run" else []))
    assert code == status
    assert not tmp_path.exists() or not list(tmp_path.iterdir())  # refused before running
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("boilerbench: error: ")
    assert message in err


def test_malformed_gold_names_file_and_field(tmp_path: Path, reference_copy: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    record = reference_copy
    record.write_text(record.read_text(encoding="utf-8").replace(
        'page_type = "news"', 'page_type = "newz"'), encoding="utf-8")
    code, _ = run_cli("run", "--dataset", str(tmp_path), "--reports-dir", str(tmp_path / "r"))
    assert code == 3  # a data error
    assert capsys.readouterr().err == (
        f"boilerbench: error: {record}: field 'page_type': 'newz' is not one of news, blog, "
        "opinion, forum, product, recipe, documentation, encyclopedia, listing, live-blog, "
        "press-release\n")


def test_bad_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["run", "--no-such-option"])
    assert caught.value.code == 2


def test_run_shows_leaks_and_breakdown(tmp_path: Path) -> None:
    code, out = run_cli("run", "--reports-dir", str(tmp_path), "--no-progress", "-e",
                        "trafilatura", "-e", "fulltext", "--by", "language",
                        "--page", REFERENCE_ID)
    assert code == 0
    assert "leaks by category (pages leaked / pages labeled)" in out
    rows = {line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[2:-1]]
            for line in out.splitlines() if "│" in line}
    assert rows["comment-prompt"] == ["1/1", "1/1"]  # trafilatura keeps comments by default
    assert rows["trending-list"] == ["0/1", "1/1"]
    assert rows["duplication (% tokens)"][0] == "0.0"
    assert float(rows["duplication (% tokens)"][1]) > 0  # the page repeats its caption
    assert "by language" in out
    (run_dir,) = tmp_path.iterdir()
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    assert [row["value"] for row in summary["breakdowns"]["language"]] == ["bn", "bn"]
    assert summary["extractors"][0]["ci"]["f1"][0] <= summary["extractors"][0]["f1"]


def test_a_bad_by_field_is_refused_before_anything_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run_cli("run", "--reports-dir", str(tmp_path / "r"), "--no-progress",
                      "-e", "fulltext", "--by", "nosuchfield", "--page", REFERENCE_ID)
    assert code == 2
    assert capsys.readouterr().err.startswith(
        "boilerbench: error: --by 'nosuchfield': no such field; known: language, page_type")
    assert not (tmp_path / "r").exists()


def test_a_run_that_cannot_resume_closes_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from bench.run.cache import OutputCache

    opened, closed = [], []
    init, close = OutputCache.__init__, OutputCache.close
    monkeypatch.setattr(OutputCache, "__init__",
                        lambda self, *args, **kwargs: (opened.append(1),
                                                       init(self, *args, **kwargs))[1])
    monkeypatch.setattr(OutputCache, "close", lambda self: (closed.append(1), close(self)))
    arguments = ("run", "--resume", str(tmp_path / "run"), "--no-progress", "-e", "fulltext",
                 "--page", REFERENCE_ID)
    assert run_cli(*arguments)[0] == 0
    assert run_cli(*arguments, "--metric", "lcs")[0] == 2
    assert "--metric 'lcs' contradicts the run, which recorded 'token-f1'" in (
        capsys.readouterr().err)
    assert opened == closed == [1]  # the contradiction is refused before the cache is opened


def test_score_predictions_reproduces_aeb() -> None:
    aeb = public_data("aeb")
    code, out = run_cli("score-predictions", "--dataset", f"aeb:{aeb}", "--metric", "aeb",
                        str(aeb / "output" / "trafilatura.json"),
                        str(aeb / "output" / "goose3.json"))
    assert code == 0
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in out.splitlines()
            if "│" in line]
    assert rows[0][:6] == ["trafilatura", "0.938", "0.978", "0.958", "0.006", "0.946–0.968"]
    assert rows[0][6:] == ["0.293", "181"]
    assert rows[1][:4] == ["goose3", "0.940", "0.856", "0.896"]
    assert "metric:aeb|tok:re-word|norm:none|data:aeb-181p-" in out
    code, out = run_cli("score-predictions", "--dataset", f"aeb:{aeb}", "--metric", "aeb",
                        "--json", "-j", "1", str(aeb / "output" / "goose3.json"))
    (system,) = json.loads(out)["systems"]
    assert system["values"]["accuracy"] == pytest.approx(0.232, abs=0.001)


def test_score_predictions_bad_file_is_one_line(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "sys.json"
    bad.write_text('{"other-id": {"articleBody": "x"}}', encoding="utf-8")
    code, _ = run_cli("score-predictions", str(bad))
    assert code == 2
    gold = load_gold()
    assert capsys.readouterr().err == (
        f"boilerbench: error: {bad}: no prediction for {len(gold)} of {len(gold)} "
        f"pages of gold, e.g. '{gold.pages[0].id}'\n")


FIXTURES = Path(__file__).parent / "fixtures"


def test_run_on_a_dataset_split(tmp_path: Path) -> None:
    code, out = run_cli("run", "--reports-dir", str(tmp_path), "--no-progress", "-e", "fulltext",
                        "--dataset", f"wcxb:{FIXTURES / 'wcxb'}", "--split", "dev", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["dataset"]["label"].startswith("wcxb-dev-2p-")
    assert summary["extractors"][0]["recall"] == 1.0
    assert summary["undecodable"] == 0


def test_run_on_snippet_gold_prints_n_a(tmp_path: Path) -> None:
    code, out = run_cli("run", "--reports-dir", str(tmp_path), "--no-progress", "-e",
                        "readability", "--dataset",
                        f"trafilatura:{public_data('trafilatura-eval')}",
                        "--page", "die-partei*")
    assert code == 0
    (row,) = [line for line in out.splitlines() if "│ readability" in line]
    cells = [cell.strip() for cell in row.split("│")]
    assert cells[2:6] == ["n/a", "n/a", "n/a", "n/a"]  # precision, recall, F1, interval


def test_bad_split_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run_cli("run", "--dataset", f"pairs:{FIXTURES / 'pairs'}", "--split", "dev")
    assert code == 2
    assert capsys.readouterr().err == ("boilerbench: error: --split 'dev': the pairs format has "
                                       "no splits\n")


def test_datasets_lists_formats_and_public_datasets() -> None:
    code, out = run_cli("datasets")
    assert code == 0
    for name in ("gold", "aeb", "cwce", "trafilatura", "wcxb", "cleaneval", "jsonl", "pairs",
                 "zh-cwce", "https://github.com/scrapinghub/article-extraction-benchmark",
                 "https://github.com/Murrough-Foley/web-content-extraction-benchmark"):
        assert name in out
    lines = out.splitlines()
    assert "    boilerbench fetch aeb DEST" in lines
    assert "    boilerbench fetch trafilatura DEST" in lines
    assert "    boilerbench fetch wcxb DEST" in lines
    assert "    in boilerbench fetch html-cleaning DEST" in lines  # cleaneval-final, ...
    code, out = run_cli("datasets", "--hash", str(WCXB_FIXTURE))
    assert (code, out) == (0, f"{tree_hash(WCXB_FIXTURE).sha256}  7 files  {WCXB_FIXTURE}\n")


def test_fetch_refuses_what_nothing_pins_before_any_download(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, "wcxb", None)
    code, _ = run_cli("fetch", "wcxb", str(tmp_path / "w"), "--url",
                      "https://example.org/w.tar.gz")
    assert code == 2
    assert capsys.readouterr().err == (
        "boilerbench: error: wcxb: no checksum is pinned for it yet, so "
        "https://example.org/w.tar.gz cannot be checked; give the archive's --sha256 HEX, or "
        "--allow-unpinned to download it unchecked and be shown the hashes to pin\n")
    assert not (tmp_path / "w").exists()


def test_fetch_allowed_unpinned_prints_the_hashes_to_pin(
        tmp_path: Path, served: tuple[Path, str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.data.formats.wcxb import load

    pin(monkeypatch, "wcxb", None)
    folder, url = served
    archive = wcxb_tar(folder / "wcxb.tar.gz")
    dest = tmp_path / "wcxb"
    code, out = run_cli("fetch", "wcxb", str(dest), "--url", url + "wcxb.tar.gz",
                        "--allow-unpinned", "--no-progress")
    assert code == 0
    archive_sha256 = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert out == (f"3 pages (7 files) in {dest}; use: boilerbench run --dataset wcxb:{dest}\n"
                   f"archive SHA-256: {archive_sha256} (not checked)\n"
                   f"tree hash:       {tree_hash(WCXB_FIXTURE).sha256} (not checked)\n"
                   f"content hash:    {load(WCXB_FIXTURE).content_hash} (not checked)\n")
    assert capsys.readouterr().err == (
        "warning: nothing was pinned to check this download against; once you trust it, pin "
        "the hashes above for 'wcxb' in bench/data/catalogue.py\n")
    code, out = run_cli("run", "--dataset", f"wcxb:{dest}", "-e", "fulltext", "--no-progress",
                        "--reports-dir", str(tmp_path / "reports"))
    assert code == 0
    assert first_table(out)["fulltext"][4] == "3"  # pages


def test_fetch_with_a_given_checksum_says_it_was_checked(
        tmp_path: Path, served: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, "wcxb", WCXB_FIXTURE)
    folder, url = served
    archive_sha256 = hashlib.sha256(wcxb_tar(folder / "w.tar.gz").read_bytes()).hexdigest()
    code, out = run_cli("fetch", "wcxb", str(tmp_path / "w"), "--url", url + "w.tar.gz",
                        "--sha256", archive_sha256.upper(), "--no-progress")
    assert code == 0
    assert f"archive SHA-256: {archive_sha256} (checked)\n" in out
    assert f"tree hash:       {tree_hash(WCXB_FIXTURE).sha256} (checked)\n" in out


def test_ctrl_c_halfway_then_resume_loses_nothing(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    argv = [str(Path(sys.executable).parent / "boilerbench"), "run", "--dataset",
            f"aeb:{public_data('aeb')}", "-e", "trafilatura", "--jobs", "2",
            "--no-progress", "--reports-dir", str(tmp_path)]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=os.environ)
    pages: list[Path] = []
    while not pages or len(pages[0].read_bytes().splitlines()) < 40:
        assert child.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.02)
        pages = list(tmp_path.glob("*/pages.jsonl"))
    child.send_signal(signal.SIGINT)
    _out, err = child.communicate(timeout=60)
    run_dir = pages[0].parent
    assert child.returncode == 2
    assert err.strip().endswith(f"interrupted; continue with: boilerbench run --resume {run_dir}")
    before = [json.loads(line) for line in pages[0].read_text(encoding="utf-8").splitlines()]
    assert 40 <= len(before) < 181
    code, out = run_cli("run", "--dataset", f"aeb:{public_data('aeb')}", "-e",
                        "trafilatura", "--resume", str(run_dir), "--json")
    assert code == 0
    after = [json.loads(line) for line in pages[0].read_text(encoding="utf-8").splitlines()]
    assert after[:len(before)] == before
    assert len(after) == len({record["page"] for record in after}) == 181
    assert json.loads(out)["extractors"][0]["pages"] == 181


def test_failures_show_in_the_table_with_their_reasons(tmp_path: Path) -> None:
    code, out = run_cli("run", "--reports-dir", str(tmp_path), "--no-progress", "--timeout", "1",
                        "-e", "tests.test_workers:SEGFAULT", "-e", "tests.test_workers:HANG",
                        "-e", "trafilatura-no-comments", "--page", REFERENCE_ID)
    assert code == 0
    assert "peak MB" in out.splitlines()[2]
    rows = first_table(out)
    # precision, recall, F1, F1 95% CI, pages, failures, version, median ms, peak MB
    for name in ("segfault", "hang"):
        assert rows[name][0:3] == ["0.000", "0.000", "0.000"]
        assert rows[name][4:6] == ["1", "1"]
        assert rows[name][8] == "n/a"
    assert rows["trafilatura-no-comments"][5] == "0"
    assert float(rows["trafilatura-no-comments"][8]) > 10
    # The first reason of each failing extractor is under the table, not only in pages.jsonl.
    assert f"segfault failed: worker died: signal 11 (SIGSEGV) (e.g. page {REFERENCE_ID})" in out
    assert f"hang failed: timeout after 1 s (e.g. page {REFERENCE_ID})" in out
    (run_dir,) = tmp_path.iterdir()
    errors = {json.loads(line)["extractor"]: json.loads(line)["error"]
              for line in (run_dir / "pages.jsonl").read_text(encoding="utf-8").splitlines()}
    assert errors == {"segfault": "worker died: signal 11 (SIGSEGV)",
                      "hang": "timeout after 1 s", "trafilatura-no-comments": None}


def test_a_run_reads_its_records_once_and_summarises_them_as_a_pass_would(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary is counted in as records are made (and, resumed, as the stored ones are
    read to find the jobs done): `pages.jsonl` is read once, in that pass, and the summary is
    the one a pass over the file gives."""
    from bench.cli._execution import load_named
    from bench.run.store import RunStore
    from bench.scoring.metrics import get_metric
    from bench.scoring.summary import summarize

    reads: list[Path] = []
    iter_records = RunStore.iter_records

    def counted(store: RunStore):  # type: ignore[no-untyped-def]
        reads.append(store.pages_path)
        return iter_records(store)

    monkeypatch.setattr(RunStore, "iter_records", counted)
    code, out = run_cli("run", "--reports-dir", str(tmp_path), "--json", "--jobs", "1",
                        "-e", "tests.test_workers:_text", "-e", "tests.test_workers:_raise")
    assert code == 0
    (run_dir,) = tmp_path.iterdir()
    assert reads == [run_dir / "pages.jsonl"]
    written = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    dataset = load_gold()
    from_file = summarize(run_id=run_dir.name, dataset=dataset,
                          extractors=[load_named(f"tests.test_workers:{name}")
                                      for name in ("_text", "_raise")],
                          records=iter_records(RunStore(run_dir)),
                          metric=get_metric("token-f1", dataset=dataset.label))
    assert from_file["extractors"] == written["extractors"] == json.loads(out)["extractors"]
