"""The stored timeline text, pieced together from cached occurrence texts,
is exactly the canonical dump of the whole timeline."""

from __future__ import annotations

from typing import Any

from luoshi.follow.compute import _shown, _timeline_json, dump
from luoshi.follow.load import Corpus
from luoshi.link.anchors import DateInterval
from luoshi.link.timelines import DocRef, Occurrence, Record, Timeline, occurrence_status
from luoshi.model import Document


def _timeline(name: str) -> Timeline:
    ref = DocRef(doc=Document.__new__(Document), id="dfict0001", date="2031-05-01", order=0)
    held = Record(
        kind="held", key="虚构论坛", series_id="s1", name=name, name_en="Fictional Forum",
        ordinal=3, relation=None, doc=ref, item=2, span=(4, 9), via="series",
        date=DateInterval("2031-04-02", "2031-04-03"), place="虚构城",
    )
    plan = Record(
        kind="planned", key="虚构论坛", series_id="s1", name=name, name_en=None,
        ordinal=4, relation="next", doc=ref, item=3, span=(12, 20), via="commitment",
        due=DateInterval(None, "2032-12-31"),
    )
    occs = [Occurrence("s1", 3, [held]), Occurrence("s1", 4, [plan])]
    for o in occs:
        occurrence_status(o, "2031-06-01")
    return Timeline("s1", name, "Fictional Forum", occs)


def test_pieced_text_equals_the_canonical_dump() -> None:
    corpus = Corpus([])
    texts = {"dfict0001": "第三届虚构论坛于虚构城举行。双方同意明年举办第四届。"}
    tl = _timeline("虚构论坛")
    last: dict[int, tuple[Any, str]] = {}
    now: dict[int, tuple[Any, str]] = {}
    text = _shown(tl, last, now, corpus, texts)
    assert text == dump(_timeline_json(tl, corpus, texts))
    assert f'"text":"{texts["dfict0001"][4:9]}"' in text and '"status":"planned"' in text

    # the next epoch: an unchanged occurrence's text is reused inside a new timeline
    renamed = Timeline("s1", "虚构论坛（改）", None, tl.occurrences)
    again: dict[int, tuple[Any, str]] = {}
    text2 = _shown(renamed, now, again, corpus, texts)
    assert text2 == dump(_timeline_json(renamed, corpus, texts))
    assert again[id(tl.occurrences[0])] is now[id(tl.occurrences[0])]
