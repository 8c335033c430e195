"""The structure metric: each kind of element is scored on its own, losing one kind of
structure lowers exactly that kind, and the plain-text metrics cannot see any of it."""

from __future__ import annotations

import copy
import io
import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from bench.cli import main
from bench.data.page import Gold
from bench.gate import Checks, baseline_of, gate
from bench.gold.format import bundled_gold_dir, load_page
from bench.report.html import render
from bench.run.finished import Run
from bench.scoring.metrics import get_metric
from bench.scoring.metrics.structure import KINDS, Structure, pair, same_target
from bench.scoring.page_scores import score_fields
from bench.text.markdown import parse, plain_text

GOLD = """\
# Harbour ferries return

The council's [timetable](https://example.org/ferries/timetable) starts on Monday.

## Crossings

- North pier
  - 07:10 departure
  - 07:40 departure
- South pier

| route | boats | minutes |
|---|---|---|
| North | 3 | 25 |
| South | 2 | 40 |

```
fare = base * 1.05
```

> We waited two winters for this.

See [the map](/ferries/map) for the piers.
"""

FLATTENED_TABLE = GOLD.replace("| route | boats | minutes |\n|---|---|---|\n| North | 3 | 25 |\n"
                               "| South | 2 | 40 |", "route boats minutes\n\nNorth 3 25\n\n"
                               "South 2 40")
HEADINGS_AS_PARAGRAPHS = GOLD.replace("# Harbour", "Harbour").replace("## Crossings", "Crossings")
LIST_WITHOUT_NESTING = GOLD.replace("  - 07:10", "- 07:10").replace("  - 07:40", "- 07:40")
LINK_WITHOUT_TARGET = GOLD.replace("[timetable](https://example.org/ferries/timetable)",
                                   "timetable")


def _details(gold: str, output: str) -> dict[str, dict[str, float]]:
    metric = Structure()
    return metric.details(metric.page_stats(gold, output))


def test_gold_against_itself_is_perfect() -> None:
    details = _details(GOLD, GOLD)
    assert {kind: row["f1"] for kind, row in details.items()} == dict.fromkeys(KINDS, 1.0)
    assert {kind: row["tp"] for kind, row in details.items()} == {
        "headings": 2, "list_items": 4, "table_cells": 9, "code_blocks": 1, "links": 2,
        "quotes": 1}


@pytest.mark.parametrize(("output", "kind", "f1"), [
    (FLATTENED_TABLE, "table_cells", 0.0),
    (HEADINGS_AS_PARAGRAPHS, "headings", 0.0),
    (LIST_WITHOUT_NESTING, "list_items", 0.5),  # the two nested items lose depth and list
    (LINK_WITHOUT_TARGET, "links", 2 / 3),  # one of two links left: P 1, R 0.5
])
def test_losing_one_kind_of_structure_lowers_exactly_that_kind(output: str, kind: str,
                                                                f1: float) -> None:
    assert plain_text(output).split() == plain_text(GOLD).split()  # same words, same order
    details = _details(GOLD, output)
    assert details[kind]["f1"] == pytest.approx(f1)
    assert {k: row["f1"] for k, row in details.items() if k != kind} == {
        k: 1.0 for k in KINDS if k != kind}


@pytest.mark.parametrize("output", [FLATTENED_TABLE, HEADINGS_AS_PARAGRAPHS,
                                    LIST_WITHOUT_NESTING, LINK_WITHOUT_TARGET])
@pytest.mark.parametrize("name", ["token-f1", "lcs", "aeb", "wcxb"])
def test_plain_text_metrics_do_not_see_structure(output: str, name: str) -> None:
    metric = get_metric(name)
    body = plain_text(GOLD)
    assert metric.page_score(body, plain_text(output)) == metric.page_score(body, body)


@pytest.mark.parametrize("name", ["token-f1", "lcs", "aeb", "snippets", "wcxb"])
def test_plain_text_scores_ignore_the_structured_gold(name: str) -> None:
    plain, structured = Gold(body=plain_text(GOLD), with_snippets=("ferries",)), Gold(
        body=plain_text(GOLD), with_snippets=("ferries",), markdown=GOLD)
    metric = get_metric(name)
    output = "Harbour ferries return. The council's timetable starts on Monday."
    assert score_fields(structured, output, metric) == score_fields(plain, output, metric)


def test_plain_text_outputs_are_not_applicable_not_zero() -> None:
    gold = Gold(body=plain_text(GOLD), markdown=GOLD)
    metric = Structure()
    text = score_fields(gold, plain_text(GOLD), metric, output_format="text")
    assert (text["stats"], text["f1"]) == (None, None)
    assert score_fields(gold, GOLD, metric, output_format="markdown")["f1"] == 1.0
    assert score_fields(Gold(body="no structure given"), GOLD, metric,
                        output_format="markdown")["f1"] is None


