"""luoshi.link.status: assessing at many dates at once equals assessing per date,
and the pruned text matching finds what scoring every pair finds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from follow_fixtures import samples, seaweed

from luoshi.link import status
from luoshi.link.anchors import doc_date
from luoshi.link.timelines import doc_refs
from luoshi.model import Document


def _days(docs: list[Document]) -> list[str]:
    out = {"2000-01-01", "2099-01-01"}
    for s in status.assess(docs):
        for v in (s.due.start, s.due.end) if s.due else ():
            if v:
                out.add(v)
                out.add((date.fromisoformat(v) + timedelta(days=1)).isoformat())
    out |= {d for d in map(doc_date, docs) if d}
    return sorted(out)


@pytest.mark.parametrize("corpus", [seaweed, samples])
def test_over_time_equals_per_date(corpus: Callable[[], dict[str, Document]]) -> None:
    docs = list(corpus().values())
    days = _days(docs)
    runs = list(status.assess_over_time(docs, days))
    assert [r.as_of for r in runs] == days
    for day, run in zip(days, runs, strict=True):
        assert [s.to_json() for s in run.statuses] == [
            s.to_json() for s in status.assess(docs, day)
        ], day
    assert any(len(r.reassessed) < len(r.statuses) for r in runs)  # work was shared
    with pytest.raises(ValueError, match="must not decrease"):
        list(status.assess_over_time(docs, ["2031-01-01", "2030-01-01"]))


def _brute_force(docs: list[Document]) -> tuple[dict[int, tuple], dict[int, tuple]]:
    """Every pair scored, in document order (what the matching replaced)."""
    refs = doc_refs(docs)
    units = [u for r in refs for u in status._units(r)]
    cands = [c for r in refs for c in status._candidates(r)]
    for n, u in enumerate(units):
        u.pos = n
    for n, c in enumerate(cands):
        c.pos = n
    m = status.rules()["match"]
    probe = status._Matches(units, cands)  # only for its per-pair checks
    for u in units:
        if len(u.core) < int(m["min_bigrams"]):
            continue
        for v in units:
            if len(v.core) >= int(m["min_bigrams"]):
                probe._restate(u, v)
        for c in cands:
            probe._complete(u, c)
    return probe.restated, probe.completed


@pytest.mark.parametrize("corpus", [seaweed, samples])
def test_pruned_matching_equals_scoring_every_pair(
    corpus: Callable[[], dict[str, Document]],
) -> None:
    docs = list(corpus().values())
    want = _brute_force(docs)
    refs = doc_refs(docs)
    units = [u for r in refs for u in status._units(r)]
    cands = [c for r in refs for c in status._candidates(r)]
    for n, u in enumerate(units):
        u.pos = n
    for n, c in enumerate(cands):
        c.pos = n
    got = status._Matches(units, cands)
    got.add(units, cands)
    assert (got.restated, got.completed) == want
    assert want[0] or want[1]  # the corpus has matches to find


@pytest.mark.seeds
def test_pruned_matching_on_the_seeds(seed: Callable[[str], Document]) -> None:
    docs = [seed(p) for p in ("000", "001", "002", "003", "004")]
    want = _brute_force(docs)
    refs = doc_refs(docs)
    units = [u for r in refs for u in status._units(r)]
    cands = [c for r in refs for c in status._candidates(r)]
    for n, u in enumerate(units):
        u.pos = n
    for n, c in enumerate(cands):
        c.pos = n
    got = status._Matches(units, cands)
    # in two steps, as epochs add documents
    half = len(refs) // 2
    first = {id(r.doc) for r in refs[:half]}
    for early in (True, False):
        got.add([u for u in units if (id(u.ref.doc) in first) == early],
                [c for c in cands if (id(c.ref.doc) in first) == early])
    assert (got.restated, got.completed) == want
    assert len(want[0]) > 10 and len(want[1]) > 10
