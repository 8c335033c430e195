"""Charts as inline SVG strings, drawn in Python so that a report needs no script and no
external file. Every label is escaped (names can come from untrusted data); numbers are
formatted here, never taken as text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#7f7f7f", "#bcbd22")
"""Series colours (matplotlib's tab10), in order."""
_FONT = 'font-family="sans-serif" font-size="12"'


@dataclass(frozen=True)
class Point:
    """One labeled point of a scatter plot."""

    label: str
    x: float
    y: float


@dataclass(frozen=True)
class Bar:
    """One labeled bar, with an optional interval drawn as a whisker."""

    label: str
    value: float
    low: float | None = None
    high: float | None = None


def _text(x: float, y: float, text: str, *, anchor: str = "start", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {_FONT}{extra}>'
            f"{escape(text)}</text>")


def _fit(label: str, chars: int) -> str:
    """A label cut to `chars` characters (the full one is in the mark's tooltip)."""
    return label if len(label) <= chars else label[:chars - 1] + "…"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def axis_floor(values: Sequence[float]) -> float:
    """The lower end of a 0–1 axis: the tenth below the smallest value (0 at worst)."""
    return max(0.0, math.floor(min(values, default=0.0) * 10 - 1e-9) / 10)


def scatter(points: Sequence[Point], *, title: str, x_label: str, y_label: str,
            size: int = 420, f1_curves: bool = True) -> str:
    """A square scatter on [lo, 1]², lo from the data; with `f1_curves`, dashed curves of equal
    F1 (P = F·R / (2R − F)) for precision against recall."""
    margin, right = 56, 150
    lo = axis_floor([value for point in points for value in (point.x, point.y)])
    span = size - 2 * margin or 1

    def sx(value: float) -> float:
        return margin + (value - lo) / (1 - lo) * span

    def sy(value: float) -> float:
        return size - margin - (value - lo) / (1 - lo) * span

    body = [f'<rect x="0" y="0" width="{size + right}" height="{size}" fill="#ffffff"/>',
            f'<rect x="{margin}" y="{margin}" width="{span}" height="{span}" fill="none" '
            'stroke="#444444"/>']
    steps = round((1 - lo) * 10)
    for step in range(steps + 1):
        value = lo + step / 10
        body.append(f'<line x1="{sx(value):.1f}" y1="{margin}" x2="{sx(value):.1f}" '
                    f'y2="{size - margin}" stroke="#e5e5e5"/>')
        body.append(f'<line x1="{margin}" y1="{sy(value):.1f}" x2="{size - margin}" '
                    f'y2="{sy(value):.1f}" stroke="#e5e5e5"/>')
        body.append(_text(sx(value), size - margin + 16, f"{value:.1f}", anchor="middle"))
        body.append(_text(margin - 6, sy(value) + 4, f"{value:.1f}", anchor="end"))
    if f1_curves:
        for f1 in (0.5, 0.6, 0.7, 0.8, 0.9):
            curve = [(r, f1 * r / (2 * r - f1)) for r in (lo + i * (1 - lo) / 60 for i in
                                                          range(61)) if 2 * r > f1]
            drawn = [(x, y) for x, y in curve if lo <= y <= 1]
            if len(drawn) > 1:
                path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in drawn)
                body.append(f'<polyline points="{path}" fill="none" stroke="#bbbbbb" '
                            'stroke-dasharray="4 3"/>')
    body.append(_text(size / 2, size - 12, x_label, anchor="middle"))
    body.append(_text(16, size / 2, y_label, anchor="middle",
                      extra=f' transform="rotate(-90 16 {size / 2:.1f})"'))
    for number, point in enumerate(points):
        colour = PALETTE[number % len(PALETTE)]
        body.append(f'<circle cx="{sx(point.x):.1f}" cy="{sy(point.y):.1f}" r="6" '
                    f'fill="{colour}" stroke="#000000" stroke-width="0.5"><title>'
                    + escape(f"{point.label}: {x_label} {point.x:.3f}, {y_label} {point.y:.3f}")
                    + "</title></circle>")
        legend_y = margin + 18 * number
        body.append(f'<circle cx="{size + 4}" cy="{legend_y - 4}" r="5" fill="{colour}"/>')
        body.append(_text(size + 14, legend_y, _fit(point.label, 22)))
    return _svg(size + right, size, title, body)


def bars(rows: Sequence[Bar], *, title: str, label_width: int = 170, width: int = 540) -> str:
    """Horizontal bars on a 0–1 scale, one per row, whiskers for intervals."""
    row_height, top = 26, 24
    height = top + row_height * len(rows) + 28
    span = width - label_width - 60

    def sx(value: float) -> float:
        return label_width + max(0.0, min(1.0, value)) * span

    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for step in range(11):
        x = sx(step / 10)
        body.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" '
                    f'y2="{height - 24}" stroke="#e5e5e5"/>')
        body.append(_text(x, height - 8, f"{step / 10:.1f}", anchor="middle"))
    for number, row in enumerate(rows):
        y = top + number * row_height
        colour = PALETTE[number % len(PALETTE)]
        body.append(_text(label_width - 8, y + 15, _fit(row.label, label_width // 7),
                          anchor="end"))
        body.append(f'<rect x="{label_width}" y="{y + 3}" width="{sx(row.value) - label_width:.1f}"'
                    f' height="{row_height - 8}" fill="{colour}"><title>{escape(row.label)}: '
                    f"{row.value:.3f}</title></rect>")
        if row.low is not None and row.high is not None:
            middle = y + row_height / 2 - 1
            body.append(f'<line x1="{sx(row.low):.1f}" y1="{middle:.1f}" x2="{sx(row.high):.1f}"'
                        f' y2="{middle:.1f}" stroke="#000000" stroke-width="1.5"/>')
            for end in (row.low, row.high):
                body.append(f'<line x1="{sx(end):.1f}" y1="{middle - 5:.1f}" x2="{sx(end):.1f}" '
                            f'y2="{middle + 5:.1f}" stroke="#000000" stroke-width="1.5"/>')
        body.append(_text(sx(max(row.value, row.high or 0.0)) + 6, y + 15, f"{row.value:.3f}"))
    return _svg(width, height, title, body)


def histogram(counts: Sequence[int], labels: Sequence[str], *, title: str,
              width: int = 420, height: int = 200) -> str:
    """Vertical bars, one per bin (`labels` under them), scaled to the largest count."""
    left, bottom, top = 40, 40, 16
    span_x, span_y = width - left - 10, height - top - bottom
    peak = max(counts, default=0) or 1
    step = span_x / max(1, len(counts))
    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
            f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" '
            f'y2="{height - bottom}" stroke="#444444"/>',
            _text(left - 6, top + 4, str(peak), anchor="end")]
    for number, (count, label) in enumerate(zip(counts, labels, strict=True)):
        bar = span_y * count / peak
        x = left + number * step
        body.append(f'<rect x="{x + 1:.1f}" y="{height - bottom - bar:.1f}" '
                    f'width="{step - 2:.1f}" height="{bar:.1f}" fill="{PALETTE[0]}">'
                    f"<title>{escape(f'{label}: {count}')}</title></rect>")
        body.append(_text(x + step / 2, height - bottom + 14, label, anchor="middle",
                          extra=f' transform="rotate(30 {x + step / 2:.1f} '
                                f'{height - bottom + 14})"'))
    return _svg(width, height, title, body)
