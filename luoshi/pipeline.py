"""read → clean → parse: the pure pipeline over one document.

Side effects (files, network, database) stay in ``readers`` and ``store``;
everything from ``parse_raw`` on is a pure function of the RawDocument.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.model import Document, RawDocument


def read(target: str | Path) -> RawDocument:
    """Read a file path or http(s) URL. Raises ``luoshi.errors.InputError``."""
    from luoshi.readers import read as read_any

    return read_any(str(target))


def parse_raw(raw: RawDocument, *, extract: bool = True) -> Document:
    """Clean and parse a read document into its structured record, with item facts."""
    from luoshi.parse.document import build_document

    doc = build_document(raw)
    if extract:
        from luoshi.extract.facts import extract_document

        extract_document(doc)
    return doc


def parse(target: str | Path, *, extract: bool = True) -> Document:
    return parse_raw(read(target), extract=extract)
