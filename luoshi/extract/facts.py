"""Run every extractor over each item and anchor what they find in the source.

Extractors work on an item's normalised text (Simplified, width-normalised) and
return offsets into it. Here those offsets become spans of the original source,
and quoted text is cut from the display layer so it reads as the document does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from luoshi.clean.common import simplified
from luoshi.extract.actors import find_actors
from luoshi.extract.commitments import extract_commitments
from luoshi.extract.pairs import US, document_pair
from luoshi.extract.quantities import find_quantities
from luoshi.extract.references import find_references
from luoshi.extract.series import SeriesMention, find_series
from luoshi.extract.times import financial_year_start, find_times
from luoshi.extract.topics import document_keywords, topic_for
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
    ints = _integers(max(src_end) + 2)
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
            starts += ints[s0 : s0 + r1 - r0]
            ends += ints[s0 + 1 : s0 + r1 - r0 + 1]
        elif exact[k]:  # a run longer than its source (not built so): the slow way
            starts.extend(_start_pos(mt, i) for i in range(r0, r1))
            ends.extend(_end_pos(mt, i) for i in range(r0 + 1, r1 + 1))
        else:
            starts.extend([src[k]] * (r1 - r0))
            ends.extend([src_end[k]] * (r1 - r0))
    starts.append(_start_pos(mt, n))
    return starts, ends


_INTEGERS: list[int] = []


def _integers(n: int) -> list[int]:
    """``list(range(m))`` for some ``m >= n``, kept between calls: a table run is
    then a slice of it (a copy of pointers to existing int objects), which is
    several times faster than creating the ints from a ``range``."""
    if len(_INTEGERS) < n:
        _INTEGERS.extend(range(len(_INTEGERS), max(n, 2 * len(_INTEGERS))))
    return _INTEGERS


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


class ItemView:
    """Offsets of one item's normalised text, mapped to source spans and display text.

    ``at`` is a closure made for the document's layers: with the usual two (the
    normalised layer over the display one, that over the source) it does the table
    lookups inline, one call per fact instead of a call per layer walk."""

    __slots__ = ("at", "base", "map")

    def __init__(self, dmap: DocMap, base: int) -> None:
        self.map = dmap
        self.base = base
        self.at = _item_at(dmap, base)

    def span(self, a: int, b: int) -> list[int]:
        return self.at(a, b)[1]

    def show(self, a: int, b: int) -> str:
        return self.at(a, b)[0]


def _item_at(dmap: DocMap, base: int) -> Callable[[int, int], tuple[str, list[int]]]:
    """``(show(a, b), span(a, b))`` of item offsets, exactly as ``DocMap.lookup``
    (a test compares them on random layer stacks)."""
    display = dmap.display
    if len(dmap.to_display) == 1 and len(dmap.to_root) == 1 and dmap.to_root[0] is not None:
        rs, re_ = dmap.to_root[0]
        inner = dmap.to_display[0]
        if inner is None:  # normalising changed no position

            def at_identity(a: int, b: int) -> tuple[str, list[int]]:
                a += base
                b += base
                if a < b:
                    return display[a:b], [rs[a], re_[b]]
                x = rs[a]  # an empty span maps both ends as a start
                return "", [x, x]

            return at_identity
        ds, de = inner

        def at_tables(a: int, b: int) -> tuple[str, list[int]]:
            a += base
            b += base
            if a < b:
                a, b = ds[a], de[b]
            else:
                a = b = ds[a]
            if a < b:
                return display[a:b], [rs[a], re_[b]]
            x = rs[a]
            return display[a:b], [x, x]

        return at_tables

    def at_any(a: int, b: int) -> tuple[str, list[int]]:
        s, e, span = dmap.lookup(base + a, base + b)
        return display[s:e], span

    return at_any


def document_date(doc: Document) -> date | None:
    """The date relative expressions count from: a progress report's as-of date, else
    the meeting's, else publication."""
    for iso in (getattr(doc, "as_of", None), doc.meeting.end, doc.meeting.start,
                doc.published):
        if iso:
            try:
                return date.fromisoformat(iso)
            except ValueError:
                continue
    return None


