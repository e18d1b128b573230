"""Copies of one document, recognised and merged.

The same outcome list reaches us several times: as a PDF and a web page, in
Traditional and Simplified script, cut short, with a page pasted twice, in
English and in Chinese. Two documents are copies when they report the same
meeting (or bear the same title and name no other round or day) *and* most
items of the shorter one have a counterpart in the other (see
:mod:`luoshi.link.align`). Documents naming different rounds or days are never
copies: a dialogue's lists often keep one title from year to year and repeat
many items nearly word for word. ``merge_copies`` keeps
one item per counterpart set, taking the best text any copy has, and keeps every
copy as provenance.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from luoshi.clean.common import simplified
from luoshi.link.align import (
    ItemSketch,
    TextSims,
    TextSketch,
    align,
    fingerprint,
    language_of,
    section_ordinals,
    sketches,
)
from luoshi.link.chardiff import char_changes
from luoshi.link.config import CopyRules, rules
from luoshi.link.refs import ItemRef
from luoshi.link.text import canon, canon_bigrams
from luoshi.model import Document, Meeting

# Defects that make a copy a worse source of text than another.
_BAD_DEFECTS = frozenset(
    {"truncated-item", "truncated-document", "numbering-gap", "out-of-order", "encoding-repair"}
)


# -- recognising copies ---------------------------------------------------------------


def same_meeting(a: Meeting, b: Meeting) -> bool:
    """Both name the same round: no field both give disagrees, and they share
    at least a round number or a first day."""
    # names in two languages (an English and a Chinese version) cannot be compared
    names = (a.mechanism, b.mechanism)
    if a.mechanism and b.mechanism and a.mechanism.isascii() != b.mechanism.isascii():
        names = (None, None)
    for x, y in (
        names,
        (a.track, b.track),
        (a.round, b.round),
        (a.start, b.start),
        (a.end, b.end),
    ):
        if x is not None and y is not None and x != y:
            return False
    shared_round = a.round is not None and b.round is not None
    shared_start = a.start is not None and b.start is not None
    return shared_round or shared_start


def meeting_conflict(a: Meeting, b: Meeting) -> bool:
    """The two name different rounds or dates (of whatever mechanism)."""
    return not _compatible(_signature(a), _signature(b))


def title_key(doc: Document) -> str:
    return canon(simplified(doc.title)) if doc.title else ""


@dataclass(slots=True)
class CopyMatch:
    """Why two documents are (or are not) copies of one another."""

    a: str  # sha256
    b: str
    is_copy: bool
    same_meeting: bool
    same_title: bool
    overlap: float  # share of the shorter document's items aligned
    aligned: list[tuple[int, int, float]] = field(default_factory=list)  # item indices

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "is_copy": self.is_copy,
            "same_meeting": self.same_meeting,
            "same_title": self.same_title,
            "overlap": round(self.overlap, 3),
            "aligned": len(self.aligned),
        }


def _share_needed(
    a: Meeting, b: Meeting, la: str | None, lb: str | None, meet: bool, titled: bool,
    r: CopyRules,
) -> float | None:
    """The share of the shorter document's items that must align for the two to
    be copies, or None when no share would do (the answer is known without
    aligning anything)."""
    if meeting_conflict(a, b):
        return None  # two rounds (or days), however alike their titles and items
    if meet or titled:
        return r.min_overlap
    # text alone only within one language: across languages the alignment
    # leans on position, which any two lists of similar length share
    if la != lb:
        return None
    return r.min_overlap_alone


def _overlap(aligned: int, na: int, nb: int) -> float:
    """The share of the shorter list's ``min(na, nb)`` items aligned."""
    smaller = min(na, nb)
    return aligned / smaller if smaller else 0.0


def compare(a: Document, b: Document, copy_rules: CopyRules | None = None) -> CopyMatch:
    r = copy_rules or rules().copies
    meet = same_meeting(a.meeting, b.meeting)
    tk = title_key(a)
    titled = bool(tk) and tk == title_key(b)
    la, lb = language_of(a), language_of(b)
    aligned = align(sketches(a, la), sketches(b, lb), r) if a.items and b.items else []
    overlap = _overlap(len(aligned), len(a.items), len(b.items))
    need = _share_needed(a.meeting, b.meeting, la, lb, meet, titled, r)
    is_copy = need is not None and overlap >= need
    return CopyMatch(a.source.sha256, b.source.sha256, is_copy, meet, titled, overlap, aligned)


def are_copies(a: Document, b: Document, copy_rules: CopyRules | None = None) -> bool:
    return compare(a, b, copy_rules).is_copy


