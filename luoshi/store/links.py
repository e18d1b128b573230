"""Tables of the linking results (migration branch ``0003_links``).

``luoshi.follow.link_ledger`` fills them from the pure ``luoshi.link`` code;
everything but ``overrides`` is derived and rewritten by every link run, so the
derived tables carry no foreign keys into ``documents``/``versions`` that could
block a delete. Overrides are the analysts' own data: never rewritten, never
deleted by linking, and kept even when their commitment disappears (reported
as orphans).

Status as of any date is a pure function of these rows: linking assesses the
ledger once per *epoch* (each distinct document date: the set of documents
known only changes there) and stores, per commitment and per series, the state
at each epoch where it changed (``commitment_states``; ``occurrence_states``
holds a series piecewise, per occurrence).
Within an epoch only deadlines passing can change a status (pending →
overdue, planned → overdue), which the reader derives from the stored dates.
JSON payloads are Text holding JSON (portable, and compared byte for byte).
"""

from __future__ import annotations

import sqlalchemy as sa

from luoshi.store.tables import TS, metadata

# key → value: the fingerprint of the linked versions, when, with which rules
link_state = sa.Table(
    "link_state",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# The documents as linking saw them: one row per ledger document (latest version).
link_documents = sa.Table(
    "link_documents",
    metadata,
    sa.Column("document_id", sa.String(16), primary_key=True),
    sa.Column("version_id", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("link_id", sa.String(16), nullable=False),  # luoshi.link.anchors.doc_id
    sa.Column("date", sa.String(32)),  # the date linking orders it by
    sa.Column("copy_group", sa.String(16), nullable=False),  # first member's document id
    sa.Column("copy_role", sa.String(16), nullable=False),  # primary | copy
    sa.Index("ix_link_documents_copy_group", "copy_group"),
)

copy_groups = sa.Table(
    "copy_groups",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),  # {group, copies[], conflicts[]}
)

commitments = sa.Table(
    "commitments",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),  # luoshi.link.status.commitment_id
    sa.Column("document_id", sa.String(16), nullable=False),
    sa.Column("version_id", sa.Integer, nullable=False),
    sa.Column("item_seq", sa.Integer, nullable=False),
    sa.Column("item_number", sa.Integer),
    sa.Column("seq", sa.Integer, nullable=False),  # display order across the ledger
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("parties", sa.Text, nullable=False),  # JSON list of strings
    sa.Column("action", sa.String(64)),
    sa.Column("round", sa.Integer),
    sa.Column("mechanism", sa.Text),
    sa.Column("doc_date", sa.String(32)),  # the commitment exists from this date on
    # machine status as of the latest document date (see commitment_states for others)
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("due_start", sa.String(32)),
    sa.Column("due_end", sa.String(32)),
    sa.Column("topic_code", sa.String(16)),
    sa.Column("topic_label", sa.Text),
    sa.Index("ix_commitments_document_id", "document_id"),
    sa.Index("ix_commitments_status", "status"),
    # search's status facet joins an item to its commitments by these two
    sa.Index("ix_commitments_version_id_item_seq", "version_id", "item_seq"),
)

commitment_states = sa.Table(
    "commitment_states",
    metadata,
    sa.Column("commitment_id", sa.Text, primary_key=True),
    sa.Column("epoch", sa.String(32), primary_key=True),  # '' = before every dated document
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # due, evidence, score, reason … (JSON)
)

threads = sa.Table(
    "threads",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("diffs", sa.Text, nullable=False),  # JSON list
)

thread_items = sa.Table(
    "thread_items",
    metadata,
    sa.Column("thread_id", sa.String(16), primary_key=True),
    sa.Column("pos", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.String(16), nullable=False),
    sa.Column("item_number", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_thread_items_document_id_item_number", "document_id", "item_number"),
)

series = sa.Table(
    "series",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("name_en", sa.Text),
    sa.Column("keys", sa.Text, nullable=False),  # JSON list: folded names it answers to
)

# A series' timeline is stored piecewise (migration branch ``0004_occurrence_states``):
# a header per series (pos -1: name, number of occurrences), per occurrence a
# head (part -1: the occurrence with the number of its sources) and one row per
# source, each only at the epochs where it changed — so an occurrence that gains
# a source writes two small rows, not the whole series (nor the whole occurrence).
# The timeline as of an epoch is the latest row on or before it of each
# (pos, part) within the counts its header and heads give.
HEADER_POS = -1
HEAD_PART = -1
occurrence_states = sa.Table(
    "occurrence_states",
    metadata,
    sa.Column("series_id", sa.Text, primary_key=True),
    sa.Column("pos", sa.Integer, primary_key=True),  # -1: the series header; else 0, 1, …
    sa.Column("part", sa.Integer, primary_key=True),  # -1: the head; else a source 0, 1, …
    sa.Column("epoch", sa.String(32), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),  # JSON ('null': gone as of the epoch)
)

overrides = sa.Table(
    "overrides",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("commitment_id", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    sa.Index("ix_overrides_commitment_id", "commitment_id"),
)

DERIVED = (
    link_documents,
    copy_groups,
    commitments,
    commitment_states,
    threads,
    thread_items,
    series,
    occurrence_states,
)
