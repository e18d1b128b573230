"""Threads and diffs on the real corpus (../shared/corpus/seeds; skipped when absent).

000 = 8th S&ED strategic track (2016-06), 001 = 6th (2014-07), 002 = Hangzhou
leaders' list (2016-09), 003 = 7th (2015-06).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from luoshi.link.config import rules
from luoshi.link.threads import Thread, ThreadSet, link_threads
from luoshi.model import Document

pytestmark = pytest.mark.seeds

PREFIXES = ("000", "001", "002", "003")


@pytest.fixture
def corpus(seed: Callable[[str], Document]) -> dict[str, Document]:
    return {p: seed(p) for p in PREFIXES}


@pytest.fixture
def threads(corpus: dict[str, Document]) -> ThreadSet:
    return link_threads(list(corpus.values()))


def chain(ts: ThreadSet, corpus: dict[str, Document], prefix: str, number: int) -> Thread:
    t = ts.thread_of(corpus[prefix].source.sha256, number)
    assert t is not None, f"{prefix} item {number} is in no thread"
    return t


def members(t: Thread, corpus: dict[str, Document]) -> list[tuple[str, int | None]]:
    name = {d.source.sha256: p for p, d in corpus.items()}
    return [(name[r.doc.source.sha256], r.item.number) for r in t.items]


def source_matches(corpus: dict[str, Document], cite: dict[str, Any]) -> bool:
    """The cited text is at the cited span (hard-wrapped sources: blanks aside)."""
    doc = next(d for d in corpus.values() if d.source.sha256 == cite["doc"])
    s, e = cite["span"]
    return re.sub(r"\s", "", doc.text[s:e]) == re.sub(r"\s", "", cite["text"])


def test_joint_verifications_317_387_437(threads: ThreadSet,
                                         corpus: dict[str, Document]) -> None:
    t = chain(threads, corpus, "001", 12)
    assert members(t, corpus)[:3] == [("001", 12), ("003", 15), ("000", 19)]
    diffs = t.diffs()
    values = [(q["from"]["value"], q["to"]["value"]) for d in diffs[:2] for q in d["quantities"]
              if q["measure"] == "联合验证"]
    assert values == [(317, 387), (387, 437)]
    for d in diffs[:2]:
        for q in d["quantities"]:
            assert source_matches(corpus, q["from"]) and source_matches(corpus, q["to"])


def test_china_garden_deadline_moves(threads: ThreadSet, corpus: dict[str, Document]) -> None:
    t = chain(threads, corpus, "001", 18)
    assert members(t, corpus) == [("001", 18), ("003", 21), ("000", 21)]
    first = t.diffs()[0]
    moved = [c for c in first["deadlines"] if c["kind"] == "moved"]
    assert [(c["from"]["due"]["end"], c["to"]["due"]["end"]) for c in moved] == [
        ("2016-06-30", "2016-10-30")]
    assert "6月底前" in moved[0]["from"]["evidence"]["text"]
    assert source_matches(corpus, moved[0]["from"]["evidence"])
    assert source_matches(corpus, moved[0]["to"]["evidence"])


def test_disability_thread_survives_the_new_heading(threads: ThreadSet,
                                                     corpus: dict[str, Document]) -> None:
    t = chain(threads, corpus, "001", 19)
    assert members(t, corpus) == [("001", 19), ("003", 9), ("000", 11)]
    renamed = t.links[0]
    assert renamed.signals["title"] == 0.0  # 中美残障人士协调会议 → 残疾人权利
    assert "mech.disability" in renamed.shared["actors"]


def test_legal_advisers_consultations(threads: ThreadSet, corpus: dict[str, Document]) -> None:
    t = chain(threads, corpus, "001", 5)
    assert members(t, corpus) == [("001", 5), ("003", 8), ("000", 10)]
    series = t.diffs()[1]["series"]
    assert [(s["from"]["ordinal"], s["to"]["ordinal"]) for s in series] == [(2, 3)]


def test_threads_are_sound(threads: ThreadSet, corpus: dict[str, Document]) -> None:
    min_adjacent = rules().threads.min_adjacent
    for t in threads.threads:
        units = [r.unit for r in t.items]
        assert len(units) == len(set(units)), "two items of one document in a thread"
        starts = [next(d for d in corpus.values() if d.source.sha256 == u).meeting.start
                  for u in units]
        assert starts == sorted(starts)
        for lk in t.links:
            assert lk.score >= min_adjacent and lk.signals
    iran = chain(threads, corpus, "001", 24)
    garden = chain(threads, corpus, "001", 18)
    assert iran is not garden
    assert all(r.item.title and "伊朗" in r.item.title for r in iran.items)
    json.dumps(threads.to_dict(with_diffs=True), ensure_ascii=False)


def test_every_diff_fact_cites_its_source(threads: ThreadSet,
                                          corpus: dict[str, Document]) -> None:
    for t in threads.threads:
        for d in t.diffs():
            for c in d["deadlines"]:
                for side in ("from", "to"):
                    ev = c[side]["evidence"]
                    assert ev is None or source_matches(corpus, ev)
            for s in d["series"]:
                assert source_matches(corpus, s["from"]) and source_matches(corpus, s["to"])
            for c in d["commitments"]["added"] + d["commitments"]["dropped"]:
                assert source_matches(corpus, c)
            w = d["wording"]
            if w:
                for ch in w["changes"]:
                    assert source_matches(corpus, ch["from"]) and source_matches(corpus, ch["to"])
