"""Line endings, indentation, invisible characters and page breaks."""

from __future__ import annotations

import re

from luoshi.clean.common import CleanState
from luoshi.textmap import Edit, MappedText

# Indentation and trailing blanks are layout, not text; zero-width characters and
# soft hyphens are invisible and break matching. A form feed (PDF page break)
# becomes a line of its own so later stages can see page boundaries.
_LAYOUT = re.compile(
    r"\r\n?|\f|[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
    r"|^[ \t\u3000\u00a0\u2002\u2003]+|[ \t\u3000\u00a0\u2002\u2003]+$",
    re.MULTILINE,
)


def normalise_layout(mt: MappedText, state: CleanState) -> MappedText:
    edits: list[Edit] = []
    for m in _LAYOUT.finditer(mt.text):
        tok = m.group()
        if tok.startswith("\r"):
            edits.append(Edit(m.start(), m.end(), "\n"))
        elif tok == "\f":
            edits.append(Edit(m.start(), m.end(), "\n\f\n"))
        else:
            edits.append(Edit(m.start(), m.end(), ""))
    # Trailing-blank matches can touch a following \r match; keep edits disjoint.
    merged: list[Edit] = []
    for e in edits:
        if merged and e.start < merged[-1].end:
            continue
        merged.append(e)
    return mt.edit(merged)
