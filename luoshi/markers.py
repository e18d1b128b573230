"""Structural markers at the start of a line: 一、 (一) 1、 1. (1) ① (a) I.

Shared by the cleaner (a line that starts with a marker is never joined onto the
previous one) and the structure parser (which builds the outline from them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from luoshi import rules
from luoshi.numerals import any_to_int

# Emphasis or list bullets that may precede a marker in scraped text; also the section
# bars and small emoji marks of new-media articles (▌一、…, 🔹1. …, with U+FE0F after them).
_LEAD = re.compile("^[ \t\u3000>*#_•·\\-\u258c\u258d\u258e\u258f\u2590\u2588"
                   "\U0001f539\U0001f538\U0001f537\U0001f536\ufe0f]*")

KEYCAP_TEN = "\U0001f51f"  # 🔟


@dataclass(frozen=True, slots=True)
class MarkerKind:
    name: str
    rank: int
    pattern: re.Pattern[str]
    numeral: str


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str
    rank: int
    value: int
    label: str  # the marker as written, e.g. "1、"
    start: int  # offset of the marker inside the line
    end: int  # offset just after the marker (and following spaces)


@cache
def kinds() -> tuple[MarkerKind, ...]:
    data = rules.load("layout")["markers"]["kind"]
    return tuple(
        MarkerKind(k["name"], int(k["rank"]), re.compile(k["pattern"]), k["numeral"]) for k in data
    )


@lru_cache(maxsize=1 << 15)
def match_marker(line: str) -> Marker | None:
    """The structural marker a line starts with, if any.

    Memoised: the cleaner and the parser ask about the same lines several times.
    """
    lead = _LEAD.match(line)
    offset = lead.end() if lead else 0
    rest = line[offset:]
    if not rest:
        return None
    for kind in kinds():
        m = kind.pattern.match(rest)
        if not m:
            continue
        num = m.group("num")
        value = _keycap_value(num) if kind.numeral == "keycap" else any_to_int(num, kind.numeral)
        if value is None or value == 0:
            continue
        # A marker followed by nothing is a stray number (a page number, a footnote).
        if m.end() >= len(rest.rstrip()):
            continue
        label = rest[: m.end()].strip()
        return Marker(kind.name, kind.rank, value, label, offset, offset + m.end())
    return None


def _keycap_value(num: str) -> int | None:
    """1️⃣ → 1, 1️⃣2️⃣ → 12, 🔟 → 10: the digits written, the selectors and keycaps left out."""
    if num == KEYCAP_TEN:
        return 10
    digits = "".join(c for c in num if c.isdigit())
    return int(digits) if digits else None
