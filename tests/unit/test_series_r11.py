"""Series rules from the eleventh held-out round (r11_*). Every sentence is made up for the
test; the bodies, meetings, places and dates are fictional."""

from __future__ import annotations

from datetime import date

from luoshi.extract.actors import find_actors
from luoshi.extract.series import SeriesMention, find_series
from luoshi.extract.times import find_times

DOC = date(2031, 4, 10)
MEETING = "中美虚构渔业合作工作组会议"


def _series(text: str, **kw: object) -> list[SeriesMention]:
    """find_series wired to the sibling extractors, as the pipeline calls it."""
    return find_series(  # type: ignore[misc]
        text, doc_date=DOC, times=find_times(text, DOC), actors=find_actors(text, on=DOC), **kw
    )


# --- a heading on a line of its own is the item's topic, not a mention of its own -------


def test_own_line_heading_with_a_verb_gives_no_row_and_no_name() -> None:
    title = "举行第六次会议"
    (m,) = _series(
        title + "\n双方同意于2031年第四季度在北京举行工作组第六次会议。",
        context_title=title,
        meeting=MEETING,
    )
    assert m.text == "工作组第六次会议"
    assert m.ordinal == 6
    assert m.name == "虚构渔业合作工作组会议"


def test_own_line_next_heading_gives_no_row() -> None:
    title = "下一次会议"
    (m,) = _series(
        title + "\n双方将尽快商定下一次工作组会议的具体日期。", context_title=title, meeting=MEETING
    )
    assert m.relation == "next"
    assert m.name == "虚构渔业合作工作组会议"


def test_run_in_heading_is_kept() -> None:
    title = "虚构海事工作组第二次会议"
    ms = _series(title + "：该工作组第二次会议将于2031年9月在上海举行。", context_title=title)
    assert [m.ordinal for m in ms] == [2, 2]


# --- a title that states an action names its object ------------------------------------


def test_title_verb_is_no_part_of_the_name() -> None:
    title = "建立虚构海洋观测专家组"
    (m,) = _series(
        title + "\n双方决定建立虚构海洋观测专家组，专家组首次会议将于2031年6月底前召开。",
        context_title=title,
    )
    assert m.name == "虚构海洋观测专家组会议"


# --- an English title-case "… Working Group Meeting": its sittings are "… meeting" ------


def test_title_case_meeting_of_an_organ_is_lower_case() -> None:
    (m,) = _series(
        "The two sides decided to hold the fifth meeting of the Working Group in Beijing.",
        meeting="U.S.-China Fictional Fisheries Working Group Meeting",
    )
    assert m.name == "U.S.-China Fictional Fisheries Working Group meeting"


def test_title_case_meeting_of_no_organ_keeps_its_name() -> None:
    (m,) = _series(
        "The two sides will hold the fifth Trilateral Meeting in Jakarta.",
        meeting="Fictional Trilateral Meeting on Ocean Science",
    )
    assert m.name == "Fictional Trilateral Meeting on Ocean Science"
