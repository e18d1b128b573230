"""Keeping the search index in step with the ledger.

``index_prepared`` runs inside the ingest transaction, right after a version's
items are written, with the token strings the batch worker computed
(``luoshi.store.prepare``), so a document is searchable exactly when it is
stored. ``index_version`` does the same from the stored items. The
index holds the latest version of each document only: indexing a new version
drops the older one's rows, so a search never has to filter versions out.
``reindex`` fills in versions that have no index rows (ledgers written before
the index existed, or by a tool that skipped it) or rebuilds everything.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from luoshi.search.tables import FTS_TABLE, search_items
from luoshi.search.tokens import token_string, tsvector_literal, tsvector_of_token_string
from luoshi.store.bulk import insert_rows
from luoshi.store.tables import items, versions


def _is_pg(conn: sa.Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _insert(pg: bool) -> sa.Insert:
    tokens: sa.BindParameter[str] = sa.bindparam("tokens")
    return search_items.insert().values(
        item_id=sa.bindparam("item_id"),
        version_id=sa.bindparam("version_id"),
        document_id=sa.bindparam("document_id"),
        tokens=sa.cast(tokens, postgresql.TSVECTOR) if pg else tokens,
    )


def _drop_version(conn: sa.Connection, version_id: int) -> None:
    # on SQLite a trigger (migration 0003_search) removes the rows from search_fts too
    conn.execute(search_items.delete().where(search_items.c.version_id == version_id))


def _newest(conn: sa.Connection, document_id: str) -> int:
    return conn.execute(
        sa.select(versions.c.id)
        .where(versions.c.document_id == document_id)
        .order_by(versions.c.version_no.desc())
        .limit(1)
    ).scalar_one()


def index_version(conn: sa.Connection, version_id: int) -> int:
    """Index the items of one stored version; returns the number of rows indexed.

    Only a document's latest version is indexed: indexing it replaces the rows of
    every other version of the document (and its own: idempotent); a version that
    is not the latest gets no rows (0). Runs in the caller's transaction.
    """
    pg = _is_pg(conn)
    document_id = conn.execute(
        sa.select(versions.c.document_id).where(versions.c.id == version_id)
    ).scalar_one()
    newest = _newest(conn, document_id)
    for stale in conn.execute(
        sa.select(search_items.c.version_id)
        .where(search_items.c.document_id == document_id)
        .distinct()
    ).scalars().all():
        if stale == version_id or stale != newest:
            _drop_version(conn, stale)
    if version_id != newest:
        return 0
    encode = tsvector_literal if pg else token_string
    rows = [
        {
            "item_id": item_id,
            "version_id": version_id,
            "document_id": document_id,
            "tokens": encode(text),
        }
        for item_id, text in conn.execute(
            sa.select(items.c.id, items.c.text).where(items.c.version_id == version_id)
        )
    ]
    if rows:
        conn.execute(_insert(pg), rows)  # SQLite: a trigger adds them to search_fts
    return len(rows)


def index_prepared(
    conn: sa.Connection,
    version_id: int,
    document_id: str,
    token_strings: list[str],
    *,
    replaces_older: bool,
) -> int:
    """Index a version just written, the latest of its document, from its items' token
    strings (``token_string`` of each item's text, in seq order).

    ``replaces_older``: the document had versions before, whose rows go (a first
    version has none to look for). Returns the number of rows indexed.
    """
    if replaces_older:
        conn.execute(search_items.delete().where(search_items.c.document_id == document_id))
    if not token_strings:
        return 0
    item_ids = conn.execute(
        sa.select(items.c.id).where(items.c.version_id == version_id).order_by(items.c.seq)
    ).scalars().all()
    if len(item_ids) != len(token_strings):  # pragma: no cover - written together just now
        raise ValueError(f"version {version_id}: {len(item_ids)} items, "
                         f"{len(token_strings)} token strings")
    pairs = zip(item_ids, token_strings, strict=True)
    if _is_pg(conn):
        conn.execute(_insert(True), [
            {"item_id": item_id, "version_id": version_id, "document_id": document_id,
             "tokens": tsvector_of_token_string(joined)}
            for item_id, joined in pairs
        ])  # fmt: skip
    else:  # a trigger adds them to search_fts
        insert_rows(conn, search_items, ("item_id", "version_id", "document_id", "tokens"),
                    [(item_id, version_id, document_id, joined) for item_id, joined in pairs])
    return len(item_ids)


def reindex(engine: sa.Engine, *, full: bool = False) -> int:
    """Index every latest version that has items but no index rows (``full``: rebuild all).

    Idempotent; one transaction. Returns the number of rows indexed.
    """
    with engine.begin() as conn:
        if full:
            conn.execute(search_items.delete())
            if not _is_pg(conn):  # and start the FTS5 index afresh (it follows by trigger)
                conn.execute(sa.text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))
        other = versions.alias("other")
        newer = sa.exists().where(
            other.c.document_id == versions.c.document_id,
            other.c.version_no > versions.c.version_no,
        )
        indexed = sa.select(search_items.c.version_id).distinct()
        todo = (
            conn.execute(
                sa.select(versions.c.id)
                .where(~newer, versions.c.id.not_in(indexed))
                .where(sa.exists().where(items.c.version_id == versions.c.id))
                .order_by(versions.c.id)
            )
            .scalars()
            .all()
        )
        return sum(index_version(conn, vid) for vid in todo)
