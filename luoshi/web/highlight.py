"""Cut a text into segments for display: which facts cover each piece.

Facts overlap (a time inside a commitment inside a sentence), so the text is cut
at every span boundary and each piece carries the kinds of all facts covering
it; anchors (item starts) and empty spans (a defect at a position) become
markers placed before the piece that starts there. Pure: the template escapes
and renders the pieces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # css suffix: time, actor, commitment, reference, defect
    note: str = ""  # shown as the piece's tooltip


@dataclass(frozen=True, slots=True)
class Marker:
    pos: int
    kind: str  # item | defect
    label: str
    anchor: str = ""  # the element id, for links into the text


@dataclass(slots=True)
class Segment:
    text: str
    kinds: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    markers: tuple[Marker, ...] = ()

    @property
    def css(self) -> str:
        return " ".join(f"hl-{k}" for k in self.kinds)

    @property
    def title(self) -> str:
        return " · ".join(n for n in self.notes if n)


def segments(text: str, marks: Iterable[Mark], markers: Iterable[Marker] = ()) -> list[Segment]:
    """``text`` cut at every boundary of ``marks``; spans are clipped to the text."""
    size = len(text)
    clipped = [
        Mark(max(0, min(m.start, size)), max(0, min(m.end, size)), m.kind, m.note) for m in marks
    ]
    ranged = [m for m in clipped if m.end > m.start]
    at: dict[int, list[Marker]] = {}
    for mk in markers:
        at.setdefault(max(0, min(mk.pos, size)), []).append(mk)
    for m in clipped:  # an empty span is a position: show it as a marker
        if m.end == m.start:
            at.setdefault(m.start, []).append(Marker(m.start, m.kind, m.note))
    cuts = sorted({0, size, *at, *(m.start for m in ranged), *(m.end for m in ranged)})
    by_start = sorted(ranged, key=lambda m: (m.start, -m.end))
    active: list[Mark] = []
    nxt = 0
    out: list[Segment] = []
    for a, b in zip(cuts, [*cuts[1:], size], strict=True):
        active = [m for m in active if m.end > a]
        while nxt < len(by_start) and by_start[nxt].start <= a:
            if by_start[nxt].end > a:
                active.append(by_start[nxt])
            nxt += 1
        here = tuple(at.get(a, ()))
        if b <= a and not here:
            continue
        kinds = tuple(dict.fromkeys(m.kind for m in active))
        notes = tuple(dict.fromkeys(m.note for m in active if m.note))
        out.append(Segment(text[a:b], kinds, notes, here))
    return _merge(out)


def _merge(parts: Sequence[Segment]) -> list[Segment]:
    """Join neighbours with the same covering facts (fewer elements to render)."""
    merged: list[Segment] = []
    for seg in parts:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not seg.markers
            and last.kinds == seg.kinds
            and last.notes == seg.notes
        ):
            last.text += seg.text
        else:
            merged.append(Segment(seg.text, seg.kinds, seg.notes, seg.markers))
    return merged


def locate(haystack: str, needles: Iterable[tuple[str, str, str]]) -> list[Mark]:
    """Marks for ``(text, kind, note)`` found in ``haystack``, each after the previous
    of its kind: facts are listed in reading order. Text not found is skipped.

    For the cleaned view, whose text is not the source: fact spans point into the
    source, so there the facts are found again by their words.
    """
    found: list[Mark] = []
    cursor: dict[str, int] = {}
    for needle, kind, note in needles:
        if not needle:
            continue
        pos = haystack.find(needle, cursor.get(kind, 0))
        if pos < 0:
            pos = haystack.find(needle)
        if pos < 0:
            continue
        cursor[kind] = pos + len(needle)
        found.append(Mark(pos, pos + len(needle), kind, note))
    return found


def snippet(text: str, marks: Sequence[Sequence[int]], width: int = 60) -> list[Segment]:
    """A window of ``text`` around the first match, matches marked (search results)."""
    if not marks:
        return [Segment(text[: width * 2] + ("…" if len(text) > width * 2 else ""))]
    first = min(int(m[0]) for m in marks)
    lo = max(0, first - width // 2)
    hi = min(len(text), lo + width * 2)
    window = text[lo:hi]
    local = [Mark(int(s) - lo, int(e) - lo, "match") for s, e in marks if e > lo and s < hi]
    segs = segments(window, local)
    if lo > 0:
        segs.insert(0, Segment("…"))
    if hi < len(text):
        segs.append(Segment("…"))
    return segs
