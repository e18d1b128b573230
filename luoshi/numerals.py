"""Numerals for the structure parser (一 → 1, XIV → 14, ⑤ → 5, c → 3).

The conversions themselves live in ``luoshi.extract.numerals``; this module adds
only the marker kinds the outline parser distinguishes.
"""

from __future__ import annotations

from luoshi.extract.numerals import cn_to_int, int_to_roman, parse_ordinal, roman_to_int

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # ① … ⑳, 1 … 20


def number_runs(nums: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs in a sequence of numbers: [18, 19, 20, 25] → [(18, 20), (25, 25)]."""
    out: list[tuple[int, int]] = []
    for n in nums:
        if out and out[-1][1] + 1 == n:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def format_runs(nums: list[int]) -> str:
    """'18–20, 25' for reports."""
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in number_runs(nums))


def any_to_int(s: str, kind: str) -> int | None:
    """The value of a marker's number, read as the marker kind writes numbers."""
    if kind == "cn|arabic":  # either, as the number is written (第一条 / 第12条)
        kind = "arabic" if s.isdigit() else "cn"
    if kind == "arabic":
        return int(s) if s.isdigit() else None
    if kind == "cn":
        return cn_to_int(s)
    if kind == "roman":
        return roman_to_int(s)
    if kind == "circled":
        return CIRCLED.index(s) + 1 if s in CIRCLED else None
    if kind == "letter":
        return ord(s.lower()) - ord("a") + 1
    return None


def ordinal_to_int(s: str) -> int | None:
    """'8th', 'eighth', '八', '8' → 8."""
    return parse_ordinal(s.strip())


__all__ = ["any_to_int", "cn_to_int", "format_runs", "int_to_roman", "number_runs",
           "ordinal_to_int", "roman_to_int"]
