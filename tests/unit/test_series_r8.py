"""Series rules from the eighth held-out round (r8_*). Every sentence is made up for the test;
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


# --- Chinese ----------------------------------------------------------------------------


def test_a_first_session_of_a_course_is_ordinal_one() -> None:
    text = "双方同意每年举办一期中欧虚构税务管理研修班，首期研修班将于2027年6月在昆明举办。"
    (m,) = _series(text)
    assert (m.text, m.ordinal, m.status, m.place) == ("首期研修班", 1, "planned", "昆明")
    assert m.name == "中欧虚构税务管理研修班"
    assert m.due is not None and m.due.start == "2027-06-01"


def test_a_vague_time_word_is_never_a_place() -> None:
    (m,) = _series("虚构航运局与某国港口局将于近期召开中某虚构港口合作工作组第三次会议。")
    assert (m.ordinal, m.status, m.place) == (3, "planned", None)
    (n,) = _series("双方将于日前召开虚构渔业工作组第二次会议。")
    assert n.place is None


def test_a_bare_council_is_the_documents_own_council() -> None:
    meeting = "中某虚构贸易合作联合协调理事会"
    (m,) = _series(
        "双方积极评价2026年11月在天津举行的理事会第四次会议以来的进展。", meeting=meeting
    )
    assert (m.ordinal, m.status, m.place) == (4, "held", "天津")
    assert m.name == "中某虚构贸易合作联合协调理事会会议"
    (n,) = _series("双方同意在理事会下次会议前完成路线图的制定工作。", meeting=meeting)
    assert (n.relation, n.name) == ("next", "中某虚构贸易合作联合协调理事会会议")
    # no document mechanism: the council as written
    (o,) = _series("双方同意在理事会下次会议前完成路线图的制定工作。")
    assert o.name == "理事会会议"


def test_the_commission_takes_the_series_tables_name() -> None:
    (m,) = _series("中美科技合作联合委员会第十四次会议已于2026年10月在北京举行。")
    assert (m.ordinal, m.status, m.place) == (14, "held", "北京")
    assert m.name == "科技合作联委会会议"
    (n,) = _series("中美科技合作联委会第十五次会议将于明年在华盛顿举行。")
    assert n.name == "科技合作联委会会议"


def test_a_rescheduled_event_takes_the_new_date_and_place() -> None:
    (m,) = _series(
        "原定于2026年12月在波特兰举办的第三届中美虚构机器人大赛因故推迟，"
        "经双方协商，改于2027年4月上旬在厦门举办。"
    )
    assert (m.ordinal, m.status, m.place) == (3, "planned", "厦门")
    assert m.due is not None and (m.due.start, m.due.end) == ("2027-04-01", "2027-04-10")
    (n,) = _series("原计划今年3月举行的第五次虚构海关磋商推迟至2027年9月在青岛举行。")
    assert (n.status, n.place) == ("planned", "青岛")
    assert n.due is not None and n.due.start == "2027-09-01"
    # no new date: the planned one stays
    (o,) = _series("原定于2027年5月在厦门举办的第四届虚构机器人大赛将如期举行。")
    assert o.place == "厦门" and o.due is not None and o.due.start == "2027-05-01"


def test_a_round_used_as_the_means_of_a_planned_talk_is_planned() -> None:
    (m,) = _series("双方同意通过第九轮中美虚构水利合作对话就此进一步沟通。")
    assert (m.ordinal, m.status) == (9, "planned")


# --- English ----------------------------------------------------------------------------


def test_a_china_dash_country_pair_is_part_of_the_name() -> None:
    (m,) = _series(
        "The two sides will hold the inaugural China–Freedonia Green Kiln Forum in "
        "Melbourne in the first quarter of 2028."
    )
    assert (m.ordinal, m.status, m.place) == (1, "planned", "墨尔本")
    assert m.name == "China–Freedonia Green Kiln Forum"
    (n,) = _series(
        "Ministers agreed that the 10th China–Freedonia Loom Forum would take place "
        "in Adelaide in the first quarter of 2028."
    )
    assert (n.ordinal, n.name, n.status, n.place) == (
        10,
        "China–Freedonia Loom Forum",
        "planned",
        "阿德莱德",
    )


def test_a_meeting_of_a_dash_named_council_is_the_council_meeting() -> None:
    (m,) = _series(
        "The two sides agreed to hold the Sixth Meeting of the China–Freedonia Joint "
        "Coordination Council for Fictional Trade in Chongqing in 2028."
    )
    assert m.ordinal == 6
    assert m.name == "China–Freedonia Joint Coordination Council for Fictional Trade meeting"


def test_a_bare_council_in_english_is_the_documents_own_council() -> None:
    meeting = "China–Freedonia Joint Coordination Council for Fictional Trade"
    (m,) = _series(
        "The two sides commended the progress made since the Fourth Meeting of the "
        "Council, held in Tianjin in November 2026.",
        meeting=meeting,
    )
    assert (m.ordinal, m.status, m.place) == (4, "held", "天津")
    assert m.name == meeting + " meeting"
    (n,) = _series(
        "The two sides agreed to complete the roadmap before the next meeting of the Council.",
        meeting=meeting,
    )
    assert (n.relation, n.name) == ("next", meeting + " meeting")
    assert not n.text.endswith(".")
    # no document mechanism: the council as written, without the full stop
    (o,) = _series(
        "The two sides agreed to complete the roadmap before the next meeting of the Council."
    )
    assert o.name == "Council meeting" and o.text == "the next meeting of the Council"


def test_a_field_written_after_meeting_belongs_to_the_body() -> None:
    (m,) = _series(
        "Ministers welcomed the outcomes of the 3rd Joint Working Group meeting on "
        "Fictional Trade in Services, held in Sydney on 12 May 2026."
    )
    assert (m.ordinal, m.status, m.place) == (3, "held", "悉尼")
    assert m.name == "Joint Working Group on Fictional Trade in Services meeting"


def test_a_deadline_of_another_action_does_not_date_a_round_used_as_anchor() -> None:
    meeting = "China–Freedonia Strategic Kiln Dialogue"
    (m,) = _series(
        "The two ministries will complete the joint review by 30 June 2028 and report "
        "the findings to Ministers at the Ninth Round of the Strategic Kiln Dialogue.",
        meeting=meeting,
    )
    assert (m.ordinal, m.status, m.date, m.due) == (9, "planned", None, None)


def test_a_welcomed_decision_to_convene_is_planned() -> None:
    (a, b) = _series(
        "Ministers noted that the 2nd China–Freedonia Kiln Dialogue was held in "
        "Guangzhou in April 2026, and welcomed the decision to convene the 3rd "
        "Dialogue in Perth in the second half of 2027."
    )
    assert (a.ordinal, a.status, a.place) == (2, "held", "广州")
    assert (b.ordinal, b.status, b.place) == (3, "planned", "珀斯")
    assert b.name == a.name == "China–Freedonia Kiln Dialogue"
    assert b.due is not None and b.due.start == "2027-07-01" and b.date is None


def test_a_bare_committee_of_a_chinese_meeting_takes_the_gazetteers_english_name() -> None:
    meeting = "中美环境合作联合委员会"

    def lookup(name: str) -> str | None:
        return "mech.env-jcm" if name == meeting else None

    (m,) = _series(
        "The two sides agreed to exchange the fictional data before the next meeting "
        "of the Committee.",
        meeting=meeting,
        lookup=lookup,
    )
    assert m.series_id == "mech.env-jcm"
    assert m.name == "U.S.-China Joint Committee on Environmental Cooperation meeting"
    # an organ noun the mechanism's name does not have: the organ as written
    (n,) = _series(
        "The two sides agreed to exchange the fictional data before the next meeting "
        "of the Council.",
        meeting=meeting,
        lookup=lookup,
    )
    assert (n.series_id, n.name) == ("series:en:council meeting", "Council meeting")


def test_a_time_opening_the_sentence_still_dates_an_anchor_round() -> None:
    (m,) = _series(
        "On 12 May 2026, at the third Fictional Kiln Dialogue, the two sides signed a "
        "memorandum on kiln safety."
    )
    assert m.ordinal == 3 and m.date is not None and m.date.start == "2026-05-12"
