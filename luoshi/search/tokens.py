"""Text → index tokens, and query → terms, the same way for both backends.

``fold`` makes a same-length copy of a text for matching: Traditional →
Simplified (the cleaning stage's OpenCC conversion), NFKC width folding and
lower case, character by character, so an offset in the copy is an offset in
the text. Tokens are then:

- each run of Chinese characters (blanks inside a run are ignored, as layout
  puts them there) → its overlapping two-character tokens (中国海关 → 中国 国海
  海关); a one-character run is one token;
- each run of letters and digits → one word.

Both FTS5 (``unicode61``) and PostgreSQL (a tsvector literal with positions)
see exactly these tokens in this order, so "phrase of consecutive tokens" means
the same on both: a Chinese query of n ≥ 2 characters matches exactly where the
n characters stand together, inside longer words too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from luoshi.clean.common import simplified

# Han ideographs (BMP blocks and extension A); other scripts' letters are words.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A token run: Han characters (blanks between them allowed), or letters/digits.
_RUN = re.compile(rf"[{HAN}](?:[ \t\u3000]*[{HAN}])*|[^\W_{HAN}]+")
_BLANKS = re.compile(r"[ \t\u3000]+")


def _fold_char(c: str) -> str:
    f = unicodedata.normalize("NFKC", c).lower()
    return f if len(f) == 1 else c.lower() if len(c.lower()) == 1 else c


def fold(text: str) -> str:
    """A same-length copy of ``text`` for matching (Simplified, narrow, lower case)."""
    simp = simplified(text)
    if simp.isascii():
        return simp.lower()
    return "".join(c if c.isascii() and not c.isupper() else _fold_char(c) for c in simp)


@dataclass(frozen=True, slots=True)
class Run:
    """One run of token characters in a folded text: Han (``cjk``) or a word."""

    start: int
    end: int
    chars: str  # the run without blanks
    cjk: bool


def runs(folded: str) -> Iterator[Run]:
    for m in _RUN.finditer(folded):
        s = m.group()
        cjk = s[0] >= "\u3400"
        if cjk and len(s) > 1 and not s.isalnum():
            s = _BLANKS.sub("", s)
        yield Run(m.start(), m.end(), s, cjk)


def run_tokens(run: Run) -> list[str]:
    s = run.chars
    if not run.cjk or len(s) == 1:
        return [s]
    return [s[i : i + 2] for i in range(len(s) - 1)]


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``, in order."""
    out: list[str] = []
    for run in runs(fold(text)):
        out.extend(run_tokens(run))
    return out


def token_string(text: str) -> str:
    """The tokens joined by spaces: what FTS5 indexes (unicode61 splits on the spaces)."""
    return " ".join(tokens(text))


def tsvector_literal(text: str) -> str:
    """The tokens as a PostgreSQL tsvector literal with positions ('海关':3 …).

    Written out rather than built with ``to_tsvector`` so that PostgreSQL's own
    parser (locale-dependent) never re-splits a token: both backends index the
    same tokens at the same positions. Positions above 16383 are clamped by
    PostgreSQL; items are far shorter.
    """
    return tsvector_of(tokens(text))


def tsvector_of_token_string(joined: str) -> str:
    """``tsvector_literal`` of a text from its ``token_string`` (tokens hold no blanks)."""
    return tsvector_of(joined.split(" ") if joined else [])


def tsvector_of(toks: list[str]) -> str:
    positions: dict[str, list[int]] = {}
    for pos, tok in enumerate(toks, start=1):
        positions.setdefault(tok, []).append(min(pos, 16383))
    return " ".join(
        f"{_quote(tok)}:{','.join(map(str, ps))}" for tok, ps in positions.items()
    )


def _quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
