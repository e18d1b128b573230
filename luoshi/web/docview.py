"""The document page's two readings of the text, cut into highlighted segments.

- original: the decoded source exactly as stored, facts and defects marked by
  their source spans, an anchor at every item;
- cleaned: the parser's display text item by item, facts found again by their
  words (their spans point into the source, not into this text).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from luoshi.web.highlight import Mark, Marker, Segment, locate, segments

KIND_OF = {"times": "time", "actors": "actor", "commitments": "commitment",
           "references": "reference"}


def _interval(value: Any) -> str:
    if not isinstance(value, Mapping):
        return ""
    start, end = value.get("start"), value.get("end")
    if start and end and start != end:
        return f"{start} – {end}"
    return str(start or (f"by {end}" if end else ""))


def fact_note(kind: str, fact: Mapping[str, Any]) -> str:
    """A one-line tooltip: the fact's values, English beside Chinese."""
    if kind == "time":
        when = _interval(fact) or fact.get("anchor") or ""
        return f"{fact.get('kind', '')} {when}".strip()
    if kind == "actor":
        names = " / ".join(str(n) for n in (fact.get("name"), fact.get("name_en")) if n)
        return f"{names} ({fact.get('side')})" if fact.get("side") else names
    if kind == "commitment":
        due = _interval(fact.get("due")) or fact.get("anchor") or ""
        parties = "、".join(fact.get("parties") or [])
        bits = [f"{fact.get('modality')} → {fact.get('action')}", parties]
        if due:
            bits.append(f"due {due}")
        return " · ".join(b for b in bits if b)
    if kind == "reference":
        return " ".join(str(v) for v in (fact.get("kind"), fact.get("id")) if v)
    return ""


def _facts(item: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for key, kind in KIND_OF.items():
        for fact in item.get(key) or []:
            if isinstance(fact, Mapping):
                yield kind, fact


def original_segments(text: str, items: Sequence[Mapping[str, Any]],
                      defects: Sequence[Mapping[str, Any]]) -> list[Segment]:
    marks: list[Mark] = []
    markers: list[Marker] = []
    for it in items:
        span = it.get("span")
        if span:
            markers.append(Marker(span[0], "item", str(it.get("label") or ""), f"i-{it['id']}"))
        for kind, fact in _facts(it):
            fs = fact.get("span")
            if fs:
                marks.append(Mark(fs[0], fs[1], kind, fact_note(kind, fact)))
    for n, d in enumerate(defects):
        ds = d.get("span")
        note = f"{d.get('kind')}: {d.get('detail')}"
        if ds:
            marks.append(Mark(ds[0], ds[1], "defect", note))
            if ds[1] > ds[0]:  # also flag where it starts, so it is seen without hovering
                markers.append(Marker(ds[0], "defect", str(d.get("kind")), f"defect-{n}"))
    return segments(text, marks, markers)


def cleaned_segments(item: Mapping[str, Any]) -> list[Segment]:
    text = str(item.get("text") or "")
    needles = [(str(f.get("text") or ""), kind, fact_note(kind, f))
               for kind, f in _facts(item) if kind != "commitment"]
    # a commitment's text is its whole sentence; its span marks the part it covers
    marks = locate(text, needles)
    return segments(text, marks)


def defects_in(item: Mapping[str, Any], defects: Sequence[Mapping[str, Any]]) -> list[int]:
    """Indexes of defects whose span falls inside (or at the edge of) the item."""
    span = item.get("span")
    if not span:
        return []
    return [n for n, d in enumerate(defects)
            if d.get("span") and span[0] <= d["span"][0] <= span[1]]
