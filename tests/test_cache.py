"""The output cache: a re-run computes only what changed; failures and ad hoc extractors are
never cached; clearing empties it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from bench.errors import BenchError
from bench.files import default_cache_path
from bench.gold.format import load_gold
from bench.run.cache import OutputCache, page_key
from bench.run.job import Job
from bench.run.runner import run
from bench.run.store import RunStore
from bench.scoring.metrics.token_f1 import TokenF1
from extractors.base import Extractor
from tests.helpers import REFERENCE_ID, run_cli

CALLS: list[str] = []


def _counted(html: str, url: str | None) -> str:
    CALLS.append(url or "")
    return "text"


def _failing(html: str, url: str | None) -> str:
    CALLS.append(url or "")
    raise ValueError("no")


COUNTED = Extractor(name="counted", package="boilerbench", extract=_counted)
FAILING = Extractor(name="failing", package="boilerbench", extract=_failing)


def computed(tmp_path: Path, cache: OutputCache, extractors: list[Extractor],
             gold: Path | None = None) -> int:
    """How many outputs one fresh run computes (the rest come from the cache)."""
    CALLS.clear()
    store = RunStore(tmp_path / f"run-{len(list(tmp_path.glob('run-*')))}")
    dataset = load_gold(gold).select(page_ids=[REFERENCE_ID])
    run(dataset, extractors, metric=TokenF1(), store=store, cache=cache)
    records = store.records()
    assert all(record["output"] == "text" for record in records if not record["error"])
    return len(CALLS)


def test_a_rerun_computes_only_what_changed(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache.sqlite")
    assert computed(tmp_path, cache, [COUNTED]) == 1
    assert computed(tmp_path, cache, [COUNTED]) == 0
    assert computed(tmp_path, cache, [replace(COUNTED, settings={"k": 1})]) == 1
    assert computed(tmp_path, cache, [replace(COUNTED, package="pytest")]) == 1  # new version
    assert computed(tmp_path, cache, [replace(COUNTED, cacheable=False)]) == 1
    assert computed(tmp_path, cache, [replace(COUNTED, cacheable=False)]) == 1


def test_a_changed_page_is_computed_again(tmp_path: Path, gold_dir: Path) -> None:
    cache = OutputCache(tmp_path / "cache.sqlite")
    copy = tmp_path / "gold"
    copy.mkdir()
    for suffix in (".html", ".toml"):
        shutil.copy(gold_dir / f"{REFERENCE_ID}{suffix}", copy)
    assert computed(tmp_path, cache, [COUNTED], copy) == 1
    (html,) = copy.glob("*.html")
    html.write_bytes(html.read_bytes() + b"<!-- changed -->")
    assert computed(tmp_path, cache, [COUNTED], copy) == 1
    assert computed(tmp_path, cache, [COUNTED], copy) == 0


def test_failures_are_retried(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache.sqlite")
    assert computed(tmp_path, cache, [FAILING]) == 1
    assert computed(tmp_path, cache, [FAILING]) == 1


def test_cached_records_say_so_and_keep_their_timing(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache.sqlite")
    reference = load_gold().select(page_ids=[REFERENCE_ID])
    run(reference, [COUNTED], metric=TokenF1(), store=RunStore(tmp_path / "a"), cache=cache)
    run(reference, [COUNTED], metric=TokenF1(), store=RunStore(tmp_path / "b"), cache=cache)
    first, second = RunStore(tmp_path / "a").records(), RunStore(tmp_path / "b").records()
    assert [r["cached"] for r in first + second] == [False, True]
    assert second[0]["seconds"] == first[0]["seconds"]
    assert second[0]["f1"] == first[0]["f1"]


def test_page_key_covers_what_extractors_see() -> None:
    page = load_gold().pages[0]
    keys = {page_key(page), page_key(replace(page, url="https://example.org/")),
            page_key(replace(page, language="en")), page_key(replace(page, encoding="latin-1"))}
    assert len(keys) == 4


def test_pages_inline_in_one_file_have_their_own_keys(tmp_path: Path) -> None:
    # Inline pages share their file (the JSON Lines file) and here their URL and language:
    # only their HTML tells them apart, and so it must for the cache.
    from bench.data.formats import load_dataset

    (tmp_path / "d.jsonl").write_text(
        '{"id": "a", "html": "<p>one</p>", "body": "one"}\n'
        '{"id": "b", "html": "<p>two</p>", "body": "two"}\n', encoding="utf-8")
    first, second = load_dataset(f"jsonl:{tmp_path / 'd.jsonl'}").pages
    assert page_key(first) != page_key(second)
    cache = OutputCache(tmp_path / "cache.sqlite")
    echo = Extractor(name="echo", package="boilerbench", extract=lambda html, url: html)
    run(load_dataset(f"jsonl:{tmp_path / 'd.jsonl'}"), [echo], metric=TokenF1(),
        store=RunStore(tmp_path / "run"), cache=cache)
    again = RunStore(tmp_path / "again")
    run(load_dataset(f"jsonl:{tmp_path / 'd.jsonl'}"), [echo], metric=TokenF1(),
        store=again, cache=cache)
    assert [(r["page"], r["cached"], r["output"]) for r in again.records()] == [
        ("a", True, "<p>one</p>"), ("b", True, "<p>two</p>")]


def test_clear_from_the_command_line(tmp_path: Path, private_cache: Path) -> None:
    cache = OutputCache(default_cache_path())
    assert default_cache_path() == private_cache
    computed(tmp_path, cache, [COUNTED, replace(COUNTED, name="other")])
    code, out = run_cli("cache", "clear", "-e", "other")
    assert (code, out) == (0, f"{private_cache}: 1 cached output(s) removed\n")
    code, out = run_cli("cache", "clear")
    assert (code, out) == (0, f"{private_cache}: 1 cached output(s) removed\n")
    assert computed(tmp_path, cache, [COUNTED]) == 1


def test_the_default_path_is_the_variable_then_the_xdg_cache_then_home(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOILERBENCH_CACHE", str(tmp_path / "chosen.sqlite"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "chosen.sqlite"
    monkeypatch.delenv("BOILERBENCH_CACHE")
    assert default_cache_path() == tmp_path / "xdg" / "boilerbench" / "outputs.sqlite"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_path() == tmp_path / "home" / ".cache" / "boilerbench" / "outputs.sqlite"


def test_an_unusable_cache_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "cache.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BenchError, match=r"cache\.sqlite: cannot open the output cache: "):
        OutputCache(bad)
    # While the error (and so the half-built cache) is still held, the file is closed.
    open_files = {os.readlink(fd) for fd in Path("/proc/self/fd").iterdir()
                  if fd.is_symlink() and fd.exists()}
    assert str(bad) not in open_files


def test_rows_are_whole(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache.sqlite")
    computed(tmp_path, cache, [COUNTED])
    cache.close()
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT extractor, version, output FROM outputs").fetchall()
    assert rows == [("counted", COUNTED.version, "text")]


class CountingF1(TokenF1):
    """TokenF1 that counts how often it scores a page."""

    scored = 0

    def page_stats(self, gold: str, output: str, *,
                   tokens: list[str] | None = None) -> tuple[float, ...]:
        CountingF1.scored += 1
        return super().page_stats(gold, output, tokens=tokens)


def test_scores_are_cached_until_the_gold_changes(tmp_path: Path, gold_dir: Path) -> None:
    copy = tmp_path / "gold"
    copy.mkdir()
    for suffix in (".html", ".toml"):
        shutil.copy(gold_dir / f"{REFERENCE_ID}{suffix}", copy)
    cache = OutputCache(tmp_path / "cache.sqlite")

    def scored_in_a_fresh_run() -> tuple[int, list[dict[str, object]]]:
        CountingF1.scored = 0
        store = RunStore(tmp_path / f"run-{len(list(tmp_path.glob('run-*')))}")
        run(load_gold(copy), [COUNTED], metric=CountingF1(), store=store, cache=cache)
        return CountingF1.scored, store.records()

    first_count, first = scored_in_a_fresh_run()
    again_count, again = scored_in_a_fresh_run()
    assert (first_count, again_count) == (1, 0)
    fields = ("stats", "precision", "recall", "f1", "duplication", "leaks")
    assert [{k: r[k] for k in fields} for r in again] == [{k: r[k] for k in fields}
                                                           for r in first]
    record = copy / f"{REFERENCE_ID}.toml"
    record.write_text(record.read_text(encoding="utf-8").replace("পেসকভ বলেন", "পেসকভ বললেন"),
                      encoding="utf-8")
    CALLS.clear()
    changed_count, _ = scored_in_a_fresh_run()
    assert (changed_count, len(CALLS)) == (1, 0)  # scored again, output still from the cache


def test_scores_are_computed_again_when_the_scoring_code_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.run import cache as cache_module

    cache = OutputCache(tmp_path / "cache.sqlite")
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    job = Job(COUNTED, dataset.pages[0])
    run(dataset, [COUNTED], metric=TokenF1(), store=RunStore(tmp_path / "a"), cache=cache)
    assert cache.scores(job, TokenF1()) is not None
    assert len(cache_module.scoring_code()) == 16
    monkeypatch.setattr(cache_module, "scoring_code", lambda: "0" * 16)  # an edited scorer
    assert cache.scores(job, TokenF1()) is None and cache.get(job) is not None
