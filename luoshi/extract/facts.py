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
from luoshi.textmap import MappedText

Fact = dict[str, Any]


# Where each boundary position of a text falls in its base text: ``starts[i]`` for a
# span starting at ``i``, ``ends[i]`` for one ending there (MappedText's two sides).
_SideMaps = tuple[list[int], list[int]]


def _side_maps(mt: MappedText) -> _SideMaps:
    """``MappedText.to_base`` tabulated for every position of ``mt`` (a test compares
    the two). Facts map thousands of spans per document; with the table a span costs
    two list lookups per layer instead of two bisects and the method calls around them,
    and the table is built a run at a time (``range``), not a character at a time."""
    n = len(mt.text)
    assert mt.base is not None
    dst, src, src_end, exact = mt._dst, mt._src, mt._src_end, mt._exact
    if not dst:  # empty derived text: everything collapsed onto nothing
        return [0] * (n + 1), [len(mt.base.text)] * (n + 1)
    starts: list[int] = []
    ends: list[int] = []
    last = len(dst) - 1
    if dst[0] > 0:  # positions before the first run belong to it (never built so)
        starts.extend(_start_pos(mt, i) for i in range(dst[0]))
        ends.extend(_end_pos(mt, i) for i in range(dst[0] + 1))
    else:
        ends.append(_end_pos(mt, 0))
    for k in range(len(dst)):
        r0 = dst[k]
        r1 = dst[k + 1] if k < last else n
        if r1 <= r0:
            continue
        if exact[k] and src_end[k] - src[k] >= r1 - r0:
            s0 = src[k]
            starts.extend(range(s0, s0 + r1 - r0))
            ends.extend(range(s0 + 1, s0 + r1 - r0 + 1))
        elif exact[k]:  # a run longer than its source (not built so): the slow way
            starts.extend(_start_pos(mt, i) for i in range(r0, r1))
            ends.extend(_end_pos(mt, i) for i in range(r0 + 1, r1 + 1))
        else:
            starts.extend([src[k]] * (r1 - r0))
            ends.extend([src_end[k]] * (r1 - r0))
    starts.append(_start_pos(mt, n))
    return starts, ends


def _is_identity(mt: MappedText) -> bool:
    """Would ``_side_maps(mt)`` map every position to itself? (A layer that changed
    nothing, as the normalised layer of a clean Simplified document: about half of
    the seeds.) Read off the runs the way ``_side_maps`` reads them."""
    n = len(mt.text)
    assert mt.base is not None
    dst, src, src_end, exact = mt._dst, mt._src, mt._src_end, mt._exact
    if n != len(mt.base.text) or not dst or dst[0] != 0:
        return False
    last = len(dst) - 1
    for k in range(len(dst)):
        r0 = dst[k]
        r1 = dst[k + 1] if k < last else n
        if r1 <= r0:
            continue
        if not exact[k] or src[k] != r0 or src_end[k] - src[k] < r1 - r0:
            return False
    return _end_pos(mt, 0) == 0 and _start_pos(mt, n) == n


def _start_pos(mt: MappedText, i: int) -> int:
    return mt._to_base_pos(i, "start")


def _end_pos(mt: MappedText, i: int) -> int:
    return mt._to_base_pos(i, "end")


class DocMap:
    """Maps offsets of a document's normalised text to source spans and display text.

    Built once per document: the layers between the normalised text and the display
    layer, and between the display layer and the source, tabulated."""

    __slots__ = ("display", "to_display", "to_root")

    def __init__(self, norm: MappedText, display: MappedText) -> None:
        self.display = display.text
        # the same chain of layers MappedText.to_ancestor / to_root walk
        # None for a layer that maps every position to itself: no table to build
        self.to_display: list[_SideMaps | None] = []
        self.to_root: list[_SideMaps | None] = []
        node: MappedText | None = norm
        while node is not None and node is not display:
            if node.base is None:
                raise ValueError("the display layer is not below the normalised one")
            self.to_display.append(None if _is_identity(node) else _side_maps(node))
            node = node.base
        while node is not None and node.base is not None:
            self.to_root.append(None if _is_identity(node) else _side_maps(node))
            node = node.base

    def lookup(self, a: int, b: int) -> tuple[int, int, list[int]]:
        """Display offsets and source span of normalised offsets ``[a, b)``."""
        for maps in self.to_display:
            if maps is None:  # identity: only an empty span's end moves to its start
                b = max(a, b)
                continue
            starts, ends = maps
            # as MappedText.to_base: an empty span maps both ends as a start
            a, b = (starts[a], ends[b]) if a < b else (starts[a], starts[a])
        d0, d1 = a, b
        for maps in self.to_root:
            if maps is None:
                b = max(a, b)
                continue
            starts, ends = maps
            a, b = (starts[a], ends[b]) if a < b else (starts[a], starts[a])
        return d0, d1, [a, b]


