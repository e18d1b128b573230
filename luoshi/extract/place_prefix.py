"""The country and province written before a city (中国湖南长沙 → 长沙).

Shared by ``luoshi.extract.series`` (a meeting's place, ``_norm_place``) and
``luoshi.parse.meeting`` (the venue, ``_place_prefix_len``). They strip the same way
but not by the same measure: the parameters say where they differ.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def country_prefix(place: str, countries: Sequence[str], not_country: tuple[str, ...],
                   *, keep: int) -> str:
    """The country ``place`` opens with, '' when none: the first of ``countries`` (longest
    first) that leaves at least ``keep`` characters after it. None before a place a
    country's name only opens (``not_country``: 马里兰州 is no 马里 + 兰州)."""
    if place.startswith(not_country):
        return ""
    return next((c for c in countries if place.startswith(c) and len(place) - len(c) >= keep),
                "")


def province_len(place: str, provinces: Sequence[str], with_sheng: re.Pattern[str],
                 *, then_listed: bool) -> int:
    """Length of the province before the city, 0 when none: one written with 省 as
    ``with_sheng`` matches it (浙江省杭州 → 杭州), or one of ``provinces`` (longest first)
    written without it and followed by two characters or more (湖南长沙 → 长沙).

    After a province in 省, ``then_listed`` strips a listed province too; without it the
    省 name is the whole prefix."""
    n = 0
    m = with_sheng.match(place)
    if m:
        if not then_listed:
            return m.end()
        n = m.end()
    for pv in provinces:
        if place.startswith(pv, n) and len(place) - n - len(pv) >= 2:
            return n + len(pv)
    return n
