"""Analyst overrides in the ledger: stored beside the machine status, never replaced.

Checked with ``luoshi.link.overrides.Override`` (commitment id shape, status,
author, http(s) source, a note or a source). The override in force for a
commitment is the latest by ``created_at`` (ties: the one stored last); one with
status ``machine`` withdraws the earlier ones.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from luoshi.link.overrides import REVERT, Override
from luoshi.store.links import commitments, overrides
from luoshi.store.queries import LookupFailed, iso


def override_row(r: Any) -> dict[str, Any]:
    return {
        "id": int(r.id),
        "commitment_id": r.commitment_id,
        "status": r.status,
        "note": r.note,
        "source": r.source,
        "author": r.author,
        "created_at": iso(r.created_at),
    }


def _when(at: str | None) -> datetime:
    if at is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        t = datetime.fromisoformat(at)
    except ValueError as exc:
        raise ValueError(f"override time is not ISO 8601: {at!r}") from exc
    if t.tzinfo is None:
        raise ValueError(f"override time needs a time zone: {at!r}")
    return t.astimezone(UTC)


def add_override(
    ledger: Any,
    commitment_id: str,
    *,
    status: str,
    note: str,
    source: str | None,
    author: str,
    at: str | None = None,
) -> dict[str, Any]:
    when = _when(at)
    # validates everything but existence (raises ValueError with the reason)
    Override(commitment_id, status, author, when.isoformat(), note or "", source or None)
    with ledger.engine.begin() as conn:
        known = conn.execute(
            sa.select(commitments.c.id).where(commitments.c.id == commitment_id)
        ).first()
        if known is None:
            raise LookupFailed(f"no commitment {commitment_id!r} (run `luoshi link` first?)")
        new_id = conn.execute(
            overrides.insert().values(
                commitment_id=commitment_id,
                status=status,
                note=note or "",
                source=source or None,
                author=author.strip(),
                created_at=when,
            )
        ).inserted_primary_key[0]
        row = conn.execute(sa.select(overrides).where(overrides.c.id == new_id)).one()
    return override_row(row)


def overrides_of(ledger: Any, commitment_id: str | None = None) -> list[dict[str, Any]]:
    with ledger.engine.connect() as conn:
        return load(conn, commitment_id)


def load(conn: sa.Connection, commitment_id: str | None = None) -> list[dict[str, Any]]:
    q = sa.select(overrides).order_by(overrides.c.created_at, overrides.c.id)
    if commitment_id is not None:
        q = q.where(overrides.c.commitment_id == commitment_id)
    return [override_row(r) for r in conn.execute(q)]


def in_force(history: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The override shown for a commitment, given its history oldest first."""
    if not history or history[-1]["status"] == REVERT:
        return None
    return history[-1]