@dataclass(slots=True)
class ItemView:
    """Offsets of one item's normalised text, mapped to source spans and display text."""

    map: DocMap
    base: int

    def span(self, a: int, b: int) -> list[int]:
        return self.map.lookup(self.base + a, self.base + b)[2]

    def show(self, a: int, b: int) -> str:
        s, e, _ = self.map.lookup(self.base + a, self.base + b)
        return self.map.display[s:e]

    def at(self, a: int, b: int) -> tuple[str, list[int]]:
        """``(show(a, b), span(a, b))`` with one lookup."""
        s, e, span = self.map.lookup(self.base + a, self.base + b)
        return self.map.display[s:e], span


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
    if not doc.items:
        return doc
    assert doc.normalized is not None and doc.display is not None
    dmap = DocMap(doc.normalized, doc.display)
    for item in doc.items:
        item.facts = extract_item(doc, item, ref, dmap)
    return doc


def extract_item(
    doc: Document, item: Item, ref: date | None, dmap: DocMap | None = None
) -> dict[str, Any]:
    if dmap is None:
        assert doc.normalized is not None and doc.display is not None
        dmap = DocMap(doc.normalized, doc.display)
    view = ItemView(dmap, item.norm_start)
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
    text, span = v.at(t.start, t.end)
    return {"text": text, "span": span,
            "start": t.value_start, "end": t.value_end, "granularity": t.granularity,
            "anchor": t.anchor, "kind": t.kind, "relation": t.relation}


def _actor(v: ItemView, a: Any) -> Fact:
    text, span = v.at(a.start, a.end)
    out: Fact = {"text": text, "span": span, "id": a.id,
                 "name": a.name, "name_en": a.name_en, "side": a.side, "type": a.type}
    title = getattr(a, "title", None)
    if title:
        out["title"] = title
        out["title_en"] = getattr(a, "title_en", None)
    return out


def _sentence(v: ItemView, s: Any) -> Fact:
    cue = s.cues[0].text if s.cues else None
    text, span = v.at(s.start, s.end)
    return {"text": text, "span": span, "class": s.label,
            "cue": cue, "heading": s.heading}


def _commitment(v: ItemView, c: Any) -> Fact:
    a, b = c.span
    due = _interval(c.due_start, c.due)
    text, sentence_span = v.at(c.start, c.end)
    return {
        "text": text, "span": v.span(a, b), "sentence_span": sentence_span,
        "modality": c.modality, "trigger": c.trigger, "strength": c.strength,
        "hedged": c.hedged, "negated": c.negated,
        "parties": list(c.parties) or [c.side], "side": c.side,
        "action": c.action, "verb": c.action_verb, "object": c.object, "place": c.place,
        "due": due, "due_text": c.due_text, "due_kind": c.due_kind, "anchor": c.due_anchor,
    }


def _event(v: ItemView, e: Any) -> Fact:
    text, span = v.at(e.start, e.end)
    return {"text": text, "span": span, "what": e.what,
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
    text, span = v.at(s.start, s.end)
    return {"text": text, "span": span, "id": s.series_id,
            "name": s.name, "name_en": s.name_en, "ordinal": s.ordinal, "relation": s.relation,
            "status": s.status, "date": _range(s.date), "due": _range(s.due), "place": s.place,
            "anchor": s.anchor}


def _reference(v: ItemView, r: Any) -> Fact:
    text, span = v.at(r.start, r.end)
    return {"text": text, "span": span, "kind": r.kind,
            "title": r.title, "number": r.number, "body": r.body, "id": r.gazetteer_id,
            "title_en": r.title_en}


def _quantity(v: ItemView, q: Any) -> Fact:
    text, span = v.at(q.start, q.end)
    return {"text": text, "span": span, "value": q.value,
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
