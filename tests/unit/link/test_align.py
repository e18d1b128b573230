"""Aligning two lists' items: the fast path (kept text scores, a length bound
before Dice) pairs exactly what scoring every pair with ``pair_similarity`` does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.link.align import TextSketch, align, pair_similarity
from luoshi.link.config import rules
from luoshi.link.text import bigrams, canon

RULES = rules().copies

# few characters, so texts share bigrams, prefixes and whole texts often
_text = st.text(alphabet="双方决定举行对话会议年月", min_size=0, max_size=40)
_sketch = st.builds(
    lambda text, number, lang, section, figures: TextSketch(
        number,
        lang,
        canon(text),
        bigrams(text),
        set(figures),
        section,
    ),
    _text,
    st.one_of(st.none(), st.integers(1, 4)),
    st.sampled_from(["zh", "zh", "zh", "en", None]),
    st.one_of(st.none(), st.integers(1, 2)),
    st.lists(st.sampled_from(["n:2031", "n:185", "a:cn-mofa", "d:2031-06-20/2031-06-20"]),
             max_size=3),
)


def _reference(left: list[TextSketch], right: list[TextSketch]) -> list[tuple[int, int, float]]:
    """The alignment as defined: every pair scored, greedy by similarity."""
    pairs = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            sim, threshold = pair_similarity(a, b, RULES)
            if sim >= threshold:
                pairs.append((-sim, abs(i - j), i, j))
    pairs.sort()
    used_l: set[int] = set()
    used_r: set[int] = set()
    out = []
    for neg, _d, i, j in pairs:
        if i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
            out.append((i, j, round(-neg, 3)))
    return sorted(out)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(_sketch, max_size=6), st.lists(_sketch, max_size=6)),
                min_size=1, max_size=4))
def test_align_pairs_what_scoring_every_pair_does(lists: list[tuple[list, list]]) -> None:
    memo: dict[tuple[str, str], float] = {}  # shared, as a link shares it
    for left, right in lists:
        want = _reference(left, right)
        assert align(left, right, RULES) == want
        assert align(left, right, RULES, memo) == want


def test_texts_unlike_in_length_are_never_scored_with_dice() -> None:
    short = "双方决定举行"
    # 60 other characters, then the short text: 5 shared bigrams of 70, Dice 0.14
    long_ = "".join(chr(0x4E00 + k) for k in range(60)) + short
    a = TextSketch(1, "zh", canon(short), bigrams(short), set(), None)
    b = TextSketch(1, "zh", canon(long_), bigrams(long_), set(), None)
    memo: dict[tuple[str, str], float] = {}
    assert align([a], [b], RULES, memo) == []
    assert memo == {(a.canon, b.canon): 0.0}  # not Dice's 0.14: never computed
