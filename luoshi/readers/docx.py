"""DOCX: paragraphs and table cells in document order, one per line.

Run formatting (bold item headings) does not matter: the text of each
paragraph is taken whole. Headers and footers are not read: they are page
furniture. ``RawDocument.text`` is the extracted text; offsets point into it.
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
from luoshi.readers._common import Input, finish
from luoshi.textmap import MappedText, Span

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


@dataclass(slots=True)
class _Para:
    text: str
    heading: int | None  # level when styled as a heading (Title counts as 1)


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


def _table_paras(table: Table) -> Iterator[_Para]:
    for cell in _cells(table):
        for par in cell.paragraphs:
            yield _Para(par.text, None)
        for inner in cell.tables:
            yield from _table_paras(inner)


def _paras(doc: Document) -> Iterator[_Para]:
    """Body paragraphs and tables in the order they appear."""
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            yield _Para(block.text, _heading_level(block))
        else:
            yield from _table_paras(block)


def _collect(doc: Document, where: str) -> list[_Para]:
    try:
        return list(_paras(doc))
    except Exception as exc:  # a malformed part surfaces only while walking the body
        raise InputError(where, f"corrupted DOCX: {exc or type(exc).__name__}") from None


def _layout(paras: list[_Para]) -> tuple[str, list[tuple[int, Span]]]:
    text_parts: list[str] = []
    headings: list[tuple[int, Span]] = []
    pos = 0
    for par in paras:
        if par.heading and par.text.strip():
            headings.append((par.heading, (pos, pos + len(par.text))))
        text_parts.append(par.text)
        pos += len(par.text) + 1
    return "\n".join(text_parts), headings


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
    text, headings = _layout(paras)
    if not text.strip():
        raise InputError(inp.where, "DOCX has no text")
    meta, spans = _metadata(doc, text, headings)
    return finish(
        inp,
        text=text,
        body=MappedText.root(text).edit([]),
        fmt="docx",
        encoding=None,
        metadata=meta,
        metadata_spans=spans,
        headings=headings,
    )
