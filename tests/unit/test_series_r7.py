"""Series rules from the seventh held-out round (r7_*). Every sentence is made up for the test;
the bodies, meetings and dates are fictional."""

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


def test_a_matchmaking_fair_is_a_series_head() -> None:
    (m,) = _series("双方将在上半年内举办第五届中美虚构企业对接会。")
    assert (m.ordinal, m.name, m.status) == (5, "虚构企业对接会", "planned")
    assert m.due is not None


def test_completing_a_round_is_holding_it() -> None:
    (m,) = _series("虚构港务局与商务部计划在2027年度内完成第三轮虚构关税技术磋商。")
    assert (m.ordinal, m.name, m.status) == (3, "虚构关税技术磋商", "planned")
    assert m.due is not None and m.due.end == "2027-12-31"


def test_a_short_body_name_is_the_body_named_in_full_before_it() -> None:
    (m,) = _series("双方同意建立中美虚构港口物流对接机制，对接机制首次会议将于下月召开。")
    assert (m.ordinal, m.status) == (1, "planned")
    assert m.name == "虚构港口物流对接机制会议"
    # no fuller body before it: the name as written
    (n,) = _series("对接机制首次会议将于下月召开。")
    assert n.name == "对接机制会议"


# --- English ----------------------------------------------------------------------------


def test_a_frequency_word_is_no_part_of_the_name() -> None:
    (m,) = _series("The tenth biennial Fictional Harbour Symposium will take place in Arcadia "
                   "in late 2028.")
    assert (m.ordinal, m.name, m.status) == (10, "Fictional Harbour Symposium", "planned")
    (t,) = _series("The sides will hold the second triennial Fictional Loom Forum in 2029.")
    assert t.name == "Fictional Loom Forum"


def test_its_nth_iteration_is_a_sitting_of_the_event_held() -> None:
    (m,) = _series("The two sides will reconvene the Joint Workshop on Fictional Kilns for its "
                   "fourth iteration in Honolulu in the third quarter of 2028.")
    assert m.text == "its fourth iteration"
    assert (m.ordinal, m.name, m.status) == (4, "Joint Workshop on Fictional Kilns", "planned")
    assert m.place == "檀香山"
    assert m.due is not None and (m.due.start, m.due.end) == ("2028-07-01", "2028-09-30")
    # an iteration or edition of nothing named is no mention
    assert _series("The plan is in its third iteration since 2025.") == []


def test_the_nth_iteration_of_the_x_is_a_sitting_of_x() -> None:
    (m,) = _series("The sides will hold the sixth iteration of the Fictional Kiln Forum in 2028.")
    assert (m.ordinal, m.name) == (6, "Fictional Kiln Forum")


def test_a_city_outside_the_gazetteer_keeps_its_chinese_name() -> None:
    (m,) = _series("Participants noted that the second Fictional Loom Forum was held in "
                   "Honolulu in May 2025.")
    assert (m.status, m.place) == ("held", "檀香山")


def test_the_host_named_before_the_mention_is_its_place() -> None:
    (m,) = _series("Participants welcomed Indonesia's offer to host the fifth iteration of the "
                   "Fictional Kiln Forum in 2028.")
    assert (m.ordinal, m.name, m.place) == (5, "Fictional Kiln Forum", "印度尼西亚")
    (c,) = _series("China will host the next Fictional Loom Dialogue.")
    assert (c.relation, c.place) == ("next", "中国")
    # a city after "in" is more precise than the host
    (d,) = _series("Participants welcomed Indonesia's offer to host the fifth Fictional Kiln "
                   "Forum in Honolulu in 2028.")
    assert d.place == "檀香山"


def test_a_meeting_preparing_the_mention_keeps_its_own_time_and_place() -> None:
    (m,) = _series("The Co-Chairs decided that a preparatory meeting for the fourth Fictional "
                   "Kiln Dialogue will be held in Honolulu in March 2028.")
    assert (m.ordinal, m.status) == (4, "planned")
    assert (m.due, m.date, m.place) == (None, None, None)


def test_a_bare_tail_of_the_documents_english_meeting_name_is_that_meeting() -> None:
    own = "China–Arcadia–Borduria Trilateral Forum on Fictional Kilns"
    first, nxt = _series("The Co-Chairs agreed to convene the fourth Trilateral Forum in Arcadia "
                         "in 2028 and to review the plan before the next Trilateral Forum.",
                         meeting=own)
    assert first.name == nxt.name == own
    assert first.series_id == nxt.series_id
    # not a tail of it: a series of its own
    (other,) = _series("The sides will hold the fourth Kiln Forum in 2028.", meeting=own)
    assert other.name == "Kiln Forum"
    # a known series keeps its alias even in a document of another meeting with that tail
    (sed,) = _series("The sides will hold the eighth Strategic and Economic Dialogue in 2028.",
                     meeting="U.S.-China Fictional Strategic and Economic Dialogue")
    assert sed.series_id.endswith("sed") and sed.resolved_by != "meeting"
