"""Event-anchored deadlines (luoshi.link.anchors) on fictional documents."""

from __future__ import annotations

import pytest
from test_timelines_fixtures import SEAWEED, doc_a, doc_b, doc_c

from luoshi.link.anchors import (
    Calendar,
    DateInterval,
    Happening,
    Source,
    doc_date,
    doc_id,
    fold_key,
    parse_anchor,
    resolve_anchor,
)


@pytest.mark.parametrize(
    ("anchor", "parsed"),
    [
        ("next-round:中美海藻合作对话", ("next-round", None, "中美海藻合作对话")),
        ("next-round", ("next-round", None, None)),
        ("next-meeting:工作组会议", ("next-meeting", None, "工作组会议")),
        ("round:9:中美海藻合作对话", ("round", 9, "中美海藻合作对话")),
        ("meeting:33:特别会议", ("meeting", 33, "特别会议")),
        ("event:协调会", ("event", None, "协调会")),
        ("round:x:name", None),
        ("whenever", None),
    ],
)
def test_parse_anchor(anchor: str, parsed: tuple[object, ...] | None) -> None:
    assert parse_anchor(anchor) == parsed


def test_next_round_of_the_documents_own_mechanism() -> None:
    a, b = doc_a(), doc_b()
    cal = Calendar([a, b])
    res = resolve_anchor("next-round:中美海藻合作对话", a, cal, granularity="eve")
    assert res is not None
    assert res.ordinal == 2
    assert res.event == DateInterval("2031-06-20", "2031-06-21")
    # 0 days: lists date a round from the first day, side dialogues included
    assert res.due == DateInterval(None, "2031-06-20")
    assert res.source.doc == doc_id(b)


def test_bare_next_round_means_the_documents_mechanism() -> None:
    a, b = doc_a(), doc_b()
    res = resolve_anchor("next-round", a, Calendar([a, b]))
    assert res is not None and res.ordinal == 2


def test_next_round_from_a_document_of_another_mechanism() -> None:
    # the leaders' list (Sept 2031) speaks after round 2: "next" is round 3
    a, b, c = doc_a(), doc_b(), doc_c()
    cal = Calendar([a, b, c])
    assert resolve_anchor("next-round:中美海藻合作对话", c, cal) is None
    cal.add(
        Happening(
            fold_key(SEAWEED),
            3,
            "2032-07-01",
            "2032-07-02",
            Source("dzzzzzzzzzz", None, None),
            "2032-07-03",
        )
    )
    res = resolve_anchor("next-round:中美海藻合作对话", c, cal)
    assert res is not None and res.ordinal == 3 and res.due.end == "2032-07-01"


def test_explicit_round_and_as_of() -> None:
    a, b = doc_a(), doc_b()
    cal = Calendar([a, b])
    res = resolve_anchor("round:2:海藻合作对话", a, cal)
    assert res is not None and res.event.start == "2031-06-20"
    # on 2031-01-01 no document yet reports round 2
    assert resolve_anchor("round:2:海藻合作对话", a, cal, as_of="2031-01-01") is None


def test_event_anchor_is_the_next_occurrence_after_the_document() -> None:
    a, b = doc_a(), doc_b()
    res = resolve_anchor("event:中美海藻合作对话", a, Calendar([a, b]))
    assert res is not None and res.ordinal == 2


def test_unknown_mechanism_is_unresolved() -> None:
    a, b = doc_a(), doc_b()
    assert resolve_anchor("event:联合国大会", a, Calendar([a, b])) is None
    assert resolve_anchor("next-meeting", doc_c(), Calendar([a, b])) is None


def test_document_basics() -> None:
    a = doc_a()
    assert doc_id(a) == "d" + "a" * 10  # the ledger's scheme: "d" + sha256[:10]
    assert doc_date(a) == "2030-05-10"
    # a progress report speaks as of its cut-off, not from the round it reports on
    a.as_of = "2030-11-30"
    assert doc_date(a) == "2030-11-30"


def test_fold_key_groups_renamed_mechanisms() -> None:
    assert fold_key("中美残障人士体育协调会议") == fold_key("第三届中美残疾人事务体育协调会")
    assert fold_key("中美JLG第14次全体会议") == fold_key("中美执法合作联合联络小组第十二次会议")
    assert fold_key("举行一次法律顾问磋商".removeprefix("举行")) == fold_key(
        "第二次年度法律顾问磋商"
    )
