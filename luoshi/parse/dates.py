"""Calendar dates and day ranges as written in meeting headers and narratives.

Only what the structure parser needs (2016年6月6日至7日, 2008年12月, 3月18-19日,
June 6-7, 2016); the full time-expression normaliser lives in luoshi.extract.times.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from luoshi.numerals import cn_to_int

_CN = re.compile(
    r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日?)?"
    r"(?:\s*(?:至|到|-|—|–|~|～)\s*(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
)
# The same in Chinese numerals (二〇二四年三月十四日至十五日), as Word-exported lists and
# signature blocks write them; read only where an Arabic date would be (same fields).
_CY = "[〇零一二三四五六七八九]{4}"
_CM = "十[一二]?|[一二三四五六七八九]"
_CD = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_CN_NUM = re.compile(
    rf"(?:(?P<y>{_CY})年)?(?P<m>{_CM})月(?:(?P<d>{_CD})日?)?"
    rf"(?:\s*(?:至|到|-|—|–|~|～)\s*(?:(?P<y2>{_CY})年)?(?:(?P<m2>{_CM})月)?(?P<d2>{_CD})日)?"
)
_CN_NUM_MONTH = re.compile("[一二三四五六七八九十]月")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MON = "|".join(sorted((m for m in _MONTHS), key=len, reverse=True))
_EN = re.compile(
    rf"(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:\s*(?:-|–|to|and)\s*(?:(?P<mon2>{_MON})\.?\s+)?"
    rf"(?P<d2>\d{{1,2}}))?,?\s+(?P<y>\d{{4}})",
    re.IGNORECASE,
)
# Day first, as British, Australian and Commonwealth texts write dates: "14 August 2026",
# "13–14 August 2026", "30 September – 2 October 2026". The month is capitalised (no
# IGNORECASE: "2 may 2026" is no date) and no digit or decimal point touches the day.
_MON_CAP = "|".join(sorted({m.capitalize() for m in _MONTHS}, key=len, reverse=True))
_EN_DMY = re.compile(
    rf"(?<![\d.,/])(?P<d>\d{{1,2}})(?:\s+(?P<mon0>{_MON_CAP})\.?)?"
    rf"(?:\s*(?:-|–|—|to|and)\s*(?P<d2>\d{{1,2}}))?\s+(?P<mon>{_MON_CAP})\b\.?,?\s+(?P<y>\d{{4}})\b"
)


@dataclass(frozen=True, slots=True)
class DateRange:
    start: int  # offsets in the searched text
    end: int
    first: date
    last: date
    granularity: str  # day | month


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None where it does not exist (31 June)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[DateRange]:
    """Dates in order; a date without a year takes the year of the last full date seen."""
    out: list[DateRange] = []
    year = default_year
    hits = [(m.start(), "cn", m) for m in _CN.finditer(text)]
    hits += [(m.start(), "en", m) for m in _EN.finditer(text)]
    hits += [(m.start(), "dmy", m) for m in _EN_DMY.finditer(text)]
    if _CN_NUM_MONTH.search(text):  # a plain scan first: the full pattern is slower
        hits += [(m.start(), "cn", m) for m in _CN_NUM.finditer(text)]
    for _, kind, m in sorted(hits, key=lambda h: h[0]):
        if kind == "cn" and m["y"] is None and m["d"] is None:
            continue  # a bare "6月" is too vague to be a meeting date
        y = _num(m["y"]) if m["y"] else year
        if y is None:
            continue
        year = y
        if kind == "dmy":
            if m["mon0"] and not m["d2"]:
                continue  # "14 August 30 September 2026": no range
            mon2 = _MONTHS[m["mon"].lower()]
            mon = _MONTHS[m["mon0"].lower()] if m["mon0"] else mon2
            first = safe_date(y, mon, int(m["d"]))
            last = safe_date(y, mon2, int(m["d2"])) if m["d2"] else first
            if first is not None and last is not None and last >= first:
                out.append(DateRange(m.start(), m.end(), first, last, "day"))
            continue
        mon = _num(m["m"]) if kind == "cn" else _MONTHS[m["mon"].lower()]
        if m["d"] is None:
            first = safe_date(y, mon, 1)
            last = safe_date(y, mon, calendar.monthrange(y, mon)[1]) if 1 <= mon <= 12 else None
            gran = "month"
        else:
            first = safe_date(y, mon, _num(m["d"]))
            last = first
            gran = "day"
            if m["d2"]:
                y2 = _num(m["y2"]) if kind == "cn" and m["y2"] else y
                if kind == "cn":
                    mon2 = _num(m["m2"]) if m["m2"] else mon
                else:
                    mon2 = _MONTHS[m["mon2"].lower()] if m["mon2"] else mon
                last = safe_date(y2, mon2, _num(m["d2"]))
        if first is None or last is None or last < first:
            continue
        out.append(DateRange(m.start(), m.end(), first, last, gran))
    return out


def _num(s: str) -> int:
    """An Arabic or Chinese-numeral field the date patterns matched (2024, 二〇二四, 十五)."""
    return int(s) if s.isdigit() else (cn_to_int(s) or 0)
