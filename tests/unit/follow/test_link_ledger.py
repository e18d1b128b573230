"""link_ledger over a ledger of fictional documents: stored, skipped, incremental,
and status as of any date equal to assessing the documents directly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest
from follow_fixtures import derived_rows, samples, seaweed

from luoshi import follow
from luoshi.follow.schema import validate
from luoshi.link.status import assess
from luoshi.link.timelines import build_timelines
from luoshi.model import Document
from luoshi.store import Ledger


def _ingest(ledger: Ledger, docs: list[Document]) -> None:
    for d in docs:
        ledger.ingest(d)


def _days_around(values: list[str | None]) -> list[str]:
    out: set[str] = {"2000-01-01", "2099-12-31"}
    for v in values:
        if v:
            d = date.fromisoformat(v)
            out |= {(d + timedelta(days=k)).isoformat() for k in (-1, 0, 1)}
    return sorted(out)


def test_link_stores_results_and_skips_when_nothing_changed(ledger: Ledger) -> None:
    _ingest(ledger, list(seaweed().values()))
    first = follow.link_ledger(ledger)
    validate("linkSummary", first.to_dict())
    assert not first.skipped and first.documents == 3 and first.commitments > 10
    assert sum(first.statuses.values()) == first.commitments
    rows = derived_rows(ledger)
    again = follow.link_ledger(ledger)
    assert again.skipped and again.commitments == first.commitments
    assert derived_rows(ledger) == rows
    full = follow.link_ledger(ledger, full=True)
    assert not full.skipped and full.recomputed_from is None
    assert derived_rows(ledger) == rows


def test_status_as_of_any_date_equals_assess(sqlite_ledger: Ledger) -> None:
    docs = seaweed()
    _ingest(sqlite_ledger, list(docs.values()))
    follow.link_ledger(sqlite_ledger)
    statuses = assess(docs.values())
    days = _days_around(
        [d.meeting.start for d in docs.values()]
        + [s.due.end for s in statuses if s.due]
        + [s.due.start for s in statuses if s.due]
    )
    compared = 0
    for day in days:
        want = {s.id: s.to_json() for s in assess(docs.values(), day)}
        got = {r["id"]: r for r in follow.track_rows(sqlite_ledger, as_of=day)}
        assert set(got) == set(want), day
        for cid, w in want.items():
            g = got[cid]
            assert (g["machine_status"], g["due"], g["evidence"], g["machine_score"]) == (
                w["status"], w["due"], w["evidence"], w["g20"]
            ), (day, cid)
            assert (g["doc"], g["item"], g["span"], g["text"]) == (
                w["doc"], w["item"], w["span"], w["text"]
            )
            compared += 1
    assert compared > 100
    # the statuses really do change over time in this corpus
    seen = {
        r["machine_status"] for day in days for r in follow.track_rows(sqlite_ledger, as_of=day)
    }
    assert {"pending", "overdue", "fulfilled", "superseded"} <= seen


def _occurrences(tl: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (o["ordinal"], o["status"], o["date"], o["planned"], o["place"],
         [(s["doc"], s["item"], s["span"], s.get("role")) for s in o["sources"]])
        for o in tl["occurrences"]
    ]


def test_timelines_as_of_any_date_equal_build_timelines(sqlite_ledger: Ledger) -> None:
    docs = seaweed()
    _ingest(sqlite_ledger, list(docs.values()))
    follow.link_ledger(sqlite_ledger)
    for day in ("2030-05-09", "2030-05-10", "2031-01-01", "2031-06-20", "2031-09-01",
                "2032-01-01"):
        for tl in build_timelines(docs.values(), day):
            got = follow.timeline(sqlite_ledger, tl.series_id, as_of=day)
            validate("timeline", got)
            assert got["series"] == tl.to_json()["series"]
            assert _occurrences(got) == _occurrences(tl.to_json()), (day, tl.series_id)
    entries = follow.list_series(sqlite_ledger, as_of="2032-01-01")
    validate("seriesList", entries)
    assert {e["id"] for e in entries} == {t.series_id for t in build_timelines(docs.values())}


@pytest.mark.parametrize("order", [("A", "B", "C"), ("A", "C", "B"), ("C", "B", "A")])
def test_adding_documents_later_gives_the_same_rows(tmp_path: Any, order: tuple[str, ...]) -> None:
    with Ledger.open(f"sqlite:///{tmp_path / 'all.db'}") as at_once:
        _ingest(at_once, list(seaweed().values()))
        follow.link_ledger(at_once)
        expected = derived_rows(at_once)
    docs = seaweed()
    starts = []
    with Ledger.open(f"sqlite:///{tmp_path / 'steps.db'}") as steps:
        for name in order:
            steps.ingest(docs[name])
            starts.append(follow.link_ledger(steps).recomputed_from)
        assert derived_rows(steps) == expected
    # a later round is linked incrementally: only the epochs from its date on
    assert starts[0] is None
    assert starts[1:] == [docs[n].meeting.start for n in order[1:]]


def test_an_incremental_link_keeps_the_diffs_of_links_found_again(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from luoshi.link import diff

    docs = seaweed()
    with Ledger.open(f"sqlite:///{tmp_path / 'steps.db'}") as steps:
        _ingest(steps, list(docs.values()))
        follow.link_ledger(steps)
        compared: list[tuple[str, str]] = []
        real = diff.diff_items

        def counting(a: Any, b: Any, *args: Any) -> Any:
            compared.append((a.doc.source.sha256, b.doc.source.sha256))
            return real(a, b, *args)

        monkeypatch.setattr(diff, "diff_items", counting)
        # a later round restating round 2
        b = seaweed()["B"]
        later = replace(
            b,
            source=replace(b.source, sha256="d" * 64, path="fixture-d.txt"),
            meeting=replace(b.meeting, round=3, start="2033-06-20", end="2033-06-21"),
        )
        steps.ingest(later)
        assert follow.link_ledger(steps).recomputed_from == "2033-06-20"
        rows = derived_rows(steps)
    new = later.source.sha256
    # every link of the new round was diffed, and only those
    assert compared and all(new in pair for pair in compared)
    # thread_items rows sorted: (thread id, pos, …); a link per pair in one thread
    pairs = sum(a[0] == b[0] for a, b in pairwise(rows["thread_items"]))
    assert pairs > len(compared)  # the others were kept


def test_copies_are_one_document(sqlite_ledger: Ledger) -> None:
    s = samples()
    _ingest(sqlite_ledger, list(s.values()))
    summary = follow.link_ledger(sqlite_ledger)
    assert summary.copy_groups == 1
    ids = {d.title: d.id for d in sqlite_ledger.documents()}
    zh, en = ids[s["round1-zh.txt"].title], ids[s["round1-en.md"].title]
    group = follow.copies_of(sqlite_ledger, en)
    validate("copies", group)
    assert group["group"] == zh
    assert [(c["doc"], c["role"], c["lang"]) for c in group["copies"]] == [
        (zh, "primary", "zh"), (en, "copy", "en")]
    rows = follow.track_rows(sqlite_ledger, as_of="2033-01-01")
    docs = {r["doc"] for r in rows}
    assert zh in docs and en not in docs  # a copy's commitments are the primary's
    # its threads are reachable through the copy too
    via_copy = follow.thread(sqlite_ledger, en, 1)
    assert via_copy["items"] == follow.thread(sqlite_ledger, zh, 1)["items"]
    assert len(via_copy["items"]) >= 2


def test_thread_and_diff(sqlite_ledger: Ledger) -> None:
    _ingest(sqlite_ledger, list(seaweed().values()))
    follow.link_ledger(sqlite_ledger)
    th = follow.thread(sqlite_ledger, "daaaa", 1)
    validate("thread", th)
    assert [i["doc"] for i in th["items"]][:2] == ["daaaaaaaaaa", "dbbbbbbbbbb"]
    assert th["items"][0]["score"] is None and th["items"][1]["score"] > 0
    assert len(th["diffs"]) == len(th["items"]) - 1
    d = follow.diff(sqlite_ledger, "daaaaaaaaaa", "dbbbbbbbbbb")
    validate("diff", d)
    assert any(m["a"] == 1 and m["b"] == th["items"][1]["item"] for m in d["matched"])
    n_a = len(seaweed()["A"].items)
    assert len(d["matched"]) + len(d["only_a"]) == n_a


def test_bad_references_fail_with_lookup_failed(sqlite_ledger: Ledger) -> None:
    _ingest(sqlite_ledger, list(seaweed().values()))
    follow.link_ledger(sqlite_ledger)
    for call in (
        lambda: follow.thread(sqlite_ledger, "dzzz", 1),
        lambda: follow.thread(sqlite_ledger, "daaaa", 999),
        lambda: follow.thread(sqlite_ledger, "d", 1),  # ambiguous prefix
        lambda: follow.timeline(sqlite_ledger, "no such series"),
        lambda: follow.diff(sqlite_ledger, "daaaa", "dzzz"),
        lambda: follow.commitment(sqlite_ledger, "c0000000000-1-1-2"),
        lambda: follow.copies_of(sqlite_ledger, "dqq"),
    ):
        with pytest.raises(follow.LookupFailed):
            call()
    with pytest.raises(ValueError, match="not an ISO date"):
        follow.track_rows(sqlite_ledger, as_of="2031-02-30")


def test_filters(sqlite_ledger: Ledger) -> None:
    _ingest(sqlite_ledger, list(samples().values()))
    follow.link_ledger(sqlite_ledger)
    every = follow.track_rows(sqlite_ledger, as_of="2033-01-01")
    assert len(every) > 5
    some = follow.track_rows(sqlite_ledger, as_of="2033-01-01", status="overdue")
    assert some and all(r["status"] == "overdue" for r in some)
    assert len(some) < len(every)
    topic = every[0]["topic"]
    by_topic = follow.track_rows(sqlite_ledger, as_of="2033-01-01", topic=topic)
    assert by_topic and {r["topic"] for r in by_topic} == {topic}
    major = topic.split(".")[0]
    assert len(follow.track_rows(sqlite_ledger, as_of="2033-01-01", topic=major)) >= len(by_topic)
    party = every[0]["parties"][0]
    assert all(party in " ".join(r["parties"])
               for r in follow.track_rows(sqlite_ledger, as_of="2033-01-01", party=party))
    r2 = follow.track_rows(sqlite_ledger, as_of="2033-01-01", round=2)
    assert r2 and {r["round"] for r in r2} == {2}
    dated = follow.track_rows(sqlite_ledger, as_of="2033-01-01", due_from="2031-10-01",
                              due_to="2031-12-31")
    assert dated and all("2031-10-01" <= r["due"]["end"] <= "2031-12-31" for r in dated)


def test_a_new_version_changes_ids_but_rows_cite_the_ledger_id(sqlite_ledger: Ledger) -> None:
    docs = seaweed()
    _ingest(sqlite_ledger, list(docs.values()))
    follow.link_ledger(sqlite_ledger)
    a2 = replace(docs["A"], source=replace(docs["A"].source, sha256="e" * 64))
    assert sqlite_ledger.ingest(a2, "fixture-a.txt").status == "new-version"
    follow.link_ledger(sqlite_ledger)
    rows = follow.track_rows(sqlite_ledger, as_of="2032-01-01")
    from_a = [r for r in rows if r["id"].startswith("ceeeeeeeeee")]
    assert from_a and {r["doc"] for r in from_a} == {"daaaaaaaaaa"}
    assert not [r for r in rows if r["id"].startswith("caaaaaaaaaa")]
    for r in rows:
        for ev in r["evidence"]:
            assert ev["doc"] in {"daaaaaaaaaa", "dbbbbbbbbbb", "dcccccccccc"}
