"""Analysts, API tokens and the audit trail: the web app's own rows.

Plain functions over a SQLAlchemy connection; the caller owns the transaction,
so a write and its audit row commit (or fail) together.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from luoshi.store.queries import iso
from luoshi.web.passwords import hash_password, verify_password
from luoshi.web.tables import audit, tokens, users

NAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD = 8
TOKEN_PREFIX = "lsk_"  # recognisable in logs and secret scanners


class AccountError(ValueError):
    """A user or token request that cannot be honoured (bad name, duplicate …)."""


@dataclass(frozen=True, slots=True)
class Analyst:
    id: int
    name: str
    via: str  # how this request was authenticated: session | token | cli


def now() -> datetime:
    return datetime.now(UTC)


def check_name(name: str) -> str:
    if not NAME_RE.match(name):
        raise AccountError(
            f"user name {name!r} must be 1-64 letters, digits or . _ @ - (no spaces)"
        )
    return name


def add_user(conn: sa.Connection, name: str, password: str) -> int:
    check_name(name)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password must have at least {MIN_PASSWORD} characters")
    taken = conn.execute(sa.select(users.c.id).where(users.c.name == name)).first()
    if taken is not None:
        raise AccountError(f"user {name!r} already exists")
    new_id = conn.execute(
        users.insert().values(name=name, password_hash=hash_password(password), created_at=now())
    ).inserted_primary_key
    assert new_id is not None
    record_audit(conn, actor=name, via="cli", action="user-add", target=name,
                 before=None, after={"name": name})
    return int(new_id[0])


def authenticate(conn: sa.Connection, name: str, password: str) -> Analyst | None:
    row = conn.execute(
        sa.select(users.c.id, users.c.name, users.c.password_hash).where(users.c.name == name)
    ).first()
    if row is None:
        # same cost as a real check, so timing does not tell which names exist
        verify_password(password, "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")
        return None
    if not verify_password(password, row.password_hash):
        return None
    return Analyst(row.id, row.name, "session")


def user_by_id(conn: sa.Connection, user_id: int) -> Analyst | None:
    row = conn.execute(sa.select(users.c.id, users.c.name).where(users.c.id == user_id)).first()
    return None if row is None else Analyst(row.id, row.name, "session")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(conn: sa.Connection, name: str) -> str:
    """A new API token for user ``name``; only its hash is stored, so show it once."""
    row = conn.execute(sa.select(users.c.id).where(users.c.name == name)).first()
    if row is None:
        raise AccountError(f"no user {name!r} (add one with `luoshi user add {name}`)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    conn.execute(
        tokens.insert().values(
            user_id=row.id, token_hash=_token_hash(token), prefix=token[:10], created_at=now()
        )
    )
    record_audit(conn, actor=name, via="cli", action="token-create", target=name,
                 before=None, after={"prefix": token[:10]})
    return token


def user_for_token(conn: sa.Connection, token: str) -> Analyst | None:
    row = conn.execute(
        sa.select(tokens.c.id, users.c.id.label("user_id"), users.c.name)
        .select_from(tokens.join(users, tokens.c.user_id == users.c.id))
        .where(tokens.c.token_hash == _token_hash(token))
    ).first()
    if row is None:
        return None
    conn.execute(tokens.update().where(tokens.c.id == row.id).values(last_used_at=now()))
    return Analyst(row.user_id, row.name, "token")


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def record_audit(
    conn: sa.Connection,
    *,
    actor: str,
    via: str,
    action: str,
    target: str,
    before: Any,
    after: Any,
) -> int:
    """Write one audit row; its id (so the caller reads back its own row, not the
    newest one, which a concurrent writer may have added)."""
    inserted = conn.execute(
        audit.insert().values(
            at=now(), actor=actor, via=via, action=action, target=target,
            before=_json(before), after=_json(after),
        )
    ).inserted_primary_key
    if inserted is None:  # pragma: no cover - every supported backend reports it
        raise RuntimeError("database did not report the audit row's id")
    return int(inserted[0])


def audit_entry(conn: sa.Connection, audit_id: int) -> dict[str, Any]:
    return _audit_dicts(conn.execute(sa.select(audit).where(audit.c.id == audit_id)).all())[0]


def audit_rows(conn: sa.Connection, *, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """Newest first."""
    rows = conn.execute(
        sa.select(audit).order_by(audit.c.at.desc(), audit.c.id.desc()).limit(limit).offset(offset)
    ).all()
    return _audit_dicts(rows)


def _audit_dicts(rows: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "at": iso(r.at),
            "actor": r.actor,
            "via": r.via,
            "action": r.action,
            "target": r.target,
            "before": None if r.before is None else json.loads(r.before),
            "after": None if r.after is None else json.loads(r.after),
        }
        for r in rows
    ]
