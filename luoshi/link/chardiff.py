"""Character-level differences between two passages of normalised text.

Both the copy merger (conflicting copies of one item) and the thread diff (how the
core sentence was reworded) need the changed spans, each cited in its own source.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from luoshi.link.refs import ItemRef
from luoshi.link.text import canon


def char_changes(
    a: ItemRef, a_range: tuple[int, int], b: ItemRef, b_range: tuple[int, int]
) -> dict[str, Any]:
    """Diff ``a.item.normalized[a_range]`` against ``b.item.normalized[b_range]``.

    Returns the similarity ratio and the changed spans (replace / insert / delete),
    each side cited with its display text and source span. Changes made only of
    blanks and punctuation are dropped: they are typesetting, not wording.
    """
    a0, a1 = a_range
    b0, b1 = b_range
    sa, sb = a.item.normalized[a0:a1], b.item.normalized[b0:b1]
    sm = SequenceMatcher(None, sa, sb, autojunk=False)
    ops: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal" or canon(sa[i1:i2]) == canon(sb[j1:j2]):
            continue
        ops.append(
            {
                # an insertion cites the empty span where it went in, a deletion the
                # empty span where the text was: a reader can show both in place
                "op": tag,
                "from": a.cite_range(a0 + i1, a0 + i2),
                "to": b.cite_range(b0 + j1, b0 + j2),
            }
        )
    return {"similarity": round(sm.ratio(), 3), "changes": ops}
