"""Ledgers on both backends for tests: SQLite files and throwaway PostgreSQL databases.

LUOSHI_TEST_PG_URL names a PostgreSQL server where the tests may create and
drop databases (CI starts a throwaway one: .ci/services/postgres.sh; locally
``scripts/pg-throwaway start``). Without it the PostgreSQL cases skip.

A plain module (not conftest) so that tests can import it by a unique name:
with several conftest.py files in the tree, ``from conftest import …`` gets
whichever was imported last.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# the real corpus, beside the checkout (tests that need it skip without it)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
PG_ENV = "LUOSHI_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "000"), or skip the test."""
    if not SEEDS.is_dir():
        pytest.skip("the real corpus (../shared/corpus/seeds) is not beside this checkout")
    matches = sorted(SEEDS.glob(f"{prefix}_*"))
    if not matches:
        pytest.skip(f"seed {prefix} not found")
    return matches[0]


def pg_server_url() -> str:
    """The PostgreSQL test server's URL, or skip the test."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"set {PG_ENV} to a PostgreSQL server to run this on PostgreSQL")
    return url


@contextmanager
def fresh_pg_database(server_url: str) -> Iterator[str]:
    """A new, empty, uniquely named database on the server; dropped afterwards.

    Yields its URL (same credentials and driver as ``server_url``). The drop
    uses FORCE so that a connection a failed test left open cannot keep it.
    """
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    from luoshi.store.url import engine_url

    server = engine_url(server_url)
    name = f"luoshi_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def sqlite_url(folder: Path, name: str = "ledger.db") -> str:
    return f"sqlite:///{folder / name}"
