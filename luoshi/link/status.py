"""Whether each commitment was carried out, as of a date.

``assess(docs, as_of=None)`` gives every commitment (``item.facts
["commitments"]``) of the documents dated on or before ``as_of`` a
:class:`CommitmentStatus`: its status, the evidence cited for it (document id,
item, span and text of the sentence), the deadline used and where that came
from, and a G20 Research Group compliance score. Only documents dated on or
before ``as_of`` are read, so a status is what the corpus could tell on that
day. ``as_of`` defaults to the latest document date; pass today's for "now".

Statuses (first that applies):

``fulfilled`` / ``fulfilled-late``
    A later document shows it done: the series occurrence the commitment plans
    is reported held (a series mention with status held — dated by the past
    event around it —, the later document being that meeting itself, or the
    outcome of that round being implemented: "落实第十三次会议共识"), or a
    later past event / past-tense sentence carries the same content
    (core-text similarity, same item title, same referenced document, same
    specific actors) with a completion verb of the commitment's action.
    ``-late`` when the evidence is dated after the end of the deadline;
    evidence without a date is taken as on time. A round held only *by
    implication* (a later document numbers the next round) counts as
    fulfilled, with evidence kind ``series-implied``.
``superseded``
    Not shown done, and a later document restates it with another deadline:
    the same series occurrence planned again with a different due interval
    (the 14th JLG plenary: "2016年年内" → "2016年秋天"), or a later commitment
    with the same content and a compatible action whose deadline ends on
    another day (China Garden: "2016年6月底前" → "2016年10月30日前"). A
    restatement with the same deadline is cited (kind ``restatement``) and
    changes nothing. Of a round's later plans, the first with another
    deadline is cited: the later ones supersede that one in turn.
``overdue``
    The deadline ended before ``as_of`` and there is no evidence.
``pending``
    The deadline has not ended by ``as_of``.
``ongoing``
    No deadline, an action of ``[status] ongoing_actions`` (continuing
    cooperation, policy measures). Continuing cooperation is never "done": a
    later statement of the same content is cited as ``progress``.
``unknown``
    Anything else — no deadline, or an anchored deadline ("before the next
    round") whose anchoring event no document dates yet.

The deadline is, in order: the commitment's own ``due``; a time expression
inside its clause the commitment extractor did not attach (kinds in
``[status] due_time_kinds``, ending on or after the document date); its
event anchor resolved by ``luoshi.link.anchors``; the due of the series
occurrence it plans (a date given in a following "本次磋商定于…" sentence).

Text similarity (``[match]`` in ``luoshi/data/status_rules.toml``): the
"core" of a clause is its source text without time expressions, digits,
punctuation and the stop words listed there; cores are compared as sets of
character bigrams — Dice for restatements, containment of the commitment's
bigrams for evidence — and bonuses are added for the same item title, a shared
referenced document and a shared specific actor. Two guards keep look-alikes
apart: clauses naming different rounds (第十二次 vs 第十三次) never match, and
evidence for "hold a meeting" must name the same kind of meeting (the head the
object ends with: a 会间会 is not shown held by the dialogue itself).

``assess_over_time(docs, dates)`` gives the same as ``assess`` at each of
several increasing dates while sharing the work: text matching scores each pair
once (and only pairs that can reach a threshold: see ``_Matches``), and a
commitment is assessed again at a later date only when its best match, its
series occurrences, its anchor or a passed deadline may change it.

G20 scale (``[g20]``): +1 fulfilled; 0 fulfilled-late, superseded, ongoing
(partial compliance or work in progress); −1 overdue; pending and unknown are
not scored (None).

A commitment's id (:func:`commitment_id`) is derived from the document's
sha256, the item number and the commitment's span, so it is the same every
time the same file is ingested; analyst overrides (``luoshi.link.overrides``)
are keyed on it.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from luoshi.link.anchors import (
    Calendar,
    DateInterval,
    Source,
    fold_key,
    meeting_head,
    nfkc,
    parse_anchor,
    resolve_anchor,
    rules,
)
from luoshi.link.timelines import (
    DocRef,
    Occurrence,
    Record,
    RecordCache,
    SeriesIndex,
    build_index,
    doc_refs,
    object_ordinal,
)
from luoshi.model import Document, Item

__all__ = [
    "STATUSES",
    "CommitmentStatus",
    "Epoch",
    "EpochChanges",
    "Evidence",
    "assess",
    "assess_over_time",
    "changes_over_time",
    "commitment_id",
    "g20_score",
]

Span = tuple[int, int]

STATUSES: tuple[str, ...] = tuple(rules()["status"]["statuses"])


def commitment_id(sha256: str, item: int | None, span: Span | list[int]) -> str:
    """``"c" + sha256[:10] + "-" + item + "-" + start + "-" + end``.

    Derived from the document's content hash (not the ledger's row or document
    id, which a prefix collision could change), the item number and the
    commitment's span in the source: re-ingesting the same file gives the same
    id; a different file (even a re-typed copy) gives another.
    """
    return f"c{sha256[:10]}-{item if item is not None else 'x'}-{span[0]}-{span[1]}"


def g20_score(status: str) -> int | None:
    """The G20 Research Group compliance score of a status (None: not scorable)."""
    v = rules()["g20"].get(status)
    return int(v) if v is not None else None


@dataclass(slots=True)
class Evidence:
    kind: str  # series-held | series-implied | event | statement | restatement | progress
    source: Source
    text: str
    date: DateInterval | None = None
    score: float | None = None
    commitment: str | None = None  # id of the restating commitment

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            **self.source.to_json(),
            "text": self.text,
            "date": self.date.to_json() if self.date else None,
        }
        if self.score is not None:
            out["score"] = round(self.score, 3)
        if self.commitment:
            out["commitment"] = self.commitment
        return out


@dataclass(slots=True)
class CommitmentStatus:
    id: str
    doc: str
    item: int | None
    span: Span
    sentence_span: Span | None
    text: str  # the commitment's clause as written
    action: str | None
    object: str | None
    status: str
    as_of: str | None
    due: DateInterval | None = None
    due_source: str | None = None  # text | time | anchor | series
    anchor: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    superseded_by: str | None = None
    series: list[dict[str, Any]] = field(default_factory=list)  # [{id, ordinal}]
    score: int | None = None  # G20 scale
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "item": self.item,
            "span": list(self.span),
            "sentence_span": list(self.sentence_span) if self.sentence_span else None,
            "text": self.text,
            "action": self.action,
            "object": self.object,
            "status": self.status,
            "as_of": self.as_of,
            "due": self.due.to_json() if self.due else None,
            "due_source": self.due_source,
            "anchor": self.anchor,
            "evidence": [e.to_json() for e in self.evidence],
            "superseded_by": self.superseded_by,
            "series": self.series,
            "g20": self.score,
            "reason": self.reason,
        }


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------


def assess(
    docs: Iterable[Document],
    as_of: str | date | None = None,
    *,
    index: SeriesIndex | None = None,
) -> list[CommitmentStatus]:
    """The status of every commitment of ``docs`` as of ``as_of`` (ISO date or
    ``date``; default: the latest document date). ``index`` (from
    ``timelines.build_index`` over the same documents and date) saves
    rebuilding the timelines when the caller has them already."""
    docs = list(docs)
    if index is None:
        index = build_index(docs, as_of)
    return next(_assess_epochs(docs, [index])).statuses


class Epoch(NamedTuple):
    """The statuses as of one date of :func:`assess_over_time`."""

    as_of: str | None
    index: SeriesIndex
    statuses: list[CommitmentStatus]
    # ids assessed anew at this date; the others are as at the previous date
    # (only ``as_of`` differs)
    reassessed: frozenset[str]


def assess_over_time(
    docs: Iterable[Document], dates: Sequence[str | date | None]
) -> Iterator[Epoch]:
    """An :class:`Epoch` per date of ``dates`` (which must not decrease):
    ``statuses`` is ``assess(docs, date)``.

    Text matching is shared: each pair of commitments (or commitment and
    statement) is compared once, when the later of the two documents becomes
    visible, rather than once per date; and a commitment is assessed again
    only when something it depends on may have changed (see ``_assess_changes``).
    """
    docs = list(docs)
    cache = RecordCache()
    return _assess_epochs(docs, (build_index(docs, d, cache=cache) for d in dates))


def _assess_epochs(docs: list[Document], indexes: Iterable[SeriesIndex]) -> Iterator[Epoch]:
    prev: dict[int, CommitmentStatus] = {}
    for as_of, index, changed in _assess_changes(docs, indexes):
        for pos, st in changed:
            prev[pos] = st
        fresh = frozenset(st.id for _, st in changed)
        out = [
            st if st.as_of == as_of else replace(st, as_of=as_of)
            for _, st in sorted(prev.items())
        ]
        yield Epoch(as_of, index, out, fresh)


class EpochChanges(NamedTuple):
    """What changed at one date of :func:`changes_over_time`."""

    as_of: str | None
    index: SeriesIndex
    # (position in document order, status) of every commitment assessed anew;
    # every other visible commitment is as at the previous date but for ``as_of``
    changed: list[tuple[int, CommitmentStatus]]


def changes_over_time(
    docs: Iterable[Document], dates: Sequence[str | date | None]
) -> Iterator[EpochChanges]:
    """Like :func:`assess_over_time`, but each date gives only the commitments
    assessed anew — the work per date is proportional to what may change
    (newly visible commitments, a changed best match, series or anchor links, a
    pending deadline passing), not to every commitment visible."""
    docs = list(docs)
    cache = RecordCache()
    return _assess_changes(docs, (build_index(docs, d, cache=cache) for d in dates))


def _assess_changes(
    docs: list[Document], indexes: Iterable[SeriesIndex]
) -> Iterator[EpochChanges]:
    refs = doc_refs(docs)
    units = [_units(ref) for ref in refs]
    cands = [_candidates(ref) for ref in refs]
    all_units = [u for us in units for u in us]
    all_cands = [c for cs in cands for c in cs]
    for n, u in enumerate(all_units):
        u.pos = n
    for n, c in enumerate(all_cands):
        c.pos = n
    matches = _Matches(all_units, all_cands)
    shown: set[int] = set()
    last: str | None = None
    prev: dict[int, CommitmentStatus] = {}
    by_place: dict[tuple[str, int | None, Span], str] = {}
    first_at: dict[tuple[str, int | None, Span], int] = {}
    at_place: dict[tuple[str, int | None, Span], list[int]] = {}
    # calendar key → visible commitments whose anchored deadline needs it
    anchored: dict[str, list[int]] = {}
    key_version: dict[str, int] = {}  # calendar key → version its commitments were seen at
    deadlines: list[tuple[str, int]] = []  # heap: (due end, pos) of pending ones
    linked: dict[tuple[str, int | None, Span], list[Occurrence]] = {}  # previous date's
    anchor_key: dict[int, str | None] = {}  # pos → the calendar key its deadline needs
    assessed_at: dict[int, int] = {}  # pos → that key's calendar version when assessed
    calendar_versions = _CalendarVersions()
    basis: dict[int, tuple[Any, ...]] = {}  # pos → what it read of its rounds (_series_basis)
    for index in indexes:
        versions: dict[str, int] = {}  # this date's, per key
        as_of = index.as_of
        if last is not None and (as_of is None or as_of < last):
            raise ValueError(f"dates must not decrease ({as_of} after {last})")
        last = as_of
        new = [
            k for k, r in enumerate(refs)
            if k not in shown and (as_of is None or r.date is None or r.date <= as_of)
        ]
        shown.update(new)
        new_units = [u for k in new for u in units[k]]
        matches.add(new_units, [c for k in new for c in cands[k]])
        # by_place keeps the first commitment in document order at a place
        for u in sorted(new_units, key=lambda u: u.pos):
            place = (u.ref.id, u.item.number, u.span)
            if place not in first_at or u.pos < first_at[place]:
                first_at[place], by_place[place] = u.pos, u.id
            at_place.setdefault(place, []).append(u.pos)
            if u.fact.get("anchor"):
                anchor_key[u.pos] = key = _anchor_key(u)
                if key is not None:
                    anchored.setdefault(key, []).append(u.pos)
        todo = {u.pos for u in new_units} | matches.take_dirty()
        # an anchored deadline is re-read only when what the calendar knows of
        # its mechanism (rounds and start dates, all a resolution uses) changed
        # (every one of a key's commitments is assessed at the key's version of
        # its epoch: a key whose version did not change needs none of them)
        for key, poss in anchored.items():
            if key not in versions:
                versions[key] = calendar_versions.of(index.calendar, key, as_of)
            if key_version.get(key) != versions[key]:
                key_version[key] = versions[key]
                todo.update(p for p in poss if assessed_at.get(p) != versions[key])
        # a series left unchanged keeps its occurrence objects (``build_index``
        # with a cache): only commitments linked to other occurrences than at
        # the previous date can be assessed differently
        if index.changed_links is not None:  # the index knows what changed
            places: Iterable[tuple[str, int | None, Span]] = index.changed_links
        else:
            places = [
                place for place, occs in index.links.items()
                if (was := linked.get(place)) is None or len(was) != len(occs) or any(
                    a is not b for a, b in zip(was, occs, strict=True)
                )
            ]
        # … and of those, only the ones whose rounds changed in what the
        # assessment reads (a round planned once more leaves a commitment
        # already superseded as it was)
        for place in places:
            occs = index.links.get(place, [])
            for pos in at_place.get(place, ()):
                if pos not in todo and (
                    pos not in basis or basis[pos] != _series_basis(all_units[pos], occs, by_place)
                ):
                    todo.add(pos)
        linked = index.links
        while deadlines and as_of is not None and deadlines[0][0] < as_of:
            end, pos = heapq.heappop(deadlines)
            old = prev[pos]
            if old.status == "pending" and old.due is not None and old.due.end == end:
                todo.add(pos)
        changed = []
        for pos in sorted(todo):
            u = all_units[pos]
            key = anchor_key.get(pos)
            if key is not None:
                if key not in versions:
                    versions[key] = calendar_versions.of(index.calendar, key, as_of)
                assessed_at[pos] = versions[key]
            st = _assess_one(u, matches, by_place, index, as_of)
            prev[pos] = st
            planned = index.links.get((u.ref.id, u.item.number, u.span))
            if planned:
                basis[pos] = _series_basis(u, planned, by_place)
            else:
                basis.pop(pos, None)
            if st.status == "pending" and st.due is not None and st.due.end is not None:
                heapq.heappush(deadlines, (st.due.end, pos))
            changed.append((pos, st))
        yield EpochChanges(as_of, index, changed)


def _anchor_key(u: _Unit) -> str | None:
    """The calendar key the commitment's anchored deadline is resolved
    against (as ``resolve_anchor`` finds it); None when it needs none: it has
    a deadline of its own, or its anchor names no mechanism."""
    if u.due is not None and u.due.end is not None:
        return None
    p = parse_anchor(str(u.fact.get("anchor")))
    if p is None:
        return None
    name = p.name or u.ref.doc.meeting.mechanism
    return fold_key(name) if name else None


class _CalendarVersions:
    """A number per calendar key that changes whenever the rounds and start
    dates known for that key change (resolving an anchor uses nothing else)."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[frozenset[tuple[int | None, str | None]], int]] = {}
        self.count = 0

    def of(self, calendar: Calendar, key: str, as_of: str | None) -> int:
        known = frozenset((h.ordinal, h.start) for h in calendar.known(key, as_of))
        hit = self.last.get(key)
        if hit is None or hit[0] != known:
            self.count += 1
            hit = self.last[key] = (known, self.count)
        return hit[1]


# --------------------------------------------------------------------------
# Commitments and candidate evidence
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    """One commitment with what matching needs."""

    ref: DocRef
    item: Item
    fact: dict[str, Any]
    id: str
    span: Span
    sentence_span: Span | None
    clause: str
    core: frozenset[str]
    title: str
    refs: frozenset[str]
    actors: frozenset[str]
    due: DateInterval | None
    due_source: str | None
    ordinals: frozenset[int] = frozenset()
    pos: int = -1  # position among all commitments (matching order)


@dataclass(slots=True)
class _Candidate:
    """A later past-tense statement that may show a commitment done."""

    ref: DocRef
    item: Item
    kind: str  # event | statement
    span: Span
    text: str
    core: frozenset[str]
    title: str
    refs: frozenset[str]
    actors: frozenset[str]
    date: DateInterval | None
    ordinals: frozenset[int] = frozenset()
    pos: int = -1  # position among all candidates (matching order)


def _refs(docs: list[Document], as_of: str | None) -> list[DocRef]:
    # The same ordering as the series index, so ``order`` compares across both.
    return [r for r in doc_refs(docs) if as_of is None or r.date is None or r.date <= as_of]


def _span(v: Any) -> Span | None:
    if isinstance(v, (list, tuple)) and len(v) == 2:
        return (int(v[0]), int(v[1]))
    return None


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _inside(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and b[0] <= a[0] and a[1] <= b[1]


def _units(ref: DocRef) -> list[_Unit]:
    out: list[_Unit] = []
    sha = ref.doc.source.sha256
    for item in ref.doc.items:
        f = item.facts
        times = f.get("times") or []
        title = nfkc(item.title or "")
        for c in f.get("commitments") or []:
            span = _span(c.get("span"))
            if span is None:
                continue
            due, how = _due(c, times, span, ref.date)
            out.append(
                _Unit(
                    ref=ref,
                    item=item,
                    fact=c,
                    id=commitment_id(sha, item.number, span),
                    span=span,
                    sentence_span=_span(c.get("sentence_span")),
                    clause=ref.doc.text[span[0] : span[1]],
                    core=_core(ref.doc.text, span, times),
                    title=title,
                    refs=_doc_refs(f, span),
                    actors=_actor_ids(f, span),
                    due=due,
                    due_source=how,
                    ordinals=_ordinals(ref.doc.text[span[0] : span[1]]),
                )
            )
    return out


def _due(
    c: dict[str, Any], times: list[dict[str, Any]], span: Span, on: str | None
) -> tuple[DateInterval | None, str | None]:
    due = DateInterval.from_fact(c.get("due"))
    if due is not None and due.end is not None:
        return due, "text"
    kinds = set(rules()["status"]["due_time_kinds"])
    best: DateInterval | None = None
    for t in times:
        if t.get("kind") not in kinds or not t.get("end"):
            continue
        if not _inside(_span(t.get("span")), span):
            continue
        if on is not None and t["end"] < on:
            continue  # a past date in the clause is not its deadline
        iv = DateInterval(t.get("start") if t.get("kind") != "deadline" else None, t["end"])
        if best is None or t.get("kind") == "deadline":
            best = iv
    if best is not None:
        return best, "time"
    return due, ("text" if due is not None else None)


def _candidates(ref: DocRef) -> list[_Candidate]:
    out: list[_Candidate] = []
    for item in ref.doc.items:
        f = item.facts
        times = f.get("times") or []
        title = nfkc(item.title or "")
        events = f.get("events") or []
        seen: list[Span] = []
        for e in events:
            sp = _span(e.get("span"))
            if sp is None:
                continue
            seen.append(sp)
            out.append(
                _Candidate(
                    ref,
                    item,
                    "event",
                    sp,
                    ref.doc.text[sp[0] : sp[1]],
                    _core(ref.doc.text, sp, times),
                    title,
                    _doc_refs(f, sp),
                    _actor_ids(f, sp),
                    DateInterval.from_fact(e.get("date")),
                    _ordinals(ref.doc.text[sp[0] : sp[1]]),
                )
            )
        for s in f.get("sentences") or []:
            sp = _span(s.get("span"))
            if sp is None or s.get("class") != "past-event" or sp in seen:
                continue
            date = next(
                (
                    DateInterval.from_fact(e.get("date"))
                    for e in events
                    if _overlaps(_span(e.get("span")), sp) and e.get("date")
                ),
                None,
            )
            out.append(
                _Candidate(
                    ref,
                    item,
                    "statement",
                    sp,
                    ref.doc.text[sp[0] : sp[1]],
                    _core(ref.doc.text, sp, times),
                    title,
                    _doc_refs(f, sp),
                    _actor_ids(f, sp),
                    date,
                    _ordinals(ref.doc.text[sp[0] : sp[1]]),
                )
            )
    return out


def _ordinals(text: str) -> frozenset[int]:
    """The round numbers a clause names (第十二次, 第14届, 首轮)."""
    out: set[int] = set()
    for m in re.finditer(rules()["series"]["ordinal_pattern"], nfkc(text)):
        n = object_ordinal(m.group(0))
        if n:
            out.add(n)
    return frozenset(out) if out else _NONE


def _other_round(a: frozenset[int], b: frozenset[int]) -> bool:
    # "落实第十二次会议共识" is not restated by "落实第十三次会议共识": both name
    # rounds, and not the same ones.
    return bool(a) and bool(b) and not (a & b)


@cache
def _stop_re() -> re.Pattern[str]:
    words = sorted(rules()["match"]["stop_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


_NOT_WORD = re.compile(r"[\W\d_]+")


def _core(text: str, span: Span, times: list[dict[str, Any]]) -> frozenset[str]:
    """Character bigrams of the clause without times, stop words, digits and
    punctuation. Removed parts become breaks, so no bigram spans a gap."""
    a, b = span
    chars = list(text[a:b])
    for t in times:
        ts = _span(t.get("span"))
        if ts and _overlaps(ts, span):
            for i in range(max(ts[0], a), min(ts[1], b)):
                chars[i - a] = "|"
    s = unicodedata.normalize("NFKC", "".join(chars))
    s = _stop_re().sub("|", s)
    s = _NOT_WORD.sub("|", s)
    grams: set[str] = set()
    for seg in s.split("|"):
        grams.update(seg[i : i + 2] for i in range(len(seg) - 1))
    return _shared_core(frozenset(grams))


_NONE: frozenset[Any] = frozenset()  # one empty set for every clause without any

# One object per distinct core, made of interned bigrams: a clause restated
# round after round (and every bigram) is held once, not once per commitment.
_CORES: dict[frozenset[str], frozenset[str]] = {}


def _shared_core(core: frozenset[str]) -> frozenset[str]:
    hit = _CORES.get(core)
    if hit is None:
        if len(_CORES) >= 500_000:
            _CORES.clear()
        hit = _CORES[core] = frozenset(sys.intern(g) for g in core)
    return hit


def _doc_refs(f: dict[str, Any], span: Span) -> frozenset[str]:
    kinds = set(rules()["match"]["document_actor_types"])
    out: set[str] = set()
    for r in f.get("references") or []:
        if _overlaps(_span(r.get("span")), span):
            key = r.get("id") or (nfkc(r["title"]) if r.get("title") else None)
            if key:
                out.add(key)
    for a in f.get("actors") or []:
        if a.get("type") in kinds and a.get("id") and _overlaps(_span(a.get("span")), span):
            out.add(a["id"])
    return frozenset(out) if out else _NONE


def _actor_ids(f: dict[str, Any], span: Span) -> frozenset[str]:
    kinds = set(rules()["match"]["actor_types"])
    out = frozenset(
        a["id"]
        for a in f.get("actors") or []
        if a.get("type") in kinds and a.get("id") and _overlaps(_span(a.get("span")), span)
    )
    return out if out else _NONE


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


def _bonus(u: _Unit, title: str, refs: frozenset[str], actors: frozenset[str]) -> float:
    m = rules()["match"]
    b = 0.0
    if u.title and u.title == title:
        b += float(m["title_bonus"])
    if u.refs & refs:
        b += float(m["reference_bonus"])
    if u.actors & actors:
        b += float(m["actor_bonus"])
    return b


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _containment(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


@cache
def _compatible() -> frozenset[tuple[str, str]]:
    pairs = rules()["match"]["compatible_actions"]
    return frozenset((x, y) for x, y in pairs) | frozenset((y, x) for x, y in pairs)


def _actions_agree(a: str | None, b: str | None) -> bool:
    return a == b or (a, b) in _compatible()


def _prefix(core: frozenset[str], rank: dict[str, int], need: float) -> list[str]:
    """The rarest bigrams of ``core`` such that any set sharing at least
    ``need`` (a share of ``len(core)``) of them shares one of these: the
    prefix-filtering principle, with one fixed order of bigrams (``rank``)."""
    keep = len(core) - max(1, math.ceil(need * len(core) - 1e-9)) + 1
    return sorted(core, key=lambda g: (rank.get(g, 0), g))[: max(keep, 0)]


def _rarest_first(cores: Iterable[frozenset[str]]) -> dict[str, int]:
    df: Counter[str] = Counter()
    for core in cores:
        df.update(core)
    return {g: n for n, (g, _) in enumerate(sorted(df.items(), key=lambda x: (x[1], x[0])))}


class _Postings:
    """Inverted lists: which items (units or statements) have which key."""

    def __init__(self) -> None:
        self.lists: dict[str, list[Any]] = {}

    def add(self, keys: Iterable[str], x: Any) -> None:
        for k in keys:
            self.lists.setdefault(k, []).append(x)

    def find(self, keys: Iterable[str], dead: set[int] | None = None) -> dict[int, Any]:
        """Everything under any of ``keys``, but the positions in ``dead``
        (dropped from the lists on the way: they never come back)."""
        out: dict[int, Any] = {}
        for k in keys:
            xs = self.lists.get(k)
            if not xs:
                continue
            if dead and any(x.pos in dead for x in xs):
                xs = self.lists[k] = [x for x in xs if x.pos not in dead]
            for x in xs:
                out[x.pos] = x
        return out


def _shared_keys(x: _Unit | _Candidate) -> list[str]:
    """Keys of the bonuses: a pair with any bonus shares one of these."""
    keys = [f"t:{x.title}"] if x.title else []
    keys += [f"r:{r}" for r in x.refs]
    keys += [f"a:{a}" for a in x.actors]
    return keys


class _Matches:
    """The best restatement and completion evidence of every commitment among
    the documents visible so far.

    Documents become visible in epochs (:meth:`add`); each pair is scored once,
    when the later of its two documents arrives. Only pairs that can reach the
    threshold are scored: a pair scores ``text + bonus``, and a pair with a
    bonus shares an item title, a referenced document or an actor (found
    through inverted lists of those), while a pair without one needs the text
    score alone — for bigram sets, a share of common bigrams that the
    prefix-filtering principle turns into "shares one of its rarest few". The
    result is the same as scoring every pair; among equal scores the earlier in
    document order wins, as a scan in that order would find it.
    """

    def __init__(self, units: list[_Unit], cands: list[_Candidate]) -> None:
        m = rules()["match"]
        self.min_bigrams = int(m["min_bigrams"])
        self.restate_min = float(m["restate_min"])
        self.evidence_min = float(m["evidence_min"])
        self.units, self.cands = units, cands
        self.restated: dict[int, tuple[float, int]] = {}  # unit pos → (score, unit pos)
        self.completed: dict[int, tuple[float, int]] = {}  # unit pos → (score, cand pos)
        self.verb_keys = tuple(rules()["evidence"]["verbs"])
        # thresholds ≤ 0 would let pairs without anything in common match
        self.exhaustive = self.restate_min <= 0 or self.evidence_min <= 0
        # Dice ≥ d needs |A∩B| ≥ d/(2-d)·|A|; containment ≥ e needs |U∩C| ≥ e·|U|
        d = self.restate_min
        u_rank = _rarest_first(u.core for u in units)
        c_rank = _rarest_first(c.core for c in cands)
        self.r_prefix = {u.pos: _prefix(u.core, u_rank, d / (2 - d)) for u in units}
        self.c_prefix = {u.pos: _prefix(u.core, c_rank, self.evidence_min) for u in units}
        self.unit_lists = _Postings()  # visible units: restatement prefix + bonus keys
        self.unit_c_lists = _Postings()  # visible units: completion prefix + bonus keys
        self.cand_lists = _Postings()  # visible statements: all bigrams + bonus keys
        # … of undated documents: the only ones later than a newly visible dated unit
        self.undated_cand_lists = _Postings()
        # Units whose best restatement / completion no later arrival can beat: the
        # best score possible, from a dated document (every document still to
        # come is later in document order, so it loses the tie). Left out of the
        # lookups: with a clause restated round after round, this keeps the
        # pairs scored near-linear.
        self.done_restated: set[int] = set()
        self.done_completed: set[int] = set()
        self.seen_units: list[_Unit] = []
        self.seen_cands: list[_Candidate] = []
        self.dirty: set[int] = set()  # units whose best match changed since take_dirty()

    def take_dirty(self) -> set[int]:
        out, self.dirty = self.dirty, set()
        return out

    def _verb_key(self, u: _Unit) -> str:
        action = u.fact.get("action") or "other"
        return action if action in self.verb_keys else "other"

    def add(self, units: list[_Unit], cands: list[_Candidate]) -> None:
        """Make ``units`` and ``cands`` visible: one date at a time (undated
        first), as if each date were an epoch of its own — the same pairs are
        scored, and the shortcuts that rely on later arrivals being later in
        document order hold."""
        by_date: dict[str, tuple[list[_Unit], list[_Candidate]]] = {}
        for u in units:
            by_date.setdefault(u.ref.date or "", ([], []))[0].append(u)
        for c in cands:
            by_date.setdefault(c.ref.date or "", ([], []))[1].append(c)
        for d in sorted(by_date):
            self._add_date(*by_date[d])

    def _add_date(self, units: list[_Unit], cands: list[_Candidate]) -> None:
        usable = [u for u in units if len(u.core) >= self.min_bigrams]
        fresh = _Postings()  # this call's statements (dated any time up to the last)
        # completion: new statements against the units already visible …
        for c in cands:
            found = (
                {u.pos: u for u in self.seen_units}
                if self.exhaustive
                else self.unit_c_lists.find([*c.core, *_shared_keys(c)], self.done_completed)
            )
            for u in found.values():
                self._complete(u, c)
            self.cand_lists.add([*c.core, *_shared_keys(c)], c)
            if c.ref.date is None:
                self.undated_cand_lists.add([*c.core, *_shared_keys(c)], c)
            else:
                fresh.add([*c.core, *_shared_keys(c)], c)
            self.seen_cands.append(c)
        # … then new units against every visible statement; restatement pairs
        for u in usable:
            if self.exhaustive:
                cs: dict[int, _Candidate] = {c.pos: c for c in self.seen_cands}
                vs: dict[int, _Unit] = {v.pos: v for v in self.seen_units}
            else:
                # a statement of an earlier call is later than a dated new unit
                # only when undated (the others are dated before it)
                keys = [*self.c_prefix[u.pos], *_shared_keys(u)]
                if u.ref.date is None:
                    cs = self.cand_lists.find(keys)
                else:
                    cs = self.undated_cand_lists.find(keys) | fresh.find(keys)
                vs = self.unit_lists.find(
                    [*self.r_prefix[u.pos], *_shared_keys(u)], self.done_restated
                )
            for c in cs.values():
                self._complete(u, c)
            for v in vs.values():
                self._restate(u, v)
                self._restate(v, u)
            self.unit_lists.add([*self.r_prefix[u.pos], *_shared_keys(u)], u)
            self.unit_c_lists.add([*self.c_prefix[u.pos], *_shared_keys(u)], u)
            self.seen_units.append(u)
        if not self.exhaustive:
            self._settle()

    def _settle(self) -> None:
        """Mark the units whose best matches can no longer change (see
        ``done_restated``); only after a whole :meth:`add`, whose pairs come in
        no particular order."""
        for pos in self.dirty:
            u = self.units[pos]
            top = 1.0 + _bonus(u, u.title, u.refs, u.actors)
            r = self.restated.get(pos)
            if r is not None and r[0] == top and self.units[r[1]].ref.date is not None:
                self.done_restated.add(pos)
            c = self.completed.get(pos)
            if c is not None and c[0] == top and self.cands[c[1]].ref.date is not None:
                self.done_completed.add(pos)

    def _restate(self, u: _Unit, v: _Unit) -> None:
        """Score ``v`` as a restatement of ``u`` (both have usable cores)."""
        if v.ref.order <= u.ref.order or (v.ref.date and u.ref.date and v.ref.date <= u.ref.date):
            return
        # the score first: a pair that cannot beat the best so far needs no
        # other test (all tests must pass for the pair to count)
        s = _dice(u.core, v.core) + _bonus(u, v.title, v.refs, v.actors)
        best = self.restated.get(u.pos)
        if s < self.restate_min or (
            best is not None and (s < best[0] or (s == best[0] and v.pos >= best[1]))
        ):
            return
        if not _actions_agree(u.fact.get("action"), v.fact.get("action")):
            return
        if _other_round(u.ordinals, v.ordinals):
            return
        self.restated[u.pos] = (s, v.pos)
        self.dirty.add(u.pos)

    def _complete(self, u: _Unit, c: _Candidate) -> None:
        """Score statement ``c`` as evidence that ``u`` was done."""
        if c.ref.order <= u.ref.order or (c.ref.date and u.ref.date and c.ref.date <= u.ref.date):
            return
        # the score first: a pair that cannot beat the best so far needs no
        # other test (all tests must pass for the pair to count)
        s = _containment(u.core, c.core) + _bonus(u, c.title, c.refs, c.actors)
        best = self.completed.get(u.pos)
        if s < self.evidence_min or (
            best is not None and (s < best[0] or (s == best[0] and c.pos >= best[1]))
        ):
            return
        if _other_round(u.ordinals, c.ordinals):
            return
        if not any(v in c.text for v in _verbs(self._verb_key(u))):
            return
        if u.fact.get("action") == "hold-meeting":
            head = meeting_head(u.fact.get("object") or "")
            if head is not None and head not in nfkc(c.text):
                return
        self.completed[u.pos] = (s, c.pos)
        self.dirty.add(u.pos)

    def restatement(self, u: _Unit) -> tuple[_Unit, float] | None:
        hit = self.restated.get(u.pos)
        return (self.units[hit[1]], hit[0]) if hit else None

    def completion(self, u: _Unit) -> tuple[_Candidate, float] | None:
        hit = self.completed.get(u.pos)
        return (self.cands[hit[1]], hit[0]) if hit else None


@cache
def _verbs(action: str) -> tuple[str, ...]:
    table: dict[str, list[str]] = rules()["evidence"]["verbs"]
    return tuple(table.get(action, table.get("other", [])))


# --------------------------------------------------------------------------
# One commitment
# --------------------------------------------------------------------------


def _cite(ref: DocRef, item: int | None, span: Span | None) -> tuple[Source, str]:
    text = ref.doc.text[span[0] : span[1]] if span else ""
    return Source(ref.id, item, span, "evidence"), text


def _assess_one(
    u: _Unit,
    matches: _Matches,
    by_place: dict[tuple[str, int | None, Span], str],
    index: SeriesIndex,
    as_of: str | None,
) -> CommitmentStatus:
    c = u.fact
    st = CommitmentStatus(
        id=u.id,
        doc=u.ref.id,
        item=u.item.number,
        span=u.span,
        sentence_span=u.sentence_span,
        text=u.clause,
        action=c.get("action"),
        object=c.get("object"),
        status="unknown",
        as_of=as_of,
        due=u.due,
        due_source=u.due_source,
        anchor=c.get("anchor"),
    )
    occs = index.links.get((u.ref.id, u.item.number, u.span), [])
    st.series = [{"id": o.series_id, "ordinal": o.ordinal} for o in occs]
    if st.due is None or st.due.end is None:
        _due_from_anchor_or_series(st, u, occs, index, as_of)
    due_end = st.due.end if st.due else None

    # 1. Evidence that it was done.
    done: list[Evidence] = []
    if occs:
        done = _series_evidence(u, occs)
        if len(done) < len(occs):
            done = []  # every planned round must be shown held
    if not done and not occs:
        found = matches.completion(u)
        if found is not None:
            cand, score = found
            src, text = _cite(cand.ref, cand.item.number, cand.span)
            ev = Evidence(cand.kind, src, text, cand.date, score)
            progress_only = c.get("action") in rules()["status"]["progress_only_actions"]
            if progress_only and due_end is None:
                ev.kind = "progress"
                st.evidence.append(ev)
            else:
                done = [ev]
    if done:
        st.evidence.extend(done)
        late = due_end is not None and any(
            e.date is not None and e.date.start is not None and e.date.start > due_end for e in done
        )
        st.status = "fulfilled-late" if late else "fulfilled"
        st.reason = "shown held" if occs else "a later statement reports it done"
        return _scored(st)

    # 2. Restated with another deadline.
    sup = _series_restatement(u, occs, by_place) if occs else None
    if sup is None and not occs:
        hit = matches.restatement(u)
        if hit is not None:
            v, score = hit
            src, text = _cite(v.ref, v.item.number, v.span)
            ev = Evidence("restatement", src, text, v.due, score, v.id)
            if _new_deadline(st.due, v.due):
                sup = (v.id, ev)
            else:
                st.evidence.append(ev)
    if sup is not None:
        st.superseded_by, ev = sup
        st.evidence.append(ev)
        st.status = "superseded"
        st.reason = "restated later with another deadline"
        return _scored(st)

    # 3. By the deadline.
    if due_end is not None:
        if as_of is not None and due_end < as_of:
            st.status, st.reason = "overdue", "deadline passed without evidence"
        else:
            st.status, st.reason = "pending", "deadline not reached"
    elif st.anchor:
        st.status, st.reason = "unknown", f"anchoring event not known ({st.anchor})"
    elif c.get("action") in rules()["status"]["ongoing_actions"]:
        st.status, st.reason = "ongoing", "no deadline; continuing"
    else:
        st.status, st.reason = "unknown", "no deadline and no evidence"
    return _scored(st)


def _scored(st: CommitmentStatus) -> CommitmentStatus:
    st.score = g20_score(st.status)
    return st


def _due_from_anchor_or_series(
    st: CommitmentStatus, u: _Unit, occs: list[Occurrence], index: SeriesIndex, as_of: str | None
) -> None:
    if st.anchor:
        gran = None
        for t in u.item.facts.get("times") or []:
            if t.get("anchor") == st.anchor and _overlaps(_span(t.get("span")), u.span):
                gran = t.get("granularity")
                break
        res = resolve_anchor(st.anchor, u.ref.doc, index.calendar, granularity=gran, as_of=as_of)
        if res is not None:
            st.due, st.due_source = res.due, "anchor"
            return
    for o in occs:
        for r in o.records_of(u.ref.id):
            if u.span in r.commitments and r.due and r.due.end:
                st.due, st.due_source = r.due, "series"
                return


def _series_evidence(u: _Unit, occs: list[Occurrence]) -> list[Evidence]:
    out: list[Evidence] = []
    for o in occs:
        h = o.held_by
        if h is None or h.doc.id == u.ref.id:
            continue
        kind = "series-implied" if h.via == "implied" else "series-held"
        src, text = _cite(h.doc, h.item, h.evidence_span or h.span)
        out.append(Evidence(kind, src, text, h.date))
    return out


def _successor(u: _Unit, o: Occurrence) -> Record | None:
    """The first plan of round ``o`` after ``u``'s document that gives it another
    deadline: the restatement that superseded ``u``. Not the latest such plan —
    a later one supersedes that first one in turn (``superseded_by`` chains
    the restatements), so what a commitment cites does not change as rounds
    keep being planned again."""
    if u.due is None or u.due.end is None:
        return None  # no deadline of its own to differ from (see _new_deadline)
    own = u.ref.date
    plans = o.plans
    for n in range(o.first_plan_after(u.ref.order), len(plans)):
        p = plans[n]
        if p.due is None or not (own is None or p.doc.date is None or p.doc.date > own):
            continue
        if _new_deadline(u.due, p.due):
            return p
    return None


def _series_basis(
    u: _Unit, occs: list[Occurrence], by_place: dict[tuple[str, int | None, Span], str]
) -> tuple[Any, ...]:
    """All that :func:`_assess_one` reads of the rounds ``u`` plans: equal
    bases give equal statuses (the anchor's calendar and the date aside)."""
    out = []
    for o in occs:
        h = o.held_by
        held = None if h is None else (h.doc.id, h.item, h.evidence_span or h.span, h.via, h.date)
        p = _successor(u, o)
        sup = None
        if p is not None:
            cid = by_place.get((p.doc.id, p.item, p.commitments[0])) if p.commitments else None
            sup = (p.doc.id, p.item, p.evidence_span or p.span, p.due, cid)
        due = None
        if u.due is None or u.due.end is None:  # read only then (_due_from_anchor_or_series)
            due = [r.due for r in o.records_of(u.ref.id) if u.span in r.commitments]
        out.append((o.series_id, o.ordinal, held, sup, due))
    return tuple(out)


def _series_restatement(
    u: _Unit, occs: list[Occurrence], by_place: dict[tuple[str, int | None, Span], str]
) -> tuple[str | None, Evidence] | None:
    """The plan of a round ``u`` plans that gave it another due interval first."""
    for o in occs:
        p = _successor(u, o)
        if p is None:
            continue
        cid = None
        if p.commitments:
            cid = by_place.get((p.doc.id, p.item, p.commitments[0]))
        src, text = _cite(p.doc, p.item, p.evidence_span or p.span)
        return cid, Evidence("restatement", src, text, p.due, None, cid)
    return None


def _new_deadline(old: DateInterval | None, new: DateInterval | None) -> bool:
    if new is None or new.end is None:
        return False
    if old is None or old.end is None:
        return False  # a first deadline given later is a restatement, not a change
    return new.end != old.end
