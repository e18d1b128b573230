"""From the follow-through data (plain JSON shapes) to what the page shows.

Input is what ``luoshi.follow`` returns: tracker rows (``track_rows``), the
series list (``list_series``) and their timelines (``timeline``), plus the
ledger's document summaries. Output is a tree of small frozen dataclasses in a
fixed order (every list is sorted here), so the same input always renders the
same page. Missing fields are tolerated: a row without a topic is "other", a
document the summaries do not know is shown by its id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from luoshi.report import labels
from luoshi.report.charts import BarChart, TimelineChart, stacked_bars, timeline_chart
from luoshi.report.labels import Label

__all__ = ["ReportInput", "ReportView", "build_view"]

Row = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything the report is made from; plain data, no ledger."""

    as_of: str
    generated_at: str
    rows: Sequence[Row] = ()
    series: Sequence[Row] = ()
    timelines: Sequence[Row] = ()
    documents: Sequence[Row] = ()
    title: str = "落实 luoshi · 成果落实情况报告 Follow-through report"
    notes: Sequence[str] = ()  # problems met while gathering, shown on the page


@dataclass(frozen=True, slots=True)
class DocView:
    id: str
    title: str | None
    mechanism: str | None
    round: int | None
    meeting_start: str | None
    published: str | None
    items: int | None
    commitments: int
    known: bool  # in the ledger's document list

    @property
    def anchor(self) -> str:
        return f"doc-{self.id}"

    @property
    def date(self) -> str | None:
        return self.meeting_start or self.published


@dataclass(frozen=True, slots=True)
class Cite:
    """A sentence of a document: where it is and what it says."""

    doc: DocView
    item: int | None
    span: str | None  # "[start, end)"
    text: str | None
    label: Label | None = None  # evidence kind or source role
    date: str | None = None
    start: int = -1  # span start, for ordering
    quote: tuple[str, str, str] | None = None  # the sentence, its cited part marked
    title: str | None = None  # the item's heading


@dataclass(frozen=True, slots=True)
class Party:
    zh: str
    en: str | None


@dataclass(frozen=True, slots=True)
class Override:
    status: Label
    note: str | None
    source: str | None
    author: str | None
    at: str | None


@dataclass(frozen=True, slots=True)
class RowView:
    id: str
    status: Label
    machine: Label | None  # shown when an override changed the status
    cite: Cite
    parties: tuple[Party, ...]
    due: str
    topic: Label
    round: int | None
    score: int | None
    evidence: tuple[Cite, ...]
    overrides: tuple[Override, ...]


@dataclass(frozen=True, slots=True)
class StatusTotal:
    status: Label
    count: int
    percent: str


@dataclass(frozen=True, slots=True)
class ChartView:
    chart: BarChart
    # the chart's numbers as a table: (label zh, label en, counts in status order, total)
    table: tuple[tuple[str, str, tuple[int, ...], int], ...]


@dataclass(frozen=True, slots=True)
class OccurrenceView:
    ordinal: int | None
    status: Label
    planned: str
    date: str
    place: str | None
    sources: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class TimelineView:
    id: str
    name: str
    name_en: str | None
    held: int
    planned: int
    chart: TimelineChart | None
    occurrences: tuple[OccurrenceView, ...]

    @property
    def anchor(self) -> str:
        return "series-" + "".join(c if c.isalnum() else "-" for c in self.id)


