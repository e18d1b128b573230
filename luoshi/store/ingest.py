"""Writing one parsed document into the ledger, in one transaction.

Rules (see docs/ledger.md):
- the same bytes (sha256) are stored once; seeing them again only records where
  they were seen (a new source row, or a later ``last_seen``);
- new bytes at a location the ledger already knows are a new version of the
  document last seen there;
- anything else is a new document.

Items' extracted facts are written as rows of ``facts`` in the same transaction
(``luoshi.store.facts`` says which value goes where). Everything that needs no
database — rows, compressed record, search tokens — is computed beforehand by
``luoshi.store.prepare`` (in batch workers), so writing is lookups and inserts.

Concurrent writers (several processes ingesting into one PostgreSQL ledger):
each transaction first takes advisory locks on the content (sha256) and the
location it writes, so that two writers of the same bytes or the same place
take turns and the second sees what the first committed (READ COMMITTED reads
afresh per statement). What the locks do not cover (two new documents whose
ids collide) fails with a unique violation, and ``store_document`` runs the
whole transaction again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

import sqlalchemy as sa

from luoshi.errors import InputError
from luoshi.search import index as search_index
from luoshi.serialize import SCHEMA_VERSION, document_to_dict
from luoshi.store.bulk import insert_rows
from luoshi.store.locks import exclusive
from luoshi.store.prepare import (
    DEFECT_COLUMNS,
    FACT_COLUMNS,
    ITEM_COLUMNS,
    PreparedDocument,
    prepare,
)
from luoshi.store.queries import Row
from luoshi.store.tables import defects, documents, facts, items, sources, versions

Status = Literal["added", "new-version", "unchanged", "new-source"]


@dataclass(frozen=True, slots=True)
class IngestResult:
    status: Status  # "new-source": known content seen at a new location
    document_id: str
    version_no: int
    sha256: str
    location: str


def now() -> datetime:
    return datetime.now(UTC)


# A transaction that lost a race is run again; these are the ways to lose one:
# unique_violation, serialization_failure, deadlock_detected (PostgreSQL
# SQLSTATEs); on SQLite a unique constraint (its reads before the first write
# run outside the write lock) or a lock still held when the busy timeout ran out.
RETRY_SQLSTATES = frozenset({"23505", "40001", "40P01"})
RETRY_SQLITE = frozenset(
    {"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_BUSY", "SQLITE_LOCKED"}
)
ATTEMPTS = 8

T = TypeVar("T")


def lost_a_race(exc: BaseException) -> bool:
    """True for an error that another transaction caused and a retry can get past."""
    if not isinstance(exc, sa.exc.DBAPIError):
        return False
    orig = exc.orig
    return (
        getattr(orig, "sqlstate", None) in RETRY_SQLSTATES
        or getattr(orig, "sqlite_errorname", None) in RETRY_SQLITE
    )


def lock_for_write(conn: sa.Connection, sha256: str, location: str) -> None:
    """Take turns with other writers of these bytes or this location.

    On SQLite this takes the one write lock for the whole transaction; a writer
    that still loses a race (e.g. to a process without the lock) fails on a
    unique constraint and ``in_transaction_with_retry`` runs it again.
    """
    exclusive(conn, f"sha256:{sha256}", f"location:{location}")


def in_transaction_with_retry(engine: sa.Engine, work: Callable[[sa.Connection], T]) -> T:
    """``work(conn)`` in one transaction, run again if it lost a race to another writer."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with engine.begin() as conn:
                return work(conn)
        except sa.exc.DBAPIError as exc:
            if attempt == ATTEMPTS or not lost_a_race(exc):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def find_version(conn: sa.Connection, sha256: str) -> Row | None:
    q = sa.select(versions.c.id, versions.c.document_id, versions.c.version_no).where(
        versions.c.sha256 == sha256
    )
    return conn.execute(q).first()


def touch_source(
    conn: sa.Connection,
    version: Row,
    sha256: str,
    location: str,
    fmt: str | None,
    size: int | None,
) -> IngestResult:
    """Record that a version's bytes were seen at ``location`` again (or for the first time)."""
    ts = now()
    updated = conn.execute(
        sources.update()
        .where(sources.c.version_id == version.id, sources.c.location == location)
        .values(last_seen=ts)
    )
    status: Status = "unchanged"
    if updated.rowcount == 0:
        conn.execute(
            sources.insert().values(
                version_id=version.id,
                location=location,
                sha256=sha256,
                format=fmt,
                size=size,
                first_seen=ts,
                last_seen=ts,
            )
        )
        status = "new-source"
    return IngestResult(status, version.document_id, version.version_no, sha256, location)


def _document_at(conn: sa.Connection, location: str) -> str | None:
    """The document whose bytes were most recently seen at ``location``."""
    q = (
        sa.select(versions.c.document_id)
        .select_from(sources.join(versions, sources.c.version_id == versions.c.id))
        .where(sources.c.location == location)
        .order_by(sources.c.last_seen.desc(), sources.c.id.desc())
        .limit(1)
    )
    return conn.execute(q).scalar_one_or_none()


