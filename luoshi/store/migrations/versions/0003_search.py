"""Full-text search index: ``search_items`` (+ FTS5 on SQLite, GIN on PostgreSQL).

Revision ID: 0003_search
Revises: 0002
Create Date: 2026-11-22

A branch of its own after 0002 (the ledger upgrades to all heads). The index
holds the latest version of each document only.

Existing ledgers are indexed here, by a frozen copy of the tokeniser as
``luoshi.search.tokens`` has it at this revision (fold with OpenCC t2s + NFKC +
lower case; Han runs → overlapping two-character tokens; letters/digits →
words). The migration does not import ``luoshi.search``: a later change to that
package must not change what this step did. A later change of the token format
needs its own migration that rebuilds the index (``luoshi.search.reindex(engine,
full=True)`` at that revision does it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.dialects import postgresql

revision = "0003_search"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pg = op.get_context().dialect.name == "postgresql"
    tokens_type = postgresql.TSVECTOR() if pg else sa.Text()
    op.create_table(
        "search_items",
        sa.Column("item_id", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("tokens", tokens_type, nullable=False),
        sa.PrimaryKeyConstraint("item_id", name="pk_search_items"),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name="fk_search_items_item_id_items", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["versions.id"],
            name="fk_search_items_version_id_versions",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_search_items_version_id", "search_items", ["version_id"])
    op.create_index("ix_search_items_document_id", "search_items", ["document_id"])
    if pg:
        op.create_index(
            "ix_search_items_tokens", "search_items", ["tokens"], postgresql_using="gin"
        )
    else:
        # External content: the tokens are stored once, in search_items; detail=full
        # keeps positions (phrases), columnsize=0 drops what only bm25 would use.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='search_items', "
            "content_rowid='item_id', tokenize='unicode61', columnsize=0)"
        )
    if not context.is_offline_mode():
        _backfill(op.get_bind(), pg)
    if not pg:
        # The FTS5 index follows search_items by itself, also when a cascade from
        # items or versions deletes rows (created after the backfill, which
        # rebuilds the index in one go instead).
        op.execute(
            "CREATE TRIGGER search_items_ai AFTER INSERT ON search_items BEGIN "
            "INSERT INTO search_fts(rowid, tokens) VALUES (new.item_id, new.tokens); END"
        )
        op.execute(
            "CREATE TRIGGER search_items_ad AFTER DELETE ON search_items BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, tokens) "
            "VALUES ('delete', old.item_id, old.tokens); END"
        )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        op.execute("DROP TRIGGER IF EXISTS search_items_ad")
        op.execute("DROP TRIGGER IF EXISTS search_items_ai")
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.drop_index("ix_search_items_tokens", table_name="search_items")
    op.drop_index("ix_search_items_document_id", table_name="search_items")
    op.drop_index("ix_search_items_version_id", table_name="search_items")
    op.drop_table("search_items")


# -- backfill: the tokeniser as of this revision ----------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_HAN}](?:[ \t\u3000]*[{_HAN}])*|[^\W_{_HAN}]+")
_BLANKS = re.compile(r"[ \t\u3000]+")


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def _fold(text: str) -> str:
    simp = _t2s().convert(text)
    if len(simp) != len(text):
        simp = "".join(c if len(c) == 1 else t for t, c in ((t, _t2s().convert(t)) for t in text))
    out = []
    for c in simp:
        f = unicodedata.normalize("NFKC", c).lower()
        out.append(f if len(f) == 1 else c.lower() if len(c.lower()) == 1 else c)
    return "".join(out)


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for m in _RUN.finditer(_fold(text)):
        s = m.group()
        cjk = s[0] >= "\u3400"
        if cjk and len(s) > 1 and not s.isalnum():
            s = _BLANKS.sub("", s)
        if not cjk or len(s) == 1:
            out.append(s)
        else:
            out.extend(s[i : i + 2] for i in range(len(s) - 1))
    return out


def _tsvector(toks: list[str]) -> str:
    positions: dict[str, list[int]] = {}
    for pos, tok in enumerate(toks, start=1):
        positions.setdefault(tok, []).append(min(pos, 16383))
    return " ".join(
        "'" + t.replace("\\", "\\\\").replace("'", "''") + "':" + ",".join(map(str, ps))
        for t, ps in positions.items()
    )


_meta = sa.MetaData()
_versions = sa.Table(
    "versions",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("document_id", sa.String),
    sa.Column("version_no", sa.Integer),
)
_items = sa.Table(
    "items", _meta, sa.Column("id", sa.Integer), sa.Column("version_id", sa.Integer),
    sa.Column("text", sa.Text),
)
_search = sa.Table(
    "search_items",
    _meta,
    sa.Column("item_id", sa.Integer),
    sa.Column("version_id", sa.Integer),
    sa.Column("document_id", sa.String),
    sa.Column("tokens", sa.Text),
)


def _backfill(conn: sa.Connection, pg: bool) -> None:
    rows = conn.execute(
        sa.select(_versions.c.id, _versions.c.document_id, _versions.c.version_no)
    ).all()
    newest: dict[str, tuple[int, int]] = {}
    for vid, doc, no in rows:
        if doc not in newest or no > newest[doc][0]:
            newest[doc] = (no, vid)
    tokens_value = sa.cast(sa.bindparam("tokens"), postgresql.TSVECTOR) if pg else sa.bindparam(
        "tokens"
    )
    insert = _search.insert().values(
        item_id=sa.bindparam("item_id"),
        version_id=sa.bindparam("version_id"),
        document_id=sa.bindparam("document_id"),
        tokens=tokens_value,
    )
    # the index holds each document's latest version only
    for doc, (_no, vid) in newest.items():
        items = conn.execute(
            sa.select(_items.c.id, _items.c.text).where(_items.c.version_id == vid)
        ).all()
        batch = []
        for item_id, text in items:
            toks = _tokens(text or "")
            batch.append(
                {
                    "item_id": item_id,
                    "version_id": vid,
                    "document_id": doc,
                    "tokens": _tsvector(toks) if pg else " ".join(toks),
                }
            )
        if batch:
            conn.execute(insert, batch)
    if not pg:
        conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
