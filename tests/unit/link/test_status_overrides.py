"""Analyst overrides beside the machine status."""

from __future__ import annotations

import pytest
from test_timelines_fixtures import corpus

from luoshi.link.overrides import (
    REVERT,
    Override,
    combine,
    combine_all,
    latest_override,
    orphans,
)
from luoshi.link.status import CommitmentStatus, assess


@pytest.fixture(scope="module")
def machine() -> list[CommitmentStatus]:
    return assess(corpus())


def _overdue(machine: list[CommitmentStatus]) -> CommitmentStatus:
    return next(s for s in machine if s.status == "overdue")


def _ov(cid: str, status: str, time: str, **kw: str) -> Override:
    kw.setdefault("note", "虚构: the exhibition opened on 3 August (fictional)")
    return Override(commitment_id=cid, status=status, author="analyst", time=time, **kw)


def test_no_override_shows_the_machine_status(machine: list[CommitmentStatus]) -> None:
    m = _overdue(machine)
    d = combine(m, [])
    assert (d.status, d.machine_status, d.overridden) == ("overdue", "overdue", False)
    assert d.score == d.machine_score == -1


def test_latest_override_wins_and_machine_status_is_kept(
    machine: list[CommitmentStatus],
) -> None:
    m = _overdue(machine)
    older = _ov(m.id, "fulfilled-late", "2031-09-02T10:00:00+08:00")
    newer = _ov(
        m.id,
        "fulfilled",
        "2031-09-03T01:00:00+00:00",
        source_url="https://example.org/fictional-release",
    )
    other = _ov("c" + "f" * 10 + "-1-0-5", "overdue", "2031-09-04T00:00:00+00:00")
    d = combine(m, [newer, other, older])  # given out of order
    assert d.status == "fulfilled" and d.score == 1
    assert d.machine_status == "overdue" and d.machine_score == -1
    assert d.override == newer
    assert d.history == (older, newer)
    assert m.status == "overdue"  # never replaced
    j = d.to_json()
    assert j["machine"] == {"status": "overdue", "g20": -1} and j["overridden"] is True


def test_revert_withdraws_the_override(machine: list[CommitmentStatus]) -> None:
    m = _overdue(machine)
    ovs = [
        _ov(m.id, "fulfilled", "2031-09-03T00:00:00Z"),
        Override(commitment_id=m.id, status=REVERT, author="lead", time="2031-09-05T00:00:00Z"),
    ]
    assert latest_override(ovs, m.id) is None
    d = combine(m, ovs)
    assert d.status == "overdue" and not d.overridden and len(d.history) == 2


def test_combine_all_and_orphans(machine: list[CommitmentStatus]) -> None:
    m = _overdue(machine)
    stray = _ov("c" + "0" * 10 + "-3-10-20", "fulfilled", "2031-09-03T00:00:00Z")
    ovs = [_ov(m.id, "fulfilled", "2031-09-03T00:00:00Z"), stray]
    shown = combine_all(machine, ovs)
    assert len(shown) == len(machine)
    assert [d.commitment_id for d in shown if d.overridden] == [m.id]
    assert orphans(machine, ovs) == [stray]


def test_json_round_trip() -> None:
    o = _ov(
        "c" + "a" * 10 + "-2-83-100",
        "superseded",
        "2031-09-03T00:00:00+00:00",
        source_url="https://example.org/x",
    )
    assert Override.from_json(o.to_json()) == o


@pytest.mark.parametrize(
    "kw",
    [
        {"commitment_id": "d123"},
        {"status": "done"},
        {"time": "2031-09-03"},  # no zone: cannot be ordered
        {"time": "yesterday"},
        {"author": " "},
        {"source_url": "ftp://example.org/x"},
        {"note": "", "source_url": None},
    ],
)
def test_invalid_overrides(kw: dict[str, object]) -> None:
    base: dict[str, object] = {
        "commitment_id": "c" + "a" * 10 + "-2-83-100",
        "status": "fulfilled",
        "author": "analyst",
        "time": "2031-09-03T00:00:00+00:00",
        "note": "why",
        "source_url": None,
    }
    base.update(kw)
    with pytest.raises(ValueError):
        Override(**base)  # type: ignore[arg-type]
