"""Chart geometry: plain numbers the SVG templates draw.

Nothing here writes markup (the templates do, with autoescaping), so no text
from a document can become markup; everything here is a pure function of its
input, so the same ledger gives the same picture.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from luoshi.report.labels import Label

__all__ = [
    "Bar",
    "BarChart",
    "Lane",
    "Mark",
    "Segment",
    "TimelineChart",
    "parse_day",
    "stacked_bars",
    "timeline_chart",
]

# viewBox units; the SVG scales to the page width
CHART_WIDTH = 760.0
BAR_LABEL_WIDTH = 300.0
BAR_HEIGHT = 18.0
BAR_ROW = 34.0
BAR_TOP = 26.0  # room for the axis ticks above the bars
TOTAL_ROOM = 44.0  # right of the longest bar, for its total
LANE_LABEL_WIDTH = 86.0
LANE_ROW = 24.0
LANE_TOP = 24.0
AXIS_RIGHT_PAD = 16.0


@dataclass(frozen=True, slots=True)
class Segment:
    x: float
    width: float
    count: int
    status: Label


@dataclass(frozen=True, slots=True)
class Bar:
    y: float
    label_zh: str
    label_en: str
    total: int
    total_x: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    width: float
    height: float
    x0: float  # where bars start
    bar_height: float
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]  # (x, count) gridlines


def _nice_step(maximum: int, target_ticks: int = 5) -> int:
    """A round tick step (1, 2, 5, 10, 20, 50 …) giving about ``target_ticks`` ticks."""
    if maximum <= target_ticks:
        return 1
    raw = maximum / target_ticks
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        if mult * power >= raw:
            return int(mult * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def stacked_bars(
    groups: Sequence[tuple[str, str, Mapping[str, int]]], statuses: Sequence[Label]
) -> BarChart:
    """One horizontal bar per group (``(label_zh, label_en, counts by status)``),
    stacked in the order of ``statuses``; bars share one scale."""
    maximum = max((sum(c.values()) for _, _, c in groups), default=0)
    step = _nice_step(maximum) if maximum else 1
    top = -(-maximum // step) * step  # the axis ends on a tick
    span = CHART_WIDTH - BAR_LABEL_WIDTH - TOTAL_ROOM
    scale = span / top if top else 0.0
    bars: list[Bar] = []
    for i, (zh, en, counts) in enumerate(groups):
        y = BAR_TOP + i * BAR_ROW
        x = BAR_LABEL_WIDTH
        segments: list[Segment] = []
        for status in statuses:
            n = int(counts.get(status.key, 0))
            if n <= 0:
                continue
            segments.append(Segment(round(x, 2), round(n * scale, 2), n, status))
            x += n * scale
        total = sum(int(v) for v in counts.values())
        bars.append(Bar(y, zh, en, total, round(x + 6, 2), tuple(segments)))
    ticks = tuple((round(BAR_LABEL_WIDTH + v * scale, 2), v) for v in range(0, top + 1, step))
    height = BAR_TOP + len(groups) * BAR_ROW + 4
    return BarChart(CHART_WIDTH, height, BAR_LABEL_WIDTH, BAR_HEIGHT, tuple(bars), ticks)


# --------------------------------------------------------------------------- timelines


def parse_day(value: Any, *, end: bool = False) -> dt.date | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM`` / ``YYYY``, taken to their first or last
    day) → date; anything else → None."""
    if not isinstance(value, str):
        return None
    parts = value.strip()[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        month = int(parts[1])
        if len(parts) == 2:
            if not end:
                return dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        return None


def _interval(value: Any) -> tuple[dt.date, dt.date] | None:
    if not isinstance(value, Mapping):
        return None
    start = parse_day(value.get("start"))
    stop = parse_day(value.get("end"), end=True) or (
        parse_day(value.get("start"), end=True) if start else None
    )
    if start is None:
        start = parse_day(value.get("end"))
    if start is None or stop is None:
        return None
    return (start, stop) if start <= stop else (stop, start)


@dataclass(frozen=True, slots=True)
class Mark:
    kind: str  # "planned" (a window) | "due-by" (a deadline) | "held" (a date)
    x: float
    width: float
    start: str
    end: str
    status: Label


@dataclass(frozen=True, slots=True)
class Lane:
    y: float
    ordinal: int | None
    status: Label
    marks: tuple[Mark, ...]
    undated: bool  # nothing to place on the axis


@dataclass(frozen=True, slots=True)
class TimelineChart:
    width: float
    height: float
    x0: float
    x1: float
    ticks: tuple[tuple[float, int], ...]  # (x, year) at 1 January
    lanes: tuple[Lane, ...]
    today: float | None = None  # x of the as-of date, when on the axis
    row: float = LANE_ROW


def timeline_chart(
    occurrences: Sequence[tuple[int | None, Label, Any, Any]], as_of: str | None = None
) -> TimelineChart | None:
    """Lanes for ``(ordinal, status, planned{start,end}, date{start,end})``, one per
    occurrence, on a shared axis of whole years; None when no occurrence has a date."""
    spans = [(_interval(planned), _interval(held)) for _, _, planned, held in occurrences]
    days = [d for pair in spans for iv in pair if iv for d in iv]
    if not days:
        return None
    first = dt.date(min(days).year, 1, 1)
    last = dt.date(max(days).year + 1, 1, 1)
    x0, x1 = LANE_LABEL_WIDTH, CHART_WIDTH - AXIS_RIGHT_PAD
    total = (last - first).days

    def x_of(day: dt.date) -> float:
        return round(x0 + (day - first).days / total * (x1 - x0), 2)

    years = list(range(first.year, last.year + 1))
    stride = max(1, math.ceil(len(years) / 12))  # at most ~12 labelled years
    shown = years[::stride]
    if shown[-1] != years[-1]:
        shown.append(years[-1])  # the right edge of the axis (its label is not drawn)
    ticks = tuple((x_of(dt.date(y, 1, 1)), y) for y in shown)
    lanes: list[Lane] = []
    for i, ((ordinal, status, _, _), (planned, held)) in enumerate(
        zip(occurrences, spans, strict=True)
    ):
        marks: list[Mark] = []
        plan = occurrences[i][2]
        if planned and isinstance(plan, Mapping) and not parse_day(plan.get("start")):
            # "before …": a deadline, not a window
            day = x_of(planned[1])
            marks.append(Mark("due-by", day, 0.0, "", str(planned[1]), status))
        elif planned:
            a, b = x_of(planned[0]), x_of(planned[1] + dt.timedelta(days=1))
            width = max(round(b - a, 2), 3.0)  # a one-day plan stays visible
            marks.append(Mark("planned", a, width, str(planned[0]), str(planned[1]), status))
        if held:
            mid = x_of(held[0])
            marks.append(Mark("held", mid, 0.0, str(held[0]), str(held[1]), status))
        lanes.append(Lane(LANE_TOP + i * LANE_ROW, ordinal, status, tuple(marks), not marks))
    today_day = parse_day(as_of)
    today = x_of(today_day) if today_day and first <= today_day <= last else None
    height = LANE_TOP + len(occurrences) * LANE_ROW + 6
    return TimelineChart(CHART_WIDTH, height, x0, x1, ticks, tuple(lanes), today)
