"""A profile (`profile.json`) for people: rich terminal tables, and one self-contained HTML page
with the agreement matrix as a heatmap and the output lengths as histograms. The HTML follows
the run report's rules (`bench.report.html`): no script, the same Content-Security-Policy,
every piece of text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.table import Table
from rich.text import Text

from bench.report.html_parts import CSP, STYLE, heat, html_table
from bench.report.html_parts import escape as _e
from bench.report.plain import number
from bench.report.svg import histogram
from bench.scoring.profile import RATIO_BINS, Profile, ProfileRow

_SHOWN_PAIRS = 3


def _failures(row: ProfileRow) -> str:
    kinds = [f"{count} {kind}" for kind, count in row["failures"].items() if count]
    return ", ".join(kinds) or "0"


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _ratio(row: ProfileRow) -> str:
    quantiles = row["lengths"]["ratio_quantiles"]
    if quantiles is None:
        return "n/a"
    return f"{quantiles[2]:.2f} [{quantiles[1]:.2f}–{quantiles[3]:.2f}]"


HEADERS = ("extractor", "version", "pages", "pages/s", "ms p50", "p90", "p99", "max",
           "peak MB", "failures", "empty", "tokens p50", "len/visible [IQR]",
           "agreement", "F1")


def profile_rows(result: Profile) -> list[list[str]]:
    """One row of cells per extractor, under HEADERS (F1 n/a without gold)."""
    rows = []
    for row in result["extractors"]:
        ms = row["ms"]
        tokens = row["lengths"]["median_tokens"]
        rows.append([row["name"], row["version"], str(row["pages"]),
                     "n/a" if row["pages_per_second"] is None else f"{row['pages_per_second']:.1f}",
                     _ms(ms["median"]), _ms(ms["p90"]), _ms(ms["p99"]), _ms(ms["max"]),
                     "n/a" if row["peak_mb"] is None else f"{row['peak_mb']:.0f}",
                     _failures(row), _share(row["empty_share"]),
                     "n/a" if tokens is None else f"{tokens:g}", _ratio(row),
                     number(row["agreement"]), number(row["f1"])])
    return rows


def _caption(result: Profile) -> str:
    wall = result["wall_seconds"]
    speed = (f", {result['pages'] * len(result['extractors']) / wall:.1f} extractions/s wall"
             if wall else "")
    correlation = result["agreement_f1_correlation"]
    predicts = ("" if correlation is None else
                f"; agreement vs mean F1 over pages: Pearson r {correlation:.2f}")
    return (f"{result['pages']} pages{speed}; pages/s per worker (extraction time only); "
            f"lengths in tokens against {result['reference']}'s visible text{predicts}")


def profile_tables(result: Profile) -> list[Table]:
    """The extractor table, the agreement matrix and the most disputed pages."""
    main = Table(title=Text(f"profile of {result['dataset']}"), caption=Text(_caption(result)))
    for number_, header in enumerate(HEADERS):
        main.add_column(header, justify="left" if number_ < 2 or header == "failures"
                        else "right")
    for cells in profile_rows(result):
        main.add_row(*map(Text, cells))
    tables = [main]
    agreement = result["agreement"]
    if len(agreement["names"]) > 1:
        matrix = Table(title=Text("agreement: mean token F1 between outputs (pages)"))
        matrix.add_column("")
        for name in agreement["names"]:
            matrix.add_column(name, justify="right")
        for name, values, pages in zip(agreement["names"], agreement["matrix"],
                                       agreement["pages"], strict=True):
            matrix.add_row(Text(name), *(Text(f"{number(value)} ({count})" if count else
                                              number(value)) for value, count in
                                         zip(values, pages, strict=True)))
        tables.append(matrix)
    if result["disputed"]:
        disputed = Table(title=Text("most disputed pages"))
        for header in ("page", "url", "agreement", "pairs"):
            disputed.add_column(header, justify="right" if header == "agreement" else "left",
                                overflow="fold")
        for entry in result["disputed"]:
            pairs = sorted(entry["pairs"].items(), key=lambda item: item[1])[:_SHOWN_PAIRS]
            disputed.add_row(Text(entry["page"]), Text(entry["url"] or ""),
                             Text(number(entry["agreement"])),
                             Text(", ".join(f"{pair} {value:.2f}" for pair, value in pairs)))
        tables.append(disputed)
    return tables


def _bin_labels() -> list[str]:
    edges = RATIO_BINS
    return [*(f"{low:.1f}–{high:.1f}" for low, high in pairwise(edges)),
            f">{edges[-1]:.0f}"]


def render_profile(result: Profile) -> str:
    """The profile as one self-contained HTML page."""
    title = f"boilerbench profile of {result['dataset']}"
    names = result["agreement"]["names"]
    matrix_rows = [[name, *(number(value) for value in values)]
                   for name, values in zip(names, result["agreement"]["matrix"], strict=True)]
    styles = [["", *("" if value is None else heat(value) for value in values)]
              for values in result["agreement"]["matrix"]]
    charts = "".join(
        f'<figure>{histogram(row["lengths"]["ratio_histogram"], _bin_labels(), title=title_)}'
        f"<figcaption>{_e(title_)}</figcaption></figure>"
        for row in result["extractors"]
        if (title_ := f"{row['name']}: pages by output length / visible text"))
    disputed = html_table(["page", "url", "agreement", "pairs"], [
        [entry["page"], entry["url"] or "", number(entry["agreement"]),
         ", ".join(f"{pair} {value:.2f}" for pair, value in sorted(entry["pairs"].items()))]
        for entry in result["disputed"]])
    skipped = _skipped_section(result)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{_e(title)}</h1><p class=\"meta\">Run <code>{_e(result['run_id'])}</code>"
        f" · {_e(_caption(result))}</p>"
        "<h2>Extractors</h2>" + html_table(HEADERS, profile_rows(result))
        + "<h2>Agreement</h2><p class=\"meta\">Mean token F1 between two extractors' outputs "
        "on the pages both extracted; red at 0, green at 1.</p>"
        + html_table(["", *names], matrix_rows, styles=styles)
        + f'<h2>Output length</h2><div class="charts">{charts}</div>'
        + "<h2>Most disputed pages</h2>" + disputed + skipped
        + '<footer id="end" class="meta">End of profile.</footer></body></html>\n')


def _skipped_section(result: Profile) -> str:
    if not result["skipped"]:
        return ""
    counts: Sequence[tuple[str, int]] = sorted(result["skipped"].items(),
                                               key=lambda item: (-item[1], item[0]))
    return ("<h2>Records skipped</h2>" + html_table(["reason", "records"],
                                               [[reason, str(n)] for reason, n in counts])
            + "".join(f"<p class=\"meta\"><code>{_e(where)}</code></p>"
                      for where in result["damaged"]))
