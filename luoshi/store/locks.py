"""Taking turns between processes that write one PostgreSQL ledger.

Transaction-scoped advisory locks (``pg_advisory_xact_lock``): held until the
transaction commits or rolls back, never left behind by a crashed process.
After taking one, a READ COMMITTED transaction's next statements see whatever
the previous holder committed.

SQLite has one writer at a time, but Python's sqlite3 opens the transaction
only at the first write: reads before it (is this location known?) could be
acted on after another writer changed the answer. There, taking a lock takes
SQLite's write lock at once, so the whole transaction runs alone.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa


def lock_key(name: str) -> int:
    """A stable 64-bit key for ``name`` (a PostgreSQL bigint)."""
    digest = hashlib.sha256(f"luoshi:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def exclusive(conn: sa.Connection, *names: str) -> None:
    """Wait until this transaction alone holds every lock in ``names``.

    Keys are taken in sorted order so that two transactions asking for
    overlapping sets cannot each hold one and wait for the other. E.g.
    ``exclusive(conn, "link")`` as the first statement of a relink makes
    concurrent relinks run one after the other (the later one then finds the
    links up to date).
    """
    if conn.dialect.name == "sqlite":
        # Open the transaction as a writer now (other writers wait on the busy
        # timeout). Once sqlite3 has begun one itself, a write already holds
        # the lock.
        if not conn.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        return
    if conn.dialect.name != "postgresql":
        return
    for key in sorted({lock_key(n) for n in names}):
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
