"""Inline SVG charts: well-formed, escaped, scaled to the data."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from bench.report.svg import Bar, Point, axis_floor, bars, scatter

EVIL = "<script>document.title='pwned'</script>\"&"
SVG = "{http://www.w3.org/2000/svg}"


def test_axis_floor_is_the_tenth_below_the_data() -> None:
    assert axis_floor([0.93, 0.71]) == 0.7
    assert axis_floor([0.7]) == 0.6
    assert axis_floor([0.05]) == 0.0
    assert axis_floor([]) == 0.0


def test_scatter_is_well_formed_and_escapes_labels() -> None:
    svg = scatter([Point(EVIL, 0.9, 0.8), Point("b", 0.95, 0.6)], title=EVIL, x_label="recall",
                  y_label="precision")
    root = ET.fromstring(svg)  # parses: every label is escaped
    assert "<script" not in svg
    assert root.find(f"{SVG}title").text == EVIL  # type: ignore[union-attr]
    circles = root.findall(f".//{SVG}circle")
    assert len(circles) == 4  # two points, two legend marks
    labels = [text.text for text in root.iter(f"{SVG}text")]
    assert EVIL[:21] + "…" in labels and "b" in labels  # long labels are cut in the legend
    tooltip = circles[0].find(f"{SVG}title")
    assert tooltip is not None and tooltip.text == f"{EVIL}: recall 0.900, precision 0.800"
    assert "0.5" in labels and "1.0" in labels  # the axis starts below the lowest value
    assert "0.4" not in labels
    # Points sit where their values say: higher precision is higher up (smaller y).
    first, second = circles[0], circles[2]  # each point is followed by its legend mark
    assert float(first.get("cy", 0)) < float(second.get("cy", 0))
    assert float(first.get("cx", 0)) < float(second.get("cx", 0))


def test_bars_draw_values_and_intervals() -> None:
    svg = bars([Bar(EVIL, 0.5, 0.4, 0.6), Bar("no interval", 1.0)], title="F1")
    root = ET.fromstring(svg)
    rects = root.findall(f"{SVG}rect")
    widths = [float(rect.get("width", 0)) for rect in rects[1:]]  # after the background
    assert widths[1] == 2 * widths[0]
    whiskers = [line for line in root.findall(f"{SVG}line") if line.get("stroke") == "#000000"]
    assert len(whiskers) == 3  # one interval: the bar and its two ends
    assert "<script" not in svg
