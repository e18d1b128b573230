"""Analysts' writes: status overrides and item corrections, each audited.

Validation happens before anything is written; a correction and its audit row
share one transaction. An override is stored by ``luoshi.follow.add_override``
(its own transaction) and audited right after.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from luoshi.store import Ledger, LookupFailed
from luoshi.web import linked
from luoshi.web.accounts import Analyst, audit_entry, now, record_audit
from luoshi.web.i18n import topic_labels
from luoshi.web.tables import corrections
from luoshi.web.views import (
    STATUSES,
    NotFound,
    _find_item,
    apply_corrections,
    commitment_row,
    corrections_of,
    item_key,
    load_version,
    parse_item_key,
)

MAX_NOTE = 2000
MAX_TITLE = 300


class Invalid(ValueError):
    """A write request with a bad value; the message says which and why."""


def check_source(source: str | None) -> str | None:
    source = (source or "").strip() or None
    if source is None:
        return None
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(source) > 2000:
        raise Invalid("source must be an http(s) URL")
    return source


def override(ledger: Ledger, cid: str, analyst: Analyst, *, status: str, note: str,
             source: str | None, as_of: str | None = None) -> dict[str, Any]:
    """Store an override; the audit's "before" is the status as the analyst saw it
    (as of the page's date)."""
    if status not in STATUSES:
        raise Invalid(f"status must be one of {', '.join(STATUSES)}")
    note = (note or "").strip()
    if not note:
        raise Invalid("a note is required: say why the status changes")
    if len(note) > MAX_NOTE:
        raise Invalid(f"note is longer than {MAX_NOTE} characters")
    src = check_source(source)
    before = commitment_row(ledger, cid, as_of)  # NotFound for an unknown commitment
    try:
        row = linked.follow("add_override", ledger, cid, status=status, note=note, source=src,
                            author=analyst.name)
    except LookupFailed as exc:
        raise NotFound(str(exc)) from None
    except linked.Unavailable as exc:
        raise NotFound(f"commitment {cid!r}: {exc}") from None
    with ledger.engine.begin() as conn:
        audit_id = record_audit(conn, actor=analyst.name, via=analyst.via, action="override",
                                target=cid,
                     before={"status": before.get("status"),
                             "machine_status": before.get("machine_status")},
                     after={"status": status, "note": note, "source": src})
        entry = audit_entry(conn, audit_id)
    return {"ok": True, "row": row, "audit": entry}


def correct(ledger: Ledger, key: str, analyst: Analyst,
            fields: Mapping[str, str | None]) -> dict[str, Any]:
    wanted: dict[str, str | None] = {}
    if "title" in fields and fields["title"] is not None:
        title = " ".join(str(fields["title"]).split())
        if len(title) > MAX_TITLE:
            raise Invalid(f"title is longer than {MAX_TITLE} characters")
        wanted["title"] = title or None
    if fields.get("topic"):
        code = str(fields["topic"]).strip()
        if topic_labels(code) is None:
            raise Invalid(f"unknown topic code {code!r}")
        wanted["topic"] = code
    if not wanted:
        raise Invalid("nothing to correct: give a title or a topic")
    doc_ref, number, seq_in = parse_item_key(key)
    with ledger.engine.begin() as conn:
        ver, _ = load_version(conn, doc_ref)
        seq = _find_item(ver.record, number, seq_in)
        current = apply_corrections(ver.record["items"][seq], seq, corrections_of(conn, ver.id))
        now_values = {"title": current.get("title"),
                      "topic": (current.get("topic") or {}).get("code")}
        changed = {f: v for f, v in wanted.items() if now_values[f] != v}
        if not changed:
            return {"ok": True, "row": None, "audit": None}
        ts = now()
        conn.execute(corrections.insert(), [
            {"version_id": ver.id, "item_seq": seq, "field": f, "value": v,
             "author": analyst.name, "created_at": ts}
            for f, v in changed.items()
        ])
        audit_id = record_audit(conn, actor=analyst.name, via=analyst.via, action="correction",
                     target=item_key(ver.doc, ver.record["items"][seq].get("number"), seq),
                     before={f: now_values[f] for f in changed}, after=changed)
        entry = audit_entry(conn, audit_id)
    return {"ok": True, "row": changed, "audit": entry}
