"""Copies on the real corpus (../shared/corpus/seeds; skipped when absent): a seed,
its Traditional-script transform and a copy cut short are one document; the
different rounds are not."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
from transforms import to_traditional

from luoshi.link.copies import compare, group_copies, merge_copies
from luoshi.model import Document
from luoshi.pipeline import parse_raw
from luoshi.readers import read_bytes

pytestmark = pytest.mark.seeds


@cache
def _variant(text: str, name: str) -> Document:
    return parse_raw(read_bytes(text.encode("utf-8"), name))


@pytest.fixture
def eighth(seed: Callable[[str], Document]) -> tuple[Document, Document, Document]:
    """000, its Traditional copy, and its first half (the last item cut mid-way)."""
    doc = seed("000")
    trad = _variant(to_traditional(doc.text), "000-hant.txt")
    cut = _variant(doc.text[: len(doc.text) // 2], "000-cut.txt")
    return doc, trad, cut


def test_script_and_truncation_do_not_hide_a_copy(
        eighth: tuple[Document, Document, Document]) -> None:
    doc, trad, cut = eighth
    assert trad.source.script == "Hant"
    assert compare(doc, trad).is_copy and compare(doc, trad).overlap == 1.0
    assert compare(doc, cut).is_copy


def test_merging_keeps_every_item_and_the_best_text(
        eighth: tuple[Document, Document, Document]) -> None:
    doc, trad, cut = eighth
    merged = merge_copies([cut, trad, doc])
    assert merged.id == doc.source.sha256  # Simplified, complete: the primary copy
    assert len(merged.items) == len(doc.items) == 45
    assert merged.conflicts == []
    last_cut = cut.items[-1]
    slot = next(m for m in merged.items if any(v.ref.item is last_cut for v in m.variants))
    assert slot.chosen.doc is doc
    assert {v.ref.doc.source.path: v.role for v in slot.variants}["000-cut.txt"] in (
        "truncated", "shorter")
    assert [p["role"] for p in merged.provenance()] == ["primary", "copy", "copy"]


def test_different_rounds_are_different_documents(
        seed: Callable[[str], Document], eighth: tuple[Document, Document, Document]) -> None:
    docs = [seed(p) for p in ("000", "001", "002", "003")]
    doc, trad, _ = eighth
    groups = group_copies([*docs, trad])
    assert sorted(len(g) for g in groups) == [1, 1, 1, 2]
    assert next(g for g in groups if len(g) == 2) == [doc, trad]
