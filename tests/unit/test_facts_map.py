"""The facts' tabulated span map gives exactly what MappedText's own mapping gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.extract.facts import DocMap, ItemView, _is_identity, _side_maps
from luoshi.textmap import Edit, MappedText

ALPHABET = "ab 甲乙\n"


@st.composite
def edits(draw: st.DrawFn, text: str) -> list[Edit]:
    """Non-overlapping edits of ``text``: deletions, insertions, aligned and
    unaligned replacements."""
    out: list[Edit] = []
    pos = 0
    while pos <= len(text) and draw(st.booleans()):
        start = draw(st.integers(pos, len(text)))
        end = draw(st.integers(start, min(len(text), start + 4)))
        kind = draw(st.sampled_from(["delete", "aligned", "other"]))
        if kind == "delete":
            rep = ""
        elif kind == "aligned":
            rep = "X" * (end - start)
        else:
            rep = draw(st.text(alphabet="YZ", max_size=3))
        out.append(Edit(start, end, rep))
        pos = end + 1
    return out


@st.composite
def layers(draw: st.DrawFn) -> tuple[MappedText, MappedText]:
    """A source, a display layer derived from it in one or two stages (flattened
    or not), and a normalised layer derived from the display."""
    root = MappedText.root(draw(st.text(alphabet=ALPHABET, max_size=24)))
    display = root.edit(draw(edits(root.text)))
    if draw(st.booleans()):
        display = display.edit(draw(edits(display.text)))
        if draw(st.booleans()):
            display = display.flatten()
    norm = display.edit(draw(edits(display.text)))
    if draw(st.booleans()):
        norm = norm.flatten(onto=display)
    return norm, display


@settings(max_examples=150, deadline=None)
@given(layers())
def test_lookup_matches_mapped_text(pair: tuple[MappedText, MappedText]) -> None:
    norm, display = pair
    dmap = DocMap(norm, display)
    n = len(norm.text)
    for a in range(n + 1):
        for b in range(n + 1):  # empty and reversed spans too: to_base maps them
            d0, d1, span = dmap.lookup(a, b)
            assert (d0, d1) == norm.to_ancestor(a, b, display)
            assert tuple(span) == norm.to_root(a, b)


@settings(max_examples=150, deadline=None)
@given(layers())
def test_side_maps_match_each_position(pair: tuple[MappedText, MappedText]) -> None:
    node: MappedText | None = pair[0]
    while node is not None and node.base is not None:
        starts, ends = _side_maps(node)
        assert len(starts) == len(ends) == len(node.text) + 1
        for i in range(len(node.text) + 1):
            assert starts[i] == node.to_base(i, i)[0]
            # a span ending at i > 0; at 0 only an empty span ends, mapped as a start
            end = node.to_base(i - 1, i)[1] if i > 0 else node._to_base_pos(0, "end")
            assert ends[i] == end
        node = node.base


@settings(max_examples=150, deadline=None)
@given(layers())
def test_identity_layers_are_told_apart_exactly(pair: tuple[MappedText, MappedText]) -> None:
    # a layer DocMap skips must be one whose tables would map every position to
    # itself (the test may miss some that do, e.g. one that drops a text's end)
    node: MappedText | None = pair[0]
    while node is not None and node.base is not None:
        starts, ends = _side_maps(node)
        same = list(range(len(node.text) + 1))
        if _is_identity(node):
            assert starts == ends == same
        elif len(node.text) == len(node.base.text) and node.text:
            assert not (starts == ends == same)  # same length: recognised exactly
        node = node.base


def test_a_layer_that_moves_no_position_is_an_identity() -> None:
    root = MappedText.root("ab甲乙")
    assert _is_identity(root.edit([]))
    assert _is_identity(root.edit([Edit(2, 3, "X")]))  # aligned: positions unchanged
    assert not _is_identity(root.edit([Edit(2, 3, "")]))
    assert not _is_identity(root.edit([Edit(2, 2, "Y")]))
    assert not _is_identity(root.edit([Edit(2, 3, "YZ")]))
    dmap = DocMap(root.edit([]), root.edit([]).base)  # type: ignore[arg-type]
    assert dmap.lookup(3, 1) == (3, 3, [3, 3])  # reversed: mapped as an empty span


def test_a_deleted_stretch_maps_onto_its_source() -> None:
    # "ab甲乙" with "甲" dropped: the normalised "ab乙" keeps source offsets
    root = MappedText.root("ab甲乙")
    display = root.edit([Edit(2, 3, "")])
    dmap = DocMap(display, display)
    assert dmap.lookup(2, 3) == (2, 3, [3, 4])
    assert dmap.lookup(0, 3) == (0, 3, [0, 4])


@settings(max_examples=150, deadline=None)
@given(layers(), st.integers(0, 3))
def test_item_view_matches_lookup(pair: tuple[MappedText, MappedText], base: int) -> None:
    norm, display = pair
    dmap = DocMap(norm, display)
    n = len(norm.text)
    view = ItemView(dmap, min(base, n))
    for a in range(n + 1 - view.base):
        for b in range(n + 1 - view.base):
            d0, d1, span = dmap.lookup(view.base + a, view.base + b)
            assert view.at(a, b) == (dmap.display[d0:d1], span)
            assert view.span(a, b) == span and view.show(a, b) == dmap.display[d0:d1]
