"""Threads: the items of successive rounds that carry one matter forward.

An outcome list of round 7 restates, updates or renames what round 6 agreed
("中美残障人士协调会议" becomes "残疾人权利"), with items renumbered. Linking
runs in four steps, none of which looks at all pairs:

1. *features* of every item (:mod:`luoshi.link.features`) and their document
   frequencies;
2. *candidates* through an inverted index: each item looks up its rarest
   features and meets, for each, the few nearest earlier items sharing it (a
   matter's previous occurrence is in a recent round, not in all of them);
3. *scores* of the candidate pairs from several signals
   (:mod:`luoshi.link.score`), kept when they reach ``min_score``;
4. *greedy selection* by score: a link joins two threads only if no document
   would then have two items in one thread — so every item has at most one
   predecessor per document, and a thread reads as one item per round.

Only items of different documents of one mechanism family are linked, earlier
round to later round; documents of the same day (two tracks of one round) are
never linked to each other.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from luoshi.link import features
from luoshi.link.chains import Chains, Pair, select
from luoshi.link.config import LinkRules, ThreadRules, rules
from luoshi.link.copies import MergedDocument, group_copies, merge_copies
from luoshi.link.features import ItemFeatures
from luoshi.link.refs import ItemRef, refs_of
from luoshi.link.score import Scorer, shared_ids
from luoshi.model import Document, Meeting

# -- documents as units in time ----------------------------------------------------------

@dataclass(slots=True)
class Unit:
    """One logical document: a Document, or copies merged into one."""

    id: str
    meeting: Meeting
    date: str | None  # the meeting's first day, else publication, else last day
    refs: list[ItemRef]
    family: str


def _unit(doc: Document | MergedDocument, r: ThreadRules) -> Unit:
    if isinstance(doc, MergedDocument):
        uid, meeting, refs, published = doc.id, doc.meeting, doc.refs(), doc.copies[0].published
        as_of = doc.copies[0].as_of
    else:
        uid, meeting, refs, published = (doc.source.sha256, doc.meeting, refs_of(doc),
                                         doc.published)
        as_of = doc.as_of
    # a progress report stands at its as-of date, after the round it reports on
    date = next((d for d in (as_of, meeting.start, published, meeting.end) if d), None)
    # a mechanism in no family is a family of its own; documents whose mechanism
    # was not recognised ("") are linked among themselves only
    mech = meeting.mechanism or ""
    return Unit(uid, meeting, date, refs, r.families.get(mech, mech))


def before(a: Unit, b: Unit) -> bool | None:
    """Whether ``a`` comes before ``b``; None when they cannot be ordered (same day,
    or no dates and not numbered rounds of one mechanism)."""
    if a.date and b.date:
        return None if a.date == b.date else a.date < b.date
    ma, mb = a.meeting, b.meeting
    if ma.mechanism and ma.mechanism == mb.mechanism and ma.round is not None \
            and mb.round is not None and ma.round != mb.round:
        return ma.round < mb.round
    return None


def units_of(docs: Sequence[Document | MergedDocument], link_rules: LinkRules,
             merge: bool) -> list[Unit]:
    """The documents as units (copies merged when ``merge``), in time order."""
    plain = [d for d in docs if isinstance(d, Document)]
    logical: list[Document | MergedDocument] = [d for d in docs
                                                if isinstance(d, MergedDocument)]
    if merge:
        for group in group_copies(plain, link_rules.copies):
            logical.append(group[0] if len(group) == 1
                           else merge_copies(group, link_rules.copies))
    else:
        logical.extend(plain)
    seen: set[str] = set()
    units = []
    for d in logical:
        u = _unit(d, link_rules.threads)
        if u.id not in seen:  # the same file given twice is one document
            seen.add(u.id)
            units.append(u)
    units.sort(key=_time_key(units))
    return units


def _time_key(units: list[Unit]) -> Callable[[Unit], tuple[str, int, str]]:
    """Sort key putting units in time order. Chains take index order for time
    order, so an undated round must not sort first: it takes the date of the
    nearest earlier dated round of its mechanism (else of the nearest later one),
    and its round number places it after (before) that one."""
    dated: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for u in units:
        m = u.meeting
        if u.date and m.mechanism and m.round is not None:
            dated[m.mechanism].append((m.round, u.date))

    def key(u: Unit) -> tuple[str, int, str]:
        m = u.meeting
        rnd = m.round if m.round is not None else -1
        if u.date:
            return (u.date, rnd, u.id)
        rounds = dated.get(m.mechanism or "", [])
        lower = [d for r, d in rounds if r < rnd]
        higher = [d for r, d in rounds if r > rnd]
        if m.round is not None and (lower or higher):
            return (max(lower) if lower else min(higher), rnd, u.id)
        return ("", rnd, u.id)

    return key


# -- results -------------------------------------------------------------------------------

@dataclass(slots=True)
class Link:
    pred: ItemRef
    succ: ItemRef
    score: float
    signals: dict[str, float]
    shared: dict[str, Any]
    chosen: bool  # picked by the greedy step (else implied: both joined one thread)

    def to_dict(self) -> dict[str, Any]:
        return {"from": _short(self.pred), "to": _short(self.succ),
                "score": round(self.score, 3),
                "signals": {k: round(v, 3) for k, v in self.signals.items()},
                "shared": self.shared, "chosen": self.chosen}


def _short(r: ItemRef) -> dict[str, Any]:
    return {"doc": r.doc.source.sha256, "path": r.doc.source.path, "item": r.item.number,
            "title": r.item.title, "span": list(r.item.span)}


@dataclass(slots=True)
class Thread:
    id: str
    items: list[ItemRef]  # in round order, one per document
    links: list[Link]  # between consecutive items

    def diffs(self) -> list[dict[str, Any]]:
        from luoshi.link.diff import diff_items

        return [diff_items(a, b) for a, b in pairwise(self.items)]

    def to_dict(self, with_diffs: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "items": [r.cite() for r in self.items],
                               "links": [lk.to_dict() for lk in self.links]}
        if with_diffs:
            out["diffs"] = self.diffs()
        return out


@dataclass(slots=True)
class ThreadSet:
    threads: list[Thread]
    stats: dict[str, Any] = field(default_factory=dict)
    _index: dict[tuple[str, int | None], Thread] = field(default_factory=dict, repr=False)

    def thread_of(self, doc_sha256: str, number: int) -> Thread | None:
        """The thread holding item ``number`` of the given document (any copy)."""
        if not self._index:
            for t in self.threads:
                for r in t.items:
                    self._index[(r.unit, r.item.number)] = t
                    self._index[(r.doc.source.sha256, r.item.number)] = t
        return self._index.get((doc_sha256, number))

    def to_dict(self, with_diffs: bool = False) -> dict[str, Any]:
        return {"threads": [t.to_dict(with_diffs) for t in self.threads], "stats": self.stats}


# -- linking --------------------------------------------------------------------------------

def link_threads(docs: Sequence[Document | MergedDocument], link_rules: LinkRules | None = None,
                 *, merge: bool = True) -> ThreadSet:
    """Thread the items of ``docs`` across rounds.

    With ``merge`` (the default) copies of one document among ``docs`` are merged
    first (:func:`luoshi.link.copies.group_copies`), so that a Traditional and a
    Simplified copy of one round do not compete for the same thread.
    """
    t0 = time.perf_counter()
    lr = link_rules or rules()
    r = lr.threads
    units = units_of(docs, lr, merge)
    refs: list[ItemRef] = []
    order: list[int] = []
    family: list[str] = []
    unit_of: list[Unit] = []
    for pos, u in enumerate(units):
        for ref in u.refs:
            refs.append(ref)
            order.append(pos)
            family.append(u.family)
            unit_of.append(u)
    feats, vocab = features.build(refs, order, family, r)
    used = features.select_keys(feats, vocab, r)
    scorer = Scorer(vocab, len(feats), r)
    pairs, examined = _candidates(feats, unit_of, used, scorer, r)
    chosen, threads = _assemble(pairs, feats, unit_of, scorer, r)
    stats = {"documents": len(units), "items": len(feats), "indexed_features": len(used),
             "candidate_pairs": examined, "pairs_above_threshold": len(pairs),
             "links": len(chosen), "threads": len(threads),
             "seconds": round(time.perf_counter() - t0, 3)}
    return ThreadSet(threads, stats)


def _candidates(feats: list[ItemFeatures], unit_of: list[Unit], used: set[int],
                scorer: Scorer, r: ThreadRules) -> tuple[list[Pair], int]:
    """Score the pairs the inverted index proposes; keep those reaching min_score.

    Items are visited in time order, and an item meets earlier items two ways:
    for each key it *selected* (its rarest of each kind), the nearest earlier items
    *holding* that key; and for each of its ``probe`` rarest keys, the nearest
    earlier items that *selected* it. The second way makes the search symmetric: a
    later item whose own selection points elsewhere is still found by the earlier
    item whose rarest key it shares. Each list keeps the last ``scan`` items, each
    lookup takes at most ``window`` of them, so the work per item is bounded
    whatever the size of the collection.
    """
    holders: dict[str, dict[int, deque[int]]] = {}
    selectors: dict[str, dict[int, deque[int]]] = {}
    order_cache: dict[tuple[int, int], bool | None] = {}
    out: list[Pair] = []
    examined = 0
    for b, fb in enumerate(feats):
        held = holders.setdefault(fb.family, {})
        chosen_by = selectors.setdefault(fb.family, {})
        ub = unit_of[b]
        # hits per earlier item: a heading or id key counts 2, a text key 1; only
        # items met through `min_hits` are scored — one shared rare bigram is as
        # often a swapped character or a date as a shared matter
        hits: dict[int, int] = {}
        skip: set[int] = set()
        for index, lookup in ((held, fb.selected), (chosen_by, fb.probe)):
            for key in lookup:
                dq = index.get(key)
                if not dq:
                    continue
                weight = 2 if key < 0 or key in fb.id_keys else 1
                found = 0
                for a in reversed(dq):
                    h = hits.get(a)
                    if h is not None:
                        hits[a] = h + weight
                        found += 1
                    elif a not in skip:
                        if unit_of[a] is not ub and _ordered(
                                feats[a].order, fb.order, unit_of[a], ub, order_cache) is not None:
                            hits[a] = weight
                            found += 1
                        else:
                            skip.add(a)
                    if found >= r.window:
                        break
        # the best-supported first (then the nearest in time), at most
        # `max_candidates`: the scoring work per item stays fixed as the collection grows
        ranked = sorted(((-h, -a) for a, h in hits.items() if h >= r.min_hits))
        cands = [-na for _, na in ranked[: r.max_candidates]]
        if cands:
            prepared = scorer.prepare(fb)
            for a in cands:
                examined += 1
                s, sig = scorer.score(feats[a], fb, prepared)
                if s >= r.min_score:
                    first = _ordered(feats[a].order, fb.order, unit_of[a], ub, order_cache)
                    out.append((s, a, b, sig) if first else (s, b, a, sig))
        for index, add in ((held, fb.indexed), (chosen_by, fb.selected)):
            for key in add:
                dq = index.get(key)
                if dq is None:
                    dq = index[key] = deque(maxlen=r.scan)
                dq.append(b)
    return out, examined


def _ordered(oa: int, ob: int, ua: Unit, ub: Unit,
             cache: dict[tuple[int, int], bool | None]) -> bool | None:
    k = (oa, ob)
    if k not in cache:
        cache[k] = before(ua, ub)
    return cache[k]


def _assemble(pairs: list[Pair], feats: list[ItemFeatures], unit_of: list[Unit],
              scorer: Scorer, r: ThreadRules) -> tuple[list[Pair], list[Thread]]:
    """Greedy selection of links (:mod:`luoshi.link.chains`), then the threads."""
    implied: dict[tuple[int, int], tuple[float, dict[str, float]]] = {}
    order_cache: dict[tuple[int, int], bool | None] = {}

    def adjacent(x: int, y: int) -> bool:
        if _ordered(feats[x].order, feats[y].order, unit_of[x], unit_of[y],
                    order_cache) is not True:
            return False
        got = implied.get((x, y))
        if got is None:
            got = implied[(x, y)] = scorer.score(feats[x], feats[y])
        return got[0] >= r.min_adjacent

    chains = Chains(lambda i: unit_of[i].id, adjacent)
    chosen = select(pairs, chains, lambda a, b: abs(feats[b].order - feats[a].order), r.band)
    direct = {(a, b): (s, sig) for s, a, b, sig in chosen}
    threads = []
    for members in chains.chains():
        links = []
        for a, b in pairwise(members):
            if (a, b) in direct:
                (s, sig), is_chosen = direct[(a, b)], True
            else:
                (s, sig), is_chosen = implied.get((a, b)) or scorer.score(feats[a], feats[b]), False
            links.append(Link(feats[a].ref, feats[b].ref, s, sig,
                              shared_ids(feats[a], feats[b]), is_chosen))
        first = feats[members[0]].ref
        threads.append(Thread(f"t{first.unit[:10]}-{first.index}",
                              [feats[i].ref for i in members], links))
    return chosen, threads
