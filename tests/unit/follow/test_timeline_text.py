"""Series timelines stored piecewise (a header per series, a head and one row
per source per occurrence, only where they changed) read back as exactly the
canonical dump of the whole timeline."""

from __future__ import annotations

from luoshi.follow.compute import GONE, _SeriesRows, _timeline_json, dump
from luoshi.follow.load import Corpus
from luoshi.follow.views import timelines_from_rows
from luoshi.link.anchors import DateInterval
from luoshi.link.timelines import DocRef, Occurrence, Record, Timeline, occurrence_status
from luoshi.model import Document
from luoshi.store.links import HEAD_PART, HEADER_POS

H = (HEADER_POS, HEAD_PART)

TEXTS = {"dfict0001": "第三届虚构论坛于虚构城举行。双方同意明年举办第四届。"}


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


class _Ledger:
    """The rows in force: the latest written per (series, pos)."""

    def __init__(self) -> None:
        self.latest: dict[tuple[str, int, int], str] = {}

    def write(self, rows: list[tuple[str, int, int, str]]) -> None:
        for sid, pos, part, text in rows:
            self.latest[(sid, pos, part)] = text

    def timelines(self) -> dict[str, str]:
        rows = [(*key, text) for key, text in self.latest.items()]
        return {sid: dump(data) for sid, data in timelines_from_rows(rows).items()}


def test_pieced_rows_read_back_as_the_canonical_dump() -> None:
    corpus = Corpus([])
    store, ledger = _SeriesRows(corpus, TEXTS), _Ledger()
    tl = _timeline("虚构论坛")
    first = store.step([tl])
    assert [row[:3] for row in first] == [
        ("s1", *H), ("s1", 0, HEAD_PART), ("s1", 0, 0), ("s1", 1, HEAD_PART), ("s1", 1, 0)
    ]
    ledger.write(first)
    assert ledger.timelines() == {"s1": dump(_timeline_json(tl, corpus, TEXTS))}
    assert f'"text":"{TEXTS["dfict0001"][4:9]}"' in first[2][3]

    # the same Timeline object again: nothing to write
    assert store.step([tl]) == []

    # renamed, same occurrences: only the header changes
    renamed = Timeline("s1", "虚构论坛（改）", None, tl.occurrences)
    second = store.step([renamed])
    assert [row[:3] for row in second] == [("s1", *H)]
    ledger.write(second)
    assert ledger.timelines() == {"s1": dump(_timeline_json(renamed, corpus, TEXTS))}


def test_fewer_occurrences_and_a_gone_series() -> None:
    corpus = Corpus([])
    store, ledger = _SeriesRows(corpus, TEXTS), _Ledger()
    tl = _timeline("虚构论坛")
    ledger.write(store.step([tl]))
    shorter = Timeline("s1", tl.name, tl.name_en, tl.occurrences[:1])
    rows = store.step([shorter])
    # the header and the dropped occurrence's head and source
    assert sorted(rows) == [("s1", *H, rows[0][3]), ("s1", 1, HEAD_PART, GONE), ("s1", 1, 0, GONE)]
    ledger.write(rows)
    assert ledger.timelines() == {"s1": dump(_timeline_json(shorter, corpus, TEXTS))}

    rows = store.step([])  # e.g. found to be another series
    assert sorted(rows) == [("s1", *H, GONE), ("s1", 0, HEAD_PART, GONE), ("s1", 0, 0, GONE)]
    ledger.write(rows)
    assert ledger.timelines() == {}

    # back again, starting from the rows in force (an incremental link)
    again = _SeriesRows(corpus, TEXTS, dict(ledger.latest))
    ledger.write(again.step([tl]))
    assert ledger.timelines() == {"s1": dump(_timeline_json(tl, corpus, TEXTS))}
    assert again.step([tl]) == []


def test_an_occurrence_gaining_a_source_writes_its_head_and_that_source() -> None:
    corpus = Corpus([])
    store, ledger = _SeriesRows(corpus, TEXTS), _Ledger()
    tl = _timeline("虚构论坛")
    ledger.write(store.step([tl]))
    later = DocRef(doc=Document.__new__(Document), id="dfict0001", date="2032-05-01", order=1)
    held = Record(
        kind="held", key="虚构论坛", series_id="s1", name=tl.name, name_en=None,
        ordinal=4, relation=None, doc=later, item=1, span=(0, 3), via="series",
        date=DateInterval("2032-04-02", "2032-04-03"),
    )
    fourth = Occurrence("s1", 4, [*tl.occurrences[1].records, held])
    occurrence_status(fourth, "2032-06-01")
    grown = Timeline("s1", tl.name, tl.name_en, [tl.occurrences[0], fourth])
    rows = store.step([grown])
    assert [row[:3] for row in rows] == [("s1", 1, HEAD_PART), ("s1", 1, 1)]
    ledger.write(rows)
    assert ledger.timelines() == {"s1": dump(_timeline_json(grown, corpus, TEXTS))}
