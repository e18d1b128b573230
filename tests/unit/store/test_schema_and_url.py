"""Migrations match the table metadata, stay portable, and the DB URL is resolved as documented."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from luoshi.store import DEFAULT_DB, Ledger, display_url, resolve_db_url
from luoshi.store.migrate import current_revisions, head_revisions, offline_sql
from luoshi.store.tables import metadata


def test_open_migrates_to_head(tmp_path: Path) -> None:
    with Ledger.open(f"sqlite:///{tmp_path / 'l.db'}") as ledger:
        assert current_revisions(ledger.engine) == head_revisions() != frozenset()


def test_migrations_match_table_definitions(tmp_path: Path) -> None:
    with Ledger.open(f"sqlite:///{tmp_path / 'l.db'}") as ledger, ledger.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
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
