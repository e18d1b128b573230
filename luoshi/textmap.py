"""Text that remembers where every character came from.

Each cleaning stage turns one `MappedText` into another by a list of edits.
A derived text keeps a piecewise map back to its base text, and the bases
chain down to the decoded original source, so any span found at the end of
the pipeline can be reported as a span of the document the user has.

The map is a list of runs rather than one integer per character: building
it costs one Python step per edit, not per character, which keeps the whole
read→parse pipeline at regex speed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``.

    ``aligned`` edits (same length, character for character, e.g. a width or
    script conversion) keep per-character offsets; other replacements map
    their whole output onto the whole replaced range.
    """

    start: int
    end: int
    replacement: str = ""

    @property
    def aligned(self) -> bool:
        return len(self.replacement) == self.end - self.start


@dataclass(slots=True)
class MappedText:
    """A string plus a map from its positions to positions in ``base``.

    Run ``k`` covers ``text[dst[k]:dst[k+1]]``. If ``exact[k]`` the run is a
    character-aligned copy of ``base.text[src[k]: src[k] + length]``; otherwise it
    stands for the whole of ``base.text[src[k]:src_end[k]]``.
    A root text (``base is None``) maps onto itself.
    """

    text: str
    base: MappedText | None = None
    _dst: list[int] = field(default_factory=list)
    _src: list[int] = field(default_factory=list)
    _src_end: list[int] = field(default_factory=list)
    _exact: list[bool] = field(default_factory=list)

    @classmethod
    def root(cls, text: str) -> MappedText:
        return cls(text)

    # -- building ---------------------------------------------------------
    def edit(self, edits: Iterable[Edit]) -> MappedText:
        """Return a new text with ``edits`` applied; it maps back onto ``self``.

        Edits must not overlap; they are applied in order of position.
        """
        text = self.text
        parts: list[str] = []
        dst: list[int] = []
        src: list[int] = []
        src_end: list[int] = []
        exact: list[bool] = []
        pos = 0
        out = 0

        def run(piece: str, s: int, e: int, is_exact: bool) -> None:
            nonlocal out
            if not piece:
                return
            dst.append(out)
            src.append(s)
            src_end.append(e)
            exact.append(is_exact)
            parts.append(piece)
            out += len(piece)

        for ed in sorted(edits, key=lambda e: (e.start, e.end)):
            if ed.start < pos:
                raise ValueError(f"overlapping edit at {ed.start} (previous ended at {pos})")
            if ed.end > len(text) or ed.start > ed.end:
                raise ValueError(f"edit {ed.start}:{ed.end} outside text of length {len(text)}")
            run(text[pos : ed.start], pos, ed.start, True)
            run(ed.replacement, ed.start, ed.end, ed.aligned)
            pos = ed.end
        run(text[pos:], pos, len(text), True)
        return MappedText("".join(parts), self, dst, src, src_end, exact)

    def slice_view(self, start: int, end: int) -> MappedText:
        """A text that is ``self.text[start:end]``, mapped back onto ``self``."""
        return self.edit([Edit(0, start), Edit(end, len(self.text))])

    def flatten(self, onto: MappedText | None = None) -> MappedText:
        """The same text mapped straight onto ``onto`` (default: the root).

        Lookups on a long chain of stages cost one bisect per stage; after flattening
        they cost one. Exact runs stay exact where the layers below were exact too.
        """
        if (self is onto or self.base is None or self.base is onto or not self._dst
                or (onto is None and self.base.base is None)):
            return self
        inner = self.base.flatten(onto)
        dst: list[int] = []
        src: list[int] = []
        src_end: list[int] = []
        exact: list[bool] = []
        bounds = [*self._dst, len(self.text)]
        for k in range(len(self._dst)):
            d0, d1 = bounds[k], bounds[k + 1]
            a, b = self._src[k], self._src_end[k]
            if not self._exact[k]:
                s, e = inner.to_base(a, b) if a < b else (inner._to_base_pos(a, "start"),) * 2
                dst.append(d0)
                src.append(s)
                src_end.append(e)
                exact.append(False)
                continue
            # an exact run may cross several runs of the layer below: split it there
            for r0, _r1, s, e, ex in inner._pieces(a, b):
                dst.append(d0 + (r0 - a))
                src.append(s)
                src_end.append(e)
                exact.append(ex)
            del d1
        root = inner.base
        return MappedText(self.text, root, dst, src, src_end, exact)

    def _pieces(self, a: int, b: int) -> list[tuple[int, int, int, int, bool]]:
        """Split [a, b) of this text at run boundaries: (start, end, src, src_end, exact)."""
        out: list[tuple[int, int, int, int, bool]] = []
        if self.base is None:
            return [(a, b, a, b, True)]
        k = max(bisect_right(self._dst, a) - 1, 0)
        bounds_end = len(self.text)
        pos = a
        while pos < b and k < len(self._dst):
            r0 = self._dst[k]
            r1 = self._dst[k + 1] if k + 1 < len(self._dst) else bounds_end
            lo, hi = max(pos, r0), min(b, r1)
            if lo < hi:
                if self._exact[k]:
                    s = self._src[k] + (lo - r0)
                    out.append((lo, hi, s, s + (hi - lo), True))
                else:
                    out.append((lo, hi, self._src[k], self._src_end[k], False))
            pos = hi
            k += 1
        return out

    # -- mapping ----------------------------------------------------------
    def _to_base_pos(self, i: int, side: str) -> int:
        """Map position ``i`` (a boundary between characters) onto the base."""
        if not self._dst:
            # empty derived text: everything collapsed onto nothing
            return 0 if side == "start" else (len(self.base.text) if self.base else 0)
        if side == "start":
            k = bisect_right(self._dst, i) - 1
            if k < 0:
                k = 0
            run_start = self._dst[k]
            if self._exact[k]:
                off = min(i - run_start, self._src_end[k] - self._src[k])
                return self._src[k] + off
            return self._src[k]
        # end boundary: look at the run holding character i-1
        k = bisect_right(self._dst, max(i - 1, 0)) - 1
        if k < 0:
            k = 0
        run_start = self._dst[k]
        if self._exact[k]:
            off = min(i - run_start, self._src_end[k] - self._src[k])
            return self._src[k] + max(off, 0)
        return self._src_end[k]

    def to_base(self, start: int, end: int) -> Span:
        if self.base is None:
            return (start, end)
        if start >= end:
            p = self._to_base_pos(start, "start")
            return (p, p)
        return (self._to_base_pos(start, "start"), self._to_base_pos(end, "end"))

    def to_root(self, start: int, end: int) -> Span:
        """Map a span of this text onto the decoded original source."""
        node: MappedText | None = self
        span = (start, end)
        while node is not None and node.base is not None:
            span = node.to_base(*span)
            node = node.base
        return span

    def to_ancestor(self, start: int, end: int, ancestor: MappedText) -> Span:
        """Map a span onto a given ancestor layer (e.g. the display layer)."""
        node: MappedText | None = self
        span = (start, end)
        while node is not None and node is not ancestor:
            if node.base is None:
                raise ValueError("ancestor is not in this text's chain")
            span = node.to_base(*span)
            node = node.base
        return span

    @property
    def root_text(self) -> str:
        node = self
        while node.base is not None:
            node = node.base
        return node.text

    def __len__(self) -> int:
        return len(self.text)
