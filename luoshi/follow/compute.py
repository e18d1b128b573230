"""The pure part of linking: a :class:`Corpus` in, the rows of the link tables out.

Runs ``luoshi.link`` in order — copies, threads (with their diffs), then series
timelines and commitment status once per *epoch* — and turns the results into
plain rows keyed by ledger ids. Nothing here touches the database.

Epochs are the distinct document dates (plus ``""`` for "before every dated
document" when some document has no date): the set of documents visible as of
a date only changes on those days, so within an epoch a status can only change
by a deadline passing, which the reader derives (``luoshi.follow.views``). Per
commitment and per series a state row is kept only for the epochs where it
differs from the previous one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from luoshi.follow.load import Corpus, LedgerDoc, VersionRef
from luoshi.link.align import TextSims
from luoshi.link.anchors import doc_date
from luoshi.link.copies import (
    CopyView,
    MergedDocument,
    MergedItem,
    group_views,
    merge_copies,
)
from luoshi.link.status import CommitmentStatus, changes_over_time, commitment_id
from luoshi.link.threads import link_threads
from luoshi.link.timelines import Occurrence, Timeline
from luoshi.model import Document
from luoshi.store.links import HEAD_PART, HEADER_POS

# as_of used to compute the "before every dated document" epoch
BEFORE_ALL = "0001-01-01"
# state rows held before ``statuses`` hands them to its ``flush``
FLUSH_ROWS = 20_000


def dump(value: Any) -> str:
    """Canonical JSON text: the same value always gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(slots=True)
class Rows:
    link_documents: list[dict[str, Any]] = field(default_factory=list)
    copy_groups: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    commitment_states: list[dict[str, Any]] = field(default_factory=list)
    threads: list[dict[str, Any]] = field(default_factory=list)
    thread_items: list[dict[str, Any]] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)
    occurrence_states: list[dict[str, Any]] = field(default_factory=list)
    epochs: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    logical: list[Document | MergedDocument] = field(default_factory=list)  # not stored


# -- copies ---------------------------------------------------------------------------


# (version ids, with source text?) → (version id, document) of each, in any
# order: how linking reads documents (``luoshi.follow.load.iter_documents``)
Loader = Callable[[Sequence[int], bool], Iterable[tuple[int, Document]]]
# documents loaded at once while merging copies (whole groups, so a larger group
# is loaded alone)
MERGE_BATCH = 500


def memory_loader(docs: Sequence[LedgerDoc]) -> Loader:
    """A :data:`Loader` over documents already in memory (tests, small corpora)."""
    by_version = {d.version_id: d.doc for d in docs}
    return lambda ids, _text: ((v, by_version[v]) for v in ids)


def _batches(groups: list[list[int]], size: int) -> Iterator[list[list[int]]]:
    """Consecutive groups, about ``size`` documents at a time."""
    batch: list[list[int]] = []
    held = 0
    for g in groups:
        if batch and held + len(g) > size:
            yield batch
            batch, held = [], 0
        batch.append(g)
        held += len(g)
    if batch:
        yield batch


def _for_threads(merged: MergedDocument) -> MergedDocument:
    """``merged`` as threads read it: each item's chosen copy, and the primary.
    Dropping the other variants and copies lets those documents go (on an
    archive, most documents are copies of another)."""
    return replace(merged, items=[MergedItem(m.chosen, []) for m in merged.items],
                   copies=merged.copies[:1])


