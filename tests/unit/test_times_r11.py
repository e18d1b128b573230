"""Rules added after the blind r11 held-out round (made-up sentences, not the round's)."""

from __future__ import annotations

from datetime import date

import pytest
from time_checks import checkers

REF = date(2031, 5, 14)  # a Wednesday
hits, one, check = checkers(REF)


@pytest.mark.parametrize(("text", "expr", "start", "end"), [
    ("请于本周五前报送计划", "本周五前", "2031-05-14", "2031-05-16"),
    ("双方将于下周一举行视频会议", "下周一", "2031-05-19", "2031-05-19"),
    ("上周三双方交换了名单", "上周三", "2031-05-07", "2031-05-07"),
    ("本周日前完成", "本周日前", "2031-05-14", "2031-05-18"),
])
def test_a_weekday_of_this_next_or_last_week(text: str, expr: str, start: str, end: str) -> None:
    check(text, expr, start, end)


def test_a_week_followed_by_a_count_is_the_week() -> None:
    check("本周一次会议也没有举行", "本周", "2031-05-12", "2031-05-18")


def test_later_this_season_runs_from_the_document_date_to_its_end() -> None:
    check("to hold consultations later this spring.", "later this spring",
          "2031-05-14", "2031-05-31")
    # a season still ahead is all of it
    check("to hold consultations later this summer.", "later this summer",
          "2031-06-01", "2031-08-31")


@pytest.mark.parametrize(("text", "expr", "start", "end"), [
    ("in the first quarter of FY2028.", "the first quarter of FY2028", "2027-10-01", "2027-12-31"),
    ("in the third quarter of fiscal year 2029.", "the third quarter of fiscal year 2029",
     "2029-04-01", "2029-06-30"),
])
def test_a_quarter_of_a_us_fiscal_year(text: str, expr: str, start: str, end: str) -> None:
    check(text, expr, start, end)


def test_a_calendar_quarter_is_unchanged() -> None:
    check("in the third quarter of 2031.", "the third quarter of 2031", "2031-07-01", "2031-09-30")
