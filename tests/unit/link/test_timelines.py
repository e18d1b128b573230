"""Timelines of recurring mechanisms on the fictional seaweed corpus."""

from __future__ import annotations

from typing import Any

import pytest
from test_timelines_fixtures import (
    JWG_ID,
    LIGHT_ID,
    SSD_ID,
    corpus,
    doc_a,
    doc_b,
    iv,
    make_doc,
    series,
)

from luoshi.link.timelines import Timeline, build_index, build_timelines
from luoshi.model import Meeting

A, B, C = "daaaaaaaaaa", "dbbbbbbbbbb", "dcccccccccc"


def _tl(timelines: list[Timeline], sid: str) -> dict[str, Any]:
    for t in timelines:
        if t.series_id == sid:
            return t.to_json()
    raise AssertionError(f"no timeline {sid}: {[t.series_id for t in timelines]}")


def _occ(tl: dict[str, Any], ordinal: int | None) -> dict[str, Any]:
    for o in tl["occurrences"]:
        if o["ordinal"] == ordinal:
            return dict(o)
    raise AssertionError(f"no occurrence {ordinal}: {tl['occurrences']}")


def _roles(o: dict[str, Any]) -> list[tuple[str, int | None, str]]:
    return [(s["doc"], s["item"], s["role"]) for s in o["sources"]]


def test_json_shape() -> None:
    tl = _tl(build_timelines(corpus()), JWG_ID)
    assert set(tl) == {"series", "occurrences"}
    assert tl["series"] == {"id": JWG_ID, "name": "中美海藻联合工作组会议", "name_en": None}
    o = tl["occurrences"][0]
    assert set(o) == {"ordinal", "status", "date", "planned", "place", "sources"}
    assert {"doc", "item", "span"} <= set(o["sources"][0])


def test_planned_then_shown_held_by_a_later_document() -> None:
    tl = _tl(build_timelines(corpus()), JWG_ID)
    assert [o["ordinal"] for o in tl["occurrences"]] == [3, 4, 5]
    fourth = _occ(tl, 4)
    # "根据第四次…会议讨论情况" in round 2: held, date unknown, so not late
    assert fourth["status"] == "held"
    assert fourth["date"] is None
    assert fourth["planned"] == iv("2030-09-01", "2030-11-30")
    assert fourth["place"] == "青岛"
    assert _roles(fourth) == [(A, 1, "planned"), (B, 1, "held")]


def test_restated_plan_is_the_plan_in_force() -> None:
    fifth = _occ(_tl(build_timelines(corpus()), JWG_ID), 5)
    assert fifth["planned"] == iv("2032-06-01", "2032-08-31")  # the leaders' list moved it
    assert _roles(fifth) == [(B, 1, "planned"), (C, 1, "planned")]
    assert fifth["status"] == "planned"


def test_status_as_of_a_date() -> None:
    # before round 2 is known, the 4th meeting's autumn 2030 has passed unseen
    tl = _tl(build_timelines(corpus(), as_of="2031-01-15"), JWG_ID)
    assert _occ(tl, 4)["status"] == "overdue"
    assert [o["ordinal"] for o in tl["occurrences"]] == [3, 4]  # later documents unseen
    tl = _tl(build_timelines(corpus(), as_of="2030-06-01"), JWG_ID)
    assert _occ(tl, 4)["status"] == "planned"


def test_first_of_series_and_renamed_mechanism_held_late() -> None:
    # 2030: "举行一次中美残障人士体育协调会议" (Dec 2030/Jan 2031);
    # 2031: "首届中美残疾人事务体育协调会" held 14–15 April 2031
    tl = _tl(build_timelines(corpus()), "series:残疾人事务体育协调会")
    assert len(tl["occurrences"]) == 1
    first = tl["occurrences"][0]
    assert first["ordinal"] == 1
    assert first["status"] == "held-late"
    assert first["date"] == iv("2031-04-14", "2031-04-15")
    assert first["planned"] == iv("2030-12-01", "2031-01-31")
    assert _roles(first) == [(A, 7, "planned"), (B, 5, "held")]


def test_unnumbered_plan_with_coreferent_date_and_implied_holding() -> None:
    tl = _tl(build_timelines(corpus()), LIGHT_ID)
    first, second = tl["occurrences"]
    # "举行一次…磋商。本次磋商定于2030年10月在华盛顿举行": ordinal 1 because the
    # next list plans the second; date and place from the 本次 sentence
    assert first["ordinal"] == 1
    assert first["planned"] == iv("2030-10-01", "2030-10-31")
    assert first["place"] == "华盛顿"
    # numbering the second round implies the first met
    assert first["status"] == "held"
    assert (B, 2, "implied") in _roles(first)
    assert second["ordinal"] == 2 and second["status"] == "planned"


def test_next_mention_resolves_and_anchor_dates_the_deadline() -> None:
    tl = _tl(build_timelines(corpus()), SSD_ID)
    assert [o["ordinal"] for o in tl["occurrences"]] == [2, 3]
    third = _occ(tl, 3)
    # "在下一轮…对话前夕": round 2 opened on 2031-06-20; held that day → on time
    assert third["planned"] == iv(None, "2031-06-20")
    assert third["status"] == "held"
    assert third["date"] == iv("2031-06-20", "2031-06-20")


def test_anchor_unresolved_while_the_next_round_is_unknown() -> None:
    tl = _tl(build_timelines([doc_a()]), SSD_ID)
    third = _occ(tl, 3)
    assert third["planned"] is None
    assert third["status"] == "planned"


def test_documents_own_meetings_are_occurrences() -> None:
    tl = _tl(build_timelines(corpus()), "series:海藻合作对话")
    assert [(o["ordinal"], o["status"]) for o in tl["occurrences"]] == [(1, "held"), (2, "held")]
    assert _occ(tl, 2)["date"] == iv("2031-06-20", "2031-06-21")


def test_meeting_without_round_or_series_is_not_a_timeline() -> None:
    ids = {t.series_id for t in build_timelines(corpus())}
    assert not any("元首会晤" in i for i in ids)


def test_commitment_links_for_status() -> None:
    idx = build_index(corpus())
    a = doc_a()
    clause = a.items[0].facts["commitments"][0]["span"]
    occs = idx.links[(A, 1, tuple(clause))]
    assert [(o.series_id, o.ordinal) for o in occs] == [(JWG_ID, 4)]


def test_next_without_anything_known_stays_unnumbered() -> None:
    def facts(at: Any) -> dict[str, Any]:
        return {
            "series": [
                series(
                    at,
                    "下一次中美虚构论坛",
                    id="series:虚构论坛",
                    name="中美虚构论坛",
                    relation="next",
                    status="planned",
                    due=iv("2040-01-01", "2040-12-31"),
                ),
            ]
        }

    d = make_doc(
        "e", Meeting(start="2039-03-01"), [(1, "论坛", "将于2040年举行下一次中美虚构论坛。", facts)]
    )
    (tl,) = build_timelines([d])
    (o,) = tl.to_json()["occurrences"]
    assert o["ordinal"] is None and o["status"] == "planned"


def test_as_of_must_be_a_date() -> None:
    with pytest.raises(ValueError):
        build_timelines(corpus(), as_of="soon")


def test_deterministic_and_order_free() -> None:
    one = [t.to_json() for t in build_timelines(corpus())]
    two = [t.to_json() for t in build_timelines([doc_b(), doc_a(), *corpus()[:1]])]
    assert one == two
