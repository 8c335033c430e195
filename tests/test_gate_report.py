"""What changed, rendered: the Markdown summary and the rich tables, names escaped."""

from __future__ import annotations

from rich.console import Console

from bench.gate import GateResult
from bench.report.gate import failure_lines, headline, markdown, tables, verdict_document
from tests.helpers import compared, pages, side

NAME = "a|<b>"


def regression() -> GateResult:
    before = side(pages([0.9] * 10), leaks={"navigation": (0, 4)}, name=NAME)
    after = side(pages([0.8] * 9 + [0.2]), leaks={"navigation": (1, 4)}, name=NAME)
    return compared(before, after)


def test_headline_counts_every_kind_of_change() -> None:
    assert headline(regression()) == (
        "gate FAILED: 1 extractor(s): 1 worse, 0 better, 0 within noise, 0 inconclusive; "
        "pages: 10 worse, 0 better; leak categories: 1 worse, 0 better")
    assert headline(regression(), title="compare").startswith("compare compared: 1 extract")


def test_failure_lines_are_capped_with_a_count() -> None:
    assert failure_lines(regression(), 2) == [
        "a|<b>: corpus F1 0.900 → 0.740", "a|<b>: page p00 F1 0.900 → 0.800",
        "... and 10 more (see the tables)"]


def test_markdown_summary() -> None:
    name = r"a\|&lt;b&gt;"
    assert markdown(regression(), page_limit=2) == f"""\
## ❌ boilerbench gate FAILED: 1 extractor(s): 1 worse, 0 better, 0 within noise, 0 \
inconclusive; pages: 10 worse, 0 better; leak categories: 1 worse, 0 better

run against base.json; tolerances: corpus F1 0.01, page F1 0.05, leak rate 0.

Signature: `metric:token-f1|tok:unicode-regex2026.11.19|norm:nfkc-casefold-nocf|\
data:gold-30p-0123456789ab|bb:0.1.0`

### Failures

- {name}: corpus F1 0.900 → 0.740
- {name}: page p00 F1 0.900 → 0.800
- ... and 10 more (see the tables)

### Extractors (corpus scores, paired test over common pages)

| extractor | score | before | after | Δ | Δ 95% CI | p | pages | verdict |
|---|---|---:|---:|---:|---:|---:|---:|---|
| {name} | f1 | 0.900 | 0.740 | -0.160 | -0.280 to -0.100 | 0.005 | 10 | 🔴 worse |

### Pages moved beyond 0.05 (2 of 10 shown)

| extractor | page | before | after | Δ F1 | verdict |
|---|---|---:|---:|---:|---|
| {name} | p09 | 0.900 | 0.200 | -0.700 | 🔴 worse |
| {name} | p00 | 0.900 | 0.800 | -0.100 | 🔴 worse |

### Leaks by category (pages leaked / pages labeled)

On how many of the pages labeled with a category some of its snippets reached the output; \
lower is better.

| extractor | category | before | after | verdict |
|---|---|---|---|---|
| {name} | navigation | 0/4 (0%) | 1/4 (25%) | 🔴 worse |
"""


def test_a_quiet_result_has_only_the_extractor_table_and_notes() -> None:
    before = side(pages([0.9] * 3))
    after = side(pages([0.9] * 3), signature=before["signature"].replace("bb:0.1.0", "bb:9"))
    result = compared(before, after)
    assert len(tables(result)) == 1
    text = markdown(result)
    assert text.startswith("## ✅ boilerbench gate passed: ")
    assert "### Pages" not in text and "### Failures" not in text
    assert text.endswith("### Notes\n\n- boilerbench 0.1.0 made base.json, 9 run\n")


def test_tables_at_80_columns_crop_nothing() -> None:
    """The extractor table is wider than 80 columns: the test's figures move to a second
    table; ids and numbers are whole."""
    console = Console(width=80, color_system=None, record=True)
    for table in tables(regression(), page_limit=2, width=80):
        console.print(table)
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines())
    assert max(map(len, text.splitlines())) <= 80
    assert text + "\n" == """\
           corpus scores: run against baseline
┏━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━┳━━━━━━━┳━━━━━━━━┳━━━━━━━━━┓
┃ extractor ┃ score ┃ before ┃ after ┃      Δ ┃ verdict ┃
┡━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━╇━━━━━━━╇━━━━━━━━╇━━━━━━━━━┩
│ a|<b>     │ f1    │  0.900 │ 0.740 │ -0.160 │ worse   │
└───────────┴───────┴────────┴───────┴────────┴─────────┘
tolerances: corpus F1 0.01, page F1 0.05, leak rate 0; Δ
CI and p from a paired test over the pages both scored
corpus scores: run against baseline (continued)
┏━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━┓
┃ extractor ┃         Δ 95% CI ┃     p ┃ pages ┃
┡━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━┩
│ a|<b>     │ -0.280 to -0.100 │ 0.005 │    10 │
└───────────┴──────────────────┴───────┴───────┘
        pages moved beyond 0.05 (2 of 10 shown)
┏━━━━━━┳━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━┳━━━━━━━━┳━━━━━━━┓
┃ page ┃ extractor ┃   Δ F1 ┃ verdict ┃ before ┃ after ┃
┡━━━━━━╇━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━╇━━━━━━━━╇━━━━━━━┩
│ p09  │ a|<b>     │ -0.700 │ worse   │  0.900 │ 0.200 │
│ p00  │ a|<b>     │ -0.100 │ worse   │  0.900 │ 0.800 │
└──────┴───────────┴────────┴─────────┴────────┴───────┘
      leaks by category: pages leaked / pages labeled
┏━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━┓
┃ category   ┃ extractor ┃   before ┃     after ┃ verdict ┃
┡━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━┩
│ navigation │ a|<b>     │ 0/4 (0%) │ 1/4 (25%) │ worse   │
└────────────┴───────────┴──────────┴───────────┴─────────┘
On how many of the pages labeled with a category some of
its snippets reached the output; lower is better.
"""


