"""Shared plumbing for the readers: configuration, the reader input, finishing a body."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from luoshi.errors import InputError
from luoshi.model import Defect, RawDocument, SourceInfo
from luoshi.textmap import Edit, MappedText, Span

if TYPE_CHECKING:
    from luoshi.readers.encoding import Decoded

FORMAT_NAMES = {
    "text": "plain text",
    "markdown": "Markdown",
    "html": "HTML",
    "archive": "a newspaper-archive record",
    "pdf": "PDF",
    "docx": "DOCX",
}


@cache
def config() -> dict[str, Any]:
    """The domain lists in ``luoshi/data/readers.toml`` (read once)."""
    data = resources.files("luoshi").joinpath("data/readers.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


@dataclass(slots=True)
class Input:
    """One document's bytes and what we were told about them."""

    data: bytes
    where: str  # path or URL, used in every message
    charset: str | None = None  # from an HTTP content type
    name_hint: str | None = None
    # set by the dispatcher when it already decoded the bytes to sniff them
    decoded: Decoded | None = None
    warnings: list[str] = field(default_factory=list)


def make_source(inp: Input, fmt: str, encoding: str | None) -> SourceInfo:
    return SourceInfo(
        path=inp.where,
        sha256=hashlib.sha256(inp.data).hexdigest(),
        format=fmt,
        encoding=encoding,
        size=len(inp.data),
    )


# A list number the author typed at the start of an item's text ("1、…" inside an <ol>
# or a Word-numbered paragraph): the number drawn by the browser or Word is not added.
OWN_NUMBER = re.compile(
    r"\s*(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[IVXivx]{1,5})\s*[、.．)）](?!\d)"
    r"|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）])")

def number_header(name: str) -> bool:
    """A table column header that numbers the rows (序号, No., #): readers.toml [table]."""
    key = re.sub(r"\s+", "", name).lower().rstrip(".．")
    return bool(key) and key in config()["table"]["number_headers"]


# A number cell of a table row ("3"): the row is drawn as item "3. …".
ROW_NUMBER = re.compile(r"\d{1,3}")


def int_or(value: str | None, default: int) -> int:
    """An attribute's integer (<ol start="3">, w:start w:val="3"), else ``default``."""
    try:
        return int(value) if value else default
    except ValueError:
        return default


def table_cell_separator(index: int, first: str) -> str:
    """What a reader draws before cell ``index`` (0-based, after the row's first kept
    cell) of a row in a table with a number column: ". " after a number cell, so the
    row reads as item "3. 双方将…"; otherwise a blank line (each cell a line of its own,
    short cells are no hard-wrapped text to join)."""
    return ". " if index == 1 and ROW_NUMBER.fullmatch(first.strip()) else "\n\n"


def row_edits(start: int, end: int, kept: list[Span], first: str) -> list[Edit]:
    """Edits drawing the table row ``text[start:end]`` whose non-empty cells are ``kept``
    (spans in order) and whose first cell reads ``first``: what stands before the first
    kept cell goes, the gap between two cells becomes ``table_cell_separator``, the rest
    of the row a line break (with the row's own, a blank line). A row with no kept cell
    goes whole. The Markdown, DOCX and delimited-text readers draw their rows with it."""
    if not kept:
        return [Edit(start, end)] if end > start else []
    out = [Edit(start, kept[0][0])] if kept[0][0] > start else []
    out += [Edit(kept[k - 1][1], kept[k][0], table_cell_separator(k, first))
            for k in range(1, len(kept))]
    out.append(Edit(kept[-1][1], end, "\n"))
    return out


_CR = re.compile(r"\r\n?")


def normalize_newlines(body: MappedText) -> MappedText:
    """CRLF and lone CR become LF in the body; ``text`` keeps them."""
    edits = [Edit(m.start(), m.end(), "\n") for m in _CR.finditer(body.text)]
    return body.edit(edits) if edits else body


def finish(
    inp: Input,
    *,
    text: str,
    body: MappedText,
    fmt: str,
    encoding: str | None,
    metadata: dict[str, str] | None = None,
    metadata_spans: dict[str, Span] | None = None,
    headings: list[tuple[int, Span]] | None = None,
    strong: list[Span] | None = None,
    defects: list[Defect] | None = None,
    warnings: list[str] | None = None,
) -> RawDocument:
    """Normalise line ends, repair mojibake and assemble the RawDocument."""
    from luoshi.readers.encoding import repair

    if not body.text.strip():
        raise InputError(inp.where, f"no text found ({FORMAT_NAMES[fmt]})")
    body = normalize_newlines(body)
    body, repairs = repair(body)
    return RawDocument(
        text=text,
        body=body,
        source=make_source(inp, fmt, encoding),
        metadata=dict(metadata or {}),
        metadata_spans=dict(metadata_spans or {}),
        defects=[*(defects or []), *repairs],
        headings=list(headings or []),
        strong=list(strong or []),
        warnings=[*inp.warnings, *(warnings or [])],
    )


def strip_span(text: str, start: int, end: int) -> Span:
    """Shrink ``text[start:end]`` to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.年]\s*)?(?P<m>[01]?\d)\s*(?:[-/.月]\s*)?(?P<d>[0-3]?\d)"
)
_COMPACT_DATE = re.compile(r"^\s*((?:19|20)\d\d)([01]\d)([0-3]\d)\b")


def iso_date(value: str) -> str | None:
    """'20140712', '2014-7-12', '2014年7月12日 10:00' -> '2014-07-12'; None if no date."""
    m = _COMPACT_DATE.match(value)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m2 = _DATE.search(value)
        if not m2:
            return None
        y, mo, d = int(m2["y"]), int(m2["m"]), int(m2["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def format_size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.1f} KB"
    return f"{n} bytes"


def format_limit(n: int) -> str:
    mb = n / (1 << 20)
    if mb >= 1:
        return f"{mb:g} MB"
    return format_size(n)
