"""One fictional ledger per backend per module (PostgreSQL only with LUOSHI_TEST_PG_URL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from backends import BACKENDS, fresh_pg_database, pg_server_url, sqlite_url
from search_fixtures import Filled, open_filled


@pytest.fixture(scope="module", params=BACKENDS)
def filled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Filled]:
    if request.param == "sqlite":
        yield from open_filled(sqlite_url(tmp_path_factory.mktemp("search")), "sqlite")
        return
    with fresh_pg_database(pg_server_url()) as url:
        yield from open_filled(url, "postgresql")
