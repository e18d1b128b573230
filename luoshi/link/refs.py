"""Item references and citations.

A link or a diff always names where its evidence was read: the document (sha256 and
path of the copy cited), the item number, the text and its span in that copy's
source. An :class:`ItemRef` carries what that takes, plus ``unit``: the id of the
logical document the item belongs to, which differs from the cited copy when
copies were merged (several copies, one unit).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

from luoshi.model import Document, Item


@dataclass(frozen=True, slots=True, eq=False)
class ItemRef:
    unit: str  # id of the logical document (a merged document's id, else the sha256)
    doc: Document  # the copy whose text and spans are cited
    item: Item
    index: int  # position of the item in its unit, for stable ordering

    @property
    def number(self) -> int | None:
        return self.item.number

    def cite(self) -> dict[str, Any]:
        """The item as evidence: doc, path, item number, heading, text, span."""
        return {
            "doc": self.doc.source.sha256,
            "path": self.doc.source.path,
            "item": self.item.number,
            "title": self.item.title,
            "text": self.item.text,
            "span": list(self.item.span),
        }

    def cite_fact(self, fact: dict[str, Any], **extra: Any) -> dict[str, Any]:
        """A fact of this item as evidence (its own text and span)."""
        out = {
            "doc": self.doc.source.sha256,
            "item": self.item.number,
            "text": fact.get("text"),
            "span": list(fact["span"]) if fact.get("span") is not None else None,
        }
        out.update(extra)
        return out

    def cite_range(self, a: int, b: int) -> dict[str, Any]:
        """``item.normalized[a:b]`` as evidence: display text and source span."""
        s, e = source_span(self.doc, self.item, a, b)
        return {
            "doc": self.doc.source.sha256,
            "item": self.item.number,
            "text": display_text(self.doc, self.item, a, b),
            "span": [s, e],
        }

    def key(self) -> tuple[str, int]:
        return (self.unit, self.index)


def refs_of(doc: Document, unit: str | None = None) -> list[ItemRef]:
    u = unit or doc.source.sha256
    return [ItemRef(u, doc, it, i) for i, it in enumerate(doc.items)]


# -- offsets of the normalised layer ------------------------------------------------


# How far ahead in the source the next normalised character is looked for: past
# an item label ("（十二）") and the blanks and line breaks normalising removed.
_LOOKAHEAD = 16


@cache
def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)[:1].lower()


@cache
def _folds_to_itself(ch: str) -> bool:
    return _fold(ch) == ch


def _offsets(source: str, norm: str) -> tuple[int, ...]:
    """Source offset of every character of ``norm`` (and of its end), where
    ``norm`` is ``source`` normalised: labels, blanks and line breaks dropped,
    width and script folded (a converted character keeps its place)."""
    out: list[int] = []
    p = 0
    n = len(source)
    for ch in norm:
        if p < n and source[p] == ch and _folds_to_itself(ch):
            # the common case: the very next source character, unchanged
            out.append(p)
            p += 1
            continue
        hit = next(
            (j for j in range(p, min(p + _LOOKAHEAD, len(source))) if _fold(source[j]) == ch),
            None,
        )
        j = hit if hit is not None else min(p, len(source))
        out.append(j)
        p = min(j + 1, len(source))
    out.append(p)
    return tuple(out)


def _layers_missing(doc: Document, item: Item) -> tuple[int, ...] | None:
    """The offset map of an item of a document read back without its layers
    (``luoshi.deserialize``), whose source text differs from ``normalized``;
    None when the two coincide (documents built by hand)."""
    hit = _MAPS.get(id(item))
    if hit is not None and hit[0] is item and hit[1] is doc:
        return hit[2]
    s, e = item.span
    source = doc.text[s:e] if doc.text else ""
    offs = None if not source or source == item.normalized else _offsets(source, item.normalized)
    if len(_MAPS) > 50_000:
        _MAPS.clear()
    _MAPS[id(item)] = (item, doc, offs)  # the objects kept: their ids cannot be reused
    return offs


# id(item) → (item, doc, offset map): asked for once per cited range otherwise
_MAPS: dict[int, tuple[Item, Document, tuple[int, ...] | None]] = {}


def source_span(doc: Document, item: Item, a: int, b: int) -> tuple[int, int]:
    """Span in the source of ``item.normalized[a:b]``."""
    if doc.normalized is None:
        offs = _layers_missing(doc, item)
        if offs is None:  # a document built by hand: layers coincide
            return (item.span[0] + a, item.span[0] + b)
        n = len(offs) - 1
        a, b = min(max(a, 0), n), min(max(b, 0), n)
        start = item.span[0] + offs[a]
        # the end is just past the last character, not where the next one starts
        end = item.span[0] + (offs[b - 1] + 1 if b > a else offs[a])
        return (start, max(start, end))
    base = item.norm_start
    return doc.normalized.to_root(base + a, base + b)


def display_text(doc: Document, item: Item, a: int, b: int) -> str:
    """``item.normalized[a:b]`` as the document shows it (original script)."""
    norm, display = doc.normalized, doc.display
    if norm is None and _layers_missing(doc, item) is not None:
        s, e = source_span(doc, item, a, b)
        return doc.text[s:e]  # what the cited span holds
    if norm is None or display is None:
        return item.normalized[a:b]
    base = item.norm_start
    try:
        s, e = norm.to_ancestor(base + a, base + b, display)
    except ValueError:
        return item.normalized[a:b]
    return display.text[s:e]


def norm_range(doc: Document, item: Item, span: tuple[int, int] | list[int]) -> tuple[int, int]:
    """Offsets in ``item.normalized`` of a source span found inside the item.

    Facts carry source spans only; the mapping to the source is monotone, so a
    binary search over it finds the normalised range without a reverse map.
    """
    n = len(item.normalized)
    s, e = int(span[0]), int(span[1])
    if doc.normalized is None and _layers_missing(doc, item) is None:
        off = item.span[0]
        return (min(max(s - off, 0), n), min(max(e - off, 0), n))

    if doc.normalized is None:
        offs = _layers_missing(doc, item)
        if offs is not None and len(offs) == n + 1:
            # what the search below finds, on the offset map itself
            off = item.span[0]
            a = bisect_left(offs, s - off, 0, n)
            return (a, max(a, bisect_left(offs, e - off, 0, n)))

    def first_at_or_after(pos: int) -> int:
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            if source_span(doc, item, mid, mid + 1)[0] >= pos:
                hi = mid
            else:
                lo = mid + 1
        return lo

    a = first_at_or_after(s)
    b = first_at_or_after(e)
    return (a, max(a, b))