def copies(
    versions: Sequence[VersionRef], load: Loader, rows: Rows
) -> tuple[Corpus, list[LedgerDoc]]:
    """Group copies; fill ``link_documents`` and ``copy_groups``; the corpus
    holding the primaries, and the primaries.

    Documents are read twice, never all at once: first into
    :class:`~luoshi.link.copies.CopyView` s to find the copies, then a few
    groups at a time to merge them. ``rows.logical`` gets one document per
    group (copies merged, holding only what threads read), in the order
    ``link_threads`` would build them itself."""
    at = {v.version_id: n for n, v in enumerate(versions)}
    views: list[CopyView | None] = [None] * len(versions)
    strings: dict[str, str] = {}
    for vid, doc in load([v.version_id for v in versions], False):
        views[at[vid]] = CopyView.of(doc, strings)
    missing = [versions[n].id for n, v in enumerate(views) if v is None]
    if missing:
        raise ValueError(f"versions not found in the ledger: {missing[:5]}")
    del strings
    memo: TextSims = {}  # item texts recur across an archive's copies
    groups = group_views([v for v in views if v is not None], memo=memo)
    del views
    corpus = Corpus([], versions)
    primaries: list[LedgerDoc] = []
    multi = 0
    for batch in _batches(groups, MERGE_BATCH):
        loaded = dict(load([versions[i].version_id for g in batch for i in g], True))
        for g in batch:
            group = [LedgerDoc(versions[i].id, versions[i].version_id, versions[i].sha256,
                               loaded[versions[i].version_id]) for i in g]
            conflicts: list[dict[str, Any]] = []
            if len(group) > 1:
                merged = merge_copies([d.doc for d in group], memo=memo)
                by_doc = {id(d.doc): d for d in group}
                ranked = [by_doc[id(d)] for d in merged.copies]
                conflicts = corpus.remap(merged.conflicts)
                rows.logical.append(_for_threads(merged))
                multi += 1
            else:
                ranked = group
                rows.logical.append(group[0].doc)
            _copy_rows(ranked, conflicts, rows)
            primaries.append(ranked[0])
        del loaded
    rows.link_documents.sort(key=lambda r: r["document_id"])
    rows.copy_groups.sort(key=lambda r: r["id"])
    rows.stats["copy_groups"] = multi
    rows.stats["documents"] = len(versions)
    primaries.sort(key=lambda d: d.id)
    corpus.docs = primaries
    corpus.by_id = {d.id: d for d in primaries}
    return corpus, primaries


def _copy_rows(ranked: list[LedgerDoc], conflicts: list[dict[str, Any]], rows: Rows) -> None:
    """The ``link_documents`` rows of one group's documents (primary first) and
    its ``copy_groups`` row."""
    primary = ranked[0]
    copies_json = []
    for n, d in enumerate(ranked):
        role = "primary" if n == 0 else "copy"
        rows.link_documents.append(
            {
                "document_id": d.id,
                "version_id": d.version_id,
                "sha256": d.sha256,
                "link_id": d.link_id,
                "date": d.date,
                "copy_group": primary.id,
                "copy_role": role,
            }
        )
        copies_json.append(
            {
                "doc": d.id,
                "location": d.doc.source.path,
                "format": d.doc.source.format,
                "script": d.doc.source.script,
                "lang": d.doc.source.language,
                "role": role,
                "title": d.doc.title,
                "items": len(d.doc.items),
            }
        )
    rows.copy_groups.append(
        {
            "id": primary.id,
            "data": dump({"group": primary.id, "copies": copies_json, "conflicts": conflicts}),
        }
    )


# -- threads --------------------------------------------------------------------------


# (document, item, later document, later item) → the diff's JSON text
DiffKey = tuple[str, int | None, str, int | None]


def threads(corpus: Corpus, rows: Rows, known_diffs: dict[DiffKey, str] | None = None) -> None:
    """Threads over the documents as ``copies`` left them (copies merged).

    ``known_diffs``: diffs stored by a previous link of the same documents
    (``luoshi.follow.run`` passes them only when every document linked before
    is unchanged): a diff depends on its two items alone, so a link that is
    still there keeps its diff instead of computing it again."""
    from luoshi.link.diff import diff_items

    ts = link_threads(rows.logical, merge=False)
    known = known_diffs or {}
    for seq, t in enumerate(ts.threads):
        texts = []
        for a, b in pairwise(t.items):
            key = (corpus.ledger_id(a.doc.source.sha256), a.item.number,
                   corpus.ledger_id(b.doc.source.sha256), b.item.number)
            text = known.get(key)
            texts.append(text if text is not None else corpus.remap_text(dump(diff_items(a, b))))
        # the same text as dump() of the list: dump() has no spaces
        rows.threads.append({"id": t.id, "seq": seq, "diffs": "[" + ",".join(texts) + "]"})
        for pos, ref in enumerate(t.items):
            score = t.links[pos - 1].score if pos > 0 else None
            rows.thread_items.append(
                {
                    "thread_id": t.id,
                    "pos": pos,
                    "document_id": corpus.ledger_id(ref.doc.source.sha256),
                    "item_number": ref.item.number,
                    "score": round(score, 3) if score is not None else None,
                    "title": ref.item.title,
                    "text": ref.item.text,
                }
            )
    rows.stats["threads"] = len(ts.threads)


