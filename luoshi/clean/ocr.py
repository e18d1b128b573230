"""Damage of text read from a scan (OCR): misread digits and unreadable characters.

``2O27年``, ``第l3次``, ``各l5名``: OCR reads the letters O/o and l/I (and a table's |)
for 0 and 1. A letter is taken for a digit only inside a run of such letters and digits
that holds a real digit, never in a word (APEC, Illinois, Oct.) or a formula (H2O, O3,
Al2O3, O2O): the rules are in the ``[ocr]`` section of layout.toml. Repairs are
character for character, so the normalised layer keeps exact offsets; the caller reports
them. One regex search decides whether a text has anything to repair at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from luoshi import rules


@dataclass(frozen=True, slots=True)
class _Rules:
    hint: re.Pattern[str]  # a digit next to a look-alike letter: the cheap prefilter
    run: re.Pattern[str]  # a maximal run of digits and look-alikes with such a pair
    table: dict[int, str]
    letters: str
    leading: str
    after_separator: str
    inner_only: str
    year: re.Pattern[str]
    unreadable_chars: str
    unreadable: re.Pattern[str]


@cache
def _rules() -> _Rules:
    o = rules.load("layout")["ocr"]
    letters = "".join(o["digit_letters"])
    cls = "[" + re.escape(letters) + "]"
    box = "[" + re.escape(o["unreadable"]) + "]"
    return _Rules(
        # the letter first: a class scan, much cheaper than trying a digit at every position
        hint=re.compile(rf"{cls}(?<=[0-9]{cls})|{cls}(?=[0-9])"),
        run=re.compile(rf"[0-9{re.escape(letters)}]*(?:[0-9]{cls}|{cls}[0-9])"
                       rf"[0-9{re.escape(letters)}]*"),
        table=str.maketrans(o["digit_letters"]),
        letters=letters,
        leading=o["leading"],
        after_separator=o["after_separator"],
        inner_only=o["inner_only"],
        year=re.compile(o["year"]),
        unreadable_chars=o["unreadable"],
        unreadable=re.compile(rf"(?<=\w){box}+|{box}+(?=\w)"),
    )


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def digit_repairs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) for every run of ``text`` where OCR put letters for digits."""
    r = _rules()
    h = r.hint.search(text)
    if h is None:
        return []
    start = h.start()  # the scan starts at the first run: back to its beginning
    while start and (text[start - 1].isdigit() or text[start - 1] in r.letters):
        start -= 1
    out: list[tuple[int, int, str]] = []
    for m in r.run.finditer(text, start):
        s, e = m.span()
        fixed = _repair(text, s, e, r)
        if fixed is not None:
            out.append((s, e, fixed))
    return out


def repair_digits(text: str) -> str:
    """``text`` with every OCR digit repair of :func:`digit_repairs` applied."""
    out, pos = [], 0
    for s, e, fixed in digit_repairs(text):
        out += [text[pos:s], fixed]
        pos = e
    return "".join(out) + text[pos:]


def _repair(text: str, s: int, e: int, r: _Rules) -> str | None:
    tok = text[s:e]
    fixed = tok.translate(r.table)
    if (s > 0 and _latin(text[s - 1])) or (e < len(text) and _latin(text[e])):
        # touching a word (FY2O28, H2O, Al2O3): only a year written with look-alikes
        ok = tok[0].isdigit() and not any(c in r.inner_only for c in tok)
        return fixed if ok and r.year.match(fixed) else None
    first = next(i for i, c in enumerate(tok) if c.isdigit())
    last = max(i for i, c in enumerate(tok) if c.isdigit())
    lead = r.leading
    if first and s >= 2 and text[s - 1] in r.after_separator and (
            text[s - 2].isdigit() or text[s - 2] in r.letters):
        lead = r.letters  # 2027-O5-12, 1O:O5: a number's second part
    if any(c not in lead or c in r.inner_only for c in tok[:first]):
        return None  # opened by a letter no number opens with: O3, O2O, |1|
    if any(c in r.inner_only for c in tok[last + 1:]):
        return None  # 12| is a table cell's end
    inner = [i for i in range(first, last) if tok[i] in r.inner_only]
    if inner:
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        line = text[ls:le if le >= 0 else len(text)]
        if any(line.count(c) > tok.count(c) for c in r.inner_only):
            return None  # a table row: its pipes are cell borders
    return fixed if fixed != tok else None


def unreadable(text: str) -> list[tuple[int, int]]:
    """Spans of the characters OCR put where it could not read (□□)."""
    r = _rules()
    if not any(c in text for c in r.unreadable_chars):
        return []
    return [m.span() for m in r.unreadable.finditer(text)]