def _blocks(m: Meeting, tk: str) -> list[str]:
    """Keys two copies are bound to share: the meeting's round or first day, the
    title (``tk``, its :func:`title_key`). Only documents sharing one are
    compared, never all pairs."""
    keys = []
    if m.start:
        keys.append("start:" + m.start)
    if m.round is not None:
        keys.append(f"round:{m.mechanism}:{m.round}")
    if tk:
        keys.append("title:" + tk)
    return keys


# one item as grouping keeps it: (number, section ordinal, canonical text,
# fingerprint); its bigrams are made only while it is being compared
_ItemKey = tuple[int | None, int | None, str, frozenset[str]]


@dataclass(slots=True)
class CopyView:
    """What deciding "copies or not" reads of one document, and no more: a whole
    archive's views fit in memory where its documents would not (about a
    twentieth of a loaded document), so copies are found before any document
    is loaded for good. The item texts' bigram sets, the bulk of a sketch, are
    made while a document is being compared (:class:`_Sketches`)."""

    sha256: str
    meeting: Meeting  # without chairs
    language: str | None
    title: str  # title_key
    items: list[_ItemKey]

    @classmethod
    def of(cls, doc: Document, strings: dict[str, str] | None = None) -> CopyView:
        """``strings``: a table sharing equal texts between views (copies repeat
        their items' texts word for word)."""
        table = {} if strings is None else strings
        ordinals = section_ordinals(doc)
        items = []
        for it in doc.items:
            c = canon(it.normalized)
            fp = frozenset(table.setdefault(f, f) for f in fingerprint(it))
            items.append((it.number, ordinals.get(it.section or ""), table.setdefault(c, c), fp))
        lang = language_of(doc)
        return cls(doc.source.sha256, replace(doc.meeting, chairs=[]), lang, title_key(doc), items)

    def sketches(self) -> list[TextSketch]:
        return [TextSketch(n, self.language, c, canon_bigrams(c), fp, o)
                for n, o, c, fp in self.items]


class _Sketches:
    """The views' sketches, the most recently used ``keep`` documents' kept:
    grouping compares a document with others of its block soon after one
    another, and a whole archive's bigram sets would not fit in memory."""

    def __init__(self, keep: int = 4096) -> None:
        self.keep = keep
        self.held: OrderedDict[int, list[TextSketch]] = OrderedDict()  # by id(view)

    def __call__(self, view: CopyView) -> list[TextSketch]:
        key = id(view)
        got = self.held.get(key)
        if got is not None:
            self.held.move_to_end(key)
            return got
        got = self.held[key] = view.sketches()
        if len(self.held) > self.keep:
            self.held.popitem(last=False)
        return got


def _copies(x: CopyView, y: CopyView, r: CopyRules, memo: TextSims | None = None,
            sketch: Callable[[CopyView], list[TextSketch]] = CopyView.sketches) -> bool:
    """``are_copies`` of the two documents, aligning items only when the meeting,
    title and language leave the answer open (``memo``: see :func:`align`;
    ``sketch``: where the views' sketches come from)."""
    if x.sha256 == y.sha256:
        return True
    meet = same_meeting(x.meeting, y.meeting)
    need = _share_needed(x.meeting, y.meeting, x.language, y.language, meet,
                         bool(x.title) and x.title == y.title, r)
    if need is None:
        return False
    if not x.items or not y.items:
        return need <= 0.0  # nothing to align: no overlap
    aligned = align(sketch(x), sketch(y), r, memo)
    return _overlap(len(aligned), len(x.items), len(y.items)) >= need


# (round, first day, track): two documents naming different values of one
# of these are never copies (:func:`meeting_conflict`)
_Signature = tuple[int | None, str | None, str | None]


def _signature(m: Meeting) -> _Signature:
    return (m.round, m.start, m.track)


def _compatible(s: _Signature, t: _Signature) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(s, t, strict=True))


def _candidate_pairs(members: list[int], sigs: list[_Signature]) -> Iterator[tuple[int, int]]:
    """Pairs of ``members`` (ascending indices) whose meetings do not conflict.

    A block of an archive can hold thousands of documents under one title,
    from many years: bucketing by meeting first means only compatible buckets
    are paired, instead of testing every pair of the block."""
    by_sig: dict[_Signature, list[int]] = defaultdict(list)
    for i in members:
        by_sig[sigs[i]].append(i)
    keys = list(by_sig)
    for x, s in enumerate(keys):
        own = by_sig[s]
        for p, i in enumerate(own):
            for j in own[p + 1 :]:
                yield i, j
        for t in keys[x + 1 :]:
            if _compatible(s, t):
                for i in own:
                    for j in by_sig[t]:
                        yield (i, j) if i < j else (j, i)