# -- timelines and status, per epoch --------------------------------------------------


def epochs_of(docs: Iterable[Document]) -> list[str]:
    dates = [doc_date(d) for d in docs]
    out = sorted({d for d in dates if d})
    if any(d is None for d in dates):
        out.insert(0, "")
    return out


def _timeline_json(tl: Timeline, corpus: Corpus, texts: dict[str, str]) -> dict[str, Any]:
    """The JSON of a timeline (``_SeriesRows`` stores it piecewise)."""
    data = tl.to_json()
    for occ in data["occurrences"]:
        for src in occ["sources"]:
            span = src.get("span")
            text = texts.get(src["doc"], "")
            src["text"] = text[span[0] : span[1]] if span else ""
            src["doc"] = corpus.ledger_id(src["doc"])
    return data


def _status_json(st: CommitmentStatus, corpus: Corpus) -> dict[str, Any]:
    data = st.to_json()
    data.pop("as_of", None)  # the reader's date, not the epoch's
    data["doc"] = corpus.ledger_id(data["doc"])
    for ev in data["evidence"]:
        ev["doc"] = corpus.ledger_id(ev["doc"])
    return data


# The state of a key that no longer exists as of an epoch (e.g. two series found
# to be one once a later document links them).
GONE = "null"


class _Delta:
    """Keeps a state row only where it differs from the key's previous one."""

    def __init__(self, previous: dict[str, str] | None = None) -> None:
        self.last: dict[str, str] = dict(previous or {})

    def step(self, states: dict[str, str], *, partial: bool = False) -> list[tuple[str, str]]:
        """The (key, text) rows to write for one epoch's ``states`` (``partial``:
        only some keys, the others unchanged; else every key, a missing one gone)."""
        out = [(k, t) for k, t in states.items() if self.last.get(k) != t]
        if not partial:
            out += [(k, GONE) for k, t in self.last.items() if t != GONE and k not in states]
        for k, t in out:
            self.last[k] = t
        return out


SeriesKey = tuple[str, int, int]  # (series id, occurrence position, part): see store.links


def series_header(tl: Timeline) -> str:
    """The header row of a series: its name and number of occurrences."""
    return dump({"count": len(tl.occurrences),
                 "series": {"id": tl.series_id, "name": tl.name, "name_en": tl.name_en}})


