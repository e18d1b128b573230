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


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Apply pending migrations up to ``revision`` in one transaction.

    A no-op when already there. Anything but "head" is for tests and repairs
    (e.g. building a ledger as an older luoshi left it).
    """
    cfg = _config()
    target = ScriptDirectory.from_config(cfg).get_current_head() if revision == "head" else revision
    if current_revision(engine) == target:
        return  # the common case: skip loading env.py and the revision scripts
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: sa.Engine, revision: str) -> None:
    """Undo migrations down to ``revision``, in one transaction (never run by luoshi itself)."""
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def offline_sql(url: str) -> str:
    """The migration DDL for ``url``'s dialect, as text, without connecting."""
    import io

    buf = io.StringIO()
    cfg = Config(output_buffer=buf)
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, "head", sql=True)
    return buf.getvalue()
