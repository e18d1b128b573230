"""Document → plain JSON-ready dict, shaped by ``luoshi/schema/document.v1.json``.

The dict is the contract with everything outside the pipeline (CLI ``--json``,
the ledger's stored copy, exports), so its shape is fixed by a versioned schema
rather than by whatever the dataclasses happen to hold: layers kept for display
(``Document.display``/``normalized``) and the original text are left out, and
every span becomes a two-element ``[start, end)`` list of character offsets in
the decoded original source.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from luoshi.model import (
    Chair,
    Dateline,
    Defect,
    Document,
    Event,
    Item,
    Meeting,
    Section,
    SourceInfo,
    SubItem,
)
from luoshi.schema import DOCUMENT_SCHEMA_ID, SCHEMA_VERSION
from luoshi.textmap import Span

__all__ = [
    "DOCUMENT_SCHEMA_ID",
    "ITEM_CORE_KEYS",
    "SCHEMA_VERSION",
    "document_to_dict",
    "dumps",
    "item_to_dict",
]

# Keys an item always has; ``Item.facts`` entries are added beside them, so a fact
# may never reuse one of these names (it would silently overwrite parse output).
ITEM_CORE_KEYS = frozenset(
    {
        "number",
        "label",
        "section",
        "title",
        "title_span",
        "text",
        "normalized",
        "level",
        "span",
        "subitems",
    }
)


def _span(span: Span | None) -> list[int] | None:
    if span is None:
        return None
    start, end = span
    return [int(start), int(end)]


def _jsonable(value: Any) -> Any:
    """Turn fact values (dataclasses, tuples, nested dicts) into JSON types.

    Extraction (issue 3) has not fixed its fact types yet; converting generically
    means it can add dataclasses without touching this module. Tuples become lists,
    which is also how a ``(start, end)`` span reaches JSON.
    """
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    raise TypeError(f"cannot serialise {type(value).__name__} in item facts")


def _subitem(sub: SubItem) -> dict[str, Any]:
    return {"number": sub.number, "text": sub.text, "span": _span(sub.span)}


def item_to_dict(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": item.number,
        "label": item.label,
        "section": item.section,
        "title": item.title,
        "title_span": _span(item.title_span),
        "text": item.text,
        "normalized": item.normalized,
        "level": item.level,
        "span": _span(item.span),
        "subitems": [_subitem(s) for s in item.subitems],
    }
    for key, value in item.facts.items():
        if key in ITEM_CORE_KEYS:
            raise ValueError(f"item fact {key!r} would overwrite a core item field")
        out[key] = _jsonable(value)
    return out


def _section(sec: Section) -> dict[str, Any]:
    return {
        "number": sec.number,
        "title": sec.title,
        "level": sec.level,
        "ordinal": sec.ordinal,
        "span": _span(sec.span),
    }


def _chair(chair: Chair) -> dict[str, Any]:
    return {"name": chair.name, "title": chair.title, "side": chair.side, "span": _span(chair.span)}


def _meeting(m: Meeting) -> dict[str, Any]:
    out = {
        "mechanism": m.mechanism,
        "track": m.track,
        "round": m.round,
        "start": m.start,
        "end": m.end,
        "venue": m.venue,
        "chairs": [_chair(c) for c in m.chairs],
        "span": _span(m.span),
    }
    if m.mechanism_en is not None:  # optional: only when the document writes one
        out["mechanism_en"] = m.mechanism_en
    return out


def _event(ev: Event) -> dict[str, Any]:
    return {
        "text": ev.text,
        "span": _span(ev.span),
        "what": ev.what,
        "date": {"start": ev.start, "end": ev.end},
        "place": ev.place,
    }


def _defect(d: Defect) -> dict[str, Any]:
    return {"kind": d.kind, "detail": d.detail, "span": _span(d.span)}


def _dateline(d: Dateline | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"agency": d.agency, "place": d.place, "date": d.date, "span": _span(d.span)}


def _source(s: SourceInfo) -> dict[str, Any]:
    return {
        "path": s.path,
        "sha256": s.sha256,
        "format": s.format,
        "declared_format": s.declared_format,
        "encoding": s.encoding,
        "script": s.script,
        "language": s.language,
        "size": s.size,
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The schema-v1 record of one parsed document (without the source text)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "title": doc.title,
        "title_span": _span(doc.title_span),
        "kind": doc.kind,
        "published": doc.published,
        "as_of": doc.as_of,
        "publisher": doc.publisher,
        "page": doc.page,
        "dateline": _dateline(doc.dateline),
        "meeting": _meeting(doc.meeting),
        "sections": [_section(s) for s in doc.sections],
        "items": [item_to_dict(i) for i in doc.items],
        "events": [_event(e) for e in doc.events],
        "defects": [_defect(d) for d in doc.defects],
        "source": _source(doc.source),
        "metadata": {str(k): str(v) for k, v in doc.metadata.items()},
        "warnings": [str(w) for w in doc.warnings],
    }


def dumps(record: Any, *, indent: int | None = None) -> str:
    """JSON text as luoshi writes it: UTF-8 CJK kept readable, compact when one-line."""
    if indent is None:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(record, ensure_ascii=False, indent=indent)
