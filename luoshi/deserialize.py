"""Schema-v1 record (``serialize.document_to_dict``) + source text → ``Document``.

The ledger stores each version's record and its decoded original text; linking
needs ``Document`` objects back, and re-parsing every original would cost a
parse per document on every run. This is the inverse of
``serialize.document_to_dict``: ``document_to_dict(record_to_document(r, t)) ==
r`` for every record the serialiser writes. What the record does not hold is
left empty: the display and normalised layers (``Document.display`` /
``normalized``) and each item's ``norm_start``; code that maps normalised
offsets to the source falls back to the item's own span without them.
"""

from __future__ import annotations

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
from luoshi.serialize import ITEM_CORE_KEYS
from luoshi.textmap import Span

__all__ = ["record_to_document"]


def _span(value: Any) -> Span | None:
    if value is None:
        return None
    return (int(value[0]), int(value[1]))


def _req_span(value: Any, where: str) -> Span:
    span = _span(value)
    if span is None:
        raise ValueError(f"{where}: span missing")
    return span


def _item(d: Mapping[str, Any]) -> Item:
    return Item(
        number=d.get("number"),
        label=d["label"],
        section=d.get("section"),
        title=d.get("title"),
        text=d["text"],
        span=_req_span(d.get("span"), "item"),
        title_span=_span(d.get("title_span")),
        subitems=[
            SubItem(s["number"], s["text"], _req_span(s.get("span"), "sub-item"))
            for s in d.get("subitems") or []
        ],
        normalized=d.get("normalized") or "",
        level=int(d.get("level", 1)),
        # facts are kept as the JSON the record holds: link code reads them as dicts
        facts={k: v for k, v in d.items() if k not in ITEM_CORE_KEYS},
    )


def _meeting(d: Mapping[str, Any] | None) -> Meeting:
    if not d:
        return Meeting()
    return Meeting(
        mechanism=d.get("mechanism"),
        track=d.get("track"),
        round=d.get("round"),
        start=d.get("start"),
        end=d.get("end"),
        venue=d.get("venue"),
        chairs=[
            Chair(c["name"], c.get("title"), c.get("side"), _req_span(c.get("span"), "chair"))
            for c in d.get("chairs") or []
        ],
        span=_span(d.get("span")),
        mechanism_en=d.get("mechanism_en"),
    )


def _event(d: Mapping[str, Any]) -> Event:
    date = d.get("date") or {}
    return Event(
        text=d["text"],
        span=_req_span(d.get("span"), "event"),
        what=d.get("what"),
        start=date.get("start"),
        end=date.get("end"),
        place=d.get("place"),
    )


def _dateline(d: Mapping[str, Any] | None) -> Dateline | None:
    if d is None:
        return None
    span = _req_span(d.get("span"), "dateline")
    return Dateline(d.get("agency"), d.get("place"), d.get("date"), span)


def _source(d: Mapping[str, Any]) -> SourceInfo:
    return SourceInfo(
        path=d["path"],
        sha256=d["sha256"],
        format=d["format"],
        encoding=d.get("encoding"),
        script=d.get("script"),
        language=d.get("language"),
        size=int(d.get("size") or 0),
        declared_format=d.get("declared_format"),
    )


def record_to_document(record: Mapping[str, Any], text: str) -> Document:
    """The ``Document`` a stored record describes; ``text`` is the decoded source.

    Raises ``ValueError`` (naming the part) for a record missing a required field.
    """
    try:
        return Document(
            source=_source(record["source"]),
            text=text,
            title=record.get("title"),
            title_span=_span(record.get("title_span")),
            kind=record.get("kind") or "other",
            published=record.get("published"),
            as_of=record.get("as_of"),
            publisher=record.get("publisher"),
            page=record.get("page"),
            dateline=_dateline(record.get("dateline")),
            meeting=_meeting(record.get("meeting")),
            sections=[
                Section(
                    number=s["number"],
                    title=s["title"],
                    span=_req_span(s.get("span"), "section"),
                    level=int(s.get("level", 1)),
                    ordinal=s.get("ordinal"),
                )
                for s in record.get("sections") or []
            ],
            items=[_item(i) for i in record.get("items") or []],
            events=[_event(e) for e in record.get("events") or []],
            defects=[
                Defect(d["kind"], d["detail"], _span(d.get("span")))
                for d in record.get("defects") or []
            ],
            metadata={str(k): str(v) for k, v in (record.get("metadata") or {}).items()},
            warnings=[str(w) for w in record.get("warnings") or []],
        )
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"stored record is malformed: {exc!r}") from exc
