"""Aligning the items of two copies of one document.

Within one language, items align by their text (bigram Dice of the canonical text;
a cut copy aligns with the full one by prefix). Across languages there is no
translation model offline, so an item is reduced to a *fingerprint* that survives
translation — numbers, dates, quantities, actor ids — and aligned by it together
with its position (same item number, same section ordinal).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from luoshi.clean.common import cjk_ratio
from luoshi.link.config import CopyRules
from luoshi.link.text import canon, canon_bigrams, dice, numbers
from luoshi.model import Document, Item


def language_of(doc: Document) -> str | None:
    """The document's language as the cleaner saw it, else guessed from its items."""
    if doc.source.language:
        return doc.source.language
    if doc.source.script in ("Hans", "Hant"):
        return "zh"
    if doc.source.script == "Latn":
        return "en"
    sample = "".join(it.normalized for it in doc.items[:5])
    if not sample:
        return None
    return "zh" if cjk_ratio(sample) >= 0.3 else "en"


@dataclass(slots=True)
class TextSketch:
    """What alignment compares of one item, computed once per item."""

    number: int | None
    language: str | None
    canon: str
    grams: set[str]
    fingerprint: frozenset[str] | set[str]
    section_ordinal: int | None


@dataclass(slots=True)
class ItemSketch(TextSketch):
    """A sketch with the item it was made from (merging copies needs the item)."""

    doc: Document
    item: Item


def section_ordinals(doc: Document) -> dict[str, int]:
    """Top-level section number → its ordinal (as numbered, else by position)."""
    ordinals: dict[str, int] = {}
    for pos, s in enumerate((s for s in doc.sections if s.level == 1), start=1):
        ordinals[s.number] = s.ordinal if s.ordinal is not None else pos
    return ordinals


def sketches(doc: Document, language: str | None = None) -> list[ItemSketch]:
    lang = language or language_of(doc)
    ordinals = section_ordinals(doc)
    out = []
    for it in doc.items:
        c = canon(it.normalized)
        out.append(ItemSketch(it.number, lang, c, canon_bigrams(c), fingerprint(it),
                              ordinals.get(it.section or ""), doc, it))
    return out


def fingerprint(item: Item) -> set[str]:
    """Tokens an item keeps in any language: its numbers (two digits or more),
    dates as the time extractor read them, quantity values, and actor ids that
    are not mere countries."""
    f = item.facts
    out = {"n:" + n for n in numbers(item.normalized)}
    for t in f.get("times", []):
        if t.get("start") or t.get("end"):
            out.add(f"d:{t.get('start')}/{t.get('end')}")
    for q in f.get("quantities", []):
        if q.get("value") is not None:
            out.add(f"q:{q['value']}")
    for a in f.get("actors", []):
        if a.get("id") and a.get("type") != "place":
            out.add("a:" + a["id"])
    return out


def _prefix_related(x: str, y: str, min_chars: int) -> bool:
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= min_chars and long_.startswith(short)


def pair_similarity(a: TextSketch, b: TextSketch, rules: CopyRules) -> tuple[float, float]:
    """(similarity, threshold) of two items: the threshold depends on whether the
    two share a language."""
    same_number = a.number is not None and a.number == b.number
    if a.language == b.language or a.language is None or b.language is None:
        sim = _text_score(a, b, rules, -math.inf)  # no floor: the exact score
        return (sim + (rules.same_number_bonus if same_number else 0.0), rules.item_sim)
    same_section = a.section_ordinal is not None and a.section_ordinal == b.section_ordinal
    sim = (
        rules.fingerprint_weight * dice(a.fingerprint, b.fingerprint)
        + rules.same_number_weight * same_number
        + rules.same_section_weight * same_section
    )
    return (sim, rules.cross_item_sim)


# (canonical text, canonical text) → the texts' score (:func:`_text_score`):
# a function of the two texts and the rules alone, so one kept for a whole
# link (one set of rules) saves scoring the same two texts again
TextSims = dict[tuple[str, str], float]
# a kept TextSims is emptied once it holds this many pairs (about 150 MB)
TEXT_SIMS_MAX = 1_000_000


def _text_score(a: TextSketch, b: TextSketch, rules: CopyRules, floor: float) -> float:
    """The similarity of two texts of one language (before the same-number
    bonus), or 0.0 when it cannot reach ``floor``: Dice cannot exceed
    2·min/(sum) of the two bigram counts, and most item pairs of two lists
    are that unlike in length."""
    if a.canon == b.canon:
        return 1.0
    if _prefix_related(a.canon, b.canon, rules.prefix_min_chars):
        return max(dice(a.grams, b.grams), rules.prefix_sim)
    na, nb = len(a.grams), len(b.grams)
    if not na or not nb or 2 * min(na, nb) / (na + nb) < floor:
        return 0.0
    return dice(a.grams, b.grams)


def align(
    left: Sequence[TextSketch], right: Sequence[TextSketch], rules: CopyRules,
    memo: TextSims | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one alignment, greedy by similarity: (left index, right index, sim).

    Ties go to the pair closest in position, then to the earlier items, so the
    result does not depend on dict or set order. ``memo`` keeps text scores
    for later calls with the same rules (an archive holds the same item text in
    many documents). The pairs and similarities are :func:`pair_similarity`'s.
    """
    bonus = rules.same_number_bonus
    # below this a text score cannot pass even with the bonus (the margin
    # keeps float rounding on the side of scoring exactly)
    floor = rules.item_sim - bonus - 1e-9
    scores: TextSims = {} if memo is None else memo
    pairs: list[tuple[float, int, int, int]] = []
    for i, a in enumerate(left):
        number, lang, canon = a.number, a.language, a.canon
        for j, b in enumerate(right):
            if lang == b.language or lang is None or b.language is None:
                key = (canon, b.canon)
                sim = scores.get(key)
                if sim is None:
                    if len(scores) >= TEXT_SIMS_MAX:
                        scores.clear()
                    sim = scores[key] = _text_score(a, b, rules, floor)
                if number is not None and number == b.number:
                    sim += bonus
                threshold = rules.item_sim
            else:
                sim, threshold = pair_similarity(a, b, rules)
            if sim >= threshold:
                pairs.append((-sim, abs(i - j), i, j))
    pairs.sort()
    used_l: set[int] = set()
    used_r: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for neg, _dist, i, j in pairs:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        out.append((i, j, round(-neg, 3)))
    out.sort()
    return out
