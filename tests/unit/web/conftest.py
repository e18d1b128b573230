"""Fixtures of the web tests (helpers in webfixtures.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from webfixtures import web_client


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    """(client, ids) over a fresh SQLite ledger of the fictional fixtures."""
    with web_client(f"sqlite:///{tmp_path / 'web.db'}") as pair:
        yield pair
