"""Small numeral conversions needed by the structure parser (一 → 1, XIV → 14)."""

from __future__ import annotations

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}


def cn_to_int(s: str) -> int | None:
    """Chinese numeral (一, 十三, 二十, 一百零二, or digit-by-digit 二〇一五) to int."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGITS for c in s):
        if len(s) == 1:
            return _CN_DIGITS[s]
        return int("".join(str(_CN_DIGITS[c]) for c in s))  # 二〇一五 reads digit by digit
    total, current = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            current = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[c]
            current = 0
        else:
            return None
    return total + current


def roman_to_int(s: str) -> int | None:
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def any_to_int(s: str, kind: str) -> int | None:
    if kind == "arabic":
        return int(s) if s.isdigit() else None
    if kind == "cn":
        return cn_to_int(s)
    if kind == "roman":
        return roman_to_int(s)
    if kind == "circled":
        return _CIRCLED.index(s) + 1 if s in _CIRCLED else None
    if kind == "letter":
        return ord(s.lower()) - ord("a") + 1
    return None


def ordinal_to_int(s: str) -> int | None:
    """'8th', 'eighth', '八', '8' → 8."""
    s = s.strip().lower()
    if s in _EN_ORDINALS:
        return _EN_ORDINALS[s]
    digits = s.rstrip("stndrh")
    if digits.isdigit():
        return int(digits)
    return cn_to_int(s)
