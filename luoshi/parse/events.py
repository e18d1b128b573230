"""Meetings told in a narrative: "2005年8月1日，中美战略对话在北京举行。"

A sentence yields an event when it says that a named meeting (…对话/会议/磋商/论坛…)
was held somewhere, with a date before that clause. The same meeting told several
times (a summary, a timeline, a news paragraph) becomes one event.
"""

from __future__ import annotations

import re
from datetime import date

from luoshi.model import Event
from luoshi.parse.dates import find_dates
from luoshi.parse.meeting import TextView

_MEETING_WORD = re.compile(r"对话|会议|会谈|磋商|论坛|峰会|联委会|研讨会")
# 在<place>(同<counterpart>)举行/召开 <object>
_HELD = re.compile(
    r"在(?P<place>(?!出席)[^，。；、在同与]{2,24}?)(?:同[^，。；]{1,40}?)?(?:举行|召开)(?P<obj>[^，。；]{0,24})"
)
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")


def find_events(view: TextView, paragraphs: list[tuple[int, int]],
                default_year: int | None) -> list[Event]:
    text = view.norm.text
    events: list[Event] = []
    for a, b in paragraphs:
        year = default_year
        for sm in _SENTENCE.finditer(text, a, b):
            s_text = sm.group()
            dates = find_dates(s_text, year)
            if dates:
                year = dates[-1].last.year
            held = _HELD.search(s_text)
            if not held or not dates:
                continue
            before = [d for d in dates if d.start < held.start()]
            if not before:
                continue
            when = before[-1]
            subject = s_text[when.end:held.start()]
            obj = held["obj"]
            what_rel = _what(subject, obj, when.end, held.start("obj"))
            if what_rel is None:
                continue
            off = sm.start()
            events.append(Event(
                text=view.show(off, off + len(s_text)).strip(),
                span=view.src(off, off + len(s_text)),
                what=view.show(off + what_rel[0], off + what_rel[1]).strip(" ，,的"),
                start=when.first.isoformat(),
                end=when.last.isoformat(),
                place=view.show(off + held.start("place"), off + held.end("place")),
            ))
    return _merge(events)


def _what(subject: str, obj: str, subj_off: int, obj_off: int) -> tuple[int, int] | None:
    """Offsets (in the sentence) of the meeting's name, taken from subject or object."""
    for part, off in ((obj, obj_off), (subject, subj_off)):
        m = _MEETING_WORD.search(part)
        if m:
            # the name runs back to the last comma of the part
            start = max(part.rfind("，", 0, m.start()), part.rfind(",", 0, m.start())) + 1
            return off + start, off + m.end()
    return None


def _merge(events: list[Event]) -> list[Event]:
    """One event per meeting: overlapping dates at the same (or an unnamed) place."""
    merged: list[Event] = []
    for ev in events:
        for i, other in enumerate(merged):
            if _same(ev, other):
                # keep the richer telling: a range beats a day, a day beats a month
                if _extent_score(ev) > _extent_score(other):
                    merged[i] = ev
                break
        else:
            merged.append(ev)
    merged.sort(key=lambda e: (e.start or "", e.span[0]))
    return merged


def _same(a: Event, b: Event) -> bool:
    if not (a.start and b.start and a.end and b.end):
        return False
    overlap = a.start <= b.end and b.start <= a.end
    if not overlap:
        return False
    if a.place and b.place:
        pa, pb = a.place, b.place
        return pa in pb or pb in pa or pa[-2:] == pb[-2:]
    return True


def _extent_score(e: Event) -> tuple[int, int]:
    if not e.start or not e.end:
        return (0, 0)
    span_days = (date.fromisoformat(e.end) - date.fromisoformat(e.start)).days
    exact = 1 if span_days < 27 else 0  # a day or a few days, not a whole month
    return (exact, span_days if exact else -span_days)

