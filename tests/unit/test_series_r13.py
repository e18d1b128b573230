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
