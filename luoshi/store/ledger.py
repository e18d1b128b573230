"""The ledger: one object per open database, one transaction per document."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

import sqlalchemy as sa

from luoshi.model import Document
from luoshi.store import ingest as _ingest
from luoshi.store import queries
from luoshi.store.migrate import upgrade
from luoshi.store.url import make_engine


class Ledger:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        # The connection of a batch transaction that is open in this process
        # (luoshi.batch.writer), if any: reads during a batch go through it, so
        # they see its uncommitted documents and never wait for its write lock.
        self.writing: sa.Connection | None = None

    @classmethod
    def open(cls, url: str) -> Ledger:
        """Connect and migrate to the newest schema."""
        engine = make_engine(url)
        try:
            upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing ------------------------------------------------------------
    def seen(
        self, sha256: str, location: str, fmt: str | None = None, size: int | None = None
    ) -> _ingest.IngestResult | None:
        """Record a sighting of already-held bytes; None if the bytes are new.

        Lets the CLI skip parsing content the ledger already has.
        """
        return _ingest.record_sighting(self.engine, sha256, location, fmt, size)

    def ingest(self, doc: Document, location: str | None = None) -> _ingest.IngestResult:
        """Store ``doc`` (found at ``location``, default its source path) atomically."""
        # Serialise before opening the transaction: a bad document fails with the
        # ledger untouched and no lock held.
        where = location or doc.source.path
        record = _ingest.serialise_for_ledger(doc, where)
        prepared = _ingest.prepare(record, doc.text)
        # retried as a whole if another writer (a process on the same
        # PostgreSQL ledger) committed the same document or id first
        return _ingest.store_prepared(self.engine, prepared, where)

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A connection to read with: the open batch transaction's, else a new one."""
        if self.writing is not None:
            yield self.writing
            return
        with self.engine.connect() as conn:
            yield conn

    # -- reading ------------------------------------------------------------
    def documents(self) -> list[queries.DocumentSummary]:
        with self.engine.connect() as conn:
            return queries.list_documents(conn)

    def resolve(self, ref: str) -> str:
        with self.engine.connect() as conn:
            return queries.resolve(conn, ref)

    def record(self, doc_id: str, version: int | None = None) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return queries.load_record(conn, doc_id, version)

    def original(self, doc_id: str, version: int | None = None) -> str:
        with self.engine.connect() as conn:
            return queries.load_original(conn, doc_id, version)

    def records(self, all_versions: bool = False) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as conn:
            yield from queries.iter_records(conn, all_versions)

    def facts(
        self, kinds: Sequence[str] | None = None, all_versions: bool = False
    ) -> list[queries.StoredFact]:
        """Stored item facts (``kinds``: e.g. ``["commitment"]``; None for all)."""
        with self.engine.connect() as conn:
            return queries.list_facts(conn, kinds, all_versions)

    def row_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return queries.row_counts(conn)
