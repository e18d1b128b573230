"""``link_ledger``: run linking over the ledger and store the results.

Skipped when the fingerprint of the latest versions (and of the linking rules)
is the one stored by the last run. When documents were only *added* — every
document linked before is unchanged and keeps its copy group, and each new one
is dated and a document of its own (not a copy) — the epochs before the
earliest new date are kept and only the later ones are recomputed, and the
diff of every thread link found again is kept; threads, copies and the latest
commitments are always recomputed. Anything else, or
``full=True``, recomputes everything. Either way the rows are the ones a full
link of the same ledger would write.
"""

from __future__ import annotations

import json
import time
from itertools import pairwise
from typing import Any

import sqlalchemy as sa

from luoshi.follow.compute import DiffKey, Rows, copies, dump, statuses, threads
from luoshi.follow.load import VersionRef, fingerprint, iter_documents, rules_fingerprint
from luoshi.follow.model import LinkSummary
from luoshi.follow.views import occurrence_rows
from luoshi.store.bulk import insert_rows
from luoshi.store.links import (
    DERIVED,
    commitment_states,
    link_documents,
    link_state,
    occurrence_states,
    overrides,
    series,
)
from luoshi.store.links import commitments as commitments_t
from luoshi.store.links import copy_groups as copy_groups_t
from luoshi.store.links import thread_items as thread_items_t
from luoshi.store.links import threads as threads_t


def _state(conn: sa.Connection) -> dict[str, str]:
    return {r.key: r.value for r in conn.execute(sa.select(link_state))}


def _old_documents(conn: sa.Connection) -> dict[str, Any]:
    return {r.document_id: r for r in conn.execute(sa.select(link_documents))}


def _incremental_start(rows: Rows, old: dict[str, Any], old_epochs: list[str]) -> str | None:
    """The first epoch to recompute, or None when everything must be."""
    if not old or not old_epochs:
        return None
    new = {r["document_id"]: r for r in rows.link_documents}
    for doc_id, o in old.items():
        n = new.get(doc_id)
        if n is None or (n["sha256"], n["copy_group"], n["copy_role"]) != (
            o.sha256,
            o.copy_group,
            o.copy_role,
        ):
            return None
    added = [r for k, r in new.items() if k not in old]
    groups: dict[str, int] = {}
    for r in rows.link_documents:
        groups[r["copy_group"]] = groups.get(r["copy_group"], 0) + 1
    if not added:
        return None
    for r in added:
        if r["date"] is None or groups[r["copy_group"]] != 1:
            return None
    return min(r["date"] for r in added)


def _previous(
    conn: sa.Connection, start: str
) -> tuple[dict[str, str], dict[tuple[str, int, int], str]]:
    c_prev: dict[str, str] = {}
    q = (
        sa.select(commitment_states.c.commitment_id, commitment_states.c.data)
        .where(commitment_states.c.epoch < start)
        .order_by(commitment_states.c.commitment_id, commitment_states.c.epoch)
    )
    for r in conn.execute(q):
        c_prev[r.commitment_id] = r.data
    s_prev = {(sid, pos, part): data
              for sid, pos, part, data in occurrence_rows(conn, start, before=True)}
    return c_prev, s_prev


def _known_diffs(conn: sa.Connection) -> dict[DiffKey, str]:
    """The diff of every thread link stored, by its two items."""
    items: dict[str, list[tuple[str, int | None]]] = {}
    q = sa.select(
        thread_items_t.c.thread_id, thread_items_t.c.document_id, thread_items_t.c.item_number
    ).order_by(thread_items_t.c.thread_id, thread_items_t.c.pos)
    for r in conn.execute(q):
        items.setdefault(r.thread_id, []).append((r.document_id, r.item_number))
    out: dict[DiffKey, str] = {}
    for r in conn.execute(sa.select(threads_t.c.id, threads_t.c.diffs)):
        refs = items.get(r.id, [])
        for (a, b), diff in zip(pairwise(refs), json.loads(r.diffs), strict=True):
            out[(a[0], a[1], b[0], b[1])] = dump(diff)
    return out


