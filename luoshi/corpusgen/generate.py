"""Seeded corpus generation: many realistic variants of a few seed documents.

Each document: a template (seed) → a subset of its items, renumbered → damage
(gaps, order, cut items, glued clauses, a cut document, a pasted-twice block)
→ rounds and years shifted, agencies swapped → maybe hard-wrapped, page numbers
inserted, converted to Traditional. The truth records what was written: the
item numbers in order, the round, the meeting dates, and the defects injected.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from luoshi.corpusgen import text as tx
from luoshi.corpusgen.damage import BLOCK_DAMAGE, DAMAGE
from luoshi.corpusgen.template import Block, Template

DAMAGE_KINDS = tuple(DAMAGE)  # every kind the generator can inject


@dataclass(frozen=True, slots=True)
class Settings:
    damage_rate: float = 0.6  # share of documents with at least one injected defect
    wrap_rate: float = 0.3
    hant_rate: float = 0.25
    max_items: int = 30


@dataclass(frozen=True, slots=True)
class Generated:
    name: str
    text: str
    truth: dict[str, Any]


def _assemble(head: str, blocks: Sequence[Block]) -> str:
    return head + "".join(f"{b.lead}{b.number}{b.rest}" for b in blocks)


def _choose_damage(index: int, rng: random.Random, settings: Settings) -> list[str]:
    if rng.random() >= settings.damage_rate:
        return []
    kinds = [DAMAGE_KINDS[index % len(DAMAGE_KINDS)]]  # cycling: every kind turns up
    if rng.random() < 0.2:
        kinds.append(rng.choice([k for k in DAMAGE_KINDS if k not in kinds]))
    return kinds


def _swap_agencies(text: str, rng: random.Random) -> tuple[str, list[list[str]]]:
    found = tx.find_agencies(text)
    rng.shuffle(found)
    swaps: dict[str, str] = {}
    record: list[list[str]] = []
    table = tx.agencies()
    for side, aid, name in found[:3]:
        options = [(i, zh) for i, zh in table[side] if zh not in text and zh not in swaps.values()]
        if not options or any(name in k or k in name for k in swaps):
            continue
        new_id, new_name = rng.choice(options)
        swaps[name] = new_name
        record.append([aid, new_id])
    return tx.swap_names(text, swaps), record


def make_one(templates: Sequence[Template], index: int, rng: random.Random,
             settings: Settings) -> Generated:
    template = rng.choice(list(templates))
    n = len(template.blocks)
    k = rng.randint(min(5, n), min(n, settings.max_items))
    picked = sorted(rng.sample(range(n), k))
    blocks = [replace(template.blocks[j], number=pos + 1) for pos, j in enumerate(picked)]

    injected: list[str] = []
    wanted = _choose_damage(index, rng, settings)
    expected: list[int] | None = None
    for name in ("numbering-gap", "out-of-order", "truncated-item", "glued-clause",
                 "truncated-document", "duplicate-block"):
        if name not in wanted:
            continue
        if name == "duplicate-block":
            expected = [b.number for b in blocks]  # the repeated copy is not an item
        damaged = BLOCK_DAMAGE[name](blocks, rng)
        if damaged is not None:
            blocks = damaged
            injected.append(name)
    if expected is None:
        expected = [b.number for b in blocks]

    leap_safe = "2月29日" in template.head + "".join(b.rest for b in template.blocks)
    year_shift = rng.choice([-8, -4, 4, 8, 12]) if leap_safe else rng.randint(-8, 12) or 1
    seed_round = tx.first_round(template.head)
    lowest = min(tx.rounds(_assemble(template.head, template.blocks)), default=1)
    round_shift = rng.randint(1 - lowest, 10) if seed_round else 0
    head = tx.shift_years(tx.shift_rounds(template.head, round_shift), year_shift)
    body = tx.shift_years(tx.shift_rounds(_assemble("", blocks), round_shift), year_shift)
    text, swapped = _swap_agencies(head + body, rng)

    wrap = rng.choice([44, 52, 60, 70]) if rng.random() < settings.wrap_rate else None
    if wrap:
        text = tx.rewrap(text, wrap)
    if "page-artifact" in wanted:
        lines = text.count("\n") + 1
        text, inserted = tx.page_furniture(text, max(3, min(25, lines // 4)), rng.randrange(2))
        if inserted:
            injected.append("page-artifact")
    script = "Hans"
    if rng.random() < settings.hant_rate:
        text, script = tx.to_traditional(text), "Hant"

    name = f"{index:06d}.txt"
    truth: dict[str, Any] = {
        "file": name,
        "seed": template.name,
        "items": expected,
        "round": (seed_round + round_shift) if seed_round else None,
        "dates": tx.meeting_dates(tx.shift_years(template.head, year_shift)),
        "damage": injected,
        "defects": sorted({DAMAGE[d] for d in injected}),
        "script": script,
        "wrap": wrap,
        "round_shift": round_shift,
        "year_shift": year_shift,
        "agencies": swapped,
    }
    return Generated(name, text, truth)


def generate(templates: Sequence[Template], count: int, seed: int = 0,
             settings: Settings | None = None, start: int = 0) -> Iterator[Generated]:
    """``count`` documents; document i depends only on (templates, seed, i)."""
    usable = [t for t in templates if t.usable]
    if not usable:
        raise ValueError("no seed has at least five numbered items to vary")
    settings = settings or Settings()
    for index in range(start, start + count):
        yield make_one(usable, index, random.Random(f"{seed}:{index}"), settings)