def _topic_context(doc: Document) -> tuple[frozenset[str], dict[str | None, str]]:
    """The document title's topic keywords, and per section path the text an item falls
    back on when it names no topic itself: its section headings, then the title."""
    title = simplified(getattr(doc, "title", None) or "")
    titles = {s.number: s.title for s in getattr(doc, "sections", None) or ()}
    contexts: dict[str | None, str] = {None: title}
    for number in titles:
        parts = number.split("/")
        heads = [titles.get("/".join(parts[: k + 1]), "") for k in range(len(parts))]
        contexts[number] = simplified(" ".join([*heads, title]))
    return document_keywords(title), contexts


def extract_document(doc: Document) -> Document:
    """Extract every item's facts. Each extractor runs over all the items before the
    next one starts (results are per item, so this is the same as item by item): one
    extractor's patterns, tables and code then stay in the CPU caches. On the seeds
    that cut the extraction time by about a fifth (the extractors' own times by a
    quarter to a third) against alternating seven extractors item by item."""
    ref = document_date(doc)
    if not doc.items:
        return doc
    assert doc.normalized is not None and doc.display is not None
    dmap = DocMap(doc.normalized, doc.display)
    items = doc.items
    texts = [item.normalized for item in items]
    pair = document_pair(doc.meeting.mechanism, doc.title)
    fy = financial_year_start(pair)  # how "in 2017-18" reads: the partner's year
    times = [find_times(text, ref, fy_start_month=fy) for text in texts]
    actors = [find_actors(text, on=ref, dialogue=pair) for text in texts]
    found = [
        extract_commitments(text, doc_date=ref, times=t, actors=a)
        for text, t, a in zip(texts, times, actors, strict=True)
    ]
    titles = [_title_norm(item) if item.title else None for item in items]
    series = [
        find_series(text, doc_date=ref, times=t, actors=a, context_title=title,
                    lookup=_mechanism_lookup(pair), meeting=doc.meeting.mechanism,
                    dialogue=pair)
        for text, t, a, title in zip(texts, times, actors, titles, strict=True)
    ]
    refs = [find_references(text, actors=a, lookup=_document_id)
            for text, a in zip(texts, actors, strict=True)]
    quantities = [find_quantities(text) for text in texts]
    background, contexts = _topic_context(doc)
    own = _own_core(doc.meeting.mechanism)
    topics = [topic_for(item.title and title, text, background=background,
                        context=contexts.get(item.section, contexts[None]),
                        own_meeting=_names_own(text, found_series, own))
              for item, title, text, found_series in zip(items, titles, texts, series,
                                                         strict=True)]
    for i, item in enumerate(items):
        commitments, past, sentences = found[i]
        item.facts = _facts(ItemView(dmap, item.norm_start), times[i], actors[i], commitments,
                            past, sentences, series[i], refs[i], quantities[i], topics[i])
    return doc


_MEETING_ENDS = ("全体会议", "会议", " meeting", " Meeting")


def _own_core(mechanism: str | None) -> str | None:
    """The document's mechanism without a trailing 会议/meeting: "工作组" alone is too short
    to tell apart, so a core under three characters is none."""
    if not mechanism:
        return None
    core = simplified(mechanism)
    for end in _MEETING_ENDS:
        core = core.removesuffix(end)
    return core if len(core) >= 3 else None


_DEADLINE_AFTER = ("前", "之前", "以前")
_DEADLINE_BEFORE = re.compile(r"(?:before|prior to|ahead of|by|until)\s+(?:the\s+)?$", re.I)


def _names_own(text: str, mentions: list[SeriesMention], own: str | None) -> bool:
    """Does one of the item's series mentions name a round of the document's own
    mechanism (its name, less 会议/meeting, is the mechanism or a part of it)? A mention
    that only dates another action (在下一次对话前发布…, "before the next Dialogue") does
    not: the item is about that action."""
    if own is None:
        return False
    for m in mentions:
        if text.startswith(_DEADLINE_AFTER, m.end) or _DEADLINE_BEFORE.search(
                text, max(0, m.start - 16), m.start):
            continue
        core = m.name
        for end in _MEETING_ENDS:
            core = core.removesuffix(end)
        if len(core) >= 3 and (core in own or own in core):
            return True
    return False


