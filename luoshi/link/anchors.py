"""Event-anchored deadlines, resolved once the anchoring event is known.

``luoshi.extract.times`` reads "在下一轮中美战略与经济对话前夕" as a deadline
with no date and a symbolic anchor; this module turns that anchor into a date
when some document of the set shows when the anchoring event took place.

Anchors (as written by the time extractor):

- ``next-round:NAME`` / ``next-meeting:NAME`` — the occurrence of NAME after
  the one current at the document: when the document is itself a round of
  NAME (``doc.meeting``), its round + 1; otherwise the highest round of NAME
  known to have started by the document date, + 1; for a mechanism without
  numbered rounds, the first occurrence after the document date.
- ``next-round`` / ``next-meeting`` without a name — NAME is the document's own
  mechanism (``doc.meeting.mechanism``); unresolved when it has none.
- ``round:N:NAME`` / ``meeting:N:NAME`` — the N-th occurrence of NAME.
- ``event:NAME`` — when NAME is a known recurring mechanism, its first
  occurrence starting after the document date; other events are unresolved.

Where occurrences come from (a :class:`Calendar`): each document's ``meeting``
(mechanism, round, start, end — the later document of that mechanism with
round + 1 dates the "next round"), plus any held occurrences the caller adds
(``luoshi.link.timelines`` adds series mentions reported as held with a date).
An occurrence only counts as known "as of" a date when the document that
reports it is dated on or before it.

The deadline is the anchoring event's first day plus an offset per
granularity (``eve``, ``day-before``, ``event``) from
``luoshi/data/status_rules.toml`` ``[anchors]`` — 0 for all three, because
outcome lists date a round from the first day of its week, side dialogues
included (see the comment there).

This module also holds the few basics the link modules share: document ids
and dates, date intervals, sources, and the folded series key that groups one
mechanism named differently in different rounds.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from luoshi.model import Document

__all__ = [
    "AnchorResolution",
    "Calendar",
    "DateInterval",
    "Happening",
    "Source",
    "as_date",
    "coref_re",
    "doc_date",
    "doc_id",
    "fold_key",
    "iso_day",
    "meeting_head",
    "parse_anchor",
    "resolve_anchor",
    "rules",
]

_DATA = Path(__file__).resolve().parent.parent / "data" / "status_rules.toml"


@cache
def rules() -> dict[str, Any]:
    """The parsed ``status_rules.toml`` (read once)."""
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------
# Shared basics
# --------------------------------------------------------------------------


def doc_id(doc: Document) -> str:
    """The ledger's document id: "d" + the first 10 hex digits of the sha256.

    Same as ``luoshi.store.ingest`` allocates (11 characters in all), so that
    sources cite documents the way the ledger names them. The ledger re-hashes
    on a (rare) prefix collision; ids here are not checked against a ledger.
    """
    return sha_doc_id(doc.source.sha256)


def sha_doc_id(sha256: str) -> str:
    """:func:`doc_id` of the document whose source has this sha256."""
    return "d" + sha256[:10]


def doc_date(doc: Document) -> str | None:
    """The ISO date a document speaks from: a progress report's as-of date, else
    its meeting's first day, else its publication, else the meeting's last day.

    The first day rather than the last: the outcome list of a round speaks of
    what was held "on its eve" as past, and a deadline like "2016年6月底前"
    stated in a list dated 6–7 June is compared against the list's day.
    """
    m = doc.meeting
    for iso in (doc.as_of, m.start, doc.published, m.end):
        if iso and as_date(iso) is not None:
            return iso
    return None


def as_date(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def iso_day(value: str | date | None) -> str | None:
    """An "as of" argument as an ISO date string; raises ValueError on garbage
    (a typo must not silently mean "no date")."""
    if value is None:
        return None
    if isinstance(value, date):  # datetime is a date too: keep the day
        return value.isoformat()[:10]
    d = as_date(value)
    if d is None:
        raise ValueError(f"not an ISO date: {value!r}")
    return d.isoformat()


class DateInterval(NamedTuple):
    """Inclusive ISO dates; either end may be open (None)."""

    start: str | None
    end: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_fact(cls, value: Any) -> DateInterval | None:
        """``{"start": …, "end": …}`` (or None) as the extractors write it."""
        if not isinstance(value, dict):
            return None
        s, e = value.get("start"), value.get("end")
        if s is None and e is None:
            return None
        return cls(s if isinstance(s, str) else None, e if isinstance(e, str) else None)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was read: document id, item number, span in the source text."""

    doc: str
    item: int | None
    span: tuple[int, int] | None
    role: str = ""  # planned | held | implied | meeting | restated | evidence …

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc": self.doc,
            "item": self.item,
            "span": list(self.span) if self.span else None,
        }
        if self.role:
            out["role"] = self.role
        return out


