"""A run as Markdown, CSV or JSON, and the table rows every report format shares (the HTML
report draws the same rows): the summary with intervals, mean page F1 by language and page
type, and leaks by category."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from bench.report.markdown import table
from bench.run.finished import Run, without_output
from bench.scoring.breakdown import mean_f1_by
from bench.scoring.records import ExtractorRow, PageRecord, ScoresSummary, Summary
from bench.scoring.summary import by_f1

_HEADLINE = ("precision", "recall", "f1")
BREAKDOWNS = {"language": "language", "page_type": "page type"}
"""Record fields the reports break F1 down by, and their titles."""
CSV_FIELDS = ("page", "extractor", "version", "language", "page_type", "precision", "recall",
              "f1", "error", "leaked", "duplication", "seconds")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def number(value: float | None, digits: int = 3) -> str:
    """A score as text; n/a for None."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def interval(pair: Sequence[float] | None) -> str:
    """A confidence interval as `low–high`; n/a for None."""
    return "n/a" if pair is None else f"{pair[0]:.3f}–{pair[1]:.3f}"


def ranked(summary: Summary) -> list[ExtractorRow]:
    """The summary's extractor rows, best F1 first."""
    return by_f1(summary["extractors"])


def extra_fields(rows: Sequence[ScoresSummary]) -> list[str]:
    """Corpus values beyond P/R/F1 worth a column (aeb's accuracy, wcxb's snippet rates);
    pooled micro scores stay in JSON, and structure's values per element kind go to the kinds
    table (`kind_rows`)."""
    fields: dict[str, None] = {}
    for row in rows:
        fields.update(dict.fromkeys(key for key in row["values"] or {}
                                    if key not in _HEADLINE and not key.startswith("micro_")
                                    and not key.endswith(_KIND_DETAILS)))
    return list(fields)


_KIND_DETAILS = ("_f1", "_precision", "_recall", "_gold")


KindRow = tuple[str, int, list[tuple[float, ...] | None]]


def kind_rows(rows: Sequence[ScoresSummary]) -> list[KindRow]:
    """The structure metric's kinds (those with a `<kind>_gold` count), each with its gold
    count and, per row, (F1, precision, recall) or None for a row without scores."""
    kinds = list(dict.fromkeys(key.removesuffix("_gold") for row in rows
                               for key in row["values"] or {} if key.endswith("_gold")))
    result = []
    for kind in kinds:
        gold = max(int((row["values"] or {}).get(f"{kind}_gold", 0)) for row in rows)
        scores = [None if not (values := row["values"]) or f"{kind}_f1" not in values else
                  tuple(values[f"{kind}_{what}"] for what in ("f1", "precision", "recall"))
                  for row in rows]
        result.append((kind, gold, scores))
    return result


def summary_headers(summary: Summary) -> list[str]:
    """The summary table's headers: the metric's extra corpus values sit after the interval."""
    return ["extractor", "version", "precision", "recall", "F1", "F1 95% CI",
            *extra_fields(summary["extractors"]), "pages", "failures", "median ms"]


def summary_rows(summary: Summary) -> list[list[str]]:
    """One row of `summary_headers` cells per extractor, best F1 first."""
    extra = extra_fields(summary["extractors"])
    rows = []
    for row in ranked(summary):
        values = row["values"] or {}
        rows.append([row["name"], row["version"], number(row["precision"]),
                     number(row["recall"]), number(row["f1"]),
                     interval((row["ci"] or {}).get("f1")),
                     *(number(values.get(key)) for key in extra),
                     str(row["pages"]), str(row["failures"]), number(row["median_ms"], 1)])
    return rows


RANKING_HEADERS = ("extractor", "next below", "Δ mean page F1", "95% CI", "p", "pages",
                   "verdict")


def ranking_rows(summary: Summary) -> list[list[str]]:
    """One row of RANKING_HEADERS cells per neighbouring pair of the table (summary
    "ranking"): is the difference more than chance?"""
    return [[pair["better"], pair["worse"], f"{pair['delta']:+.3f}",
             f"{pair['ci'][0]:+.3f} to {pair['ci'][1]:+.3f}", f"{pair['p_value']:.3f}",
             str(pair["pages"]), "better" if pair["significant"] and pair["delta"] > 0
             else "not distinguishable"] for pair in summary["ranking"]]


