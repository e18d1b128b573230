"""The batch writer: several documents per transaction, each in its own savepoint,
results only once committed, a lost race written again, reads that see the batch."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
from functools import partial
from pathlib import Path

import pytest
import sqlalchemy as sa
from batch_corpus import ledger_rows, write_corpus

from luoshi.batch import Task, open_engine, run, run_task
from luoshi.batch.tasks import Parsed
from luoshi.batch.writer import BatchWriter, holds
from luoshi.store import Ledger
from luoshi.store.prepare import DEFECT_COLUMNS


@pytest.fixture(autouse=True)
def batches_by_size_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches end by size here, never by the clock: a slow machine must not move them."""
    run_mod = importlib.import_module("luoshi.batch.run")  # the module, not batch.run()
    monkeypatch.setattr(run_mod, "BatchWriter", partial(BatchWriter, seconds=3600.0))


def tasks_of(paths: list[Path]) -> list[Task]:
    return [Task(i, str(p), str(p.resolve())) for i, p in enumerate(paths)]


class Ready:
    """An engine that hands back outcomes computed beforehand (or by ``make``)."""

    name = "ready"
    workers = 1

    def __init__(self, outcomes: dict[int, object]) -> None:
        self.outcomes = outcomes

    def submit(self, task: Task):  # type: ignore[no-untyped-def]
        from luoshi.batch.engines.serial import Done

        return Done(self.outcomes[task.index])  # type: ignore[arg-type]

    def close(self) -> None:
        pass


def stored_locations(url: str) -> list[str]:
    return sorted(row[2] for row in ledger_rows(url)["sources"])


def test_one_bad_document_fails_alone_inside_a_batch(tmp_path: Path, ledger_url: str) -> None:
    paths = write_corpus(tmp_path / "in", 6)
    tasks = tasks_of(paths)
    outcomes = {t.index: run_task(t) for t in tasks}
    bad = outcomes[2]
    assert isinstance(bad, Parsed)
    # a defect without its detail: NOT NULL fails at the database, after the
    # document's version, items and facts went in
    detail = DEFECT_COLUMNS.index("detail")
    broken = [(*d[:detail], None, *d[detail + 1 :]) for d in bad.prepared.defects] or [
        (0, "numbering-gap", None, None, None)
    ]
    outcomes[2] = dataclasses.replace(bad, prepared=dataclasses.replace(bad.prepared,
                                                                        defects=broken))
    with Ledger.open(ledger_url) as ledger:
        done = list(run(ledger, tasks, Ready(outcomes), max_bytes=10**6, batch=4))
        counts = ledger.row_counts()
    assert [d.task.index for d in done] == list(range(6))
    assert [d.failed for d in done] == [False, False, True, False, False, False]
    assert done[2].reason is not None and "\n" not in done[2].reason
    assert done[2].reason.startswith(f"{paths[2]}: internal error: IntegrityError")
    # nothing of it is left; the documents around it, in the same transaction, are whole
    assert stored_locations(ledger_url) == sorted(t.location for t in tasks if t.index != 2)
    assert counts["versions"] == 5 and counts["items"] == 5 * 6


def test_results_come_after_their_commit_and_a_stopped_run_keeps_only_those(
    tmp_path: Path, ledger_url: str
) -> None:
    tasks = tasks_of(write_corpus(tmp_path / "in", 10))
    outcomes = {t.index: run_task(t) for t in tasks}
    with Ledger.open(ledger_url) as ledger:
        stream = run(ledger, tasks, Ready(outcomes), max_bytes=10**6, batch=4)
        first = next(stream)
        # the first result is out: its whole batch is committed, seen from elsewhere
        assert ledger.writing is None
        assert len(stored_locations(ledger_url)) == 4
        assert first.result is not None and first.result.status == "added"
        assert [next(stream).task.index for _ in range(4)] == [1, 2, 3, 4]
        stream.close()  # the consumer stops: what was not handed out is rolled back
    held = stored_locations(ledger_url)
    assert held == sorted(t.location for t in tasks[: len(held)])  # a prefix of the tasks
    assert len(held) == 8  # two committed batches; the third was never committed


