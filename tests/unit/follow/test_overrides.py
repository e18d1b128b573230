"""Analyst overrides: stored beside the machine status, kept across re-links,
orphans reported."""

from __future__ import annotations

from dataclasses import replace

import pytest
from follow_fixtures import seaweed

from luoshi import follow
from luoshi.follow.schema import validate
from luoshi.store import Ledger

URL = "https://example.org/press/fictional-release"


@pytest.fixture
def linked(ledger: Ledger) -> Ledger:
    for d in seaweed().values():
        ledger.ingest(d)
    follow.link_ledger(ledger)
    return ledger


def _pending(ledger: Ledger) -> dict:
    rows = follow.track_rows(ledger, as_of="2031-01-01", status="pending")
    assert rows
    return rows[0]


def test_override_shows_beside_the_machine_status(linked: Ledger) -> None:
    row = _pending(linked)
    stored = follow.add_override(
        linked, row["id"], status="fulfilled", note="held, per the fictional press release",
        source=URL, author="analyst-1", at="2031-02-01T09:30:00+08:00",
    )
    validate("override", stored)
    assert stored["created_at"] == "2031-02-01T01:30:00Z"
    shown = follow.commitment(linked, row["id"], as_of="2031-01-01")
    validate("trackerRow", shown)
    assert shown["status"] == "fulfilled" and shown["machine_status"] == "pending"
    assert shown["score"] == 1 and shown["machine_score"] is None
    assert [o["id"] for o in shown["overrides"]] == [stored["id"]]
    # filters look at the displayed status
    ids = {r["id"] for r in follow.track_rows(linked, as_of="2031-01-01", status="fulfilled")}
    assert row["id"] in ids
    # re-linking (even in full) never loses it
    follow.link_ledger(linked, full=True)
    assert follow.commitment(linked, row["id"], as_of="2031-01-01")["status"] == "fulfilled"
    assert follow.overrides_of(linked, row["id"]) == [stored]


def test_latest_override_wins_and_machine_reverts(linked: Ledger) -> None:
    cid = _pending(linked)["id"]
    follow.add_override(linked, cid, status="overdue", note="n1", source=None, author="a",
                        at="2031-03-01T00:00:00+00:00")
    follow.add_override(linked, cid, status="fulfilled", note="n0", source=None, author="b",
                        at="2031-02-01T00:00:00+00:00")  # older, stored later
    assert follow.commitment(linked, cid, as_of="2031-01-01")["status"] == "overdue"
    follow.add_override(linked, cid, status="machine", note="", source=None, author="a",
                        at="2031-04-01T00:00:00+00:00")
    assert follow.commitment(linked, cid, as_of="2031-01-01")["status"] == "pending"
    assert [o["note"] for o in follow.overrides_of(linked, cid)] == ["n0", "n1", ""]
    validate("overrideList", follow.overrides_of(linked))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": "done"}, "unknown status"),
        ({"source": "ftp://x"}, "http"),
        ({"author": " "}, "author"),
        ({"note": "", "source": None}, "note or a source"),
        ({"at": "2031-01-01T00:00:00"}, "time zone"),
    ],
)
def test_bad_overrides_are_refused(linked: Ledger, kwargs: dict, message: str) -> None:
    cid = _pending(linked)["id"]
    args = {"status": "fulfilled", "note": "x", "source": URL, "author": "a", "at": None} | kwargs
    with pytest.raises(ValueError, match=message):
        follow.add_override(linked, cid, **args)
    assert follow.overrides_of(linked) == []


def test_unknown_commitment_is_refused(linked: Ledger) -> None:
    with pytest.raises(follow.LookupFailed):
        follow.add_override(linked, "c0123456789-1-2-3", status="fulfilled", note="x",
                            source=None, author="a")


def test_orphaned_override_is_kept_and_reported(linked: Ledger) -> None:
    a = seaweed()["A"]
    cid = next(r["id"] for r in follow.track_rows(linked, as_of="2032-01-01")
               if r["doc"] == "daaaaaaaaaa")
    stored = follow.add_override(linked, cid, status="fulfilled", note="x", source=None,
                                 author="a")
    assert follow.link_ledger(linked).orphaned_overrides == []
    # the file is replaced by a corrected copy: its commitments get new ids
    linked.ingest(replace(a, source=replace(a.source, sha256="f" * 64)), "fixture-a.txt")
    summary = follow.link_ledger(linked)
    assert summary.orphaned_overrides == [stored]
    assert follow.link_ledger(linked).orphaned_overrides == [stored]  # also when skipped
    assert follow.overrides_of(linked, cid) == [stored]
