"""The pieces every self-contained HTML page of boilerbench shares (the run report, the
profile, the suite's leaderboard): the Content-Security-Policy that forbids scripts and loads,
the style sheet, escaping, heat colours and tables. Every piece of page, output and name text
goes through `escape` (html.escape, quotes included), in elements and attributes alike.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

F1_COLOUR_FLOOR = 0.5
"""F1 at or below this is drawn red; the colours spread over the range where extractors
differ."""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#111;max-width:1200px}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}
.charts{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}figure{margin:0}
.meta{color:#555;font-size:.9em}code{word-break:break-all}
details{margin:.3em 0}summary{cursor:pointer}
details.page>summary{font-weight:600}details.output{margin-left:1.5em}
.chip{display:inline-block;padding:0 .4em;margin-left:.4em;border-radius:3px;font-weight:400}
.diff{white-space:pre-wrap;border:1px solid #ddd;padding:.6em;font-size:.92em;line-height:1.5}
.missing{background:#fde2e2;color:#8a1010;text-decoration:line-through}
.extra{background:#dcf5dc;color:#0b5a0b}
.leak{background:#fff3b0;outline:1px solid #d9b800}
.tag{background:#d9b800;color:#000;font-size:.75em;padding:0 .3em;margin-right:.3em;
border-radius:2px;font-weight:600}
.error{color:#a00}
"""


def escape(text: object) -> str:
    """`text` escaped for an element or a quoted attribute."""
    return html.escape(str(text), quote=True)


def heat(value: float, *, low: float = 0.0) -> str:
    """A background from red (`low` and below) through yellow to green (1)."""
    share = max(0.0, min(1.0, (value - low) / (1 - low)))
    return f"background:hsl({120 * share:.0f},65%,80%)"


def html_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
           styles: Sequence[Sequence[str]] | None = None) -> str:
    """A table; every cell but the first of a row is a number (right-aligned)."""
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    body = []
    for number_, row in enumerate(rows):
        cells = []
        for column, value in enumerate(row):
            style = styles[number_][column] if styles else ""
            attrs = ((' class="n"' if column else "")
                     + (f' style="{escape(style)}"' if style else ""))
            cells.append(f"<td{attrs}>{escape(value)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
