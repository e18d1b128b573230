"""DOCX: paragraphs and table cells in document order, one per line.

Run formatting (bold item headings) does not matter: the text of each
paragraph is taken whole. Headers and footers are not read: they are page
furniture. ``RawDocument.text`` is the extracted text; offsets point into it.

Word's automatic numbering (``w:numPr``) draws a paragraph's list number outside
its text; the body gets that number ("1.", "（一）") inserted before the paragraph,
as a zero-width edit at its start in ``text``, as the HTML reader gives an <ol>'s
items the numbers a browser draws. ``text`` stays the paragraphs as stored.

A table whose first column numbers its rows (序号 / No.: readers.toml ``[table]``) is a
list of outcomes: in the body each row reads "3. <content>" with its other cells (lead
agencies, deadline) on lines of their own, the header row not drawn, as the HTML and
Markdown readers draw such tables; ``text`` keeps a line per cell paragraph.

Tracked changes are read as accepted (``_docx_text``): ``text`` is the accepted text,
insertions in, deletions out, so every offset points at what the document now says.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from docx import Document as open_docx
from docx.document import Document
from docx.opc.exceptions import OpcError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from luoshi.errors import InputError
from luoshi.model import RawDocument
from luoshi.readers._common import (
    OWN_NUMBER,
    Input,
    finish,
    number_header,
    row_edits,
    strip_span,
)
from luoshi.readers._docx_numbering import Numbering
from luoshi.readers._docx_text import cell_deleted, mark_deleted, paragraph_text, row_deleted
from luoshi.textmap import Edit, MappedText, Span

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


@dataclass(slots=True, eq=False)
class _Row:
    """A row of a table whose first column numbers the rows (序号 / No.)."""

    header: bool  # the row naming the columns: not drawn


@dataclass(slots=True)
class _Para:
    text: str
    heading: int | None  # level when styled as a heading (Title counts as 1)
    number: str | None = None  # the list number Word draws before it ("1.", "（一）")
    row: _Row | None = None  # its row, in a table with a number column
    col: int = 0  # its cell in that row


def _open(inp: Input) -> Document:
    try:
        return open_docx(io.BytesIO(inp.data))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(inp.where, f"corrupted DOCX: {exc or type(exc).__name__}") from None
    except Exception as exc:  # lxml and friends: any failure to open is a bad file
        raise InputError(inp.where, f"corrupted DOCX: {exc or type(exc).__name__}") from None


def _heading_level(par: Paragraph) -> int | None:
    try:
        name = (par.style.name if par.style is not None else "") or ""
    except (KeyError, ValueError):
        return None
    if name.lower() == "title":
        return 1
    m = _HEADING_STYLE.match(name.strip())
    return int(m.group(1)) if m else None


def _cells(tr: Any) -> Iterator[tuple[int, Any]]:
    """Each physical cell of a row once, with its place in the row, from the XML:
    ``row.cells`` repeats a merged cell for every grid column it spans, and a vertically
    merged cell's continuations are empty. A cell deleted with tracked changes on is gone.
    The place counts the skipped cells too: a row whose 序号 cell continues the one above
    has no number of its own."""
    for k, tc in enumerate(tr.tc_lst):
        if tc.vMerge != "continue" and not cell_deleted(tc):
            yield k, tc


def _num_pr(par: Paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) of a numbered paragraph: its own w:numPr, else its style's (List
    Number), following the style's basedOn chain; either may give the level."""
    num_id: str | None = None
    ilvl: int | None = None
    ppr = par._p.pPr
    own = ppr.numPr if ppr is not None else None
    if own is not None:
        num_id = own.numId.val if own.numId is not None else None
        ilvl = own.ilvl.val if own.ilvl is not None else None
    try:
        style = par.style
    except (KeyError, ValueError):
        style = None
    seen = 0
    while (num_id is None or ilvl is None) and style is not None and seen < 10:
        spr = style.element.pPr
        snum = spr.numPr if spr is not None else None
        if snum is not None:
            if num_id is None and snum.numId is not None:
                num_id = snum.numId.val
            if ilvl is None and snum.ilvl is not None:
                ilvl = snum.ilvl.val
        style, seen = style.base_style, seen + 1
    if num_id is None:
        return None
    return str(num_id), int(ilvl or 0)


def _para(
    par: Paragraph, text: str, heading: int | None, numbering: Numbering, count_empty: bool
) -> _Para:
    pr = _num_pr(par)
    # an empty paragraph draws its number too, but it says nothing: do not count it,
    # unless it is the number cell of a table row (序号 drawn by Word, no text typed)
    number = numbering.label(*pr) if pr is not None and (text.strip() or count_empty) else None
    if number is not None and OWN_NUMBER.match(text):
        number = None  # the author also typed one ("1、…" in a numbered paragraph)
    return _Para(text, heading, number)


def _blocks(
    blocks: Iterable[Paragraph | Table], numbering: Numbering, *, headings: bool,
    row: _Row | None = None, col: int = 0, count_first: bool = False,
) -> Iterator[_Para]:
    """The paragraphs of a container (the body, a cell) in order, tables' included.
    Paragraphs whose mark was deleted run on into the next paragraph; the joined
    paragraph takes its style and number from its first part with text."""
    items = list(blocks)
    group: list[tuple[Paragraph, str]] = []
    for k, block in enumerate(items):
        if not isinstance(block, Paragraph):
            yield from _table_paras(block, numbering, row, col)
            continue
        group.append((block, paragraph_text(block._p)))
        nxt = items[k + 1] if k + 1 < len(items) else None
        if isinstance(nxt, Paragraph) and mark_deleted(block._p):
            continue
        text = "".join(t for _, t in group)
        lead = next((p for p, t in group if t.strip()), group[-1][0])
        group = []
        heading = _heading_level(lead) if headings else None
        par = _para(lead, text, heading, numbering, count_first)
        par.row, par.col, count_first = row, col, False
        yield par


