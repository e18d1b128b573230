"""Typed view of ``luoshi/data/link_rules.toml``.

The link modules take an optional rules object so that tests and benchmarks can
vary a weight without editing the data file; by default they read the file once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from luoshi.rules import load


@dataclass(frozen=True, slots=True)
class CopyRules:
    min_overlap: float = 0.6
    min_overlap_alone: float = 0.9
    item_sim: float = 0.5
    prefix_sim: float = 0.9
    prefix_min_chars: int = 12
    fingerprint_weight: float = 0.6
    same_number_weight: float = 0.25
    same_section_weight: float = 0.15
    cross_item_sim: float = 0.35
    same_number_bonus: float = 0.05
    language_preference: tuple[str, ...] = ("zh", "en")
    script_preference: tuple[str, ...] = ("Hans", "Hant", "Latn")


@dataclass(frozen=True, slots=True)
class ThreadRules:
    min_score: float = 0.3
    min_adjacent: float = 0.2
    band: float = 0.05
    select_title: int = 4
    select_ids: int = 6
    select_text: int = 8
    probe: int = 16
    min_hits: int = 2
    max_candidates: int = 16
    window: int = 4
    max_df_share: float = 0.02
    min_max_df: int = 40
    scan: int = 16
    ignore_actor_types: frozenset[str] = frozenset({"place"})
    keep_actor_ids: frozenset[str] = frozenset()
    weights: dict[str, float] = field(default_factory=dict)
    unclassified_topics: frozenset[str] = frozenset({"99"})
    families: dict[str, str] = field(default_factory=dict)  # mechanism → family name


@dataclass(frozen=True, slots=True)
class DiffRules:
    commitment_match: float = 0.45
    action_weight: float = 0.35
    verb_weight: float = 0.15
    object_weight: float = 0.5


@dataclass(frozen=True, slots=True)
class LinkRules:
    copies: CopyRules
    threads: ThreadRules
    diff: DiffRules


def _pick(cls: type, table: dict[str, Any]) -> dict[str, Any]:
    """Keys of ``table`` that ``cls`` knows; unknown keys are a data-file typo."""
    known = set(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    unknown = set(table) - known
    if unknown:
        raise RuntimeError(f"luoshi/data/link_rules.toml: unknown keys {sorted(unknown)}")
    return dict(table)


def from_table(data: dict[str, Any]) -> LinkRules:
    c = dict(data.get("copies", {}))
    for key in ("language_preference", "script_preference"):
        if key in c:
            c[key] = tuple(c[key])
    t = dict(data.get("threads", {}))
    weights = {k: float(v) for k, v in t.pop("weights", {}).items()}
    unclassified = frozenset(t.pop("topic", {}).get("unclassified", []))
    families: dict[str, str] = {}
    for fam in t.pop("family", []):
        for mech in fam.get("mechanisms", []):
            families[mech] = fam["name"]
    for key in ("ignore_actor_types", "keep_actor_ids"):
        if key in t:
            t[key] = frozenset(t[key])
    d = dict(data.get("diff", {}))
    return LinkRules(
        copies=CopyRules(**_pick(CopyRules, c)),
        threads=ThreadRules(
            **_pick(ThreadRules, t),
            weights=weights,
            unclassified_topics=unclassified,
            families=families,
        ),
        diff=DiffRules(**_pick(DiffRules, d)),
    )


@cache
def rules() -> LinkRules:
    return from_table(load("link_rules"))
