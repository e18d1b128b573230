"""Tables of the web app (migration branch ``0003_web``): analysts, API tokens,
the audit trail of every write, and corrections of item metadata.

Defined on the ledger's shared metadata so that the schema test compares them
with the migration like every other table. Importing this module must stay
cheap (no FastAPI): the migration test and the CLI import it.
"""

from __future__ import annotations

import sqlalchemy as sa

from luoshi.store.tables import TS, metadata

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    # "scrypt$n$r$p$salt$hash" (see luoshi.web.passwords)
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", TS, nullable=False),
)

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    ),
    # only the sha256 of the token is stored: a leaked ledger leaks no credentials
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("prefix", sa.String(16), nullable=False),  # first characters, to recognise it
    sa.Column("created_at", TS, nullable=False),
    sa.Column("last_used_at", TS),
)

# One row per write through the web app or its API: who, when, what, before, after.
audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", TS, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("via", sa.String(16), nullable=False),  # session | token | cli
    sa.Column("action", sa.String(32), nullable=False),  # override | correction | user-add …
    sa.Column("target", sa.Text, nullable=False),  # commitment id, item id, user name
    sa.Column("before", sa.Text),  # JSON text; NULL when there was nothing before
    sa.Column("after", sa.Text),  # JSON text
    sa.Index("ix_audit_at", "at"),
)

# Analysts' corrections of an item's metadata (title, topic), per version and
# item; the newest row per (version, item, field) is what pages show. Rows go
# with their version on delete; the audit trail keeps the history regardless.
corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("versions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("item_seq", sa.Integer, nullable=False),
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("value", sa.Text),
    sa.Column("author", sa.String(64), nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Index("ix_corrections_version_id_item_seq", "version_id", "item_seq"),
)
