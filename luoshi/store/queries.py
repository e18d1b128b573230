"""Reading the ledger: summaries, id resolution, stored records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from luoshi.store.facts import fact_in
from luoshi.store.tables import defects, documents, facts, items, sources, versions

# sqlalchemy's Row is generic in a way that changed between 2.0 and 2.1; rows here
# are read by column name, so the precise parameters add nothing.
Row = Any


class LookupFailed(LookupError):
    """A document reference matched no document, or more than one."""


def iso(ts: datetime | None) -> str | None:
    # SQLite hands back naive datetimes; everything is written in UTC.
    if ts is None:
        return None
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class SourceSeen:
    path: str
    sha256: str
    version: int
    first_seen: str | None
    last_seen: str | None


@dataclass(slots=True)
class DocumentSummary:
    id: str
    created_at: str | None
    versions: int
    version: int  # the latest
    sha256: str  # of the latest version
    title: str | None
    kind: str
    published: str | None
    mechanism: str | None
    round: int | None
    meeting_start: str | None
    items: int
    defects: int
    ingested_at: str | None
    sources: list[SourceSeen] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_SUMMARY_COLS = (
    versions.c.id,
    versions.c.document_id,
    versions.c.version_no,
    versions.c.sha256,
    versions.c.title,
    versions.c.kind,
    versions.c.published,
    versions.c.mechanism,
    versions.c.round,
    versions.c.meeting_start,
    versions.c.item_count,
    versions.c.defect_count,
    versions.c.ingested_at,
)


def list_documents(conn: sa.Connection) -> list[DocumentSummary]:
    """Every document with its latest version and all places any version was seen."""
    docs = conn.execute(
        sa.select(documents.c.id, documents.c.created_at).order_by(
            documents.c.created_at, documents.c.id
        )
    ).all()
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for row in conn.execute(sa.select(*_SUMMARY_COLS).order_by(versions.c.version_no)):
        by_doc[row.document_id].append(row)
    seen: dict[str, list[SourceSeen]] = defaultdict(list)
    src_q = (
        sa.select(
            versions.c.document_id,
            versions.c.version_no,
            sources.c.location,
            sources.c.sha256,
            sources.c.first_seen,
            sources.c.last_seen,
        )
        .select_from(sources.join(versions, sources.c.version_id == versions.c.id))
        .order_by(versions.c.version_no, sources.c.id)
    )
    for src in conn.execute(src_q):
        seen[src.document_id].append(
            SourceSeen(
                src.location, src.sha256, src.version_no, iso(src.first_seen), iso(src.last_seen)
            )
        )
    out: list[DocumentSummary] = []
    for doc in docs:
        vers = by_doc.get(doc.id)
        if not vers:  # cannot happen inside one transaction; skip rather than crash
            continue
        last = vers[-1]
        out.append(
            DocumentSummary(
                id=doc.id,
                created_at=iso(doc.created_at),
                versions=len(vers),
                version=last.version_no,
                sha256=last.sha256,
                title=last.title,
                kind=last.kind,
                published=last.published,
                mechanism=last.mechanism,
                round=last.round,
                meeting_start=last.meeting_start,
                items=last.item_count,
                defects=last.defect_count,
                ingested_at=iso(last.ingested_at),
                sources=seen.get(doc.id, []),
            )
        )
    return out


def _like_prefix(ref: str) -> str:
    return ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def resolve(conn: sa.Connection, ref: str) -> str:
    """A document id from an exact id or a unique prefix of one."""
    ref = ref.strip()
    if not ref:
        raise LookupFailed("empty document id")
    exact = conn.execute(sa.select(documents.c.id).where(documents.c.id == ref)).scalar()
    if exact is not None:
        return str(exact)
    found = (
        conn.execute(
            sa.select(documents.c.id)
            .where(documents.c.id.like(_like_prefix(ref), escape="\\"))
            .order_by(documents.c.id)
            .limit(6)
        )
        .scalars()
        .all()
    )
    if not found:
        raise LookupFailed(f"no document matches {ref!r}")
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise LookupFailed(f"{ref!r} matches several documents: {shown}")
    return str(found[0])


def _version_row(conn: sa.Connection, doc_id: str, version_no: int | None) -> Row:
    q = sa.select(
        versions.c.id,
        versions.c.version_no,
        versions.c.sha256,
        versions.c.parsed,
        versions.c.ingested_at,
    ).where(versions.c.document_id == doc_id)
    if version_no is None:
        q = q.order_by(versions.c.version_no.desc()).limit(1)
    else:
        q = q.where(versions.c.version_no == version_no)
    row = conn.execute(q).first()
    if row is None:
        raise LookupFailed(f"document {doc_id} has no version {version_no}")
    return row


def load_record(conn: sa.Connection, doc_id: str, version_no: int | None = None) -> dict[str, Any]:
    """The stored schema-v1 record of one version, plus its ``ledger`` block."""
    row = _version_row(conn, doc_id, version_no)
    count = conn.execute(
        sa.select(sa.func.count()).select_from(versions).where(versions.c.document_id == doc_id)
    ).scalar_one()
    seen = conn.execute(
        sa.select(sources.c.location, sources.c.first_seen, sources.c.last_seen)
        .where(sources.c.version_id == row.id)
        .order_by(sources.c.id)
    ).all()
    record = dict(row.parsed)
    record["ledger"] = {
        "id": doc_id,
        "version": row.version_no,
        "versions": int(count),
        "sha256": row.sha256,
        "ingested_at": iso(row.ingested_at),
        "sources": [
            {"path": s.location, "first_seen": iso(s.first_seen), "last_seen": iso(s.last_seen)}
            for s in seen
        ],
    }
    return record


def load_original(conn: sa.Connection, doc_id: str, version_no: int | None = None) -> str:
    row = _version_row(conn, doc_id, version_no)
    text = conn.execute(sa.select(versions.c.original).where(versions.c.id == row.id)).scalar_one()
    return str(text)


def iter_records(conn: sa.Connection, all_versions: bool = False) -> Iterator[dict[str, Any]]:
    """Stored records in ledger order: each document's latest version, or every version."""
    for summary in list_documents(conn):
        wanted = range(1, summary.version + 1) if all_versions else (summary.version,)
        for no in wanted:
            yield load_record(conn, summary.id, no)