class _SeriesRows:
    """The ``occurrence_states`` rows of each epoch: per series a header, per
    occurrence a head and one row per source, only where they differ from the
    previous row of the same key (``previous``: the rows in force before the
    first epoch). A series whose Timeline object is the one of the previous
    epoch is skipped, and so is an Occurrence object at the position it had;
    a source's text is made once per link."""

    def __init__(self, corpus: Corpus, texts: dict[str, str],
                 previous: dict[SeriesKey, str] | None = None) -> None:
        self.corpus, self.texts = corpus, texts
        self.last: dict[SeriesKey, str] = dict(previous or {})
        # the counts as last written: occurrences per series, sources per occurrence
        self.count: dict[str, int] = {}
        self.nsrc: dict[tuple[str, int], int] = {}
        for (sid, pos, part), text in self.last.items():
            if part == HEAD_PART and text != GONE:
                n = json.loads(text)["count" if pos == HEADER_POS else "sources"]
                if pos == HEADER_POS:
                    self.count[sid] = n
                else:
                    self.nsrc[(sid, pos)] = n
        # series id → its Timeline as last shown (its occurrences by position)
        self.shown: dict[str, Timeline] = {}
        self.source_text: dict[tuple[Any, ...], str] = {}

    def _put(self, out: list[tuple[str, int, int, str]], key: SeriesKey, text: str) -> None:
        if self.last.get(key, GONE) != text:
            self.last[key] = text
            out.append((*key, text))

    def _occurrence(self, o: Occurrence) -> tuple[str, list[str]]:
        """The head text of ``o`` (its sources counted) and its sources' texts."""
        data = o.to_json()
        srcs = []
        for src in data["sources"]:
            key = (src["doc"], src["item"], tuple(src["span"] or ()), src.get("role"))
            text = self.source_text.get(key)
            if text is None:
                span = src.get("span")
                doc_text = self.texts.get(src["doc"], "")
                src["text"] = doc_text[span[0] : span[1]] if span else ""
                src["doc"] = self.corpus.ledger_id(src["doc"])
                text = self.source_text[key] = dump(src)
            srcs.append(text)
        data["sources"] = len(srcs)
        return dump(data), srcs

    def _drop(self, out: list[tuple[str, int, int, str]], sid: str, pos: int, start: int) -> None:
        """Sources ``start`` on of the occurrence at ``pos`` are gone."""
        for part in range(start, self.nsrc.pop((sid, pos), 0)):
            self._put(out, (sid, pos, part), GONE)

    def step(self, timelines: list[Timeline]) -> list[tuple[str, int, int, str]]:
        """The (series id, pos, part, text) rows to write for one epoch's timelines."""
        out: list[tuple[str, int, int, str]] = []
        present = set()
        for tl in timelines:
            sid = tl.series_id
            present.add(sid)
            prev = self.shown.get(sid)
            if prev is tl:
                continue
            before = prev.occurrences if prev is not None else []
            self._put(out, (sid, HEADER_POS, HEAD_PART), series_header(tl))
            for pos, o in enumerate(tl.occurrences):
                if pos < len(before) and before[pos] is o:
                    continue
                head, srcs = self._occurrence(o)
                self._put(out, (sid, pos, HEAD_PART), head)
                for part, text in enumerate(srcs):
                    self._put(out, (sid, pos, part), text)
                self._drop(out, sid, pos, len(srcs))
                self.nsrc[(sid, pos)] = len(srcs)
            self._gone(out, sid, len(tl.occurrences))
            self.count[sid] = len(tl.occurrences)
            self.shown[sid] = tl
        # a series no longer known as of this epoch (e.g. found to be another one)
        for sid in [s for s in self.count if s not in present]:
            self._put(out, (sid, HEADER_POS, HEAD_PART), GONE)
            self._gone(out, sid, 0)
            del self.count[sid]
            self.shown.pop(sid, None)
        return out

    def _gone(self, out: list[tuple[str, int, int, str]], sid: str, start: int) -> None:
        """Occurrences ``start`` on of series ``sid`` are gone."""
        for pos in range(start, self.count.get(sid, 0)):
            self._put(out, (sid, pos, HEAD_PART), GONE)
            self._drop(out, sid, pos, 0)


