from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.textmap import Edit, MappedText


def test_deletions_and_replacements_map_back_to_the_root():
    root = MappedText.root("甲乙\n丙丁  年\n戊")
    a = root.edit([Edit(2, 3, ""), Edit(5, 7, "")])  # join a wrap, drop two blanks
    assert a.text == "甲乙丙丁年\n戊"
    s, e = a.to_root(2, 5)
    assert root.text[s:e] == "丙丁  年"
    b = a.edit([Edit(0, 2, "ＡＢ")])  # aligned: per-character offsets survive
    assert b.to_root(1, 2) == (1, 2)
    c = b.edit([Edit(0, 2, "X")])  # not aligned: maps onto the whole replaced range
    assert c.to_root(0, 1) == (0, 2)


def test_slice_view_and_ancestor():
    root = MappedText.root("前言\n正文内容\n附录")
    body = root.slice_view(3, 7)
    assert body.text == "正文内容"
    inner = body.edit([Edit(1, 2, "")])
    assert inner.to_ancestor(0, 3, body) == (0, 4)
    assert inner.to_root(0, 3) == (3, 7)


def test_overlapping_edits_are_rejected():
    with pytest.raises(ValueError, match="overlapping"):
        MappedText.root("abcdef").edit([Edit(0, 3, ""), Edit(2, 4, "")])


@given(st.text(alphabet="ab\n 中文", min_size=1, max_size=40), st.data())
def test_every_surviving_character_maps_to_itself(text, data):
    # delete a random set of disjoint ranges; every kept character must map back exactly
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text) - 1), max_size=6)))
    edits = [Edit(i, i + 1, "") for i in cuts]
    out = MappedText.root(text).edit(edits)
    kept = [i for i in range(len(text)) if i not in set(cuts)]
    for j, i in enumerate(kept):
        assert out.to_root(j, j + 1) == (i, i + 1)
        assert text[i] == out.text[j]


@given(st.text(alphabet="ab\n 中文。", min_size=1, max_size=30), st.data())
def test_flatten_maps_exactly_like_the_chain(text, data):
    mt = MappedText.root(text)
    for _ in range(data.draw(st.integers(1, 4))):
        n = len(mt.text)
        if n == 0:
            break
        points = sorted(data.draw(st.sets(st.integers(0, n), min_size=2, max_size=6)))
        edits = []
        for a, b in zip(points[::2], points[1::2], strict=False):
            repl = data.draw(st.sampled_from(["", "X", "YY", None]))
            edits.append(Edit(a, b, mt.text[a:b].upper() if repl is None else repl))
        mt = mt.edit(edits)
    flat = mt.flatten()
    assert flat.text == mt.text
    n = len(mt.text)
    # non-empty spans map identically; an empty span between a replaced range and a
    # copied one may land on either edge, so it is only checked to stay in the text
    for a in range(n + 1):
        for b in range(a + 1, n + 1):
            assert flat.to_root(a, b) == mt.to_root(a, b), (a, b)
        s, e = flat.to_root(a, a)
        assert 0 <= s == e <= len(text)


def test_flatten_onto_an_ancestor_keeps_that_ancestor():
    root = MappedText.root("甲 乙\n丙  丁")
    mid = root.edit([Edit(1, 2, "")]).edit([Edit(2, 3, "")])
    top = mid.edit([Edit(0, 1, "Ａ")]).edit([Edit(2, 4, "")])
    flat = top.flatten(onto=mid)
    assert flat.base is mid
    for a in range(len(top.text)):
        for b in range(a + 1, len(top.text) + 1):
            assert flat.to_ancestor(a, b, mid) == top.to_ancestor(a, b, mid)
            assert flat.to_root(a, b) == top.to_root(a, b)
