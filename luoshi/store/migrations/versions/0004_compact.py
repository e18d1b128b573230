"""A compact ledger: compressed records, each fact stored once, two fewer indexes.

Revision ID: 0004_compact
Revises: 0002
Create Date: 2026-11-22

A branch of its own (``down_revision = "0002"``), like every feature after 0002.
Measured on generated 11 KB documents, the ledger took ≈ 320 KB per document,
mostly copies of the same data. This revision:

- stores ``versions.parsed`` (the record) and ``versions.original`` zlib-compressed
  (BLOB / bytea; luoshi.store.packed reads them back as dict and str);
- drops ``facts.text`` and ``facts.data``: copies of the fact that the record
  holds (read them with luoshi.store.facts.fact_objects);
- drops ``items.normalized`` (in the record; nothing queried it);
- drops ``ix_facts_version_id`` (the unique (version_id, item_seq, kind, seq)
  index starts with version_id) and ``ix_facts_kind_label`` (few distinct values).

Every stored version is converted in place, a chunk at a time; nothing is lost
(downgrade rebuilds the dropped columns from the records). On SQLite it needs
ALTER TABLE … DROP COLUMN (SQLite 3.35, 2021); the freed pages are reused by
later ingests (``VACUUM`` returns them to the file system). Like 0002, the
packing is written out here rather than imported, so the step stays the same
whatever later revisions do to the modules.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0004_compact"
down_revision = "0002"
branch_labels = None
depends_on = None

CHUNK = 100  # versions converted per round trip
LEVEL = 6
FACT_KEYS = {
    "time": "times",
    "actor": "actors",
    "sentence": "sentences",
    "commitment": "commitments",
    "event": "events",
    "series": "series",
    "reference": "references",
    "quantity": "quantities",
}


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def _pack_json(value: Any) -> bytes:
    return _pack(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _unpack(blob: Any) -> str:
    return zlib.decompress(bytes(blob)).decode("utf-8")


def _sqlite(bind: sa.Connection | None) -> bool:
    if bind is not None:
        return bind.dialect.name == "sqlite"
    return context.get_context().dialect.name == "sqlite"


def _add_blob(table: str, name: str, sqlite: bool) -> None:
    # SQLite adds a NOT NULL column only with a default; it is never used (every
    # row is filled here, every insert writes the column). PostgreSQL gets NOT
    # NULL once the rows are filled.
    if sqlite:
        op.add_column(table, sa.Column(name, sa.LargeBinary, nullable=False,
                                       server_default=sa.text("X''")))
    else:
        op.add_column(table, sa.Column(name, sa.LargeBinary))


def _swap(table: str, old: str, new: str) -> None:
    # plain SQL: both backends drop and rename a column in place (no table copy,
    # which on SQLite would cascade-delete the rows that reference the table)
    op.execute(f"ALTER TABLE {table} DROP COLUMN {old}")
    op.execute(f"ALTER TABLE {table} RENAME COLUMN {new} TO {old}")


def upgrade() -> None:
    bind = None if context.is_offline_mode() else op.get_bind()
    sqlite = _sqlite(bind)
    if sqlite and sqlite3.sqlite_version_info < (3, 35):
        raise RuntimeError(f"this ledger upgrade needs SQLite 3.35 or later, "
                           f"not {sqlite3.sqlite_version}")
    _add_blob("versions", "parsed_z", sqlite)
    _add_blob("versions", "original_z", sqlite)
    if bind is not None:  # rendering DDL only: there are no rows to convert
        _pack_versions(bind)
    _swap("versions", "parsed", "parsed_z")
    _swap("versions", "original", "original_z")
    if not sqlite:
        op.alter_column("versions", "parsed", existing_type=sa.LargeBinary, nullable=False)
        op.alter_column("versions", "original", existing_type=sa.LargeBinary, nullable=False)
    op.drop_index("ix_facts_version_id", table_name="facts")
    op.drop_index("ix_facts_kind_label", table_name="facts")
    for table, column in (("facts", "text"), ("facts", "data"), ("items", "normalized")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def downgrade() -> None:
    bind = None if context.is_offline_mode() else op.get_bind()
    sqlite = _sqlite(bind)
    text_default = {"server_default": sa.text("''")} if sqlite else {}
    op.add_column("versions", sa.Column("parsed_j", sa.JSON, nullable=not sqlite,
                                        **text_default))
    op.add_column("versions", sa.Column("original_t", sa.Text, nullable=not sqlite,
                                        **text_default))
    op.add_column("items", sa.Column("normalized", sa.Text, nullable=not sqlite, **text_default))
    op.add_column("facts", sa.Column("text", sa.Text, nullable=not sqlite, **text_default))
    op.add_column("facts", sa.Column("data", sa.Text, nullable=not sqlite, **text_default))
    if bind is not None:
        _unpack_versions(bind)
    _swap("versions", "parsed", "parsed_j")
    _swap("versions", "original", "original_t")
    if not sqlite:
        for table, column in (("versions", "parsed"), ("versions", "original"),
                              ("items", "normalized"), ("facts", "text"), ("facts", "data")):
            op.alter_column(table, column, nullable=False)
    op.create_index("ix_facts_version_id", "facts", ["version_id"])
    op.create_index("ix_facts_kind_label", "facts", ["kind", "label"])


# -- converting the rows ----------------------------------------------------------

_meta = sa.MetaData()
_old = sa.Table(
    "versions", _meta, sa.Column("id", sa.Integer), sa.Column("parsed", sa.JSON),
    sa.Column("original", sa.Text), sa.Column("parsed_z", sa.LargeBinary),
    sa.Column("original_z", sa.LargeBinary),
)
_new = sa.Table(
    "versions", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("parsed", sa.LargeBinary),
    sa.Column("original", sa.LargeBinary), sa.Column("parsed_j", sa.JSON),
    sa.Column("original_t", sa.Text),
)
_items = sa.Table(
    "items", sa.MetaData(), sa.Column("version_id", sa.Integer), sa.Column("seq", sa.Integer),
    sa.Column("text", sa.Text), sa.Column("normalized", sa.Text),
)
_facts = sa.Table(
    "facts", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("version_id", sa.Integer),
    sa.Column("item_seq", sa.Integer), sa.Column("kind", sa.Text), sa.Column("seq", sa.Integer),
    sa.Column("text", sa.Text), sa.Column("data", sa.Text),
)


def _chunks(conn: sa.Connection, table: sa.Table) -> Iterator[list[int]]:
    ids = conn.execute(sa.select(table.c.id).order_by(table.c.id)).scalars().all()
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _pack_versions(conn: sa.Connection) -> None:
    for chunk in _chunks(conn, _old):
        rows = conn.execute(
            sa.select(_old.c.id, _old.c.parsed, _old.c.original).where(_old.c.id.in_(chunk))
        ).all()
        packed = []
        for r in rows:
            record = json.loads(r.parsed) if isinstance(r.parsed, str) else r.parsed
            packed.append({"vid": r.id, "p": _pack_json(record), "o": _pack(r.original)})
        conn.execute(
            _old.update().where(_old.c.id == sa.bindparam("vid"))
            .values(parsed_z=sa.bindparam("p"), original_z=sa.bindparam("o")),
            packed,
        )


def _unpack_versions(conn: sa.Connection) -> None:
    """The record and text back as text, and the facts' and items' copies from the record."""
    for chunk in _chunks(conn, _new):
        rows = conn.execute(
            sa.select(_new.c.id, _new.c.parsed, _new.c.original).where(_new.c.id.in_(chunk))
        ).all()
        for r in rows:
            record = json.loads(_unpack(r.parsed))
            conn.execute(
                _new.update().where(_new.c.id == r.id)
                .values(parsed_j=record, original_t=_unpack(r.original))
            )
            items = record.get("items") if isinstance(record, Mapping) else None
            if not isinstance(items, list):
                continue
            if items:
                conn.execute(
                    _items.update().where(
                        _items.c.version_id == r.id, _items.c.seq == sa.bindparam("s")
                    ).values(normalized=sa.func.coalesce(sa.bindparam("n"), _items.c.text)),
                    [{"s": seq, "n": it.get("normalized") if isinstance(it, Mapping) else None}
                     for seq, it in enumerate(items)],
                )
            facts = conn.execute(
                sa.select(_facts.c.id, _facts.c.item_seq, _facts.c.kind, _facts.c.seq)
                .where(_facts.c.version_id == r.id)
            ).all()
            if facts:
                conn.execute(
                    _facts.update().where(_facts.c.id == sa.bindparam("fid"))
                    .values(text=sa.bindparam("t"), data=sa.bindparam("d")),
                    [_fact_copies(items, f) for f in facts],
                )


def _fact_copies(items: list[Any], row: Any) -> dict[str, Any]:
    fact = items[row.item_seq][FACT_KEYS[row.kind]][row.seq]
    return {"fid": row.id, "t": fact["text"], "d": json.dumps(fact, ensure_ascii=False)}
