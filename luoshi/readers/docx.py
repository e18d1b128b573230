"""DOCX: paragraphs and table cells in document order, one per line.

Run formatting (bold item headings) does not matter: the text of each
paragraph is taken whole. Headers and footers are not read: they are page
furniture. ``RawDocument.text`` is the extracted text; offsets point into it.

Word's automatic numbering (``w:numPr``) draws a paragraph's list number outside
its text; the body gets that number ("1.", "（一）") inserted before the paragraph,
as a zero-width edit at its start in ``text``, as the HTML reader gives an <ol>'s
items the numbers a browser draws. ``text`` stays the paragraphs as stored.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from docx import Document as open_docx
from docx.document import Document
from docx.opc.exceptions import OpcError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from luoshi.errors import InputError
from luoshi.model import RawDocument
from luoshi.readers._common import OWN_NUMBER, Input, finish
from luoshi.readers._docx_numbering import Numbering
from luoshi.textmap import Edit, MappedText, Span

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


@dataclass(slots=True)
class _Para:
    text: str
    heading: int | None  # level when styled as a heading (Title counts as 1)
    number: str | None = None  # the list number Word draws before it ("1.", "（一）")


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


def _cells(table: Table) -> Iterator[_Cell]:
    """Each physical cell once, from the XML: ``row.cells`` repeats a merged cell for
    every grid column it spans, and a vertically merged cell's continuations are empty."""
    for tr in table._tbl.tr_lst:
        for tc in tr.tc_lst:
            if tc.vMerge != "continue":
                yield _Cell(tc, table)


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


def _para(par: Paragraph, heading: int | None, numbering: Numbering) -> _Para:
    text = par.text
    pr = _num_pr(par)
    # an empty paragraph draws its number too, but it says nothing: do not count it
    number = numbering.label(*pr) if pr is not None and text.strip() else None
    if number is not None and OWN_NUMBER.match(text):
        number = None  # the author also typed one ("1、…" in a numbered paragraph)
    return _Para(text, heading, number)


def _table_paras(table: Table, numbering: Numbering) -> Iterator[_Para]:
    for cell in _cells(table):
        for par in cell.paragraphs:
            yield _para(par, None, numbering)
        for inner in cell.tables:
            yield from _table_paras(inner, numbering)


def _numbering(doc: Document) -> Numbering:
    try:
        return Numbering(doc.part.numbering_part.element)
    except (KeyError, NotImplementedError, AttributeError):
        return Numbering(None)


def _paras(doc: Document) -> Iterator[_Para]:
    """Body paragraphs and tables in the order they appear."""
    numbering = _numbering(doc)
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            yield _para(block, _heading_level(block), numbering)
        else:
            yield from _table_paras(block, numbering)


def _collect(doc: Document, where: str) -> list[_Para]:
    try:
        return list(_paras(doc))
    except Exception as exc:  # a malformed part surfaces only while walking the body
        raise InputError(where, f"corrupted DOCX: {exc or type(exc).__name__}") from None


def _layout(paras: list[_Para]) -> tuple[str, list[tuple[int, Span]], list[Edit]]:
    """The text, the headings' spans, and the drawn numbers as insertions into the text."""
    text_parts: list[str] = []
    headings: list[tuple[int, Span]] = []
    numbers: list[Edit] = []
    pos = 0
    for par in paras:
        if par.heading and par.text.strip():
            headings.append((par.heading, (pos, pos + len(par.text))))
        if par.number is not None:
            lead = len(par.text) - len(par.text.lstrip())
            numbers.append(Edit(pos + lead, pos + lead, par.number + " "))
        text_parts.append(par.text)
        pos += len(par.text) + 1
    return "\n".join(text_parts), headings, numbers


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
    text, headings, numbers = _layout(paras)
    if not text.strip():
        raise InputError(inp.where, "DOCX has no text")
    meta, spans = _metadata(doc, text, headings)
    return finish(
        inp,
        text=text,
        body=MappedText.root(text).edit(numbers),
        fmt="docx",
        encoding=None,
        metadata=meta,
        metadata_spans=spans,
        headings=headings,
    )
