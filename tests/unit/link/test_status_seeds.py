"""Commitment status on the real corpus (../shared/corpus/seeds; skipped when absent)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from luoshi.link.anchors import DateInterval, doc_id
from luoshi.link.status import STATUSES, CommitmentStatus, assess
from luoshi.model import Document

pytestmark = pytest.mark.seeds

PREFIXES = ("000", "001", "002", "003", "004")


@pytest.fixture
def corpus(seed: Callable[[str], Document]) -> dict[str, Document]:
    return {p: seed(p) for p in PREFIXES}


@pytest.fixture
def statuses(corpus: dict[str, Document]) -> list[CommitmentStatus]:
    return assess(corpus.values())


def _find(sts: list[CommitmentStatus], doc: Document, *needles: str) -> CommitmentStatus:
    hits = [
        s
        for s in sts
        if s.doc == doc_id(doc) and all(n in s.text.replace("\n", "") for n in needles)
    ]
    assert len(hits) == 1, [s.text for s in hits] or f"no commitment with {needles}"
    return hits[0]


def test_every_commitment_has_a_status(statuses: list[CommitmentStatus]) -> None:
    assert len(statuses) > 400
    assert {s.status for s in statuses} <= set(STATUSES)
    assert len({s.id for s in statuses}) == len(statuses)


def test_china_garden_deadline_superseded(
    statuses: list[CommitmentStatus], corpus: dict[str, Document]
) -> None:
    first = _find(statuses, corpus["001"], "2016年6月底前", "中国园开工建设")
    assert first.due == DateInterval(None, "2016-06-30")
    assert first.status == "superseded"
    later = _find(statuses, corpus["003"], "2016年10月30日前", "中国园项目开工建设")
    assert first.superseded_by == later.id
    # restated by the 8th round with the same date: not superseded again
    assert later.status != "superseded"
    assert any(e.source.doc == doc_id(corpus["000"]) for e in later.evidence)


def test_jlg_fourteenth_restated_by_hangzhou(
    statuses: list[CommitmentStatus], corpus: dict[str, Document]
) -> None:
    s = _find(statuses, corpus["000"], "JLG 第十四次")
    assert s.status == "superseded"
    assert s.superseded_by == _find(statuses, corpus["002"], "JLG第14次").id


def test_meetings_shown_held(statuses: list[CommitmentStatus], corpus: dict[str, Document]) -> None:
    twelfth = _find(statuses, corpus["001"], "第十二次会议")
    assert twelfth.status == "fulfilled"
    assert twelfth.evidence[0].source.doc == doc_id(corpus["003"])
    ssd = _find(statuses, corpus["001"], "下一次中美战略安全对话")
    assert ssd.due_source == "anchor" and ssd.status == "fulfilled"
    disability = _find(statuses, corpus["001"], "残障人士协调会议")
    assert disability.status == "fulfilled-late"
    assert disability.evidence[0].date == DateInterval("2015-04-14", "2015-04-15")
    assert disability.score == 0


def test_status_as_of_a_date(corpus: dict[str, Document]) -> None:
    early = assess(corpus.values(), as_of="2016-07-01")
    garden = _find(early, corpus["000"], "中国园")
    assert garden.status == "pending"
    late = assess(corpus.values(), as_of="2017-01-01")
    assert _find(late, corpus["000"], "中国园").status == "overdue"
