"""Bring a ledger database to the newest schema (``alembic upgrade heads``).

Migrations after 0002 branch from it, one branch per feature (links, search,
web accounts), so that they can be written independently; "heads" applies all
branches.

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

from luoshi.store.locks import exclusive

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    cfg = Config()
    # configparser interpolation would eat a '%' in the install path
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    return cfg


def head_revisions() -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(_config()).get_heads())


def current_revisions(engine: sa.Engine) -> frozenset[str]:
    with engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: sa.Engine, revision: str = "heads") -> None:
    """Apply pending migrations up to ``revision`` in one transaction.

    A no-op when already there. Anything but "heads" is for tests and repairs
    (e.g. building a ledger as an older luoshi left it).
    """
    cfg = _config()
    if revision in ("head", "heads") and current_revisions(engine) == head_revisions():
        return  # the common case: skip loading env.py and the revision scripts
    with engine.begin() as conn:
        # Processes starting together on a new PostgreSQL ledger (serve
        # workers, a batch ingest) take turns; the later ones then find the
        # version table at heads and alembic does nothing.
        exclusive(conn, "migrate")
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
    command.upgrade(cfg, "heads", sql=True)
    return buf.getvalue()
