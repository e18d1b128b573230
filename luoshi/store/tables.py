"""The ledger's tables, as SQLAlchemy Core metadata.

Portable column types only (String, Text, Integer, DateTime, JSON): the same
definitions must create and query a PostgreSQL ledger. Migrations under
``migrations/versions`` are the source of truth for the database; this module
must describe the same schema (a test compares the two).
"""

from __future__ import annotations

import sqlalchemy as sa

from luoshi.store.packed import ZlibJSON, ZlibText

# Named constraints keep migrations reproducible across backends (PostgreSQL and
# SQLite name unnamed constraints differently, which breaks later ALTERs).
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING)

TS = sa.DateTime(timezone=True)

documents = sa.Table(
    "documents",
    metadata,
    # "d" + 10 hex chars of the first version's sha256: stable, short, and the same
    # in every ledger that ingests the same first file.
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("created_at", TS, nullable=False),
)

versions = sa.Table(
    "versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "document_id",
        sa.String(16),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("version_no", sa.Integer, nullable=False),
    # sha256 of the raw bytes: identical content is one version, wherever it was found
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    # zlib-compressed since migration 0004_compact (luoshi/store/packed.py); read as
    # str and dict. The record holds every item fact: facts rows only index them.
    sa.Column("original", ZlibText, nullable=False),  # decoded original source text
    sa.Column("parsed", ZlibJSON, nullable=False),  # serialize.document_to_dict output
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
    sa.UniqueConstraint("document_id", "version_no"),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("versions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("location", sa.Text, nullable=False),  # absolute path or URL
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("format", sa.String(16)),
    sa.Column("size", sa.Integer),
    sa.Column("first_seen", TS, nullable=False),
    sa.Column("last_seen", TS, nullable=False),
    sa.UniqueConstraint("version_id", "location"),
    sa.Index("ix_sources_location", "location"),
)

items = sa.Table(
    "items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("versions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("seq", sa.Integer, nullable=False),  # 0-based position in the document
    sa.Column("number", sa.Integer),
    sa.Column("label", sa.String(32), nullable=False),
    sa.Column("section", sa.String(32)),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    # (``normalized`` was dropped in 0004_compact: nothing queried it, the record has it)
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    # copies of the item's ``topic`` fact (migration 0002), for grouping by topic
    sa.Column("topic_code", sa.String(16)),
    sa.Column("topic_label", sa.Text),  # the English label
    sa.UniqueConstraint("version_id", "seq"),
)

defects = sa.Table(
    "defects",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("versions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    sa.UniqueConstraint("version_id", "seq"),
)

# One row per extracted item fact (migration 0002); see luoshi/store/facts.py for
# what the typed columns hold per kind. Facts point at their item by
# (version_id, item_seq) rather than items.id so that a row can be written, read
# and exported without a join, and a version's rows go with it on delete.
# The fact itself (its text and whole JSON) is stored once, in the version's
# record: ``luoshi.store.facts.fact_objects`` reads it (0004_compact dropped the
# ``text`` and ``data`` copies, three quarters of the table).
facts = sa.Table(
    "facts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("versions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("item_seq", sa.Integer, nullable=False),  # items.seq
    sa.Column("item_number", sa.Integer),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),  # position among the item's facts of this kind
    sa.Column("span_start", sa.Integer),
    sa.Column("span_end", sa.Integer),
    # Text, not String(n): series ids and measures are derived from names and
    # have no useful bound; PostgreSQL indexes text as well as varchar.
    sa.Column("ref_id", sa.Text),
    sa.Column("label", sa.String(64)),
    sa.Column("ordinal", sa.Integer),
    # ISO 8601 strings like versions.meeting_start: they sort and compare as dates
    sa.Column("date_start", sa.String(32)),
    sa.Column("date_end", sa.String(32)),
    sa.Column("anchor", sa.Text),
    sa.CheckConstraint(
        "kind IN ('time', 'actor', 'sentence', 'commitment', 'event', 'series', "
        "'reference', 'quantity')",
        name="ck_facts_kind",
    ),
    # also the index by version (its first column); (kind, label) has too few
    # distinct values to be worth an index (both dropped in 0004_compact)
    sa.UniqueConstraint("version_id", "item_seq", "kind", "seq"),
    sa.Index("ix_facts_kind_ref_id", "kind", "ref_id"),
)
