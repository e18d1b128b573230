"""Compressed columns: a stored record or source text as zlib bytes, read back as before.

``versions.parsed`` (the record, ≈ 100 KB of JSON for an 11 KB document) and
``versions.original`` (the source text) are most of a ledger's bytes and are
only ever read whole, so they are stored zlib-compressed (the record shrinks to
about a sixth, the text to under half). The column types here do the packing, so code that reads
``versions.c.parsed`` still gets the record (a dict) and ``versions.c.original``
a str, on SQLite and PostgreSQL alike (BLOB / bytea).

Writing accepts either the value (packed here) or bytes packed beforehand by
``pack_json`` / ``pack_text``: workers compress, so that the single writer only
inserts.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import sqlalchemy as sa

from luoshi.serialize import dumps

# zlib's default: level 1 is 2.5 ms faster per record and 20 % larger.
LEVEL = 6


def pack_json(value: Any) -> bytes:
    return zlib.compress(dumps(value).encode("utf-8"), LEVEL)


def unpack_json(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob))


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def _as_bytes(value: Any) -> bytes:
    # psycopg may hand back a memoryview for bytea
    return bytes(value) if not isinstance(value, bytes) else value


# Reading also accepts the column as it was before migration 0004_compact (JSON
# text, or what a driver decoded from a json column; plain text): a ledger at
# an older revision, e.g. inside a migration test, reads the same.


class ZlibJSON(sa.types.TypeDecorator[Any]):
    """A JSON value stored as zlib-compressed UTF-8 JSON text (bytes: already packed)."""

    impl = sa.LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> bytes | None:
        if value is None or isinstance(value, bytes):
            return value
        return pack_json(value)

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Any:
        if isinstance(value, bytes | bytearray | memoryview):
            return unpack_json(_as_bytes(value))
        return json.loads(value) if isinstance(value, str) else value


class ZlibText(sa.types.TypeDecorator[str]):
    """A text stored zlib-compressed as UTF-8 (bytes: already packed)."""

    impl = sa.LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> bytes | None:
        if value is None or isinstance(value, bytes):
            return value
        return pack_text(str(value))

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> str | None:
        if isinstance(value, bytes | bytearray | memoryview):
            return unpack_text(_as_bytes(value))
        return value
