"""Commitment status on the fictional seaweed corpus."""

from __future__ import annotations

from typing import Any

import pytest
from test_timelines_fixtures import corpus, doc_a, iv, make_doc

from luoshi.link.anchors import DateInterval
from luoshi.link.status import (
    STATUSES,
    CommitmentStatus,
    assess,
    commitment_id,
    g20_score,
)
from luoshi.link.timelines import build_index
from luoshi.model import Meeting

A, B, C = "daaaaaaaaaa", "dbbbbbbbbbb", "dcccccccccc"


def _by_item(sts: list[CommitmentStatus], doc: str, item: int, n: int = 0) -> CommitmentStatus:
    hits = [s for s in sts if s.doc == doc and s.item == item]
    assert len(hits) > n, f"no commitment {n} in {doc} item {item}"
    return hits[n]


@pytest.fixture(scope="module")
def now() -> list[CommitmentStatus]:
    return assess(corpus())


def test_statuses_are_the_closed_list(now: list[CommitmentStatus]) -> None:
    assert set(STATUSES) == {
        "fulfilled",
        "fulfilled-late",
        "superseded",
        "overdue",
        "pending",
        "ongoing",
        "unknown",
    }
    assert {s.status for s in now} <= set(STATUSES)


def test_fulfilled_by_a_series_occurrence_held_later(now: list[CommitmentStatus]) -> None:
    s = _by_item(now, A, 1)
    assert s.status == "fulfilled"
    assert s.series == [{"id": "mech.fict-seaweed-jwg", "ordinal": 4}]
    (ev,) = s.evidence
    assert ev.kind == "series-held"
    assert (ev.source.doc, ev.source.item) == (B, 1)
    assert (
        ev.text == "根据第四次中美海藻联合工作组会议讨论情况，双方将保持沟通。"
    )  # the sentence cited
    assert s.score == 1


def test_fulfilled_late_when_held_after_the_deadline(now: list[CommitmentStatus]) -> None:
    s = _by_item(now, A, 7)
    assert s.status == "fulfilled-late"
    assert s.evidence[0].date == DateInterval("2031-04-14", "2031-04-15")
    assert s.score == 0


def test_anchored_deadline_resolved_and_met(now: list[CommitmentStatus]) -> None:
    s = _by_item(now, A, 3)
    assert s.due_source == "anchor"
    assert s.due == DateInterval(None, "2031-06-20")
    assert s.status == "fulfilled"


def test_unnumbered_first_meeting_implied_by_the_next_number(
    now: list[CommitmentStatus],
) -> None:
    first, coref = _by_item(now, A, 2, 0), _by_item(now, A, 2, 1)
    assert first.status == coref.status == "fulfilled"
    assert first.evidence[0].kind == "series-implied"
    # the first clause has no date of its own: it takes the 本次 sentence's
    assert first.due_source == "series" and first.due == DateInterval("2030-10-01", "2030-10-31")


def test_superseded_by_a_later_deadline(now: list[CommitmentStatus]) -> None:
    # 2030: "2031年6月底前…开工建设" → 2031: "2031年10月30日前…开工建设"
    s = _by_item(now, A, 4)
    assert s.due_source == "time"  # recovered from the clause's time expression
    assert s.due == DateInterval(None, "2031-06-30")
    assert s.status == "superseded"
    later = _by_item(now, B, 4)
    assert s.superseded_by == later.id
    assert s.evidence[0].kind == "restatement"
    assert s.score == 0


def test_restated_with_the_same_deadline_is_not_superseded(now: list[CommitmentStatus]) -> None:
    s = _by_item(now, B, 4)
    assert s.status == "pending"  # as of the latest document, 2031-09-01
    assert [e.kind for e in s.evidence] == ["restatement"]
    assert s.superseded_by is None


def test_series_round_rescheduled_is_superseded(now: list[CommitmentStatus]) -> None:
    s = _by_item(now, B, 1)
    assert s.status == "superseded"
    assert s.superseded_by == _by_item(now, C, 1).id


