"""Item facts: a ``facts`` table and the item's topic on ``items``.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-20

Versions already in the ledger get their facts from the record stored with them
(``versions.parsed``), so a query over facts sees every version, not only those
ingested after this migration. Records stored without facts simply get no rows.

Like 0001, everything is written out here (tables, and the record → row mapping
as ``luoshi.store.facts`` had it at this revision) rather than imported, so the
step stays the same whatever later revisions do to the modules.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FACT_KEYS = {
    "times": "time",
    "actors": "actor",
    "sentences": "sentence",
    "commitments": "commitment",
    "events": "event",
    "series": "series",
    "references": "reference",
    "quantities": "quantity",
}


def upgrade() -> None:
    op.add_column("items", sa.Column("topic_code", sa.String(16)))
    op.add_column("items", sa.Column("topic_label", sa.Text))
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("item_seq", sa.Integer, nullable=False),
        sa.Column("item_number", sa.Integer),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.Column("ref_id", sa.Text),
        sa.Column("label", sa.String(64)),
        sa.Column("ordinal", sa.Integer),
        sa.Column("date_start", sa.String(32)),
        sa.Column("date_end", sa.String(32)),
        sa.Column("anchor", sa.Text),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_facts"),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["versions.id"],
            name="fk_facts_version_id_versions",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "kind IN ('time', 'actor', 'sentence', 'commitment', 'event', 'series', "
            "'reference', 'quantity')",
            name="ck_facts_kind",
        ),
        sa.UniqueConstraint(
            "version_id", "item_seq", "kind", "seq", name="uq_facts_version_id_item_seq_kind_seq"
        ),
    )
    op.create_index("ix_facts_version_id", "facts", ["version_id"])
    op.create_index("ix_facts_kind_ref_id", "facts", ["kind", "ref_id"])
    op.create_index("ix_facts_kind_label", "facts", ["kind", "label"])
    if not context.is_offline_mode():  # rendering DDL only: there are no rows to read
        _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_facts_kind_label", table_name="facts")
    op.drop_index("ix_facts_kind_ref_id", table_name="facts")
    op.drop_index("ix_facts_version_id", table_name="facts")
    op.drop_table("facts")
    # batch: SQLite recreates the table, PostgreSQL gets plain ALTER TABLE DROP COLUMN
    with op.batch_alter_table("items") as batch:
        batch.drop_column("topic_label")
        batch.drop_column("topic_code")


# -- backfill from the stored records ---------------------------------------------

_meta = sa.MetaData()
_versions = sa.Table(
    "versions", _meta, sa.Column("id", sa.Integer), sa.Column("parsed", sa.JSON)
)
_items = sa.Table(
    "items",
    _meta,
    sa.Column("version_id", sa.Integer),
    sa.Column("seq", sa.Integer),
    sa.Column("topic_code", sa.String(16)),
    sa.Column("topic_label", sa.Text),
)
_facts = sa.Table(
    "facts",
    _meta,
    *(
        sa.Column(name, sa.Integer)
        for name in ("version_id", "item_seq", "item_number", "seq", "span_start", "span_end",
                     "ordinal")
    ),
    *(
        sa.Column(name, sa.Text)
        for name in ("kind", "text", "ref_id", "label", "date_start", "date_end", "anchor",
                     "data")
    ),
)


def _backfill(conn: sa.Connection) -> None:
    # one version at a time: a record can be large, and there may be many
    ids = conn.execute(sa.select(_versions.c.id).order_by(_versions.c.id)).scalars().all()
    for version_id in ids:
        record = conn.execute(
            sa.select(_versions.c.parsed).where(_versions.c.id == version_id)
        ).scalar_one()
        if isinstance(record, str):  # a JSON column some driver handed back undecoded
            record = json.loads(record)
        items = record.get("items") if isinstance(record, Mapping) else None
        if not isinstance(items, list):
            continue
        topics = [
            {"vid": version_id, "s": seq, **_topic(item)}
            for seq, item in enumerate(items)
            if isinstance(item, Mapping) and isinstance(item.get("topic"), Mapping)
        ]
        if topics:
            conn.execute(
                _items.update()
                .where(
                    _items.c.version_id == sa.bindparam("vid"), _items.c.seq == sa.bindparam("s")
                )
                .values(topic_code=sa.bindparam("tc"), topic_label=sa.bindparam("tl")),
                topics,
            )
        rows = [{"version_id": version_id, **row} for row in _rows(items)]
        if rows:
            conn.execute(_facts.insert(), rows)


def _topic(item: Mapping[str, Any]) -> dict[str, str | None]:
    topic = item["topic"]
    return {"tc": _str(topic.get("code"), 16), "tl": _str(topic.get("label_en"))}


def _str(value: Any, limit: int | None = None) -> str | None:
    if not isinstance(value, str) or (limit is not None and len(value) > limit):
        return None
    return value


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _interval(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, Mapping):
        return None, None
    return _str(value.get("start"), 32), _str(value.get("end"), 32)


def _typed(kind: str, f: Mapping[str, Any]) -> dict[str, Any]:
    ref_id = label = anchor = None
    ordinal = None
    dates: tuple[str | None, str | None] = (None, None)
    if kind == "time":
        label, anchor = _str(f.get("kind"), 64), _str(f.get("anchor"))
        dates = (_str(f.get("start"), 32), _str(f.get("end"), 32))
    elif kind == "actor":
        ref_id, label = _str(f.get("id")), _str(f.get("side"), 64)
    elif kind == "sentence":
        label = _str(f.get("class"), 64)
    elif kind == "commitment":
        label, anchor = _str(f.get("action"), 64), _str(f.get("anchor"))
        dates = _interval(f.get("due"))
    elif kind == "event":
        dates = _interval(f.get("date"))
    elif kind == "series":
        ref_id, label = _str(f.get("id")), _str(f.get("status"), 64)
        ordinal, anchor = _int(f.get("ordinal")), _str(f.get("anchor"))
        dates = _interval(f.get("date") or f.get("due"))
    elif kind == "reference":
        ref_id, label = _str(f.get("id")), _str(f.get("kind"), 64)
    elif kind == "quantity":
        ref_id, label = _str(f.get("measure")), _str(f.get("dimension"), 64)
    return {
        "ref_id": ref_id,
        "label": label,
        "ordinal": ordinal,
        "date_start": dates[0],
        "date_end": dates[1],
        "anchor": anchor,
    }


def _rows(items: list[Any]) -> list[dict[str, Any]]:
    # Records were stored as the serializer made them, unchecked against the
    # schema; anything that is not a fact is skipped rather than failing the
    # whole upgrade (the record itself keeps it).
    rows: list[dict[str, Any]] = []
    for item_seq, item in enumerate(items):
        if not isinstance(item, Mapping):
            continue
        for key, kind in FACT_KEYS.items():
            facts = item.get(key)
            if not isinstance(facts, list):
                continue
            for seq, fact in enumerate(facts):
                if not isinstance(fact, Mapping) or not isinstance(fact.get("text"), str):
                    continue
                span = fact.get("span")
                if not (isinstance(span, list) and len(span) == 2 and None not in map(_int, span)):
                    span = [None, None]
                rows.append(
                    {
                        "item_seq": item_seq,
                        "item_number": _int(item.get("number")),
                        "kind": kind,
                        "seq": seq,
                        "text": fact["text"],
                        "span_start": span[0],
                        "span_end": span[1],
                        **_typed(kind, fact),
                        "data": json.dumps(fact, ensure_ascii=False),
                    }
                )
    return rows