def test_a_heading_at_the_wrong_level_is_a_miss_and_a_false_heading() -> None:
    details = _details(GOLD, GOLD.replace("## Crossings", "### Crossings"))
    assert details["headings"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5,
                                        "recall": 0.5, "f1": 0.5}


def test_heading_text_written_differently_still_matches() -> None:
    output = GOLD.replace("# Harbour ferries return", "# HARBOUR FERRIES RETURN!")
    assert _details(GOLD, output)["headings"]["f1"] == 1.0


def test_a_table_missing_its_header_row_keeps_the_rows_it_has() -> None:
    output = GOLD.replace("| route | boats | minutes |\n|---|---|---|\n| North | 3 | 25 |\n",
                          "| North | 3 | 25 |\n|---|---|---|\n")
    assert _details(GOLD, output)["table_cells"] == {
        "tp": 6, "fp": 0, "fn": 3, "precision": 1.0, "recall": 2 / 3, "f1": 0.8}


def test_cells_in_the_wrong_column_do_not_count() -> None:
    output = GOLD.replace("| North | 3 | 25 |", "| North | 25 | 3 |")
    assert _details(GOLD, output)["table_cells"]["tp"] == 7


def test_code_counts_its_character_similarity_and_white_space() -> None:
    output = GOLD.replace("fare = base * 1.05", "fare  = base * 1.05")
    tp = _details(GOLD, output)["code_blocks"]["tp"]
    assert tp == pytest.approx(1 - 1 / 37)  # Indel: 1 insertion over 18 + 19 characters


def test_items_moved_to_another_list_lose_their_membership() -> None:
    output = GOLD.replace("- South pier", "\nBetween the lists.\n\n- South pier")
    # North pier's list keeps its items; South pier now starts a list of its own.
    assert _details(GOLD, output)["list_items"]["tp"] == 3


def test_link_targets() -> None:
    assert same_target("/ferries/map", "https://www.example.org/ferries/map/")
    assert same_target("../ferries/map", "http://example.org/a/ferries/map")
    assert same_target("https://example.org/x", "http://www.example.org/x/")
    assert not same_target("/ferries/map", "https://example.org/ferries/timetable")
    assert not same_target("https://example.org/x", "https://example.com/x")


def test_relative_targets_resolve_against_the_page_url() -> None:
    gold = Gold(body="Note 1", markdown="Note [1](#cite-1)", url="https://example.org/wiki/Palm")
    metric = Structure()

    def links(output: str) -> float:
        stats = metric.gold_stats(gold, output)
        assert stats is not None
        return metric.details(stats)["links"]["tp"]

    assert links("Note [1](https://example.org/wiki/Palm#cite-1)") == 1
    assert links("Note [1](https://example.org#cite-1)") == 0  # the site's root, another page
    assert links("Note [1](#cite-1)") == 1


def test_pairs_are_one_to_one_and_equal_keys_first() -> None:
    assert pair(["a", "b", "a"], ["a", "c", "a"], key=lambda x: x, threshold=1.0,
                similarity=lambda g, o: 0.0) == [(0, 0, 1.0), (2, 2, 1.0)]
    assert pair(["ab"], ["ax", "ab"], key=lambda x: x, threshold=0.4,
                similarity=lambda g, o: 0.5) == [(0, 1, 1.0)]


def test_the_corpus_pools_elements_over_pages() -> None:
    metric = Structure()
    stats = [metric.page_stats(GOLD, GOLD), metric.page_stats(GOLD, FLATTENED_TABLE)]
    values = metric.corpus_score(stats, resamples=10).values
    assert values["table_cells_gold"] == 18
    assert values["table_cells_recall"] == 0.5
    assert values["headings_f1"] == 1.0
    assert values["recall"] == pytest.approx(29 / 38)  # 19 elements a page; 9 cells lost


def test_worked_example_of_the_docs() -> None:
    gold = "## Fares\n\n- Adults\n- Children\n  - under 5 free\n\n[Book](/book)\n"
    output = "### Fares\n\n- Adults\n- Children\n- under 5 free\n\nBook\n"
    details = _details(gold, output)
    assert [details["headings"][k] for k in ("tp", "fp", "fn")] == [0, 1, 1]
    assert [details["list_items"][k] for k in ("tp", "fp", "fn")] == [2, 1, 1]
    assert [details["links"][k] for k in ("tp", "fp", "fn")] == [0, 0, 1]
    score = Structure().page_score(gold, output)
    assert (score.precision, score.recall) == (0.5, 0.4)
    assert score.f1 == pytest.approx(4 / 9)


