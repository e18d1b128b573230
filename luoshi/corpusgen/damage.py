"""Damage to the list itself, applied to item blocks, with the defect it should raise.

Each function takes the blocks (already renumbered 1..n) and returns the new
blocks; what luoshi should then report is in ``DAMAGE`` (kind as in
``luoshi.model`` defects).
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from luoshi.corpusgen.template import Block

# damage name → the defect kind luoshi should report for it
DAMAGE = {
    "numbering-gap": "numbering-gap",
    "out-of-order": "out-of-order",
    "truncated-item": "truncated-item",
    "glued-clause": "truncated-item",
    "truncated-document": "truncated-document",
    "duplicate-block": "duplicate-block",
    "page-artifact": "page-artifact",  # applied to the text (see generate)
}

_END = "。！？!?；;"
_CLAUSE = re.compile(r"[^，,；;。！？!?\n]{10,}[。！？!?]")


def _body_end(rest: str) -> int:
    """Where the block's text ends (before its trailing blank lines)."""
    return len(rest.rstrip())


def _cut_mid_sentence(rest: str, rng: random.Random) -> str | None:
    """Drop the end of the block's last sentence: it stops mid-sentence (no 。)."""
    end = _body_end(rest)
    body = rest[:end]
    last_stop = max(body.rfind(c, 0, end - 1) for c in _END)
    start = max(last_stop + 1, body.find("：") + 1, 0)
    # cut inside a run of hanzi, away from punctuation, keeping at least 4 characters
    spots = [i for i in range(start + 4, end - 3)
             if "\u4e00" <= body[i - 1] <= "\u9fff" and "\u4e00" <= body[i] <= "\u9fff"]
    if not spots:
        return None
    at = rng.choice(spots)
    return body[:at] + rest[end:]


def gap(blocks: list[Block], rng: random.Random) -> list[Block] | None:
    if len(blocks) < 4:
        return None
    drop = rng.randrange(1, len(blocks) - 1)
    return blocks[:drop] + blocks[drop + 1:]


def out_of_order(blocks: list[Block], rng: random.Random) -> list[Block] | None:
    if len(blocks) < 4:
        return None
    i = rng.randrange(1, len(blocks) - 2)
    return [*blocks[:i], blocks[i + 1], blocks[i], *blocks[i + 2:]]


def truncated_item(blocks: list[Block], rng: random.Random) -> list[Block] | None:
    i = rng.randrange(0, len(blocks) - 1)  # not the last: that is a truncated document
    rest = _cut_mid_sentence(blocks[i].rest, rng)
    if rest is None:
        return None
    return [*blocks[:i], replace(blocks[i], rest=rest), *blocks[i + 1:]]


def _cut_at_comma(rest: str, rng: random.Random) -> str | None:
    """Keep the block up to a comma inside its last sentence (the clause after it is lost)."""
    end = _body_end(rest)
    body = rest[:end]
    last_stop = max(body.rfind(c, 0, end - 1) for c in _END)
    commas = [i for i in range(last_stop + 1, end - 1) if body[i] in "，,"]
    if not commas:
        return None
    return body[: rng.choice(commas) + 1] + rest[end:]


def glued_clause(blocks: list[Block], rng: random.Random) -> list[Block] | None:
    """Item i breaks off after a comma and goes on with the last clause of item j
    (two cut pieces of a page pasted together)."""
    candidates = [j for j, b in enumerate(blocks) if _CLAUSE.findall(b.rest[:_body_end(b.rest)])]
    if len(candidates) < 2:
        return None
    j = rng.choice(candidates)
    hosts = [k for k in range(len(blocks) - 1) if k != j]
    rng.shuffle(hosts)
    for i in hosts:
        cut = _cut_at_comma(blocks[i].rest, rng)
        if cut is None:
            continue
        clause = _CLAUSE.findall(blocks[j].rest[:_body_end(blocks[j].rest)])[-1]
        end = _body_end(cut)
        glued = cut[:end] + clause.lstrip() + cut[end:]
        return [*blocks[:i], replace(blocks[i], rest=glued), *blocks[i + 1:]]
    return None


def truncated_document(blocks: list[Block], rng: random.Random) -> list[Block] | None:
    rest = _cut_mid_sentence(blocks[-1].rest, rng)
    if rest is None:
        return None
    return [*blocks[:-1], replace(blocks[-1], rest=rest.rstrip())]


def duplicate_block(blocks: list[Block], rng: random.Random) -> list[Block] | None:
    """Two consecutive items pasted twice (a scraped page that repeats a block)."""
    if len(blocks) < 3:
        return None
    i = rng.randrange(0, len(blocks) - 2)
    return blocks[: i + 2] + blocks[i: i + 2] + blocks[i + 2:]


BLOCK_DAMAGE = {
    "numbering-gap": gap,
    "out-of-order": out_of_order,
    "truncated-item": truncated_item,
    "glued-clause": glued_clause,
    "truncated-document": truncated_document,
    "duplicate-block": duplicate_block,
}
