"""Run every extractor over each item and anchor what they find in the source.

Extractors work on an item's normalised text (Simplified, width-normalised) and
return offsets into it. Here those offsets become spans of the original source,
and quoted text is cut from the display layer so it reads as the document does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from luoshi.extract.actors import find_actors
from luoshi.extract.commitments import extract_commitments
from luoshi.extract.quantities import find_quantities
from luoshi.extract.references import find_references
from luoshi.extract.series import find_series
from luoshi.extract.times import find_times
from luoshi.extract.topics import topic_for
from luoshi.model import Document, Item

Fact = dict[str, Any]


@dataclass(slots=True)
class ItemView:
    """Offsets of one item's normalised text, mapped to source spans and display text."""

    doc: Document
    item: Item

    def span(self, a: int, b: int) -> list[int]:
        base = self.item.norm_start
        assert self.doc.normalized is not None
        s, e = self.doc.normalized.to_root(base + a, base + b)
        return [s, e]

    def show(self, a: int, b: int) -> str:
        base = self.item.norm_start
        norm, display = self.doc.normalized, self.doc.display
        assert norm is not None and display is not None
        s, e = norm.to_ancestor(base + a, base + b, display)
        return display.text[s:e]


def document_date(doc: Document) -> date | None:
    """The date relative expressions count from: the meeting's, else publication."""
    for iso in (doc.meeting.end, doc.meeting.start, doc.published):
        if iso:
            try:
                return date.fromisoformat(iso)
            except ValueError:
                continue
    return None


def extract_document(doc: Document) -> Document:
    ref = document_date(doc)
    for item in doc.items:
        item.facts = extract_item(doc, item, ref)
    return doc


def extract_item(doc: Document, item: Item, ref: date | None) -> dict[str, Any]:
    view = ItemView(doc, item)
    text = item.normalized
    times = find_times(text, ref)
    actors = find_actors(text, on=ref)
    commitments, past, sentences = extract_commitments(text, doc_date=ref, times=times,
                                                       actors=actors)
    series = find_series(text, doc_date=ref, times=times, actors=actors,
                         context_title=_title_norm(item) if item.title else None,
                         lookup=lambda name: gazetteer_id(name, ("mechanism", "event-series")))
    refs = find_references(text, actors=actors,
                           lookup=lambda title: gazetteer_id(title, ("document", "treaty")))
    quantities = find_quantities(text)
    topic = topic_for(item.title and _title_norm(item), text)
    return {
        "times": [_time(view, t) for t in times],
        "actors": [_actor(view, a) for a in actors],
        "sentences": [_sentence(view, s) for s in sentences],
        "commitments": [_commitment(view, c) for c in commitments],
        "events": [_event(view, e) for e in past],
        "series": [_series(view, s) for s in series],
        "references": [_reference(view, r) for r in refs],
        "quantities": [_quantity(view, q) for q in quantities],
        "topic": _topic(topic),
    }


# -- conversions ---------------------------------------------------------------------

def _interval(start: str | None, end: str | None) -> dict[str, str | None] | None:
    if start is None and end is None:
        return None
    return {"start": start, "end": end}


def _time(v: ItemView, t: Any) -> Fact:
    return {"text": v.show(t.start, t.end), "span": v.span(t.start, t.end),
            "start": t.value_start, "end": t.value_end, "granularity": t.granularity,
            "anchor": t.anchor, "kind": t.kind, "relation": t.relation}


def _actor(v: ItemView, a: Any) -> Fact:
    out: Fact = {"text": v.show(a.start, a.end), "span": v.span(a.start, a.end), "id": a.id,
                 "name": a.name, "name_en": a.name_en, "side": a.side, "type": a.type}
    title = getattr(a, "title", None)
    if title:
        out["title"] = title
        out["title_en"] = getattr(a, "title_en", None)
    return out


def _sentence(v: ItemView, s: Any) -> Fact:
    cue = s.cues[0].text if s.cues else None
    return {"text": v.show(s.start, s.end), "span": v.span(s.start, s.end), "class": s.label,
            "cue": cue, "heading": s.heading}


def _commitment(v: ItemView, c: Any) -> Fact:
    a, b = c.span
    due = _interval(c.due_start, c.due)
    return {
        "text": v.show(c.start, c.end), "span": v.span(a, b),
        "sentence_span": v.span(c.start, c.end),
        "modality": c.modality, "trigger": c.trigger, "strength": c.strength,
        "hedged": c.hedged, "negated": c.negated,
        "parties": list(c.parties) or [c.side], "side": c.side,
        "action": c.action, "verb": c.action_verb, "object": c.object, "place": c.place,
        "due": due, "due_text": c.due_text, "due_kind": c.due_kind, "anchor": c.due_anchor,
    }


def _event(v: ItemView, e: Any) -> Fact:
    return {"text": v.show(e.start, e.end), "span": v.span(e.start, e.end), "what": e.what,
            "who": list(e.who), "place": e.where,
            "date": _interval(e.when, getattr(e, "when_end", None) or e.when)}


def _range(r: Any) -> dict[str, str | None] | None:
    if r is None:
        return None
    return _interval(_iso(getattr(r, "start", None)), _iso(getattr(r, "end", None)))


def _iso(d: Any) -> str | None:
    if d is None:
        return None
    return d if isinstance(d, str) else d.isoformat()


def _series(v: ItemView, s: Any) -> Fact:
    return {"text": v.show(s.start, s.end), "span": v.span(s.start, s.end), "id": s.series_id,
            "name": s.name, "name_en": s.name_en, "ordinal": s.ordinal, "relation": s.relation,
            "status": s.status, "date": _range(s.date), "due": _range(s.due), "place": s.place,
            "anchor": s.anchor}


def _reference(v: ItemView, r: Any) -> Fact:
    return {"text": v.show(r.start, r.end), "span": v.span(r.start, r.end), "kind": r.kind,
            "title": r.title, "number": r.number, "body": r.body, "id": r.gazetteer_id,
            "title_en": r.title_en}


def _quantity(v: ItemView, q: Any) -> Fact:
    return {"text": v.show(q.start, q.end), "span": v.span(q.start, q.end), "value": q.value,
            "min": q.value_min, "max": q.value_max, "unit": q.unit, "unit_en": q.unit_en,
            "dimension": q.dimension, "counts": q.counts, "context": q.context,
            "measure": q.measure, "approx": q.approx}


def _topic(t: Any) -> Fact | None:
    if t is None:
        return None
    return {"code": t.code, "label_en": t.label_en, "label_zh": t.label_zh,
            "score": round(float(t.score), 3)}


def _title_norm(item: Item) -> str:
    head = item.normalized.split("：", 1)[0].split(":", 1)[0]
    return head.strip()


@lru_cache(maxsize=4096)
def gazetteer_id(name: str, types: tuple[str, ...]) -> str | None:
    """Gazetteer id of an entry of one of ``types`` whose name is exactly ``name``."""
    for m in find_actors(name):
        if m.id and m.type in types and m.start == 0 and m.end == len(name):
            return str(m.id)
    return None
