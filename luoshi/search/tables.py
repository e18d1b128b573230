"""The search index table (migration 0003_search), on the ledger's metadata.

``search_items`` holds one row per item of each document's *latest* version
(older versions' rows are dropped when a new version is indexed): its token
string, and the document it belongs to, so that a search touches the index and
this table before any other.

On PostgreSQL ``tokens`` is a ``tsvector`` with a GIN index. On SQLite it is the
token string, and the FTS5 table ``search_fts`` indexes it as external content
(rowid = ``item_id``), kept in step by two triggers on ``search_items`` (also
when a cascade deletes rows). That virtual table, its shadow tables and the
triggers are SQLite internals created by the migration, not described here:
metadata can only describe portable tables.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from luoshi.store.tables import metadata

FTS_TABLE = "search_fts"  # SQLite only

TOKENS = sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql")

search_items = sa.Table(
    "search_items",
    metadata,
    sa.Column(
        "item_id",
        sa.Integer,
        sa.ForeignKey("items.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("versions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("document_id", sa.String(16), nullable=False),
    sa.Column("tokens", TOKENS, nullable=False),
    sa.Index("ix_search_items_version_id", "version_id"),
    sa.Index("ix_search_items_document_id", "document_id"),
)

# The GIN index exists on PostgreSQL only (SQLite's index is the FTS5 table).
sa.Index(
    "ix_search_items_tokens", search_items.c.tokens, postgresql_using="gin"
).ddl_if(dialect="postgresql")

# PostgreSQL: partial GIN indexes over the first item ids, RANGE_SIZE ids each
# (migration 0004_search_ranges). A GIN bitmap holds every match before the first
# is returned, so a word in 16 % of 10^6 items costs 160,000 entries for the 1,001
# a search keeps; searched range by range (ledger order), it stops in the first
# range that completes the 1,001. Fixed bounds: the planner must see them as
# constants to use a partial index, and later item ids are never renumbered.
# The range is the expression ``item_id / RANGE_SIZE``, which the primary key
# cannot serve: the planner then reads a range from its GIN index rather than
# in id order testing row after row (4x the CPU for a common word).
RANGE_SIZE = 65536
RANGES = 4
for _k in range(RANGES):
    sa.Index(
        f"ix_search_items_tokens_r{_k}",
        search_items.c.tokens,
        postgresql_using="gin",
        postgresql_where=sa.text(f"item_id / {RANGE_SIZE} = {_k}"),
    ).ddl_if(dialect="postgresql")