def group_copies(
    docs: Sequence[Document], copy_rules: CopyRules | None = None,
    memo: TextSims | None = None,
) -> list[list[Document]]:
    """Partition ``docs`` into sets of copies (singletons included), in input
    order (see :func:`group_views`)."""
    strings: dict[str, str] = {}
    views = [CopyView.of(d, strings) for d in docs]
    return [[docs[i] for i in g] for g in group_views(views, copy_rules, memo)]


def group_views(
    views: Sequence[CopyView], copy_rules: CopyRules | None = None,
    memo: TextSims | None = None,
) -> list[list[int]]:
    """Partition the documents (by index into ``views``) into sets of copies,
    singletons included; each set in input order, the sets by their first.

    Two documents are compared when they share a block key (:func:`_blocks`)
    and their meetings do not conflict; a pair already in one set is not. A
    set never holds two meetings that conflict: a copy naming no day can match
    the lists of two rounds, and it then joins the set it is first found a copy
    of (input order) instead of chaining the two rounds into one. ``memo``
    keeps the similarities of item texts (see :func:`align`) for a later
    grouping or merge."""
    r = copy_rules or rules().copies
    parent = list(range(len(views)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    memo = {} if memo is None else memo
    sketch = _Sketches()
    sigs = [_signature(v.meeting) for v in views]
    # per set (its root): every field any member names
    set_sig: dict[int, _Signature] = dict(enumerate(sigs))
    by_key: dict[str, list[int]] = defaultdict(list)
    doc_keys: list[dict[str, int]] = []  # block key → its rank, per document
    for i, v in enumerate(views):
        ranks = {}
        for k in _blocks(v.meeting, v.title):
            by_key[k].append(i)
            ranks[k] = 0
        doc_keys.append(ranks)
    rank = {k: n for n, k in enumerate(by_key)}
    for ranks in doc_keys:
        for k in ranks:
            ranks[k] = rank[k]
    for key, members in by_key.items():
        here = rank[key]
        for i, j in _candidate_pairs(members, sigs):
            ri, rj = find(i), find(j)
            if ri == rj or not _compatible(set_sig[ri], set_sig[rj]):
                continue
            # a pair sharing several keys is decided in the first of them only
            ki, kj = doc_keys[i], doc_keys[j]
            if any(n < here and k in kj for k, n in ki.items()):
                continue
            if _copies(views[i], views[j], r, memo, sketch):
                parent[rj] = ri
                set_sig[ri] = tuple(  # type: ignore[assignment]
                    a if a is not None else b
                    for a, b in zip(set_sig[ri], set_sig.pop(rj), strict=True))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(views)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


# -- merging ----------------------------------------------------------------------------


@dataclass(slots=True)
class Variant:
    """One copy's version of a merged item."""

    ref: ItemRef
    language: str | None
    role: str  # chosen | same | truncated | shorter | conflict | translation

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.ref.doc.source.sha256,
            "path": self.ref.doc.source.path,
            "item": self.ref.item.number,
            "language": self.language,
            "role": self.role,
            "span": list(self.ref.item.span),
        }


@dataclass(slots=True)
class MergedItem:
    chosen: ItemRef  # the copy whose text is kept
    variants: list[Variant]

    @property
    def number(self) -> int | None:
        return self.chosen.item.number

    @property
    def text(self) -> str:
        return self.chosen.item.text

    def to_dict(self) -> dict[str, Any]:
        it = self.chosen.item
        return {
            "number": it.number,
            "section": it.section,
            "title": it.title,
            "text": it.text,
            "doc": self.chosen.doc.source.sha256,
            "span": list(it.span),
            "variants": [v.to_dict() for v in self.variants],
        }


@dataclass(slots=True)
class MergedDocument:
    """One document known from several copies."""

    id: str  # sha256 of the primary copy
    title: str | None
    kind: str
    language: str | None
    meeting: Meeting
    items: list[MergedItem]
    copies: list[Document]  # primary first
    conflicts: list[dict[str, Any]]

    def refs(self) -> list[ItemRef]:
        """The merged items as references of one unit, each citing its chosen copy."""
        return [ItemRef(self.id, m.chosen.doc, m.chosen.item, i) for i, m in enumerate(self.items)]

    def provenance(self) -> list[dict[str, Any]]:
        return [
            {
                "doc": d.source.sha256,
                "path": d.source.path,
                "format": d.source.format,
                "encoding": d.source.encoding,
                "script": d.source.script,
                "language": language_of(d),
                "title": d.title,
                "items": len(d.items),
                "defects": sorted({x.kind for x in d.defects}),
                "role": "primary" if i == 0 else "copy",
            }
            for i, d in enumerate(self.copies)
        ]

    def to_dict(self) -> dict[str, Any]:
        m = self.meeting
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "language": self.language,
            "meeting": {
                "mechanism": m.mechanism,
                "track": m.track,
                "round": m.round,
                "start": m.start,
                "end": m.end,
                "venue": m.venue,
            },
            "copies": self.provenance(),
            "items": [i.to_dict() for i in self.items],
            "conflicts": self.conflicts,
        }