def statuses(
    corpus: Corpus,
    primaries: list[LedgerDoc],
    rows: Rows,
    *,
    start: str | None = None,
    previous: tuple[dict[str, str], dict[SeriesKey, str]] | None = None,
    known_series: dict[str, dict[str, Any]] | None = None,
    flush: Callable[[Rows], None] | None = None,
) -> None:
    """Series and commitment states per epoch (from epoch ``start`` on, with the
    states in force just before it in ``previous`` and the series rows seen
    before in ``known_series``), plus the latest commitments and series.

    ``flush``, when given, is called with ``rows`` whenever many state rows
    have piled up (and may empty ``rows.commitment_states`` and
    ``rows.occurrence_states``): the states of every epoch need not be held at once."""
    docs = [d.doc for d in primaries]
    texts = {d.link_id: d.doc.text for d in primaries}
    rows.epochs = epochs_of(docs)
    c_delta = _Delta(previous[0] if previous else None)
    s_rows = _SeriesRows(corpus, texts, previous[1] if previous else None)
    seen_series: dict[str, dict[str, Any]] = dict(known_series or {})
    todo = [e for e in rows.epochs if start is None or e >= start]
    if not todo and rows.epochs:
        todo = rows.epochs[-1:]  # the latest commitments are always recomputed
    runs = changes_over_time(docs, [e or BEFORE_ALL for e in todo])
    current: dict[int, CommitmentStatus] = {}  # position in document order → status
    for epoch, run in zip(todo, runs, strict=True):
        index = run.index
        # only commitments assessed anew can differ from the previous epoch;
        # commitments never disappear as the epochs advance
        c_now = {st.id: dump(_status_json(st, corpus)) for _, st in run.changed}
        by_status = {st.id: st.status for _, st in run.changed}
        for pos, st in run.changed:
            current[pos] = st
        for key, text in c_delta.step(c_now, partial=True):
            rows.commitment_states.append(
                {"commitment_id": key, "epoch": epoch, "status": by_status.get(key, ""),
                 "data": text}
            )
        # a series (an occurrence) unchanged since the previous epoch keeps
        # its Timeline (Occurrence) object, and so its JSON text
        for sid, pos, part, text in s_rows.step(index.timelines):
            rows.occurrence_states.append(
                {"series_id": sid, "pos": pos, "part": part, "epoch": epoch, "data": text}
            )
        if flush is not None and (
            len(rows.commitment_states) + len(rows.occurrence_states) >= FLUSH_ROWS
        ):
            flush(rows)
        for tl in index.timelines:
            seen_series.pop(tl.series_id, None)  # re-inserted last: latest order wins
            seen_series[tl.series_id] = {
                "id": tl.series_id,
                "name": tl.name,
                "name_en": tl.name_en,
                "keys": dump(sorted(tl.keys)),
                "occurrences": len(tl.occurrences),
            }
    last = [st for _, st in sorted(current.items())]
    _commitments(corpus, primaries, last, rows)
    _series(seen_series, rows)


def _commitments(
    corpus: Corpus, primaries: list[LedgerDoc], sts: list[CommitmentStatus], rows: Rows
) -> None:
    where: dict[str, tuple[LedgerDoc, int, dict[str, Any], dict[str, Any] | None]] = {}
    for d in primaries:
        for seq, item in enumerate(d.doc.items):
            topic = item.facts.get("topic")
            for c in item.facts.get("commitments") or []:
                span = c.get("span")
                if span is None:
                    continue
                cid = commitment_id(d.doc.source.sha256, item.number, span)
                where.setdefault(cid, (d, seq, c, topic if isinstance(topic, dict) else None))
    counts: dict[str, int] = {}
    for n, st in enumerate(sts):
        d, seq, fact, topic = where[st.id]
        counts[st.status] = counts.get(st.status, 0) + 1
        parties = fact.get("parties") or []
        rows.commitments.append(
            {
                "id": st.id,
                "document_id": d.id,
                "version_id": d.version_id,
                "item_seq": seq,
                "item_number": st.item,
                "seq": n,
                "span_start": st.span[0],
                "span_end": st.span[1],
                "text": st.text,
                "parties": dump([str(p) for p in parties]),
                "action": st.action,
                "round": d.doc.meeting.round,
                "mechanism": d.doc.meeting.mechanism,
                "doc_date": d.date,
                "status": st.status,
                "due_start": st.due.start if st.due else None,
                "due_end": st.due.end if st.due else None,
                "topic_code": (topic or {}).get("code"),
                "topic_label": (topic or {}).get("label_en"),
            }
        )
    rows.stats["commitments"] = len(sts)
    rows.stats["statuses"] = dict(sorted(counts.items()))


def _series(seen: dict[str, dict[str, Any]], rows: Rows) -> None:
    for seq, info in enumerate(sorted(seen.values(), key=lambda i: (i["name"], i["id"]))):
        rows.series.append({k: v for k, v in info.items() if k != "occurrences"} | {"seq": seq})
    rows.stats["series"] = len(seen)
    rows.stats["occurrences"] = sum(i.get("occurrences", 0) for i in seen.values())


def compute(docs: Sequence[LedgerDoc]) -> Rows:
    """Every derived row for the documents, held in memory (a full link)."""
    rows = Rows()
    versions = [VersionRef(d.id, d.version_id, d.sha256) for d in docs]
    corpus, primaries = copies(versions, memory_loader(docs), rows)
    threads(corpus, rows)
    statuses(corpus, primaries, rows)
    return rows
