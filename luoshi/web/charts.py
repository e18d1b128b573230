"""Geometry of the server-rendered SVG charts (no JavaScript, no network).

Pure: dates in, coordinates out; the templates draw (and escape) them.
- ``series_chart``: one recurring mechanism, round number against time, each
  occurrence's planned window (hollow) and the day it was held (filled);
- ``rounds_timeline``: one row per dialogue mechanism, a dot per round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

WIDTH, LEFT, RIGHT, TOP, BOTTOM = 720, 150, 20, 16, 28


def year_fraction(value: str | None, *, end: bool = False) -> float | None:
    """``"2016-06-06"`` → 2016.43; partial dates take their first (or last) day."""
    if not value or not isinstance(value, str):
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        day = int(parts[2]) if len(parts) > 2 else (31 if end and len(parts) == 1 else 1)
        day = min(day, 28) if month == 2 else min(day, 30 if month in (4, 6, 9, 11) else 31)
        when = dt.date(year, month, day)
    except (ValueError, IndexError):
        return None
    start = dt.date(year, 1, 1).toordinal()
    days = dt.date(year + 1, 1, 1).toordinal() - start
    return year + (when.toordinal() - start) / days


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Axis:
    lo: float
    hi: float
    ticks: list[Tick] = field(default_factory=list)

    def x(self, year: float) -> float:
        span = (self.hi - self.lo) or 1.0
        return round(LEFT + (year - self.lo) / span * (WIDTH - LEFT - RIGHT), 1)


def _axis(years: Sequence[float]) -> Axis:
    lo = float(int(min(years))) if years else 2000.0
    hi = float(int(max(years)) + 1) if years else 2001.0
    axis = Axis(lo, hi)
    step = max(1, round((hi - lo) / 8))
    axis.ticks = [Tick(axis.x(y), str(y)) for y in range(int(lo), int(hi) + 1, step)]
    return axis


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    label: str  # tooltip
    status: str
    href: str = ""


@dataclass(frozen=True, slots=True)
class Bar:
    x1: float
    x2: float
    y: float
    label: str


@dataclass(slots=True)
class Chart:
    height: int
    axis: Axis
    held: list[Point] = field(default_factory=list)
    planned: list[Point] = field(default_factory=list)
    windows: list[Bar] = field(default_factory=list)
    links: list[Bar] = field(default_factory=list)  # planned → held (a delay or an advance)
    rows: list[tuple[float, str]] = field(default_factory=list)  # y, label
    empty: bool = False
    width: int = WIDTH
    left: int = LEFT


def _interval(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, Mapping):
        return value.get("start"), value.get("end")
    return None, None


def series_chart(occurrences: Sequence[Mapping[str, Any]], row_h: int = 22) -> Chart:
    """Rounds (y, by ordinal) over time (x): planned windows against held dates."""
    placed: list[tuple[int, Mapping[str, Any], float | None, float | None, float | None]] = []
    for i, occ in enumerate(occurrences):
        ds, de = _interval(occ.get("date"))
        ps, pe = _interval(occ.get("planned"))
        held = year_fraction(ds) or year_fraction(de)
        p1 = year_fraction(ps) or year_fraction(pe)
        p2 = year_fraction(pe, end=True) or p1
        placed.append((i, occ, held, p1, p2))
    years = [y for _, _, *ys in placed for y in ys if y is not None]
    axis = _axis(years)
    chart = Chart(height=TOP + BOTTOM + row_h * max(1, len(placed)), axis=axis, empty=not years)
    for row, (_, occ, held, p1, p2) in enumerate(placed):
        y = TOP + row_h * row + row_h / 2
        ordinal = occ.get("ordinal")
        name = f"#{ordinal}" if ordinal is not None else "#?"
        chart.rows.append((y, name))
        status = str(occ.get("status") or "unknown")
        if p1 is not None and p2 is not None:
            chart.windows.append(Bar(axis.x(p1), axis.x(max(p1, p2)), y, f"{name} planned"))
            chart.planned.append(Point(axis.x(p1), y, f"{name} planned", status))
        if held is not None:
            chart.held.append(Point(axis.x(held), y, f"{name} held", status))
            if p2 is not None and held > p2 + 0.01:  # held after the window closed
                chart.links.append(Bar(axis.x(p2), axis.x(held), y, f"{name}"))
    return chart


def rounds_timeline(rows: Sequence[tuple[str, Sequence[tuple[int | None, str | None, str]]]],
                    row_h: int = 26) -> Chart:
    """``rows``: (mechanism, [(round, date, href), …]) → one row of dots per mechanism."""
    years = [y for _, rounds in rows for _, d, _ in rounds if (y := year_fraction(d)) is not None]
    axis = _axis(years)
    chart = Chart(height=TOP + BOTTOM + row_h * max(1, len(rows)), axis=axis, empty=not years)
    for i, (name, rounds) in enumerate(rows):
        y = TOP + row_h * i + row_h / 2
        chart.rows.append((y, name))
        for rnd, date, href in rounds:
            x = year_fraction(date)
            if x is None:
                continue
            label = f"{name} {'#' + str(rnd) if rnd else ''} {date}".strip()
            chart.held.append(Point(axis.x(x), y, label, "held", href))
    return chart


def series_overview(rows: Sequence[tuple[str, str, Sequence[Mapping[str, Any]]]],
                    row_h: int = 20) -> Chart:
    """Every mechanism on one time axis: a row each, rounds held (filled) and
    planned (hollow, at the end of their window). ``rows``: (name, href, occurrences)."""
    placed: list[tuple[str, str, list[tuple[float, str, str, bool]]]] = []
    for name, href, occurrences in rows:
        points: list[tuple[float, str, str, bool]] = []
        for occ in occurrences:
            ds, de = _interval(occ.get("date"))
            ps, pe = _interval(occ.get("planned"))
            ordinal = occ.get("ordinal")
            label = f"{name} #{ordinal if ordinal is not None else '?'}"
            status = str(occ.get("status") or "unknown")
            held = year_fraction(ds) or year_fraction(de)
            if held is not None:
                points.append((held, f"{label} {ds or de}", status, True))
                continue
            planned = year_fraction(pe, end=True) or year_fraction(ps)
            if planned is not None:
                points.append((planned, f"{label} planned {pe or ps}", status, False))
        placed.append((name, href, points))
    axis = _axis([x for _, _, pts in placed for x, *_ in pts])
    chart = Chart(height=TOP + BOTTOM + row_h * max(1, len(placed)), axis=axis,
                  empty=not any(pts for _, _, pts in placed))
    for i, (name, href, points) in enumerate(placed):
        y = TOP + row_h * i + row_h / 2
        chart.rows.append((y, name))
        for x, label, status, held in points:
            point = Point(axis.x(x), y, label, status, href)
            (chart.held if held else chart.planned).append(point)
    return chart
