"""Shared test helpers: where the real corpus lives, and parsing it once."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from backends import BACKENDS, SEEDS, fresh_pg_database, pg_server_url, seed_path, sqlite_url

REPO = Path(__file__).resolve().parents[1]
# re-exported for tests that import them from here (prefer `from backends import …`)
__all__ = ["REPO", "SEEDS", "seed_path"]


@cache
def _parsed(path: str):
    from luoshi.pipeline import parse

    return parse(path)


@pytest.fixture
def seed():
    """seed('000') → the parsed Document of that seed (parsed once per session)."""
    return lambda prefix: _parsed(str(seed_path(prefix)))


# -- ledgers on both backends (helpers in backends.py) --------------------------


@pytest.fixture(params=BACKENDS)
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty ledger: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with fresh_pg_database(pg_server_url()) as url:
        yield url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database only (skips without LUOSHI_TEST_PG_URL)."""
    with fresh_pg_database(pg_server_url()) as url:
        yield url
