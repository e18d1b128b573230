"""Search: partial GIN indexes over the first item ids (PostgreSQL only).

Revision ID: 0004_search_ranges
Revises: 0003_search
Create Date: 2026-11-22

A GIN bitmap holds every match of a word before the first row is returned, so
at 10^6 items a common word (160,000 matches) cost the 1,001 a search keeps
25 ms of index work. Four partial indexes over item ids [0, 65536), [65536,
131072), … (``item_id / 65536 = k``) let a search take the matches range by
range in ledger order and stop in the first range that completes them
(docs/search.md). The full index
``ix_search_items_tokens`` stays for the ids beyond. SQLite is unaffected (FTS5
yields matches in rowid order and stops by itself). Bounds written out here, so
the step never changes when ``luoshi.search.tables`` does.
"""

from __future__ import annotations

from alembic import op

revision = "0004_search_ranges"
down_revision = "0003_search"
branch_labels = None
depends_on = None

RANGE_SIZE = 65536
RANGES = 4


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    # the range as an expression the primary key cannot serve, so the planner takes
    # this index rather than reading the range in id order and testing each row
    for k in range(RANGES):
        op.execute(
            f"CREATE INDEX ix_search_items_tokens_r{k} ON search_items USING gin (tokens) "
            f"WHERE item_id / {RANGE_SIZE} = {k}"
        )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for k in range(RANGES):
        op.execute(f"DROP INDEX IF EXISTS ix_search_items_tokens_r{k}")
