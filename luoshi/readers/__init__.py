"""Readers: turn a file or URL into a RawDocument, whatever format it came in.

``read`` takes a path or http(s) URL; ``read_bytes`` takes bytes already in hand.
The format is sniffed from the content (the name or content type only claims
one), the bytes are decoded by detection, and the matching reader module
builds the RawDocument. Every problem with the input is an ``InputError``
naming the file and the problem in one line.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from luoshi.errors import InputError
from luoshi.model import RawDocument
from luoshi.readers import archive, docx, encoding, html, markdown, pdf, sniff, text, url
from luoshi.readers._common import Input, format_limit, format_size

__all__ = ["DEFAULT_MAX_BYTES", "read", "read_bytes"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_READERS: dict[str, Callable[[Input], RawDocument]] = {
    "text": text.read,
    "markdown": markdown.read,
    "archive": archive.read,
    "html": html.read,
    "pdf": pdf.read,
    "docx": docx.read,
}


def read(target: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read a file path or http(s) URL into a RawDocument. Raises InputError."""
    if not target.strip():
        raise InputError(repr(target), "no file or URL given")
    if url.is_url(target):
        got = url.fetch(target, max_bytes=max_bytes)
        return read_bytes(got.data, target, content_type=got.content_type, name_hint=got.url)
    return read_bytes(_read_file(target, max_bytes), target, name_hint=target)


def read_bytes(
    data: bytes,
    where: str,
    *,
    content_type: str | None = None,
    name_hint: str | None = None,
) -> RawDocument:
    """Read a document from bytes; ``where`` names it in messages and SourceInfo.path."""
    if not data:
        raise InputError(where, "empty file")
    inp = Input(data, where, charset=sniff.charset_of(content_type), name_hint=name_hint)
    claimed = sniff.claim(name_hint, content_type)
    fmt = sniff.binary(data, where, name_hint) or _text_format(inp, claimed)
    wrong = sniff.mislabelled(claimed, fmt)
    if wrong:
        inp.warnings.append(sniff.mislabel_warning(where, fmt))
    raw = _READERS[fmt](inp)
    if wrong:
        raw.source.declared_format = claimed.format
    return raw


def _text_format(inp: Input, claimed: sniff.Claim) -> str:
    """Decode to sniff; an HTML page we cannot decode still goes to the HTML reader,
    which knows to look for a <meta charset>."""
    try:
        decoded = encoding.decode(inp.data, inp.where, inp.charset)
    except InputError:
        if sniff.looks_html(inp.data[:4096].decode("latin-1")):
            return "html"
        raise
    if not decoded.text.strip():
        raise InputError(inp.where, "empty file (whitespace only)")
    inp.decoded = decoded
    return sniff.text_format(decoded.text, claimed)


def _read_file(target: str, max_bytes: int) -> bytes:
    """The file's bytes, after checking with stat that it is a file of sane size.

    The size check happens before anything is read, so a huge file costs nothing.
    """
    path = Path(target)
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(target, "no such file") from None
    except PermissionError:
        raise InputError(target, "permission denied") from None
    except OSError as exc:
        raise InputError(target, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(target, "is a directory, not a document")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(target, "not a regular file")
    _check_size(target, st.st_size, max_bytes)
    if st.st_size == 0:
        raise InputError(target, "empty file")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # +1: notice a file that grew past the cap
    except PermissionError:
        raise InputError(target, "permission denied") from None
    except OSError as exc:
        raise InputError(target, f"cannot read: {exc.strerror or exc}") from None
    _check_size(target, len(data), max_bytes)
    return data


def _check_size(where: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            where,
            f"file is {format_size(size)}, over the {format_limit(max_bytes)} limit "
            "(raise it with --max-bytes)",
        )
