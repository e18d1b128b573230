"""Newspaper-archive records: 〖CODE/名称〗value〖-CODE/名称〗 fields.

Fields become metadata (under their code always, and under a common key such as
``title`` or ``published`` when the code or name is known); the body is the
content of the text field (ZW/正文) only. A file holding several records is read
as its first record, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.errors import InputError
from luoshi.model import RawDocument
from luoshi.readers._common import Input, config, finish, iso_date, strip_span
from luoshi.readers.encoding import decode_input
from luoshi.textmap import MappedText, Span

_TAG = re.compile(r"〖(-?)([^〖〗/\n]{1,30}?)(?:/([^〖〗\n]{0,30}))?〗")


@dataclass(slots=True)
class Field:
    code: str
    name: str
    content: Span  # between the opening and closing tags


@dataclass(slots=True)
class Record:
    fields: list[Field]
    records_in_file: int
    unclosed: list[str]


@dataclass(slots=True)
class _Open:
    code: str
    name: str
    content_start: int


def parse_fields(text: str) -> Record:
    """The first record's fields; a code seen twice starts the next record."""
    fields: list[Field] = []
    unclosed: list[str] = []
    seen: set[str] = set()
    records = 1
    current: _Open | None = None
    for m in _TAG.finditer(text):
        closing, code, name = m.group(1) == "-", m.group(2).strip(), (m.group(3) or "").strip()
        if closing:
            if current and current.code == code and records == 1:
                fields.append(Field(code, current.name, (current.content_start, m.start())))
                current = None
            continue
        if current and records == 1:
            # no closing tag: the field runs up to the next opening tag
            unclosed.append(current.code)
            fields.append(Field(current.code, current.name, (current.content_start, m.start())))
        if code in seen:
            records += 1
            seen.clear()
        seen.add(code)
        current = _Open(code, name, m.end())
    if current and records == 1:
        unclosed.append(current.code)
        fields.append(Field(current.code, current.name, (current.content_start, len(text))))
    return Record(fields, records, unclosed)


def _key(fld: Field) -> str | None:
    cfg = config()["archive"]
    key: str | None = cfg["codes"].get(fld.code.upper()) or cfg["names"].get(fld.name)
    return key


def _metadata(
    text: str, fields: list[Field], body: Field
) -> tuple[dict[str, str], dict[str, Span]]:
    """Every field but the body under its code, known ones also under a common key."""
    meta: dict[str, str] = {}
    spans: dict[str, Span] = {}
    for fld in fields:
        if fld is body:
            continue
        a, b = strip_span(text, *fld.content)
        value = text[a:b]
        meta.setdefault(fld.code, value)
        spans.setdefault(fld.code, (a, b))
        key = _key(fld)
        if key and key not in meta and value:
            meta[key] = (iso_date(value) or value) if key == "published" else value
            spans[key] = (a, b)
    return meta, spans


def _is(fld: Field, names: list[str]) -> bool:
    return fld.code in names or fld.name in names


def _body_field(fields: list[Field], where: str) -> tuple[Field, str | None]:
    """The text field, a known substitute, or the longest field (with a warning)."""
    cfg = config()["archive"]
    for names in (cfg["body_fields"], cfg["body_fallback"]):
        for fld in fields:
            if _is(fld, names):
                return fld, None
    longest = max(fields, key=lambda f: f.content[1] - f.content[0])
    label = "/".join(x for x in (longest.code, longest.name) if x)
    return longest, f"{where}: no ZW/正文 field; read the longest field ({label}) as the text"


def _body_span(text: str, span: Span) -> Span:
    """The field content without the line break after the opening tag and trailing space."""
    a, b = span
    while a < b and text[a] in "\r\n":
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def read(inp: Input) -> RawDocument:
    dec = decode_input(inp)
    text = dec.text
    record = parse_fields(text)
    if not record.fields:
        raise InputError(inp.where, "no 〖…〗 fields found in the archive record")
    warnings = list(dec.warnings)
    if record.records_in_file > 1:
        warnings.append(
            f"{inp.where}: {record.records_in_file} archive records in the file; read the first"
        )
    if record.unclosed:
        warnings.append(
            f"{inp.where}: field(s) without a closing tag: {', '.join(record.unclosed)}"
        )
    fld, note = _body_field(record.fields, inp.where)
    if note:
        warnings.append(note)
    meta, spans = _metadata(text, record.fields, fld)
    a, b = _body_span(text, fld.content)
    body = MappedText.root(text).slice_view(a, b)
    return finish(
        inp,
        text=text,
        body=body,
        fmt="archive",
        encoding=dec.encoding,
        metadata=meta,
        metadata_spans=spans,
        warnings=warnings,
    )