def test_score_command_prints_kinds(tmp_path: Path) -> None:
    (tmp_path / "gold.md").write_text(GOLD, encoding="utf-8")
    (tmp_path / "out.md").write_text(FLATTENED_TABLE, encoding="utf-8")
    out = io.StringIO()
    assert main(["score", str(tmp_path / "gold.md"), str(tmp_path / "out.md"), "--metric",
                 "structure", "--json"], console=Console(file=out, width=200)) == 0
    result = json.loads(out.getvalue())
    assert result["kinds"]["table_cells"]["fn"] == 9
    assert result["kinds"]["headings"]["f1"] == 1.0
    assert result["signature"].startswith("metric:structure|tok:unicode")
    text = io.StringIO()
    main(["score", str(tmp_path / "gold.md"), str(tmp_path / "out.md"), "--metric",
          "structure"], console=Console(file=text, width=200))
    assert "table_cells" in text.getvalue()


@pytest.fixture(scope="module")
def structure_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, str]:
    """trafilatura (plain text) and html2text (Markdown) on one gold page with a table."""
    reports, out = tmp_path_factory.mktemp("reports"), io.StringIO()
    assert main(["run", "-e", "trafilatura", "-e", "html2text", "--metric", "structure",
                 "--page", "en-loomwright-*", "--no-progress", "--no-cache",
                 "--reports-dir", str(reports)], console=Console(file=out, width=250)) == 0
    return Run.load(next(reports.iterdir())), out.getvalue()


def test_a_run_scores_markdown_outputs_and_leaves_text_ones_out(
        structure_run: tuple[Run, str]) -> None:
    run, out = structure_run
    rows = {row["name"]: row for row in run.summary["extractors"]}
    assert rows["trafilatura"]["f1"] is None and rows["trafilatura"]["scored_pages"] == 0
    assert rows["html2text"]["scored_pages"] == 1
    assert (rows["html2text"]["values"] or {})["table_cells_gold"] == 12
    assert "structure F1 by element kind" in out
    assert "headings_f1" not in out  # per-kind values are in the kinds table, not the summary


def test_the_html_report_has_a_kinds_heatmap(structure_run: tuple[Run, str]) -> None:
    run, _ = structure_run
    page = render(run, None)
    section = page[page.index("<h2>Structure by element kind</h2>"):]
    section = section[:section.index("</table>")]
    assert "<th>html2text</th>" in section and "<th>trafilatura</th>" in section
    assert "<td>table_cells</td><td class=\"n\">12</td>" in section
    assert "n/a" in section  # trafilatura's text outputs, never scored on structure


def test_the_gate_names_a_kind_that_lost_its_structure(structure_run: tuple[Run, str]) -> None:
    run, _ = structure_run
    before = baseline_of(run)
    assert before["extractors"]["html2text"]["kinds"]["table_cells"] > 0.4
    assert "kinds" not in before["extractors"]["trafilatura"]
    after = copy.deepcopy(before)
    after["extractors"]["html2text"]["kinds"]["table_cells"] = 0.0
    checks = Checks.parse(corpus="0.01", page="0.1", leak="0.1")
    result = gate(before, after, checks=checks, before_name="baseline", after_name="run")
    old = before["extractors"]["html2text"]["kinds"]["table_cells"]
    assert result.failures == [f"html2text: table_cells lost structure, F1 {old:.3f} → 0.000"]
    assert gate(before, before, checks=checks, before_name="a", after_name="b").passed


def test_parse_reads_every_kind() -> None:
    structure = parse(GOLD)
    assert [(h.text, h.level) for h in structure.headings] == [
        ("Harbour ferries return", 1), ("Crossings", 2)]
    assert [(i.text, i.depth) for i in structure.items] == [
        ("North pier", 1), ("South pier", 1), ("07:10 departure", 2), ("07:40 departure", 2)]
    assert structure.code == ("fare = base * 1.05",)
    assert structure.quotes == ("We waited two winters for this.",)
    assert [link.target for link in structure.links] == [
        "https://example.org/ferries/timetable", "/ferries/map"]


def test_score_predictions_in_markdown(tmp_path: Path) -> None:
    page = "en-loomwright-felted-merino-blanket"
    for suffix in (".html", ".toml"):
        shutil.copy(bundled_gold_dir() / f"{page}{suffix}", tmp_path / f"{page}{suffix}")
    markdown = load_page(tmp_path / f"{page}.toml").markdown
    predictions = tmp_path / "perfect.json"
    predictions.write_text(json.dumps({page: {"articleBody": markdown}}), encoding="utf-8")

    def f1(*options: str) -> float | None:
        out = io.StringIO()
        assert main(["score-predictions", "--dataset", str(tmp_path), str(predictions),
                     "--metric", "structure", "--jobs", "1", "--json", *options],
                    console=Console(file=out, width=200)) == 0
        value: float | None = json.loads(out.getvalue())["systems"][0]["f1"]
        return value

    assert f1("--output-format", "markdown") == 1.0
    assert f1() is None  # predictions are plain text unless said otherwise
