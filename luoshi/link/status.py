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
    changes nothing.
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

G20 scale (``[g20]``): +1 fulfilled; 0 fulfilled-late, superseded, ongoing
(partial compliance or work in progress); −1 overdue; pending and unknown are
not scored (None).

A commitment's id (:func:`commitment_id`) is derived from the document's
sha256, the item number and the commitment's span, so it is the same every
time the same file is ingested; analyst overrides (``luoshi.link.overrides``)
are keyed on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from luoshi.link.anchors import (
    DateInterval,
    Source,
    meeting_head,
    nfkc,
    resolve_anchor,
    rules,
)
from luoshi.link.timelines import (
    DocRef,
    Occurrence,
    Record,
    SeriesIndex,
    build_index,
    doc_refs,
    object_ordinal,
)
from luoshi.model import Document, Item

__all__ = [
    "STATUSES",
    "CommitmentStatus",
    "Evidence",
    "assess",
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
    as_of = index.as_of
    refs = _refs(docs, as_of)
    units = [u for ref in refs for u in _units(ref)]
    candidates = [c for ref in refs for c in _candidates(ref)]
    out: list[CommitmentStatus] = []
    for u in units:
        out.append(_assess_one(u, units, candidates, index, as_of))
    return out


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
    return frozenset(out)


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
    return frozenset(grams)


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
    return frozenset(out)


def _actor_ids(f: dict[str, Any], span: Span) -> frozenset[str]:
    kinds = set(rules()["match"]["actor_types"])
    return frozenset(
        a["id"]
        for a in f.get("actors") or []
        if a.get("type") in kinds and a.get("id") and _overlaps(_span(a.get("span")), span)
    )


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


def _restatement(u: _Unit, units: list[_Unit]) -> tuple[_Unit, float] | None:
    m = rules()["match"]
    if len(u.core) < int(m["min_bigrams"]):
        return None
    best: tuple[_Unit, float] | None = None
    for v in units:
        if v.ref.order <= u.ref.order or (v.ref.date and u.ref.date and v.ref.date <= u.ref.date):
            continue
        if not _actions_agree(u.fact.get("action"), v.fact.get("action")):
            continue
        if len(v.core) < int(m["min_bigrams"]) or _other_round(u.ordinals, v.ordinals):
            continue
        s = _dice(u.core, v.core) + _bonus(u, v.title, v.refs, v.actors)
        if s >= float(m["restate_min"]) and (best is None or s > best[1]):
            best = (v, s)
    return best


@cache
def _verbs(action: str) -> tuple[str, ...]:
    table: dict[str, list[str]] = rules()["evidence"]["verbs"]
    return tuple(table.get(action, table.get("other", [])))


def _completion(u: _Unit, candidates: list[_Candidate]) -> tuple[_Candidate, float] | None:
    m = rules()["match"]
    if len(u.core) < int(m["min_bigrams"]):
        return None
    verbs = _verbs(u.fact.get("action") or "other")
    head = (
        meeting_head(u.fact.get("object") or "") if u.fact.get("action") == "hold-meeting" else None
    )
    best: tuple[_Candidate, float] | None = None
    for c in candidates:
        if c.ref.order <= u.ref.order or (c.ref.date and u.ref.date and c.ref.date <= u.ref.date):
            continue
        if not any(v in c.text for v in verbs):
            continue
        if head is not None and head not in nfkc(c.text):
            continue
        if _other_round(u.ordinals, c.ordinals):
            continue
        s = _containment(u.core, c.core) + _bonus(u, c.title, c.refs, c.actors)
        if s >= float(m["evidence_min"]) and (best is None or s > best[1]):
            best = (c, s)
    return best


# --------------------------------------------------------------------------
# One commitment
# --------------------------------------------------------------------------


def _cite(ref: DocRef, item: int | None, span: Span | None) -> tuple[Source, str]:
    text = ref.doc.text[span[0] : span[1]] if span else ""
    return Source(ref.id, item, span, "evidence"), text


def _assess_one(
    u: _Unit,
    units: list[_Unit],
    candidates: list[_Candidate],
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
        found = _completion(u, candidates)
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
    sup = _series_restatement(u, occs, units) if occs else None
    if sup is None and not occs:
        hit = _restatement(u, units)
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
        for r in o.records:
            if r.doc.id == u.ref.id and u.span in r.commitments and r.due and r.due.end:
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


def _series_restatement(
    u: _Unit, occs: list[Occurrence], units: list[_Unit]
) -> tuple[str | None, Evidence] | None:
    """A later plan of the same round with another due interval."""
    own = u.due
    for o in occs:
        later: list[Record] = [
            p
            for p in o.plans
            if p.doc.order > u.ref.order
            and p.due is not None
            and (u.ref.date is None or p.doc.date is None or p.doc.date > u.ref.date)
        ]
        for p in reversed(later):
            if not _new_deadline(own, p.due):
                continue
            cid = None
            span = p.evidence_span or p.span
            if p.commitments:
                cid = next(
                    (
                        v.id
                        for v in units
                        if v.ref.id == p.doc.id
                        and v.item.number == p.item
                        and v.span == p.commitments[0]
                    ),
                    None,
                )
            src, text = _cite(p.doc, p.item, span)
            return cid, Evidence("restatement", src, text, p.due, None, cid)
    return None


def _new_deadline(old: DateInterval | None, new: DateInterval | None) -> bool:
    if new is None or new.end is None:
        return False
    if old is None or old.end is None:
        return False  # a first deadline given later is a restatement, not a change
    return new.end != old.end
