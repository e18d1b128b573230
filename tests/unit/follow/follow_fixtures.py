"""Fictional documents for the follow tests, and a dump of the link tables.

Two fictional corpora: the hand-made "seaweed dialogue" of the link tests
(tests/unit/link/test_timelines_fixtures.py: three documents with facts written
by hand) and the bundled demo sample (samples/: an English and a Chinese copy
of round 1 and a round 2, parsed by the real pipeline).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from luoshi.model import Document
from luoshi.store import Ledger

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SAMPLES = REPO / "samples"
sys.path.insert(0, str(HERE.parent / "link"))

from test_timelines_fixtures import doc_a, doc_b, doc_c  # noqa: E402


def seaweed() -> dict[str, Document]:
    """Fresh hand-made documents (built anew: tests may mutate them)."""
    return {"A": doc_a(), "B": doc_b(), "C": doc_c()}


@cache
def _parsed(name: str) -> Document:
    from luoshi.pipeline import parse

    return parse(SAMPLES / name)


def samples() -> dict[str, Document]:
    return {n: _parsed(n) for n in ("round1-zh.txt", "round1-en.md", "round2-zh.txt")}


def derived_rows(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the derived link tables, in a stable order (for comparisons)."""
    from luoshi.store.links import DERIVED

    out: dict[str, list[tuple[Any, ...]]] = {}
    with ledger.engine.connect() as conn:
        for t in DERIVED:
            rows = conn.execute(sa.select(t)).all()
            # version ids depend on ingest order; everything else must not
            cols = [c.name for c in t.columns if c.name != "version_id"]
            out[t.name] = sorted(tuple(getattr(r, c) for c in cols) for r in rows)
    return out
