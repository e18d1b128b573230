"""Series rules from the thirteenth and fourteenth held-out rounds (r13_*, r14_*). Every
sentence is made up for the test; the bodies, meetings, places and dates are fictional."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.extract.actors import find_actors
from luoshi.extract.series import SeriesMention, find_series
from luoshi.extract.times import find_times

DOC = date(2031, 4, 10)


def _series(text: str, **kw: object) -> list[SeriesMention]:
    """find_series wired to the sibling extractors, as the pipeline calls it."""
    return find_series(  # type: ignore[misc]
        text, doc_date=DOC, times=find_times(text, DOC), actors=find_actors(text, on=DOC), **kw
    )


@pytest.mark.parametrize(
    ("text", "name", "ordinal"),
    [
        ("The two sides will hold the eleventh round of the Fogland-Lakeport Consultation on "
         "Harbour Affairs in Lakeport.", "Fogland-Lakeport Consultation on Harbour Affairs", 11),
        ("They will hold the seventh Dialogue on the Law of the Tides and Polar Issues in spring "
         "2032.", "Dialogue on the Law of the Tides and Polar Issues", 7),
        ("They will convene the sixth High-Level Joint Dialogue on Fogcrime and Related Issues.",
         "High-Level Joint Dialogue on Fogcrime and Related Issues", 6),
    ],
)
def test_the_topic_after_an_events_head_is_part_of_its_name(
        text: str, name: str, ordinal: int) -> None:
    (m,) = _series(text)
    assert (m.name, m.ordinal) == (name, ordinal)


def test_a_bare_second_camp_after_a_line_of_agencies_is_the_camp_named_before() -> None:
    # a table's lead-agency cell on its own line is no pre-name of the next cell's mention
    text = ("双方将于2031年9月在雾港联合举办第二届中美青年示范科学家交流营。\n"
            "示范部、美国示范局\n"
            "第二届交流营已于9月在雾港举办，来自两国的60名青年科学家参加。")
    names = [m.name for m in _series(text)]
    assert names == ["青年示范科学家交流营", "青年示范科学家交流营"]


def test_a_festival_or_camp_after_exchange_keeps_its_head() -> None:
    (m,) = _series("双方同意于2032年在雾港举办首届中虚青年交流节。")
    assert m.name.endswith("交流节")


def test_an_acronym_in_brackets_inside_a_name_is_read_over_and_dropped() -> None:
    (m,) = _series("The two navies will convene the next round of the Fogland Harbour "
                   "Agreement (FHA) talks in Lakeport later this year.")
    assert (m.name, m.relation) == ("Fogland Harbour Agreement talks", "next")


def test_a_named_event_labelled_by_its_year_is_a_sitting_without_ordinal() -> None:
    (m,) = _series("The two ministries will hold the 2031 Fogland Tide Coordination Talks in "
                   "Lakeport in the fourth quarter of 2031.")
    assert (m.name, m.ordinal, m.status) == ("Fogland Tide Coordination Talks", None, "planned")
    assert _series("They noted the 2030 talks.") == []


def test_a_joining_word_after_the_body_of_a_sitting_ends_no_name() -> None:
    (m,) = _series("They will review the outcomes before the next meeting of the Working Group "
                   "and will publish a report.", meeting="Fogland-Lakeport Tide Working Group")
    assert m.name == "Fogland-Lakeport Tide Working Group meeting"


def test_a_bare_next_joint_meeting_is_a_sitting_of_the_lists_own_committee() -> None:
    (m,) = _series("双方将在下一次联席会议前对本清单的落实情况进行评估。", meeting="中雾政府委员会")
    assert m.name == "中雾政府委员会联席会议"


def test_a_festival_is_an_english_event_head() -> None:
    got = _series("They will hold the inaugural Fogland–Lakeport Youth Festival in 2032 and the "
                  "second Festival in 2033.")
    assert [(m.name, m.ordinal) for m in got] == [
        ("Fogland–Lakeport Youth Festival", 1), ("Fogland–Lakeport Youth Festival", 2)]


def test_a_sitting_of_a_short_name_ending_the_lists_own_body_is_that_bodys() -> None:
    text = "The Sides agreed to hold the Tenth Meeting of the Binational Commission in 2032."
    (m,) = _series(text, meeting="Fogland–Lakeport Permanent Binational Commission")
    assert m.name == "Fogland–Lakeport Permanent Binational Commission meeting"
    (m,) = _series(text)
    assert m.name == "Binational Commission meeting"
