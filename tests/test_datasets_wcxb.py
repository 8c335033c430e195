"""The WCXB importer on a small fixture written for these tests, shaped like WCXB 1.0's files
(`schema_version` 2.0: `file_id`, `_internal.page_type` with confidence and tags,
`main_content_markdown`, which boilerbench does not score); no public copy is at hand."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.data.formats import load_dataset
from bench.data.formats.wcxb import load
from bench.errors import BenchError

FIXTURE = Path(__file__).parent / "fixtures" / "wcxb"


def test_all_splits_by_default() -> None:
    dataset = load(FIXTURE)
    assert dataset.name == "wcxb-all"
    assert [page.id for page in dataset] == ["dev-news", "dev-recipe", "test-forum"]
    news = dataset.pages[0]
    assert news.body == ("The old river bridge reopened on Monday after two years of repairs."
                         "\n\nCyclists now have their own lane on the north side.")
    assert news.with_snippets == ("The old river bridge reopened ",)
    assert news.without_snippets == ("Subscribe to our newsletter",)
    assert news.page_type == "article"
    assert news.url == "https://example.org/dev-news"
    assert dict(news.meta) == {"title": "Bridge reopens", "author": "Sam Example",
                               "publish_date": "2026-01-15", "split": "dev",
                               "unextractable": "false", "remove": "false",
                               "needs_review": "false", "spa": "false"}
    assert b"<article><h1>Bridge reopens</h1>" in news.read_html()


def test_one_split() -> None:
    assert [p.id for p in load_dataset(f"wcxb:{FIXTURE}", split="test")] == ["test-forum"]
    dev = load_dataset(f"wcxb:{FIXTURE}", split="dev")
    assert dev.label.startswith("wcxb-dev-2p-")


def test_a_bad_split_is_refused() -> None:
    with pytest.raises(BenchError, match=r"^--split 'train': must be one of dev, test, all$"):
        load(FIXTURE, split="train")


def test_a_missing_split_folder(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "w")
    shutil.rmtree(tmp_path / "w" / "test")
    assert len(load(tmp_path / "w")) == 2
    with pytest.raises(BenchError, match=r"w: no test split folder$"):
        load(tmp_path / "w", split="test")


def test_malformed_ground_truth_names_file_and_field_flags_keep_their_text(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "w")
    gold_path = tmp_path / "w" / "test" / "ground-truth" / "test-forum.json"
    record = json.loads(gold_path.read_text(encoding="utf-8"))
    record["ground_truth"]["main_content"] = ["not", "text"]
    gold_path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(BenchError, match=r"test-forum\.json: ground_truth: field 'main_content': "
                                         r"must be a string, got list$"):
        load(tmp_path / "w")
    record["ground_truth"] = "text"
    gold_path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(BenchError, match=r"field 'ground_truth': not an object$"):
        load(tmp_path / "w")
    record["ground_truth"] = {}
    record["_internal"] = {"unextractable": "JavaScript shell", "remove": 1}
    gold_path.write_text(json.dumps(record), encoding="utf-8")
    forum = load(tmp_path / "w", split="test").pages[0]
    assert (forum.meta["unextractable"], forum.meta["remove"]) == ("JavaScript shell", "1")


def test_pages_without_main_content_load_with_their_flags(tmp_path: Path) -> None:
    """As in the real release: a JavaScript shell marked unextractable with no main_content at
    all, a page whose main_content is null, one with an empty main_content and only `without`
    snippets; none is dropped, and the flags are there for `--by`."""
    shutil.copytree(FIXTURE, tmp_path / "w")
    gold = tmp_path / "w" / "dev" / "ground-truth"
    _rewrite(gold / "dev-news.json", lambda record: (
        record["ground_truth"].pop("main_content"),
        record["_internal"].update(unextractable=True, remove=True)))
    _rewrite(gold / "dev-recipe.json", lambda record: (
        record["ground_truth"].update(main_content=None, **{"with": None}),
        record["_internal"]["page_type"].update(needs_review=True)))
    _rewrite(tmp_path / "w" / "test" / "ground-truth" / "test-forum.json", lambda record: (
        record.pop("_internal"), record["ground_truth"].update(main_content="", **{"with": []})))
    news, recipe, forum = load(tmp_path / "w")
    assert (news.body, recipe.body, forum.body) == ("", "", "")
    assert recipe.with_snippets == forum.with_snippets == ()
    assert forum.without_snippets
    flags = [{key: page.meta[key] for key in ("unextractable", "remove", "needs_review")}
             for page in (news, recipe, forum)]
    assert flags == [{"unextractable": "true", "remove": "true", "needs_review": "false"},
                     {"unextractable": "false", "remove": "false", "needs_review": "true"},
                     {"unextractable": "false", "remove": "false", "needs_review": "false"}]
    assert forum.page_type == "article"  # no _internal.page_type: WCXB's default


def test_scores_break_down_by_the_flags(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    shutil.copytree(FIXTURE, tmp_path / "w")
    _rewrite(tmp_path / "w" / "dev" / "ground-truth" / "dev-news.json",
             lambda record: record["_internal"].update(unextractable=True))
    code, out = run_cli("run", "--dataset", f"wcxb:{tmp_path / 'w'}", "--metric", "wcxb",
                        "-e", "fulltext", "--by", "unextractable", "--no-progress",
                        "--reports-dir", str(tmp_path / "reports"))
    assert code == 0, out
    rows = [line.split("│")[1:4] for line in out.split("by unextractable")[1].splitlines()
            if line.startswith("│")]
    assert [[cell.strip() for cell in row] for row in rows] == [["false", "fulltext", "2"],
                                                                ["true", "fulltext", "1"]]


def test_a_missing_page(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "w")
    (tmp_path / "w" / "dev" / "html" / "dev-news.html.gz").unlink()
    with pytest.raises(BenchError, match=r"dev-news\.html\.gz: missing page for dev-news\.json$"):
        load(tmp_path / "w")


def test_metadata_json_marks_the_root(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"metadata\.json: no such file$"):
        load(tmp_path)


def _rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(json.dumps(record), encoding="utf-8")


def test_a_split_smaller_than_metadata_declares_is_refused(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "w")
    (tmp_path / "w" / "dev" / "ground-truth" / "dev-recipe.json").unlink()
    with pytest.raises(BenchError, match=r"w/metadata\.json: field 'splits\.dev\.count' is 2, but "
                                         r"dev/ground-truth holds 1 files$"):
        load(tmp_path / "w")
    assert len(load(tmp_path / "w", split="test")) == 1


@pytest.mark.parametrize(("internal", "plain", "expected"), [
    ({"page_type": "forum"}, None, "forum"),
    ({"page_type": {"primary": "category"}}, None, "collection"),
    ({"page_type": {"confidence": "high"}}, None, "article"),
    ({"source": "draft"}, "product", "article"),  # evaluate.py reads only _internal.page_type
    (None, "forum", "article"),
    (None, None, "article"),
])
def test_page_type_forms(tmp_path: Path, internal: dict[str, Any] | None, plain: str | None,
                         expected: str) -> None:
    shutil.copytree(FIXTURE, tmp_path / "w")

    def change(record: dict[str, Any]) -> None:
        record.pop("_internal")
        if internal is not None:
            record["_internal"] = internal
        if plain is not None:
            record["page_type"] = plain

    _rewrite(tmp_path / "w" / "test" / "ground-truth" / "test-forum.json", change)
    assert load(tmp_path / "w", split="test").pages[0].page_type == expected


def test_a_page_type_of_another_kind_is_refused(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "w")
    _rewrite(tmp_path / "w" / "test" / "ground-truth" / "test-forum.json",
             lambda record: record.update(_internal={"page_type": 3}))
    with pytest.raises(BenchError, match=r"test-forum\.json: field '_internal\.page_type': must "
                                         r"be an object or a string$"):
        load(tmp_path / "w")