def test_fulfilled_by_a_later_statement_with_the_same_document(
    now: list[CommitmentStatus],
) -> None:
    s = _by_item(now, A, 6)
    assert s.status == "fulfilled"  # signed in Nov 2030, deadline end of 2030
    assert s.evidence[0].kind == "event" and s.evidence[0].source.doc == B


def test_continuing_cooperation_stays_ongoing_with_progress(now: list[CommitmentStatus]) -> None:
    s = _by_item(now, A, 5)
    assert s.status == "ongoing"
    assert [e.kind for e in s.evidence] == ["progress"]
    assert s.score == 0


def test_overdue_and_unknown(now: list[CommitmentStatus]) -> None:
    overdue, vague = _by_item(now, A, 8, 0), _by_item(now, A, 8, 1)
    assert overdue.status == "overdue" and overdue.score == -1
    assert vague.status == "unknown" and vague.score is None


def test_as_of_reads_only_documents_known_then() -> None:
    early = assess(corpus(), as_of="2030-07-01")
    assert {s.doc for s in early} == {A}
    assert _by_item(early, A, 1).status == "pending"
    assert _by_item(early, A, 3).status == "unknown"  # round 2 not dated yet
    assert _by_item(early, A, 8, 0).status == "pending"
    mid = assess(corpus(), as_of="2031-02-01")
    assert _by_item(mid, A, 1).status == "overdue"


def test_index_can_be_shared() -> None:
    docs = corpus()
    idx = build_index(docs)
    assert [s.to_json() for s in assess(docs, index=idx)] == [s.to_json() for s in assess(docs)]


def test_commitment_id_is_stable_and_content_derived() -> None:
    a1, a2 = doc_a(), doc_a()
    ids1 = [s.id for s in assess([a1])]
    ids2 = [s.id for s in assess([a2])]
    assert ids1 == ids2
    assert ids1[0] == commitment_id("a" * 64, 1, a1.items[0].facts["commitments"][0]["span"])
    assert ids1[0].startswith("caaaaaaaaaa-1-")


def test_json(now: list[CommitmentStatus]) -> None:
    j = _by_item(now, A, 4).to_json()
    assert j["status"] == "superseded" and j["g20"] == 0
    assert j["evidence"][0]["doc"] == B and j["evidence"][0]["kind"] == "restatement"
    assert {"id", "doc", "item", "span", "text", "due", "due_source", "series", "reason"} <= set(j)


def test_g20_scale() -> None:
    assert [g20_score(s) for s in STATUSES] == [1, 0, 0, -1, None, 0, None]


def test_meeting_evidence_needs_the_same_kind_of_meeting() -> None:
    # an intersessional meeting (会间会) is not shown held by the dialogue itself
    def plan(at: Any) -> dict[str, Any]:
        from test_timelines_fixtures import commitment

        return {
            "commitments": [
                commitment(
                    at,
                    "决定在2041年1月之前举行海藻安全对话会间会",
                    action="hold-meeting",
                    object="海藻安全对话会间会",
                    due=iv(None, "2040-12-31"),
                )
            ]
        }

    def held(at: Any) -> dict[str, Any]:
        from test_timelines_fixtures import event, sentence

        s = "双方于2041年3月1日举行了海藻安全对话。"
        return {
            "events": [event(at, s, date=iv("2041-03-01", "2041-03-01"))],
            "sentences": [sentence(at, s, "past-event")],
        }

    d1 = make_doc(
        "1",
        Meeting(start="2040-05-01"),
        [(1, "安全对话", "决定在2041年1月之前举行海藻安全对话会间会。", plan)],
    )
    d2 = make_doc(
        "2",
        Meeting(start="2041-05-01"),
        [(1, "安全对话", "双方于2041年3月1日举行了海藻安全对话。", held)],
    )
    (s,) = [s for s in assess([d1, d2]) if s.doc == "d1111111111"]
    assert s.status == "overdue"
