"""What changed, rendered: the Markdown summary and the rich tables, names escaped."""

from __future__ import annotations

from rich.console import Console

from bench.gate import GateResult
from bench.report.gate import failure_lines, headline, markdown, tables
from tests.helpers import compared, pages, side

NAME = "a|<b>"


def regression() -> GateResult:
    before = side(pages([0.9] * 10), leaks={"navigation": (0, 4)}, name=NAME)
    after = side(pages([0.8] * 9 + [0.2]), leaks={"navigation": (1, 4)}, name=NAME)
    return compared(before, after)


def test_headline_counts_every_kind_of_change() -> None:
    assert headline(regression()) == (
        "gate FAILED: 1 extractor(s): 1 worse, 0 better, 0 within noise; pages: 10 worse, "
        "0 better; leak categories: 1 worse, 0 better")
    assert headline(regression(), title="compare").startswith("compare compared: 1 extract")


def test_failure_lines_are_capped_with_a_count() -> None:
    assert failure_lines(regression(), 2) == [
        "a|<b>: corpus F1 0.900 → 0.740", "a|<b>: page p00 F1 0.900 → 0.800",
        "... and 10 more (see the tables)"]


def test_markdown_summary() -> None:
    name = r"a\|&lt;b&gt;"
    assert markdown(regression(), page_limit=2) == f"""\
## ❌ boilerbench gate FAILED: 1 extractor(s): 1 worse, 0 better, 0 within noise; pages: \
10 worse, 0 better; leak categories: 1 worse, 0 better

run against base.json; tolerances: corpus F1 0.01, page F1 0.05, leak rate 0.

Signature: `metric:token-f1|tok:unicode-regex2026.11.19|norm:nfkc-casefold-nocf|\
data:gold-30p-0123456789ab|bb:0.1.0`

### Failures

- {name}: corpus F1 0.900 → 0.740
- {name}: page p00 F1 0.900 → 0.800
- ... and 10 more (see the tables)

### Extractors (corpus F1, paired test over common pages)

| extractor | before | after | Δ F1 | Δ 95% CI | p | pages | verdict |
|---|---:|---:|---:|---:|---:|---:|---|
| {name} | 0.900 | 0.740 | -0.160 | -0.280 to -0.100 | 0.005 | 10 | 🔴 worse |

### Pages moved beyond 0.05 (2 of 10 shown)

| extractor | page | before | after | Δ F1 | verdict |
|---|---|---:|---:|---:|---|
| {name} | p09 | 0.900 | 0.200 | -0.700 | 🔴 worse |
| {name} | p00 | 0.900 | 0.800 | -0.100 | 🔴 worse |

### Leaked snippets by category

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


def test_tables() -> None:
    console = Console(width=110, color_system=None, record=True)
    for table in tables(regression(), page_limit=2):
        console.print(table)
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines())
    assert text + "\n" == """\
                            corpus F1: run vs base.json
┏━━━━━━━━━━━┳━━━━━━━━┳━━━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━┳━━━━━━━━━┓
┃ extractor ┃ before ┃ after ┃   Δ F1 ┃         Δ 95% CI ┃     p ┃ pages ┃ verdict ┃
┡━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━━━┩
│ a|<b>     │  0.900 │ 0.740 │ -0.160 │ -0.280 to -0.100 │ 0.005 │    10 │ worse   │
└───────────┴────────┴───────┴────────┴──────────────────┴───────┴───────┴─────────┘
tolerances: corpus F1 0.01, page F1 0.05, leak rate 0; Δ CI and p from a paired test
over the pages both scored
        pages moved beyond 0.05 (2 of 10 shown)
┏━━━━━━━━━━━┳━━━━━━┳━━━━━━━━┳━━━━━━━┳━━━━━━━━┳━━━━━━━━━┓
┃ extractor ┃ page ┃ before ┃ after ┃   Δ F1 ┃ verdict ┃
┡━━━━━━━━━━━╇━━━━━━╇━━━━━━━━╇━━━━━━━╇━━━━━━━━╇━━━━━━━━━┩
│ a|<b>     │ p09  │  0.900 │ 0.200 │ -0.700 │ worse   │
│ a|<b>     │ p00  │  0.900 │ 0.800 │ -0.100 │ worse   │
└───────────┴──────┴────────┴───────┴────────┴─────────┘
       leaked snippets by category (leaked/labeled)
┏━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━┓
┃ extractor ┃ category   ┃ before   ┃ after     ┃ verdict ┃
┡━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━┩
│ a|<b>     │ navigation │ 0/4 (0%) │ 1/4 (25%) │ worse   │
└───────────┴────────────┴──────────┴───────────┴─────────┘
"""