def leak_rows(summary: Summary) -> list[tuple[str, list[tuple[int, int] | None]]]:
    """Per category: (leaked pages, labeled pages) for each extractor (best first), None where
    the extractor has no page labeled with it."""
    rows = ranked(summary)
    categories = sorted({category for row in rows for category in row["leaks"]})
    return [(category, [None if (counts := row["leaks"].get(category)) is None
                        else (counts["leaked_pages"], counts["pages"]) for row in rows])
            for category in categories]


def breakdown_rows(run: Run, field: str) -> list[tuple[str, list[tuple[float, int] | None]]]:
    """Per value of `field`: (mean page F1, scored pages) of each extractor, best first
    (None where it scored no page with that value)."""
    names = [row["name"] for row in ranked(run.summary)]
    return [(value, [by_name.get(name) for name in names])
            for value, by_name in mean_f1_by(run.records, field, names).items()]


def f1_cell(pair: tuple[float, int] | None) -> str:
    """A breakdown cell: mean F1 and, in brackets, the pages it is over."""
    return "" if pair is None else f"{pair[0]:.3f} ({pair[1]})"


def _breakdown_rows(run: Run, field: str) -> list[list[str]]:
    return [[value, *map(f1_cell, pairs)] for value, pairs in breakdown_rows(run, field)]


def to_markdown(run: Run) -> str:
    """Summary, breakdowns and leaks as Markdown tables (no page text)."""
    summary = run.summary
    names = [row["name"] for row in ranked(summary)]
    parts = [f"# boilerbench {summary['metric']} on {summary['dataset']['label']}\n",
             f"Run `{summary['run_id']}`; signature `{summary['signature']}`.\n",
             table(headers := summary_headers(summary), summary_rows(summary),
                   right=[False, False, *[True] * (len(headers) - 2)])]
    for field, title in BREAKDOWNS.items():
        parts.append(f"## Mean page F1 by {title} (scored pages)\n\n"
                     + table([title, *names], _breakdown_rows(run, field),
                             right=[False, *[True] * len(names)]))
    if ranking := ranking_rows(summary):
        parts.append("## Does each extractor beat the next one? (paired test over pages)\n\n"
                     + table(RANKING_HEADERS, ranking, right=[False, False, *[True] * 4, False]))
    leaks = leak_rows(summary)
    if leaks:
        parts.append("## Leaks by category (pages leaked / pages labeled)\n\n" + table(
            ["category", *names],
            [[category, *("" if pair is None else f"{pair[0]}/{pair[1]}" for pair in pairs)]
             for category, pairs in leaks], right=[False, *[True] * len(names)]))
    return "\n".join(parts)


def leaked(record: PageRecord, *, only_leaked: bool = True) -> str:
    """A record's leaks as `category leaked/labeled` items (only categories that leaked)."""
    return ", ".join(f"{category} {count}/{labeled}" for category, (count, labeled)
                     in sorted((record.get("leaks") or {}).items())
                     if count or not only_leaked)


def _safe(value: object) -> object:
    """Keep a spreadsheet from reading a text cell as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(run: Run) -> str:
    """One row per page and extractor: scores, error, leaks (no output text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    rows = (without_output(record) for record in run.records)  # outputs are never all held
    for record in sorted(rows, key=lambda r: (str(r["page"]), str(r["extractor"]))):
        values: Sequence[object] = [*(record.get(field) for field in CSV_FIELDS[:9]),
                                    leaked(record, only_leaked=False),
                                    record.get("duplication"),
                                    record.get("seconds")]
        writer.writerow(["" if value is None else _safe(value) for value in values])
    return buffer.getvalue()


def to_json(run: Run) -> str:
    """The manifest, the summary, the breakdowns and every record without its output."""
    names = [row["name"] for row in ranked(run.summary)]
    breakdowns = {field: {value: {name: {"f1": mean, "pages": pages}
                                  for name, (mean, pages) in by_name.items()}
                          for value, by_name in mean_f1_by(run.records, field, names).items()}
                  for field in BREAKDOWNS}
    pages = [{key: value for key, value in record.items() if key != "output"}
             for record in run.records]
    return json.dumps({"schema": 1, "run": dict(run.manifest), "summary": dict(run.summary),
                       "mean_page_f1_by": breakdowns, "pages": pages},
                      ensure_ascii=False, indent=2) + "\n"
