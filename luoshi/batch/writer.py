"""The single writer: stores workers' records, one transaction per document.

Only the main process touches the ledger. A document is either wholly stored or
not at all (the transaction rolls back on any error, and a process killed
mid-transaction leaves the database as it was before it), which is what makes an
interrupted run safe to resume.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from luoshi.batch.tasks import Parsed, Task
from luoshi.store import IngestResult, Ledger
from luoshi.store.ingest import find_version, store_document
from luoshi.store.tables import sources


def store(ledger: Ledger, parsed: Parsed) -> IngestResult:
    """What ``Ledger.ingest`` does for a Document, for a record made elsewhere
    (one transaction, retried if another writer on the same server won a race)."""
    return store_document(ledger.engine, parsed.record, parsed.original, parsed.task.location)


def store_seen(ledger: Ledger, task: Task, sha256: str, fmt: str | None = None,
               size: int | None = None) -> IngestResult | None:
    """Record another sighting of held bytes; None if the ledger no longer has them."""
    return ledger.seen(sha256, task.location, fmt, size)


def holds(ledger: Ledger, sha256: str) -> bool:
    """Whether the ledger already has a version with these bytes (read-only)."""
    with ledger.engine.connect() as conn:
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
    with ledger.engine.connect() as conn:
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
