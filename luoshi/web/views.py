"""What each page shows, as plain JSON-ready dicts: the HTML page renders the
dict, the ``.json`` URL returns it. Reads the ledger through SQLAlchemy Core
and the follow/search layers (``linked``); nothing here knows about HTTP.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from luoshi.store import Ledger, LookupFailed
from luoshi.store.facts import facts_json
from luoshi.store.queries import iso, list_documents, resolve
from luoshi.store.tables import facts, items, sources, versions
from luoshi.web import linked, memo
from luoshi.web.i18n import topic_labels
from luoshi.web.tables import corrections

STATUSES = ("fulfilled", "fulfilled-late", "superseded", "overdue", "pending", "ongoing", "unknown")
CORRECTABLE = ("title", "topic")
FACT_KINDS = ("times", "actors", "commitments", "references")

# The follow layer's commitments table, by the columns its contract names.
_commitments = sa.table(
    "commitments",
    sa.column("id"),
    sa.column("document_id"),
    sa.column("item_seq"),
    sa.column("item_number"),
    sa.column("status"),
    sa.column("doc_date"),
)


class NotFound(LookupError):
    """An id in the URL names nothing in the ledger."""


# -- ids --------------------------------------------------------------------------


def item_key(doc_id: str, number: int | None, seq: int) -> str:
    """The item's id in URLs: ``d5100e2ba08-21`` (its number) or ``…-s3`` (unnumbered)."""
    return f"{doc_id}-{number}" if number is not None else f"{doc_id}-s{seq}"


def parse_item_key(key: str) -> tuple[str, int | None, int | None]:
    """``(doc_ref, number, seq)`` of an item id; NotFound when malformed."""
    doc, sep, rest = key.rpartition("-")
    if not sep or not doc:
        raise NotFound(f"item id {key!r} should look like DOC-NUMBER, e.g. d5100e2ba08-21")
    try:
        if rest.startswith("s"):
            return doc, None, int(rest[1:])
        return doc, int(rest), None
    except ValueError:
        raise NotFound(f"item id {key!r} should look like DOC-NUMBER") from None


# -- small readers ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Version:
    id: int
    doc: str
    no: int
    versions: int
    sha256: str
    ingested_at: str | None
    record: dict[str, Any]


def _resolve(conn: sa.Connection, ref: str) -> str:
    try:
        return resolve(conn, ref)
    except LookupFailed as exc:
        raise NotFound(str(exc)) from None


def load_version(
    conn: sa.Connection, ref: str, version_no: int | None = None, *, original: bool = False,
    owner: Any = None,
) -> tuple[Version, str | None]:
    """A version's record (and original text); ``owner`` (the ledger) enables the memo."""
    doc = _resolve(conn, ref)
    q = sa.select(versions.c.id, versions.c.version_no, versions.c.sha256,
                  versions.c.ingested_at).where(versions.c.document_id == doc)
    q = (q.order_by(versions.c.version_no.desc()).limit(1) if version_no is None
         else q.where(versions.c.version_no == version_no))
    row = conn.execute(q).first()
    if row is None:
        raise NotFound(f"document {doc} has no version {version_no}")
    count = conn.execute(
        sa.select(sa.func.count()).select_from(versions).where(versions.c.document_id == doc)
    ).scalar_one()

    def content() -> tuple[dict[str, Any], str]:
        got = conn.execute(
            sa.select(versions.c.parsed, versions.c.original).where(versions.c.id == row.id)
        ).one()
        return dict(got.parsed), str(got.original)

    if owner is None:
        record, text = content()
    else:
        record, text = memo.remember(owner, ("version", row.id, row.sha256), content)
    ver = Version(row.id, doc, row.version_no, int(count), row.sha256, iso(row.ingested_at),
                  record)
    return ver, (text if original else None)


def corrections_of(conn: sa.Connection, version_id: int) -> dict[tuple[int, str], str | None]:
    """(item_seq, field) → the newest corrected value."""
    rows = conn.execute(
        sa.select(corrections.c.item_seq, corrections.c.field, corrections.c.value)
        .where(corrections.c.version_id == version_id)
        .order_by(corrections.c.id)
    )
    return {(r.item_seq, r.field): r.value for r in rows}


