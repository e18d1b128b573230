"""The ledger's latest versions as ``Document`` objects, and the id mapping.

Linking code (``luoshi.link``) names documents by ``anchors.doc_id`` (from the
version's sha256) or by the sha256 itself; the ledger names them by the id of
their first version. :class:`Corpus` holds both and rewrites every ``"doc"``
value of a JSON result into the ledger's id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from luoshi.deserialize import record_to_document
from luoshi.link.anchors import doc_date, doc_id, sha_doc_id
from luoshi.model import Document
from luoshi.store.tables import versions

# Bump when linking changes what it stores for the same input: forces a re-link.
LINK_CODE_VERSION = "1"
# Rules that change linking results: editing one forces a re-link too.
RULE_FILES = ("link_rules.toml", "status_rules.toml", "series_rules.toml", "meetings.toml")
DATA = Path(__file__).resolve().parents[1] / "data"


# a "doc" key and its string value in canonical JSON (see Corpus.remap_text)
_DOC_VALUE = re.compile(r'"doc":"([^"\\]*)"')


@dataclass(slots=True)
class LedgerDoc:
    id: str  # ledger document id
    version_id: int
    sha256: str
    doc: Document

    @property
    def link_id(self) -> str:
        return doc_id(self.doc)

    @property
    def date(self) -> str | None:
        return doc_date(self.doc)


@dataclass(frozen=True, slots=True)
class VersionRef:
    """A document's latest version as the ledger lists it, before it is loaded."""

    id: str  # ledger document id
    version_id: int
    sha256: str


@dataclass(slots=True)
class Corpus:
    """The documents held for linking, and the ids of every document linked.

    ``versions`` names documents that are not held (a large archive's copies are
    let go once merged) so that their ids still map to the ledger's."""

    docs: list[LedgerDoc]  # ordered by ledger id
    versions: Sequence[VersionRef] = ()
    to_ledger: dict[str, str] = field(default_factory=dict)  # link id / sha256 → ledger id
    by_id: dict[str, LedgerDoc] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for v in self.versions:
            self.to_ledger[sha_doc_id(v.sha256)] = v.id
            self.to_ledger[v.sha256] = v.id
        for d in self.docs:
            self.to_ledger[d.link_id] = d.id
            self.to_ledger[d.sha256] = d.id
            self.by_id[d.id] = d

    def ledger_id(self, ref: str) -> str:
        return self.to_ledger.get(ref, ref)

    def remap_text(self, text: str) -> str:
        """``text``, canonical JSON (``compute.dump``), with every ``"doc"`` string
        rewritten to the ledger's id: ``dump(remap(v)) == remap_text(dump(v))``,
        without walking the value in Python. In that JSON a quote inside a
        string is escaped, so ``"doc":"`` only occurs as a key and its value."""
        return _DOC_VALUE.sub(lambda m: f'"doc":"{self.ledger_id(m.group(1))}"', text)

    def remap(self, value: Any) -> Any:
        """A JSON value with every ``"doc"`` entry rewritten to the ledger's id."""
        if isinstance(value, dict):
            return {
                k: (self.ledger_id(v) if k == "doc" and isinstance(v, str) else self.remap(v))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self.remap(v) for v in value]
        return value


def _latest_versions(conn: sa.Connection) -> list[Any]:
    latest = (
        sa.select(versions.c.document_id, sa.func.max(versions.c.version_no).label("no"))
        .group_by(versions.c.document_id)
        .subquery()
    )
    q = (
        sa.select(versions.c.document_id, versions.c.id, versions.c.sha256)
        .join(
            latest,
            sa.and_(
                versions.c.document_id == latest.c.document_id,
                versions.c.version_no == latest.c.no,
            ),
        )
        .order_by(versions.c.document_id)
    )
    return list(conn.execute(q))


def rules_fingerprint() -> str:
    """A hash of the linking code version and the rule files it reads."""
    h = hashlib.sha256(f"link:{LINK_CODE_VERSION}\n".encode())
    for name in RULE_FILES:
        path = DATA / name
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()


def fingerprint(conn: sa.Connection) -> tuple[str, list[Any]]:
    """A hash of the rules and of (document id, sha256) of every latest version,
    with the version rows."""
    rows = _latest_versions(conn)
    h = hashlib.sha256(rules_fingerprint().encode())
    for r in rows:
        h.update(f"{r.document_id} {r.sha256}\n".encode())
    return h.hexdigest(), rows


# Strings up to this length in facts (ids, names, sides, actions, dates) are
# shared between all documents of one load: the same values recur in every
# item, and one object each cut the documents' memory by ~30 % (19.4 → 13.4 KB
# per item on a generated archive).
SHARED_MAX_LEN = 40


def share_strings(value: Any, table: dict[str, str]) -> None:
    """Replace, in place, every short string inside ``value`` (dicts and lists)
    by the equal one ``table`` already holds (equal values, fewer objects)."""
    if isinstance(value, dict):
        entries: Any = value.items()
    elif isinstance(value, list):
        entries = enumerate(value)
    else:
        return
    for k, x in entries:  # replacing a value never resizes what is iterated
        if isinstance(x, str):
            if len(x) <= SHARED_MAX_LEN:
                value[k] = table.setdefault(x, x)
        elif isinstance(x, dict | list):
            share_strings(x, table)


# versions read per query: keeps the IN list within backend limits, and a
# chunk's records (decompressed) in memory at a time
LOAD_CHUNK = 500


def iter_documents(
    conn: sa.Connection, version_ids: Sequence[int], *, text: bool = True,
    strings: dict[str, str] | None = None,
) -> Iterator[tuple[int, Document]]:
    """(version id, document) of the given versions, rebuilt from their stored
    records a chunk at a time, in no particular order. ``text=False`` leaves
    the source text out (finding copies does not read it); ``strings``: when
    given, the facts' short strings are shared through it (see
    :func:`share_strings`; a table kept across calls shares more)."""
    ids = list(version_ids)
    cols = [versions.c.id, versions.c.parsed] + ([versions.c.original] if text else [])
    for start in range(0, len(ids), LOAD_CHUNK):
        chunk = ids[start : start + LOAD_CHUNK]
        rows = conn.execute(sa.select(*cols).where(versions.c.id.in_(chunk))).all()
        for r in rows:
            doc = record_to_document(r.parsed, r.original if text else "")
            if strings is not None:
                for item in doc.items:
                    share_strings(item.facts, strings)
            yield int(r.id), doc


def load_documents(conn: sa.Connection, version_ids: Sequence[int]) -> dict[int, Document]:
    """Documents of the given versions, rebuilt from their stored records."""
    return dict(iter_documents(conn, version_ids, strings={}))

