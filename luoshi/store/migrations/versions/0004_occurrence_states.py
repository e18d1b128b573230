"""Series timelines stored per occurrence instead of whole per epoch.

Revision ID: 0004_occurrence_states
Revises: 0003_links
Create Date: 2026-11-22

``series_states`` held a series' WHOLE timeline JSON at every epoch where it
changed, so a series that changes at every epoch rewrote its whole history each
time (bytes growing with n^1.9). ``occurrence_states`` holds a small header per
series, per occurrence a head and one row per source, each written only at the
epochs where it changed (see ``luoshi.store.links``).

Both tables are derived data: the old rows are simply dropped (not converted),
and the stored link fingerprint is forgotten, so the next ``luoshi link``
recomputes every derived table (until then the ledger shows no series). The
analysts' ``overrides`` table is never touched. Tables are written out rather
than imported from ``luoshi.store.links`` so that this step stays the same
whatever later revisions do to the module.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_occurrence_states"
down_revision = "0003_links"
branch_labels = None
depends_on = None


def _forget_fingerprint() -> None:
    # with no fingerprint (and no rules) stored, the next link is a full one
    op.execute("DELETE FROM link_state WHERE key IN ('fingerprint', 'rules')")


def upgrade() -> None:
    op.drop_table("series_states")
    op.create_table(
        "occurrence_states",
        sa.Column("series_id", sa.Text, nullable=False),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("part", sa.Integer, nullable=False),
        sa.Column("epoch", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("series_id", "pos", "part", "epoch",
                                name="pk_occurrence_states"),
    )
    _forget_fingerprint()


def downgrade() -> None:
    op.drop_table("occurrence_states")
    op.create_table(
        "series_states",
        sa.Column("series_id", sa.Text, nullable=False),
        sa.Column("epoch", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("series_id", "epoch", name="pk_series_states"),
    )
    _forget_fingerprint()