def nfkc(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@cache
def _ordinal_re() -> re.Pattern[str]:
    return re.compile(rules()["series"]["ordinal_pattern"])


@cache
def fold_key(name: str) -> str:
    """The grouping key of a mechanism's name: the series key (abbreviations
    expanded, 中美 and 年度 dropped, suffix variants unified), without ordinals
    or counts, folded with ``[series] fold`` so that a mechanism renamed between
    rounds keeps one key ("中美残障人士协调会议" = "第三届中美残疾人事务协调会")."""
    from luoshi.extract.series import series_key

    r = rules()["series"]
    s = nfkc(name)
    s = _ordinal_re().sub("", s)
    for p in sorted(r["count_prefixes"], key=len, reverse=True):
        if s.startswith(p):
            s = s[len(p) :]
            break
    k = series_key(s)
    for old, new in r["fold"]:
        k = k.replace(old, new)
    return k


def meeting_head(text: str) -> str | None:
    """The meeting head a name ends with ("战略安全对话会间会" → "会间会"), the
    longest of ``[series] meeting_heads``; None when it ends with none."""
    s = nfkc(text)
    for h in sorted(rules()["series"]["meeting_heads"], key=len, reverse=True):
        if s.endswith(h):
            return str(h)
    return None


@cache
def coref_re() -> re.Pattern[str]:
    """本次/此次/该 … + a meeting head, at the start of a sentence."""
    r = rules()["series"]
    co = "|".join(map(re.escape, sorted(r["coref"], key=len, reverse=True)))
    heads = "|".join(map(re.escape, sorted(r["meeting_heads"], key=len, reverse=True)))
    return re.compile(rf"^(?:{co})(?:{heads})")


# --------------------------------------------------------------------------
# Calendar of known occurrences
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Happening:
    """One occurrence of a mechanism known to have taken place."""

    key: str  # fold_key of the mechanism's name
    ordinal: int | None
    start: str | None
    end: str | None
    source: Source
    known_on: str | None  # date of the document that reports it
    series_id: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class AnchorResolution:
    """An anchor resolved to the occurrence it names, and the deadline it gives."""

    anchor: str
    key: str
    ordinal: int | None
    event: DateInterval  # when the anchoring occurrence took place
    due: DateInterval  # the deadline: (None, event start + offset)
    source: Source  # where the anchoring occurrence is reported
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "anchor": self.anchor,
            "ordinal": self.ordinal,
            "name": self.name,
            "event": self.event.to_json(),
            "due": self.due.to_json(),
            "source": self.source.to_json(),
        }


class ParsedAnchor(NamedTuple):
    kind: str  # next-round | next-meeting | round | meeting | event
    ordinal: int | None
    name: str | None


def parse_anchor(anchor: str) -> ParsedAnchor | None:
    """``"round:9:中美战略与经济对话"`` → ("round", 9, "中美战略与经济对话")."""
    kind, _, rest = anchor.partition(":")
    if kind in ("next-round", "next-meeting"):
        return ParsedAnchor(kind, None, rest or None)
    if kind in ("round", "meeting"):
        n, _, name = rest.partition(":")
        if not n.isdigit():
            return None
        return ParsedAnchor(kind, int(n), name or None)
    if kind == "event" and rest:
        return ParsedAnchor(kind, None, rest)
    return None


