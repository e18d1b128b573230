"""Reading the link tables: tracker rows, series, timelines, threads, diffs, copies.

Status as of a date is a pure function of the stored rows: the state of each
commitment (and series) at the latest epoch on or before the date, where a
pending deadline that ended before the date reads as overdue (and a planned
occurrence as overdue) — exactly what ``luoshi.link.status.assess(docs,
as_of)`` gives (tests/unit/follow checks it).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from luoshi.follow.compute import GONE
from luoshi.follow.load import Corpus, LedgerDoc, load_documents
from luoshi.follow.overrides import in_force
from luoshi.follow.overrides import load as load_overrides
from luoshi.link.anchors import fold_key, iso_day
from luoshi.link.diff import diff_items
from luoshi.link.refs import ItemRef
from luoshi.link.status import g20_score
from luoshi.store.links import (
    HEAD_PART,
    HEADER_POS,
    commitment_states,
    commitments,
    copy_groups,
    link_documents,
    link_state,
    occurrence_states,
    series,
    thread_items,
    threads,
)
from luoshi.store.queries import LookupFailed
from luoshi.store.queries import resolve as resolve_doc
from luoshi.store.tables import items, versions

OVERDUE_REASON = "deadline passed without evidence"


def as_of_day(value: str | None) -> str:
    """``value`` as an ISO day (``None`` or ``"today"``: today, UTC)."""
    if value is None or value.strip().lower() == "today":
        return datetime.now(UTC).date().isoformat()
    # strict: "2016-12-31x" or "2016-12-31T08:00" is a typo, not a day
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError(f"not an ISO date: {value!r} (use YYYY-MM-DD)") from None


def _epochs(conn: sa.Connection) -> list[str]:
    v = conn.execute(sa.select(link_state.c.value).where(link_state.c.key == "epochs")).scalar()
    return json.loads(v) if v else []


def _epoch(conn: sa.Connection, day: str) -> str | None:
    """The latest epoch on or before ``day`` (None: before every document)."""
    hits = [e for e in _epochs(conn) if e <= day]
    return hits[-1] if hits else None


def occurrence_rows(
    conn: sa.Connection, epoch: str, *, before: bool = False, series_id: str | None = None
) -> list[Any]:
    """The (series_id, pos, part, data) rows in force at ``epoch`` (``before``:
    just before it): per key the latest row on or before it — one query over
    the primary key (series_id, pos, part, epoch)."""
    t = occurrence_states
    keys = (t.c.series_id, t.c.pos, t.c.part)
    m = sa.select(*keys, sa.func.max(t.c.epoch).label("epoch"))
    m = m.where(t.c.epoch < epoch if before else t.c.epoch <= epoch)
    q = sa.select(*keys, t.c.data)
    if series_id is not None:
        m = m.where(t.c.series_id == series_id)
        q = q.where(t.c.series_id == series_id)
    latest = m.group_by(*keys).subquery()
    q = q.select_from(
        t.join(latest, sa.and_(t.c.series_id == latest.c.series_id, t.c.pos == latest.c.pos,
                               t.c.part == latest.c.part, t.c.epoch == latest.c.epoch))
    )
    return list(conn.execute(q))


def timelines_from_rows(rows: list[Any]) -> dict[str, dict[str, Any]]:
    """Series id → its timeline JSON, pieced together from ``occurrence_rows``
    (a series whose header is gone is not known)."""
    heads: dict[str, dict[str, Any]] = {}
    occs: dict[tuple[str, int], str] = {}
    srcs: dict[tuple[str, int], dict[int, str]] = {}
    for sid, pos, part, data in rows:
        if data == GONE:
            continue
        if pos == HEADER_POS:
            heads[sid] = json.loads(data)
        elif part == HEAD_PART:
            occs[(sid, pos)] = data
        else:
            srcs.setdefault((sid, pos), {})[part] = data
    out = {}
    for sid, head in heads.items():
        occurrences = []
        for pos in range(head["count"]):
            occ = json.loads(occs[(sid, pos)])
            got = srcs.get((sid, pos), {})
            occ["sources"] = [json.loads(got[n]) for n in range(occ["sources"])]
            occurrences.append(occ)
        # keys in the order of the canonical (sorted) timeline JSON
        out[sid] = {"occurrences": occurrences, "series": head["series"]}
    return out


# -- commitments ---------------------------------------------------------------------


def machine_state(data: dict[str, Any], day: str) -> dict[str, Any]:
    """A stored state as of ``day``: a pending deadline that ended before it is overdue."""
    due = data.get("due") or {}
    if data["status"] == "pending" and due.get("end") and due["end"] < day:
        data = dict(data, status="overdue", reason=OVERDUE_REASON, g20=g20_score("overdue"))
    return data


def _row(c: Any, data: dict[str, Any], history: list[dict[str, Any]], day: str) -> dict[str, Any]:
    data = machine_state(data, day)
    current = in_force(history)
    status = current["status"] if current else data["status"]
    return {
        "id": c.id,
        "doc": c.document_id,
        "item": c.item_number,
        "text": data["text"],
        "span": data["span"],
        "sentence_span": data.get("sentence_span"),
        "parties": json.loads(c.parties),
        "action": data.get("action"),
        "object": data.get("object"),
        "due": data.get("due"),
        "due_source": data.get("due_source"),
        "anchor": data.get("anchor"),
        "status": status,
        "machine_status": data["status"],
        "score": g20_score(status),
        "machine_score": data.get("g20"),
        "reason": data.get("reason", ""),
        "topic": c.topic_code,
        "topic_label": c.topic_label,
        "round": c.round,
        "mechanism": c.mechanism,
        "doc_date": c.doc_date,
        "series": data.get("series", []),
        "superseded_by": data.get("superseded_by"),
        "evidence": data.get("evidence", []),
        "overrides": history,
        "as_of": day,
    }


def _match_topic(row: dict[str, Any], topic: str) -> bool:
    t = topic.strip().lower()
    code = (row["topic"] or "").lower()
    return code == t or code.startswith(t + ".") or t in (row["topic_label"] or "").lower()


def _keep(row: dict[str, Any], f: dict[str, Any]) -> bool:
    if f["status"] and row["status"] != f["status"]:
        return False
    if f["topic"] and not _match_topic(row, f["topic"]):
        return False
    if f["party"] and not any(f["party"] in p for p in row["parties"]):
        return False
    if f["actor"] and not (
        any(f["actor"] in p for p in row["parties"]) or f["actor"] in row["text"]
    ):
        return False
    if f["round"] is not None and row["round"] != f["round"]:
        return False
    end = (row["due"] or {}).get("end")
    if f["due_from"] and not (end and end >= f["due_from"]):
        return False
    return not (f["due_to"] and not (end and end <= f["due_to"]))


def rows_as_of(
    conn: sa.Connection, day: str, *, only: str | None = None, **filters: Any
) -> list[dict[str, Any]]:
    epoch = _epoch(conn, day)
    if epoch is None:
        return []
    q = sa.select(commitment_states.c.commitment_id, commitment_states.c.data).where(
        commitment_states.c.epoch <= epoch
    )
    cq = sa.select(commitments).order_by(commitments.c.seq)
    if only is not None:
        q = q.where(commitment_states.c.commitment_id == only)
        cq = cq.where(commitments.c.id == only)
    latest: dict[str, str] = {}
    q = q.order_by(commitment_states.c.commitment_id, commitment_states.c.epoch)
    for k, data in conn.execute(q):
        latest[k] = data
    history: dict[str, list[dict[str, Any]]] = {}
    for o in load_overrides(conn, only):
        history.setdefault(o["commitment_id"], []).append(o)
    f = {k: filters.get(k) for k in ("status", "topic", "party", "actor", "round", "due_from",
                                     "due_to")}
    out = []
    for c in conn.execute(cq):
        text = latest.get(c.id)
        if text is None or text == GONE:
            continue
        row = _row(c, json.loads(text), history.get(c.id, []), day)
        if _keep(row, f):
            out.append(row)
    return out


def track_rows(
    ledger: Any,
    *,
    as_of: str | None = None,
    status: str | None = None,
    topic: str | None = None,
    party: str | None = None,
    actor: str | None = None,
    round: int | None = None,
    due_from: str | None = None,
    due_to: str | None = None,
) -> list[dict[str, Any]]:
    day = as_of_day(as_of)
    with ledger.engine.connect() as conn:
        return rows_as_of(
            conn,
            day,
            status=status,
            topic=topic,
            party=party,
            actor=actor,
            round=round,
            due_from=iso_day(due_from) if due_from else None,
            due_to=iso_day(due_to) if due_to else None,
        )


def commitment(ledger: Any, commitment_id: str, *, as_of: str | None = None) -> dict[str, Any]:
    day = as_of_day(as_of)
    with ledger.engine.connect() as conn:
        rows = rows_as_of(conn, day, only=commitment_id)
        if rows:
            return rows[0]
        known = conn.execute(
            sa.select(commitments.c.doc_date).where(commitments.c.id == commitment_id)
        ).first()
    if known is None:
        raise LookupFailed(f"no commitment {commitment_id!r}")
    raise LookupFailed(f"commitment {commitment_id} is not known as of {day} (stated {known[0]})")


# -- series --------------------------------------------------------------------------


def occurrence_state(o: dict[str, Any], day: str) -> dict[str, Any]:
    end = (o.get("planned") or {}).get("end")
    if o["status"] == "planned" and end and end < day:
        return dict(o, status="overdue")
    return o


def _timeline_as_of(data: dict[str, Any], day: str) -> dict[str, Any]:
    return dict(data, occurrences=[occurrence_state(o, day) for o in data["occurrences"]],
                as_of=day)


def list_series(ledger: Any, *, as_of: str | None = None) -> list[dict[str, Any]]:
    day = as_of_day(as_of)
    with ledger.engine.connect() as conn:
        epoch = _epoch(conn, day)
        if epoch is None:
            return []
        states = timelines_from_rows(occurrence_rows(conn, epoch))
        out = []
        for s in conn.execute(sa.select(series).order_by(series.c.seq)):
            data = states.get(s.id)
            if data is None:
                continue
            occs = _timeline_as_of(data, day)["occurrences"]
            out.append(
                {
                    "id": s.id,
                    "name": data["series"]["name"],
                    "name_en": data["series"]["name_en"],
                    "occurrences": len(occs),
                    "held": sum(o["status"].startswith("held") for o in occs),
                    "planned": sum(o["status"] in ("planned", "overdue") for o in occs),
                }
            )
    return out


def _resolve_series(conn: sa.Connection, ref: str) -> str:
    ref = ref.strip()
    rows = list(conn.execute(sa.select(series).order_by(series.c.seq)))
    if not ref:
        raise LookupFailed("empty series name")
    for r in rows:
        if r.id == ref:
            return str(r.id)
    low = ref.lower()
    exact = [r for r in rows if low in (r.name.lower(), (r.name_en or "").lower())]
    if not exact:
        try:
            key = fold_key(ref)
        except Exception:  # a name the folder cannot read just matches nothing
            key = ""
        exact = [r for r in rows if key and key in json.loads(r.keys)]
    if not exact:
        exact = [r for r in rows if low in r.name.lower() or low in (r.name_en or "").lower()]
    if not exact:
        raise LookupFailed(f"no series matches {ref!r} (see `luoshi series`)")
    if len(exact) > 1:
        shown = ", ".join(f"{r.id} ({r.name})" for r in exact[:5])
        raise LookupFailed(f"{ref!r} matches several series: {shown}")
    return str(exact[0].id)


def timeline(ledger: Any, series_ref: str, *, as_of: str | None = None) -> dict[str, Any]:
    day = as_of_day(as_of)
    with ledger.engine.connect() as conn:
        sid = _resolve_series(conn, series_ref)
        epoch = _epoch(conn, day)
        data = None
        if epoch is not None:
            data = timelines_from_rows(occurrence_rows(conn, epoch, series_id=sid)).get(sid)
    if data is None:
        raise LookupFailed(f"series {sid} is not known as of {day}")
    return _timeline_as_of(data, day)


# -- documents: copies, threads, diffs --------------------------------------------------


def _copy_group(conn: sa.Connection, doc: str) -> tuple[str, list[str]]:
    row = conn.execute(sa.select(link_documents).where(link_documents.c.document_id == doc)).first()
    if row is None:
        raise LookupFailed(f"document {doc} is not linked yet (run `luoshi link`)")
    members = conn.execute(
        sa.select(link_documents.c.document_id)
        .where(link_documents.c.copy_group == row.copy_group)
        .order_by(link_documents.c.copy_role.desc(), link_documents.c.document_id)
    ).scalars()
    return str(row.copy_group), [str(m) for m in members]


def copies_of(ledger: Any, doc_ref: str) -> dict[str, Any]:
    with ledger.engine.connect() as conn:
        doc = resolve_doc(conn, doc_ref)
        group, _ = _copy_group(conn, doc)
        data = conn.execute(sa.select(copy_groups.c.data).where(copy_groups.c.id == group)).scalar()
    return json.loads(data)


def _item_exists(conn: sa.Connection, doc: str, number: int) -> tuple[str | None, str] | None:
    latest = (
        sa.select(versions.c.id)
        .where(versions.c.document_id == doc)
        .order_by(versions.c.version_no.desc())
        .limit(1)
        .scalar_subquery()
    )
    row = conn.execute(
        sa.select(items.c.title, items.c.text)
        .where(items.c.version_id == latest, items.c.number == number)
        .order_by(items.c.seq)
        .limit(1)
    ).first()
    return (row.title, row.text) if row else None


def _thread_item(r: Any) -> dict[str, Any]:
    return {
        "doc": r.document_id,
        "item": r.item_number,
        "score": r.score,
        "title": r.title,
        "text": r.text,
    }


def thread(ledger: Any, doc_ref: str, item_number: int) -> dict[str, Any]:
    with ledger.engine.connect() as conn:
        doc = resolve_doc(conn, doc_ref)
        _, members = _copy_group(conn, doc)
        hit = None
        for m in [doc, *members]:
            hit = conn.execute(
                sa.select(thread_items.c.thread_id).where(
                    thread_items.c.document_id == m, thread_items.c.item_number == item_number
                )
            ).scalar()
            if hit is not None:
                break
        if hit is None:
            found = _item_exists(conn, doc, item_number)
            if found is None:
                raise LookupFailed(f"document {doc} has no item {item_number}")
            title, text = found
            only = {"doc": doc, "item": item_number, "score": None, "title": title, "text": text}
            return {"id": None, "items": [only], "diffs": []}
        rows = conn.execute(
            sa.select(thread_items).where(thread_items.c.thread_id == hit).order_by(
                thread_items.c.pos
            )
        )
        out_items = [_thread_item(r) for r in rows]
        diffs = conn.execute(sa.select(threads.c.diffs).where(threads.c.id == hit)).scalar()
    return {"id": hit, "items": out_items, "diffs": json.loads(diffs or "[]")}


def _doc_head(d: LedgerDoc) -> dict[str, Any]:
    m = d.doc.meeting
    return {"doc": d.id, "title": d.doc.title, "mechanism": m.mechanism, "round": m.round,
            "date": d.date}


def diff(ledger: Any, doc_a: str, doc_b: str) -> dict[str, Any]:
    with ledger.engine.connect() as conn:
        a, b = resolve_doc(conn, doc_a), resolve_doc(conn, doc_b)
        _, group_a = _copy_group(conn, a)
        _, group_b = _copy_group(conn, b)
        vid = {
            r.document_id: int(r.version_id)
            for r in conn.execute(
                sa.select(link_documents).where(link_documents.c.document_id.in_([a, b]))
            )
        }
        docs = load_documents(conn, list(vid.values()))
        ti = list(
            conn.execute(
                sa.select(thread_items).where(
                    thread_items.c.document_id.in_(sorted({*group_a, *group_b}))
                )
            )
        )
    da = LedgerDoc(a, vid[a], docs[vid[a]].source.sha256, docs[vid[a]])
    db = LedgerDoc(b, vid[b], docs[vid[b]].source.sha256, docs[vid[b]])
    corpus = Corpus([da] if a == b else sorted([da, db], key=lambda d: d.id))
    in_a = {r.thread_id: r.item_number for r in ti if r.document_id in group_a}
    in_b = {r.thread_id: r.item_number for r in ti if r.document_id in group_b}
    by_num_a = {it.number: (n, it) for n, it in reversed(list(enumerate(da.doc.items)))}
    by_num_b = {it.number: (n, it) for n, it in reversed(list(enumerate(db.doc.items)))}
    pairs = sorted(
        ((in_a[t], in_b[t], t) for t in in_a.keys() & in_b.keys()
         if in_a[t] in by_num_a and in_b[t] in by_num_b),
        key=lambda p: (p[0] if p[0] is not None else -1, p[1] if p[1] is not None else -1),
    )
    matched = []
    for na, nb, t in pairs:
        ia, ib = by_num_a[na], by_num_b[nb]
        ra = ItemRef(da.sha256, da.doc, ia[1], ia[0])
        rb = ItemRef(db.sha256, db.doc, ib[1], ib[0])
        matched.append({"thread": t, "a": na, "b": nb,
                        "diff": corpus.remap(diff_items(ra, rb))})
    used_a = {p[0] for p in pairs}
    used_b = {p[1] for p in pairs}
    return {
        "a": _doc_head(da),
        "b": _doc_head(db),
        "matched": matched,
        "only_a": [{"item": it.number, "title": it.title} for it in da.doc.items
                   if it.number not in used_a],
        "only_b": [{"item": it.number, "title": it.title} for it in db.doc.items
                   if it.number not in used_b],
    }
