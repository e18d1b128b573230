"""Chart geometry: bars on one scale in status order, timelines on a year axis."""

from __future__ import annotations

import datetime as dt

from luoshi.report.charts import (
    BAR_LABEL_WIDTH,
    CHART_WIDTH,
    TOTAL_ROOM,
    parse_day,
    stacked_bars,
    timeline_chart,
)
from luoshi.report.labels import commitment_statuses, occurrence_status

STATUSES = commitment_statuses()


def test_bars_share_one_scale_and_stack_in_status_order():
    chart = stacked_bars(
        [
            ("甲轮", "Round A", {"overdue": 2, "fulfilled": 6}),
            ("乙轮", "Round B", {"pending": 4}),
        ],
        STATUSES,
    )
    a, b = chart.bars
    span = CHART_WIDTH - BAR_LABEL_WIDTH - TOTAL_ROOM
    # the longest bar fills the span; the other is drawn to the same scale
    assert sum(s.width for s in a.segments) == span
    assert sum(s.width for s in b.segments) == span / 2
    # fulfilled comes before overdue whatever the dict order was
    assert [s.status.key for s in a.segments] == ["fulfilled", "overdue"]
    assert a.segments[0].x == BAR_LABEL_WIDTH
    assert a.segments[1].x == BAR_LABEL_WIDTH + a.segments[0].width
    assert (a.total, b.total) == (8, 4)
    assert b.y > a.y
    assert [n for _, n in chart.ticks] == [0, 2, 4, 6, 8]


def test_bars_skip_zero_counts_and_survive_no_data():
    chart = stacked_bars([("甲", "A", {"fulfilled": 0, "unknown": 3})], STATUSES)
    assert [s.status.key for s in chart.bars[0].segments] == ["unknown"]
    empty = stacked_bars([], STATUSES)
    assert empty.bars == () and empty.ticks == ((BAR_LABEL_WIDTH, 0),)


def test_tick_steps_are_round_numbers():
    chart = stacked_bars([("甲", "A", {"overdue": 437})], STATUSES)
    steps = {b - a for (_, a), (_, b) in zip(chart.ticks, chart.ticks[1:], strict=False)}
    assert steps == {100}
    # the axis runs on to the next tick, past the longest bar
    assert chart.ticks[-1][1] == 500 and chart.bars[0].total_x < chart.ticks[-1][0]


def test_parse_day_accepts_partial_dates_and_rejects_junk():
    assert parse_day("2031-10-20") == dt.date(2031, 10, 20)
    assert parse_day("2031-02", end=True) == dt.date(2031, 2, 28)
    assert parse_day("2031-12", end=True) == dt.date(2031, 12, 31)
    assert parse_day("2031") == dt.date(2031, 1, 1)
    assert parse_day("2031", end=True) == dt.date(2031, 12, 31)
    assert parse_day("next-round:示范对话") is None
    assert parse_day(None) is None


def test_timeline_places_plans_and_held_dates_on_a_year_axis():
    held, planned = occurrence_status("held"), occurrence_status("planned")
    chart = timeline_chart(
        [
            (1, held, {"start": "2031-09-01", "end": "2031-11-30"}, {"start": "2031-10-20"}),
            (2, planned, {"start": "2033-01-01", "end": "2033-12-31"}, None),
            (None, planned, None, None),
        ],
        as_of="2032-06-01",
    )
    assert chart is not None
    assert [y for _, y in chart.ticks] == [2031, 2032, 2033, 2034]
    assert chart.ticks[0][0] == chart.x0 and chart.ticks[-1][0] == chart.x1
    first, second, third = chart.lanes
    plan, done = first.marks
    assert (plan.kind, done.kind) == ("planned", "held")
    assert plan.x < done.x < plan.x + plan.width  # held inside its planned window
    assert second.marks[0].x > done.x
    assert third.undated and third.marks == ()
    assert chart.today is not None and done.x < chart.today < second.marks[0].x


def test_a_plan_with_only_a_deadline_is_marked_as_one():
    chart = timeline_chart(
        [(5, occurrence_status("held"), {"start": None, "end": "2015-06-22"}, None)]
    )
    assert chart is not None
    (mark,) = chart.lanes[0].marks
    assert (mark.kind, mark.end) == ("due-by", "2015-06-22")


def test_timeline_without_any_date_is_not_drawn():
    assert timeline_chart([(1, occurrence_status("unknown"), None, None)]) is None


def test_one_day_plan_stays_visible():
    chart = timeline_chart(
        [
            (1, occurrence_status("planned"), {"start": "2010-01-01", "end": "2010-01-01"}, None),
            (2, occurrence_status("held"), None, {"start": "2039-12-31"}),
        ]
    )
    assert chart is not None
    assert chart.lanes[0].marks[0].width >= 3.0
    # thirty years: labelled ticks are thinned out but the right edge stays
    assert len(chart.ticks) <= 14 and chart.ticks[-1] == (chart.x1, 2040)
