"""luoshi.link.timelines.build_index with a cache shared across increasing
dates (what linking does per epoch: records, series grouping and links
extended with the new documents only) equals building the index afresh."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from follow_fixtures import samples, seaweed
from test_status_chain import chain_then_next

from luoshi.link.anchors import doc_date
from luoshi.link.timelines import RecordCache, SeriesIndex, build_index
from luoshi.model import Document


def _shape(index: SeriesIndex) -> dict[str, Any]:
    return {
        "timelines": [t.to_json() for t in index.timelines],
        "keys": [sorted(t.keys) for t in index.timelines],
        "links": sorted(
            (place, [(o.series_id, o.ordinal, o.status) for o in occs])
            for place, occs in index.links.items()
        ),
        "calendar": {
            k: [(h.ordinal, h.start, h.end, h.series_id) for h in hs]
            for k, hs in sorted(index.calendar.by_key.items())
        },
    }


def _chain() -> dict[str, Document]:
    """One round planned in five rounds in a row, then the next one planned:
    the first is implied held when the sixth document arrives."""
    return {d.source.sha256: d for d in chain_then_next()}


@pytest.mark.parametrize("corpus", [seaweed, samples, _chain])
def test_shared_cache_equals_fresh_index(corpus: Callable[[], dict[str, Document]]) -> None:
    docs = list(corpus().values())
    days = sorted({d for d in map(doc_date, docs) if d})
    assert len(days) > 1
    days += ["2099-01-01"]
    cache = RecordCache()
    previous: SeriesIndex | None = None
    extended = 0
    for day in days:
        index = build_index(docs, day, cache=cache)
        assert _shape(index) == _shape(build_index(docs, day)), day
        if index.changed_links is not None:
            extended += 1
            assert previous is not None
            # every link whose occurrences are other objects is reported
            for place, occs in index.links.items():
                was = previous.links.get(place)
                if was is None or [id(o) for o in was] != [id(o) for o in occs]:
                    assert place in index.changed_links, (day, place)
        previous = index
    assert extended > 0  # the later dates extended the earlier index
    # a series the new documents add records to goes on from what it resolved
    assert cache.stats["extended"] > 0
