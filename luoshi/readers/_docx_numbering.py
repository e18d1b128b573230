"""Word automatic numbering: the list number a reader sees before a DOCX paragraph.

A numbered paragraph carries ``w:numPr`` (``w:numId`` + ``w:ilvl``), directly or through
its paragraph style; the number itself is drawn by Word from ``word/numbering.xml`` and
is not in the text. ``Numbering.label`` renders it as Word does for the common cases:
the level's ``numFmt`` (decimal, chineseCounting, lowerLetter, upperRoman, …) and
``lvlText`` ("%1.", "（%1）", "%1.%2"), the ``start`` value, counting on across the
paragraphs of one list (headings and other paragraphs in between do not break it),
deeper levels restarting under a new higher-level number, and a ``w:num``'s
``lvlOverride``/``startOverride`` restarting its list at its first paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from luoshi.extract.numerals import int_to_cn
from luoshi.numerals import CIRCLED, int_to_roman
from luoshi.readers._common import int_or

# Word's legal Chinese counting (壹贰叁…拾佰) from the ordinary numerals
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_GAN = "甲乙丙丁戊己庚辛壬癸"
_ZHI = "子丑寅卯辰巳午未申酉戌亥"
_PLACEHOLDER = re.compile(r"%([1-9])")


def _letters(n: int) -> str:
    """Word's lowerLetter: a…z, then aa…zz, aaa…"""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str | None:
    """``n`` written in the numFmt ``fmt``; None for a bullet or no number."""
    if fmt in ("bullet", "none"):
        return None
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letters(n)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = int_to_roman(n) if 0 < n < 4000 else str(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting"):
        return int_to_cn(n) if n > 0 else str(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return int_to_cn(n).translate(_LEGAL) if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return CIRCLED[n - 1]
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _GAN[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _ZHI[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    return str(n)  # decimal and anything we do not know: Word falls back to digits


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level only
    legal: bool = False  # w:isLgl: the numbers of higher levels in decimal


@dataclass(slots=True)
class _Num:
    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)  # lvlOverride/lvl
    starts: dict[int, int] = field(default_factory=dict)  # lvlOverride/startOverride


def _val(el: Any, tag: str) -> str | None:
    child = el.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _level(el: Any, base: _Level | None = None) -> _Level:
    b = base or _Level()
    restart = _val(el, "w:lvlRestart")
    return _Level(
        start=int_or(_val(el, "w:start"), b.start),
        fmt=_val(el, "w:numFmt") or b.fmt,
        text=_val(el, "w:lvlText") if el.find(qn("w:lvlText")) is not None else b.text,
        restart=int_or(restart, 0) if restart is not None else b.restart,
        legal=el.find(qn("w:isLgl")) is not None or b.legal,
    )


class Numbering:
    """The numbering definitions of one document and the running counters of its lists."""

    def __init__(self, numbering_el: Any | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, _Num] = {}
        # counters per abstract list: level → last number drawn
        self._counts: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()  # numIds seen (their overrides restart only once)
        if numbering_el is None:
            return
        for an in numbering_el.iter(qn("w:abstractNum")):
            levels = {int_or(lv.get(qn("w:ilvl")), 0): _level(lv) for lv in an.iter(qn("w:lvl"))}
            self._abstract[an.get(qn("w:abstractNumId"))] = levels
        for num in numbering_el.iter(qn("w:num")):
            n = _Num(_val(num, "w:abstractNumId") or "")
            for ov in num.iter(qn("w:lvlOverride")):
                ilvl = int_or(ov.get(qn("w:ilvl")), 0)
                start = _val(ov, "w:startOverride")
                if start is not None:
                    n.starts[ilvl] = int_or(start, 1)
                lvl = ov.find(qn("w:lvl"))
                if lvl is not None:
                    n.levels[ilvl] = _level(lvl)
            self._nums[num.get(qn("w:numId"))] = n

    def _levels(self, num: _Num) -> dict[int, _Level]:
        return {**self._abstract.get(num.abstract, {}), **num.levels}

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The number drawn before the next paragraph of list ``num_id`` at level ``ilvl``
        (and count it), or None when that list draws none (a bullet, numId 0)."""
        num = self._nums.get(num_id)
        if num is None or num_id == "0":
            return None
        levels = self._levels(num)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        key = num.abstract if num.abstract in self._abstract else f"num:{num_id}"
        counts = self._counts.setdefault(key, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for k, start in num.starts.items():  # a restarted list: count again from there
                counts[k] = start - 1
                for deeper in [d for d in counts if d > k]:
                    del counts[deeper]
        counts[ilvl] = counts.get(ilvl, lvl.start - 1) + 1
        for d in [d for d in counts if d > ilvl]:
            restart = levels.get(d, _Level()).restart  # 1-based level it restarts after
            if restart is None or (restart > 0 and ilvl < restart):
                del counts[d]
        if format_number(counts[ilvl], lvl.fmt) is None:
            return None

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            at = levels.get(k, _Level())
            value = counts.get(k, at.start)
            fmt = "decimal" if lvl.legal and k < ilvl else at.fmt
            return format_number(value, fmt) or ""

        text = _PLACEHOLDER.sub(fill, lvl.text or "")
        return text.strip() or None
