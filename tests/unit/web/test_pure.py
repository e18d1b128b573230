"""The pure parts: cutting text into highlighted segments, chart geometry, ids."""

from __future__ import annotations

import pytest

from luoshi.web.charts import rounds_timeline, series_chart, year_fraction
from luoshi.web.highlight import Mark, Marker, locate, segments, snippet
from luoshi.web.views import NotFound, clean_filters, item_key, parse_item_key


def test_segments_cover_the_text_once_with_overlapping_facts() -> None:
    text = "双方决定于2032年内在北京举行会议。"
    marks = [Mark(2, 19, "commitment", "c"), Mark(5, 11, "time", "t"), Mark(12, 14, "actor")]
    segs = segments(text, marks, [Marker(0, "item", "1、", "i-1")])
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s.kinds for s in segs}
    assert by_text["2032年内"] == ("commitment", "time")
    assert by_text["北京"] == ("commitment", "actor")
    assert by_text["举行会议。"] == ("commitment",)
    assert segs[0].markers[0].anchor == "i-1"


def test_empty_span_is_a_marker_and_spans_are_clipped() -> None:
    segs = segments("abc", [Mark(1, 1, "defect", "missing item"), Mark(2, 99, "time")])
    assert "".join(s.text for s in segs) == "abc"
    assert [m.label for s in segs for m in s.markers] == ["missing item"]
    assert segs[-1].text == "c" and segs[-1].kinds == ("time",)


def test_locate_finds_facts_in_reading_order() -> None:
    text = "北京会议，然后北京论坛"
    found = locate(text, [("北京", "actor", ""), ("北京", "actor", ""), ("上海", "actor", "")])
    assert [(m.start, m.end) for m in found] == [(0, 2), (7, 9)]


def test_snippet_windows_around_the_first_match() -> None:
    text = "甲" * 100 + "海关总署" + "乙" * 100
    segs = snippet(text, [[100, 102]], width=20)
    joined = "".join(s.text for s in segs)
    assert joined.startswith("…") and joined.endswith("…") and "海关总署" in joined
    assert [s.text for s in segs if s.kinds == ("match",)] == ["海关"]


def test_year_fraction() -> None:
    assert year_fraction("2016") == 2016.0
    assert year_fraction("2016-07-01") == pytest.approx(2016.5, abs=0.01)
    assert year_fraction("not a date") is None and year_fraction(None) is None


def test_series_chart_places_planned_and_held() -> None:
    chart = series_chart([
        {"ordinal": 3, "status": "held", "date": {"start": "2031-10-20", "end": "2031-10-20"},
         "planned": {"start": "2031-01-01", "end": "2031-06-30"}},
        {"ordinal": 4, "status": "planned", "date": None,
         "planned": {"start": None, "end": "2032-12-31"}},
    ])
    assert len(chart.held) == 1 and len(chart.planned) == 2
    assert chart.links and chart.links[0].x2 > chart.links[0].x1  # held after the window: late
    assert chart.held[0].y < chart.planned[1].y  # one row per round
    assert not chart.empty


def test_rounds_timeline_one_row_per_mechanism() -> None:
    chart = rounds_timeline([("甲对话", [(1, "2030-05-01", "/d/a"), (2, "2031-05-01", "/d/b")]),
                             ("乙对话", [(None, None, "/d/c")])])
    assert [label for _, label in chart.rows] == ["甲对话", "乙对话"]
    assert [p.href for p in chart.held] == ["/d/a", "/d/b"]
    assert chart.held[0].x < chart.held[1].x


def test_item_keys_round_trip() -> None:
    assert parse_item_key(item_key("dabc", 12, 11)) == ("dabc", 12, None)
    assert parse_item_key(item_key("dabc", None, 3)) == ("dabc", None, 3)
    with pytest.raises(NotFound):
        parse_item_key("dabc-x")


def test_clean_filters() -> None:
    assert clean_filters({"status": "overdue", "round": "2", "topic": " ", "x": "y"}) == {
        "status": "overdue", "round": 2}
    with pytest.raises(ValueError, match="round"):
        clean_filters({"round": "two"})


def test_series_overview_one_row_per_mechanism() -> None:
    from luoshi.web.charts import series_overview

    chart = series_overview([
        ("甲工作组", "/series/a", [
            {"ordinal": 1, "status": "held", "date": {"start": "2030-03-01", "end": None}},
            {"ordinal": 2, "status": "planned", "planned": {"start": None, "end": "2031-12-31"}},
        ]),
        ("乙论坛", "/series/b", [{"ordinal": None, "status": "planned"}]),  # no date at all
    ])
    assert [label for _, label in chart.rows] == ["甲工作组", "乙论坛"]
    assert [p.href for p in chart.held] == ["/series/a"]
    assert [p.href for p in chart.planned] == ["/series/a"]
    assert chart.held[0].x < chart.planned[0].x