def _new_document_id(conn: sa.Connection, sha256: str) -> str:
    # Derived from content so that ids are reproducible; re-hash on the (rare)
    # 40-bit prefix collision instead of failing the ingest.
    seed = sha256
    for _ in range(100):
        candidate = "d" + seed[:10]
        taken = conn.execute(sa.select(documents.c.id).where(documents.c.id == candidate)).first()
        if taken is None:
            return candidate
        seed = hashlib.sha256(seed.encode("ascii")).hexdigest()
    raise RuntimeError("could not allocate a document id")


def write_prepared(conn: sa.Connection, prep: PreparedDocument, location: str) -> IngestResult:
    """Insert one prepared document (``prepare`` output) found at ``location``.

    The caller owns the transaction; this only looks up ids and issues inserts
    (a handful of statements, the rows of each table in one ``executemany``), so
    any failure part-way rolls back with it. Against concurrent writers, run it
    through ``store_prepared`` (or ``in_transaction_with_retry``).
    """
    sha256 = prep.sha256
    lock_for_write(conn, sha256, location)
    known = find_version(conn, sha256)
    if known is not None:
        return touch_source(conn, known, sha256, location, prep.format, prep.size)

    ts = now()
    doc_id = _document_at(conn, location)
    status: Status
    if doc_id is None:
        doc_id = _new_document_id(conn, sha256)
        conn.execute(documents.insert().values(id=doc_id, created_at=ts))
        version_no, status = 1, "added"
    else:
        latest = conn.execute(
            sa.select(sa.func.max(versions.c.version_no)).where(versions.c.document_id == doc_id)
        ).scalar_one()
        version_no, status = int(latest or 0) + 1, "new-version"

    inserted = conn.execute(
        versions.insert().values(
            document_id=doc_id, version_no=version_no, ingested_at=ts, **prep.version
        )
    ).inserted_primary_key
    if inserted is None:  # pragma: no cover - every supported backend reports it
        raise RuntimeError("database did not report the new version's id")
    version_id = inserted[0]

    conn.execute(
        sources.insert().values(
            version_id=version_id,
            location=location,
            sha256=sha256,
            format=prep.format,
            size=prep.size,
            first_seen=ts,
            last_seen=ts,
        )
    )
    for table, columns, rows in (
        (items, ITEM_COLUMNS, prep.items),
        (facts, FACT_COLUMNS, prep.facts),
        (defects, DEFECT_COLUMNS, prep.defects),
    ):
        insert_rows(conn, table, ("version_id", *columns), [(version_id, *r) for r in rows])
    # a new version is its document's latest: it replaces the older one's index rows
    search_index.index_prepared(
        conn, version_id, doc_id, prep.tokens, replaces_older=status == "new-version"
    )
    return IngestResult(status, doc_id, version_no, sha256, location)


def write_document(
    conn: sa.Connection, record: dict[str, Any], original: str, location: str
) -> IngestResult:
    """``write_prepared`` for a serialised document (``record``) found at ``location``."""
    # prepared before any statement: a malformed fact fails with nothing written
    return write_prepared(conn, prepare(record, original), location)


def store_prepared(engine: sa.Engine, prep: PreparedDocument, location: str) -> IngestResult:
    """``write_prepared`` in its own transaction, retried if a concurrent writer won a race."""
    return in_transaction_with_retry(engine, lambda conn: write_prepared(conn, prep, location))


def store_document(
    engine: sa.Engine, record: dict[str, Any], original: str, location: str
) -> IngestResult:
    """``write_document`` in its own transaction, retried if a concurrent writer won a race."""
    return store_prepared(engine, prepare(record, original), location)


def record_sighting(
    engine: sa.Engine, sha256: str, location: str, fmt: str | None, size: int | None
) -> IngestResult | None:
    """``touch_source`` for bytes the ledger holds, in its own transaction; None if new."""

    def work(conn: sa.Connection) -> IngestResult | None:
        lock_for_write(conn, sha256, location)
        known = find_version(conn, sha256)
        if known is None:
            return None
        return touch_source(conn, known, sha256, location, fmt, size)

    return in_transaction_with_retry(engine, work)


def serialise_for_ledger(doc: Any, location: str = "") -> dict[str, Any]:
    """``document_to_dict`` checked for what the ledger relies on."""
    if "\x00" in doc.text:
        # PostgreSQL text cannot hold NUL; refuse it on every backend so that a
        # ledger's contents never depend on where it lives
        raise InputError(location or doc.source.path, "text contains NUL (0x00) characters")
    record = document_to_dict(doc)
    if record["schema_version"] != SCHEMA_VERSION:  # pragma: no cover - guards future edits
        raise ValueError("serializer and ledger disagree on the schema version")
    if not record["source"]["sha256"]:
        raise ValueError("document has no sha256 of its source")
    return record
