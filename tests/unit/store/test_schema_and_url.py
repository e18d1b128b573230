"""Migrations match the table metadata, stay portable, and the DB URL is resolved as documented."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from luoshi.store import DEFAULT_DB, Ledger, display_url, resolve_db_url
from luoshi.store.migrate import current_revisions, head_revisions, offline_sql
from luoshi.store.tables import metadata


def test_open_migrates_to_head(ledger_url: str) -> None:
    with Ledger.open(ledger_url) as ledger:
        assert current_revisions(ledger.engine) == head_revisions() != frozenset()


def import_table_modules() -> None:
    """Import every module that adds tables to the shared metadata.

    Features define their tables next to their code (luoshi/store/*.py,
    luoshi/<feature>/tables.py); unimported, they would look like tables the
    migrations created and the metadata lacks.
    """
    import luoshi
    import luoshi.store

    for mod in pkgutil.iter_modules(luoshi.store.__path__, "luoshi.store."):
        if mod.name != "luoshi.store.migrations":
            importlib.import_module(mod.name)
    for pkg in pkgutil.iter_modules(luoshi.__path__, "luoshi."):
        if pkg.ispkg and importlib.util.find_spec(f"{pkg.name}.tables") is not None:
            importlib.import_module(f"{pkg.name}.tables")


def sqlite_virtual_tables(conn: sa.Connection) -> set[str]:
    """SQLite virtual tables (e.g. FTS5) and their shadow tables: no metadata can describe them."""
    if conn.dialect.name != "sqlite":
        return set()
    virtual = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
    ).scalars().all()
    names = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars()
    return {n for n in names for v in virtual if n == v or n.startswith(v + "_")}


def test_migrations_match_table_definitions(ledger_url: str) -> None:
    import_table_modules()
    with Ledger.open(ledger_url) as ledger, ledger.engine.connect() as conn:
        skip = sqlite_virtual_tables(conn)

        def described(obj: object, name: str | None, type_: str, reflected: bool,
                      compare_to: object) -> bool:  # fmt: skip
            if type_ == "table" and reflected and name in skip:
                return False
            # metadata objects made for other backends only (``.ddl_if(dialect=...)``)
            wanted = getattr(getattr(obj, "_ddl_if", None), "dialect", None)
            if not reflected and wanted is not None:
                return conn.dialect.name in ([wanted] if isinstance(wanted, str) else wanted)
            return True

        ctx = MigrationContext.configure(conn, opts={"include_object": described})
        diff = compare_metadata(ctx, metadata)
    assert diff == []


def test_migration_renders_for_postgresql_without_sqlite_only_sql() -> None:
    ddl = offline_sql("postgresql://luoshi@localhost/luoshi")
    for table in ("documents", "versions", "sources", "items", "defects"):
        assert f"CREATE TABLE {table}" in ddl
    assert "AUTOINCREMENT" not in ddl.upper()
    assert "PRAGMA" not in ddl.upper()


def test_tables_compile_for_postgresql() -> None:
    from sqlalchemy.dialects import postgresql

    for table in metadata.sorted_tables:
        str(sa.schema.CreateTable(table).compile(dialect=postgresql.dialect()))


def test_db_url_precedence() -> None:
    env = {"LUOSHI_DB": "sqlite:///from-env.db"}
    assert resolve_db_url("sqlite:///opt.db", env) == "sqlite:///opt.db"
    assert resolve_db_url(None, env) == "sqlite:///from-env.db"
    assert resolve_db_url(None, {}) == DEFAULT_DB == "sqlite:///./luoshi.db"
    assert resolve_db_url(None, {"LUOSHI_DB": ""}) == DEFAULT_DB


def test_plain_path_means_sqlite_file(tmp_path: Path) -> None:
    assert resolve_db_url("ledger.db", {}) == "sqlite:///ledger.db"
    assert resolve_db_url(str(tmp_path / "x.db"), {}) == f"sqlite:///{tmp_path}/x.db"
    assert resolve_db_url("postgresql://u:p@h/db", {}) == "postgresql://u:p@h/db"


def test_sqlite_parent_folder_is_created(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "l.db"
    with Ledger.open(resolve_db_url(str(target), {})):
        pass
    assert target.exists()


def test_display_url_hides_passwords() -> None:
    shown = display_url("postgresql://luoshi:s3cret@db.example/luoshi")
    assert "s3cret" not in shown
    assert "db.example" in shown


def test_postgresql_urls_use_psycopg_3() -> None:
    from luoshi.store.url import engine_url

    for plain in ("postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg://u@h/db"):
        assert engine_url(plain).drivername == "postgresql+psycopg"
    assert engine_url("postgresql+psycopg2://u@h/db").drivername == "postgresql+psycopg2"
    assert engine_url("sqlite:///x.db").drivername == "sqlite"


def test_postgresql_ledger_sessions_are_utc(pg_url: str) -> None:
    with Ledger.open(pg_url) as ledger, ledger.engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW timezone").scalar() == "UTC"
