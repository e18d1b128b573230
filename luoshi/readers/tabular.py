"""Delimited tables in plain text: Excel rows pasted as tab-separated text, CSV exports.

A table whose header's first cell names a number column (序号, No.: readers.toml
[table]) is drawn as the HTML and Markdown readers draw one: each row an item,
"3. 双方将…" with its other cells on lines of their own, the header row not drawn.
Excel quotes a cell holding a line break ("…", inner quotes doubled): the ``csv``
module applies those rules, and each value it returns is then found again in the
source, so every drawn character keeps its offset. A row ``csv`` reads otherwise
than the source spells it ends the table; nothing is guessed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from luoshi.readers._common import (
    ROW_NUMBER,
    number_header,
    row_edits,
    strip_span,
)
from luoshi.textmap import Edit

# tab first: a tab-separated row may well hold commas inside its cells
_DELIMITERS = ("\t", ",")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_QUOTE = '"'


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # before the line break
    next: int  # after it


@dataclass(slots=True)
class _Cell:
    start: int  # content, blanks trimmed, quotes excluded
    end: int
    doubled: list[int] = field(default_factory=list)  # the first quote of each ""


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text):
            break
        body = m.group().rstrip("\r\n")
        out.append(_Line(m.start(), m.start() + len(body), m.end()))
    return out


def _record(
    text: str, lines: list[_Line], k: int, delim: str
) -> tuple[list[str], int] | None:
    """The record starting on line ``k`` as ``csv`` reads it, with how many lines it takes."""
    def source() -> Iterator[str]:
        for j in range(k, len(lines)):  # no slice: a copy per record would be quadratic
            yield text[lines[j].start : lines[j].next]

    reader = csv.reader(source(), delimiter=delim, quotechar=_QUOTE, doublequote=True)
    try:
        values = next(reader)
    except (csv.Error, StopIteration):
        return None
    return values, max(reader.line_num, 1)


def _align(text: str, start: int, end: int, values: list[str], delim: str) -> list[_Cell] | None:
    """Find ``values`` in ``text[start:end]`` as a delimited row spells them; None if the
    source does not spell exactly these values (a stray quote ``csv`` read leniently)."""
    cells: list[_Cell] = []
    p = start
    for i, value in enumerate(values):
        if i:
            if text[p : p + 1] != delim:
                return None
            p += 1
        if text.startswith(_QUOTE, p):
            spelled = value.replace(_QUOTE, _QUOTE * 2)
            if not text.startswith(_QUOTE + spelled + _QUOTE, p) or p + len(spelled) + 2 > end:
                return None
            a, b = strip_span(text, p + 1, p + 1 + len(spelled))
            cells.append(_Cell(a, b, _doubled(text, a, b)))
            p += len(spelled) + 2
        else:
            if not text.startswith(value, p) or p + len(value) > end:
                return None
            cells.append(_Cell(*strip_span(text, p, p + len(value))))
            p += len(value)
    return cells if p == end else None


def _doubled(text: str, a: int, b: int) -> list[int]:
    """Positions of the first quote of each "" pair in ``text[a:b]`` (a quoted cell)."""
    out: list[int] = []
    q = text.find(_QUOTE, a, b)
    while q != -1:
        out.append(q)
        q = text.find(_QUOTE, q + 2, b)
    return out


def _plain(text: str, line: _Line, delim: str) -> list[_Cell]:
    """A single line split on the delimiter, quotes taken as written (a cell that only
    starts with a quote, pasted by hand rather than by Excel)."""
    cells: list[_Cell] = []
    p = line.start
    for part in text[line.start : line.end].split(delim):
        cells.append(_Cell(*strip_span(text, p, p + len(part))))
        p += len(part) + 1
    return cells


def _row_fits(values: list[str], columns: int, delim: str) -> bool:
    """A row of ``values`` under a header of ``columns``: Excel writes every column; a
    tab row cut short by hand still reads as one. Commas are common in prose: a comma
    row must be exact and, as a CSV export writes it, no blank after a comma."""
    if delim == "\t":
        return 2 <= len(values) <= columns
    return len(values) == columns and _no_blank_after_comma(values)


def _no_blank_after_comma(values: list[str]) -> bool:
    return not any(v[:1].isspace() for v in values[1:])


def _draw_row(text: str, start: int, end: int, cells: list[_Cell], edits: list[Edit]) -> None:
    """Edits drawing one row as the Markdown reader draws a pipe-table row."""
    kept = [c for c in cells if c.end > c.start]
    first = text[cells[0].start : cells[0].end]  # table_cell_separator tests it is a number
    edits.extend(row_edits(start, end, [(c.start, c.end) for c in kept], first))
    for cell in kept:
        edits.extend(Edit(q + 1, q + 2) for q in cell.doubled)  # keep one quote of ""


def _table(text: str, lines: list[_Line], k: int) -> tuple[list[Edit], int] | None:
    """A numbered table whose header is line ``k``: its edits and the line after it."""
    head = text[lines[k].start : lines[k].end]
    # cheap test before csv runs: the first cell names a number column
    delim = next((d for d in _DELIMITERS if _numbers(head, d)), None)
    if delim is None:
        return None
    got = _record(text, lines, k, delim)
    if got is None or got[1] != 1 or len(got[0]) < 2 or not number_header(got[0][0]):
        return None
    if delim == "," and not _no_blank_after_comma(got[0]):
        return None
    columns = len(got[0])
    edits = [Edit(lines[k].start, lines[k].end)]  # the header names columns: not drawn
    numbered = False
    j = k + 1
    while j < len(lines) and delim in text[lines[j].start : lines[j].end]:
        cells: list[_Cell] | None = None
        rec = _record(text, lines, j, delim)
        if rec is not None and _row_fits(rec[0], columns, delim):
            values, taken = rec
            last = lines[j + taken - 1] if j + taken - 1 < len(lines) else lines[-1]
            cells = _align(text, lines[j].start, last.end, values, delim)
        if cells is None:
            line = text[lines[j].start : lines[j].end]
            if not _row_fits(line.split(delim), columns, delim):
                break
            cells, taken, last = _plain(text, lines[j], delim), 1, lines[j]
        _draw_row(text, lines[j].start, last.end, cells, edits)
        numbered = numbered or bool(ROW_NUMBER.fullmatch(text[cells[0].start : cells[0].end]))
        j += taken
    # a header over rows none of which is numbered is no list of items
    return (edits, j) if numbered else None


def table_edits(text: str) -> list[Edit]:
    """Edits drawing every numbered delimited table of a plain text (none if it has none)."""
    # only a text with a line that may be a header is cut into lines (long texts read fast)
    if not any(_numbers(m.group(), m.group()[-1]) for m in _CANDIDATE.finditer(text)):
        return []
    lines = _lines(text)
    edits: list[Edit] = []
    k = 0
    while k < len(lines):
        found = _table(text, lines, k)
        if found:
            edits.extend(found[0])
            k = found[1]
        else:
            k += 1
    return edits


# a number column's header is a short word (序号, No.): longer first cells are prose
_HEADER_MAX = 16
_CANDIDATE = re.compile(rf"(?:^|(?<=\r))[^\t,\r\n]{{1,{_HEADER_MAX}}}[\t,]", re.M)


def _numbers(head: str, delim: str) -> bool:
    """The line's first cell, cut at ``delim``, names a number column."""
    cut = head.find(delim)
    return 0 < cut <= _HEADER_MAX and number_header(head[:cut].strip().strip(_QUOTE))
