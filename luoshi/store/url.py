"""Which database the ledger lives in: ``--db``, else ``$LUOSHI_DB``, else ./luoshi.db."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa

DEFAULT_DB = "sqlite:///./luoshi.db"
ENV_VAR = "LUOSHI_DB"


def resolve_db_url(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The SQLAlchemy URL to use; a plain path (no ``scheme://``) is a SQLite file."""
    env = os.environ if environ is None else environ
    raw = option or env.get(ENV_VAR) or DEFAULT_DB
    if "://" in raw:
        return raw
    return "sqlite:///" + str(Path(raw).expanduser())


def display_url(url: str) -> str:
    """The URL as safe to print: never show a password in an error line."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _dumps(value: Any) -> str:
    # CJK stays CJK in the stored JSON: a third of the size of \\uXXXX escapes
    return json.dumps(value, ensure_ascii=False)


def engine_url(url: str) -> sa.URL:
    """``url`` parsed, with PostgreSQL's generic schemes mapped to psycopg 3.

    ``postgresql://`` and ``postgres://`` (the libpq spelling) both mean the
    psycopg 3 driver luoshi depends on; SQLAlchemy would otherwise look for
    psycopg2 (1.x/2.0) or not know ``postgres`` at all.
    """
    parsed = sa.make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str) -> sa.Engine:
    """An engine for ``url``; SQLite gets foreign keys on and its directory created."""
    parsed = engine_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        # writers queue for SQLite's one write lock (store/locks.py); wait for
        # a long ingest transaction rather than fail after sqlite3's default 5 s
        options["connect_args"] = {"timeout": 60}
    if parsed.get_backend_name() == "postgresql":
        # a server restart or an idle timeout must not fail the next command;
        # UTC sessions so that timestamps read back the way they were written
        options["pool_pre_ping"] = True
        options["connect_args"] = {"options": "-c timezone=UTC"}
    engine = sa.create_engine(parsed, json_serializer=_dumps, **options)
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # SQLite ignores ON DELETE CASCADE / FK checks unless asked, per connection
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

    return engine
