"""Greedy assembly of threads from scored links.

A thread is a chain of items in time order, at most one item per document. Links
are taken best first; a link joins the chains of its two items only when

- the chains hold items of disjoint documents (so no document appears twice in a
  thread, and no item gets two predecessors from one document), and
- every pair of items that the join makes *neighbours* in time order is itself a
  plausible pair: the earlier document comes before the later one, and the pair
  scores at least ``min_adjacent``.

The second rule keeps two unrelated matters that never share a document from
zipping into one thread through a single weak link (round 6 matter A, round 7
matter B, round 8 matter A …), while still letting an item slot into a gap (a
matter skipped in one round and restated in the next).

Items are identified by their index in time order, so a chain is a sorted list of
ints and merging two is a sort of ints.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

# a scored pair: (score, pred index, succ index, signals)
Pair = tuple[float, int, int, dict[str, float]]


class Chains:
    def __init__(self, unit: Callable[[int], str], adjacent: Callable[[int, int], bool]) -> None:
        self._unit = unit  # item index → id of its document
        self._adjacent = adjacent  # may items x < y be neighbours in a thread?
        self._parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}  # root → sorted item indices
        self._docs: dict[int, set[str]] = {}

    def find(self, i: int) -> int:
        parent = self._parent
        if i not in parent:
            parent[i] = i
            self.members[i] = [i]
            self._docs[i] = {self._unit(i)}
            return i
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> bool:
        """Join the chains of ``a`` and ``b`` (a scored link) if the rules allow; say
        whether joined."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self._docs[ra].isdisjoint(self._docs[rb]):
            return False
        ca, cb = self.members[ra], self.members[rb]
        if not self._fits(ca, cb, (min(a, b), max(a, b))):
            return False
        if len(ca) < len(cb):
            ra, rb, ca, cb = rb, ra, cb, ca
        self._parent[rb] = ra
        self.members[ra] = sorted(ca + cb)  # two sorted runs: timsort merges them
        self._docs[ra] |= self._docs.pop(rb)
        del self.members[rb]
        return True

    def _fits(self, ca: list[int], cb: list[int], link: tuple[int, int]) -> bool:
        """Whether every new neighbour pair of the merged chain is plausible (the
        link itself is: it was scored)."""
        if ca[-1] < cb[0] or cb[-1] < ca[0]:  # one chain ends before the other starts
            x, y = (ca[-1], cb[0]) if ca[-1] < cb[0] else (cb[-1], ca[0])
            return (x, y) == link or self._adjacent(x, y)
        small, big = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
        n, last = len(big), len(small) - 1
        # positions of the small chain's items in the big one, found as we go so
        # that a misfit stops the walk early
        prev, p = -1, bisect_left(big, small[0])
        for i, s in enumerate(small):
            nxt = bisect_left(big, small[i + 1], p) if i < last else -1
            # a new left neighbour unless the previous small item shares the gap;
            # a new right neighbour unless the next one does
            if p > 0 and p != prev and not self._adjacent(big[p - 1], s):
                return False
            if p < n and p != nxt and not self._adjacent(s, big[p]):
                return False
            prev, p = p, nxt
        return True

    def chains(self) -> list[list[int]]:
        """Chains of two items or more, by their first item."""
        return sorted((m for m in self.members.values() if len(m) > 1), key=lambda m: m[0])


def select(pairs: list[Pair], chains: Chains, gap: Callable[[int, int], int],
           band: float) -> list[Pair]:
    """Take pairs best first; return those that joined.

    Scores within ``band`` of each other count as equal, and then the pair fewer
    documents apart goes first: a matter continues into the next round that states
    it, not into a later one that happens to word it a little more alike. Chains
    then grow at their ends, which is also the cheap way to grow them. Remaining
    ties: higher score, earlier items.
    """
    def key(p: Pair) -> tuple[int, int, float, int, int]:
        return (-int(p[0] / band) if band > 0 else 0, gap(p[1], p[2]), -p[0], p[1], p[2])

    pairs.sort(key=key)
    return [p for p in pairs if chains.join(p[1], p[2])]