def _mechanism_id(name: str) -> str | None:
    return gazetteer_id(name, ("mechanism", "event-series"))


def _mechanism_lookup(pair: str | None) -> Callable[[str], str | None]:
    """The series lookup of a document of ``pair``'s dialogue (see pairs.py)."""
    if pair is None or pair == US:
        return _mechanism_id
    return lambda name: gazetteer_id(name, ("mechanism", "event-series"), dialogue=pair)


def _document_id(title: str) -> str | None:
    return gazetteer_id(title, ("document", "treaty"))


def extract_item(
    doc: Document, item: Item, ref: date | None, dmap: DocMap | None = None
) -> dict[str, Any]:
    if dmap is None:
        assert doc.normalized is not None and doc.display is not None
        dmap = DocMap(doc.normalized, doc.display)
    text = item.normalized
    # (tolerant: callers may pass a bare stand-in for the document)
    mechanism = getattr(getattr(doc, "meeting", None), "mechanism", None)
    pair = document_pair(mechanism, getattr(doc, "title", None))
    times = find_times(text, ref, fy_start_month=financial_year_start(pair))
    actors = find_actors(text, on=ref, dialogue=pair)
    commitments, past, sentences = extract_commitments(text, doc_date=ref, times=times,
                                                       actors=actors)
    series = find_series(text, doc_date=ref, times=times, actors=actors,
                         context_title=_title_norm(item) if item.title else None,
                         lookup=_mechanism_lookup(pair), meeting=mechanism, dialogue=pair)
    refs = find_references(text, actors=actors, lookup=_document_id)
    quantities = find_quantities(text)
    background, contexts = _topic_context(doc)
    topic = topic_for(item.title and _title_norm(item), text, background=background,
                      context=contexts.get(getattr(item, "section", None), contexts[None]),
                      own_meeting=_names_own(text, series, _own_core(mechanism)))
    return _facts(ItemView(dmap, item.norm_start), times, actors, commitments, past, sentences,
                  series, refs, quantities, topic)


def _facts(view: ItemView, times: list[Any], actors: list[Any], commitments: list[Any],
           past: list[Any], sentences: list[Any], series: list[Any], refs: list[Any],
           quantities: list[Any], topic: Any) -> dict[str, Any]:
    """The extractors' results on one item as JSON-ready facts with source spans."""
    at = view.at
    # the three most numerous kinds are built inline (a call less per fact)
    return {
        "times": [
            {"text": shown, "span": span,
             "start": t.value_start, "end": t.value_end, "granularity": t.granularity,
             "anchor": t.anchor, "kind": t.kind, "relation": t.relation}
            for t in times for shown, span in (at(t.start, t.end),)
        ],
        "actors": [_actor_fact(a, *at(a.start, a.end)) for a in actors],
        "sentences": [
            {"text": shown, "span": span, "class": s.label,
             "cue": s.cues[0].text if s.cues else None, "heading": s.heading}
            for s in sentences for shown, span in (at(s.start, s.end),)
        ],
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


def _actor_fact(a: Any, text: str, span: list[int]) -> Fact:
    out: Fact = {"text": text, "span": span, "id": a.id,
                 "name": a.name, "name_en": a.name_en, "side": a.side, "type": a.type}
    title = getattr(a, "title", None)
    if title:
        out["title"] = title
        out["title_en"] = getattr(a, "title_en", None)
    return out


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
    if item.title and len(head.strip()) > len(item.title):
        # a run-in heading ("Ocean observation. The …"): no colon ends it, and the
        # normalised text never grows, so the heading is as long as the display one
        head = item.normalized[: len(item.title)]
    return head.strip()


@lru_cache(maxsize=4096)
def gazetteer_id(name: str, types: tuple[str, ...], dialogue: str | None = None) -> str | None:
    """Gazetteer id of an entry of one of ``types`` whose name is exactly ``name``."""
    for m in find_actors(name, dialogue=dialogue):
        if m.id and m.type in types and m.start == 0 and m.end == len(name):
            return str(m.id)
    return None
