"""A dispute's timeline as geometry for an SVG template: no script, no chart library.

Time runs left to right, true to scale; each row is a rung of the escalation ladder, the
harshest measure at the top and the platform's answers (compliance, refusal) at the
bottom, so a dispute's escalation reads as a climb and its end as a drop. Every step is a
mark (filled when done, hollow when only announced) that links to the step's entry on the
page, where its evidence is; a thin line joins the steps in order. The server computes
every coordinate; the template prints numbers and escaped text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

WIDTH = 760
LEFT, RIGHT, TOP, BOTTOM = 132, 24, 22, 34
ROW = 30
NEAR = 16  # marks closer than this in one row are moved apart, not drawn over each other
# Rows from the top: the escalation ladder, then the platform's answers.
ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Block", ("BLOCK",)),
    ("Throttling", ("THROTTLE",)),
    ("Fine", ("FINE",)),
    ("Legal action", ("LEGAL_ACTION",)),
    ("Warning, summons", ("WARNING", "SUMMONS")),
    ("Demand, accusation", ("DEMAND", "ACCUSATION")),
    ("Platform's answer", ("COMPLIANCE", "REFUSAL")),
)
ROW_OF = {t: i for i, (_, types) in enumerate(ROWS) for t in types}


@dataclass(slots=True)
class Mark:
    seq: int
    x: float
    y: float
    type: str
    done: bool
    label: str  # what a pointer's tooltip and a screen reader say
    number_y: float


@dataclass(slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Timeline:
    width: int = WIDTH
    height: int = 0
    left: int = LEFT
    right: int = WIDTH - RIGHT
    rows: list[tuple[float, str]] = field(default_factory=list)  # (y, label)
    marks: list[Mark] = field(default_factory=list)
    path: str = ""  # polyline points joining the marks in order
    ticks: list[Tick] = field(default_factory=list)
    axis_y: float = 0.0
    types: list[str] = field(default_factory=list)


def _month_starts(first: date, last: date) -> list[date]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _ticks(first: date, last: date, x_of: Any) -> list[Tick]:
    span = (last - first).days
    if span <= 45:  # a short dispute: weekly ticks by day
        days = range(0, span + 1, max(1, span // 6 or 1))
        return [Tick(x_of(date.fromordinal(first.toordinal() + d)),
                     date.fromordinal(first.toordinal() + d).strftime("%d %b")) for d in days]
    months = [m for m in _month_starts(first, last) if first <= m <= last] or [first]
    every = max(1, -(-len(months) // 8))
    fmt = "%b %Y"
    return [Tick(x_of(m), m.strftime(fmt)) for i, m in enumerate(months) if i % every == 0]


def dispute_timeline(steps: list[dict[str, Any]]) -> Timeline:
    """`steps` as the query layer gives them (`day`, `type`, `status`, `seq`, parties)."""
    t = Timeline()
    t.height = TOP + ROW * len(ROWS) + BOTTOM
    t.axis_y = TOP + ROW * len(ROWS)
    t.rows = [(TOP + ROW * i + ROW / 2, label) for i, (label, _) in enumerate(ROWS)]
    dated = [s for s in steps if s.get("day")]
    if not dated:
        return t
    days = [date.fromisoformat(s["day"]) for s in dated]
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    full = t.right - t.left - 12
    plot = float(full)

    def x_of(d: date) -> float:
        return round(t.left + 6 + plot * (d - first).days / span, 2)

    def place() -> list[float]:
        """Marks never go back in time, and one that would cover the mark before it in its
        row moves right by a mark's width (its date is in its label)."""
        last_in_row: dict[int, float] = {}
        xs: list[float] = []
        for s, d in zip(dated, days, strict=True):
            row = ROW_OF.get(s["type"], len(ROWS) - 2)
            x = max(x_of(d), xs[-1] if xs else 0.0)
            if row in last_in_row and x - last_in_row[row] < NEAR:
                x = last_in_row[row] + NEAR
            last_in_row[row] = x
            xs.append(round(x, 2))
        return xs

    xs = place()
    for _ in range(3):  # marks moved right past the end: squeeze time until they fit
        over = xs[-1] - (t.left + 6 + full)
        if over <= 0:
            break
        plot = max(NEAR, plot - over)
        xs = place()
    points = []
    for s, x in zip(dated, xs, strict=True):
        row = ROW_OF.get(s["type"], len(ROWS) - 2)
        y = round(TOP + ROW * row + ROW / 2, 2)
        actor = (s.get("actor") or {}).get("name") or "unnamed"
        target = (s.get("target") or {}).get("name") or "unnamed"
        status = "" if s["status"] == "done" else f" ({s['status']})"
        label = (f"Step {s['seq']}, {s.get('date') or s['day']}: "
                 f"{s['type'].replace('_', ' ').lower()}{status}, {actor} to {target}")
        t.marks.append(Mark(s["seq"], x, y, s["type"], s["status"] == "done", label,
                            round(y - 9, 2)))
        points.append(f"{x},{y}")
    t.path = " ".join(points)
    t.ticks = _ticks(first, last, x_of)
    seen = {m.type for m in t.marks}
    t.types = [ty for _, types in ROWS for ty in types if ty in seen]
    return t