@dataclass(frozen=True, slots=True)
class StatusGroup:
    status: Label
    rows: tuple[RowView, ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    title: str
    as_of: str
    generated_at: str
    statuses: tuple[Label, ...]
    occurrence_statuses: tuple[Label, ...]
    totals: tuple[StatusTotal, ...]
    commitments: int
    g20_mean: str | None
    g20_scored: int
    by_round: ChartView
    by_topic: ChartView
    overdue: tuple[RowView, ...]
    groups: tuple[StatusGroup, ...]
    timelines: tuple[TimelineView, ...]
    documents: tuple[DocView, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- helpers


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def span_text(span: Any) -> str | None:
    if isinstance(span, Sequence) and not isinstance(span, str) and len(span) == 2:
        return f"[{span[0]}, {span[1]})"
    return None


def interval_text(value: Any) -> str:
    """``{start, end}`` → "2016-06-30", "2014-09-01 – 2014-11-30" or "—"."""
    if not isinstance(value, Mapping):
        return "—"
    start, end = _str(value.get("start")), _str(value.get("end"))
    if start and end and start != end:
        return f"{start} – {end}"
    return start or (f"by {end}" if end else "—")


# --------------------------------------------------------------------------- documents


def _documents(inp: ReportInput) -> dict[str, DocView]:
    counts = Counter(str(r.get("doc")) for r in inp.rows)
    docs: dict[str, DocView] = {}
    for d in inp.documents:
        doc_id = str(d.get("id"))
        docs[doc_id] = DocView(
            doc_id,
            _str(d.get("title")),
            _str(d.get("mechanism")),
            _int(d.get("round")),
            _str(d.get("meeting_start")),
            _str(d.get("published")),
            _int(d.get("items")),
            counts.get(doc_id, 0),
            True,
        )
    return docs


def _doc(docs: dict[str, DocView], doc_id: Any) -> DocView:
    key = str(doc_id)
    if key not in docs:
        docs[key] = DocView(key, None, None, None, None, None, None, 0, False)
    return docs[key]


def _doc_order(doc: DocView) -> tuple[str, int, str]:
    return (doc.date or "9999", doc.round if doc.round is not None else 10**6, doc.id)


# --------------------------------------------------------------------------- rows


def _cite(docs: dict[str, DocView], src: Row, label: Label | None = None) -> Cite:
    date = src.get("date")
    span = src.get("span")
    start = _int(span[0]) if span_text(span) else None
    return Cite(
        _doc(docs, src.get("doc")),
        _int(src.get("item")),
        span_text(src.get("span")),
        _str(src.get("text")),
        label,
        interval_text(date) if isinstance(date, Mapping) else _str(date),
        start if start is not None else -1,
        _quote(src.get("quote")),
        _str(src.get("item_title")),
    )


def _quote(value: Any) -> tuple[str, str, str] | None:
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 3:
        before, marked, after = (str(v or "") for v in value)
        return (before, marked, after) if marked else None
    return None


def _parties(row: Row) -> tuple[Party, ...]:
    out: list[Party] = []
    for p in row.get("parties") or ():
        if isinstance(p, Mapping):  # an actor object rather than its name
            zh = _str(p.get("name") or p.get("text")) or ""
            out.append(Party(zh, _str(p.get("name_en")) or labels.party_label(zh)))
        elif _str(p):
            out.append(Party(str(p), labels.party_label(str(p))))
    return tuple(out)


def _overrides(row: Row) -> tuple[Override, ...]:
    out = []
    for o in row.get("overrides") or ():
        if not isinstance(o, Mapping):
            continue
        out.append(
            Override(
                labels.status_label(_str(o.get("status"))),
                _str(o.get("note")),
                _str(o.get("source")),
                _str(o.get("author")),
                _str(o.get("created_at") or o.get("at")),
            )
        )
    return tuple(sorted(out, key=lambda o: o.at or ""))


def _row_view(docs: dict[str, DocView], row: Row) -> RowView:
    status = labels.status_label(_str(row.get("status")))
    machine_key = _str(row.get("machine_status"))
    changed = machine_key and machine_key != status.key
    machine = labels.status_label(machine_key) if changed else None
    evidence = tuple(
        _cite(docs, e, labels.evidence_label(_str(e.get("kind"))))
        for e in row.get("evidence") or ()
        if isinstance(e, Mapping)
    )
    return RowView(
        id=str(row.get("id")),
        status=status,
        machine=machine,
        cite=_cite(docs, row),
        parties=_parties(row),
        due=interval_text(row.get("due")),
        topic=labels.topic_label(row.get("topic")),
        round=_int(row.get("round")),
        score=_int(row.get("score")),
        evidence=evidence,
        overrides=_overrides(row),
    )


def _row_order(view: RowView) -> tuple[Any, ...]:
    c = view.cite
    return (_doc_order(c.doc), c.item if c.item is not None else -1, c.start, view.id)


# --------------------------------------------------------------------------- charts


def _chart(
    groups: list[tuple[Any, str, str, Counter[str]]], statuses: Sequence[Label]
) -> ChartView:
    groups = sorted(groups, key=lambda g: g[0])
    chart = stacked_bars([(zh, en, counts) for _, zh, en, counts in groups], statuses)
    table = tuple(
        (zh, en, tuple(counts.get(s.key, 0) for s in statuses), sum(counts.values()))
        for _, zh, en, counts in groups
    )
    return ChartView(chart, table)


def _round_key(docs: dict[str, DocView], row: Row) -> tuple[str | None, int | None]:
    doc = _doc(docs, row.get("doc"))
    rnd = _int(row.get("round"))
    return (_str(row.get("mechanism")) or doc.mechanism, rnd if rnd is not None else doc.round)


def _by_round(
    docs: dict[str, DocView], rows: Sequence[Row], statuses: Sequence[Label]
) -> ChartView:
    counts: dict[tuple[str | None, int | None], Counter[str]] = defaultdict(Counter)
    dates: dict[tuple[str | None, int | None], str] = {}
    for row in rows:
        key = _round_key(docs, row)
        counts[key][labels.status_label(_str(row.get("status"))).key] += 1
        date = _str(row.get("doc_date")) or _doc(docs, row.get("doc")).date or "9999"
        dates[key] = min(dates.get(key, date), date)
    groups = []
    for (mechanism, rnd), c in counts.items():
        year = dates[(mechanism, rnd)][:4]
        zh = (f"{mechanism or ''} " + (f"第{rnd}轮" if rnd is not None else "届次不详")).strip()
        en = f"Round {rnd}" if rnd is not None else "Round not stated"
        if year != "9999":
            en += f" · {year}"
        order = (dates[(mechanism, rnd)], mechanism or "", rnd if rnd is not None else 10**6)
        groups.append((order, zh, en, c))
    return _chart(groups, statuses)


def _by_topic(rows: Sequence[Row], statuses: Sequence[Label]) -> ChartView:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Label] = {}
    for row in rows:
        topic = labels.topic_label(row.get("topic"))
        names.setdefault(topic.key, topic)
        counts[topic.key][labels.status_label(_str(row.get("status"))).key] += 1
    groups = [
        ((-sum(c.values()), code), names[code].zh, f"{code} {names[code].en}", c)
        for code, c in counts.items()
    ]
    return _chart(groups, statuses)


# --------------------------------------------------------------------------- timelines


def _timeline_view(
    docs: dict[str, DocView], summary: Row, tl: Row | None, as_of: str
) -> TimelineView:
    series = (tl or {}).get("series") or {}
    occurrences = []
    for occ in (tl or {}).get("occurrences") or ():
        sources = tuple(
            _cite(docs, s, labels.role_label(_str(s.get("role"))))
            for s in occ.get("sources") or ()
            if isinstance(s, Mapping)
        )
        occurrences.append(
            (
                occ,
                OccurrenceView(
                    _int(occ.get("ordinal")),
                    labels.occurrence_status(_str(occ.get("status"))),
                    interval_text(occ.get("planned")),
                    interval_text(occ.get("date")),
                    _str(occ.get("place")),
                    sources,
                ),
            )
        )
    # by ordinal, unnumbered ones last, in the order the timeline gave them
    occurrences.sort(key=lambda p: (p[1].ordinal is None, p[1].ordinal or 0))
    chart = timeline_chart(
        [(v.ordinal, v.status, o.get("planned"), o.get("date")) for o, v in occurrences], as_of
    )
    views = tuple(v for _, v in occurrences)
    if tl is not None:  # counted as of the report's date, like the statuses shown
        held = sum(1 for v in views if v.status.key.startswith("held"))
        planned = sum(1 for v in views if v.status.key in ("planned", "overdue"))
    else:
        held, planned = _int(summary.get("held")) or 0, _int(summary.get("planned")) or 0
    return TimelineView(
        id=str(summary.get("id") or series.get("id")),
        name=str(series.get("name") or summary.get("name") or summary.get("id")),
        name_en=_str(series.get("name_en") or summary.get("name_en")),
        held=held,
        planned=planned,
        chart=chart,
        occurrences=views,
    )


def _timelines(docs: dict[str, DocView], inp: ReportInput) -> tuple[TimelineView, ...]:
    by_id = {
        str((t.get("series") or {}).get("id")): t for t in inp.timelines if isinstance(t, Mapping)
    }
    summaries = list(inp.series) or [dict(t.get("series") or {}) for t in inp.timelines]
    views = [_timeline_view(docs, s, by_id.get(str(s.get("id"))), inp.as_of) for s in summaries]
    # most-documented mechanisms first
    views.sort(key=lambda v: (-len(v.occurrences), -v.held, v.name, v.id))
    return tuple(views)


# --------------------------------------------------------------------------- entry point


def build_view(inp: ReportInput) -> ReportView:
    docs = _documents(inp)
    statuses = labels.commitment_statuses()
    rows = sorted((_row_view(docs, r) for r in inp.rows), key=_row_order)
    known = {s.key for s in statuses}
    extra = sorted({r.status.key for r in rows} - known)  # statuses newer than labels.toml
    statuses = [*statuses, *(labels.status_label(k) for k in extra)]
    count = Counter(r.status.key for r in rows)
    total = len(rows)
    totals = tuple(
        StatusTotal(s, n, _percent(n, total)) for s in statuses for n in (count.get(s.key, 0),)
    )
    scores = [r.score for r in rows if r.score is not None]
    mean = f"{sum(scores) / len(scores):+.2f}" if scores else None
    overdue = tuple(
        sorted(
            (r for r in rows if r.status.key == "overdue"),
            key=lambda r: (_due_key_view(r), _row_order(r)),
        )
    )
    groups = tuple(
        StatusGroup(s, tuple(r for r in rows if r.status.key == s.key))
        for s in statuses
        if count.get(s.key)
    )
    timelines = _timelines(docs, inp)
    return ReportView(
        title=inp.title,
        as_of=inp.as_of,
        generated_at=inp.generated_at,
        statuses=tuple(statuses),
        occurrence_statuses=tuple(labels.occurrence_statuses()),
        totals=totals,
        commitments=total,
        g20_mean=mean,
        g20_scored=len(scores),
        by_round=_by_round(docs, inp.rows, statuses),
        by_topic=_by_topic(inp.rows, statuses),
        overdue=overdue,
        groups=groups,
        timelines=timelines,
        documents=tuple(sorted(docs.values(), key=_doc_order)),
        notes=tuple(inp.notes),
    )


def _percent(n: int, total: int) -> str:
    if not total:
        return "–"
    share = 100 * n / total
    return "<1%" if 0 < share < 1 else f"{share:.0f}%"


def _due_key_view(view: RowView) -> str:
    # "2014-09-01 – 2014-11-30" → its end; "by 2016-06-30" → that day
    text = view.due.removeprefix("by ")
    return text.split(" – ")[-1] if text != "—" else "9999"
