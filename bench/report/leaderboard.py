"""A suite as a leaderboard: the datasets x extractors table of F1 (official metric with its
interval, and token-F1), grouped by what each dataset's gold keeps; mean ranks overall and per
group; the rank agreement between every pair of datasets; published figures beside ours. As
terminal tables, Markdown, and one self-contained HTML page under the run report's rules (no
script, nothing loaded, a Content-Security-Policy forbidding both, every text escaped).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.table import Table
from rich.text import Text

from bench.data.catalogue import KEEPS
from bench.report import markdown
from bench.report.html_parts import CSP, F1_COLOUR_FLOOR, STYLE, heat, html_table
from bench.report.html_parts import escape as _e
from bench.report.plain import interval, number

Suite = Mapping[str, Any]


def _groups(suite: Suite) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """The suite's datasets by what their gold keeps, in the catalogue's order of groups."""
    return [(keeps, entries) for keeps in KEEPS
            if (entries := [e for e in suite["datasets"] if e["keeps"] == keeps])]


def _cell(entry: Mapping[str, Any], name: str) -> str:
    """Official F1 with its interval, then token-F1 (when it is another metric)."""
    official = entry["scores"][entry["metric"]].get(name) or {}
    text = f"{number(official.get('f1'))} [{interval(official.get('ci'))}]"
    if entry["metric"] != "token-f1":
        token = entry["scores"]["token-f1"].get(name) or {}
        text += f" / {number(token.get('f1'))}"
    return text


def score_headers(suite: Suite) -> list[str]:
    """Columns of the main table."""
    return ["gold keeps", "dataset", "pages", "metric", *suite["extractors"]]


def score_rows(suite: Suite) -> list[list[str]]:
    """One row per dataset, grouped by what its gold keeps."""
    return [[keeps, entry["name"] + (" (sample)" if entry["sample"] else ""),
             str(entry["pages"]), entry["metric"],
             *(_cell(entry, name) for name in suite["extractors"])]
            for keeps, entries in _groups(suite) for entry in entries]


def rank_headers(suite: Suite) -> list[str]:
    """Columns of the mean-rank table: all datasets, then each group."""
    return ["extractor", *(f"mean rank: {group}" for group in suite["leaderboard"]["mean_rank"])]


def rank_rows(suite: Suite) -> list[list[str]]:
    """Each extractor's mean rank (and how many datasets ranked it), best overall first."""
    ranks = suite["leaderboard"]["mean_rank"]
    return [[name, *(f"{r['rank']:.2f} ({r['datasets']})" if (r := group.get(name)) else "-"
                     for group in ranks.values())]
            for name in ranks["all"]]


def agreement_rows(suite: Suite) -> list[list[str]]:
    """The rank agreement matrix (Spearman's rho), one row per dataset."""
    matrix = suite["leaderboard"]["agreement"]
    return [[a, *(number(rho, 2) for rho in row.values())] for a, row in matrix.items()]


def published_rows(suite: Suite) -> list[list[str]]:
    """Figures the catalogue records for an extractor of the suite, beside ours."""
    rows = []
    for entry in suite["datasets"]:
        ours = entry["scores"][entry["metric"]]
        for item in entry["published"]:
            if item["extractor"] in ours:
                mine = ours[item["extractor"]]
                rows.append([entry["name"], item["extractor"], f"{item['f1']:.3f}",
                             item["version"], number(mine["f1"]), mine["version"],
                             entry["published_source"]])
    return rows


PUBLISHED_HEADERS = ["dataset", "extractor", "published F1", "published with", "ours",
                     "our version", "source"]
NOTE = ("cells: F1 of the dataset's official metric [95% interval] / token-F1; ranks and "
        "agreement from the official metric; (sample): the shared excerpt, not the whole set")


