"""Shared parts of the time extractor: vocabulary, numerals, calendar arithmetic.

The vocabulary comes from ``luoshi/data/time_words.toml`` and is read once at
import; nothing here touches the text being searched.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any


def _load() -> dict[str, Any]:
    with resources.files("luoshi").joinpath("data/time_words.toml").open("rb") as fh:
        return tomllib.load(fh)


WORDS: dict[str, Any] = _load()
AFFIX: dict[str, Any] = WORDS["affixes"]

_DIGITS: dict[str, int] = WORDS["numerals"]["digits"]
_TEN: str = WORDS["numerals"]["ten"]
EN_NUMBERS: dict[str, int] = WORDS["english"]["numbers"]


# -- regex helpers -----------------------------------------------------------
def alt(words: Iterable[str]) -> str:
    """An alternation that tries longer words first (至今 before 至)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def cls(chars: str) -> str:
    """A character class of ``chars`` (all escaped, so '-' and ']' are safe)."""
    return "[" + "".join(re.escape(c) for c in chars) + "]"


# -- numerals ------------------------------------------------------------------
def num(s: str) -> int:
    """'2016' → 2016, '二〇一六' → 2016, '二十一' → 21, '十' → 10, '两' → 2."""
    if s.isascii():
        return int(s)
    if _TEN in s:
        tens, _, ones = s.partition(_TEN)
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    n = 0
    for ch in s:
        n = n * 10 + _DIGITS[ch]
    return n


def en_num(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else EN_NUMBERS[s]


# -- calendar --------------------------------------------------------------------
DAY = timedelta(days=1)


def month_end(y: int, m: int) -> date:
    return date(y + m // 12, m % 12 + 1, 1) - DAY


def add_months(d: date, n: int) -> date:
    """Same day ``n`` months later, clamped to the month's end (Aug 31 + 6 → Feb 28)."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, month_end(y, m + 1).day))


def shift(d: date, n: int, unit: str) -> date:
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "week":
        return d + timedelta(weeks=n)
    return d + timedelta(days=n)


def md(spec: str, year: int) -> date:
    """'03-01' or '02-end' in ``year``."""
    m, _, d = spec.partition("-")
    return month_end(year, int(m)) if d == "end" else date(year, int(m), int(d))


@dataclass(slots=True)
class Unit:
    """A calendar unit a time word denotes; start/end are None when unresolvable
    (no year written and no reference date to take it from)."""

    start: date | None
    end: date | None
    gran: str
    # the unit is "the end of" something (年底, 6月底, late 2016): a deadline on it
    # includes its last day
    endish: bool = False
    # the unit is an occasion (春节, 国庆节): "before" it means before it starts,
    # as "before October" ends on 30 September, though the unit is one day
    occasion: bool = False

    @property
    def cn_inclusive(self) -> bool:
        # Chinese convention: "10月30日前" means by 30 October inclusive, while
        # "1月之前" means before January starts; "年底前" is by 31 December;
        # "春节前" ends on the eve of the festival.
        return (self.gran == "day" and not self.occasion) or self.endish


def year_unit(y: int | None) -> Unit:
    if y is None:
        return Unit(None, None, "year")
    return Unit(date(y, 1, 1), date(y, 12, 31), "year")


def month_unit(y: int | None, m: int) -> Unit:
    if y is None:
        return Unit(None, None, "month")
    return Unit(date(y, m, 1), month_end(y, m), "month")


def month_part_unit(y: int | None, m: int, part: str) -> Unit:
    lo, hi = WORDS["month_parts"][part]
    endish = part in ("底", "末")
    if y is None:
        return Unit(None, None, "xun", endish)
    last = month_end(y, m)
    return Unit(date(y, m, lo), last if hi == 0 else date(y, m, hi), "xun", endish)


def year_part_unit(y: int | None, part: str) -> Unit:
    lo, hi = WORDS["year_parts"][part]
    endish = part in ("底", "末")
    if y is None:
        return Unit(None, None, "year-part", endish)
    return Unit(md(lo, y), md(hi, y), "year-part", endish)


def season_unit(y: int | None, season: str) -> Unit:
    lo, hi, carry = WORDS["seasons"][season]
    if y is None:
        return Unit(None, None, "season")
    return Unit(md(lo, y), md(hi, y + carry), "season")


def quarter_unit(y: int | None, q: int) -> Unit:
    if y is None:
        return Unit(None, None, "quarter")
    return Unit(date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")


def half_unit(y: int | None, name: str) -> Unit:
    lo, hi = WORDS["halves"][name]
    if y is None:
        return Unit(None, None, "half")
    return Unit(md(lo, y), md(hi, y), "half")


def holiday_unit(y: int | None, name: str) -> Unit | None:
    fixed: dict[str, str] = WORDS["holidays"]["fixed"]
    if y is None:
        return Unit(None, None, "day", occasion=True)
    if name in fixed:
        d = md(fixed[name], y)
    else:
        spring = WORDS["holidays"]["spring_festival"].get(str(y))
        if spring is None:  # outside the table: recognised, not resolved
            return Unit(None, None, "day", occasion=True)
        d = md(spring, y) + timedelta(days=WORDS["holidays"]["lunar"][name])
    return Unit(d, d, "day", occasion=True)


def vacation_unit(y: int | None, name: str) -> Unit:
    """暑期 / 寒假: the school holidays of year ``y`` (both within that year)."""
    lo, hi = WORDS["vacations"][name]
    if y is None:
        return Unit(None, None, "season")
    return Unit(md(lo, y), md(hi, y), "season")


def fiscal_year_unit(y: int | None) -> Unit:
    """The U.S. federal fiscal year y: 1 October of y - 1 to 30 September of y."""
    if y is None:
        return Unit(None, None, "year")
    return Unit(date(y - 1, 10, 1), date(y, 9, 30), "year")


def fiscal_quarter_unit(y: int | None, q: int) -> Unit:
    """Quarter q of the U.S. federal fiscal year y (Q1 of FY2028 = October-December 2027)."""
    if y is None:
        return Unit(None, None, "quarter")
    first = add_months(date(y - 1, 10, 1), 3 * (q - 1))
    last = add_months(first, 2)
    return Unit(first, month_end(last.year, last.month), "quarter")


def week_of_month_unit(y: int | None, m: int, nth: int) -> Unit:
    """The nth week of a month as seven days counted from its first (nth 1: days
    1-7), or its last seven days (nth 0)."""
    if y is None:
        return Unit(None, None, "week")
    if nth == 0:
        end = month_end(y, m)
        return Unit(end - timedelta(days=6), end, "week")
    start = date(y, m, 1 + 7 * (nth - 1))
    return Unit(start, start + timedelta(days=6), "week")


def day_unit(d: date | None) -> Unit:
    return Unit(d, d, "day")


def week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


# -- candidates ----------------------------------------------------------------------
@dataclass(slots=True)
class Cand:
    """A match on the compacted text, before overlaps are resolved."""

    start: int
    end: int
    vs: date | None
    ve: date | None
    gran: str
    kind: str = "point"
    relation: str = "during"
    anchor: str | None = None
    prio: int = 1  # lower wins between equally long overlapping matches
    year: int | None = None  # year of its last unit, for dates that follow in a list


def deadline_values(
    unit: Unit, ref: date | None, inclusive: bool
) -> tuple[date | None, date | None]:
    """[ref, bound] for "before X": the window opens at the document date.

    ``inclusive`` keeps X's last day; otherwise the bound is the day before X
    starts. When the bound already lies before ``ref`` the start is None.
    """
    if unit.start is None or unit.end is None:
        return None, None
    end = unit.end if inclusive else unit.start - DAY
    return (ref if ref is not None and ref <= end else None), end


def within_values(unit: Unit, ref: date | None) -> tuple[date | None, date | None]:
    """ "X内" (2016年内, 年内): the rest of X from ref, or all of X if ref is outside it."""
    if unit.start is None or unit.end is None:
        return None, None
    if ref is not None and unit.start <= ref <= unit.end:
        return ref, unit.end
    return unit.start, unit.end


def apply_relation(
    rel: str, unit: Unit, ref: date | None
) -> tuple[date | None, date | None, str, str]:
    """(start, end, kind, granularity) for a unit under since/from/after/later/earlier."""
    s, e = unit.start, unit.end
    if s is None or e is None:
        return None, None, "range", "open" if rel in ("from", "after") else unit.gran
    if rel == "since":  # 2013年以来: from the unit up to the document date
        return s, (ref if ref is not None and ref >= s else None), "range", unit.gran
    if rel == "from":  # 2014年1月起: open-ended
        return s, None, "range", "open"
    if rel == "after":  # 2020年后: from the day after the unit
        return e + DAY, None, "range", "open"
    if rel == "later":  # 今年晚些时候: the rest of the unit
        return (max(s, ref) if ref is not None and ref <= e else s), e, "range", unit.gran
    if rel == "earlier":  # 今年早些时候: the unit up to ref
        return s, (min(e, ref) if ref is not None and ref >= s else e), "range", unit.gran
    return s, e, "point", unit.gran