def _truncated(sk: ItemSketch) -> bool:
    """A truncated-item defect whose span lies inside this item."""
    s, e = sk.item.span
    return any(
        d.kind == "truncated-item" and d.span is not None and s <= d.span[0] and d.span[1] <= e
        for d in sk.doc.defects
    )


def _rank_copies(docs: Sequence[Document], r: CopyRules) -> list[Document]:
    def pos(value: str | None, pref: Sequence[str]) -> int:
        return pref.index(value) if value in pref else len(pref)

    def key(pair: tuple[int, Document]) -> tuple[int, int, int, int, int]:
        i, d = pair
        bad = sum(x.kind in _BAD_DEFECTS for x in d.defects)
        return (
            pos(language_of(d), r.language_preference),
            bad,
            -len(d.items),
            pos(d.source.script, r.script_preference),
            i,
        )

    return [d for _, d in sorted(enumerate(docs), key=key)]


def _merged_meeting(copies: Sequence[Document]) -> Meeting:
    """The primary copy's meeting, its gaps filled from the other copies."""
    m = replace(copies[0].meeting, chairs=list(copies[0].meeting.chairs))
    for d in copies[1:]:
        for f in ("mechanism", "track", "round", "start", "end", "venue"):
            if getattr(m, f) is None and getattr(d.meeting, f) is not None:
                setattr(m, f, getattr(d.meeting, f))
    return m


def merge_copies(
    docs: Sequence[Document], copy_rules: CopyRules | None = None,
    memo: TextSims | None = None,
) -> MergedDocument:
    """Merge copies of one document (as grouped by :func:`group_copies`).

    The items are the primary copy's (preferred language, fewest defects, most
    items), plus any item only other copies have, in their place. Each keeps the
    best text of its language: a variant cut short (a truncated-item defect inside
    it, or a prefix of another variant) loses to a full one.
    """
    if not docs:
        raise ValueError("merge_copies needs at least one document")
    r = copy_rules or rules().copies
    copies = _rank_copies(docs, r)
    primary = copies[0]
    slots: list[list[ItemSketch]] = [[sk] for sk in sketches(primary)]
    for doc in copies[1:]:
        _fold_in(slots, sketches(doc), r, memo)
    items: list[MergedItem] = []
    conflicts: list[dict[str, Any]] = []
    for slot in slots:
        merged, found = _choose(slot, primary, copies)
        items.append(merged)
        conflicts.extend(found)
    conflicts.extend(_number_clashes(slots, copies))
    return MergedDocument(
        primary.source.sha256,
        primary.title,
        primary.kind,
        language_of(primary),
        _merged_meeting(copies),
        items,
        copies,
        conflicts,
    )


def _fold_in(
    slots: list[list[ItemSketch]], new: list[ItemSketch], r: CopyRules, memo: TextSims | None
) -> None:
    """Align one more copy's items to the slots; items without a counterpart get a
    slot of their own after the slot of the copy's previous item."""
    lang = new[0].language if new else None
    # the slot's first item in this language (a slot of a large group holds
    # hundreds: stop at the first)
    reps = [next((s for s in slot if s.language == lang), slot[0]) for slot in slots]
    pairs = {j: i for i, j, _ in align(reps, new, r, memo)}
    placed: dict[int, list[ItemSketch]] = {}
    for j, slot_i in pairs.items():
        slots[slot_i].append(new[j])
        placed[j] = slots[slot_i]
    prev: list[ItemSketch] | None = None
    for j, sk in enumerate(new):
        if j in placed:
            prev = placed[j]
            continue
        slot = [sk]
        at = next(k for k, s in enumerate(slots) if s is prev) + 1 if prev is not None else 0
        slots.insert(at, slot)
        prev = slot


