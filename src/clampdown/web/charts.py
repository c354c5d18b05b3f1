"""Stacked bar charts as geometry for an SVG template: no script, no chart library.

The server computes every rectangle and label; the template only prints numbers and
escaped text into SVG elements, so a chart costs a few kilobytes and works with scripts
off. Months without cases are drawn as gaps, so the time axis is true.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clampdown.model import EVENT_TYPES

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 40
MAX_BAR = 36  # a few months must not draw slabs
MAX_MONTHS = 180  # fifteen years; older months are folded out of the chart, not the data


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    type: str
    month: str
    count: int


@dataclass(slots=True)
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, int]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    months: list[str] = field(default_factory=list)
    table: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    left: int = LEFT
    bottom: float = HEIGHT - BOTTOM
    right: float = WIDTH - RIGHT
    dropped: int = 0  # months before the chart's window


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _nice_max(n: int) -> tuple[int, int]:
    """A round top for the y axis and the step between ticks."""
    if n <= 5:
        return max(n, 1), 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        if n / step <= 5:
            return -(-n // step) * step, step
    step = 10 ** (len(str(n)) - 1)
    return -(-n // step) * step, step


def stacked_by_month(rows: list[dict[str, Any]]) -> Chart:
    """`rows` of {"month", "type", "cases"} as a stacked bar per month."""
    chart = Chart()
    rows = [r for r in rows if r.get("month") and len(r["month"]) == 7]
    if not rows:
        return chart
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        counts.setdefault(r["month"], {})[r["type"]] = r["cases"]
    months = _month_range(min(counts), max(counts))
    if len(months) > MAX_MONTHS:
        chart.dropped = len(months) - MAX_MONTHS
        months = months[-MAX_MONTHS:]
    present = {t for c in counts.values() for t in c}
    chart.types = [t for t in EVENT_TYPES if t in present]
    chart.months = months
    totals = [sum(counts.get(m, {}).values()) for m in months]
    chart.total = sum(totals)
    top, step = _nice_max(max(totals) if totals else 1)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / len(months)
    gap = max(min(2.0, slot * 0.15), slot - MAX_BAR)
    for i, m in enumerate(months):
        y = float(HEIGHT - BOTTOM)
        by_type = counts.get(m, {})
        for t in chart.types:
            n = by_type.get(t, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            chart.bars.append(Bar(round(LEFT + i * slot + gap / 2, 2), round(y, 2),
                                  round(max(slot - gap, 0.5), 2), round(h, 2), t, m, n))
        chart.table.append({"month": m, "total": totals[i], **by_type})
    every = max(1, -(-len(months) // 12))
    for i, m in enumerate(months):
        if i % every == 0:
            chart.x_labels.append((round(LEFT + (i + 0.5) * slot, 2), m))
    for v in range(0, top + 1, step):
        chart.y_ticks.append((round(HEIGHT - BOTTOM - plot_h * v / top, 2), v))
    return chart
