"""Checks shared by the time-expression tests: find, pick one, compare its interval.

``checkers(ref)`` returns ``hits``, ``one`` and ``check`` bound to a test file's own
reference date (each may still be given another one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from luoshi.extract.times import GRANULARITIES, KINDS, TimeExpr, find_times

Hits = Callable[..., list[TimeExpr]]
One = Callable[..., TimeExpr]
Check = Callable[..., None]


def checkers(default_ref: date | None) -> tuple[Hits, One, Check]:
    def hits(text: str, ref: date | None = default_ref) -> list[TimeExpr]:
        out = find_times(text, ref)
        for h in out:
            # the one invariant every caller relies on: spans index the given text
            assert text[h.start : h.end] == h.text
            assert h.kind in KINDS and h.granularity in GRANULARITIES
        return out

    def one(text: str, expr: str, ref: date | None = default_ref) -> TimeExpr:
        out = hits(text, ref)
        found = [h for h in out if h.text == expr]
        assert len(found) == 1, f"{expr!r} not found once in {[h.text for h in out]}"
        return found[0]

    def check(text: str, expr: str, start: str | None, end: str | None,
              ref: date | None = default_ref) -> None:
        h = one(text, expr, ref)
        assert (h.value_start, h.value_end) == (start, end), h

    return hits, one, check