def _choose(
    slot: list[ItemSketch], primary: Document, copies: Sequence[Document]
) -> tuple[MergedItem, list[dict[str, Any]]]:
    lang = next((s.language for s in slot if s.doc is primary), slot[0].language)
    rank = {id(d): i for i, d in enumerate(copies)}
    same_lang = [s for s in slot if s.language == lang] or slot
    cut_short = _proper_prefixes({s.canon for s in same_lang})

    def loses(s: ItemSketch) -> bool:
        """Cut short: a truncated item, or a prefix of another variant's text."""
        return _truncated(s) or s.canon in cut_short

    best = min(same_lang, key=lambda s: (loses(s), rank[id(s.doc)]))
    chosen = _ref(best)
    variants: list[Variant] = []
    conflicts: list[dict[str, Any]] = []
    for s in sorted(slot, key=lambda s: rank[id(s.doc)]):
        role = _role(s, best, lang, _truncated(s))
        variants.append(Variant(_ref(s), s.language, role))
        if role == "conflict":
            conflicts.append(_text_conflict(best, s))
        if (
            s is not best
            and s.language == lang
            and s.item.number != best.item.number
            and s.item.number is not None
            and best.item.number is not None
        ):
            conflicts.append(
                {
                    "kind": "number",
                    "item": best.item.number,
                    "chosen": chosen.cite(),
                    "other": _ref(s).cite(),
                    "detail": f"numbered {s.item.number} in this copy",
                }
            )
        if s.language != lang and role == "translation":
            c = _figure_conflict(best, s)
            if c:
                conflicts.append(c)
    return MergedItem(chosen, variants), conflicts


def _proper_prefixes(texts: set[str]) -> set[str]:
    """The texts that are a proper prefix of another one. In sorted order,
    whatever a text is a prefix of follows it at once, so one pass suffices
    (comparing every two variants was quadratic in a large group's copies)."""
    ordered = sorted(texts)
    return {t for t, u in pairwise(ordered) if u.startswith(t)}


def _number_clashes(slots: list[list[ItemSketch]],
                    copies: Sequence[Document]) -> list[dict[str, Any]]:
    """Copies in one language giving different items under one number: the texts
    were too unlike to align, so each stands as an item of its own — say so,
    against the item of the best-ranked copy."""
    rank = {id(d): i for i, d in enumerate(copies)}
    groups: dict[tuple[str | None, str | None, int], list[tuple[int, ItemSketch]]] = {}
    for k, slot in enumerate(slots):
        for s in slot:
            if s.item.number is not None:
                groups.setdefault((s.language, s.item.section, s.item.number), []).append((k, s))
    out = []
    for members in groups.values():
        k0, best = min(members, key=lambda m: rank[id(m[1].doc)])
        for k, s in members:
            if k != k0 and s.doc is not best.doc:
                out.append({"kind": "item", "item": s.item.number, "chosen": _ref(best).cite(),
                            "other": _ref(s).cite(),
                            "detail": "the copies give different items under this number"})
    return out


def _ref(s: ItemSketch) -> ItemRef:
    return ItemRef(s.doc.source.sha256, s.doc, s.item, s.doc.items.index(s.item))


def _role(s: ItemSketch, best: ItemSketch, lang: str | None, truncated: bool) -> str:
    if s is best:
        return "chosen"
    if s.language != lang:
        return "translation"
    if s.canon == best.canon:
        return "same"
    if truncated:
        return "truncated"
    if best.canon.startswith(s.canon):
        return "shorter"
    return "conflict"


def _text_conflict(best: ItemSketch, other: ItemSketch) -> dict[str, Any]:
    a, b = _ref(best), _ref(other)
    diff = char_changes(a, (0, len(best.item.normalized)), b, (0, len(other.item.normalized)))
    return {
        "kind": "text",
        "item": best.item.number,
        "chosen": a.cite(),
        "other": b.cite(),
        "similarity": diff["similarity"],
        "changes": diff["changes"],
    }


def _figure_conflict(best: ItemSketch, other: ItemSketch) -> dict[str, Any] | None:
    """Across languages only figures can be compared: the quantities' values."""
    va = sorted(
        {q["value"] for q in best.item.facts.get("quantities", []) if q.get("value") is not None}
    )
    vb = sorted(
        {q["value"] for q in other.item.facts.get("quantities", []) if q.get("value") is not None}
    )
    if not va or not vb or va == vb:
        return None
    return {
        "kind": "figures",
        "item": best.item.number,
        "chosen": _ref(best).cite(),
        "other": _ref(other).cite(),
        "detail": f"quantities {va} vs {vb}",
    }
