"""Linking results: copies, threads, series timelines, commitment status, overrides.

Revision ID: 0003_links
Revises: 0002
Create Date: 2026-11-22

A branch of its own (``down_revision = "0002"``), like every feature after 0002.
All tables but ``overrides`` are derived: ``luoshi link`` fills them from the
stored records, so there is nothing to backfill here. Tables are written out
rather than imported from ``luoshi.store.links`` so that this step stays the same
whatever later revisions do to the module.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_links"
down_revision = "0002"
branch_labels = ("links",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "link_state",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_link_state"),
    )
    op.create_table(
        "link_documents",
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("link_id", sa.String(16), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("copy_group", sa.String(16), nullable=False),
        sa.Column("copy_role", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_link_documents"),
    )
    op.create_index("ix_link_documents_copy_group", "link_documents", ["copy_group"])
    op.create_table(
        "copy_groups",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_copy_groups"),
    )
    op.create_table(
        "commitments",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("item_seq", sa.Integer, nullable=False),
        sa.Column("item_number", sa.Integer),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("parties", sa.Text, nullable=False),
        sa.Column("action", sa.String(64)),
        sa.Column("round", sa.Integer),
        sa.Column("mechanism", sa.Text),
        sa.Column("doc_date", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("due_start", sa.String(32)),
        sa.Column("due_end", sa.String(32)),
        sa.Column("topic_code", sa.String(16)),
        sa.Column("topic_label", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_commitments"),
    )
    op.create_index("ix_commitments_document_id", "commitments", ["document_id"])
    op.create_index("ix_commitments_status", "commitments", ["status"])
    op.create_table(
        "commitment_states",
        sa.Column("commitment_id", sa.Text, nullable=False),
        sa.Column("epoch", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("commitment_id", "epoch", name="pk_commitment_states"),
    )
    op.create_table(
        "threads",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("diffs", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_threads"),
    )
    op.create_table(
        "thread_items",
        sa.Column("thread_id", sa.String(16), nullable=False),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("item_number", sa.Integer),
        sa.Column("score", sa.Float),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("thread_id", "pos", name="pk_thread_items"),
    )
    op.create_index(
        "ix_thread_items_document_id_item_number",
        "thread_items",
        ["document_id", "item_number"],
    )
    op.create_table(
        "series",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text),
        sa.Column("keys", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_series"),
    )
    op.create_table(
        "series_states",
        sa.Column("series_id", sa.Text, nullable=False),
        sa.Column("epoch", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("series_id", "epoch", name="pk_series_states"),
    )
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("commitment_id", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_overrides"),
    )
    op.create_index("ix_overrides_commitment_id", "overrides", ["commitment_id"])


def downgrade() -> None:
    for name in (
        "overrides",
        "series_states",
        "series",
        "thread_items",
        "threads",
        "commitment_states",
        "commitments",
        "copy_groups",
        "link_documents",
        "link_state",
    ):
        op.drop_table(name)
