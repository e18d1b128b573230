"""Defects of the list itself: gaps, order, truncated items, a truncated document."""

from __future__ import annotations

import re
from collections.abc import Callable

from luoshi.clean.common import CleanState, ends_sentence
from luoshi.model import Defect, Item
from luoshi.numerals import number_runs

SpanMap = Callable[[int, int], tuple[int, int]]

_CLAUSE = re.compile(r"[^，,；;。！？!?]+[，,；;。！？!?]?")
GLUE_MIN = 10  # a clause shorter than this is a stock phrase, not evidence of glue


def numbering_defects(items: list[Item]) -> list[Defect]:
    out: list[Defect] = []
    runs = _runs(items)
    for run in runs:
        nums = [it.number for it in run if it.number is not None]
        if not nums:
            continue
        seen = set(nums)
        missing = [n for n in range(min(nums), max(nums) + 1) if n not in seen]
        for lo, hi in number_runs(missing):
            after = min((it for it in run if it.number and it.number > hi),
                        key=lambda it: it.number or 0)
            label = f"{lo}" if lo == hi else f"{lo}–{hi}"
            out.append(Defect("numbering-gap", f"items {label} missing",
                              (after.span[0], after.span[0])))
        prev: Item | None = None
        for it in run:
            if (prev is not None and it.number is not None and prev.number is not None
                    and it.number <= prev.number):
                what = "repeats" if it.number == prev.number else "comes after"
                out.append(Defect("out-of-order",
                                  f"item {it.number} {what} item {prev.number}", it.span))
            prev = it
    return out


def _runs(items: list[Item]) -> list[list[Item]]:
    """Split where numbering restarts at 1 in a new section (lists numbered per section)."""
    runs: list[list[Item]] = [[]]
    for it in items:
        cur = runs[-1]
        if cur and it.number == 1 and (cur[-1].number or 0) > 1 and it.section != cur[-1].section:
            runs.append([])
        runs[-1].append(it)
    return [r for r in runs if r]


def truncation_defects(items: list[Item], ranges: list[tuple[int, int]], to_src: SpanMap,
                       state: CleanState, last_item_is_end: bool) -> list[Defect]:
    """``ranges`` are the items' spans in the normalised text, ``to_src`` maps them back."""
    out: list[Defect] = []
    for i, it in enumerate(items):
        body = it.text.rstrip()
        last = i == len(items) - 1
        if (body and not ends_sentence(body) and not body.endswith(("：", ":"))
                and not (last and state.continues_elsewhere)):
            out.append(Defect("truncated-item", f"item {it.number} ends mid-sentence",
                              (it.span[1], it.span[1])))
        for s, e in state.suspicious_joins:
            if it.span[0] <= s < it.span[1]:
                out.append(Defect("truncated-item",
                                  f"item {it.number} breaks off mid-sentence and goes on with "
                                  "text that may belong to another item", (s, e)))
    out.extend(_glued(items, ranges, to_src))
    if state.continues_elsewhere is not None:
        out.append(Defect("truncated-document",
                          "the text continues on another page that is not in this file",
                          state.continues_elsewhere))
    elif state.ends_mid_sentence is not None and last_item_is_end:
        out.append(Defect("truncated-document", "the document ends mid-sentence",
                          state.ends_mid_sentence))
    return out


def _glued(items: list[Item], ranges: list[tuple[int, int]], to_src: SpanMap) -> list[Defect]:
    """An item ending with a clause that also ends another item was glued to it.

    Of the two, the item whose own text shares the least vocabulary with the clause is
    the one the clause was glued onto (反恐合作 ending on 南苏丹 aid, say).
    """
    out: list[Defect] = []
    texts = [it.normalized for it in items]
    for i, it in enumerate(items):
        clauses = [m for m in _CLAUSE.finditer(texts[i]) if m.group().strip()]
        if len(clauses) < 2:
            continue
        c = clauses[-1]
        tail = c.group().rstrip("，,；;。！？!? \n")
        if len(tail) < GLUE_MIN:
            continue
        own = _affinity(tail, texts[i][: c.start()] + (it.title or ""))
        for j, other in enumerate(texts):
            if j == i or tail not in other:
                continue
            if it.number is not None and items[j].number == it.number:
                continue  # the same item met twice is a duplicate, not glue
            rest = other.replace(tail, "")
            if own >= _affinity(tail, rest + (items[j].title or "")):
                continue  # the clause fits here at least as well: this is its home
            base = ranges[i][1] - len(texts[i])  # normalised offset where the item body starts
            out.append(Defect(
                "truncated-item",
                f"item {it.number} ends with text that also appears in item "
                f"{items[j].number}: it may be cut and glued to that item's text",
                to_src(base + c.start(), base + c.end())))
            break
    return out


def _affinity(clause: str, text: str) -> float:
    """Share of the clause's character bigrams that occur in ``text``."""
    grams = {clause[k:k + 2] for k in range(len(clause) - 1)}
    return sum(1 for g in grams if g in text) / len(grams) if grams else 0.0
