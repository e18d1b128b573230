"""PDF: the text layer, page by page, pages separated by form feeds.

``RawDocument.text`` for a PDF is the extracted text layer (the PDF bytes are
not text); offsets point into that. pdfium ends lines with CRLF; the text
keeps what pdfium gives except for line ends, which become LF (an artefact of
the extractor, not of the document).
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from luoshi.errors import InputError
from luoshi.model import RawDocument
from luoshi.readers._common import Input, finish
from luoshi.textmap import MappedText

_NEWLINES = re.compile(r"\r\n?")
# Producers' defaults that are not a title or an author of anything.
_PLACEHOLDERS = {"", "untitled", "anonymous", "unknown", "unspecified", "microsoft word"}


def _open(inp: Input) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(inp.data)
    except pdfium.PdfiumError as exc:
        problem = str(exc)
        if "password" in problem.lower() or "security" in problem.lower():
            raise InputError(
                inp.where, "encrypted PDF (password protected); decrypt it first"
            ) from None
        raise InputError(inp.where, f"corrupted PDF: {problem}") from None
    except Exception as exc:  # pdfium is C underneath: any failure to open is a bad file
        raise InputError(inp.where, f"corrupted PDF: {exc}") from None


def _page_text(doc: pdfium.PdfDocument, index: int) -> str:
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            return _NEWLINES.sub("\n", textpage.get_text_range())
        finally:
            textpage.close()
    finally:
        page.close()


def _pages(doc: pdfium.PdfDocument, where: str) -> list[str]:
    try:
        return [_page_text(doc, i) for i in range(len(doc))]
    except pdfium.PdfiumError as exc:
        raise InputError(where, f"corrupted PDF: {exc}") from None


def _metadata(doc: pdfium.PdfDocument) -> dict[str, str]:
    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except Exception:  # metadata is a bonus; a broken info dict must not lose the text
        return {}
    meta: dict[str, str] = {}
    for src, key in (("Title", "title"), ("Author", "author")):
        value = (info.get(src) or "").strip()
        if value.lower() not in _PLACEHOLDERS:
            meta[key] = value
    return meta


def read(inp: Input) -> RawDocument:
    doc = _open(inp)
    try:
        pages = _pages(doc, inp.where)
        meta = _metadata(doc)
    finally:
        doc.close()
    if not any(p.strip() for p in pages):
        raise InputError(inp.where, "PDF has no text layer (scanned?); OCR is not supported")
    text = "\f".join(pages)
    meta["pages"] = str(len(pages))
    return finish(
        inp,
        text=text,
        body=MappedText.root(text).edit([]),
        fmt="pdf",
        encoding=None,
        metadata=meta,
    )
