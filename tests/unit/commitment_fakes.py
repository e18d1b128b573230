"""Stand-ins for the time and actor extractors' results, for the classifier, series and
reference tests.

``classify_sentence`` reads its ``times`` and ``actors`` by attribute only, so a
test can hand it exactly the facts a sentence should carry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FakeTime:
    text: str
    start: int
    end: int
    value_start: str | None
    value_end: str | None
    granularity: str = "day"
    anchor: str | None = None
    kind: str = "point"
    relation: str = "during"


@dataclass(frozen=True)
class FakeActor:
    text: str
    start: int
    end: int
    id: str | None
    name: str
    name_en: str | None
    side: str | None
    type: str = "agency"


def t(sentence: str, expr: str, vs: str | None, ve: str | None, **kw: str | None) -> FakeTime:
    """The time ``expr`` at its first place in ``sentence``, valued ``vs``–``ve``."""
    i = sentence.index(expr)
    return FakeTime(expr, i, i + len(expr), vs, ve, **kw)  # type: ignore[arg-type]


def a(sentence: str, expr: str, side: str, name: str | None = None) -> FakeActor:
    """The actor ``expr`` at its first place in ``sentence``, of ``side``."""
    i = sentence.index(expr)
    return FakeActor(expr, i, i + len(expr), None, name or expr, None, side)
