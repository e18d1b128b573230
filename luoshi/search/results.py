"""What a search returns: plain dataclasses, ``to_dict`` for JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Facet:
    value: str  # what to filter on (document id, topic code, actor id, status)
    label: str | None  # English label where known (document title, topic, actor name)
    count: int  # matched items with this value


@dataclass(frozen=True, slots=True)
class Hit:
    doc: str  # ledger document id
    version: int  # version number (always the document's latest)
    item: int | None  # the item's number in its list, if it has one
    seq: int  # 0-based position of the item in the document
    title: str | None
    text: str  # the item's display text
    snippet: str  # the text around the first matches ("…" where cut)
    marks: list[list[int]]  # [start, end) of each match in ``text``
    span: list[int]  # [start, end) of the item in the source; marks + span[0] are source offsets
    snippet_marks: list[list[int]] = field(default_factory=list)  # marks within ``snippet``


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int  # matching items (hits is one page of them); MATCH_CAP if not ``exact``
    hits: list[Hit]
    facets: dict[str, list[Facet]]  # "doc", "topic", "actor", "status" (absent: no such data)
    # False: more than MATCH_CAP (1000) items match; total, facets and pages cover
    # the first MATCH_CAP of them (a narrower query or a filter gets all)
    exact: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [asdict(h) for h in self.hits],
            "exact": self.exact,
            "facets": {k: [asdict(f) for f in v] for k, v in self.facets.items()},
        }