def _known_series(conn: sa.Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in conn.execute(sa.select(series).order_by(series.c.seq)):
        if r.id in ids:
            out[r.id] = {"id": r.id, "name": r.name, "name_en": r.name_en, "keys": r.keys}
    return out


def _clear_states(conn: sa.Connection, start: str | None) -> None:
    """Drop the state rows about to be recomputed (all, or from ``start`` on)."""
    for t in (commitment_states, occurrence_states):
        if start is not None:
            conn.execute(t.delete().where(t.c.epoch >= start))
        else:
            conn.execute(t.delete())


def _flush_states(conn: sa.Connection, rows: Rows) -> None:
    """Insert the state rows computed so far and let them go (straight to the
    driver: SQLAlchemy's per-row parameter handling cost as much as computing
    the rows, 15 % of a link at 10^5 items)."""
    for table, data in (
        (commitment_states, rows.commitment_states),
        (occurrence_states, rows.occurrence_states),
    ):
        if data:
            cols = [c.name for c in table.columns]
            insert_rows(conn, table, cols, [tuple(d[c] for c in cols) for d in data])
            data.clear()


def _write(conn: sa.Connection, rows: Rows, start: str | None, state: dict[str, str]) -> None:
    """Write every other derived row (the states are written as they come:
    ``_clear_states`` before computing them, ``_flush_states`` after)."""
    for t in DERIVED:
        if t not in (commitment_states, occurrence_states):
            conn.execute(t.delete())
    _flush_states(conn, rows)
    for table, data in (
        (link_documents, rows.link_documents),
        (copy_groups_t, rows.copy_groups),
        (commitments_t, rows.commitments),
        (threads_t, rows.threads),
        (thread_items_t, rows.thread_items),
        (series, rows.series),
    ):
        if data:
            conn.execute(table.insert(), data)
    conn.execute(link_state.delete())
    conn.execute(link_state.insert(), [{"key": k, "value": v} for k, v in sorted(state.items())])


def _orphans(conn: sa.Connection) -> list[dict[str, Any]]:
    from luoshi.follow.overrides import override_row

    known = sa.select(commitments_t.c.id)
    q = (
        sa.select(overrides)
        .where(overrides.c.commitment_id.not_in(known))
        .order_by(overrides.c.id)
    )
    return [override_row(r) for r in conn.execute(q)]


def link_ledger(ledger: Any, *, full: bool = False) -> LinkSummary:
    from luoshi.store.locks import exclusive

    t0 = time.perf_counter()
    with ledger.engine.begin() as conn:
        # concurrent relinks (e.g. two servers after one ingest) take turns on
        # PostgreSQL; the later one then finds the links up to date
        exclusive(conn, "link")
        fp, latest = fingerprint(conn)
        state = _state(conn)
        if not full and state.get("fingerprint") == fp:
            summary = LinkSummary.from_state(state, skipped=True)
            summary.orphaned_overrides = _orphans(conn)
            summary.seconds = round(time.perf_counter() - t0, 3)
            return summary
        rows = Rows()
        # the documents kept for good (read with their text) share their facts'
        # strings; those only sketched for finding copies are let go at once
        strings: dict[str, str] = {}
        corpus, primaries = copies(
            [VersionRef(str(r.document_id), int(r.id), str(r.sha256)) for r in latest],
            lambda ids, text: iter_documents(conn, ids, text=text,
                                             strings=strings if text else None),
            rows,
        )
        start = None
        if not full and state.get("rules") == rules_fingerprint():
            start = _incremental_start(
                rows, _old_documents(conn), json.loads(state.get("epochs", "[]"))
            )
        previous = known = None
        if start is not None:
            previous = _previous(conn, start)
            known = _known_series(conn, {sid for sid, _, _ in previous[1]})
        threads(corpus, rows, _known_diffs(conn) if start is not None else None)
        _clear_states(conn, start)
        statuses(
            corpus,
            primaries,
            rows,
            start=start,
            previous=previous,
            known_series=known,
            flush=lambda r: _flush_states(conn, r),
        )
        new_state = {
            "fingerprint": fp,
            "rules": rules_fingerprint(),
            "epochs": dump(rows.epochs),
            "stats": dump(rows.stats),
        }
        _write(conn, rows, start, new_state)
        summary = LinkSummary.from_state(new_state, skipped=False)
        summary.recomputed_from = start
        summary.orphaned_overrides = _orphans(conn)
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary
