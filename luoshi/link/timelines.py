"""Timelines of recurring mechanisms across a set of outcome documents.

``build_timelines(docs, as_of=None)`` gives one :class:`Timeline` per
recurring mechanism (series): every occurrence (round) with its ordinal, what
the documents planned for it and what later documents show about it, and a
status as of a date.

How it works:

1. **Records.** Every series mention of every item (``facts["series"]``)
   becomes a record: planned, held or unknown, with its due interval or date,
   place and symbolic anchor. Each document's own ``meeting`` (mechanism,
   round, dates, venue) is a held record of its mechanism. A "hold a meeting"
   commitment whose clause has no series mention but whose object names a
   known mechanism ("举行一次法律顾问磋商", "举行一次中美残障人士协调会议")
   is a planned record without an ordinal; a following sentence of the item
   that opens with 本次/此次/该 … ("本次磋商定于2014年10月在华盛顿举行") gives
   that record its date and place.
2. **Filling gaps from the item.** A held mention without a date takes the
   date of the past event (``facts["events"]``) whose span covers it; a planned
   mention without a due interval takes the commitment covering it (due,
   place, anchor); a mention's textual anchor ("下一轮中美战略与经济对话前夕")
   takes the symbolic anchor and granularity of the time expression with that
   text.
3. **Grouping.** Records with the same series id, or the same folded key
   (``anchors.fold_key``: 残障人士 = 残疾人事务, JLG = 执法合作联合联络小组,
   ordinals and counts dropped), form one series. The id shown is the most
   frequent gazetteer/series-rules id of the group (a ``series:…`` id only when
   there is no other).
4. **Ordinals.** 下一次/relation "next" and unnumbered plans resolve to the
   highest ordinal known held by then (in that document or an earlier one,
   rounds of the documents' own meetings included) + 1; with none held, to the
   highest ordinal an earlier document planned; with none planned either, from
   what later documents say: the lowest ordinal a later document mentions is
   this one when reported held on or after the plan, the one before it when
   only planned there ("首届" held in 2015 → the 2014 plan was the first; a
   2015 plan for the "第二次" → the 2014 plan was the first). Unresolved ones
   stay separate occurrences (ordinal null), one per planning item.
5. **Numbering implies holding.** When a later document mentions round k of a
   series, every earlier round j < k that some earlier document planned, that
   this document does not plan again, and that nothing shows held, is taken as
   held (role "implied", no date): rounds are only numbered on after the
   previous one met.
6. **Anchored deadlines** are resolved with ``anchors.resolve_anchor`` against
   the documents' meetings and the held records with a date.
7. **Status as of a date** (records of documents dated after it are
   ignored): ``held`` when a record shows it held (``held-late`` when the held
   date starts after the end of the plan in force before it); else
   ``overdue`` when the latest plan's due interval has ended before the date;
   ``planned`` when it has not or has no date; ``unknown`` when only mentioned
   without tense.

Documents are cited as ``{doc, item, span, role}`` with ``doc`` the ledger's
document id (``anchors.doc_id``). ``as_of`` defaults to the latest document
date of the set (what the corpus itself can know); pass today's date for "now".
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from luoshi.link.anchors import (
    Calendar,
    DateInterval,
    Happening,
    Source,
    coref_re,
    doc_date,
    doc_id,
    fold_key,
    iso_day,
    meeting_happening,
    nfkc,
    resolve_anchor,
    rules,
)
from luoshi.model import Document, Item

__all__ = [
    "Occurrence",
    "Record",
    "SeriesIndex",
    "Timeline",
    "build_index",
    "build_timelines",
    "occurrence_status",
]

_SERIES_RULES = Path(__file__).resolve().parent.parent / "data" / "series_rules.toml"

OCCURRENCE_STATUSES = ("planned", "held", "held-late", "overdue", "unknown")

Span = tuple[int, int]


@dataclass(slots=True)
class DocRef:
    doc: Document
    id: str
    date: str | None
    order: int


@dataclass(slots=True)
class Record:
    """One thing a document says about one occurrence of a mechanism."""

    kind: str  # planned | held | unknown
    key: str  # fold_key of the name
    series_id: str | None
    name: str
    name_en: str | None
    ordinal: int | None
    relation: str | None  # "next" | "unnumbered" | None
    doc: DocRef
    item: int | None
    span: Span | None
    via: str  # series | commitment | meeting | implied
    date: DateInterval | None = None  # when held
    due: DateInterval | None = None  # when planned
    place: str | None = None
    anchor: str | None = None  # symbolic (next-round:…)
    anchor_text: str | None = None  # as the series extractor quoted it
    granularity: str | None = None
    anchor_due: bool = False  # due came from a resolved anchor
    in_anchor: bool = False  # the mention names the event a deadline is anchored to
    commitments: list[Span] = field(default_factory=list)  # clauses planning it
    evidence_span: Span | None = None  # sentence to cite

    @property
    def known_on(self) -> str | None:
        return self.doc.date

    def source(self, role: str | None = None) -> Source:
        return Source(self.doc.id, self.item, self.span, role or self.kind)


@dataclass(slots=True)
class Occurrence:
    """One round of a series, with every record about it visible as of a date."""

    series_id: str
    ordinal: int | None
    records: list[Record]
    status: str = "unknown"
    date: DateInterval | None = None
    planned: DateInterval | None = None
    place: str | None = None
    held_by: Record | None = None  # the record that shows it held
    plan: Record | None = None  # the plan in force (latest)
    # ``plans`` (sorted), their documents' order and the records per document,
    # made once: an occurrence's records are not changed once built
    sorted_plans: list[Record] | None = field(default=None, repr=False, compare=False)
    plan_orders: list[int] | None = field(default=None, repr=False, compare=False)
    doc_records: dict[str, list[Record]] | None = field(default=None, repr=False, compare=False)

    @property
    def plans(self) -> list[Record]:
        if self.sorted_plans is None:
            self.sorted_plans = sorted(
                (r for r in self.records if r.kind == "planned"),
                key=lambda r: (r.doc.order, r.span or (0, 0)),
            )
        return self.sorted_plans

    def first_plan_after(self, order: int) -> int:
        """The position in ``plans`` of the first plan from a document later in
        document order than ``order`` (``len(plans)`` when none is)."""
        if self.plan_orders is None:
            self.plan_orders = [p.doc.order for p in self.plans]
        return bisect.bisect_right(self.plan_orders, order)

    def records_of(self, doc_id: str) -> list[Record]:
        """The records that document ``doc_id`` gives this occurrence."""
        if self.doc_records is None:
            self.doc_records = {}
            for r in self.records:
                self.doc_records.setdefault(r.doc.id, []).append(r)
        return self.doc_records.get(doc_id, [])

    @property
    def held(self) -> list[Record]:
        return [r for r in self.records if r.kind == "held"]

    def sources(self) -> list[Source]:
        out: list[Source] = []
        seen: set[tuple[str, int | None, Span | None, str]] = set()
        for r in sorted(self.records, key=lambda r: (r.doc.order, r.span or (0, 0))):
            role = "implied" if r.via == "implied" else r.kind
            k = (r.doc.id, r.item, r.span, role)
            if k not in seen:
                seen.add(k)
                out.append(r.source(role))
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "ordinal": self.ordinal,
            "status": self.status,
            "date": self.date.to_json() if self.date else None,
            "planned": self.planned.to_json() if self.planned else None,
            "place": self.place,
            "sources": [s.to_json() for s in self.sources()],
        }


@dataclass(slots=True)
class Timeline:
    series_id: str
    name: str
    name_en: str | None
    occurrences: list[Occurrence]
    keys: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return {
            "series": {"id": self.series_id, "name": self.name, "name_en": self.name_en},
            "occurrences": [o.to_json() for o in self.occurrences],
        }

    def occurrence(self, ordinal: int) -> Occurrence | None:
        for o in self.occurrences:
            if o.ordinal == ordinal:
                return o
        return None


@dataclass(slots=True)
class SeriesIndex:
    """Timelines plus the links ``luoshi.link.status`` needs."""

    timelines: list[Timeline]
    as_of: str | None
    # (doc id, item, commitment clause span) → occurrences that clause plans
    links: dict[tuple[str, int | None, Span], list[Occurrence]]
    by_id: dict[str, Timeline]
    calendar: Calendar
    # the links whose occurrences are other objects than at the previous call
    # with the same cache (None: unknown, compare every link)
    changed_links: set[tuple[str, int | None, Span]] | None = None


# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------


def build_timelines(docs: Iterable[Document], as_of: str | date | None = None) -> list[Timeline]:
    """One timeline per recurring mechanism, statuses as of ``as_of`` (ISO
    date or ``date``; default: the latest document date)."""
    return build_index(docs, as_of).timelines


class RecordCache:
    """What :func:`build_index` can reuse between calls on the same documents
    at several dates: each item's records, kept pristine (each call mutates its
    own copies while it groups and resolves them), and each series as the last
    call left it. An item's records depend only on the item and on the
    mechanism keys known, so they are reused while those keys stay the same; a
    series is reused while it has the same records and the calendar and the
    date change none of its anchors and statuses."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple[str | None, str]] | None = None
        self.version = 0
        # id(item) → (item, keys version, records, links as record positions)
        self.items: dict[int, tuple[Item, int, list[Record], dict[Any, list[int]]]] = {}
        # document id → (document, keys version, its meeting record)
        self.meetings: dict[str, tuple[Document, int, Record | None]] = {}
        # document id → (document, keys version, its records, their links)
        self.documents: dict[str, tuple[Document, int, list[Record], dict[Any, list[Record]]]] = {}
        self.docs: tuple[int, ...] = ()  # ids of the documents the series are of
        self.series: dict[str, _Series] = {}  # series id → as the last call left it
        self.refs: list[DocRef] = []  # doc_refs of those documents
        self.view: _View | None = None  # what the visible documents gave last time
        self.stats: Counter[str] = Counter()  # series kept / extended / rebuilt, per call

    def use_keys(self, keys: dict[str, tuple[str | None, str]]) -> None:
        if keys != self.keys:
            self.keys, self.version = keys, self.version + 1
            self.series = {}

    def use_docs(self, docs: Sequence[Document]) -> list[DocRef]:
        ids = tuple(id(d) for d in docs)
        if ids != self.docs:  # other documents: other document order
            self.docs, self.series, self.view = ids, {}, None
            self.refs = doc_refs(docs)
        return self.refs

    def pristine(
        self, ref: DocRef, item: Item, known_keys: dict[str, tuple[str | None, str]]
    ) -> tuple[list[Record], dict[tuple[str, int | None, Span], list[Record]]]:
        """The item's records themselves: never to be mutated."""
        hit = self.items.get(id(item))
        if hit is None or hit[0] is not item or hit[1] != self.version:
            recs, links = _item_records(ref, item, known_keys)
            at = {id(r): n for n, r in enumerate(recs)}
            hit = (
                item,
                self.version,
                [_clone(r, ref) for r in recs],
                {k: [at[id(r)] for r in v] for k, v in links.items()},
            )
            self.items[id(item)] = hit
        recs = hit[2]
        return recs, {k: [recs[i] for i in v] for k, v in hit[3].items()}

    def meeting(self, ref: DocRef, known_keys: dict[str, tuple[str | None, str]]) -> Record | None:
        """The document's meeting record, pristine."""
        hit = self.meetings.get(ref.id)
        if hit is None or hit[0] is not ref.doc or hit[1] != self.version:
            hit = (ref.doc, self.version, _meeting_record(ref, known_keys))
            self.meetings[ref.id] = hit
        return hit[2]

    def document(
        self, ref: DocRef, known_keys: dict[str, tuple[str | None, str]]
    ) -> tuple[list[Record], dict[tuple[str, int | None, Span], list[Record]]]:
        """Every pristine record of the document (its items', then its
        meeting record) and their links: one lookup per document and date."""
        hit = self.documents.get(ref.id)
        if hit is None or hit[0] is not ref.doc or hit[1] != self.version:
            recs, links = _doc_records(ref, known_keys, self.pristine, self.meeting)
            hit = (ref.doc, self.version, recs, links)
            self.documents[ref.id] = hit
        return hit[2], hit[3]


def _doc_records(
    ref: DocRef,
    known_keys: dict[str, tuple[str | None, str]],
    item_records: Any,
    meeting_record: Any,
) -> tuple[list[Record], dict[tuple[str, int | None, Span], list[Record]]]:
    records: list[Record] = []
    links: dict[tuple[str, int | None, Span], list[Record]] = {}
    for item in ref.doc.items:
        recs, item_links = item_records(ref, item, known_keys)
        records.extend(recs)
        links.update(item_links)
    mr = meeting_record(ref, known_keys)
    if mr is not None:
        records.append(mr)
    return records, links


@dataclass(slots=True)
class _Series:
    """One series as a :func:`build_index` call built it."""

    members: list[Record]  # its pristine records, in grouping order
    happenings: list[Happening]  # what it added to the calendar, in order
    # its anchored plans: (anchor, document, granularity, (due, anchor_due) after resolving)
    anchors: list[tuple[str, Document, str | None, tuple[DateInterval | None, bool]]]
    timeline: Timeline
    occurrence_of: dict[int, Occurrence]  # id(pristine record) → its occurrence
    calendar_part: dict[str, list[Happening]] = field(default_factory=dict)  # per key
    due: tuple[str | None, bool, str | None] | None = None  # _due_bounds, once asked
    work: _Work | None = None  # how _prepare (or _extend) left it, for _extend to go on from
    anchored: list[Record] = field(default_factory=list)  # its pristine members with an anchor


@dataclass(slots=True)
class _Work:
    """What building a series resolved, kept so that a later epoch whose new
    documents only add records to it can go on from there (:func:`_extend`)
    instead of starting over from all its records."""

    pairs: list[tuple[Record, Record]]  # members' (pristine, copy), then implied (copy, copy)
    n_members: int
    # the highest ordinal of a held / planned record numbered by its own text
    max_held: int | None
    max_planned: int | None
    settled: bool  # no ordinal taken from a later record, none left unknown
    keys: frozenset[str]
    explicit_held: frozenset[int]  # ordinals with a held record (not implied)
    first_plan: dict[int, int]  # ordinal → document order of its first plan
    plan_orders: dict[int, frozenset[int]]  # ordinal → document orders of its plans
    implied: dict[int, Record]  # ordinal → the held record implied for it
    member_names: Counter[str]  # names of the members (not meetings), first seen first
    member_en: tuple[str | None, str | None]  # first name_en, first known English name
    # the occurrence (by _bucket) → id(pristine) of its members: an occurrence
    # put back by _keep_occurrences holds copies of an earlier build
    bucket_members: dict[tuple[Any, ...], list[int]]


def _clone(r: Record, ref: DocRef) -> Record:
    return Record(
        r.kind, r.key, r.series_id, r.name, r.name_en, r.ordinal, r.relation, ref, r.item,
        r.span, r.via, r.date, r.due, r.place, r.anchor, r.anchor_text, r.granularity,
        r.anchor_due, r.in_anchor, list(r.commitments), r.evidence_span,
    )


def build_index(
    docs: Iterable[Document],
    as_of: str | date | None = None,
    *,
    cache: RecordCache | None = None,
) -> SeriesIndex:
    """Timelines plus the commitment → occurrence links ``status`` uses
    (``cache``: shared by calls on the same documents at several dates; a
    series whose records, anchors and statuses are unchanged keeps its
    :class:`Timeline` object from the previous call)."""
    as_of = iso_day(as_of)
    docs = list(docs)
    if cache is None:
        cache = RecordCache()
    refs = cache.use_docs(docs)
    if as_of is None:
        dates = [r.date for r in refs if r.date]
        as_of = max(dates) if dates else None
    visible = [r for r in refs if as_of is None or r.date is None or r.date <= as_of]
    view = cache.view
    # Documents only added after the ones seen (dates advancing, no undated
    # document to precede them): extend what the last call gave. Else, or when
    # the new documents name a mechanism not known before (every item's
    # records depend on those names), start over.
    if view is None or not view.extends(visible) or not view.add_keys(visible):
        view = cache.view = _View()
        view.add_keys(visible)
    cache.use_keys(view.keys)
    incremental = bool(view.refs) and bool(cache.series)
    view.add_docs(visible, cache)
    groups = view.grouped()
    before = cache.series
    calendar = Calendar(())
    calendar.by_key = {k: list(v) for k, v in view.meetings.items()}

    def add_to_calendar(part: dict[str, list[Happening]]) -> None:
        for k, hs in part.items():
            calendar.by_key.setdefault(k, []).extend(hs)

    # 1. ordinals and held rounds per series; what they add to the calendar
    kept: dict[str, _Series] = {}
    worked: dict[str, tuple[list[tuple[Record, Record]], list[Happening], _Work, bool]] = {}
    for sid, members in groups.items():
        old = before.get(sid)
        if old is not None and (old.members is members or _same_records(old.members, members)):
            kept[sid] = old  # the same records give the same rounds and happenings
            add_to_calendar(old.calendar_part)
            continue
        ext = _extend(sid, old, members, view.ref_of) if old is not None else None
        pairs, happenings, work = ext or _prepare(sid, members, view.ref_of)
        add_to_calendar(_by_key(happenings))
        worked[sid] = (pairs, happenings, work, ext is not None)
    # 2. anchors (against the whole calendar) and statuses as of the date
    after: dict[str, _Series] = {}
    timelines: list[Timeline] = []
    for sid, members in groups.items():
        old = kept.get(sid)
        if old is not None and _still_valid(old, calendar, as_of):
            built: _Series | None = old
            cache.stats["kept"] += 1
        else:
            built = None
            if old is not None:  # same records; the calendar was added to already
                assert old.work is not None
                # only a plan falling due (or no longer due)? refresh those rounds
                built = _extend_finish(sid, old, members, old.work.pairs, old.happenings,
                                       old.work, calendar, as_of)
                if built is None:
                    pairs, happenings, work = _prepare(sid, members, view.ref_of)
            else:
                pairs, happenings, work, extended = worked[sid]
                if extended:
                    built = _extend_finish(sid, before[sid], members, pairs, happenings, work,
                                            calendar, as_of)
                    if built is None:  # an old anchor moved: start over
                        pairs, happenings, work = _prepare(sid, members, view.ref_of)
            if built is None:
                built = _finish(sid, members, pairs, happenings, work, calendar, as_of,
                                 before.get(sid))
                cache.stats["rebuilt"] += 1
            else:
                cache.stats["extended"] += 1
        assert built is not None
        after[sid] = built
        timelines.append(built.timeline)
    cache.series = after
    timelines.sort(key=lambda t: (t.name, t.series_id))
    changed = view.relink(before if incremental else {}, after)
    return SeriesIndex(
        timelines,
        as_of,
        dict(view.occ_links),
        {t.series_id: t for t in timelines},
        calendar,
        changed if incremental else None,
    )


class _View:
    """What the documents visible at a call give — their records, links,
    grouping into series, meeting happenings and the commitment → occurrence
    links — kept between calls on the same documents and extended while
    documents are only added after those already seen: the work per call is
    then what the new documents bring, not everything visible."""

    def __init__(self) -> None:
        self.refs: list[DocRef] = []
        self.keys: dict[str, tuple[str | None, str]] = dict(_known_series())
        self.seen_keys: set[str] = set()
        self.ref_of: dict[int, DocRef] = {}  # id(pristine record) → its document
        self.pos: dict[int, int] = {}  # id(pristine record) → position among all
        self.links: dict[tuple[str, int | None, Span], list[Record]] = {}
        self.rec_links: dict[int, list[tuple[str, int | None, Span]]] = {}
        self.new_links: list[tuple[str, int | None, Span]] = []
        self.meetings: dict[str, list[Happening]] = {}
        # grouping: records sharing a series id or a usable folded key are one
        # series (union–find over those), shown under the most frequent
        # gazetteer/rules id of its records (a ``series:…`` id only when there is
        # no other); series of the same id are one
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[Record]] = {}  # root → its records, in order
        self.first: dict[str, int] = {}  # root → position of its first record
        self.ids: dict[str, Counter[str]] = {}  # root → series ids of its records
        self.sid: dict[str, str] = {}  # root → the series id it is shown as
        self.touched: set[str] = set()
        self.reorder = False
        self.groups: dict[str, list[Record]] = {}
        self.group_roots: dict[str, tuple[str, ...]] = {}
        # series id → (the member lists it was made of, its records)
        self.group_lists: dict[str, tuple[tuple[list[Record], ...], list[Record]]] = {}
        # id(pristine record) → its occurrence; link → its occurrences
        self.occ_of: dict[int, Occurrence] = {}
        self.occ_links: dict[tuple[str, int | None, Span], list[Occurrence]] = {}

    def extends(self, visible: list[DocRef]) -> bool:
        n = len(self.refs)
        return len(visible) >= n and all(
            a is b for a, b in zip(self.refs, visible[:n], strict=True)
        )

    def add_keys(self, visible: list[DocRef]) -> bool:
        """Add the mechanism names of the new documents — folded key → (series id,
        name) of every mechanism mentioned as a series (what the documents call
        it wins over the series rules' spelling), the names an unnumbered plan
        may use; False when that changes the names known to documents already
        seen."""
        grew = False
        for ref in visible[len(self.refs) :]:
            for item in ref.doc.items:
                for s in item.facts.get("series") or []:
                    name = s.get("name") or ""
                    k = fold_key(name) if name else ""
                    if _usable_key(k) and k not in self.seen_keys:
                        self.seen_keys.add(k)
                        value = (s.get("id"), name)
                        if self.keys.get(k) != value:
                            self.keys = {**self.keys, k: value}
                            grew = True
        return not (grew and self.refs)

    def add_docs(self, visible: list[DocRef], cache: RecordCache) -> None:
        self.new_links = []
        for ref in visible[len(self.refs) :]:
            recs, doc_links = cache.document(ref, self.keys)
            for r in recs:
                self.ref_of[id(r)] = ref
                self.pos[id(r)] = len(self.pos)
                self._group(r)
            for place, linked in doc_links.items():
                if place not in self.links:
                    self.new_links.append(place)
                self.links[place] = linked
                for r in linked:
                    self.rec_links.setdefault(id(r), []).append(place)
            h = meeting_happening(ref.doc)
            if h is not None and h.start is not None:
                self.meetings.setdefault(h.key, []).append(h)
        self.refs = list(visible)

    def _find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def _group(self, r: Record) -> None:
        ns = []
        if r.series_id:
            ns.append("id:" + r.series_id)
        if _usable_key(r.key):
            ns.append("key:" + r.key)
        if not ns:
            ns.append(f"rec:{id(r)}")
        for n in ns[1:]:
            ra, rb = self._find(ns[0]), self._find(n)
            if ra != rb:
                self.parent[rb] = ra
                if rb in self.members:  # two groups become one: merge in order
                    ours = self.members.get(ra, [])
                    self.members[ra] = sorted(
                        ours + self.members.pop(rb), key=lambda x: self.pos[id(x)]
                    )
                    self.first[ra] = min(self.first.get(ra, self.first[rb]), self.first.pop(rb))
                    self.ids.pop(rb)  # counted again in record order (ties: first seen)
                    self.ids[ra] = Counter(x.series_id for x in self.members[ra] if x.series_id)
                    self.sid.pop(rb, None)
                    self.touched.discard(rb)
                    self.touched.add(ra)
                    self.reorder = True
        root = self._find(ns[0])
        if root not in self.members:
            self.members[root], self.first[root], self.ids[root] = [], self.pos[id(r)], Counter()
            self.reorder = True
        if root not in self.touched:  # copy on write: earlier calls hold the list
            self.members[root] = list(self.members[root])
            self.touched.add(root)
        self.members[root].append(r)
        if r.series_id:
            self.ids[root][r.series_id] += 1

    def grouped(self) -> dict[str, list[Record]]:
        """Series id → its records (in the order they were seen), for every
        record seen; a series whose records did not change keeps its list."""
        if not self.touched and not self.reorder:
            return self.groups
        for root in self.touched:
            recs, ids = self.members[root], self.ids[root]
            named = [i for i, _ in ids.most_common() if not i.startswith("series:")]
            if named:
                self.sid[root] = named[0]
            elif ids:
                self.sid[root] = ids.most_common(1)[0][0]
            else:
                self.sid[root] = "series:" + recs[0].key
        roots = sorted(self.members, key=lambda x: self.first[x])
        by_sid: dict[str, list[str]] = {}
        for root in roots:
            by_sid.setdefault(self.sid[root], []).append(root)
        out: dict[str, list[Record]] = {}
        lists: dict[str, tuple[tuple[list[Record], ...], list[Record]]] = {}
        for sid, rs in by_sid.items():
            key = tuple(self.members[x] for x in rs)
            hit = self.group_lists.get(sid)
            if hit is None or len(hit[0]) != len(key) or any(
                a is not b for a, b in zip(hit[0], key, strict=True)
            ):
                merged = (
                    self.members[rs[0]]
                    if len(rs) == 1
                    else [r for x in rs for r in self.members[x]]
                )
                hit = (key, merged)
            lists[sid] = hit
            out[sid] = hit[1]
        self.group_lists, self.groups = lists, out
        self.touched, self.reorder = set(), False
        return out

    def relink(
        self, before: dict[str, _Series], after: dict[str, _Series]
    ) -> set[tuple[str, int | None, Span]]:
        """Bring the commitment → occurrence links up to date with the series
        that changed; the links whose occurrences are other objects now."""
        if not before:
            self.occ_of = {}
            for series in after.values():
                self.occ_of.update(series.occurrence_of)
            places: Iterable[tuple[str, int | None, Span]] = list(self.links)
            self.occ_links = {}
        else:
            old = [s for sid, s in before.items() if after.get(sid) is not s]
            new = [s for sid, s in after.items() if before.get(sid) is not s]
            for s in old:
                for k in s.occurrence_of:
                    self.occ_of.pop(k, None)
            for s in new:
                self.occ_of.update(s.occurrence_of)
            # the links of the records whose occurrence is another object now
            # (a rebuilt series puts its unchanged rounds back: see _finish)
            moved: list[int] = []
            for sid, s in after.items():
                prior = before.get(sid)
                if prior is s:
                    continue
                if prior is None:
                    moved.extend(s.occurrence_of)
                    continue
                then = prior.occurrence_of
                moved.extend(k for k, o in s.occurrence_of.items() if then.get(k) is not o)
                moved.extend(k for k in then if k not in s.occurrence_of)
            for sid, s in before.items():
                if sid not in after:
                    moved.extend(s.occurrence_of)
            todo: dict[tuple[str, int | None, Span], None] = dict.fromkeys(self.new_links)
            for k in moved:
                for place in self.rec_links.get(k, ()):
                    todo[place] = None
            places = todo
        changed: set[tuple[str, int | None, Span]] = set()
        for place in places:
            linked = self.links[place]
            occs = [self.occ_of[id(r)] for r in linked if id(r) in self.occ_of]
            was = self.occ_links.get(place)
            if occs:
                now = list({id(o): o for o in occs}.values())
                if was is None or len(was) != len(now) or any(
                    a is not b for a, b in zip(was, now, strict=True)
                ):
                    self.occ_links[place] = now
                    changed.add(place)
            elif was is not None:
                del self.occ_links[place]
        return changed


def _by_key(happenings: list[Happening]) -> dict[str, list[Happening]]:
    """Happenings per calendar key, in order (as ``Calendar.add`` files them)."""
    out: dict[str, list[Happening]] = {}
    for h in happenings:
        if h.start is not None:
            out.setdefault(h.key, []).append(h)
    return out


def _same_records(a: list[Record], b: list[Record]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def _pair(r: Record, sid: str, ref_of: dict[int, DocRef]) -> tuple[Record, Record]:
    """(pristine, the record to resolve): a record that nothing changes (its
    series id, a known ordinal, no anchor to resolve) is used as it is; the
    others are copied first."""
    if r.series_id == sid and r.ordinal is not None and not _needs_anchor(r) \
            and r.doc is ref_of[id(r)]:
        return r, r
    c = _clone(r, ref_of[id(r)])
    c.series_id = sid
    return r, c


def _happenings(sid: str, recs: Iterable[Record], keys: Iterable[str]) -> list[Happening]:
    """What the dated held rounds among ``recs`` add to the calendar, under each key."""
    out: list[Happening] = []
    for r in recs:
        if r.kind == "held" and r.date and r.date.start and r.ordinal is not None:
            src = r.source()
            for k in keys:
                out.append(
                    Happening(k, r.ordinal, r.date.start, r.date.end, src, r.known_on, sid, r.name)
                )
    return out


def _prepare(
    sid: str, members: list[Record], ref_of: dict[int, DocRef]
) -> tuple[list[tuple[Record, Record]], list[Happening], _Work]:
    """Copies of a series' records with ordinals resolved and held rounds
    implied, as (pristine, copy) pairs, the happenings they give, and what
    :func:`_extend` needs to go on from there."""
    pairs = [_pair(r, sid, ref_of) for r in members]
    recs = [c for _, c in pairs]
    settled, max_held, max_planned = _resolve_ordinals(recs)
    explicit, first_plan, plan_orders = _rounds(recs, frozenset(), {}, {})
    implied = _imply_held(recs, explicit, first_plan, plan_orders, {})
    pairs += [(c, c) for c in implied.values()]  # implied: no pristine record
    keys = frozenset(x.key for x in recs)
    names = Counter(r.name for r in recs if r.name and r.via != "meeting")
    work = _Work(
        pairs, len(members), max_held, max_planned, settled, keys, explicit, first_plan,
        plan_orders, implied, names, _first_en(recs, (None, None)),
        _bucket_members(pairs[: len(members)], {}),
    )
    return pairs, _happenings(sid, recs, keys), work


def _first_en(recs: Iterable[Record], found: tuple[str | None, str | None]
              ) -> tuple[str | None, str | None]:
    """(the first name_en, the first English name known for a key) in ``recs``,
    or as ``found`` had them."""
    en, known = found
    for r in recs:
        if en is not None and known is not None:
            break
        if en is None and r.name_en:
            en = r.name_en
        if known is None and r.key in _known_en():
            known = _known_en()[r.key]
    return en, known


def _rounds(
    recs: Iterable[Record],
    explicit: frozenset[int],
    first_plan: dict[int, int],
    plan_orders: dict[int, frozenset[int]],
) -> tuple[frozenset[int], dict[int, int], dict[int, frozenset[int]]]:
    """The ordinals held, and the first plan and plans' documents of each
    ordinal planned, in ``recs`` (resolved) and as given."""
    held = set(explicit)
    first, orders = dict(first_plan), dict(plan_orders)
    for r in recs:
        j = r.ordinal
        if j is None:
            continue
        if r.kind == "held":
            held.add(j)
        elif r.kind == "planned":
            on = r.doc.order
            first[j] = min(first.get(j, on), on)
            orders[j] = orders.get(j, frozenset()) | {on}
    return frozenset(held), first, orders


def _extend(
    sid: str, old: _Series, members: list[Record], ref_of: dict[int, DocRef]
) -> tuple[list[tuple[Record, Record]], list[Happening], _Work] | None:
    """:func:`_prepare` for ``members`` when they are ``old``'s followed by
    records of later documents, from what ``old`` resolved; None when that
    cannot be done safely (then the series is built anew).

    A record of a later document changes nothing an earlier one resolved from
    the records before it (an ordinal from the highest held or planned round
    so far, a round implied by an earlier mention); so this only resolves the
    new records, and gives up when an earlier ordinal came from a later record
    (and the new records are numbered), when a round implied before is now
    reported held, or when a new mechanism name appears (every held round is
    then filed under it)."""
    w = old.work
    n = len(old.members)
    if w is None or len(members) <= n or not _same_records(old.members, members[:n]):
        return None
    new_pairs = [_pair(r, sid, ref_of) for r in members[n:]]
    new = [c for _, c in new_pairs]
    if not {r.key for r in new} <= w.keys:
        return None
    if not w.settled and any(r.ordinal for r in new):
        return None
    settled, max_held, max_planned = _resolve_ordinals(new, w.max_held, w.max_planned)
    explicit, first_plan, plan_orders = _rounds(new, w.explicit_held, w.first_plan, w.plan_orders)
    if any(j in explicit for j in w.implied):
        return None
    implied = dict(w.implied)
    implied.update(_imply_held(new, explicit, first_plan, plan_orders, w.implied))
    pairs = w.pairs[: w.n_members] + new_pairs
    pairs += [(implied[j], implied[j]) for j in sorted(implied)]
    names = Counter(w.member_names)
    names.update(r.name for r in new if r.name and r.via != "meeting")
    work = _Work(
        pairs, len(members), max_held, max_planned, settled and w.settled, w.keys, explicit,
        first_plan, plan_orders, implied, names, _first_en(new, w.member_en),
        _bucket_members(new_pairs, w.bucket_members),
    )
    return pairs, old.happenings + _happenings(sid, new, w.keys), work


def _bucket_members(
    pairs: list[tuple[Record, Record]], before: dict[tuple[Any, ...], list[int]]
) -> dict[tuple[Any, ...], list[int]]:
    """``before`` with the pristine members of ``pairs`` added to their
    occurrences (lists copied where they grow: ``before`` stays as it was)."""
    grown: dict[tuple[Any, ...], list[int]] = {}
    for p, c in pairs:
        grown.setdefault(_bucket(c), []).append(id(p))
    out = dict(before)
    for k, ids in grown.items():
        out[k] = [*before.get(k, ()), *ids]
    return out


def _round_order(o: Occurrence) -> tuple[bool, int, int]:
    """Numbered rounds by ordinal (distinct within a series), then unnumbered
    ones (each one record's) in document order."""
    if o.ordinal is not None:
        return False, o.ordinal, 0
    return True, 0, min(r.doc.order for r in o.records)


def _plan_status(end: str | None, as_of: str | None) -> str:
    """The status of a round planned (not held) to end by ``end``."""
    return "overdue" if end and as_of and end < as_of else "planned"


def _bucket(r: Record) -> tuple[Any, ...]:
    """The occurrence a resolved record belongs to."""
    return ("n", r.ordinal) if r.ordinal is not None else ("u", r.doc.id, r.item, r.span)


def _name(work: _Work, recs: list[Record]) -> tuple[str, str | None]:
    """The timeline's name — the commonest name of its records, not counting
    meetings (the first seen among equals) — and its first English name,
    from the counts ``work`` keeps (``recs``: the series' resolved records)."""
    implied = [work.implied[j] for j in sorted(work.implied)]
    names = Counter(work.member_names)
    names.update(r.name for r in implied if r.name and r.via != "meeting")
    name = names.most_common(1)[0][0] if names else recs[0].name
    en, known = work.member_en
    if en is None or known is None:
        en, known = _first_en(implied, (en, known))
    return name, en or known


def _extend_finish(
    sid: str,
    old: _Series,
    members: list[Record],
    pairs: list[tuple[Record, Record]],
    happenings: list[Happening],
    work: _Work,
    calendar: Calendar,
    as_of: str | None,
) -> _Series | None:
    """:func:`_finish` after :func:`_extend`: the rounds the new records (or a
    newly implied round) name are built anew, a round they do not name keeps
    its object unless the date makes its plan overdue; None when an earlier
    anchor resolves otherwise now (the series is then built anew)."""
    if not _anchors_valid(old, calendar, as_of):
        return None
    n_old, n = len(old.members), len(members)
    new_pairs = pairs[n_old:n]
    new = [c for _, c in new_pairs]
    assert old.work is not None
    fresh = [r for j, r in sorted(work.implied.items()) if j not in old.work.implied]
    anchored = [c for c in new if _needs_anchor(c)]
    _resolve_anchors(new, calendar, as_of)
    adds: dict[tuple[Any, ...], list[Record]] = {}
    for r in new + fresh:  # members first, implied last, as in _timeline
        adds.setdefault(_bucket(r), []).append(r)
    occs: list[Occurrence] = []
    made: list[Occurrence] = []
    for o in old.timeline.occurrences:
        more = adds.pop(_bucket(o.records[0]), None)
        if more is not None:
            imp = old.work.implied.get(o.ordinal) if o.ordinal is not None else None
            rs = o.records[:-1] + more + [imp] if imp is not None else o.records + more
            o = Occurrence(sid, rs[0].ordinal, rs)
            occurrence_status(o, as_of)
            made.append(o)
        elif o.status in ("planned", "overdue"):  # only the date can change it
            end = o.planned.end if o.planned else None
            if _plan_status(end, as_of) != o.status:
                o = Occurrence(sid, o.ordinal, o.records)
                occurrence_status(o, as_of)
                made.append(o)
        occs.append(o)
    for rs in adds.values():  # rounds no earlier record named
        o = Occurrence(sid, rs[0].ordinal, rs)
        occurrence_status(o, as_of)
        made.append(o)
        occs.append(o)
    occs.sort(key=_round_order)
    name, name_en = _name(work, [c for _, c in pairs])
    tl = Timeline(sid, name, name_en, occs, work.keys)
    occurrence_of = dict(old.occurrence_of)
    for o in made:
        for p in work.bucket_members.get(_bucket(o.records[0]), ()):
            occurrence_of[p] = o
    return _Series(
        members,
        happenings,
        old.anchors
        + [(c.anchor or "", c.doc.doc, c.granularity, (c.due, c.anchor_due)) for c in anchored],
        tl,
        occurrence_of,
        _by_key(happenings),
        work=work,
        anchored=old.anchored + [p for p, c in new_pairs if _needs_anchor(p)],
    )


def _finish(
    sid: str,
    members: list[Record],
    pairs: list[tuple[Record, Record]],
    happenings: list[Happening],
    work: _Work,
    calendar: Calendar,
    as_of: str | None,
    old: _Series | None = None,
) -> _Series:
    recs = [c for _, c in pairs]
    anchored = [c for c in recs if _needs_anchor(c)]
    _resolve_anchors(recs, calendar, as_of)
    tl = _timeline(sid, recs, as_of, work)
    occ = {id(r): o for o in tl.occurrences for r in o.records}
    if old is not None:
        kept = _keep_occurrences(tl, old.timeline)
        occ = {k: kept.get(id(o), o) for k, o in occ.items()}
    n = len(members)
    return _Series(
        members,
        happenings,
        [(c.anchor or "", c.doc.doc, c.granularity, (c.due, c.anchor_due)) for c in anchored],
        tl,
        {id(p): occ[id(c)] for p, c in pairs[:n] if id(c) in occ},
        _by_key(happenings),
        work=work,
        anchored=[p for p in members if _needs_anchor(p)],
    )


def _keep_occurrences(tl: Timeline, old: Timeline) -> dict[int, Occurrence]:
    """Put back the previous build's object of every occurrence whose records
    (equal field by field, in order) and status are unchanged: a round that the
    new documents say nothing about keeps its identity, which tells
    ``luoshi.link.status`` that the commitments planning it need no new look.
    Its records are the previous copies, equal to the new ones. Returns
    id(new occurrence) → the previous one put back."""
    out: dict[int, Occurrence] = {}
    numbered = {o.ordinal: o for o in old.occurrences if o.ordinal is not None}
    for n, o in enumerate(tl.occurrences):
        was = numbered.get(o.ordinal) if o.ordinal is not None else None
        if (
            was is not None
            and was.status == o.status
            and len(was.records) == len(o.records)
            and all(a is b or a == b for a, b in zip(was.records, o.records, strict=True))
        ):
            tl.occurrences[n] = was
            out[id(o)] = was
    return out


def _needs_anchor(r: Record) -> bool:
    if r.kind != "planned" or r.anchor is None:
        return False
    return r.due is None or r.due.end is None  # as _resolve_anchors skips them


def _anchors_valid(s: _Series, calendar: Calendar, as_of: str | None) -> bool:
    """Whether each anchored plan of ``s`` resolves as it did."""
    for (anchor, doc, gran, was), p in zip(s.anchors, s.anchored, strict=True):
        res = resolve_anchor(anchor, doc, calendar, granularity=gran, as_of=as_of)
        now = (res.due, True) if res is not None else (p.due, p.anchor_due)
        if now != was:
            return False
    return True


def _still_valid(s: _Series, calendar: Calendar, as_of: str | None) -> bool:
    """Whether ``s``, built at another date or with another calendar, is what
    its records give now: each anchor resolves the same, no plan fell due."""
    if not _anchors_valid(s, calendar, as_of):
        return False
    # a planned round falls due, or an overdue one is not yet due on that date
    due = s.due
    if due is None:
        due = s.due = _due_bounds(s.timeline)
    first_planned, all_overdue_dated, last_overdue = due
    if first_planned is not None and as_of and first_planned < as_of:
        return False
    overdue_still = all_overdue_dated and bool(as_of) and (last_overdue or "") < (as_of or "")
    return last_overdue is None or overdue_still


def _due_bounds(tl: Timeline) -> tuple[str | None, bool, str | None]:
    """(the earliest end of a planned round's plan, whether every overdue round
    has an end, the latest such end — "" when some overdue round has none)."""
    first_planned: str | None = None
    last_overdue: str | None = None
    dated = True
    for o in tl.occurrences:
        end = o.planned.end if o.planned else None
        if o.status == "planned" and end:
            first_planned = end if first_planned is None or end < first_planned else first_planned
        elif o.status == "overdue":
            dated = dated and bool(end)
            e = end or ""
            last_overdue = e if last_overdue is None or e > last_overdue else last_overdue
    return first_planned, dated, last_overdue


# --------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------


def doc_refs(docs: Iterable[Document]) -> list[DocRef]:
    ds = [(doc_date(d), doc_id(d), d) for d in docs]
    # Undated documents go last: they can only add, never precede, what dated
    # ones say.
    ds.sort(key=lambda x: (x[0] is None, x[0] or "", x[1]))
    return [DocRef(d, i, dt, n) for n, (dt, i, d) in enumerate(ds)]


@cache
def _series_rules() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = tomllib.loads(_SERIES_RULES.read_text(encoding="utf-8")).get(
        "series", []
    )
    return entries


@cache
def _known_en() -> dict[str, str]:
    """Folded key → English name, from the series rules."""
    out: dict[str, str] = {}
    for entry in _series_rules():
        if entry.get("name_en"):
            for alias in [entry["name"], *entry.get("aliases", [])]:
                if not alias.isascii():
                    out.setdefault(fold_key(alias), entry["name_en"])
    return out


@cache
def _known_series() -> dict[str, tuple[str | None, str]]:
    """Folded key → (id, name) of the series ``luoshi/data/series_rules.toml``
    knows, with the id the extractor would give them (the gazetteer's when it
    has one, as ``luoshi.extract.facts`` looks it up, else the rules' id), so
    that a plan read before any document numbers the series gets the same id
    as the mentions that come later."""
    from luoshi.extract.facts import gazetteer_id

    out: dict[str, tuple[str | None, str]] = {}
    for entry in _series_rules():
        name = entry["name"]
        sid = None
        for probe in (name, re.sub(r"(?:全体)?会议$", "", name)):
            sid = gazetteer_id(probe, ("mechanism", "event-series"))
            if sid:
                break
        for alias in [name, *entry.get("aliases", [])]:
            if alias.isascii():
                continue
            k = fold_key(alias)
            if _usable_key(k):
                out.setdefault(k, (sid or entry["id"], name))
    return out


def _usable_key(k: str) -> bool:
    # A bare head (会议, 磋商) left by an unresolved mention would glue unrelated
    # series together.
    return len(k) >= 3


def _span(v: Any) -> Span | None:
    if isinstance(v, (list, tuple)) and len(v) == 2:
        return (int(v[0]), int(v[1]))
    return None


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _inside(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and b[0] <= a[0] and a[1] <= b[1]


def _item_records(
    ref: DocRef, item: Item, known_keys: dict[str, tuple[str | None, str]]
) -> tuple[list[Record], dict[tuple[str, int | None, Span], list[Record]]]:
    f = item.facts
    if not f.get("series") and not any(
        c.get("action") == "hold-meeting" for c in f.get("commitments") or ()
    ):
        return [], {}  # records come only from series mentions and meeting plans
    events = f.get("events") or []
    times = f.get("times") or []
    commitments = sorted(
        (c for c in f.get("commitments") or [] if _span(c.get("span"))),
        key=lambda c: _span(c.get("span")) or (0, 0),
    )
    sentences = f.get("sentences") or []
    out: list[Record] = []
    for s in f.get("series") or []:
        name = s.get("name") or ""
        span = _span(s.get("span"))
        status = s.get("status") or "unknown"
        rec = Record(
            kind=status if status in ("planned", "held") else "unknown",
            key=fold_key(name) if name else "",
            series_id=s.get("id"),
            name=name,
            name_en=s.get("name_en"),
            ordinal=s.get("ordinal"),
            relation=s.get("relation"),
            doc=ref,
            item=item.number,
            span=span,
            via="series",
            date=DateInterval.from_fact(s.get("date")),
            due=DateInterval.from_fact(s.get("due")),
            place=s.get("place"),
            anchor_text=s.get("anchor"),
            evidence_span=_sentence_of(sentences, span),
        )
        if rec.kind == "held" and rec.date is None:
            ev = next((e for e in events if _inside(span, _span(e.get("span")))), None)
            if ev is not None:
                rec.date = DateInterval.from_fact(ev.get("date"))
                rec.place = rec.place or ev.get("place")
        if rec.anchor_text:
            _symbolic_anchor(rec, times)
        # "在下一轮中美战略与经济对话前夕举行…": a mention inside an anchored time
        # expression dates something else; the commitment does not plan it.
        rec.in_anchor = any(t.get("anchor") and _inside(span, _span(t.get("span"))) for t in times)
        out.append(rec)
    links: dict[tuple[str, int | None, Span], list[Record]] = {}
    last_plan: Record | None = None
    for c in commitments:
        if c.get("action") != "hold-meeting":
            continue
        cspan = _span(c.get("span"))
        assert cspan is not None
        mentions = [r for r in out if r.via == "series" and not r.in_anchor]
        hits = [r for r in mentions if _overlaps(r.span, cspan)]
        if not hits:
            # The clause often starts after its subject: "第三次…反恐磋商计划于…举行"
            # — take the sentence's mentions that no other clause covers.
            ssp = _span(c.get("sentence_span"))
            others = [_span(o.get("span")) for o in commitments if o is not c]
            hits = [
                r
                for r in mentions
                if _inside(r.span, ssp) and not any(_overlaps(r.span, o) for o in others)
            ]
        planned = [r for r in hits if r.kind == "planned"] or [
            r for r in hits if r.kind == "unknown"
        ]
        if planned:
            for r in planned:
                _fill_from_commitment(r, c, times)
                r.commitments.append(cspan)
            links[(ref.id, item.number, cspan)] = planned
            last_plan = planned[-1]
            continue
        if hits:  # the clause only speaks of a held round (落实…第十二次会议共识)
            continue
        ssp = _span(c.get("sentence_span"))
        opening = _text(ref.doc, ssp)
        if last_plan is not None and coref_re().match(opening):
            _fill_from_commitment(last_plan, c, times, force=True)
            last_plan.commitments.append(cspan)
            links[(ref.id, item.number, cspan)] = [last_plan]
            continue
        plan = _unnumbered_plan(ref, item, c, cspan, known_keys, times)
        if plan is not None:
            plan.evidence_span = ssp
            out.append(plan)
            links[(ref.id, item.number, cspan)] = [plan]
            last_plan = plan
    return out, links


def _text(doc: Document, span: Span | None) -> str:
    if span is None:
        return ""
    return nfkc(doc.text[span[0] : span[1]])


def _sentence_of(sentences: list[dict[str, Any]], span: Span | None) -> Span | None:
    for s in sentences:
        ss = _span(s.get("span"))
        if _inside(span, ss):
            return ss
    return None


def _symbolic_anchor(rec: Record, times: list[dict[str, Any]]) -> None:
    want = nfkc(rec.anchor_text or "")
    for t in times:
        a = t.get("anchor")
        if not a or not want:
            continue
        tt = nfkc(t.get("text") or "")
        if tt and (tt == want or tt in want or want in tt):
            rec.anchor = a
            rec.granularity = t.get("granularity")
            return


def _fill_from_commitment(
    rec: Record, c: dict[str, Any], times: list[dict[str, Any]], *, force: bool = False
) -> None:
    due = DateInterval.from_fact(c.get("due"))
    if due is not None and (rec.due is None or force):
        rec.due = due
    if c.get("place") and (rec.place is None or force):
        rec.place = c.get("place")
    if rec.kind == "unknown":
        rec.kind = "planned"
    if c.get("anchor") and rec.anchor is None:
        rec.anchor = c["anchor"]
        cs = _span(c.get("span"))
        for t in times:
            if t.get("anchor") == rec.anchor and _overlaps(_span(t.get("span")), cs):
                rec.granularity = t.get("granularity")
                break


def _unnumbered_plan(
    ref: DocRef,
    item: Item,
    c: dict[str, Any],
    cspan: Span,
    known_keys: dict[str, tuple[str | None, str]],
    times: list[dict[str, Any]],
) -> Record | None:
    obj = c.get("object") or ""
    key = fold_key(obj) if obj else ""
    if not _usable_key(key) or key not in known_keys:
        return None
    sid, name = known_keys[key]
    ordinal = object_ordinal(obj)
    rec = Record(
        kind="planned",
        key=key,
        series_id=sid,
        name=name,
        name_en=_known_en().get(key),
        ordinal=ordinal,
        relation=None if ordinal else "unnumbered",
        doc=ref,
        item=item.number,
        span=cspan,
        via="commitment",
    )
    _fill_from_commitment(rec, c, times)
    rec.commitments.append(cspan)
    return rec


def object_ordinal(obj: str) -> int | None:
    """第十四次 / 第14届 / 首届 in an object the series extractor did not read."""
    from luoshi.extract.numerals import cn_to_int

    m = re.search(rules()["series"]["ordinal_pattern"], nfkc(obj))
    if m is None:
        return None
    digits = m.group(0)[1:-1] if m.group(0).startswith("第") else ""
    if not digits:
        return 1  # 首次 / 首届 / 首轮
    n = cn_to_int(digits)
    return int(n) if n else None


def _meeting_record(ref: DocRef, known_keys: dict[str, tuple[str | None, str]]) -> Record | None:
    h = meeting_happening(ref.doc)
    if h is None:
        return None
    known = h.key in known_keys
    if rules()["series"].get("require_round_or_mention", True) and h.ordinal is None and not known:
        return None
    sid, name = known_keys.get(h.key, (None, h.name or ""))
    m = ref.doc.meeting
    return Record(
        kind="held",
        key=h.key,
        series_id=sid,
        name=name or (m.mechanism or ""),
        name_en=None,
        ordinal=m.round,
        relation=None,
        doc=ref,
        item=None,
        span=h.source.span,
        via="meeting",
        date=DateInterval(h.start, h.end),
        place=m.venue,
        evidence_span=h.source.span,
    )


# --------------------------------------------------------------------------
# Grouping, ordinals, implication, anchors
# --------------------------------------------------------------------------


def _resolve_ordinals(
    recs: list[Record], held_before: int | None = None, planned_before: int | None = None
) -> tuple[bool, int | None, int | None]:
    """Give each record without an ordinal the one its neighbours imply.

    ``held_before`` / ``planned_before``: the highest held / planned ordinal of
    earlier records not in ``recs`` (every record of ``recs`` being later).
    Returns whether every record was resolved from records before it (none
    from a later one, none left unknown), and the highest held and planned
    ordinals of the records numbered by their own text, earlier ones
    included."""
    # The lists are fixed before any ordinal is resolved, so "the highest held
    # by then", "the highest planned before" and "the lowest mentioned later"
    # are prefix maxima and suffix minima over document order (one sort, one
    # bisection per unresolved record, instead of a scan of the series each).
    held_on = _prefix_max(
        [(h.doc.order, h.ordinal) for h in recs
         if h.ordinal is not None and h.kind == "held" and h.ordinal]
    )
    planned_upto = _prefix_max(
        [(p.doc.order, p.ordinal) for p in recs
         if p.ordinal is not None and p.kind == "planned" and p.ordinal]
    )
    max_held = _top(held_before, held_on[1][-1] if held_on[1] else None)
    max_planned = _top(planned_before, planned_upto[1][-1] if planned_upto[1] else None)
    numbered = [x for x in recs if x.ordinal is not None and x.ordinal]
    # min(later, key=(ordinal, order)): the first in list order among equals
    later_keys = sorted(
        ((x.doc.order, x.ordinal or 0, n) for n, x in enumerate(numbered)),
    )
    later_orders = [k[0] for k in later_keys]
    suffix_min: list[tuple[int, int, int]] = [(0, 0, 0)] * len(later_keys)
    best: tuple[int, int, int] | None = None
    for i in range(len(later_keys) - 1, -1, -1):
        order, ordinal, n = later_keys[i]
        cand = (ordinal, order, n)
        if best is None or cand < best:
            best = cand
        suffix_min[i] = best
    settled = True
    for r in sorted(recs, key=lambda r: (r.doc.order, r.span or (0, 0))):
        if r.ordinal is not None:
            continue
        on = r.doc.order
        held = _top(held_before, _max_upto(held_on, on, inclusive=True))
        if held is not None:
            r.ordinal = held + 1
            continue
        earlier = _top(planned_before, _max_upto(planned_upto, on, inclusive=False))
        if earlier is not None:
            r.ordinal = earlier
            continue
        settled = False  # from a later record, or not at all
        i = bisect.bisect_right(later_orders, on)
        if i >= len(later_keys):
            continue
        first = numbered[suffix_min[i][2]]
        k = first.ordinal or 0
        if first.kind == "held":
            held_day = first.date.start if first.date else None
            if held_day is None or r.doc.date is None or held_day >= r.doc.date:
                r.ordinal = k
        elif k > 1:
            r.ordinal = k - 1
    return settled, max_held, max_planned


def _top(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _prefix_max(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """(orders ascending, the highest value among pairs up to each)."""
    pairs.sort()
    orders: list[int] = []
    maxima: list[int] = []
    top: int | None = None
    for order, value in pairs:
        top = value if top is None or value > top else top
        orders.append(order)
        maxima.append(top)
    return orders, maxima


def _max_upto(table: tuple[list[int], list[int]], on: int, *, inclusive: bool) -> int | None:
    orders, maxima = table
    i = bisect.bisect_right(orders, on) if inclusive else bisect.bisect_left(orders, on)
    return maxima[i - 1] if i else None


def _imply_held(
    recs: list[Record],
    held: frozenset[int],
    first_plan: dict[int, int],
    plan_orders: dict[int, frozenset[int]],
    implied: dict[int, Record],
) -> dict[int, Record]:
    """The rounds a later mention implies held: a planned round not reported
    held (nor implied by ``implied`` already), when a mention among ``recs`` of
    a higher round comes after its first plan, in a document that does not
    plan it again. Ordinal → the implied record, in ordinal order."""
    out: dict[int, Record] = {}
    mentions = sorted(
        (r for r in recs if r.ordinal is not None and r.via != "meeting"),
        key=lambda r: (r.doc.order, r.span or (0, 0)),
    )
    if not mentions:
        return out
    for j in sorted(first_plan):
        if j in held or j in implied:
            continue
        first, orders = first_plan[j], plan_orders[j]
        for m in mentions:
            if (m.ordinal or 0) <= j or m.doc.order <= first:
                continue
            if m.doc.order in orders:
                continue  # planned again in that document: not held yet
            out[j] = Record(
                kind="held",
                key=m.key,
                series_id=m.series_id,
                name=m.name,
                name_en=m.name_en,
                ordinal=j,
                relation=None,
                doc=m.doc,
                item=m.item,
                span=m.span,
                via="implied",
                evidence_span=m.evidence_span,
            )
            break
    return out


def _resolve_anchors(recs: list[Record], calendar: Calendar, as_of: str | None) -> None:
    for r in recs:
        if r.kind != "planned" or r.anchor is None:
            continue
        if r.due is not None and r.due.end is not None:
            continue
        res = resolve_anchor(r.anchor, r.doc.doc, calendar, granularity=r.granularity, as_of=as_of)
        if res is not None:
            r.due = res.due
            r.anchor_due = True


# --------------------------------------------------------------------------
# Occurrences and status
# --------------------------------------------------------------------------


def _timeline(sid: str, recs: list[Record], as_of: str | None, work: _Work) -> Timeline:
    name, name_en = _name(work, recs)
    buckets: dict[tuple[Any, ...], list[Record]] = {}
    for r in recs:
        buckets.setdefault(_bucket(r), []).append(r)
    occs = [Occurrence(sid, rs[0].ordinal, rs) for rs in buckets.values()]
    for o in occs:
        occurrence_status(o, as_of)
    occs.sort(key=_round_order)
    return Timeline(sid, name, name_en, occs, frozenset(r.key for r in recs))


def occurrence_status(o: Occurrence, as_of: str | None) -> str:
    """Set (and return) ``o.status``, ``date``, ``planned``, ``place``."""
    held = o.held
    explicit = [r for r in held if r.via != "implied"]
    dated = [r for r in explicit if r.date and r.date.start]
    # The document that is that meeting knows its dates best.
    dated.sort(key=lambda r: (r.via != "meeting", r.doc.order))
    plans = o.plans
    with_due = [p for p in plans if p.due and p.due.end]
    o.plan = with_due[-1] if with_due else (plans[-1] if plans else None)
    o.planned = o.plan.due if o.plan and o.plan.due else None
    o.place = next((r.place for r in dated + explicit if r.place), None) or next(
        (p.place for p in reversed(plans) if p.place), None
    )
    if dated:
        h = dated[0]
        o.held_by, o.date = h, h.date
        assert h.date is not None and h.date.start is not None
        before = [p for p in with_due if p.doc.date is None or p.doc.date <= h.date.start]
        in_force = before[-1] if before else None
        late = (
            in_force is not None
            and in_force.due is not None
            and (in_force.due.end or "9999") < h.date.start
        )
        o.status = "held-late" if late else "held"
    elif held:
        o.held_by = explicit[0] if explicit else held[0]
        o.status = "held"
    elif plans:
        end = o.planned.end if o.planned else None
        o.status = _plan_status(end, as_of)
    else:
        o.status = "unknown"
    return o.status
