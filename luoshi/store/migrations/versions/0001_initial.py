"""Initial ledger: documents, versions, sources, items, defects.

Revision ID: 0001
Revises:
Create Date: 2024-11-22

Written out in full rather than importing ``luoshi.store.tables``: a migration is
a frozen record of one step, and must not change when the tables module does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("version_no", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("original", sa.Text, nullable=False),
        sa.Column("parsed", sa.JSON, nullable=False),
        sa.Column("schema_version", sa.String(8), nullable=False),
        sa.Column("parser_version", sa.String(32), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("published", sa.String(32)),
        sa.Column("mechanism", sa.Text),
        sa.Column("round", sa.Integer),
        sa.Column("meeting_start", sa.String(32)),
        sa.Column("meeting_end", sa.String(32)),
        sa.Column("item_count", sa.Integer, nullable=False),
        sa.Column("defect_count", sa.Integer, nullable=False),
        sa.Column("ingested_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_versions"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_versions_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("sha256", name="uq_versions_sha256"),
        sa.UniqueConstraint("document_id", "version_no", name="uq_versions_document_id_version_no"),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(16)),
        sa.Column("size", sa.Integer),
        sa.Column("first_seen", TS, nullable=False),
        sa.Column("last_seen", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["versions.id"],
            name="fk_sources_version_id_versions",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("version_id", "location", name="uq_sources_version_id_location"),
    )
    op.create_index("ix_sources_location", "sources", ["location"])
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("section", sa.String(32)),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_items"),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["versions.id"],
            name="fk_items_version_id_versions",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("version_id", "seq", name="uq_items_version_id_seq"),
    )
    op.create_table(
        "defects",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_defects"),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["versions.id"],
            name="fk_defects_version_id_versions",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("version_id", "seq", name="uq_defects_version_id_seq"),
    )


def downgrade() -> None:
    op.drop_table("defects")
    op.drop_table("items")
    op.drop_index("ix_sources_location", table_name="sources")
    op.drop_table("sources")
    op.drop_table("versions")
    op.drop_table("documents")
