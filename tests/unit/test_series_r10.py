"""Series rules from the tenth held-out round (r10_*). Every sentence is made up for the test;
the bodies, meetings, places and dates are fictional."""

from __future__ import annotations

from datetime import date

from luoshi.extract.actors import find_actors
from luoshi.extract.series import SeriesMention, find_series
from luoshi.extract.times import find_times

DOC = date(2027, 2, 10)


def _series(text: str, **kw: object) -> list[SeriesMention]:
    """find_series wired to the sibling extractors, as the pipeline calls it."""
    return find_series(  # type: ignore[misc]
        text, doc_date=DOC, times=find_times(text, DOC), actors=find_actors(text, on=DOC), **kw
    )


# --- table rows: content cell, lead agencies, deadline on lines of their own ------------


def test_a_deadline_cell_dates_the_rows_planned_meeting() -> None:
    (m,) = _series("双方将共同举办第二期虚构湿地保护培训班。\n某某部、某某局\n2027年9月中旬")
    assert (m.ordinal, m.status) == (2, "planned")
    assert m.due is not None and (m.due.start, m.due.end) == ("2027-09-11", "2027-09-20")


def test_a_deadline_cell_does_not_redate_a_held_meeting() -> None:
    ms = _series(
        "双方欢迎2026年5月举行的首届虚构茶叶博览会，同意举办第二届博览会。\n某某部\n2027年8月"
    )
    first, second = ms
    assert first.status == "held" and first.due is None
    assert second.due is not None and second.due.start == "2027-08-01"


def test_a_pre_name_does_not_reach_across_a_cell_break() -> None:
    ms = _series(
        "某方将通报虚构政策的评估结果。\n美国某某部\n下一次工作组会议前",
        meeting="中美虚构合作工作组第二次会议",
    )
    (m,) = ms
    assert m.relation == "next"
    assert "某某部" not in m.name and "某某部" not in m.text


# --- Chinese prose ------------------------------------------------------------------------


def test_a_short_body_takes_the_full_name_set_up_before_it() -> None:
    (m,) = _series("某某院与某某局将建立虚构湿地联合实验室，实验室首次工作会议将于今年7月召开。")
    assert m.name == "虚构湿地联合实验室工作会议"
    assert (m.ordinal, m.status) == (1, "planned")


def test_a_meeting_whose_decisions_are_referred_to_was_held() -> None:
    (m,) = _series("双方注意到，虚构渔业合作联合工作组第7次会议确定的12个项目已全部完成。")
    assert (m.ordinal, m.status) == (7, "held")


# --- English ------------------------------------------------------------------------------


def test_a_run_in_heading_is_not_a_mention_of_the_meeting_after_it() -> None:
    ms = _series(
        "Next Forum: The two sides will hold the 4th U.S.-China Fictional Wetland Forum in Boise "
        "in 2028.",
        context_title="Next Forum",
    )
    assert [m.ordinal for m in ms] == [4]
