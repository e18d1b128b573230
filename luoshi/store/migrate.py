"""Bring a ledger database to the newest schema (``alembic upgrade head``).

Run on every open so that users never run a separate migration step; alembic
is driven through its API with our own connection, so nothing reads an ini
file or configures logging (which would print to the CLI's streams).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    # configparser interpolation would eat a '%' in the install path
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Apply pending migrations in one transaction (a no-op when up to date)."""
    cfg = _config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    if current_revision(engine) == head:
        return  # the common case: skip loading env.py and the revision scripts
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def offline_sql(url: str) -> str:
    """The migration DDL for ``url``'s dialect, as text, without connecting."""
    import io

    buf = io.StringIO()
    cfg = Config(output_buffer=buf)
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, "head", sql=True)
    return buf.getvalue()