class Busy(Exception):
    """What a driver raises when another writer won: SQLite busy, PostgreSQL serialization."""

    sqlite_errorname = "SQLITE_BUSY"
    sqlstate = "40001"


def test_a_lost_race_writes_the_whole_batch_again(
    tmp_path: Path, ledger_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = tasks_of(write_corpus(tmp_path / "in", 5))
    outcomes = {t.index: run_task(t) for t in tasks}
    import luoshi.batch.writer as writer_mod

    real = writer_mod.write_prepared
    calls: list[str] = []

    def racy(conn: sa.Connection, prep, location: str):  # type: ignore[no-untyped-def]
        calls.append(location)
        if len(calls) == 3:  # the third document loses, once
            raise sa.exc.OperationalError("INSERT …", {}, Busy("database is locked"))
        return real(conn, prep, location)

    monkeypatch.setattr(writer_mod, "write_prepared", racy)
    with Ledger.open(ledger_url) as ledger:
        done = list(run(ledger, tasks, Ready(outcomes), max_bytes=10**6, batch=5))
        counts = ledger.row_counts()
    assert [d.result.status for d in done if d.result] == ["added"] * 5
    locations = [t.location for t in tasks]
    # documents 1-2 were written, rolled back with the batch, and written again
    assert calls == locations[:3] + locations
    assert counts["versions"] == counts["documents"] == counts["sources"] == 5


def test_serial_engine_sees_the_open_batch_and_skips_parsing_a_copy(
    tmp_path: Path, ledger_url: str
) -> None:
    paths = write_corpus(tmp_path / "in", 3)
    copy = tmp_path / "in" / "doc001z-copy.txt"
    copy.write_bytes(paths[1].read_bytes())
    tasks = tasks_of(sorted([*paths, copy]))
    with Ledger.open(ledger_url) as ledger:
        engine = open_engine("serial", work=partial(run_task, known=partial(holds, ledger)))
        done = list(run(ledger, tasks, engine, max_bytes=10**6, batch=16))
    by_name = {Path(d.task.where).name: d for d in done}
    assert by_name["doc001z-copy.txt"].result.status == "new-source"  # type: ignore[union-attr]
    assert by_name["doc001z-copy.txt"].parsed is False  # known in the uncommitted batch
    assert by_name["doc002.txt"].result.status == "added"  # type: ignore[union-attr]


def test_a_writer_closed_part_way_leaves_nothing_behind(tmp_path: Path, ledger_url: str
                                                        ) -> None:  # fmt: skip
    tasks = tasks_of(write_corpus(tmp_path / "in", 3))
    with Ledger.open(ledger_url) as ledger:
        writer = BatchWriter(ledger, size=10)
        for t in tasks:
            writer.add(run_task(t))
        assert ledger.writing is not None and holds(ledger, sha_of(tasks[0]))
        writer.close()
        assert ledger.writing is None
        assert ledger.row_counts()["versions"] == 0


def sha_of(task: Task) -> str:
    return hashlib.sha256(Path(task.location).read_bytes()).hexdigest()


def test_a_lost_connection_fails_the_open_batch_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = tasks_of(write_corpus(tmp_path / "in", 5))
    outcomes = {t.index: run_task(t) for t in tasks}
    import luoshi.batch.writer as writer_mod

    real = writer_mod.write_prepared

    def dropping(conn: sa.Connection, prep, location: str):  # type: ignore[no-untyped-def]
        if location == tasks[2].location:  # the connection goes away mid-document
            conn.connection.dbapi_connection.close()  # type: ignore[union-attr]
            raise sa.exc.OperationalError("INSERT …", {}, Exception("connection lost"))
        return real(conn, prep, location)

    monkeypatch.setattr(writer_mod, "write_prepared", dropping)
    url = f"sqlite:///{tmp_path / 'l.db'}"
    with Ledger.open(url) as ledger:
        done = list(run(ledger, tasks, Ready(outcomes), max_bytes=10**6, batch=5))
    # the first three were in the lost transaction: each reports it, nothing half-stored
    assert [d.failed for d in done] == [True, True, True, False, False]
    assert all("connection lost" in (d.reason or "") for d in done[:3])
    assert stored_locations(url) == sorted(t.location for t in tasks[3:])
