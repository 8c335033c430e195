"""A run as one self-contained HTML file: summary with intervals, charts (inline SVG), F1
heatmaps by language and page type, leaks by category, and a drill-down per page with the gold
and every output diffed.

The file loads nothing and runs nothing: no script, no external resource, and a
Content-Security-Policy that forbids both, so that even a mistake cannot make a page's own
markup live. Every piece of page, output and name text goes through `_e`
(`bench.report.html_parts.escape`), in elements and attributes alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.data.page import Dataset, Page
from bench.report.diff import Segment, diff
from bench.report.html_parts import CSP, F1_COLOUR_FLOOR, STYLE, heat, html_table
from bench.report.html_parts import escape as _e
from bench.report.plain import (
    BREAKDOWNS,
    RANKING_HEADERS,
    breakdown_rows,
    f1_cell,
    kind_rows,
    leak_rows,
    leaked,
    number,
    ranked,
    ranking_rows,
    summary_headers,
    summary_rows,
)
from bench.report.svg import Bar, Point, bars, scatter
from bench.run.finished import Run
from bench.scoring.records import PageRecord, Summary


def _f1_style(value: float | None) -> str:
    return "" if value is None else heat(value, low=F1_COLOUR_FLOOR)


def _summary_section(summary: Summary) -> str:
    rows = summary_rows(summary)
    boot = summary["bootstrap"]
    return ("<h2>Summary</h2>" + html_table(summary_headers(summary), rows)
            + f'<p class="meta">{_e(summary["averaging"])}. CI: {boot["confidence"]:.0%} '
            f'bootstrap over pages, {boot["resamples"]} resamples, seed {boot["seed"]}.</p>')


def _ranking_section(summary: Summary) -> str:
    rows = ranking_rows(summary)
    if not rows:
        return ""
    return ("<h2>Does each extractor beat the next one?</h2>" + html_table(RANKING_HEADERS, rows)
            + '<p class="meta">Paired test of per-page F1 over the pages both scored: '
            "bootstrap CI of the mean difference, sign-flip permutation p-value.</p>")


def _charts_section(summary: Summary) -> str:
    scored = [(row["name"], f1, precision, recall, (row["ci"] or {}).get("f1"))
              for row in ranked(summary) if (f1 := row["f1"]) is not None
              and (precision := row["precision"]) is not None
              and (recall := row["recall"]) is not None]
    if not scored:
        return "<h2>Charts</h2><p>No extractor has a score.</p>"
    f1_bars = bars([Bar(name, f1, *(ci or (None, None))) for name, f1, _, _, ci in scored],
                   title="F1 with 95% CI")
    pr = scatter([Point(name, recall, precision) for name, _, precision, recall, _ in scored],
                 title="precision against recall", x_label="recall", y_label="precision")
    return ('<h2>Charts</h2><div class="charts">'
            f'<figure id="chart-f1">{f1_bars}<figcaption>F1 with its 95% CI</figcaption></figure>'
            f'<figure id="chart-pr">{pr}<figcaption>precision against recall (dashed: equal '
            "F1 0.5 … 0.9)</figcaption></figure></div>")


def _heatmap_section(run: Run) -> str:
    names = [row["name"] for row in ranked(run.summary)]
    parts = ["<h2>Mean page F1 by language and page type</h2>"
             '<p class="meta">Mean F1 of the scored pages (their number in brackets); red at '
             f'{F1_COLOUR_FLOOR} and below, green at 1.</p>']
    for field, title in BREAKDOWNS.items():
        breakdown = breakdown_rows(run, field)
        rows = [[value, *map(f1_cell, pairs)] for value, pairs in breakdown]
        styles = [["", *("" if pair is None else _f1_style(pair[0]) for pair in pairs)]
                  for _value, pairs in breakdown]
        parts.append(f"<h3>by {_e(title)}</h3>" + html_table([title, *names], rows, styles=styles))
    return "".join(parts)


def _kinds_section(summary: Summary) -> str:
    """Structure F1 per element kind and extractor, as a heatmap (structure runs only)."""
    rows = ranked(summary)
    kinds = kind_rows(rows)
    if not kinds:
        return ""
    names = [row["name"] for row in rows]
    cells = [[kind, str(gold), *("n/a" if score is None else f"{score[0]:.3f}"
                                 for score in scores)] for kind, gold, scores in kinds]
    styles = [["", "", *("" if score is None else heat(score[0]) for score in scores)]
              for _kind, _gold, scores in kinds]
    return ("<h2>Structure by element kind</h2>"
            '<p class="meta">F1 of each kind of element (gold: how many the scored pages hold); '
            "red at 0, green at 1; n/a: outputs not in Markdown, never scored on structure.</p>"
            + html_table(["kind", "gold", *names], cells, styles=styles))


def _leak_section(summary: Summary) -> str:
    leaks = leak_rows(summary)
    if not leaks:
        return "<h2>Leaks by boilerplate category</h2><p>No page has labeled boilerplate.</p>"
    names = [row["name"] for row in ranked(summary)]
    rows = [[category, *("" if pair is None else f"{pair[0]}/{pair[1]}" for pair in pairs)]
            for category, pairs in leaks]
    styles = [["", *("" if pair is None or not pair[1] else heat(1 - pair[0] / pair[1])
                     for pair in pairs)] for _category, pairs in leaks]
    duplication = ["duplication (% tokens)", *(
        "n/a" if (share := row["duplication"]) is None else f"{100 * share:.1f}"
        for row in ranked(summary))]
    return ("<h2>Leaks by boilerplate category</h2><p class=\"meta\">Pages where some labeled "
            "snippet of the category leaked / pages labeled with it.</p>"
            + html_table(["category", *names], [*rows, duplication],
                     styles=[*styles, [""] * len(duplication)]))


def _segments_html(segments: Sequence[Segment]) -> str:
    out = []
    for segment in segments:
        if segment.category is not None:
            out.append(f'<span class="leak" title="leaked: {_e(segment.category)}">'
                       f'<span class="tag">{_e(segment.category)}</span>'
                       f"{_e(segment.text)}</span>")
        elif segment.kind == "same":
            out.append(_e(segment.text))
        else:
            out.append(f'<span class="{segment.kind}">{_e(segment.text)}</span>')
    return "".join(out)


def worst_pages(run: Run, dataset: Dataset, limit: int | None) -> list[Page]:
    """The dataset's pages, or the `limit` pages with the lowest mean F1 over the extractors
    (unscored outputs count as 0), worst first: where a reader learns most."""
    if limit is None:
        return list(dataset)
    scores: dict[str, list[float]] = {}
    for record in run.records:
        scores.setdefault(record["page"], []).append(record["f1"] or 0.0)

    def mean_f1(page: Page) -> float:
        values = scores.get(page.id, [])
        return sum(values) / len(values) if values else 0.0
    return sorted(dataset, key=lambda page: (mean_f1(page), page.id))[:limit]


def _page_section(run: Run, dataset: Dataset, limit: int | None) -> str:
    order = {name: rank for rank, name in enumerate(row["name"] for row in ranked(run.summary))}
    shown = worst_pages(run, dataset, limit)
    which = ("" if limit is None else
             f" The {len(shown)} pages with the lowest mean F1 of {len(dataset)}, worst first.")
    parts = [f"<h2>Pages</h2><p class=\"meta\">{_e(which.strip())} Each output against the gold: "
             '<span class="missing">missing from the output</span>, '
             '<span class="extra">extra in the output</span>, '
             '<span class="leak"><span class="tag">category</span>leaked boilerplate</span>.'
             "</p>"]
    by_page: dict[str, list[PageRecord]] = {page.id: [] for page in shown}
    for record in run.records:  # only the shown pages' outputs are kept
        if record["page"] in by_page:
            by_page[record["page"]].append(record)
    for page in shown:
        records = sorted(by_page.get(page.id, []),
                         key=lambda record: order.get(record["extractor"], len(order)))
        chips = "".join(
            f'<span class="chip" style="{_f1_style(record["f1"])}">{_e(record["extractor"])} '
            f'{number(record["f1"])}</span>' for record in records)
        outputs = []
        for record in records:
            leaks = leaked(record)
            error = (f' <span class="error">error: {_e(record["error"])}</span>'
                     if record["error"] else "")
            compared = diff(page.body or "", record["output"], snippets=page.boilerplate)
            coarse = (f'<p class="meta">Compared coarsely: {_e(compared.coarse)}.</p>'
                      if compared.coarse else "")
            outputs.append(
                f'<details class="output"><summary>{_e(record["extractor"])} '
                f'{_e(record["version"])}: P {number(record["precision"])} '
                f'R {number(record["recall"])} F1 {number(record["f1"])}'
                f'{_e(f" · leaked: {leaks}") if leaks else ""}{error}</summary>'
                f'{coarse}<div class="diff">{_segments_html(compared.segments)}</div>'
                "</details>")
        parts.append(f'<details class="page" id="page-{_e(page.id)}"><summary>{_e(page.id)} '
                     f'<span class="meta">{_e(page.language or "")} {_e(page.page_type or "")}'
                     f"</span>{chips}</summary>{''.join(outputs)}</details>")
    return "".join(parts)


def render(run: Run, dataset: Dataset | None, *, page_limit: int | None = None) -> str:
    """The whole report; without `dataset` (no gold at hand) the page drill-down is left out;
    with `page_limit` it shows only the pages with the lowest mean F1."""
    summary = run.summary
    title = f"boilerbench report: {summary['metric']} on {summary['dataset']['label']}"
    environment = summary.get("environment") or {}
    pages = (_page_section(run, dataset, page_limit) if dataset is not None else
             "<h2>Pages</h2><p>No gold text given: the drill-down is left out.</p>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{_e(title)}</h1>"
        f'<p class="meta">Run <code>{_e(summary["run_id"])}</code> · signature '
        f'<code>{_e(summary["signature"])}</code> · boilerbench '
        f'{_e(environment.get("boilerbench", "?"))}, Python {_e(environment.get("python", "?"))}'
        "</p>"
        + _summary_section(summary) + _ranking_section(summary) + _charts_section(summary)
        + _heatmap_section(run) + _kinds_section(summary) + _leak_section(summary) + pages
        + '<footer id="end" class="meta">End of report.</footer></body></html>\n')