def terminal_tables(suite: Suite) -> list[Table]:
    """The leaderboard as rich tables."""
    tables = []
    for title, headers, rows in (
            ("suite: F1 by dataset and extractor", score_headers(suite), score_rows(suite)),
            ("mean rank (datasets ranked)", rank_headers(suite), rank_rows(suite)),
            ("rank agreement between datasets (Spearman)",
             ["dataset", *suite["leaderboard"]["agreement"]], agreement_rows(suite)),
            ("published figures beside ours", PUBLISHED_HEADERS, published_rows(suite))):
        if not rows:
            continue
        table = Table(title=Text(title))
        for header in headers:
            table.add_column(Text(header))
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        tables.append(table)
    return tables


def to_markdown(suite: Suite) -> str:
    """The leaderboard as Markdown."""
    parts = [f"# boilerbench suite {suite['suite_id']}\n", NOTE + "\n"]
    for title, headers, rows in (
            ("F1 by dataset and extractor", score_headers(suite), score_rows(suite)),
            ("Mean rank", rank_headers(suite), rank_rows(suite)),
            ("Rank agreement (Spearman)", ["dataset", *suite["leaderboard"]["agreement"]],
             agreement_rows(suite)),
            ("Published figures beside ours", PUBLISHED_HEADERS, published_rows(suite))):
        if rows:
            parts.append(f"## {title}\n\n" + markdown.table(headers, rows))
    parts.append("## What each dataset's gold keeps\n\n" + markdown.table(
        ["dataset", "gold keeps", "in words", "licence", "signature"],
        [[e["name"], e["keeps"], e["keeps_detail"], e["licence"],
          e["signatures"][e["metric"]]] for e in suite["datasets"]]))
    return "\n".join(parts)


def _agreement_heatmap(suite: Suite) -> str:
    """The agreement matrix, rho -1 red through 0 yellow to 1 green."""
    matrix: Mapping[str, Mapping[str, float | None]] = suite["leaderboard"]["agreement"]
    names = list(matrix)
    styles = [["", *("" if rho is None else heat((rho + 1) / 2) for rho in row.values())]
              for row in matrix.values()]
    return html_table(["dataset", *names], agreement_rows(suite), styles=styles)


def _score_table(suite: Suite) -> str:
    """The main table, each official F1 on the run report's colour scale."""
    styles = []
    for _keeps, entries in _groups(suite):
        for entry in entries:
            official = entry["scores"][entry["metric"]]
            styles.append(["", "", "", "", *("" if (f1 := (official.get(n) or {}).get("f1"))
                                             is None else heat(f1, low=F1_COLOUR_FLOOR)
                                             for n in suite["extractors"])])
    return html_table(score_headers(suite), score_rows(suite), styles=styles)


def render(suite: Suite) -> str:
    """The leaderboard as one self-contained HTML page."""
    sections = [
        f"<h1>boilerbench suite {_e(suite['suite_id'])}</h1>",
        f"<p class=\"meta\">{_e(NOTE)}; boilerbench {_e(suite['boilerbench'])}</p>",
        "<h2>F1 by dataset and extractor</h2>", _score_table(suite),
        "<h2>Mean rank</h2>", html_table(rank_headers(suite), rank_rows(suite)),
        "<h2>Rank agreement between datasets (Spearman's rho)</h2>", _agreement_heatmap(suite),
    ]
    if rows := published_rows(suite):
        sections += ["<h2>Published figures beside ours</h2>", html_table(PUBLISHED_HEADERS, rows)]
    sections += ["<h2>What each dataset's gold keeps</h2>", html_table(
        ["dataset", "gold keeps", "in words", "licence", "signature"],
        [[e["name"], e["keeps"], e["keeps_detail"], e["licence"], e["signatures"][e["metric"]]]
         for e in suite["datasets"]])]
    if suite["missing"]:
        sections.append(f"<p class=\"meta\">not present: {_e(', '.join(suite['missing']))}</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_e(CSP)}\">"
            f"<title>boilerbench suite {_e(suite['suite_id'])}</title>"
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(sections)
            + "\n</body></html>\n")