def _numbered(rows: list[Any]) -> bool:
    """A table whose first row names a number column first (序号 | 成果内容 | …)."""
    head = [tc for _, tc in _cells(rows[0])] if rows else []
    if len(head) < 2:
        return False
    return number_header("".join(paragraph_text(p) for p in head[0].p_lst))


def _table_paras(
    table: Table, numbering: Numbering, outer: _Row | None = None, outer_col: int = 0
) -> Iterator[_Para]:
    """A table's paragraphs, cell by cell. In a table with a number column each row is
    tagged, for the layout to draw it as an item; a table nested in such a row is part
    of its cell's text."""
    rows = [tr for tr in table._tbl.tr_lst if not row_deleted(tr)]
    numbered = outer is None and _numbered(rows)
    for r, tr in enumerate(rows):
        row = outer if outer is not None else (_Row(header=r == 0) if numbered else None)
        for c, tc in _cells(tr):
            yield from _blocks(
                _Cell(tc, table).iter_inner_content(), numbering, headings=False, row=row,
                col=outer_col if outer is not None else c,
                count_first=numbered and r > 0 and c == 0)


def _numbering(doc: Document) -> Numbering:
    try:
        return Numbering(doc.part.numbering_part.element)
    except (KeyError, NotImplementedError, AttributeError):
        return Numbering(None)


def _paras(doc: Document) -> Iterator[_Para]:
    """Body paragraphs and tables in the order they appear."""
    return _blocks(doc.iter_inner_content(), _numbering(doc), headings=True)


def _collect(doc: Document, where: str) -> list[_Para]:
    try:
        return list(_paras(doc))
    except Exception as exc:  # a malformed part surfaces only while walking the body
        raise InputError(where, f"corrupted DOCX: {exc or type(exc).__name__}") from None


def _layout(paras: list[_Para]) -> tuple[str, list[tuple[int, Span]], list[Edit]]:
    """The text, the headings' spans, and the body's edits: the drawn numbers as
    insertions, and the rows of tables with a number column drawn as items."""
    text_parts: list[str] = []
    headings: list[tuple[int, Span]] = []
    edits: list[Edit] = []
    rows: dict[_Row, list[tuple[int, int, _Para]]] = {}
    pos = 0
    for par in paras:
        end = pos + len(par.text)
        if par.heading and par.text.strip():
            headings.append((par.heading, (pos, end)))
        if par.row is not None:
            rows.setdefault(par.row, []).append((pos, end, par))
        if par.number is not None and par.text.strip() and not (par.row and par.row.header):
            lead = len(par.text) - len(par.text.lstrip())
            edits.append(Edit(pos + lead, pos + lead, par.number + " "))
        text_parts.append(par.text)
        pos = end + 1
    text = "\n".join(text_parts)
    for row, parts in rows.items():
        edits.extend(_row_edits(text, row, parts))
    return text, headings, edits


# the label Word draws in a 序号 cell ("1.", "1、", "(1)"): the row's number
_DRAWN_ROW_NUMBER = re.compile(r"\s*[（(]?\s*(\d{1,3})\s*[.．、)）]?\s*")


def _row_edits(text: str, row: _Row, parts: list[tuple[int, int, _Para]]) -> list[Edit]:
    """A row of a table with a number column, drawn as the HTML and Markdown readers draw
    it: "3. 双方将…" with its other cells on lines of their own and a blank line after
    the row; the header row is not drawn. Empty cells go."""
    start, end = parts[0][0], parts[-1][1]
    if row.header:
        return [Edit(start, min(end + 1, len(text)))]
    cells: dict[int, list[int]] = {}
    for s, e, par in parts:
        cells.setdefault(par.col, [s, e])[1] = e
    kept: list[Span] = []
    out: list[Edit] = []
    first = ""
    for col, (s, e) in cells.items():
        a, b = strip_span(text, s, e)
        if col == 0:
            first = text[a:b]
            drawn = next((p.number for _, _, p in parts if p.col == 0 and p.number), None)
            if not first and drawn:
                # the 序号 cell's number is drawn by Word's numbering: draw it here
                m = _DRAWN_ROW_NUMBER.fullmatch(drawn)
                first = m.group(1) if m else drawn.strip()
                out.append(Edit(s, s, first))
                a = b = s
                kept.append((a, b))
                continue
        if b > a:
            kept.append((a, b))
    return out + row_edits(start, end, kept, first)


def _metadata(
    doc: Document, text: str, headings: list[tuple[int, Span]]
) -> tuple[dict[str, str], dict[str, Span]]:
    meta: dict[str, str] = {}
    spans: dict[str, Span] = {}
    props = doc.core_properties
    if props.author:
        meta["author"] = props.author
    h1 = next((span for level, span in headings if level == 1), None)
    if h1:
        meta["title"], spans["title"] = text[h1[0] : h1[1]].strip(), h1
    elif props.title:
        meta["title"] = props.title
    return meta, spans


def read(inp: Input) -> RawDocument:
    doc = _open(inp)
    paras = _collect(doc, inp.where)
    text, headings, edits = _layout(paras)
    if not text.strip():
        raise InputError(inp.where, "DOCX has no text")
    meta, spans = _metadata(doc, text, headings)
    return finish(
        inp,
        text=text,
        body=MappedText.root(text).edit(edits),
        fmt="docx",
        encoding=None,
        metadata=meta,
        metadata_spans=spans,
        headings=headings,
    )
