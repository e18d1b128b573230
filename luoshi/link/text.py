"""Small text measures shared by the link modules.

Everything here runs on an item's *normalised* text (Simplified, width-unified),
so Traditional and Simplified copies of a sentence compare equal.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

from luoshi.model import Item

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Runs of Han characters (cut into bigrams), Latin words and numbers (kept whole):
# a bigram of Latin letters or digits would say nothing.
_RUN = re.compile(rf"[{_CJK}]+|[A-Za-z]+|\d+(?:\.\d+)?")
_NOT_WORD = re.compile(r"[\W_]+")
_HEAD_END = re.compile(r"[：:]")
_NUMBER = re.compile(r"\d{2,}(?:\.\d+)?")


def canon(text: str) -> str:
    """Text without blanks and punctuation, Latin lower-cased: what two copies of
    one item share however they were typeset."""
    return _NOT_WORD.sub("", text).lower()


def tokens(text: str, numbers: bool = True) -> list[str]:
    """Han bigrams (a lone Han character stands for itself) and whole Latin words
    and numbers (unless ``numbers`` is false), in order."""
    out: list[str] = []
    for m in _RUN.finditer(text):
        run = m.group()
        if run[0].isascii():
            if numbers or not run[0].isdigit():
                out.append(run.lower())
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def bigrams(text: str) -> set[str]:
    """Character bigrams of the canonical text: the cheap set behind Dice scores."""
    return canon_bigrams(canon(text))


def canon_bigrams(c: str) -> set[str]:
    """:func:`bigrams` of a text already canonical (``canon(text)``)."""
    if len(c) < 2:
        return {c} if c else set()
    return {c[i : i + 2] for i in range(len(c) - 1)}


def dice(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def numbers(text: str) -> set[str]:
    """Numbers of two or more digits: they survive translation unchanged."""
    return {m.group() for m in _NUMBER.finditer(text)}


def item_title(item: Item) -> str:
    """The heading in normalised form ("" when the item has none)."""
    if not item.title:
        return ""
    m = _HEAD_END.search(item.normalized, 0, len(item.title) + 4)
    if m:
        return item.normalized[: m.start()].strip()
    return item.title.strip()


def item_body(item: Item) -> str:
    """The normalised text after the heading: the heading is scored on its own."""
    if not item.title:
        return item.normalized
    m = _HEAD_END.search(item.normalized, 0, len(item.title) + 4)
    return item.normalized[m.end() :] if m else item.normalized


def weighted_jaccard(a: Iterable[str], b: Iterable[str], idf: Mapping[str, float]) -> float:
    """Jaccard where each shared key counts its idf: sharing a rare id says more
    than sharing a common one."""
    sa, sb = set(a), set(b)
    union = sa | sb
    if not union:
        return 0.0
    den = sum(idf.get(k, 1.0) for k in union)
    num = sum(idf.get(k, 1.0) for k in sa & sb)
    return num / den if den else 0.0


def idf_of(df: int, n: int) -> float:
    """Smoothed inverse document frequency (never 0, so a shared common token still
    counts a little)."""
    return math.log((n + 1) / (df + 1)) + 1.0
