"""Repeated blocks: the same paragraphs pasted several times. The first copy stays.

Runs on paragraph text (one per line, after wrap joining), so a copy wrapped
differently from the original is still recognised.
"""

from __future__ import annotations

import re

from luoshi.clean.common import CleanState, iter_lines, short
from luoshi.markers import match_marker
from luoshi.numerals import format_runs
from luoshi.textmap import Edit, MappedText

_NOISE = re.compile(r"[\s*#_>]+")
MIN_KEY = 12  # shorter paragraphs ("中美双方：") legitimately repeat
MIN_SINGLE = 24  # a lone repeated paragraph must be at least this long to count


def _key(s: str) -> str:
    return _NOISE.sub("", s)


def remove_repeats(mt: MappedText, state: CleanState) -> MappedText:
    lines = [ln for ln in iter_lines(mt.text) if ln.text]
    seen: dict[str, int] = {}
    keys = [_key(ln.text) for ln in lines]
    dup = [False] * len(lines)
    for i, k in enumerate(keys):
        # short paragraphs repeat legitimately, unless they continue a repeated block
        if k in seen and (len(k) >= MIN_KEY or (i > 0 and dup[i - 1])):
            dup[i] = True
        else:
            seen.setdefault(k, i)
    # A paragraph cut short right after a duplicated run is a truncated copy.
    earlier = list(seen)
    for i, k in enumerate(keys):
        if dup[i] or len(k) < MIN_KEY or i == 0 or not dup[i - 1]:
            continue
        if any(o.startswith(k) and o != k for o in earlier if seen[o] < i):
            dup[i] = True
    # Lone short repeats are ordinary phrases, not pasted blocks.
    runs = _runs(dup)
    kept_runs = []
    for a, b in runs:
        if b - a == 1 and len(keys[a]) < MIN_SINGLE and match_marker(lines[a].text) is None:
            continue
        kept_runs.append((a, b))
    edits: list[Edit] = []
    for a, b in kept_runs:
        start = lines[a].start
        end = lines[b - 1].end
        # take the newline before the block so no empty paragraph is left
        cut_start = start - 1 if start > 0 else start
        cut_end = end if start > 0 else min(end + 1, len(mt.text))
        edits.append(Edit(cut_start, cut_end, ""))
        first = lines[a].text
        numbers = [m.value for ln in lines[a:b] if (m := match_marker(ln.text)) and m.rank >= 2]
        what = f"items {format_runs(numbers)}" if numbers else repr(short(first))
        state.add(mt, "duplicate-block",
                  f"{b - a} paragraph(s) repeating earlier text removed ({what}); first copy kept",
                  start, end)
    return mt.edit(edits)


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(flags):
        if flags[i]:
            j = i
            while j < len(flags) and flags[j]:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs
