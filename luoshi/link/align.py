"""Aligning the items of two copies of one document.

Within one language, items align by their text (bigram Dice of the canonical text;
a cut copy aligns with the full one by prefix). Across languages there is no
translation model offline, so an item is reduced to a *fingerprint* that survives
translation — numbers, dates, quantities, actor ids — and aligned by it together
with its position (same item number, same section ordinal).
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.clean.common import cjk_ratio
from luoshi.link.config import CopyRules
from luoshi.link.text import bigrams, canon, dice, numbers
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
class ItemSketch:
    """What alignment looks at, computed once per item."""

    doc: Document
    item: Item
    language: str | None
    canon: str
    grams: set[str]
    fingerprint: set[str]
    section_ordinal: int | None


def sketches(doc: Document, language: str | None = None) -> list[ItemSketch]:
    lang = language or language_of(doc)
    ordinals: dict[str, int] = {}
    for pos, s in enumerate((s for s in doc.sections if s.level == 1), start=1):
        ordinals[s.number] = s.ordinal if s.ordinal is not None else pos
    return [
        ItemSketch(
            doc,
            it,
            lang,
            canon(it.normalized),
            bigrams(it.normalized),
            fingerprint(it),
            ordinals.get(it.section or ""),
        )
        for it in doc.items
    ]


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


# (canonical text, canonical text) → their similarity before the same-number
# bonus: a pure function of the two texts, so it can be kept across alignments
TextSims = dict[tuple[str, str], float]
# a kept TextSims is emptied once it holds this many pairs (about 150 MB)
TEXT_SIMS_MAX = 1_000_000


def _text_similarity(a: ItemSketch, b: ItemSketch, rules: CopyRules) -> float:
    if a.canon == b.canon:
        return 1.0
    sim = dice(a.grams, b.grams)
    if _prefix_related(a.canon, b.canon, rules.prefix_min_chars):
        sim = max(sim, rules.prefix_sim)
    return sim


def pair_similarity(
    a: ItemSketch, b: ItemSketch, rules: CopyRules, memo: TextSims | None = None
) -> tuple[float, float]:
    """(similarity, threshold) of two items: the threshold depends on whether the
    two share a language. ``memo`` keeps text similarities between calls (an
    archive holds the same item text in many documents)."""
    same_number = a.item.number is not None and a.item.number == b.item.number
    if a.language == b.language or a.language is None or b.language is None:
        if memo is None:
            sim = _text_similarity(a, b, rules)
        else:
            key = (a.canon, b.canon)
            found = memo.get(key)
            if found is None:
                if len(memo) >= TEXT_SIMS_MAX:
                    memo.clear()
                found = memo[key] = _text_similarity(a, b, rules)
            sim = found
        return (sim + (rules.same_number_bonus if same_number else 0.0), rules.item_sim)
    same_section = a.section_ordinal is not None and a.section_ordinal == b.section_ordinal
    sim = (
        rules.fingerprint_weight * dice(a.fingerprint, b.fingerprint)
        + rules.same_number_weight * same_number
        + rules.same_section_weight * same_section
    )
    return (sim, rules.cross_item_sim)


def align(
    left: list[ItemSketch], right: list[ItemSketch], rules: CopyRules,
    memo: TextSims | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one alignment, greedy by similarity: (left index, right index, sim).

    Ties go to the pair closest in position, then to the earlier items, so the
    result does not depend on dict or set order.
    """
    pairs: list[tuple[float, int, int, int]] = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            sim, threshold = pair_similarity(a, b, rules, memo)
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