def row_counts(conn: sa.Connection) -> dict[str, int]:
    """Rows per table: what tests (and ``luoshi list``) use to see that nothing changed."""
    return {
        t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
        for t in (documents, versions, sources, items, defects, facts)
    }


@dataclass(frozen=True, slots=True)
class StoredFact:
    """One row of ``facts`` with the document, version and item it belongs to."""

    document_id: str
    version: int
    mechanism: str | None
    round: int | None
    item_seq: int
    item_number: int | None
    item_title: str | None
    topic_code: str | None
    topic_label: str | None
    kind: str
    seq: int
    text: str
    span: list[int] | None
    ref_id: str | None
    label: str | None
    ordinal: int | None
    date_start: str | None
    date_end: str | None
    anchor: str | None
    data: dict[str, Any]  # the whole fact, decoded


def list_facts(
    conn: sa.Connection, kinds: Sequence[str] | None = None, all_versions: bool = False
) -> list[StoredFact]:
    """Facts of each document's latest version (or every version), in ledger order.

    Ledger order is that of ``list_documents`` (documents by creation), then
    version, item, and the order the facts were written in (kind, position).
    """
    f, v, i = facts, versions, items
    q = (
        sa.select(
            f.c.version_id,
            v.c.document_id,
            v.c.version_no,
            v.c.mechanism,
            v.c.round,
            f.c.item_seq,
            f.c.item_number,
            i.c.title.label("item_title"),
            i.c.topic_code,
            i.c.topic_label,
            f.c.kind,
            f.c.seq,
            f.c.span_start,
            f.c.span_end,
            f.c.ref_id,
            f.c.label,
            f.c.ordinal,
            f.c.date_start,
            f.c.date_end,
            f.c.anchor,
        )
        .select_from(
            f.join(v, f.c.version_id == v.c.id)
            .join(documents, v.c.document_id == documents.c.id)
            # outer: a fact row must not vanish from exports if its item row is odd
            .outerjoin(i, sa.and_(i.c.version_id == f.c.version_id, i.c.seq == f.c.item_seq))
        )
        .order_by(
            documents.c.created_at, documents.c.id, v.c.version_no, f.c.item_seq, f.c.id
        )
    )
    if kinds is not None:
        q = q.where(f.c.kind.in_(list(kinds)))
    if not all_versions:
        latest = sa.alias(versions, "latest")
        q = q.where(
            v.c.version_no
            == sa.select(sa.func.max(latest.c.version_no))
            .where(latest.c.document_id == v.c.document_id)
            .scalar_subquery()
        )
    out: list[StoredFact] = []
    # the facts themselves are in their version's record: decode each record once
    # (rows come version by version), keep only the current one
    record: dict[str, Any] = {}
    record_of: int | None = None
    for r in conn.execute(q).all():
        if r.version_id != record_of:
            record_of = r.version_id
            record = conn.execute(
                sa.select(versions.c.parsed).where(versions.c.id == r.version_id)
            ).scalar_one()
        fact = fact_in(record, r.item_seq, r.kind, r.seq)
        span = None if r.span_start is None or r.span_end is None else [r.span_start, r.span_end]
        out.append(
            StoredFact(
                document_id=r.document_id,
                version=r.version_no,
                mechanism=r.mechanism,
                round=r.round,
                item_seq=r.item_seq,
                item_number=r.item_number,
                item_title=r.item_title,
                topic_code=r.topic_code,
                topic_label=r.topic_label,
                kind=r.kind,
                seq=r.seq,
                text=fact["text"],
                span=span,
                ref_id=r.ref_id,
                label=r.label,
                ordinal=r.ordinal,
                date_start=r.date_start,
                date_end=r.date_end,
                anchor=r.anchor,
                data=fact,
            )
        )
    return out
