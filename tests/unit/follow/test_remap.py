"""Corpus.remap_text rewrites "doc" ids in canonical JSON text exactly as
Corpus.remap does on the value."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from luoshi.follow.compute import dump
from luoshi.follow.load import Corpus

# ids a corpus knows (sha256 / link id → ledger id) and look-alikes it does not
KNOWN = {"a" * 64: "d000000001", "dlinkid0001": "d000000001", "b" * 64: "d000000002"}
IDS = st.sampled_from([*KNOWN, "unknown", 'quo"te', "back\\slash", "doc", ""])
KEYS = st.sampled_from(["doc", "docs", "text", "x", 'doc"', "to"])
LEAVES = st.one_of(st.none(), st.integers(), IDS, st.text(max_size=12))
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(KEYS, st.one_of(inner, IDS), max_size=4),
    ),
    max_leaves=20,
)


def _corpus() -> Corpus:
    c = Corpus([])
    c.to_ledger.update(KNOWN)
    return c


@given(VALUES)
def test_remap_text_equals_remap(value: Any) -> None:
    c = _corpus()
    assert c.remap_text(dump(value)) == dump(c.remap(value))


def test_a_quoted_doc_key_inside_a_string_is_left_alone() -> None:
    c = _corpus()
    value = {"text": '{"doc":"' + "a" * 64 + '"}', "doc": "a" * 64}
    assert c.remap_text(dump(value)) == dump(c.remap(value))
    assert '"doc":"d000000001"' in c.remap_text(dump(value))
