"""The single writer: stores workers' results, several documents per transaction.

Only the main process touches the ledger. Workers hand over documents already
prepared for it (``luoshi.store.prepare``), so storing one is a few lookups and
one insert per table. Documents are committed in batches (``BatchWriter``), each
in its own savepoint: a document that fails is rolled back alone and reported,
the rest of the batch stays. Results are handed out only once their
transaction has committed, so everything a run reported is in the ledger, and
a run killed at any moment (kill -9) has stored exactly a prefix of its tasks:
the committed batches. That is what makes an interrupted run safe to resume.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from luoshi.batch.tasks import Failed, Outcome, Seen, Task, WorkerStats
from luoshi.batch.work import failure_reason
from luoshi.store import IngestResult, Ledger
from luoshi.store.ingest import (
    ATTEMPTS,
    find_version,
    lock_for_write,
    lost_a_race,
    touch_source,
    write_prepared,
)
from luoshi.store.locks import exclusive
from luoshi.store.tables import sources

# Documents per transaction: a commit (≈ 10 ms on SQLite, an fsync) is shared by
# this many. A batch also ends after BATCH_SECONDS, and before the writer would
# wait for a worker once it is BATCH_IDLE old, so that the write lock is never
# held long while nothing is written (other writers queue behind it).
BATCH_DOCS = 16
BATCH_SECONDS = 1.0
BATCH_IDLE = 0.1
# SQLite page cache of the writing connection (KiB): a batch's changes stay in
# memory until the commit instead of spilling to the file mid-transaction
WRITER_CACHE_KIB = 64 * 1024


def holds(ledger: Ledger, sha256: str) -> bool:
    """Whether the ledger already has a version with these bytes (read-only; sees
    the open batch's documents too)."""
    with ledger.reading() as conn:
        return find_version(conn, sha256) is not None


def _is_url(location: str) -> bool:
    return "://" in location


def _sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def already_held(ledger: Ledger, tasks: Sequence[Task], max_bytes: int) -> dict[int, str]:
    """Tasks whose file still holds bytes the ledger recorded at that very path.

    The resume check, cheap enough to run on every task: one query per batch of
    tasks, then a stat per file, and a hash only when the size matches what was
    stored there. Those files are not sent to a worker (no second read, no parse).
    Returns task index → sha256.
    """
    files = [t for t in tasks if not _is_url(t.location)]
    if not files:
        return {}
    stored: dict[str, dict[str, int | None]] = {}
    with ledger.reading() as conn:
        rows = conn.execute(
            sa.select(sources.c.location, sources.c.sha256, sources.c.size).where(
                sources.c.location.in_([t.location for t in files])
            )
        )
        for location, sha256, size in rows:
            stored.setdefault(location, {})[sha256] = size
    held: dict[int, str] = {}
    for task in files:
        known = stored.get(task.location)
        if not known:
            continue
        try:
            size = os.stat(task.location).st_size
        except OSError:
            continue  # the worker will report it properly
        limit = task.max_bytes if task.max_bytes is not None else max_bytes
        if size > limit or size not in known.values():
            continue
        try:
            digest = _sha256_of(task.location)
        except OSError:
            continue
        if digest in known and Path(task.location).is_file():
            held[task.index] = digest
    return held


@dataclass(slots=True)
class Stored:
    """One task's end: what the ledger made of it, or why it failed."""

    task: Task
    result: IngestResult | None = None
    reason: str | None = None  # failure, one line
    warnings: list[str] = field(default_factory=list)
    parsed: bool = False  # False: the bytes were already held, nothing was parsed
    stats: WorkerStats | None = None

    @property
    def failed(self) -> bool:
        return self.result is None


@dataclass(slots=True)
class _Entry:
    """One task in the open batch: how to write it, and what to report."""

    task: Task
    # None: nothing to write (``reason`` says why it failed); a write returning
    # None: the sighting of bytes the ledger no longer holds
    write: Callable[[sa.Connection], IngestResult | None] | None
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    parsed: bool = False
    stats: WorkerStats | None = None

    def stored(self, result: IngestResult | None) -> Stored:
        if result is None:
            return self.failed(self.reason or _gone(self.task))
        return Stored(self.task, result, warnings=self.warnings, parsed=self.parsed,
                      stats=self.stats)

    def failed(self, reason: str) -> Stored:
        return Stored(self.task, reason=reason, warnings=self.warnings, parsed=self.parsed,
                      stats=self.stats)


def _gone(task: Task) -> str:
    return f"{task.where}: content left the ledger during the run"


def _sighting(sha256: str, location: str, fmt: str | None, size: int | None
              ) -> Callable[[sa.Connection], IngestResult | None]:  # fmt: skip
    def write(conn: sa.Connection) -> IngestResult | None:
        lock_for_write(conn, sha256, location)
        known = find_version(conn, sha256)
        return None if known is None else touch_source(conn, known, sha256, location, fmt, size)

    return write


def _entry(outcome: Outcome) -> _Entry:
    task = outcome.task
    if isinstance(outcome, Failed):
        return _Entry(task, None, outcome.reason, parsed=True, stats=outcome.stats)
    if isinstance(outcome, Seen):
        write = _sighting(outcome.sha256, task.location, outcome.format, outcome.size)
        return _Entry(task, write, warnings=outcome.warnings, stats=outcome.stats)
    prepared = outcome.prepared
    return _Entry(task, lambda conn: write_prepared(conn, prepared, task.location),
                  warnings=outcome.warnings, parsed=True, stats=outcome.stats)


class _LostRace(Exception):
    """A statement lost a race to another writer: the whole batch goes again."""


class _Broken(Exception):
    """The transaction cannot go on (e.g. the connection was lost): the batch fails."""


class BatchWriter:
    """Writes documents into one open transaction, hands their ``Stored`` out at commit.

    A statement that lost a race to another writer (PostgreSQL: unique violation,
    serialization failure, deadlock; SQLite: busy) rolls the whole transaction
    back, and the batch is written again from its first document, up to
    ``ATTEMPTS`` times, as ``store_document`` does for one document (the batch's
    documents are kept until the commit). A database error that is not a race
    fails the document (its savepoint is rolled back), or, at the commit, the batch.
    """

    def __init__(self, ledger: Ledger, size: int = BATCH_DOCS,
                 seconds: float = BATCH_SECONDS) -> None:  # fmt: skip
        self.ledger = ledger
        self.size = max(1, size)
        self.seconds = seconds
        self._conn: sa.Connection | None = None
        self._tx: sa.RootTransaction | None = None
        self._entries: list[_Entry] = []
        self._done: list[Stored] = []
        self._opened = 0.0

    # -- what goes in -------------------------------------------------------------
    def add(self, outcome: Outcome) -> None:
        """A worker's outcome: written now (in the open transaction), reported at the commit."""
        self._queue(_entry(outcome))

    def add_failure(self, task: Task, reason: str) -> None:
        self._queue(_Entry(task, None, reason, parsed=True))

    def add_held(self, task: Task, sha256: str) -> bool:
        """Bytes the resume check found at this path: record the sighting. False, and
        nothing queued, if the ledger no longer has them: parse the file after all."""
        self._queue(_Entry(task, _sighting(sha256, task.location, None, None)))
        if self._done[-1].reason == _gone(task):
            del self._entries[-1], self._done[-1]
            return False
        return True

    # -- when to commit -----------------------------------------------------------
    def due(self, waiting: bool = False) -> bool:
        """Time to commit: the batch is full or old; ``waiting``: the next result is not
        in yet and the batch is older than BATCH_IDLE."""
        if not self._entries:
            return False
        age = time.monotonic() - self._opened
        return (len(self._entries) >= self.size or age >= self.seconds
                or (waiting and age >= BATCH_IDLE))

    def commit(self) -> list[Stored]:
        """Commit the batch; its results, in the order they were added."""
        if self._tx is not None:
            try:
                self._tx.commit()
            except sa.exc.DBAPIError as exc:
                self._close()
                if lost_a_race(exc):
                    self._rewrite(exc, commit=True)
                else:
                    self._fail_all(exc)
        self._close()
        done, self._entries, self._done = self._done, [], []
        return done

    def close(self) -> None:
        """Roll back whatever was not committed (a run stopped part-way)."""
        self._close()
        self._entries, self._done = [], []

    # -- inside -------------------------------------------------------------------
    def _queue(self, entry: _Entry) -> None:
        if not self._entries:
            self._opened = time.monotonic()
        self._entries.append(entry)
        if entry.write is None:
            self._done.append(entry.stored(None))
            return
        try:
            self._open()
            self._done.append(self._apply(entry))
        except _LostRace as exc:
            self._rewrite(exc.__cause__)
        except _Broken as exc:
            self._fail_all(exc.__cause__)
        except sa.exc.DBAPIError as exc:  # opening the transaction
            if lost_a_race(exc):
                self._rewrite(exc)
            else:
                self._fail_all(exc)

    def _open(self) -> None:
        if self._conn is not None:
            return
        conn = self.ledger.engine.connect()
        try:
            tx = conn.begin()
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
            exclusive(conn)  # SQLite: take the write lock now (BEGIN IMMEDIATE)
        except BaseException:
            conn.close()
            raise
        self._conn, self._tx = conn, tx
        self.ledger.writing = conn

    def _close(self) -> None:
        """Close the connection; an uncommitted transaction rolls back with it."""
        if self._conn is not None:
            self._conn.close()
        self._conn = self._tx = None
        self.ledger.writing = None

    def _apply(self, entry: _Entry) -> Stored:
        assert self._conn is not None and entry.write is not None
        savepoint = self._conn.begin_nested()
        try:
            result = entry.write(self._conn)
        except Exception as exc:
            if isinstance(exc, sa.exc.DBAPIError) and lost_a_race(exc):
                raise _LostRace() from exc
            try:
                savepoint.rollback()
            except sa.exc.SQLAlchemyError:
                raise _Broken() from exc
            return entry.failed(failure_reason(entry.task.where, exc))
        savepoint.commit()
        return entry.stored(result)

    def _rewrite(self, cause: BaseException | None, commit: bool = False) -> None:
        """The batch again, from its first document, in a new transaction (committed too
        if ``commit``); every document fails if it keeps losing."""
        for _ in range(ATTEMPTS):
            self._close()
            try:
                self._open()
                done = [e.stored(None) if e.write is None else self._apply(e)
                        for e in self._entries]
                if commit:
                    assert self._tx is not None
                    self._tx.commit()
            except _LostRace as exc:
                cause = exc.__cause__
                continue
            except _Broken as exc:
                self._fail_all(exc.__cause__)
                return
            except sa.exc.DBAPIError as exc:
                if not lost_a_race(exc):
                    self._fail_all(exc)
                    return
                cause = exc
                continue
            self._done = done
            return
        self._fail_all(cause)

    def _fail_all(self, exc: BaseException | None) -> None:
        """Nothing of the batch is stored: each of its documents fails with ``exc``."""
        self._close()
        failed: list[_Entry] = []
        for e in self._entries:
            reason = e.stored(None).reason if e.write is None else \
                failure_reason(e.task.where, exc or RuntimeError("the batch was not stored"))
            failed.append(_Entry(e.task, None, reason, e.warnings, e.parsed, e.stats))
        self._entries = failed
        self._done = [e.stored(None) for e in failed]
