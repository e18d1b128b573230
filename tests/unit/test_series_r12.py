"""Series rules from the twelfth held-out round (r12_*). Every sentence is made up for the
test; the bodies, meetings, places and dates are fictional."""

from __future__ import annotations

from datetime import date

from luoshi.extract.actors import find_actors
from luoshi.extract.series import SeriesMention, find_series
from luoshi.extract.times import find_times

DOC = date(2031, 4, 10)
EN_MEETING = "Freedonia-Sylvania Maritime and Tidal Dialogue"


def _series(text: str, **kw: object) -> list[SeriesMention]:
    """find_series wired to the sibling extractors, as the pipeline calls it."""
    return find_series(  # type: ignore[misc]
        text, doc_date=DOC, times=find_times(text, DOC), actors=find_actors(text, on=DOC), **kw
    )


# --- the initials of the document's own English mechanism name its sittings -------------


def test_ordinal_before_the_initials_of_the_own_mechanism_is_a_sitting() -> None:
    (m,) = _series("The two sides agreed to hold the Ninth MTD in 2032.", meeting=EN_MEETING)
    assert m.ordinal == 9
    assert m.name == EN_MEETING
    assert m.status == "planned"


def test_next_before_the_initials_is_the_next_sitting() -> None:
    (m,) = _series("The plan will be adopted before the next MTD.", meeting=EN_MEETING)
    assert m.relation == "next"
    assert m.name == EN_MEETING


def test_initials_of_another_name_are_no_mention() -> None:
    assert _series("The plan will be adopted before the next MTD.",
                   meeting="Freedonia-Sylvania Energy Dialogue") == []


def test_passive_future_past_participle_is_no_held_sitting() -> None:
    (m,) = _series("This work will be reviewed at the next Tidal Forum.")
    assert m.status == "planned"


# --- co-hosts name no single host place ---------------------------------------------------


def test_co_hosting_subjects_are_not_the_place() -> None:
    (m,) = _series("The UK and China will co-host the fifth Tidal Energy Forum in spring 2032.")
    assert m.ordinal == 5
    assert m.place is None


# --- 高层磋商 is one head: X交流高层磋商, and a bare 下一次高层磋商 refers back to it ---------


def test_high_level_consultation_is_one_head_after_another() -> None:
    (m, n) = _series("双方同意于2032年在北京举行第四次中美虚构海洋交流高层磋商，"
                     "并在下一次高层磋商上审议落实情况。")
    assert m.name == "虚构海洋交流高层磋商"
    assert n.name == "虚构海洋交流高层磋商"
    assert m.series_id == n.series_id
