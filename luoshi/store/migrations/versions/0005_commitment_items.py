"""An index on commitments(version_id, item_seq).

Revision ID: 0005_commitment_items
Revises: 0004_occurrence_states
Create Date: 2026-11-22

Search's status facet (``luoshi.search.query``) joins each matching item to its
commitments by the item's version and position. Without this index each such
join read the whole ``commitments`` table (10^5-10^6 rows on a large ledger);
with it, a lookup. Only an index is added: no row changes, nothing is
recomputed.
"""

from __future__ import annotations

from alembic import op

revision = "0005_commitment_items"
down_revision = "0004_occurrence_states"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_commitments_version_id_item_seq", "commitments", ["version_id", "item_seq"]
    )


def downgrade() -> None:
    op.drop_index("ix_commitments_version_id_item_seq", table_name="commitments")