class Calendar:
    """Occurrences of mechanisms known from a set of documents."""

    def __init__(self, docs: Iterable[Document], extra: Iterable[Happening] = ()) -> None:
        self.by_key: dict[str, list[Happening]] = {}
        # key → (its list as indexed, its length then, happenings per ordinal);
        # ``by_key`` lists may be replaced or appended to by their owner
        self._ordinals: dict[str, tuple[list[Happening], int, dict[int | None, list[Happening]]]]
        self._ordinals = {}
        for doc in docs:
            h = meeting_happening(doc)
            if h is not None:
                self.add(h)
        for h in extra:
            self.add(h)

    def add(self, h: Happening) -> None:
        if h.start is None:  # only dated occurrences can date a deadline
            return
        self.by_key.setdefault(h.key, []).append(h)

    def known(self, key: str, as_of: str | None) -> list[Happening]:
        hs = self.by_key.get(key, [])
        if as_of is None:
            return list(hs)
        return [h for h in hs if h.known_on is None or h.known_on <= as_of]

    def occurrence(self, key: str, ordinal: int, as_of: str | None) -> Happening | None:
        # The document that *is* that round beats a mention of it elsewhere: it
        # is read first (meetings are added before extras), and min() keeps it.
        hits = [
            h for h in self._of_ordinal(key).get(ordinal, ())
            if as_of is None or h.known_on is None or h.known_on <= as_of
        ]
        return min(hits, key=lambda h: h.start or "") if hits else None

    def _of_ordinal(self, key: str) -> dict[int | None, list[Happening]]:
        """The happenings of ``key`` per ordinal, in their order in ``by_key``."""
        hs = self.by_key.get(key, [])
        hit = self._ordinals.get(key)
        if hit is None or hit[0] is not hs or hit[1] != len(hs):
            index: dict[int | None, list[Happening]] = {}
            for h in hs:
                index.setdefault(h.ordinal, []).append(h)
            hit = self._ordinals[key] = (hs, len(hs), index)
        return hit[2]

    def current_round(self, key: str, on: str | None, as_of: str | None) -> int | None:
        """The highest round of ``key`` started on or before ``on``."""
        ords = [
            h.ordinal
            for h in self.known(key, as_of)
            if h.ordinal is not None and (on is None or (h.start or "") <= on)
        ]
        return max(ords) if ords else None

    def first_after(self, key: str, after: str | None, as_of: str | None) -> Happening | None:
        hs = [h for h in self.known(key, as_of) if after is None or (h.start or "") > after]
        return min(hs, key=lambda h: h.start or "") if hs else None


def meeting_happening(doc: Document) -> Happening | None:
    """The occurrence a document itself records (its ``meeting``), if dated."""
    m = doc.meeting
    if not m.mechanism or not m.start:
        return None
    return Happening(
        key=fold_key(m.mechanism),
        ordinal=m.round,
        start=m.start,
        end=m.end or m.start,
        source=Source(doc_id(doc), None, (m.span[0], m.span[1]) if m.span else None, "meeting"),
        known_on=doc_date(doc),
        name=m.mechanism,
    )


def _offset(granularity: str | None) -> int:
    offsets: dict[str, int] = rules()["anchors"]["due_offset_days"]
    return int(offsets.get(granularity or "event", 0))


def resolve_anchor(
    anchor: str,
    doc: Document,
    calendar: Calendar,
    *,
    granularity: str | None = None,
    as_of: str | None = None,
) -> AnchorResolution | None:
    """The date an anchored deadline of ``doc`` falls on, or None while the
    anchoring occurrence is not known (as of ``as_of``, an ISO date)."""
    p = parse_anchor(anchor)
    if p is None:
        return None
    name = p.name
    if name is None:  # "next-round" alone: the document's own mechanism
        name = doc.meeting.mechanism
        if not name:
            return None
    key = fold_key(name)
    on = doc_date(doc)
    hit: Happening | None
    if p.kind in ("round", "meeting"):
        assert p.ordinal is not None
        hit = calendar.occurrence(key, p.ordinal, as_of)
    elif p.kind == "event":
        hit = calendar.first_after(key, on, as_of)
    else:
        own = doc.meeting
        if own.mechanism and fold_key(own.mechanism) == key and own.round is not None:
            base: int | None = own.round
        else:
            base = calendar.current_round(key, on, as_of)
        if base is not None:
            hit = calendar.occurrence(key, base + 1, as_of)
        else:
            hit = calendar.first_after(key, on, as_of)
    if hit is None or hit.start is None:
        return None
    start = as_date(hit.start)
    if start is None:
        return None
    due_end = (start + timedelta(days=_offset(granularity))).isoformat()
    return AnchorResolution(
        anchor=anchor,
        key=key,
        ordinal=hit.ordinal,
        event=DateInterval(hit.start, hit.end),
        due=DateInterval(None, due_end),
        source=hit.source,
        name=hit.name or name,
    )


def resolve_many(
    anchors: Sequence[tuple[str, Document, str | None]],
    docs: Iterable[Document],
    *,
    as_of: str | None = None,
) -> list[AnchorResolution | None]:
    """Convenience: resolve (anchor, document, granularity) triples against
    the meetings of ``docs`` only."""
    cal = Calendar(docs)
    return [resolve_anchor(a, d, cal, granularity=g, as_of=as_of) for a, d, g in anchors]
