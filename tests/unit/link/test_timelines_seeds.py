"""Timelines on the real corpus (../shared/corpus/seeds; skipped when absent).

000 = 8th S&ED strategic track (2016-06-06/07), 001 = 6th (2014-07-09/10),
002 = Hangzhou leaders' list (2016-09-03), 003 = 7th (2015-06-22/24),
004 = a narrative history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from luoshi.link.anchors import doc_id
from luoshi.link.timelines import Timeline, build_timelines
from luoshi.model import Document

pytestmark = pytest.mark.seeds

PREFIXES = ("000", "001", "002", "003", "004")


@pytest.fixture
def corpus(seed: Callable[[str], Document]) -> dict[str, Document]:
    # ``seed`` (tests/conftest.py) parses each file once per session
    return {p: seed(p) for p in PREFIXES}


@pytest.fixture
def timelines(corpus: dict[str, Document]) -> list[Timeline]:
    return build_timelines(corpus.values())


def _series(timelines: list[Timeline], name_part: str) -> dict[str, Any]:
    hits = [t for t in timelines if name_part in t.name]
    assert len(hits) == 1, [t.name for t in hits] or "no series named like " + name_part
    return hits[0].to_json()


def _occ(tl: dict[str, Any], ordinal: int) -> dict[str, Any]:
    for o in tl["occurrences"]:
        if o["ordinal"] == ordinal:
            return dict(o)
    raise AssertionError(f"{tl['series']['name']}: no occurrence {ordinal}")


def _docs(o: dict[str, Any], role: str) -> set[str]:
    return {s["doc"] for s in o["sources"] if s.get("role") == role}


def _iv(start: str | None, end: str | None) -> dict[str, str | None]:
    return {"start": start, "end": end}


def test_strategic_security_dialogue(
    timelines: list[Timeline], corpus: dict[str, Document]
) -> None:
    tl = _series(timelines, "战略安全对话")
    for n, day, prefix in (
        (4, "2014-07-08", "001"),
        (5, "2015-06-22", "003"),
        (6, "2016-06-05", "000"),
    ):
        o = _occ(tl, n)
        assert o["status"] == "held", o
        assert o["date"] == _iv(day, day)
        assert doc_id(corpus[prefix]) in _docs(o, "held")
    # the 5th and 6th were planned "on the eve of the next S&ED round", which the
    # 7th/8th round documents date: they were on time
    assert _occ(tl, 5)["planned"] == _iv(None, "2015-06-22")
    assert _occ(tl, 6)["planned"] == _iv(None, "2016-06-06")


def test_jlg_plenary(timelines: list[Timeline], corpus: dict[str, Document]) -> None:
    tl = _series(timelines, "执法合作联合联络小组全体会议")
    d = {p: doc_id(corpus[p]) for p in PREFIXES}
    twelfth = _occ(tl, 12)
    assert twelfth["planned"] == _iv("2014-09-01", "2014-11-30")
    assert twelfth["place"] == "中国"
    assert d["001"] in _docs(twelfth, "planned")
    assert twelfth["status"] == "held" and d["003"] in _docs(twelfth, "held")
    thirteenth = _occ(tl, 13)
    assert thirteenth["planned"] == _iv("2015-09-01", "2015-11-30")
    assert thirteenth["place"] == "美国"
    assert d["003"] in _docs(thirteenth, "planned")
    assert thirteenth["status"] == "held" and d["000"] in _docs(thirteenth, "held")
    fourteenth = _occ(tl, 14)
    assert _docs(fourteenth, "planned") == {d["000"], d["002"]}
    assert fourteenth["planned"] == _iv("2016-09-01", "2016-11-30")  # the Hangzhou restatement
    assert fourteenth["place"] == "中国"


def test_legal_advisers_consultations(
    timelines: list[Timeline], corpus: dict[str, Document]
) -> None:
    tl = _series(timelines, "法律顾问磋商")
    expect = {
        1: (_iv("2014-10-01", "2014-10-31"), "华盛顿", "001"),
        2: (_iv("2015-10-01", "2015-10-31"), "北京", "003"),
        3: (_iv("2016-10-01", "2016-12-31"), "华盛顿", "000"),
    }
    for n, (planned, place, prefix) in expect.items():
        o = _occ(tl, n)
        assert o["planned"] == planned
        assert o["place"] == place
        assert doc_id(corpus[prefix]) in _docs(o, "planned")


def test_disability_coordination_meeting(
    timelines: list[Timeline], corpus: dict[str, Document]
) -> None:
    tl = _series(timelines, "残疾人事务协调会")
    first = _occ(tl, 1)
    # 2014: "中美残障人士协调会议", Dec 2014 or Jan 2015 in Washington;
    # 2015: "首届残疾人事务协调会" held 14–15 April 2015
    assert first["planned"] == _iv("2014-12-01", "2015-01-31")
    assert first["date"] == _iv("2015-04-14", "2015-04-15")
    assert first["status"] == "held-late"
    assert doc_id(corpus["001"]) in _docs(first, "planned")
    assert doc_id(corpus["003"]) in _docs(first, "held")
    second = _occ(tl, 2)
    assert second["planned"] == _iv("2016-04-01", "2016-04-30") and second["place"] == "北京"
    assert _occ(tl, 3)["planned"] == _iv("2017-04-01", "2017-04-30")


def test_status_as_of_the_hangzhou_summit(corpus: dict[str, Document]) -> None:
    tl = _series(
        build_timelines(corpus.values(), as_of="2016-09-03"), "执法合作联合联络小组全体会议"
    )
    assert _occ(tl, 14)["status"] == "planned"
    tl = _series(
        build_timelines(corpus.values(), as_of="2016-12-31"), "执法合作联合联络小组全体会议"
    )
    assert _occ(tl, 14)["status"] == "overdue"