def _topic(code: str | None, fallback: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    if code is None:
        return None
    labels = topic_labels(code)
    if labels is None:
        fb = fallback or {}
        return {"code": code, "label_zh": fb.get("label_zh"), "label_en": fb.get("label_en")}
    return {"code": code, "label_zh": labels[0], "label_en": labels[1]}


def apply_corrections(
    item: dict[str, Any], seq: int, fixes: Mapping[tuple[int, str], str | None]
) -> dict[str, Any]:
    """The item as analysts corrected it; ``corrected`` lists the fields changed."""
    out = dict(item)
    changed = []
    if (seq, "title") in fixes:
        out["title"] = fixes[(seq, "title")]
        changed.append("title")
    if (seq, "topic") in fixes:
        out["topic"] = _topic(fixes[(seq, "topic")])
        changed.append("topic")
    out["corrected"] = changed
    return out


def _meeting(record: Mapping[str, Any]) -> dict[str, Any]:
    m = record.get("meeting") or {}
    return {k: m.get(k) for k in ("mechanism", "track", "round", "start", "end", "venue", "chairs")}


def _summary(s: Any) -> dict[str, Any]:
    d = s.to_dict()
    d["url"] = f"/documents/{s.id}"
    return d


# -- pages ------------------------------------------------------------------------------


def documents_page(ledger: Ledger) -> dict[str, Any]:
    with ledger.engine.connect() as conn:
        docs = list_documents(conn)
    return {"documents": [_summary(s) for s in docs], "count": len(docs)}


def _status_counts(ledger: Ledger, as_of: str | None
                   ) -> tuple[dict[str, int] | None, str | None]:
    linked.ensure_linked(ledger)
    try:
        rows = linked.track_rows(ledger, **({"as_of": as_of} if as_of else {}))
    except linked.Unavailable as exc:
        return None, str(exc)
    counts = Counter(r.get("status") or "unknown" for r in rows)
    return {s: counts.get(s, 0) for s in STATUSES if counts.get(s)}, None


def home_page(ledger: Ledger, as_of: str | None = None) -> dict[str, Any]:
    with ledger.engine.connect() as conn:
        docs = list_documents(conn)
        n_commit = conn.execute(
            sa.select(sa.func.count()).select_from(facts).where(facts.c.kind == "commitment")
            .where(facts.c.version_id.in_(_latest_version_ids()))
        ).scalar_one()
    by_mech: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in docs:
        by_mech[s.mechanism or "—"].append(
            {"round": s.round, "date": s.meeting_start or s.published, "doc": s.id,
             "title": s.title, "url": f"/documents/{s.id}", "items": s.items}
        )
    mechanisms = [
        {"name": name, "rounds": sorted(rs, key=lambda r: (r["round"] or 0, r["date"] or ""))}
        for name, rs in sorted(by_mech.items(), key=lambda kv: kv[0])
    ]
    statuses, missing = _status_counts(ledger, as_of)
    return {
        "as_of": as_of,
        "documents": len(docs),
        "outcomes": sum(s.items for s in docs),
        "commitments": int(n_commit),
        "mechanisms": mechanisms,
        "statuses": statuses,
        "linked": missing is None,
    }


def _build_latest_version_ids() -> sa.ScalarSelect[Any]:
    latest = sa.alias(versions, "lv")
    inner = sa.alias(versions, "lv2")
    return (
        sa.select(latest.c.id)
        .where(latest.c.version_no == sa.select(sa.func.max(inner.c.version_no))
               .where(inner.c.document_id == latest.c.document_id).scalar_subquery())
        .scalar_subquery()
    )


# Built once: constructing aliases of a wide table costs more than running the query.
_LATEST_VERSION_IDS = _build_latest_version_ids()


def _latest_version_ids() -> sa.ScalarSelect[Any]:
    """The ids of every document's latest version (a subquery)."""
    return _LATEST_VERSION_IDS


def document_page(ledger: Ledger, ref: str, version_no: int | None = None) -> dict[str, Any]:
    with ledger.engine.connect() as conn:
        ver, original = load_version(conn, ref, version_no, original=True, owner=ledger)
        fixes = corrections_of(conn, ver.id)
        srcs = conn.execute(
            sa.select(versions.c.version_no, sources.c.location, sources.c.sha256,
                      sources.c.format, sources.c.size, sources.c.first_seen,
                      sources.c.last_seen)
            .select_from(sources.join(versions, sources.c.version_id == versions.c.id))
            .where(versions.c.document_id == ver.doc)
            .order_by(versions.c.version_no, sources.c.id)
        ).all()
    rec = ver.record
    out_items = []
    for seq, it in enumerate(rec.get("items", [])):
        row = apply_corrections(it, seq, fixes)
        row["id"] = item_key(ver.doc, it.get("number"), seq)
        row["url"] = f"/items/{row['id']}"
        out_items.append(row)
    linked.ensure_linked(ledger)
    try:
        copies: dict[str, Any] | None = linked.follow("copies_of", ledger, ver.doc)
        copies_missing = None
    except (linked.Unavailable, LookupFailed) as exc:
        copies, copies_missing = None, str(exc)
    return {
        "document": {
            "id": ver.doc, "version": ver.no, "versions": ver.versions, "sha256": ver.sha256,
            "ingested_at": ver.ingested_at, "title": rec.get("title"), "kind": rec.get("kind"),
            "published": rec.get("published"), "publisher": rec.get("publisher"),
            "source": rec.get("source"), "warnings": rec.get("warnings", []),
        },
        "meeting": _meeting(rec),
        "sections": rec.get("sections", []),
        "items": out_items,
        "defects": rec.get("defects", []),
        "sources": [
            {"version": s.version_no, "location": s.location, "sha256": s.sha256,
             "format": s.format, "size": s.size, "first_seen": iso(s.first_seen),
             "last_seen": iso(s.last_seen)}
            for s in srcs
        ],
        "copies": copies,
        "copies_unavailable": copies_missing,
        "original": original,
    }


def _find_item(record: Mapping[str, Any], number: int | None, seq: int | None) -> int:
    its = record.get("items", [])
    if seq is not None:
        if 0 <= seq < len(its):
            return seq
    else:
        for i, it in enumerate(its):
            if it.get("number") == number:
                return i
    raise NotFound(f"no item {number if seq is None else 's' + str(seq)} in this document")


def _item_commitment_ids(conn: sa.Connection, doc: str, seq: int) -> list[str] | None:
    try:
        return list(conn.execute(
            sa.select(_commitments.c.id)
            .where(_commitments.c.document_id == doc, _commitments.c.item_seq == seq)
        ).scalars())
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        conn.rollback()  # PostgreSQL aborts the transaction on a missing table
        return None


def item_page(ledger: Ledger, key: str, as_of: str | None = None) -> dict[str, Any]:
    doc_ref, number, seq_in = parse_item_key(key)
    linked.ensure_linked(ledger)
    with ledger.engine.connect() as conn:
        ver, _ = load_version(conn, doc_ref, owner=ledger)
        seq = _find_item(ver.record, number, seq_in)
        fixes = corrections_of(conn, ver.id)
        ids = _item_commitment_ids(conn, ver.doc, seq)
    item = apply_corrections(ver.record["items"][seq], seq, fixes)
    item["id"] = item_key(ver.doc, item.get("number"), seq)
    item["seq"] = seq
    thread: dict[str, Any] | None = None
    missing: str | None = None
    if item.get("number") is not None:
        try:
            thread = linked.follow("thread", ledger, ver.doc, item["number"])
        except (linked.Unavailable, LookupFailed) as exc:
            missing = str(exc)
    rows: list[dict[str, Any]] = []
    commit_missing: str | None = None
    if ids is None:
        commit_missing = "linking tables are not in this ledger"
    else:
        try:
            for cid in ids:
                try:
                    rows.append(commitment_row(ledger, cid, as_of))
                except NotFound as exc:
                    commit_missing = str(exc)
        except linked.Unavailable as exc:
            commit_missing = str(exc)
        if not ids and item.get("commitments"):
            commit_missing = "linking has not run yet"
    for t in (thread or {}).get("items", []):
        if isinstance(t, dict):
            t["url"] = _item_url(t.get("doc"), t.get("item"))
    return {
        "document": {"id": ver.doc, "title": ver.record.get("title"), "version": ver.no,
                     "meeting": _meeting(ver.record), "url": f"/documents/{ver.doc}"},
        "item": item,
        "thread": thread,
        "thread_unavailable": missing,
        "commitments": rows,
        "commitments_unavailable": commit_missing,
    }


# -- tracker ------------------------------------------------------------------------------

FILTERS = ("status", "topic", "party", "actor", "round", "due_from", "due_to", "as_of")
SORTS = {
    "due": lambda r: ((r.get("due") or {}).get("end") or (r.get("due") or {}).get("start")
                      or "9999"),
    "status": lambda r: STATUSES.index(r["status"]) if r.get("status") in STATUSES else 99,
    "round": lambda r: r.get("round") or 0,
    "doc": lambda r: (r.get("doc") or "", r.get("item") or 0),
    "topic": lambda r: r.get("topic") or "",
    "score": lambda r: r.get("score") or 0,
}


def clean_filters(raw: Mapping[str, str | None]) -> dict[str, Any]:
    """Query parameters → follow.track_rows keyword arguments (blank ones dropped)."""
    out: dict[str, Any] = {}
    for key in FILTERS:
        value = (raw.get(key) or "").strip()
        if not value:
            continue
        if key == "round":
            try:
                out[key] = int(value)
            except ValueError:
                raise ValueError(f"round must be a number, not {value!r}") from None
        else:
            out[key] = value
    return out


PAGE = 100  # tracker rows per HTML page; exports and .json carry every row unless asked


def tracker_page(ledger: Ledger, filters: Mapping[str, Any], sort: str = "due",
                 desc: bool = False, *, offset: int = 0,
                 limit: int | None = None) -> dict[str, Any]:
    linked.ensure_linked(ledger)
    try:
        rows: list[dict[str, Any]] = linked.track_rows(ledger, **filters)
        missing = None
    except linked.Unavailable as exc:
        rows, missing = [], str(exc)
    key = SORTS.get(sort, SORTS["due"])
    rows = sorted(rows, key=key, reverse=desc)
    total = len(rows)
    if offset or limit is not None:
        rows = rows[offset: None if limit is None else offset + limit]
    rows = [_linked_row(r) for r in rows]
    return {
        "filters": dict(filters),
        "sort": sort if sort in SORTS else "due",
        "desc": desc,
        "count": total,
        "offset": offset,
        "limit": limit,
        "rows": rows,
        "unavailable": missing,
    }


def _linked_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A tracker row with its page links (a copy: the rows may be remembered)."""
    out = dict(row)
    out["url"] = f"/commitments/{row.get('id')}"
    out["item_url"] = _item_url(row.get("doc"), row.get("item"))
    return out


def _item_url(doc: Any, item: Any) -> str | None:
    """Where an item reference points: the item, or its document when unnumbered."""
    if doc is None:
        return None
    return f"/items/{doc}-{item}" if item is not None else f"/documents/{doc}"


CSV_COLUMNS = ("id", "doc", "item", "round", "topic", "status", "machine_status", "due_start",
               "due_end", "parties", "score", "overrides", "text", "span_start", "span_end")


def tracker_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        due = r.get("due") or {}
        span = r.get("span") or [None, None]
        w.writerow([
            r.get("id"), r.get("doc"), r.get("item"), r.get("round"), r.get("topic"),
            r.get("status"), r.get("machine_status"), due.get("start"), due.get("end"),
            "; ".join(r.get("parties") or []), r.get("score"), len(r.get("overrides") or []),
            r.get("text"), span[0], span[1],
        ])
    return buf.getvalue()


def tracker_options(ledger: Ledger) -> dict[str, list[Any]]:
    """Values the filter menus offer: every party named and round held, ledger-wide.

    A function of the latest versions only (their facts never change), so it is
    remembered under their ids.
    """
    with ledger.engine.connect() as conn:
        latest = tuple(sorted(conn.execute(_latest_version_ids().element).scalars()))

    def compute() -> dict[str, list[Any]]:
        with ledger.engine.connect() as conn:
            datas = facts_json(conn, "commitment", latest)  # the facts are in the records
            rounds = conn.execute(
                sa.select(versions.c.round).where(versions.c.id.in_(latest))
                .where(versions.c.round.is_not(None)).distinct()
            ).scalars().all()
        parties: set[str] = set()
        for raw in datas:
            try:
                found = json.loads(raw).get("parties") or []
            except (ValueError, AttributeError):
                continue
            parties.update(p for p in found if isinstance(p, str))
        return {"parties": sorted(parties), "rounds": sorted(int(r) for r in rounds)}

    return memo.remember(ledger, ("options", latest), compute)


def commitment_row(ledger: Ledger, cid: str, as_of: str | None = None) -> dict[str, Any]:
    """``follow.commitment`` as of ``as_of`` (today); a commitment stated after that
    day (a document dated in the future, like the fictional samples) is shown as
    of the day it was stated rather than not at all. NotFound when unknown."""
    try:
        return linked.follow("commitment", ledger, cid, as_of=as_of)  # type: ignore[no-any-return]
    except LookupFailed as exc:
        first = exc
    except linked.Unavailable as exc:
        raise NotFound(f"commitment {cid!r}: {exc}") from None
    stated: str | None = None
    if as_of is None:
        try:
            with ledger.engine.connect() as conn:
                stated = conn.execute(
                    sa.select(_commitments.c.doc_date).where(_commitments.c.id == cid)
                ).scalar()
        except (sa.exc.OperationalError, sa.exc.ProgrammingError):
            stated = None
    if not stated:
        raise NotFound(str(first)) from None
    try:
        return linked.follow("commitment", ledger, cid, as_of=stated)  # type: ignore[no-any-return]
    except LookupFailed:
        raise NotFound(str(first)) from None


def commitment_page(ledger: Ledger, cid: str, as_of: str | None = None) -> dict[str, Any]:
    linked.ensure_linked(ledger)
    row = dict(commitment_row(ledger, cid, as_of))
    row["item_url"] = _item_url(row.get("doc"), row.get("item"))
    return {"commitment": row, "statuses": list(STATUSES)}


# -- series --------------------------------------------------------------------------------


def series_list_page(ledger: Ledger, as_of: str | None = None) -> dict[str, Any]:
    linked.ensure_linked(ledger)
    try:
        rows = linked.follow("list_series", ledger, **({"as_of": as_of} if as_of else {}))
        missing = None
    except linked.Unavailable as exc:
        rows, missing = [], str(exc)
    rows = [dict(r, url="/series/" + _quote(str(r.get("id")))) for r in rows]
    return {"as_of": as_of, "series": rows, "count": len(rows), "unavailable": missing}


def series_timelines(ledger: Ledger, series: Sequence[Mapping[str, Any]],
                     as_of: str | None = None) -> list[list[dict[str, Any]]]:
    """The occurrences of each series (for the overview chart), remembered like
    tracker rows: keyed by the link state, the overrides, the day and the list."""
    def compute() -> list[list[dict[str, Any]]]:
        out = []
        for r in series:
            try:
                tl = linked.follow("timeline", ledger, str(r["id"]),
                                   **({"as_of": as_of} if as_of else {}))
            except (LookupFailed, linked.Unavailable):
                tl = {}
            out.append(list(tl.get("occurrences") or []))
        return out

    inputs = linked._inputs(ledger)
    if inputs is None:
        return compute()
    from datetime import UTC, datetime

    key = ("timelines", inputs, as_of or datetime.now(UTC).date().isoformat(),
           tuple(str(r.get("id")) for r in series))
    return memo.remember(ledger, key, compute, space="track", size=16)


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe=":")


def series_page(ledger: Ledger, ref: str, as_of: str | None = None) -> dict[str, Any]:
    linked.ensure_linked(ledger)
    try:
        tl = linked.follow("timeline", ledger, ref, as_of=as_of)
    except LookupFailed as exc:
        raise NotFound(str(exc)) from None
    except linked.Unavailable as exc:
        raise NotFound(f"series {ref!r}: {exc}") from None
    for occ in tl.get("occurrences", []):
        for src in occ.get("sources") or []:
            src["url"] = _item_url(src.get("doc"), src.get("item"))
    return {"timeline": tl}


# -- search -------------------------------------------------------------------------------

SEARCH_FACETS = ("doc", "topic", "actor", "status")


def search_page(ledger: Ledger, q: str, facets: Mapping[str, str | None], *, limit: int = 20,
                offset: int = 0) -> dict[str, Any]:
    chosen = {k: v for k, v in facets.items() if k in SEARCH_FACETS and v}
    if not q.strip():
        return {"query": q, "total": 0, "hits": [], "facets": {}, "filters": chosen,
                "limit": limit, "offset": offset, "fallback": False}
    try:
        with ledger.engine.connect() as conn:
            result = linked.call("luoshi.search", "search", conn, q, limit=limit,
                                 offset=offset, **chosen)
        data = result.to_dict()
        fallback = False
    except linked.Unavailable:
        data = _simple_search(ledger, q, chosen, limit, offset)
        fallback = True
    for hit in data.get("hits", []):
        if hit.get("item") is not None:
            hit["url"] = f"/items/{hit['doc']}-{hit['item']}"
        elif hit.get("seq") is not None:
            hit["url"] = f"/items/{hit['doc']}-s{hit['seq']}"
        else:
            hit["url"] = f"/documents/{hit['doc']}"
    data.update({"query": q, "filters": chosen, "limit": limit, "offset": offset,
                 "fallback": fallback})
    return data


def _simple_search(ledger: Ledger, q: str, chosen: Mapping[str, str], limit: int,
                   offset: int) -> dict[str, Any]:
    """Substring match on the latest versions' items, until luoshi.search exists."""
    words = [w for w in q.replace('"', " ").split() if w]
    query = (
        sa.select(versions.c.document_id, versions.c.version_no, items.c.number, items.c.seq,
                  items.c.title, items.c.text, items.c.span_start, items.c.span_end,
                  items.c.topic_code)
        .select_from(items.join(versions, items.c.version_id == versions.c.id))
        .where(items.c.version_id.in_(_latest_version_ids()))
        .order_by(versions.c.document_id, items.c.seq)
    )
    for w in words:
        query = query.where(items.c.text.contains(w, autoescape=True))
    if chosen.get("doc"):
        query = query.where(versions.c.document_id == chosen["doc"])
    if chosen.get("topic"):
        query = query.where(items.c.topic_code == chosen["topic"])
    with ledger.engine.connect() as conn:
        found = conn.execute(query).all()
    hits = []
    for r in found[offset:offset + limit]:
        marks = []
        for w in words:
            start = r.text.lower().find(w.lower())
            while start >= 0:
                marks.append([start, start + len(w)])
                start = r.text.lower().find(w.lower(), start + len(w))
        hits.append({"doc": r.document_id, "version": r.version_no, "item": r.number,
                     "seq": r.seq, "title": r.title, "text": r.text, "snippet": "",
                     "marks": sorted(marks), "span": [r.span_start, r.span_end]})
    docs = Counter(r.document_id for r in found)
    topics = Counter(r.topic_code for r in found if r.topic_code)
    return {
        "total": len(found),
        "hits": hits,
        "facets": {
            "doc": [{"value": d, "label": d, "count": n} for d, n in docs.most_common()],
            "topic": [{"value": t, "label": (topic_labels(t) or (t, t))[1], "count": n}
                      for t, n in topics.most_common()],
        },
    }