def structure_regression() -> GateResult:
    """A structure run whose tables got worse and whose links went unscored, while its
    headings got better and its overall F1 did not move."""
    before, after = side(pages([0.9] * 10), name="x@md"), side(pages([0.9] * 10), name="x@md")
    before["extractors"]["x@md"]["kinds"] = {"headings": 0.75, "table_cells": 0.5, "links": 0.5}
    after["extractors"]["x@md"]["kinds"] = {"headings": 0.875, "table_cells": 0.25}
    return compared(before, after)


def test_each_kind_is_a_check_of_the_verdict() -> None:
    result = structure_regression()
    assert result.failures == ["x@md: table_cells lost structure, F1 0.500 → 0.250",
                               "x@md: links lost structure, F1 0.500 → not scored"]
    assert headline(result).endswith(
        "leak categories: 0 worse, 0 better; structure kinds: 2 worse, 1 better")
    checks = verdict_document(result, exit_status=1)["checks"]
    assert [check for check in checks if check["check"] == "kind"] == [
        {"check": "kind", "extractor": "x@md", "kind": "headings", "before": 0.75,
         "after": 0.875, "delta": 0.125, "tolerance": "0.01", "verdict": "better",
         "passed": True, "reason": "headings F1 +0.125, tolerance 0.01"},
        {"check": "kind", "extractor": "x@md", "kind": "table_cells", "before": 0.5,
         "after": 0.25, "delta": -0.25, "tolerance": "0.01", "verdict": "worse",
         "passed": False, "reason": "table_cells F1 -0.250, tolerance 0.01"},
        {"check": "kind", "extractor": "x@md", "kind": "links", "before": 0.5, "after": None,
         "delta": None, "tolerance": "0.01", "verdict": "worse", "passed": False,
         "reason": "links F1 not scored, tolerance 0.01"}]


def test_an_unchanged_kind_passes_with_no_reason() -> None:
    before = side(pages([0.9] * 3), name="x@md")
    before["extractors"]["x@md"]["kinds"] = {"headings": 0.75}
    result = compared(before, before)
    assert result.passed
    assert [check for check in verdict_document(result, exit_status=0)["checks"]
            if check["check"] == "kind"] == [
        {"check": "kind", "extractor": "x@md", "kind": "headings", "before": 0.75,
         "after": 0.75, "delta": 0.0, "tolerance": "0.01", "verdict": "same", "passed": True,
         "reason": None}]


def test_the_kinds_table_in_markdown_and_on_the_terminal() -> None:
    result = structure_regression()
    text = markdown(result)
    section = text[text.index("### Structure by element kind"):]
    assert section == """\
### Structure by element kind (tolerance 0.01)

F1 per kind of element (docs/scoring.md); not scored: the run's outputs were not Markdown.

| extractor | kind | before | after | Δ F1 | verdict |
|---|---|---:|---:|---:|---|
| x@md | headings | 0.750 | 0.875 | +0.125 | 🟢 better |
| x@md | table\\_cells | 0.500 | 0.250 | -0.250 | 🔴 worse |
| x@md | links | 0.500 | not scored | n/a | 🔴 worse |
"""
    console = Console(width=80, color_system=None, record=True)
    console.print(tables(result, width=80)[-1])
    assert "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n" == """\
            structure F1 by element kind: tolerance 0.01
┏━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━━━┓
┃ kind        ┃ extractor ┃ before ┃      after ┃      Δ ┃ verdict ┃
┡━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━┩
│ headings    │ x@md      │  0.750 │      0.875 │ +0.125 │ better  │
│ table_cells │ x@md      │  0.500 │      0.250 │ -0.250 │ worse   │
│ links       │ x@md      │  0.500 │ not scored │    n/a │ worse   │
└─────────────┴───────────┴────────┴────────────┴────────┴─────────┘
F1 per kind of element (docs/scoring.md); not scored: the run's
outputs were not Markdown
"""


def test_a_run_without_kinds_has_no_kinds_table() -> None:
    result = regression()
    assert "structure kinds" not in headline(result)
    assert "### Structure" not in markdown(result)
    assert len(tables(result)) == 3
